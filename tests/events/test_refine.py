"""refine and in_context: a trigger's category from its weapons, victims and sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.events.lexicon import event_categories
from conflictcoder.events.refine import refine, sentence_context
from conflictcoder.events.triggers import find_triggers

Parse = Callable[[str], SpacySpan]


def _subtypes(sentence: SpacySpan) -> list[str | None]:
    return [h.type.acled_sub_event_type for h in find_triggers(sentence, 0)]


def _top(sentence: SpacySpan) -> str | None:
    hits = find_triggers(sentence, 0)
    return max(hits, key=lambda h: h.weight).type.acled_sub_event_type


def test_a_generic_attack_takes_its_weapons_category() -> None:
    attack = event_categories()["attack"]
    shelled = refine(attack, [("mortar", "shelling")], victims=False)
    assert shelled.acled_sub_event_type == "Shelling/artillery/missile attack"
    gassed = refine(attack, [("chemical", "chemical_attack")], victims=False)
    assert gassed.acled_sub_event_type == "Chemical weapon"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters threw stones at the police outside the ministry.", "Violent demonstration"),
        ("Police fired live rounds at the protesters.", "Excessive force against protesters"),
        ("Police used tear gas to disperse the marchers.", "Protest with intervention"),
        ("Police detained dozens of protesters near the parliament.", "Protest with intervention"),
        ("Hundreds of teachers held a protest outside the ministry.", "Peaceful protest"),
    ],
)  # fmt: skip
def test_a_protest_sentence_is_typed_by_what_the_crowd_and_police_did(
    sent: Parse, text: str, expected: str
) -> None:
    assert _top(sent(text)) == expected


def test_non_violent_is_no_violence(sent: Parse) -> None:
    context = sentence_context(sent("Students held a non-violent protest in the capital."))
    assert context.protest and not context.crowd_violence


def test_weapons_found_are_disrupted_weapons_use_not_an_explosion(sent: Parse) -> None:
    found = sent("Police found two explosive devices near the bus station on Monday.")
    assert _top(found) == "Disrupted weapons use"
    seized = sent("Soldiers seized a cache of rifles and ammunition in the village.")
    assert _top(seized) == "Disrupted weapons use"


def test_finding_without_weapons_is_no_event(sent: Parse) -> None:
    assert find_triggers(sent("Rescuers found the missing hikers on Sunday."), 0) == []


def test_who_takes_a_town_decides_the_territory_sub_type(sent: Parse) -> None:
    rebels = sent("Rebel fighters captured the town after a week of fighting.")
    army = sent("Government troops recaptured the town on Friday.")
    assert "Non-state actor overtakes territory" in _subtypes(rebels)
    assert _subtypes(army) == ["Government regains territory"]
    insurgents = sent("Insurgents recaptured the village from the army.")
    assert _subtypes(insurgents) == ["Non-state actor overtakes territory"]


def test_an_attack_on_a_village_is_on_civilians_one_on_a_checkpoint_a_clash(sent: Parse) -> None:
    assert _top(sent("Gunmen attacked a village in the north, killing nine.")) == "Attack"
    checkpoint = sent("Militants attacked an army checkpoint near the border.")
    assert _top(checkpoint) == "Armed clash"
    assert _top(sent("Unknown men gunned down a doctor in the city.")) == "Attack"


def test_halted_aid_is_a_sanction_given_aid_is_aid(sent: Parse) -> None:
    halted = find_triggers(sent("The government suspended military aid to the rebels."), 0)
    assert [h.type.plover_type for h in halted] == ["SANCTION"]
    given = find_triggers(sent("The agency delivered aid to the flooded district."), 0)
    assert [h.type.plover_type for h in given] == ["AID"]


def test_a_base_needs_a_base_as_object(sent: Parse) -> None:
    post = sent("Turkish forces set up a new observation post near the town.")
    assert "Headquarters or base established" in _subtypes(post)
    assert find_triggers(sent("The ministry set up a committee on Monday."), 0) == []


def test_demolished_homes_are_coerce(sent: Parse) -> None:
    (hit,) = find_triggers(sent("Bulldozers demolished five homes in the village."), 0)
    assert (hit.type.plover_type, hit.type.acled_sub_event_type) == (
        "COERCE",
        "Looting/property destruction",
    )


def test_a_named_rebel_group_of_actors_tsv_takes_ground_as_a_non_state_actor(
    sent: Parse,
) -> None:
    # "forces" alone is the state's; NRF is a rebel row of actors.tsv
    taken = sent("NRF forces have taken a stronghold in the valley on Sunday.")
    assert "Non-state actor overtakes territory" in _subtypes(taken)
    retaken = sent("Government forces have taken a stronghold in the valley on Sunday.")
    assert "Government regains territory" in _subtypes(retaken)
