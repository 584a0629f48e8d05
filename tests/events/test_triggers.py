"""find_triggers: typed triggers of a sentence, minus those that did not happen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.events.triggers import find_triggers

Parse = Callable[[str], SpacySpan]


def _found(sentence: SpacySpan) -> list[tuple[str, str]]:
    text = sentence.doc.text
    return [(text[h.start : h.end], h.trigger.category) for h in find_triggers(sentence, 0)]


def test_a_reported_shelling_is_a_trigger_with_exact_offsets(sent: Parse) -> None:
    s = sent("Armenian forces shelled the village overnight.")
    (hit,) = find_triggers(s, 0)
    assert s.doc.text[hit.start : hit.end] == "shelled"
    assert hit.type.plover_type == "ASSAULT"
    assert hit.type.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert s.doc[hit.head].text == "shelled"
    assert 0 < hit.weight <= 1


def test_offset_is_added_to_character_positions(sent: Parse) -> None:
    s = sent("Armenian forces shelled the village overnight.")
    (plain,) = find_triggers(s, 0)
    (moved,) = find_triggers(s, 1000)
    assert (moved.start, moved.end) == (plain.start + 1000, plain.end + 1000)


def test_triggers_come_in_text_order(sent: Parse) -> None:
    s = sent("Following the clashes, rebels attacked a checkpoint.")
    assert _found(s) == [("clashes", "armed_clash"), ("attacked", "attack")]


@pytest.mark.parametrize(
    "negated, affirmed",
    [
        (
            "Armenian forces did not fire on our positions.",
            "Armenian forces fired on our positions.",
        ),
        (
            "There were no attacks on the village overnight.",
            "There were attacks on the village overnight.",
        ),
        (
            "Armenian forces never fired on the village.",
            "Armenian forces fired on the village.",
        ),
    ],
)
def test_negated_triggers_are_dropped(sent: Parse, negated: str, affirmed: str) -> None:
    assert _found(sent(affirmed)), affirmed
    assert _found(sent(negated)) == []


def test_threatened_attack_is_a_threat_not_an_attack(sent: Parse) -> None:
    hits = find_triggers(sent("The enemy threatened to attack the border posts."), 0)
    assert hits
    assert all(h.type.plover_type != "ASSAULT" for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "Troops were deployed to prevent attacks on the convoy.",
        "Rebels may attack the convoy.",
    ],
)
def test_hypothetical_attacks_are_dropped(sent: Parse, text: str) -> None:
    assert all(category != "attack" for _, category in _found(sent(text)))


def test_generic_relative_clause_is_dropped(sent: Parse) -> None:
    assert _found(sent("The rebels threatened the villagers.")) == [("threatened", "threaten")]
    assert _found(sent("We will respond to any actions that threaten our security.")) == []


def test_statement_topic_is_not_an_event(sent: Parse) -> None:
    assert ("provocations", "armed_clash") in _found(
        sent("Armenian units committed provocations on the border.")
    )
    assert _found(sent("The ministry issued a statement on the latest provocations.")) == []


def test_according_to_is_not_an_accord(sent: Parse) -> None:
    s = sent("According to the ministry, rebels attacked a checkpoint.")
    assert _found(s) == [("attacked", "attack")]


def test_without_casualties_does_not_negate_the_attack(sent: Parse) -> None:
    assert _found(sent("Rebels attacked a checkpoint without casualties.")) == [
        ("attacked", "attack")
    ]


def test_a_month_name_is_not_a_protest_march(sent: Parse) -> None:
    s = sent("Armenian forces shelled the village on 11 March.")
    assert _found(s) == [("shelled", "shelling")]


def _types(sentence: SpacySpan) -> list[tuple[str, str]]:
    text = sentence.doc.text
    return [(text[h.start : h.end], h.type.category) for h in find_triggers(sentence, 0)]


def test_the_sentence_retypes_a_trigger_but_keeps_its_lexicon_entry(sent: Parse) -> None:
    s = sent("Rebels attacked a checkpoint near the border.")
    (hit,) = find_triggers(s, 0)
    assert (hit.trigger.category, hit.type.category) == ("attack", "armed_clash")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister offered to mediate between the two sides.", ("offered", "offer")),
        ("The president resigned on Sunday after weeks of protests.", ("resigned", "resign")),
        ("The court outlawed the party on Monday.", ("outlawed", "ban")),
        ("The country granted asylum to four officers.", ("granted asylum", "asylum")),
        ("Both sides reached an agreement.", ("reached an agreement", "sign_agreement")),
        ("Farmers blocked the entrance to the ministry.", ("blocked", "obstruction")),
    ],
)  # fmt: skip
def test_plover_triggers_beyond_violence(sent: Parse, text: str, expected: tuple[str, str]) -> None:
    assert expected in _types(sent(text))


def test_blocking_a_plan_is_no_road_block(sent: Parse) -> None:
    assert all(c != "obstruction" for _, c in _types(sent("The senate blocked the plan.")))
