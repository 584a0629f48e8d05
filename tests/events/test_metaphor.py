"""Violence words that report no violence (sentences of our own)."""

from __future__ import annotations

import pytest

from conflictcoder.config import Config
from conflictcoder.events.assemble import extract_events
from conflictcoder.ingest.document import build_document
from conflictcoder.nlp.pipeline import parse
from conflictcoder.records import Event, RawInput

DATELINE = "Lagos, 2 April 2024: "


def _events(text: str) -> tuple[Event, ...]:
    config = Config()
    document = build_document(RawInput(path=None, text=DATELINE + text), config)
    return extract_events(document, parse(document, config), config)


@pytest.mark.usefixtures("nlp")
def test_an_attack_on_a_thing_said_is_criticism() -> None:
    (event,) = _events("Union leaders attacked the new pension bill as unfair.")
    assert (event.type.plover_type, event.type.category) == ("ACCUSE", "condemn")
    (event,) = _events("Gunmen attacked a police post near the port.")
    assert event.type.plover_type == "ASSAULT"


@pytest.mark.usefixtures("nlp")
def test_a_sentence_about_a_game_keeps_no_violent_event() -> None:
    assert _events("The winger fired a shot past the goalkeeper just before half-time.") == ()
    # One sports word among conflict words is no game.
    (event,) = _events("Soldiers fired on protesters outside the stadium.")
    assert event.type.plover_type == "ASSAULT"
