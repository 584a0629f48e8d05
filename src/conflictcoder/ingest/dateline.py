"""Datelines: "Baku, 13 September 2022 (TDI):", "BEIRUT (AP) --", "13.09.2022 | 10:15" …

A dateline is looked for only where one can be: at the start of the text, or at the start
of a line that follows nothing but title-like lines (a headline, a ``TITLE: … LINK: …``
line, a byline, a "Published: …" line), including right after a headline the text repeats
as its first sentence. Dates are found by ``dateparser``'s search over the head of each such
line; the parts around them (place, region, agency, terminator) are read by the small
grammar in ``dateline_grammar``. A place dateline without a date of its own takes the date
of a date line or byline above it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dateparser.search import search_dates

from conflictcoder.ingest import dateline_grammar as g
from conflictcoder.records import Dateline, Span

_TITLE_LIKE_MAX = 250
_LEAD_LINES = 4
_SEARCH_CHARS = 120  # a dateline's date sits near the start of its line
_BASE_YEAR = 2000  # a leap year, so "Feb 29" parses; a year the text does not give is ours
_SEARCH_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RELATIVE_BASE": dt.datetime(_BASE_YEAR, 1, 1),
    "REQUIRE_PARTS": ["day", "month"],
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
# Blanked (same length, so offsets hold) before the search: dateparser stumbles on them.
_SEARCH_NOISE = re.compile(r"[|]|(?<=\d)(?:st|nd|rd|th)\b|(?<=\b[A-Z][a-z]{2})\.|(?<=\bSept)\.")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_LEADING_WORD = re.compile(r"(?i:on|at|of|the)[ \t]+")

IsPlace = Callable[[str], bool]


@dataclass(frozen=True)
class _DateHit:
    start: int
    end: int
    month: int
    day: int
    year: int | None  # None when the text gives no year


@dataclass
class _Found:
    place: str | None = None
    date: dt.date | None = None
    agency: str | None = None
    has_date_text: bool = False
    year_inferred: bool = False


@dataclass(frozen=True)
class _Context:
    reference: dt.date | None
    crawled: dt.date | None
    is_place: IsPlace | None


def parse_dateline(
    text: str,
    reference: dt.date | None = None,
    *,
    crawled: dt.date | None = None,
    is_place: IsPlace | None = None,
) -> Dateline | None:
    """The dateline at the head of ``text``, with its span, or None.

    Place is the city as written (all-caps names title-cased; a following region such as
    "Ukraine" or "[Afghanistan]" is left out); with ``is_place`` (a gazetteer lookup) the
    city must be a known place. Agency is the parenthesised, slashed or named source (AP,
    Reuters, TDI, PRNewswire …). A date without a year takes the year that puts it on or
    before ``reference`` (the metadata date, within a month), else the latest such date not
    after ``crawled`` (when the text was fetched or ingested); ``year_inferred`` says so.
    Without either such a date is None.
    """
    context = _Context(reference, crawled, is_place)
    date_only: _Parsed | None = None
    header_date: _Found | None = None
    for start in _candidates(text):
        line = _line_at(text, start)
        found = _parse_at(line, start, context)
        if found is None:
            header_date = header_date or _byline_date(line, context)
            continue
        if found.place is None:
            date_only = date_only or found
            continue
        if found.date is None and not found.span_has_date:
            source: _Parsed | _Found | None = date_only or header_date
            if source is not None and source.date is not None:
                found = replace(found, date=source.date, year_inferred=source.year_inferred)
        return found.dateline
    return date_only.dateline if date_only is not None else None


@dataclass(frozen=True)
class _Parsed:
    place: str | None
    date: dt.date | None
    agency: str | None
    span: Span
    span_has_date: bool
    year_inferred: bool

    @property
    def dateline(self) -> Dateline:
        return Dateline(self.place, self.date, self.agency, self.span, self.year_inferred)


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _candidates(text: str) -> list[int]:
    """Offsets where a dateline may start: the first lines, while those before are titles."""
    out: list[int] = []
    titles: list[str] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            out.append(start)
            for title in titles:  # a headline repeated as the first sentence
                if stripped.startswith(title) and len(stripped) > len(title) + 2:
                    rest = stripped[len(title) :]
                    gap = len(rest) - len(rest.lstrip(" .:–—-"))
                    out.append(start + len(title) + gap)
            if len(titles) >= _LEAD_LINES - 1 or not _title_like(stripped):
                break
            titles.append(stripped)
        offset += len(line) + 1
    return out


def _title_like(line: str) -> bool:
    if line.startswith("TITLE:"):
        return True
    return len(line) <= _TITLE_LIKE_MAX and not line.endswith((".", "!", "?", ";", ":", '"', "”"))


def _parse_at(line: str, start: int, context: _Context) -> _Parsed | None:
    hits = _dates_in(line)
    match = (
        _date_line(line, hits, context)
        or _date_first(line, hits, context)
        or _place_dateline(line, hits, context)
    )
    if match is None:
        return None
    found, end = match
    return _Parsed(
        place=found.place,
        date=found.date,
        agency=found.agency,
        span=Span(start, start + end, line[:end]),
        span_has_date=found.has_date_text,
        year_inferred=found.year_inferred,
    )


# -- dates -------------------------------------------------------------------------------


_CLAUSE_END = re.compile(r"[:;](?!\d)|\s[-–—]\s")
_DATELINE_COLON = re.compile(r"(?<!\d):(?!\d)|(?<=\d):(?=\s)")


@functools.lru_cache(maxsize=4096)
def _dates_in(line: str) -> dict[int, _DateHit]:
    """The day-and-month dates dateparser finds in the head of ``line``, by start offset."""
    head = line[:_SEARCH_CHARS]
    if not any(ch.isdigit() for ch in head):
        return {}
    cleaned = _SEARCH_NOISE.sub(lambda m: " " * len(m.group(0)), head)
    # A colon that ends the dateline (not one inside a time) ends the date for dateparser
    # too: it reads "3 May 2023: In 1998" as one expression and finds nothing.
    cleaned = _DATELINE_COLON.sub(";", cleaned)
    found = search_dates(cleaned, languages=["en"], settings=_SEARCH_SETTINGS) or []
    hits: dict[int, _DateHit] = {}
    cursor = 0
    for written, parsed in found:
        # dateparser gives the words back with their spaces squeezed: find them as written.
        located = re.compile(r"\s+".join(map(re.escape, written.split()))).search(cleaned, cursor)
        if located is None:
            continue
        cursor = located.end()
        lead = _LEADING_WORD.match(cleaned, located.start())
        start = lead.end() if lead is not None else located.start()
        end = len(cleaned[: located.end()].rstrip(" ,"))
        # dateparser reads on past the dateline's colon ("5 June 2023: At least 14 …" gives
        # "5 June 2023: At"): the date ends there (a colon between digits is a time).
        stop = _CLAUSE_END.search(cleaned, start, end)
        if stop is not None:
            end = len(cleaned[: stop.start()].rstrip(" ,"))
        years = _YEAR.findall(cleaned[start:end])
        year = int(years[0]) if years else None
        # A relative phrase ("the 10 months") moves off the base year: not a calendar date.
        if parsed.year != (year if year is not None else _BASE_YEAR):
            continue
        hits[start] = _DateHit(start, end, parsed.month, parsed.day, year)
    return hits


def _date_at(
    line: str, pos: int, hits: dict[int, _DateHit], context: _Context
) -> tuple[_Found, int, _DateHit] | None:
    """The date starting at ``pos`` (perhaps after a weekday), with any time after it."""
    hit = hits.get(pos)
    if hit is None:
        hit = hits.get(g.skip(g.WEEKDAY, line, pos))
    if hit is None:
        return None
    date, inferred = _resolve(hit, context)
    found = _Found(date=date, has_date_text=True, year_inferred=inferred)
    return found, g.skip(g.TIME, line, hit.end), hit


def _resolve(hit: _DateHit, context: _Context) -> tuple[dt.date | None, bool]:
    """The calendar date of ``hit`` and whether its year was inferred."""
    if hit.year is not None:
        try:
            return dt.date(hit.year, hit.month, hit.day), False
        except ValueError:
            return None, False
    if context.reference is not None:
        date = _in_year_of(hit.month, hit.day, context.reference)
        return date, date is not None
    if context.crawled is not None:
        date = _latest_not_after(hit.month, hit.day, context.crawled)
        return date, date is not None
    return None, False


def _in_year_of(month: int, day: int, reference: dt.date) -> dt.date | None:
    for year in (reference.year, reference.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue  # 29 February in a common year
        if candidate <= reference + dt.timedelta(days=31):
            return candidate
    return None


def _latest_not_after(month: int, day: int, limit: dt.date) -> dt.date | None:
    for year in range(limit.year, limit.year - 8, -1):  # 29 February: back to a leap year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= limit:
            return candidate
    return None


# -- shapes ------------------------------------------------------------------------------


def _date_line(
    line: str, hits: dict[int, _DateHit], context: _Context
) -> tuple[_Found, int] | None:
    """A line that is only a date, perhaps labelled and timed: "Published: 2024-05-02 09:10"."""
    dated = _date_at(line, g.label_end(line), hits, context)
    if dated is None:
        return None
    found, end, hit = dated
    if line[end:].strip() or (found.date is None and hit.year is None):
        return None
    return found, end


def _date_first(
    line: str, hits: dict[int, _DateHit], context: _Context
) -> tuple[_Found, int] | None:
    """A date, then the place: "7 February 2024, Kismayo –"."""
    dated = _date_at(line, 0, hits, context)
    if dated is None:
        return None
    found, pos, _ = dated
    comma = g.COMMA.match(line, pos)
    if comma is None:
        return None
    place = _place(line, comma.end(), context)
    if place is None:
        return None
    found.place, pos = g.display(place[0]), g.skip(g.BRACKETED, line, place[1])
    pos = _agency_parts(line, pos, found, hits, context)
    terminator = g.TERMINATOR.match(line, pos) or g.LINE_END.match(line, pos)
    if terminator is None:
        return None
    return found, terminator.end()


def _place_dateline(
    line: str, hits: dict[int, _DateHit], context: _Context
) -> tuple[_Found, int] | None:
    place_match = _place(line, 0, context)
    if place_match is None:
        return None
    place, pos = place_match
    found = _Found(place=g.display(place))
    pos = g.skip(g.BRACKETED, line, pos)
    colon = g.COLON.match(line, pos)
    dated = _date_at(line, colon.end(), hits, context) if colon is not None else None
    if dated is not None:  # "CITY: Month D, YYYY —"
        found, pos = replace(dated[0], place=found.place), dated[1]
    for _ in range(3):
        pos = _comma_part(line, pos, found, hits, context)
    pos = _agency_parts(line, pos, found, hits, context)
    terminator = g.TERMINATOR.match(line, pos)
    if terminator is None and (found.agency or found.has_date_text):
        terminator = g.FULL_STOP.match(line, pos)
    if terminator is None:
        return None
    is_dash = not terminator.group(0).strip().endswith((":", "."))
    if not (found.agency or found.has_date_text or (place.isupper() and is_dash)):
        return None
    return found, terminator.end()


def _place(line: str, pos: int, context: _Context) -> tuple[str, int] | None:
    match = g.read_place(line, pos)
    if match is None:
        return None
    if context.is_place is not None and not context.is_place(g.display(match[0])):
        return None
    return match


def _agency_parts(
    line: str, pos: int, found: _Found, hits: dict[int, _DateHit], context: _Context
) -> int:
    for _ in range(2):
        pos = _paren_part(line, pos, found, hits, context)
    slashed = g.SLASHED.match(line, pos)
    if slashed is not None and found.agency is None:
        found.agency, pos = slashed.group("inner").strip(), slashed.end()
    return pos


def _comma_part(
    line: str, pos: int, found: _Found, hits: dict[int, _DateHit], context: _Context
) -> int:
    comma = g.COMMA.match(line, pos)
    if comma is None:
        return pos
    after = comma.end()
    dated = _date_at(line, after, hits, context) if not found.has_date_text else None
    if dated is not None:
        # A year-less date with no reference still counts as a date (its value unknown).
        found.date, found.has_date_text, found.year_inferred = (
            dated[0].date,
            True,
            dated[0].year_inferred,
        )
        return dated[1]
    agency = g.CAPS_AGENCY.match(line, after)
    named = g.bare_agency(line, after)
    if found.agency is None and (agency is not None or named is not None):
        if agency is not None:
            found.agency = agency.group(0)
            return agency.end()
        assert named is not None
        found.agency = named[0]
        return named[1]
    region = g.REGION.match(line, after)
    if region is not None and not found.has_date_text:
        return region.end()
    return pos


def _paren_part(
    line: str, pos: int, found: _Found, hits: dict[int, _DateHit], context: _Context
) -> int:
    paren = g.PAREN.match(line, pos)
    if paren is None:
        return pos
    inner = paren.group("inner").strip()
    inner_start = line.index(inner, paren.start())
    dated = _date_at(line, inner_start, hits, context)
    if dated is not None and not line[dated[1] : paren.end() - 1].strip():
        found.date, found.has_date_text, found.year_inferred = (
            dated[0].date,
            True,
            dated[0].year_inferred,
        )
        return paren.end()
    if found.agency is None and g.AGENCY.fullmatch(inner):
        found.agency = inner
        return paren.end()
    return pos


def _byline_date(line: str, context: _Context) -> _Found | None:
    """The date a byline ends with ("By Staff Writer 2 May 2024"), as a header date."""
    if not g.is_byline(line):
        return None
    hits = _dates_in(line)
    for hit in hits.values():
        if hit.year is not None and not line[hit.end :].strip(" ,.|"):
            date, inferred = _resolve(hit, context)
            return _Found(date=date, has_date_text=True, year_inferred=inferred)
    return None
