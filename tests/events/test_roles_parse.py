"""Roles from the dependency parse, one construction per sentence (sentences of our own).

Each case names a trigger and the roles it must carry: (a word of the mention, role).
``FORBIDDEN`` lists mentions that must not take a role (the speaker of reported speech).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.events.actors import Perspective, find_actors
from conflictcoder.events.roles import assign_roles
from conflictcoder.events.triggers import find_triggers

Parse = Callable[[str], SpacySpan]
NOBODY = Perspective(own=None, other=None)

# (sentence, trigger text, expected (word in mention, role) pairs)
CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # active subject → actor1, object → target / victim
    (
        "Gunmen shot two police officers outside a bank.",
        "shot",
        [("Gunmen", "actor1"), ("officers", "target")],
    ),
    (
        "Assailants stabbed a student near the campus.",
        "stabbed",
        [("Assailants", "actor1"), ("student", "victim")],
    ),
    ("A mob attacked a police station.", "attacked", [("mob", "actor1")]),
    (
        "Unknown attackers torched a school.",
        "torched",
        [("attackers", "actor1")],
    ),
    # passive subject → target, the "by" agent → actor1
    (
        "Three soldiers were killed by militants in an ambush.",
        "killed",
        [("soldiers", "target"), ("militants", "actor1")],
    ),
    (
        "Two nurses were abducted by insurgents on the highway.",
        "abducted",
        [("nurses", "victim"), ("insurgents", "actor1")],
    ),
    # nominal triggers
    (
        "The army's attack on the rebels lasted two hours.",
        "attack",
        [("army", "actor1"), ("rebels", "target")],
    ),
    (
        "Residents condemned the shelling of villagers by government troops.",
        "shelling",
        [("villagers", "victim"), ("troops", "actor1")],
    ),
    (
        "Officials reported an attack against police in the district.",
        "attack",
        [("police", "target")],
    ),
    # nationality and group modifiers on the trigger or the weapon
    (
        "Iranian drones struck an oil depot on Sunday.",
        "struck",
        [("Iranian", "actor1")],
    ),
    ("A Syrian rocket hit a crowded market.", "hit", [("Syrian", "actor1")]),
    (
        "Saudi-led strikes killed twelve people overnight.",
        "killed",
        [("Saudi", "actor1"), ("people", "victim")],
    ),
    (
        "A Taliban ambush killed four soldiers.",
        "ambush",
        [("Taliban", "actor1")],
    ),
    (
        "Turkish jets bombed villages across the border.",
        "bombed",
        [("Turkish", "actor1")],
    ),
    (
        "A navy missile strike destroyed a radar station.",
        "strike",
        [("navy", "actor1")],
    ),
    # coordination sharing a subject
    (
        "Gunmen stormed the compound and shot at police officers.",
        "shot",
        [("Gunmen", "actor1"), ("officers", "target")],
    ),
    # relative and participial clauses
    (
        "Gunmen who stormed the hotel took several guests hostage.",
        "stormed",
        [("Gunmen", "actor1")],
    ),
    (
        "Militants attacked a bus depot, killing 13 civilians.",
        "attacked",
        [("Militants", "actor1"), ("civilians", "victim")],
    ),
    (
        "Militants attacked a bus depot, killing 13 civilians.",
        "killing",
        [("Militants", "actor1"), ("civilians", "victim")],
    ),
    (
        "Rebels raided the settlement, leaving five villagers dead.",
        "raided",
        [("Rebels", "actor1"), ("villagers", "victim")],
    ),
    (
        "Two nurses who were abducted by insurgents were freed.",
        "abducted",
        [("nurses", "victim"), ("insurgents", "actor1")],
    ),
    (
        "Three soldiers killed in the raid were buried on Monday.",
        "killed",
        [("soldiers", "target")],
    ),
    # the clausal complement of a reporting verb
    (
        "Police said gunmen opened fire on worshippers at a mosque.",
        "opened fire",
        [("gunmen", "actor1"), ("worshippers", "victim")],
    ),
    (
        "The governor said soldiers had shot three protesters.",
        "shot",
        [("soldiers", "actor1"), ("protesters", "victim")],
    ),
    # "be to blame": the infinitive reads passively, so the subject of "be" is the blamed one
    (
        "The envoy stressed that the Syrian army is to blame for the raids.",
        "blame",
        [("army", "target")],
    ),
    # the subject of a verb of dying undergoes the event it died in
    (
        "Nine villagers died in the shelling of the quarry.",
        "shelling",
        [("villagers", "victim")],
    ),
    # plain cases the new naming must not break
    (
        "Troops fired on demonstrators in the capital.",
        "fired",
        [("Troops", "actor1"), ("demonstrators", "victim")],
    ),
    (
        "Security forces clashed with rioters near the stadium.",
        "clashed",
        [("forces", "actor1"), ("rioters", "actor2")],
    ),
    (
        "An airstrike by the Nigerian air force killed six fishermen.",
        "airstrike",
        [("air force", "actor1")],
    ),
]

# Speakers are claimants, never doers.
FORBIDDEN = {
    "Police said gunmen opened fire on worshippers at a mosque.": ["Police"],
    "The governor said soldiers had shot three protesters.": ["governor"],
}


def roles_for(sentence: SpacySpan, trigger: str) -> list[tuple[str, str]]:
    doc = sentence.doc
    hits = [h for h in find_triggers(sentence, 0) if trigger in doc.text[h.start : h.end]]
    assert hits, [doc.text[h.start : h.end] for h in find_triggers(sentence, 0)]
    mentions = find_actors(sentence, NOBODY)
    return [(m.text(doc), role) for m, role in assign_roles(doc[hits[0].head], mentions)]


@pytest.mark.parametrize(
    "text, trigger, expected", CASES, ids=[f"{c[1]}:{c[0][:30]}" for c in CASES]
)
def test_role_from_the_parse(
    sent: Parse, text: str, trigger: str, expected: list[tuple[str, str]]
) -> None:
    got = roles_for(sent(text), trigger)
    for word, role in expected:
        assert any(word in span and r == role for span, r in got), (word, role, got)
    for word in FORBIDDEN.get(text, []):
        assert all(word not in span for span, _ in got), (word, got)
