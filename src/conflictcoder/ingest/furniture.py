"""Page furniture: related-article links, share bars, bylines, photo credits, headline lists.

Patterns live in ``data/furniture.tsv``. A line is furniture when one pattern matches the
whole line; the span covers the line without surrounding blanks or its newline.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import compile_regex, read_tsv
from conflictcoder.errors import DataError
from conflictcoder.records import Removed

_FILE = DATA_DIR / "furniture.tsv"
_MAX_LINE = 300  # longer lines are prose, whatever they start with
_BLOCK_MAX_LINES = 12
_BLOCK_LINE_MAX = 160
_SENTENCE_END = (".", "!", "?", ";", '"', "”", "’", "'")


@dataclass(frozen=True)
class _Pattern:
    reason: str
    block: bool
    regex: re.Pattern[str]


@functools.cache
def _patterns() -> tuple[_Pattern, ...]:
    out = []
    for number, row in read_tsv(_FILE, ("reason", "scope", "regex"), required=True):
        if row["scope"] not in ("line", "block"):
            raise DataError(f"{_FILE}:{number}: scope must be 'line' or 'block'")
        out.append(
            _Pattern(
                row["reason"], row["scope"] == "block", compile_regex(_FILE, number, row["regex"])
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped


def _lines(text: str) -> list[_Line]:
    out = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append(_Line(offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return out


def find_furniture(text: str) -> tuple[Removed, ...]:
    """Furniture lines of ``text``, sorted by start; each ``text[start:end] == removed.text``.

    A "block" heading such as "Latest Headlines" also takes the headline-like lines after it
    (short, no sentence-final punctuation), up to a blank line; when the list runs straight
    into the body, its last line (the article's own headline), and the line before it when
    the last one is a bare name, are left alone.
    """
    lines = _lines(text)
    found: dict[int, Removed] = {}
    for index, line in enumerate(lines):
        if not line.text or len(line.text) > _MAX_LINE or line.start in found:
            continue
        pattern = _match(line.text)
        if pattern is None:
            continue
        found[line.start] = Removed(line.start, line.end, line.text, pattern.reason)
        if pattern.block:
            for item in _block_items(lines, index + 1):
                found[item.start] = Removed(item.start, item.end, item.text, pattern.reason)
    return tuple(found[start] for start in sorted(found))


def _match(line: str) -> _Pattern | None:
    for pattern in _patterns():
        if pattern.regex.fullmatch(line):
            return pattern
    return None


def _headline_like(line: _Line) -> bool:
    return 0 < len(line.text) <= _BLOCK_LINE_MAX and not line.text.endswith(_SENTENCE_END)


def _block_items(lines: list[_Line], first: int) -> list[_Line]:
    items: list[_Line] = []
    index = first
    while index < len(lines) and len(items) < _BLOCK_MAX_LINES and _headline_like(lines[index]):
        items.append(lines[index])
        index += 1
    ends_in_body = index < len(lines) and bool(lines[index].text)
    if ends_in_body and items:
        last = items.pop()  # the article's own headline (or its byline)
        if len(last.text.split()) <= 4 and items:
            items.pop()
    return items
