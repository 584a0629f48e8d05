"""Casualty constructions read from the dependency parse, each with a report-style sentence
written for this test: a count split from its verb by an aside, tolls, explicit zeros and
counts that go to the event whose trigger they hang from."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.events.casualties import find_casualties
from conflictcoder.records import Count

Parse = Callable[[str], SpacySpan]


def _count(sent: Parse, text: str, field: str) -> Count | None:
    parsed = sent(text)
    finding = find_casualties(text, 0, len(text), sent=parsed, offset=0)
    count: Count | None = getattr(finding, field)
    return count


@pytest.mark.parametrize(
    ("text", "field", "low", "high"),
    [
        # an appositive aside between the counted subject and its verb
        ("At least 14 people, among them six women, died in the raids.", "fatalities", 14, None),
        ("Nine guards, two of them officers, were wounded at the gate.", "injuries", 9, 9),
        ("Eleven miners, including three boys, were killed in the blast.", "fatalities", 11, 11),
        # "including" gives a part of the count, never a second count to add
        ("The bomb killed 19 people, including four children.", "fatalities", 19, 19),
        # a toll whose noun is far from its number
        ("The death toll from Sunday's bombing rose to at least 31.", "fatalities", 31, None),
        ("The number of dead in the market fire has climbed to 27.", "fatalities", 27, 27),
        # explicit zero
        ("Gunmen fired at a minibus but nobody was hurt.", "injuries", 0, 0),
        ("No policemen were killed in the raid, the governor said.", "fatalities", 0, 0),
        ("A shell landed in a field without injuries.", "injuries", 0, 0),
        ("The depot burned but there were no casualties.", "fatalities", 0, 0),
        # approximations
        ("Dozens of militiamen died in the fighting.", "fatalities", 12, None),
        ("A dozen pilgrims were injured in the crush.", "injuries", 12, 12),
        ("More than 40 shepherds were killed in the raids.", "fatalities", 41, None),
        # participial and resultative
        ("The drone struck a wedding, killing 13.", "fatalities", 13, 13),
        ("The shelling left three farmers dead.", "fatalities", 3, 3),
    ],
)
def test_construction(
    sent: Parse, text: str, field: str, low: int | None, high: int | None
) -> None:
    count = _count(sent, text, field)
    assert count is not None, text
    assert (count.min, count.max) == (low, high), text
    assert count.span is not None and count.span.text in text


def test_a_stated_zero_is_not_unspecified(sent: Parse) -> None:
    count = _count(sent, "No sailors were killed when the frigate was hit.", "fatalities")
    assert count is not None and count.unspecified is False


def test_a_toll_without_a_number_is_no_count(sent: Parse) -> None:
    assert _count(sent, "The death toll is expected to rise.", "fatalities") is None


def test_counts_of_two_named_sides_add_up(sent: Parse) -> None:
    text = "Eight members of the border guard were killed, while five members of the gang died."
    count = _count(sent, text, "fatalities")
    assert count is not None and (count.min, count.max) == (13, 13)


def test_rival_counts_of_one_side_are_not_added(sent: Parse) -> None:
    text = "Seven miners were killed, but the company said four miners died."
    count = _count(sent, text, "fatalities")
    assert count is not None and (count.min, count.max) == (7, 7)
