"""The fuzzy lookup's distance (rapidfuzz's optimal string alignment) on a few pairs."""

from __future__ import annotations

import pytest

from conflictcoder.geo.gazetteer import edit_distance


@pytest.mark.parametrize(
    ("a", "b", "cap", "expected"),
    [
        ("kalbajar", "kalbajar", 2, 0),
        ("kalbajar", "kalbajr", 2, 1),  # one letter dropped
        ("kalbajar", "klabajar", 2, 1),  # adjacent letters swapped count once
        ("ca", "abc", 3, 3),  # no substring edited twice (true Damerau would say 2)
        ("shusha", "shushi", 1, 1),
        ("goris", "ijevan", 2, 3),  # over the cap: cap + 1
    ],
)
def test_edit_distance(a: str, b: str, cap: int, expected: int) -> None:
    assert edit_distance(a, b, cap) == expected
