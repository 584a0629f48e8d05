"""Join neighbouring time expressions that name one stretch of time.

- a day and a part-of-day phrase after it: "September 12, 2022, beginning late that evening"
- a weekday and the date it names: "Saturday (August 13th)", "Monday, 12 September"
- a range: "between mid-August 2021 and mid-June 2022", "from 12 to 14 September"
- "since X": from X to the anchor (None end without an anchor), X's precision
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from conflictcoder.time.expressions import Mention

_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
_MODIFIER_GAP = re.compile(
    r"^[\s,]*(?:(?:and\s+|then\s+)?(?:beginning|starting|continuing|lasting|going|running)"
    r"(?:\s+(?:from|on|in|at|into|until|through))?\s*)?"
    r"(?:(?:at\s+)?(?:around\s+|about\s+)?\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|hrs|hours)?[\s,]*)?$",
    re.IGNORECASE,
)
_LEADING_GAP = re.compile(r"^[\s,]*(?:on|of)?\s*$", re.IGNORECASE)
_WEEKDAY_GAP = re.compile(r"^[\s,]*\(?\s*(?:the\s+)?$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:^|\W)(between|from)\s+$", re.IGNORECASE)
_SINCE = re.compile(r"(?:^|\W)((?:ever\s+)?since)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Resolved:
    """A found expression with its calendar reading."""

    start: int
    end: int
    mention: Mention
    first: dt.date | None
    last: dt.date | None
    precision: str | None


def _is_day(r: Resolved) -> bool:
    return r.precision == "day" and r.first is not None


def _runs_on(r: Resolved) -> bool:
    """True when a one-day expression runs into the next day ("late Monday")."""
    return r.first is not None and r.last is not None and r.last > r.first


def _is_modifier(r: Resolved) -> bool:
    rule = r.mention.rule or ""
    return r.mention.kind == "relative" and (
        rule in ("ref:0", "refnight:0")
        # a bare "overnight" right after a day is that day's night, not the anchor's
        or (rule == "night:-1" and r.mention.end - r.mention.start == len("overnight"))
    )


def _coarser(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return None
    return a if _ORDER[a] >= _ORDER[b] else b


def _merge_modifier(a: Resolved, b: Resolved) -> Resolved:
    night = b.mention.night
    last = a.last
    if a.first is not None and a.last is not None and night:
        last = max(a.last, a.first + dt.timedelta(days=1))
    return Resolved(a.start, b.end, a.mention, a.first, last, a.precision)


def _close_paren(text: str, start: int, end: int) -> int:
    """Take in a closing bracket when the joined span opened one ("Saturday (August 13th)")."""
    if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
        return end + 1
    return end


def _opener(text: str, start: int) -> re.Match[str] | None:
    return _RANGE_OPEN.search(text, max(0, start - 12), start)


def _join(text: str, prev: Resolved, item: Resolved) -> Resolved | None:
    """The one expression ``prev`` and ``item`` make together, or None if they stay apart."""
    gap = text[prev.end : item.start]
    if _is_day(prev) and _is_modifier(item) and _MODIFIER_GAP.match(gap):
        return _merge_modifier(prev, item)
    if _is_modifier(prev) and _is_day(item) and _LEADING_GAP.match(gap):
        first, last = item.first, item.last
        if prev.mention.night and first is not None and last is not None:
            last = max(last, first + dt.timedelta(days=1))
        return Resolved(prev.start, item.end, item.mention, first, last, item.precision)
    if _WEEKDAY_GAP.match(gap):
        if prev.mention.kind == "weekday" and item.mention.kind == "date":
            end = _close_paren(text, prev.start, item.end)
            first, last = item.first, item.last
            if _runs_on(prev) and first is not None and last is not None:
                last = max(last, first + dt.timedelta(days=1))
            return Resolved(prev.start, end, item.mention, first, last, item.precision)
        if prev.mention.kind == "date" and item.mention.kind == "weekday":
            end = _close_paren(text, prev.start, item.end)
            return Resolved(prev.start, end, prev.mention, prev.first, prev.last, prev.precision)
    if not _RANGE_GAP.match(gap) or "relative" in (prev.mention.kind, item.mention.kind):
        return None
    opener = _opener(text, prev.start)
    # "X and Y" is two dates unless "between" opened it.
    if gap.strip().lower() == "and" and (opener is None or opener.group(1).lower() != "between"):
        return None
    if prev.first is not None and item.last is not None and prev.first > item.last:
        return None
    start = opener.start(1) if opener is not None else prev.start
    precision = _coarser(prev.precision, item.precision)
    return Resolved(start, item.end, prev.mention, prev.first, item.last, precision)


def combine(text: str, found: list[Resolved], anchor: dt.date | None) -> list[Resolved]:
    """Merge neighbours as described in the module docstring; keeps left-to-right order."""
    out: list[Resolved] = []
    for item in found:
        joined = _join(text, out[-1], item) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(item)
    return [_since(text, _widen_range(text, r), anchor) for r in out]


def _widen_range(text: str, r: Resolved) -> Resolved:
    """A range written in one piece ("between 12 and 14 September") takes in its opener."""
    if r.mention.day2 is None and r.mention.year2 is None:
        return r
    opener = _opener(text, r.start)
    if opener is None:
        return r
    return Resolved(opener.start(1), r.end, r.mention, r.first, r.last, r.precision)


def _since(text: str, r: Resolved, anchor: dt.date | None) -> Resolved:
    match = _SINCE.search(text, max(0, r.start - 12), r.start)
    if match is None or r.mention.kind == "relative":
        return r
    last = anchor if anchor is not None and r.first is not None and anchor >= r.first else None
    return Resolved(match.start(1), r.end, r.mention, r.first, last, r.precision)
