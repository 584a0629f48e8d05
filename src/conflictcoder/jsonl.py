"""JSON Lines: one object a line, lines split on ``\\n`` only.

``str.splitlines()`` also splits on U+0085, U+2028, U+2029 and other separators that
may stand raw inside a JSON string, which cuts a record in two. Every JSON Lines reader
and writer in the package goes through here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# Separators that ``str.splitlines()`` and some editors break lines on; escaped on output
# so that a line we write stays one line for every reader.
_SEPARATORS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def split_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number from 1, line) for every line of ``text``, split on ``\\n`` only
    (a trailing ``\\r`` is dropped)."""
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line[:-1] if line.endswith("\r") else line


def dumps(obj: Any, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """``json.dumps`` keeping non-ASCII text as it is, but never a raw line separator."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    for raw, escaped in _SEPARATORS.items():
        text = text.replace(raw, escaped)
    return text
