"""The date of an event: the nearest time expression of its sentence, else the last one
before it in its paragraph, else the report's week."""

from __future__ import annotations

import datetime as dt

from conflictcoder.records import DateRange, Document, Span

# A report with no date of its own tells of the days before it was written.
_REPORT_WINDOW = dt.timedelta(days=6)


def report_week(document: Document) -> DateRange | None:
    """The week up to the report's date, at week precision, with no text of its own: the
    bound any undated event of the report has (ACLED codes such events to the report)."""
    anchor = document.anchor
    if anchor is None:
        return None
    return DateRange(start=anchor - _REPORT_WINDOW, end=anchor, precision="week", text=None)


def nearest_date(dates: list[DateRange], sentence: Span, trigger: Span) -> DateRange | None:
    inside = [
        d for d in dates if d.span is not None and sentence.start <= d.span.start < sentence.end
    ]
    if not inside:
        return None
    return min(inside, key=lambda d: abs(d.span.start - trigger.start) if d.span else 0)


def paragraph_date(dates: list[DateRange], text: str, sentence: Span) -> DateRange | None:
    """The last time expression before ``sentence`` in its paragraph ("On 16 March, a man
    crossed the border. He was shot at by border guards."), None when there is none."""
    before = [(d.span.end, d) for d in dates if d.span is not None and d.span.end <= sentence.start]
    if not before:
        return None
    end, last = max(before, key=lambda pair: pair[0])
    return last if same_paragraph(text, end, sentence.start) else None


def same_paragraph(text: str, start: int, end: int) -> bool:
    """True when no blank line (a paragraph break) lies in ``text[start:end]``."""
    return text.find("\n\n", start, end) == -1
