"""LemmaMatcher: lemma sequences with fillers, longest match first, part-of-speech rules."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.events.matcher import LemmaMatcher, Match

ENTRIES: list[tuple[tuple[str, ...], str, str]] = [
    (("come", "under", "bombardment"), "VERB", "came-under-bombardment"),
    (("plant", "landmine"), "VERB", "planted-landmines"),
    (("fire",), "NOUN", "fire"),
    (("mortar", "fire"), "NOUN", "mortar-fire"),
    (("mine",), "NOUN", "mine"),
    (("shell",), "VERB", "shelled"),
]

Parse = Callable[[str], SpacySpan]


@pytest.fixture(scope="module")
def matcher() -> LemmaMatcher[str]:
    return LemmaMatcher(ENTRIES)


def _texts(sentence: SpacySpan, matches: list[Match[str]]) -> list[tuple[str, str]]:
    doc = sentence.doc
    return [(doc[m.start : m.end].text, m.entry) for m in matches]


def test_contiguous_pattern_matches(sent: Parse, matcher: LemmaMatcher[str]) -> None:
    s = sent("The outpost came under bombardment at dawn.")
    assert _texts(s, matcher.find(s)) == [("came under bombardment", "came-under-bombardment")]


@pytest.mark.parametrize(
    "text, matched",
    [
        ("The outpost came under heavy bombardment.", "came under heavy bombardment"),
        ("The outpost came under very heavy bombardment.", "came under very heavy bombardment"),
        ("Saboteurs planted several landmines on the road.", "planted several landmines"),
    ],
)
def test_up_to_two_fillers_between_words(
    sent: Parse, matcher: LemmaMatcher[str], text: str, matched: str
) -> None:
    s = sent(text)
    assert [t for t, _ in _texts(s, matcher.find(s))] == [matched]


def test_three_fillers_break_the_pattern(sent: Parse, matcher: LemmaMatcher[str]) -> None:
    s = sent("The outpost came under the very heavy bombardment.")
    assert all(m.entry != "came-under-bombardment" for m in matcher.find(s))


def test_a_content_word_between_breaks_the_pattern(sent: Parse, matcher: LemmaMatcher[str]) -> None:
    s = sent("Saboteurs planted roads with landmines.")
    assert all(m.entry != "planted-landmines" for m in matcher.find(s))


def test_longest_overlapping_match_wins(sent: Parse, matcher: LemmaMatcher[str]) -> None:
    s = sent("The village came under mortar fire overnight.")
    assert _texts(s, matcher.find(s)) == [("mortar fire", "mortar-fire")]


def test_matches_come_in_text_order(sent: Parse, matcher: LemmaMatcher[str]) -> None:
    s = sent("Troops shelled the ridge and opened fire on the road.")
    assert [e for _, e in _texts(s, matcher.find(s))] == ["shelled", "fire"]


def test_head_is_first_word_of_a_verb_pattern_and_last_of_a_noun_pattern(
    sent: Parse, matcher: LemmaMatcher[str]
) -> None:
    s = sent("The outpost came under heavy bombardment.")
    (verb,) = matcher.find(s)
    assert s.doc[verb.head].text == "came"
    s = sent("The village came under mortar fire overnight.")
    (noun,) = matcher.find(s)
    assert s.doc[noun.head].text == "fire"


def test_a_pronoun_is_not_a_noun_pattern(sent: Parse, matcher: LemmaMatcher[str]) -> None:
    s = sent("The decision is mine.")
    assert all(m.entry != "mine" for m in matcher.find(s))
    s = sent("A mine exploded near the road.")
    assert [e for _, e in _texts(s, matcher.find(s))] == ["mine"]


def test_strict_noun_pattern_needs_a_noun_head(sent: Parse) -> None:
    entries = [(("military",), "NOUN", "military")]
    loose, strict = LemmaMatcher(entries), LemmaMatcher(entries, strict=True)
    adjective = sent("Drones struck military infrastructure near the city.")
    assert [m.entry for m in loose.find(adjective)] == ["military"]
    assert strict.find(adjective) == []
    noun = sent("The military said two drones were shot down.")
    assert [m.entry for m in strict.find(noun)] == ["military"]


def test_matches_carry_doc_token_indices(sent: Parse, matcher: LemmaMatcher[str]) -> None:
    s = sent("Saboteurs planted several landmines on the road.")
    (m,) = matcher.find(s)
    assert (m.start, m.end) == (1, 4)
    assert m.end - m.start == 3
