"""Participants no lexicon knows, read from the parse (sentences of our own)."""

from __future__ import annotations

import pytest

from conflictcoder.config import Config
from conflictcoder.events.assemble import extract_events
from conflictcoder.ingest.document import build_document
from conflictcoder.nlp.pipeline import parse
from conflictcoder.records import Event, RawInput

DATELINE = "Mosul, 9 October 2023: "


def _events(text: str) -> tuple[Event, ...]:
    config = Config()
    document = build_document(RawInput(path=None, text=DATELINE + text), config)
    return extract_events(document, parse(document, config), config)


def _roles(event: Event) -> list[tuple[str, str | None]]:
    return [(a.role, a.text) for a in event.actors]


@pytest.mark.usefixtures("nlp")
def test_a_building_in_the_object_slot_is_the_target() -> None:
    (event,) = _events("Gunmen fired on a pharmacy near the bus station.")
    assert ("target", "pharmacy") in _roles(event)
    assert any(role == "actor1" and text == "Gunmen" for role, text in _roles(event))


@pytest.mark.usefixtures("nlp")
def test_a_named_person_in_the_passive_subject_slot_is_the_target() -> None:
    (event,) = _events("Farid Haddad was wounded in the shelling of the old market.")
    assert ("target", "Farid Haddad") in _roles(event)


@pytest.mark.usefixtures("nlp")
def test_the_object_of_a_verb_whose_subject_is_the_trigger_noun() -> None:
    # "a car bomb wounded X": the bomb is the event, the verb's object its sufferer.
    (event,) = _events("A car bomb wounded a retired judge on Tuesday.")
    assert ("target", "retired judge") in _roles(event)


@pytest.mark.usefixtures("nlp")
def test_a_common_noun_is_never_a_doer_and_a_place_word_never_a_target() -> None:
    events = _events("The blast destroyed the village of Tel Kaif.")
    assert all(a.role != "actor1" for e in events for a in e.actors)
    assert all("village" not in (a.text or "") for e in events for a in e.actors)


@pytest.mark.usefixtures("nlp")
def test_a_known_actor_keeps_its_slot() -> None:
    (event,) = _events("Soldiers shot two protesters near the bridge.")
    sufferers = [text for role, text in _roles(event) if role in ("target", "victim")]
    assert sufferers == ["two protesters"]
    assert all(a.sector != "other" for a in event.actors)


@pytest.mark.usefixtures("nlp")
def test_a_building_after_a_locative_preposition_is_the_site() -> None:
    # "at/outside <a building>": where it happened, kept inside the event's town; an
    # attack "on" a building keeps the building as its target.
    (event,) = _events("A grenade exploded outside a pharmacy on Kafr Street in Mosul.")
    sites = [loc.text for loc in event.locations if loc.feature == "site"]
    assert sites == ["pharmacy", "Kafr Street"]
    assert all(loc.lat is None and loc.country == "IRQ" for loc in event.locations[1:])
    assert event.locations[0].name == "Mosul"
    assert all(a.text != "pharmacy" for a in event.actors)
    (event,) = _events("Gunmen fired on a pharmacy in Mosul.")
    assert not [loc for loc in event.locations if loc.feature == "site"]
    assert ("target", "pharmacy") in _roles(event)


@pytest.mark.usefixtures("nlp")
def test_any_noun_in_the_agent_slot_is_the_doer() -> None:
    # "strikes by the alliance": the text itself names the doer, common noun or not.
    (event,) = _events("Overnight strikes by the alliance killed four herders.")
    assert ("actor1", "alliance") in _roles(event)
