"""An event whose sentence names no day takes the last day named before it in its paragraph."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from conflictcoder.config import Config
from conflictcoder.events.assemble import extract_events
from conflictcoder.events.dates import paragraph_date
from conflictcoder.ingest.document import build_document
from conflictcoder.nlp.pipeline import parse
from conflictcoder.records import DateRange, RawInput, Span


def test_the_day_of_the_paragraph_carries_to_an_undated_sentence(nlp: Language) -> None:
    text = (
        "Yerevan, 20 March 2023 (Armenpress): On 16 March, a man crossed the state border "
        "near Movses at night. Border guards shot at him and wounded him.\n"
    )
    config = Config()
    document = build_document(RawInput(path=None, text=text), config)
    events = extract_events(document, parse(document, config), config)
    (shot,) = [e for e in events if e.trigger.text.startswith("shot")]
    assert shot.date is not None and shot.date.start == shot.date.end == dt.date(2023, 3, 16)
    assert shot.date.text == "16 March"


def test_a_blank_line_ends_the_paragraph() -> None:
    text = "On 16 March, a man crossed the border.\n\nGuards shot at him."
    day = DateRange(
        dt.date(2023, 3, 16), dt.date(2023, 3, 16), "day", "16 March", Span(3, 11, "16 March")
    )
    second = Span(40, 59, text[40:59])
    assert paragraph_date([day], text, second) is None
    same = "On 16 March, a man crossed the border. Guards shot at him."
    assert paragraph_date([day], same, Span(39, 58, same[39:58])) == day
