"""Places the NER misses in a place slot ("near Movses, Tavush") and places carried to the
next sentence of a paragraph that names none of its own."""

from __future__ import annotations

from spacy.language import Language

from conflictcoder.config import Config
from conflictcoder.events.assemble import extract_events
from conflictcoder.events.places import find_places
from conflictcoder.geo.gazetteer import load_gazetteer
from conflictcoder.ingest.document import build_document
from conflictcoder.nlp.pipeline import parse
from conflictcoder.records import Event, RawInput


def _events(text: str) -> tuple[Event, ...]:
    config = Config()
    document = build_document(RawInput(path=None, text=text), config)
    return extract_events(document, parse(document, config), config)


def _places(event: Event) -> list[str | None]:
    return [loc.name for loc in event.locations]


def test_a_small_village_after_near_is_a_place(nlp: Language) -> None:
    sentence = "On 8 May, troops fired on positions located near Movses, Tavush."
    sent = next(iter(nlp(sentence).sents))
    found = [p.span.text for p in find_places(sent, 0, load_gazetteer(Config()), set())]
    assert "Movses" in found


def test_a_region_after_a_compass_word_is_a_place(nlp: Language) -> None:
    # the small model calls this one an organisation; the preposition and gazetteer vouch
    sentence = "The army has retaken most of the villages in eastern Ghouta, officials said."
    sent = next(iter(nlp(sentence).sents))
    found = find_places(sent, 0, load_gazetteer(Config()), set())
    assert [p.span.text for p in found] == ["Ghouta"]


def test_a_person_or_body_the_gazetteer_does_not_know_is_no_place(nlp: Language) -> None:
    sentence = (
        "On 8 May, troops fired on positions located near Brightwater Mills and Colonel Fitzgerald."
    )
    sent = next(iter(nlp(sentence).sents))
    assert find_places(sent, 0, load_gazetteer(Config()), set()) == []


FIRST = (
    "Yerevan, 4 June 2023 (Armenpress): On 3 June, unidentified gunmen attacked a police "
    "post in Gyumri."
)
SECOND = "Hours later, residents blocked the main road and demanded better protection.\n"


def _blockade(events: tuple[Event, ...]) -> Event:
    (found,) = [e for e in events if e.trigger.text.startswith("blocked")]
    return found


def test_the_next_sentence_of_a_paragraph_keeps_the_place(nlp: Language) -> None:
    blockade = _blockade(_events(FIRST + " " + SECOND))
    assert _places(blockade) == ["Gyumri"]
    # the carried place points at its own words, in the first sentence
    spans = [ev.text for ev in blockade.evidence if ev.field == "locations"]
    assert spans == ["Gyumri"]


def test_a_new_paragraph_does_not_inherit_the_place(nlp: Language) -> None:
    blockade = _blockade(_events(FIRST + "\n\n" + SECOND))
    assert _places(blockade) == []
