"""ACLED sub-event typing rules: territory, backdrop fighting, mobs, protests, attacks.

Each test is one rule of ``refine.py``, ``triggers.py`` or ``selection.py``, checked on a
sentence written for it in the style of a conflict report.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.events.lexicon import event_categories
from conflictcoder.events.refine import refine
from conflictcoder.events.selection import primary
from conflictcoder.events.triggers import find_triggers

Parse = Callable[[str], SpacySpan]


def _chosen(sentence: SpacySpan) -> list[str | None]:
    """The ACLED sub-types of the events the sentence makes (one per family)."""
    return [best.type.acled_sub_event_type for best, _ in primary(find_triggers(sentence, 0))]


def _subtypes(sentence: SpacySpan) -> list[str | None]:
    return [h.type.acled_sub_event_type for h in find_triggers(sentence, 0)]


def _weight(sentence: SpacySpan, category: str) -> float:
    return next(h.weight for h in find_triggers(sentence, 0) if h.type.category == category)


GOV = "Government regains territory"
NSA = "Non-state actor overtakes territory"


# --- Territory: who took it, and whether what was taken is ground. ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Army units backed by allied militia fighters recaptured the district on Sunday.", GOV),
        ("Security forces in an operation against the rebels recaptured the town.", GOV),
        ("Insurgents captured the provincial capital after a night of fighting.", NSA),
        ("Soldiers freed four villages from the militants on Tuesday.", GOV),
        ("Troops recovered the border areas held by the armed groups.", GOV),
        ("Militants seized the town of Baro from government troops.", NSA),
        ("Rebel fighters took the town overnight.", NSA),
        ("The army drove the insurgents out of three villages near the river.", GOV),
        ("Government troops drove back the jihadists from the hills.", GOV),
        ("Rebels took full control of the district on Friday.", NSA),
    ],
)  # fmt: skip
def test_ground_taken_is_typed_by_who_took_it(sent: Parse, text: str, expected: str) -> None:
    assert _chosen(sent(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Police freed the hostages after a long siege.",
        "The army drove the trucks to the border crossing.",
        "Protesters took part in a rally in the capital.",
        "The candidates took the stage in the town hall.",
    ],
)  # fmt: skip
def test_taking_verbs_without_ground_are_no_territorial_change(sent: Parse, text: str) -> None:
    assert not {GOV, NSA} & set(_subtypes(sent(text)))


def test_weapons_recovered_or_seized_stay_disrupted_weapons_use(sent: Parse) -> None:
    assert _chosen(sent("Police recovered two rifles and a grenade in the village.")) == [
        "Disrupted weapons use"
    ]
    assert _chosen(sent("Soldiers seized rifles and ammunition at a checkpoint.")) == [
        "Disrupted weapons use"
    ]


def test_ground_taken_is_never_an_abduction_but_captives_are() -> None:
    categories = event_categories()
    camps = refine(categories["government_takes_ground"], [], False, frozenset({"rebel"}))
    assert camps.acled_sub_event_type == GOV
    soldiers = refine(
        categories["nonstate_overtakes_territory"], [], False, frozenset({"military"})
    )
    assert soldiers.acled_sub_event_type == "Abduction/forced disappearance"


def test_camps_captured_are_ground(sent: Parse) -> None:
    hits = find_triggers(sent("Troops captured two rebel camps in the forest."), 0)
    assert [h.type.category for h in hits] == ["government_takes_ground"]


def test_the_place_taken_outranks_the_fight_that_won_it(sent: Parse) -> None:
    assert _chosen(sent("Rebels captured the airport in fierce clashes with the army.")) == [NSA]


# --- Fighting as a backdrop. ---


@pytest.mark.parametrize(
    "text",
    [
        "The two sides agreed a ceasefire after the worst fighting in years.",
        "Aid reached the city, the scene of fierce fighting last month.",
        "The talks opened in the capital amid clashes in the north.",
        "Officials counted the dead in the province, where fighting has raged for weeks.",
    ],
)  # fmt: skip
def test_fighting_as_a_backdrop_is_weak(sent: Parse, text: str) -> None:
    assert _weight(sent(text), "armed_clash") <= 0.5


def test_a_fight_whose_toll_the_sentence_counts_is_no_backdrop(sent: Parse) -> None:
    text = "During the shootout between bandits and soldiers, two soldiers were wounded."
    assert _weight(sent(text), "small_arms_fire") > 0.5


# --- Mobs. ---


@pytest.mark.parametrize(
    "text",
    [
        "A man was killed as villagers clashed with sticks over a land dispute.",
        "A riot broke out after a mob chased and lynched two men accused of theft.",
        "The governor vowed an inquiry after five people were murdered by vigilantes.",
    ],
)  # fmt: skip
def test_violence_by_a_mob_is_mob_violence(sent: Parse, text: str) -> None:
    assert "Mob violence" in _chosen(sent(text))


def test_armed_men_named_beside_vigilantes_are_no_mob(sent: Parse) -> None:
    text = "Militants attacked three villages in the north, local vigilantes said."
    attack = next(h for h in find_triggers(sent(text), 0) if h.trigger.pattern == ("attack",))
    assert attack.type.acled_sub_event_type == "Attack"


# --- Protests. ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police fired tear gas at the march and two protesters were killed.",
         "Excessive force against protesters"),
        ("Officers brutally attacked a peaceful student demonstration.",
         "Excessive force against protesters"),
        ("Demonstrations demanding justice for two students killed in a car accident were held.",
         "Peaceful protest"),
        ("Protests have rocked the capital for weeks.", "Peaceful protest"),
        ("Rival groups staged aggressive demonstrations in the port city.",
         "Violent demonstration"),
        ("Activists were detained during the protest outside parliament.",
         "Protest with intervention"),
        ("Police arrested an activist for organising an illegal protest.", "Arrests"),
    ],
)  # fmt: skip
def test_protest_rules(sent: Parse, text: str, expected: str) -> None:
    assert expected in _chosen(sent(text))


def test_a_ring_broken_up_is_no_protest_intervention(sent: Parse) -> None:
    text = "Customs officers broke up a smuggling ring at the port."
    assert "Protest with intervention" not in _subtypes(sent(text))


# --- Attacks and clashes. ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen opened fire on a small passenger plane as it landed.", "Attack"),
        ("A gunman opened fire inside a mosque during prayers.", "Attack"),
        ("The army killed scores of militants in the province.", "Armed clash"),
        ("Fighters attacked two military camps near the border.", "Armed clash"),
        ("Soldiers were engaged in a fire exchange with the militants.", "Armed clash"),
    ],
)  # fmt: skip
def test_who_was_hit_decides_attack_or_clash(sent: Parse, text: str, expected: str) -> None:
    assert _chosen(sent(text)) == [expected]


def test_small_arms_keep_an_attack_on_civilians_an_attack() -> None:
    attack = event_categories()["attack_on_civilians"]
    assert refine(attack, [("small arms", "small_arms_fire")], False).acled_sub_event_type == (
        "Attack"
    )


def test_a_gas_shell_is_a_chemical_attack() -> None:
    shelling = event_categories()["shelling"]
    gassed = refine(shelling, [("mortar", "shelling"), ("chemical", "chemical_attack")], False)
    assert gassed.acled_sub_event_type == "Chemical weapon"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Attackers set off suicide bombs outside a cafe.", "Suicide bomb"),
        ("Militants detonated an SVBIED at the hotel gate.", "Suicide bomb"),
        ("Two kamikazes went off near the bus station.", "Suicide bomb"),
        ("The warring sides exchanged prisoners near the front line.", "Agreement"),
    ],
)  # fmt: skip
def test_new_trigger_words(sent: Parse, text: str, expected: str) -> None:
    assert expected in _chosen(sent(text))
