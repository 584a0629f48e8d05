"""The parts a dateline is built from: place, region, agency, label, terminator.

A dateline is a short run of parts at the start of a line: a place ("KYIV", "Herat
[Afghanistan]", "Bogota, Colombia"), a date (found by dateparser, see ``dateline``), an
agency ("(AP)", "/PRNewswire/", ", NNA"), and a terminator ("—", "--", ":", "."). Each
reader here takes the line and a position and answers where its part ends. The words the
parts use (join words inside place names, date labels, byline openers, bare agency names)
live in ``data/dateline_words.tsv``; words that are never a place in
``data/dateline_not_places.tsv``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

_WORDS_FILE = DATA_DIR / "dateline_words.tsv"
_KINDS = ("join", "label", "byline", "agency")
_WORD = r"[A-Z][A-Za-z'’.\-]*"
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Patterns:
    place: re.Pattern[str]
    label: re.Pattern[str]
    byline: re.Pattern[str]
    bare_agency: re.Pattern[str]


@functools.cache
def words(kind: str) -> tuple[str, ...]:
    """The words of ``kind`` (join, label, byline, agency), longest first."""
    found: dict[str, list[str]] = {k: [] for k in _KINDS}
    for number, row in read_tsv(_WORDS_FILE, ("kind", "word"), required=True):
        if row["kind"] not in found:
            raise DataError(f"{_WORDS_FILE}:{number}: kind must be one of {', '.join(_KINDS)}")
        found[row["kind"]].append(row["word"])
    return tuple(sorted(found[kind], key=len, reverse=True))


@functools.cache
def not_places() -> frozenset[str]:
    rows = read_tsv(DATA_DIR / "dateline_not_places.tsv", ("word",), required=True)
    return frozenset(row["word"].lower() for _, row in rows)


def _alternatives(kind: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in words(kind))


@functools.cache
def patterns() -> Patterns:
    join = _alternatives("join")
    return Patterns(
        place=re.compile(rf"{_WORD}(?:[ \t]+(?:(?:{join})[ \t]+)?{_WORD}){{0,3}}"),
        label=re.compile(rf"(?i:{_alternatives('label')})[ \t]*(?::[ \t]*|[ \t]+)"),
        byline=re.compile(rf"(?i:{_alternatives('byline')})[ \t]+\S"),
        bare_agency=re.compile(rf"(?:{_alternatives('agency')})\b"),
    )


REGION = re.compile(rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}")
BRACKETED = re.compile(r"[ \t]*\[[^\]\n]{1,40}\]")
COMMA = re.compile(r"[ \t]*,[ \t]*")
COLON = re.compile(r"[ \t]*:[ \t]*")
WEEKDAY = re.compile(
    r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?[ \t]+", re.IGNORECASE
)
TIME = re.compile(  # "| 10:15", ", 9:30 a.m. GMT", " 14:20 UTC"
    r"[ \t]*(?:[|,–-][ \t]*)?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]*[A-Z]{2,4})?"
)
PAREN = re.compile(r"[ \t]*\((?P<inner>[^()\n]{1,60})\)")
SLASHED = re.compile(r"[ \t]*\.?[ \t]*/(?P<inner>[A-Za-z][\w .&-]{0,39})/")
CAPS_AGENCY = re.compile(r"[A-Z]{2,10}(?=[ \t]*(?:-|—|–|:))")
AGENCY = re.compile(r"[A-Z][\w.&'’-]*(?:[ /]+[A-Z][\w.&'’-]*){0,4}")
TERMINATOR = re.compile(r"[ \t]*\.?[ \t]*(?::|-{1,2}(?=\s)|[—–‒―\ufffd])")
FULL_STOP = re.compile(r"[ \t]*\.(?=[ \t]|$)")  # "CITY, Month D. /AGENCY/. Text"
LINE_END = re.compile(r"[ \t]*[.,]?[ \t]*$")


def read_place(line: str, pos: int) -> tuple[str, int] | None:
    """A place name as written at ``pos`` and where it ends; never a common word alone."""
    match = patterns().place.match(line, pos)
    if match is None:
        return None
    place = match.group(0).rstrip(".")
    if not _LETTER.search(place) or place.lower() in not_places():
        return None
    return place, match.end()


def display(place: str) -> str:
    """The place as shown: all-caps names title-cased word by word."""
    if not place.isupper():
        return place
    # Word by word keeps "Al-Hasakah", "St. Louis"; str.title breaks "Sana’a".
    return re.sub(r"(?<![\w'’])(\w)(\w*)", lambda m: m.group(1) + m.group(2).lower(), place)


def skip(pattern: re.Pattern[str], line: str, pos: int) -> int:
    match = pattern.match(line, pos)
    return match.end() if match is not None else pos


def label_end(line: str) -> int:
    """Where the date starts after a date label ("Published: "), or 0 without one."""
    match = patterns().label.match(line)
    return match.end() if match is not None else 0


def is_byline(line: str) -> bool:
    return patterns().byline.match(line) is not None


def bare_agency(line: str, pos: int) -> tuple[str, int] | None:
    """A known agency written as a plain word ("Reuters") at ``pos``."""
    match = patterns().bare_agency.match(line, pos)
    if match is None or TERMINATOR.match(line, match.end()) is None:
        return None
    return match.group(0), match.end()
