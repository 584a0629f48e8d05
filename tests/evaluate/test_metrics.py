"""The scorers on labels whose scores are worked out by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from conflictcoder.evaluate.metrics import (
    Classification,
    Tally,
    count_range,
    date_exact,
    date_overlaps,
    ranges_overlap,
)
from conflictcoder.geo.distance import km

# gold A A A B, predicted A A B B: A P=1 R=2/3 F1=0.8; B P=1/2 R=1 F1=2/3.
C = Classification("t", ("A", "A", "A", "B"), ("A", "A", "B", "B"), ("1", "2", "3", "4"))


def test_accuracy_and_f1_match_the_hand_computed_values() -> None:
    assert C.accuracy == pytest.approx(0.75)
    by_label = {s.label: s for s in C.per_class}
    assert (by_label["A"].precision, by_label["A"].recall) == pytest.approx((1.0, 2 / 3))
    assert by_label["A"].f1 == pytest.approx(0.8)
    assert (by_label["B"].precision, by_label["B"].recall) == pytest.approx((0.5, 1.0))
    assert C.macro_f1 == pytest.approx((0.8 + 2 / 3) / 2)
    assert C.weighted_f1 == pytest.approx((3 * 0.8 + 2 / 3) / 4)


def test_a_label_only_predicted_costs_recall_but_is_not_a_class() -> None:
    c = Classification("t", ("A", "A", "B", "B"), ("A", "none", "B", "B"))
    # A: P=1 R=1/2 F1=2/3; B: P=1 R=1 F1=1; "none" has no gold support.
    assert c.macro_f1 == pytest.approx((2 / 3 + 1) / 2)
    assert c.weighted_f1 == pytest.approx((2 / 3 + 1) / 2)
    assert c.labels() == ["A", "B", "none"]


def test_confusion_errors_and_examples() -> None:
    assert C.confusion() == {("A", "A"): 2, ("A", "B"): 1, ("B", "B"): 1}
    assert C.errors() == [("A", "B", 1)]
    assert C.examples("A", "B") == [("3", "")]


def test_an_empty_classification_has_no_scores() -> None:
    empty = Classification("t", (), ())
    assert (empty.accuracy, empty.macro_f1, empty.weighted_f1) == (None, None, None)


def test_tally_counts_only_items_with_gold() -> None:
    tally = Tally()
    for hit in (True, False, None, True):
        tally.add("date", "exact", hit)
    (share,) = tally.shares()
    assert (share.hits, share.n, share.value) == (2, 3, pytest.approx(2 / 3))


def test_distance_of_one_degree_of_latitude() -> None:
    assert km(40.0, 45.0, 41.0, 45.0) == pytest.approx(111.2, abs=0.1)
    assert km(40.0, 45.0, 40.0, 45.0) == 0.0


def test_dates() -> None:
    day = dt.date(2019, 12, 6)
    assert date_exact(day, None, day) and date_exact(day, day, day)
    assert not date_exact(day, dt.date(2019, 12, 7), day)
    assert date_overlaps(dt.date(2019, 12, 1), dt.date(2019, 12, 6), day, day)
    assert not date_overlaps(None, None, day, day)
    assert not date_overlaps(dt.date(2019, 12, 7), None, day, day)


def test_counts_as_ranges() -> None:
    assert count_range(None, None, None, False) == (0, 0)
    assert count_range(None, None, True, True) == (1, math.inf)
    assert count_range(3, 5, False, True) == (3, 5)
    assert count_range(3, None, False, True) == (3, math.inf)
    assert ranges_overlap((3, 5), (5, 9)) and not ranges_overlap((0, 0), (1, 2))
