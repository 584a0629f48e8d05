"""Places and counts of a sentence go to the event whose trigger they hang from in the tree,
and the seat of a speaker is not where the reported event happened (sentences written for
these tests)."""

from __future__ import annotations

from spacy.language import Language

from conflictcoder.config import Config
from conflictcoder.events.assemble import extract_events
from conflictcoder.events.attachment import speaker_seat, tree_distance
from conflictcoder.ingest.document import build_document
from conflictcoder.nlp.pipeline import parse
from conflictcoder.records import Event, RawInput


def _events(text: str) -> tuple[Event, ...]:
    config = Config()
    document = build_document(RawInput(path=None, text=text), config)
    return extract_events(document, parse(document, config), config)


def _by_type(events: tuple[Event, ...], plover: str) -> Event:
    (found,) = [e for e in events if e.type.plover_type == plover]
    return found


def test_tree_distance_counts_arcs(nlp: Language) -> None:
    doc = nlp("Guards fired at the van.")
    assert tree_distance(doc[0], doc[0]) == 0
    assert tree_distance(doc[0], doc[1]) == 1
    assert tree_distance(doc[0], doc[4]) == 3  # Guards <- fired -> at -> van


def test_the_speakers_seat_is_not_the_event_place() -> None:
    events = _events("Officials in Tbilisi said gunmen attacked a police post near Gori.")
    assert [loc.name for e in events for loc in e.locations] == ["Gori"]


def test_a_seat_inside_the_event_is_kept(nlp: Language) -> None:
    doc = nlp("Gunmen in Gori attacked a post, officials said.")
    assert not speaker_seat(doc[2], doc[3])


def test_each_event_keeps_the_place_of_its_own_clause() -> None:
    events = _events("Teachers rallied in Kutaisi while artillery shelled villages near Mariupol.")
    assert [loc.name for loc in _by_type(events, "PROTEST").locations] == ["Kutaisi"]
    assert [loc.name for loc in _by_type(events, "ASSAULT").locations] == ["Mariupol"]


def test_a_count_goes_to_the_event_it_hangs_from() -> None:
    events = _events(
        "A roadside bomb killed five soldiers near Kandahar as protesters blocked a highway "
        "in Herat."
    )
    bomb, protest = _by_type(events, "ASSAULT"), _by_type(events, "PROTEST")
    assert bomb.fatalities is not None and bomb.fatalities.min == 5
    assert protest.fatalities is None
    assert [loc.name for loc in protest.locations] == ["Herat"]
