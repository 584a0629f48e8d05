"""Datelines: "Baku, 13 September 2022 (TDI):", "BEIRUT (AP) --", "13.09.2022 | 10:15" …

A dateline is looked for only where one can be: at the start of the text, or at the start
of a line that follows nothing but title-like lines (a headline, a ``TITLE: … LINK: …``
line, a byline), including right after a headline the text repeats as its first sentence.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import dateparser

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.records import Dateline, Span

_WORD = r"[A-Z][A-Za-z'’.\-]*"
_JOIN = r"(?:de|del|da|do|dos|das|of|la|le|el|al|upon|on|sur|am|an|der)"
_PLACE = re.compile(rf"{_WORD}(?:[ \t]+(?:{_JOIN}[ \t]+)?{_WORD}){{0,3}}")
_REGION = re.compile(rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}")
_BRACKETED = re.compile(r"[ \t]*\[[^\]\n]{1,40}\]")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_MONTH_DAY = r"[A-Z][A-Za-z]{2,8}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?"
_DAY_MONTH = r"\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][A-Za-z]{2,8}\.?"
_WORD_DATE = (
    rf"(?:[A-Z][a-z]{{2,8}}\.?,?[ \t]+)?(?:{_MONTH_DAY}|{_DAY_MONTH})(?:,?[ \t]+(?P<year>\d{{4}}))?"
)
_NUM_DATE = (
    r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
)
_DATE = re.compile(rf"(?:{_NUM_DATE}|{_WORD_DATE})")
_TIME = re.compile(  # "| 10:15", ", 9:30 a.m. GMT"
    r"[ \t]*(?:[|,–-][ \t]*)?\d{1,2}:\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]*[A-Z]{2,4})?"
)
_PAREN = re.compile(r"[ \t]*\((?P<inner>[^()\n]{1,60})\)")
_SLASHED = re.compile(r"[ \t]*/(?P<inner>[A-Za-z][\w .&-]{0,39})/")
_CAPS_AGENCY = re.compile(r"[A-Z]{2,10}(?=[ \t]*(?:-|—|–|:))")
_AGENCY = re.compile(r"[A-Z][\w.&'’-]*(?:[ /]+[A-Z][\w.&'’-]*){0,4}")
_TERMINATOR = re.compile(r"[ \t]*\.?[ \t]*(?::|-{1,2}(?=\s)|[—–‒―\ufffd])")
_TITLE_LIKE_MAX = 250
_LEAD_LINES = 4
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # a leap year, so "Feb 29" parses; year is ours
    "REQUIRE_PARTS": ["day", "month"],
}


@dataclass
class _Found:
    place: str | None = None
    date: dt.date | None = None
    agency: str | None = None
    has_date_text: bool = False


@functools.cache
def _not_places() -> frozenset[str]:
    rows = read_tsv(DATA_DIR / "dateline_not_places.tsv", ("word",), required=True)
    return frozenset(row["word"].lower() for _, row in rows)


def parse_dateline(text: str, reference: dt.date | None = None) -> Dateline | None:
    """The dateline at the head of ``text``, with its span, or None.

    Place is the city as written (all-caps names title-cased; a following region such as
    "Ukraine" or "[Afghanistan]" is left out); agency is the parenthesised or slashed
    source (AP, Reuters, TDI, PRNewswire …). A date without a year takes its year from
    ``reference`` (the year that puts it on or before ``reference``, within a month);
    without a reference such a date is None.
    """
    for start in _candidates(text):
        found = _parse_at(text, start, reference)
        if found is not None:
            return found
    return None


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


def _parse_at(text: str, start: int, reference: dt.date | None) -> Dateline | None:
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    match = _date_line(line, reference) or _place_dateline(line, reference)
    if match is None:
        return None
    found, end = match
    span_text = line[:end]
    return Dateline(
        place=found.place,
        date=found.date,
        agency=found.agency,
        span=Span(start, start + end, span_text),
    )


def _date_line(line: str, reference: dt.date | None) -> tuple[_Found, int] | None:
    """A line that is only a date, perhaps with a time: "13.09.2022 | 10:15"."""
    date_match = _DATE.match(line)
    if date_match is None:
        return None
    end = date_match.end()
    time_match = _TIME.match(line, end)
    if time_match is not None:
        end = time_match.end()
    if line[end:].strip():
        return None
    date = _to_date(date_match, reference)
    if date is None and not date_match.group("year"):
        return None
    return _Found(date=date, has_date_text=True), end


def _place_dateline(line: str, reference: dt.date | None) -> tuple[_Found, int] | None:
    place_match = _PLACE.match(line)
    if place_match is None:
        return None
    place = place_match.group(0).rstrip(".")
    if place.lower() in _not_places():
        return None
    found = _Found(place=_display(place))
    pos = _skip(_BRACKETED, line, place_match.end())
    for _ in range(2):
        pos = _comma_part(line, pos, found, reference)
    for _ in range(2):
        pos = _paren_part(line, pos, found, reference)
    slashed = _SLASHED.match(line, pos)
    if slashed is not None and found.agency is None:
        found.agency, pos = slashed.group("inner").strip(), slashed.end()
    terminator = _TERMINATOR.match(line, pos)
    if terminator is None:
        return None
    is_dash = not terminator.group(0).strip().endswith(":")
    if not (found.agency or found.has_date_text or (place.isupper() and is_dash)):
        return None
    return found, terminator.end()


def _comma_part(line: str, pos: int, found: _Found, reference: dt.date | None) -> int:
    comma = _COMMA.match(line, pos)
    if comma is None:
        return pos
    after = comma.end()
    date_match = _DATE.match(line, after)
    if date_match is not None and not found.has_date_text:
        date = _to_date(date_match, reference)
        # A year-less date with no reference still counts as a date (its value unknown).
        if date is not None or (not date_match.group("year") and _parses(date_match.group(0))):
            found.date, found.has_date_text = date, True
            return date_match.end()
    agency = _CAPS_AGENCY.match(line, after)
    if agency is not None and found.agency is None:
        found.agency = agency.group(0)
        return agency.end()
    region = _REGION.match(line, after)
    if region is not None and not found.has_date_text:
        return region.end()
    return pos


def _paren_part(line: str, pos: int, found: _Found, reference: dt.date | None) -> int:
    paren = _PAREN.match(line, pos)
    if paren is None:
        return pos
    inner = paren.group("inner").strip()
    date_match = _DATE.fullmatch(inner)
    if date_match is not None and _parses(inner):
        found.date, found.has_date_text = _to_date(date_match, reference), True
        return paren.end()
    if found.agency is None and _AGENCY.fullmatch(inner):
        found.agency = inner
        return paren.end()
    return pos


def _skip(pattern: re.Pattern[str], line: str, pos: int) -> int:
    match = pattern.match(line, pos)
    return match.end() if match is not None else pos


def _display(place: str) -> str:
    if not place.isupper():
        return place
    # Title-case word by word (keeps "Al-Hasakah", "St. Louis"; str.title breaks "Sana’a").
    return re.sub(r"(?<![\w'’])(\w)(\w*)", lambda m: m.group(1) + m.group(2).lower(), place)


@functools.cache
def _parse_words(value: str) -> dt.datetime | None:
    return dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)


def _parses(value: str) -> bool:
    match = _DATE.fullmatch(value)
    if match is not None and (match.group("y") or match.group("iy")):
        return True
    return _parse_words(value) is not None


def _to_date(match: re.Match[str], reference: dt.date | None) -> dt.date | None:
    try:
        if match.group("y"):
            return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        if match.group("iy"):
            return dt.date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
    except ValueError:
        return None
    parsed = _parse_words(match.group(0))
    if parsed is None:
        return None
    if match.group("year"):
        return parsed.date()
    if reference is None:
        return None
    return _in_year_of(parsed.month, parsed.day, reference)


def _in_year_of(month: int, day: int, reference: dt.date) -> dt.date | None:
    for year in (reference.year, reference.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue  # 29 February in a common year
        if candidate <= reference + dt.timedelta(days=31):
            return candidate
    return None
