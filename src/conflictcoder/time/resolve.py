"""Resolve a time Mention to calendar days relative to an anchor (the dateline date).

Conventions (documented here because they are choices, not facts):
- A date written without a year takes the year that puts it on or before the anchor.
- "night"/"late"/"overnight" days run into the next day: D .. D+1, precision day.
- A weekday is the most recent such day on or before the anchor; "last Monday" is strictly
  before it.
- Ranges that look back ("the past month", "recent weeks", "the past 3 days") end at the
  anchor itself, because the report's own day may be part of what it sums up.
- "this week" = Monday of the anchor's week .. anchor; "last week" = the calendar week before.
- Without an anchor every relative expression resolves to None (never today's date).
"""

from __future__ import annotations

import calendar
import datetime as dt

import dateparser

from conflictcoder.time.expressions import Mention

Resolution = tuple[dt.date | None, dt.date | None, str | None]
_NONE: Resolution = (None, None, None)
_DAY = dt.timedelta(days=1)
# Never dateparser's own clock: a fixed base when the text gives every part itself.
_FIXED_BASE = dt.datetime(2000, 1, 1)


def _parse_day(
    day: int, month_text: str, year: int | None, anchor: dt.date | None
) -> dt.date | None:
    """Day/month(/year) through dateparser; a missing year is the one on or before the anchor."""
    if year is None and anchor is None:
        return None
    base = dt.datetime.combine(anchor, dt.time()) if anchor is not None else _FIXED_BASE
    written = f"{day} {month_text}" + (f" {year}" if year is not None else "")
    parsed = dateparser.parse(
        written,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        return None
    result = parsed.date()
    if year is None and anchor is not None and result > anchor:  # guard the on-or-before rule
        result = _replace_year(result, result.year - 1)
    return result


def _replace_year(day: dt.date, year: int) -> dt.date:
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _back(anchor: dt.date, count: int, unit: str) -> dt.date:
    if unit == "d":
        return anchor - dt.timedelta(days=count)
    if unit == "w":
        return anchor - dt.timedelta(weeks=count)
    if unit == "m":
        return _shift_months(anchor, -count)
    return _replace_year(anchor, anchor.year - count)


_UNIT_PRECISION = {"d": "day", "w": "week", "m": "month", "y": "year"}


def _date(m: Mention, anchor: dt.date | None) -> Resolution:
    assert m.day is not None and m.month is not None
    month_text = m.month_text or calendar.month_name[m.month]
    start = _parse_day(m.day, month_text, m.year, anchor)
    if start is None:
        return _NONE
    end = start
    if m.day2 is not None and m.day2 > m.day:
        last = calendar.monthrange(start.year, start.month)[1]
        end = start.replace(day=min(m.day2, last))
    if m.night:
        end = max(end, start + _DAY)
    return start, end, "day"


def _month(m: Mention, anchor: dt.date | None) -> Resolution:
    assert m.month is not None
    year = m.year
    if year is None:
        if anchor is None:
            return _NONE
        year = anchor.year if m.month <= anchor.month else anchor.year - 1
        if m.qualifier == "last" and m.month >= anchor.month:
            year = anchor.year - 1
        if m.qualifier == "this":
            year = anchor.year
    start, end = month_range(year, m.month)
    return start, end, "month"


def _year(m: Mention) -> Resolution:
    assert m.year is not None
    last = m.year2 if m.year2 is not None else m.year
    return dt.date(m.year, 1, 1), dt.date(last, 12, 31), "year"


def _weekday(m: Mention, anchor: dt.date | None) -> Resolution:
    assert m.weekday is not None
    if anchor is None:
        return _NONE
    back = (anchor.weekday() - m.weekday) % 7
    if back == 0 and m.qualifier in ("last", "this past"):
        back = 7
    day = anchor - dt.timedelta(days=back)
    return day, day + _DAY if m.night else day, "day"


def _relative(m: Mention, anchor: dt.date | None, previous: dt.date | None) -> Resolution:
    assert m.rule is not None
    name, _, arg = m.rule.partition(":")
    if name in ("ref", "refnight"):
        if previous is None:
            return _NONE
        day = previous + dt.timedelta(days=int(arg))
        return day, day + _DAY if name == "refnight" else day, "day"
    if anchor is None:
        return _NONE
    if name in ("day", "night"):
        day = anchor + dt.timedelta(days=int(arg))
        return day, day + _DAY if name == "night" else day, "day"
    if name == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday())
        if arg == "this":
            return monday, anchor, "week"
        return monday - dt.timedelta(days=7), monday - _DAY, "week"
    if name == "month":
        if arg == "this":
            return anchor.replace(day=1), anchor, "month"
        first = _shift_months(anchor.replace(day=1), -1)
        return (*month_range(first.year, first.month), "month")
    if name == "year":
        if arg == "this":
            return dt.date(anchor.year, 1, 1), anchor, "year"
        return dt.date(anchor.year - 1, 1, 1), dt.date(anchor.year - 1, 12, 31), "year"
    # back:N<unit>
    count, unit = int(arg[:-1]), arg[-1]
    return _back(anchor, count, unit), anchor, m.precision or _UNIT_PRECISION[unit]


def resolve(m: Mention, anchor: dt.date | None, previous: dt.date | None = None) -> Resolution:
    """(start, end, precision) for a Mention; ``previous`` is the latest day named before it.

    Returns (None, None, None) when the text does not fix the dates (e.g. a relative
    expression without an anchor, or an impossible date such as 31 September).
    """
    if m.kind == "date":
        return _date(m, anchor)
    if m.kind == "month":
        return _month(m, anchor)
    if m.kind == "year":
        return _year(m)
    if m.kind == "weekday":
        return _weekday(m, anchor)
    if m.kind == "relative":
        return _relative(m, anchor, previous)
    if anchor is None or m.count is None or m.unit is None:
        return _NONE
    day = _back(anchor, m.count, m.unit)
    if m.kind == "ago":
        return day, day, _UNIT_PRECISION[m.unit]
    return day, anchor, _UNIT_PRECISION[m.unit]
