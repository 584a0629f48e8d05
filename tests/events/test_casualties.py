"""Casualty counts from short report-style sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictcoder.events.casualties import find_casualties

# (sentence, field, min, max, unspecified, evidence text)
CASES = [
    (
        "The strike hit a market, killing 6 civilians.",
        "fatalities",
        6,
        6,
        False,
        "killing 6 civilians",
    ),
    (
        "4 Taliban members have been killed and 6 others were injured.",
        "fatalities",
        4,
        4,
        False,
        "4 Taliban members have been killed",
    ),
    (
        "4 Taliban members have been killed and 6 others were injured.",
        "injuries",
        6,
        6,
        False,
        "6 others were injured",
    ),
    ("At least 49 killed in border clashes.", "fatalities", 49, None, False, "At least 49 killed"),
    (
        "Dozens were killed when the bridge was shelled.",
        "fatalities",
        12,
        None,
        False,
        "Dozens were killed",
    ),
    (
        "Scores of villagers were wounded.",
        "injuries",
        20,
        None,
        False,
        "Scores of villagers were wounded",
    ),
    (
        "More than 100 people were killed in the offensive.",
        "fatalities",
        101,
        None,
        False,
        "More than 100 people were killed",
    ),
    (
        "Up to 20 fighters were killed, the group said.",
        "fatalities",
        None,
        20,
        False,
        "Up to 20 fighters were killed",
    ),
    (
        "Between 10 and 15 soldiers were killed.",
        "fatalities",
        10,
        15,
        False,
        "Between 10 and 15 soldiers were killed",
    ),
    (
        "Two servicemen and a civilian were killed.",
        "fatalities",
        3,
        3,
        False,
        "Two servicemen and a civilian were killed",
    ),
    ("A soldier was killed by sniper fire.", "fatalities", 1, 1, False, "A soldier was killed"),
    (
        "The bomb killed 13 soldiers and wounded 56.",
        "fatalities",
        13,
        13,
        False,
        "killed 13 soldiers",
    ),
    ("The bomb killed 13 soldiers and wounded 56.", "injuries", 56, 56, False, "wounded 56"),
    ("The death toll rose to 20 on Sunday.", "fatalities", 20, 20, False, "death toll rose to 20"),
    ("Twenty-one people died in the fire.", "fatalities", 21, 21, False, "Twenty-one people died"),
    (
        "Two hundred and fifty people were killed.",
        "fatalities",
        250,
        250,
        False,
        "Two hundred and fifty people were killed",
    ),
    (
        "Officials said 1,200 residents were injured.",
        "injuries",
        1200,
        1200,
        False,
        "1,200 residents were injured",
    ),
    ("There were no casualties, the ministry said.", "fatalities", 0, 0, False, "no casualties"),
    ("There were no casualties, the ministry said.", "injuries", 0, 0, False, "no casualties"),
    ("No one was hurt in the attack.", "injuries", 0, 0, False, "No one was hurt"),
    ("No one was hurt in the attack.", "fatalities", 0, 0, False, "No one was hurt"),
    (
        "As a result, there are casualties among our troops.",
        "fatalities",
        None,
        None,
        True,
        "there are casualties",
    ),
    (
        "As a result, there are casualties among our troops.",
        "injuries",
        None,
        None,
        True,
        "there are casualties",
    ),
    ("The enemy suffered heavy losses.", "fatalities", None, None, True, "suffered heavy losses"),
    (
        "Casualties were reported on both sides.",
        "injuries",
        None,
        None,
        True,
        "Casualties were reported",
    ),
    (
        "Three fishermen are missing after the raid.",
        "missing",
        3,
        3,
        False,
        "Three fishermen are missing",
    ),
    ("Rebels captured 12 soldiers at the post.", "captured", 12, 12, False, "captured 12 soldiers"),
    (
        "Five policemen were taken prisoner.",
        "captured",
        5,
        5,
        False,
        "Five policemen were taken prisoner",
    ),
    ("Gunmen abducted two aid workers.", "captured", 2, 2, False, "abducted two aid workers"),
    (
        "Civilians were killed in the shelling.",
        "fatalities",
        None,
        None,
        True,
        "Civilians were killed",
    ),
    ("The attack left 15 casualties.", "fatalities", None, 15, True, "15 casualties"),
    (
        "A 33-year-old soldier was killed.",
        "fatalities",
        1,
        1,
        False,
        "A 33-year-old soldier was killed",
    ),
    (
        "Five officers and about a dozen militants were left dead.",
        "fatalities",
        17,
        17,
        False,
        "Five officers and about a dozen militants were left dead",
    ),
]


@pytest.mark.parametrize(("sentence", "field", "low", "high", "unspecified", "written"), CASES)
def test_casualty_count(
    sentence: str, field: str, low: int | None, high: int | None, unspecified: bool, written: str
) -> None:
    count = getattr(find_casualties(sentence), field)
    assert count is not None
    assert (count.min, count.max, count.unspecified) == (low, high, unspecified)
    assert count.text == written
    assert count.span is not None
    assert sentence[count.span.start : count.span.end] == written


NOT_CASUALTIES = [
    "In 2019 the army fired 4 rockets at the ridge.",
    "A Turkish F-16 was seen over the border, citing Resolution 2334.",
    "Gunners fired 122mm shells at 10:15.",
    "Rebels captured 12 tanks and 4 vehicles.",
    "The ministry published its report on the talks.",
]


@pytest.mark.parametrize("sentence", NOT_CASUALTIES)
def test_numbers_that_are_not_casualties(sentence: str) -> None:
    f = find_casualties(sentence)
    assert (f.fatalities, f.injuries, f.missing, f.captured) == (None, None, None, None)


def test_active_subject_is_not_counted() -> None:
    f = find_casualties("4 gunmen killed two police officers.")
    assert f.fatalities is not None
    assert (f.fatalities.min, f.fatalities.text) == (2, "killed two police officers")
    assert f.side == "police officers"


def test_subject_of_an_active_perfect_is_not_counted() -> None:
    # "have killed" is active: the words before it did the killing ("a week of raids on two
    # towns have killed …"); "have died" and "have been killed" count the dead.
    f = find_casualties("Three days of raids on a border town have killed more than 40 people.")
    assert f.fatalities is not None
    assert (f.fatalities.min, f.fatalities.text) == (41, "killed more than 40 people")
    for sentence in ("Two herders have died.", "Two herders have been killed."):
        died = find_casualties(sentence).fatalities
        assert died is not None and died.min == 2, sentence


def test_side_is_the_counted_people() -> None:
    assert find_casualties("Officials said 4 Taliban members were killed.").side == (
        "Taliban members"
    )


def test_window_offsets_index_the_full_text() -> None:
    text = "Fighting resumed. Two soldiers were killed near the post. Talks stalled."
    start = text.index("Two")
    end = text.index("Talks")
    f = find_casualties(text, start, end)
    assert f.fatalities is not None and f.fatalities.span is not None
    assert text[f.fatalities.span.start : f.fatalities.span.end] == "Two soldiers were killed"
    assert find_casualties(text, 0, start).fatalities is None


def test_toll_wins_over_single_counts() -> None:
    f = find_casualties("Three more died overnight, bringing the death toll to 25.")
    assert f.fatalities is not None
    assert (f.fatalities.min, f.fatalities.max) == (25, 25)


def test_deterministic() -> None:
    s = "The blast killed 13 soldiers and wounded 56, and two civilians are missing."
    assert find_casualties(s) == find_casualties(s)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(-5, 50), st.one_of(st.none(), st.integers(-5, 80)))
def test_never_raises(text: str, start: int, end: int | None) -> None:
    find_casualties(text, start, end)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "killed",
                "at least",
                "12",
                "dozens",
                "and",
                "no one",
                "were",
                "wounded",
                "a",
                "two hundred",
                ",",
                "toll",
                "to",
                "soldiers",
            ]
        )
    )
)
def test_never_raises_on_casualty_words(words: list[str]) -> None:
    text = " ".join(words)
    f = find_casualties(text)
    for count in (f.fatalities, f.injuries, f.missing, f.captured):
        if count is not None and count.span is not None:
            assert text[count.span.start : count.span.end] == count.text


def test_bad_casualty_data_names_file_and_line(tmp_path: Path) -> None:
    from conflictcoder.errors import DataError
    from conflictcoder.events.casualties import _lexicon

    (tmp_path / "numbers.tsv").write_text(
        "word\tvalue\tkind\ttime\none\t1\tcardinal\t=\ntwo\tabc\tcardinal\t=\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"numbers.tsv:3"):
        _lexicon(tmp_path)
