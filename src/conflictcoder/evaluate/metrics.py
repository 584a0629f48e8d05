"""Scorers: shares of items right, and classification scores with a confusion matrix.

Classification conventions (stated once here, used by every dataset):
- per-class precision, recall and F1 over every label seen in gold or prediction;
- macro F1 is the unweighted mean over the gold classes (labels with gold support > 0), so
  a label only we produce (such as ``none``) is not a class of its own but still costs
  recall of the gold classes it was given for;
- weighted F1 is the support-weighted mean over the gold classes (as scikit-learn's
  ``average="weighted"``, which the CASE 2021 shared task used).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Share:
    """``hits`` of ``n`` items scored right on one field by one metric."""

    field: str
    metric: str
    hits: int
    n: int

    @property
    def value(self) -> float | None:
        return self.hits / self.n if self.n else None


@dataclass(frozen=True)
class Detection:
    """Precision, recall and F1 of one field whose hits are counted separately on each side:
    ``found`` of ``predicted`` predictions match some gold item, ``recalled`` of ``gold`` gold
    items are matched by some prediction (one prediction may match several gold items)."""

    field: str
    found: int
    predicted: int
    recalled: int
    gold: int

    @property
    def precision(self) -> float | None:
        return self.found / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.recalled / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold items of this label
    predicted: int  # items we gave this label


@dataclass(frozen=True)
class Classification:
    """Gold and predicted labels of one field, item by item (``ids`` and ``texts`` for examples)."""

    field: str
    gold: tuple[str, ...]
    pred: tuple[str, ...]
    ids: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    headline: str = "weighted_f1"  # which summary the terminal table shows first
    per_class: tuple[ClassScore, ...] = dataclasses.field(init=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.gold) != len(self.pred):
            raise ValueError("gold and pred must have one label per item")
        object.__setattr__(self, "per_class", class_scores(self.gold, self.pred))

    @property
    def n(self) -> int:
        return len(self.gold)

    @property
    def accuracy(self) -> float | None:
        return (
            sum(g == p for g, p in zip(self.gold, self.pred, strict=True)) / self.n
            if self.n
            else None
        )

    @property
    def macro_f1(self) -> float | None:
        scores = [c.f1 for c in self.per_class if c.support]
        return sum(scores) / len(scores) if scores else None

    @property
    def weighted_f1(self) -> float | None:
        total = sum(c.support for c in self.per_class)
        return sum(c.f1 * c.support for c in self.per_class) / total if total else None

    def labels(self) -> list[str]:
        """Gold labels by falling support, then predicted-only labels, each group by name."""
        support = Counter(self.gold)
        gold = sorted(support, key=lambda label: (-support[label], label))
        return gold + sorted(set(self.pred) - set(support))

    def confusion(self) -> dict[tuple[str, str], int]:
        """(gold, predicted) → count."""
        return dict(Counter(zip(self.gold, self.pred, strict=True)))

    def errors(self) -> list[tuple[str, str, int]]:
        """(gold, predicted, count) of the off-diagonal cells, most frequent first."""
        cells = [(g, p, n) for (g, p), n in self.confusion().items() if g != p]
        return sorted(cells, key=lambda cell: (-cell[2], cell[0], cell[1]))

    def examples(self, gold: str, pred: str, limit: int = 3) -> list[tuple[str, str]]:
        """(id, text) of the first ``limit`` items with this gold and predicted label."""
        found = [
            (
                self.ids[i] if i < len(self.ids) else str(i),
                self.texts[i] if i < len(self.texts) else "",
            )
            for i, (g, p) in enumerate(zip(self.gold, self.pred, strict=True))
            if g == gold and p == pred
        ]
        return found[:limit]


def class_scores(gold: tuple[str, ...], pred: tuple[str, ...]) -> tuple[ClassScore, ...]:
    """Precision, recall and F1 of every label in gold or prediction, sorted by label."""
    support = Counter(gold)
    predicted = Counter(pred)
    right = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    scores = []
    for label in sorted(set(support) | set(predicted)):
        p = right[label] / predicted[label] if predicted[label] else 0.0
        r = right[label] / support[label] if support[label] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        scores.append(ClassScore(label, p, r, f1, support[label], predicted[label]))
    return tuple(scores)


class Tally:
    """Counts hits per (field, metric) as items are scored, in first-seen order."""

    def __init__(self) -> None:
        self._hits: dict[tuple[str, str], list[int]] = {}

    def add(self, field_name: str, metric: str, hit: bool | None) -> None:
        """Count one item; ``None`` means the item has no gold for this field (not counted)."""
        cell = self._hits.setdefault((field_name, metric), [0, 0])
        if hit is not None:
            cell[0] += int(hit)
            cell[1] += 1

    def shares(self) -> tuple[Share, ...]:
        return tuple(Share(f, m, hits, n) for (f, m), (hits, n) in self._hits.items())


def date_exact(start: dt.date | None, end: dt.date | None, gold: dt.date) -> bool:
    """The prediction is the gold day itself (an open end counts as the start day)."""
    return start == gold and (end is None or end == gold)


def date_overlaps(
    start: dt.date | None, end: dt.date | None, gold_start: dt.date, gold_end: dt.date
) -> bool:
    """The predicted range [start, end] (end defaults to start) shares a day with the gold range."""
    if start is None:
        return False
    return start <= gold_end and (end or start) >= gold_start


def count_range(
    low: int | None, high: int | None, unspecified: bool | None, present: bool
) -> tuple[int, float]:
    """A predicted count as a closed range: absent → [0, 0]; "unspecified" → [1, ∞)."""
    if not present:
        return 0, 0
    if unspecified or (low is None and high is None):
        return 1, math.inf
    lo = low if low is not None else 0
    return lo, math.inf if high is None else high


def ranges_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
