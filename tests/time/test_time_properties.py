"""find_dates never raises and always returns spans that index the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from conflictcoder.time import find_dates

WORDS = [
    "on",
    "Monday",
    "12",
    "September",
    "2022",
    ",",
    "late",
    "that",
    "evening",
    "since",
    "between",
    "and",
    "the",
    "night",
    "of",
    "to",
    "last",
    "week",
    "past",
    "month",
    "-",
    "31",
    "February",
    "Sept.",
    "(",
    ")",
    "yesterday",
    "overnight",
    "three",
    "days",
    "ago",
]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_never_raises_on_any_text(text: str, anchor: dt.date | None) -> None:
    for r in find_dates(text, anchor):
        assert r.span is not None and text[r.span.start : r.span.end] == r.text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=14),
    st.one_of(st.none(), st.dates(dt.date(1900, 3, 1), dt.date(2100, 12, 31))),
)
def test_date_words_give_ordered_consistent_ranges(
    words: list[str], anchor: dt.date | None
) -> None:
    text = " ".join(words)
    found = find_dates(text, anchor)
    assert found == find_dates(text, anchor)
    starts = [r.span.start for r in found if r.span is not None]
    assert starts == sorted(starts)
    for r in found:
        assert r.span is not None and text[r.span.start : r.span.end] == r.text
        if r.start is not None and r.end is not None:
            assert r.start <= r.end
        if anchor is None and r.precision is not None:
            assert r.start is not None or r.end is not None
