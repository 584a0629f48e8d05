"""``find_dates``: every time expression in a text, resolved against an anchor date."""

from __future__ import annotations

import datetime as dt

from conflictcoder.records import DateRange, Span
from conflictcoder.time.combine import Resolved, combine
from conflictcoder.time.expressions import find_mentions
from conflictcoder.time.resolve import resolve


def find_dates(text: str, anchor: dt.date | None) -> list[DateRange]:
    """Every time expression in ``text``, left to right, with exact spans and calendar days.

    ``DateRange.text == text[span.start:span.end]``. Each range is resolved relative to
    ``anchor`` (the dateline or publication date); fields the text does not fix are None.
    Never reads the system clock, so the same input always gives the same output.
    Neighbouring expressions that name one stretch of time come out as one range.
    """
    resolved: list[Resolved] = []
    previous: dt.date | None = None  # the latest day named so far, for "that night"
    for mention in find_mentions(text):
        first, last, precision = resolve(mention, anchor, previous)
        resolved.append(Resolved(mention.start, mention.end, mention, first, last, precision))
        if precision == "day" and first is not None:
            previous = first
    return [
        DateRange(
            start=r.first,
            end=r.last,
            precision=r.precision if r.first is not None or r.last is not None else None,
            text=text[r.start : r.end],
            span=Span(r.start, r.end, text[r.start : r.end]),
        )
        for r in combine(text, resolved, anchor)
    ]
