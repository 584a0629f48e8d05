"""assign_roles: who did what to whom, from the dependency parse."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.events.actors import Perspective, find_actors
from conflictcoder.events.roles import assign_roles, governing_verb
from conflictcoder.events.triggers import find_triggers

Parse = Callable[[str], SpacySpan]
AZE_SPEAKS = Perspective(own="AZE", other="ARM")


def _roles(sentence: SpacySpan, trigger: str) -> list[tuple[str, str]]:
    """Roles for the trigger whose text is ``trigger`` (as found by find_triggers)."""
    doc = sentence.doc
    hits = [h for h in find_triggers(sentence, 0) if doc.text[h.start : h.end] == trigger]
    assert len(hits) == 1, [doc.text[h.start : h.end] for h in find_triggers(sentence, 0)]
    mentions = find_actors(sentence, AZE_SPEAKS)
    return [(m.text(doc), role) for m, role in assign_roles(doc[hits[0].head], mentions)]


def test_subject_is_actor1_and_object_target(sent: Parse) -> None:
    s = sent("Armenian forces opened fire on our positions.")
    assert _roles(s, "opened fire") == [("Armenian forces", "actor1"), ("our positions", "target")]


def test_passive_agent_is_actor1_and_passive_subject_target(sent: Parse) -> None:
    s = sent("Our soldiers were attacked by Armenian units.")
    assert _roles(s, "attacked") == [("Our soldiers", "target"), ("Armenian units", "actor1")]


def test_against_x_is_the_target(sent: Parse) -> None:
    s = sent("Armenian forces launched an attack against our positions.")
    assert _roles(s, "attack") == [("Armenian forces", "actor1"), ("our positions", "target")]


@pytest.mark.parametrize(
    "text, trigger, victim",
    [
        ("Armenian forces shelled civilians in the village.", "shelled", "civilians"),
        ("Rebels killed three villagers near the market.", "killed", "three villagers"),
    ],
)
def test_civilian_targets_are_victims(sent: Parse, text: str, trigger: str, victim: str) -> None:
    roles = _roles(sent(text), trigger)
    assert (victim, "victim") in roles
    assert all(role != "target" for _, role in roles)


@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "Azerbaijani troops and Armenian forces clashed near the border.",
            "Azerbaijani troops",
            "Armenian forces",
        ),
        ("Armenia and Azerbaijan clashed on the border.", "Armenia", "Azerbaijan"),
    ],
)
def test_second_conjoined_actor_is_actor2(sent: Parse, text: str, first: str, second: str) -> None:
    assert _roles(sent(text), "clashed") == [(first, "actor1"), (second, "actor2")]


def test_came_under_bombardment_from_x(sent: Parse) -> None:
    s = sent("Our positions came under heavy bombardment from Armenian troops.")
    assert _roles(s, "bombardment") == [("Our positions", "target"), ("Armenian troops", "actor1")]


def test_came_under_fire_from_x(sent: Parse) -> None:
    s = sent("Our positions came under fire from Armenian troops.")
    assert _roles(s, "came under fire") == [
        ("Our positions", "target"),
        ("Armenian troops", "actor1"),
    ]


def test_mentions_not_tied_to_the_trigger_are_left_out(sent: Parse) -> None:
    s = sent("The Armenian side said that Azerbaijani forces opened fire on the village.")
    assert _roles(s, "opened fire") == [("Azerbaijani forces", "actor1")]


def test_governing_verb_of_a_nominal_trigger(sent: Parse) -> None:
    s = sent("Our positions came under heavy bombardment from Armenian troops.")
    bombardment = next(t for t in s if t.text == "bombardment")
    assert governing_verb(bombardment).text == "came"
    shelled = next(t for t in sent("Armenian forces shelled the village.") if t.text == "shelled")
    assert governing_verb(shelled).i == shelled.i
