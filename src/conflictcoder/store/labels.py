"""What a document is called where it has no title: its first line, not its file path.

Kept as a column at ingest (``documents.first_line``) so listings that never read the text
can still name a document the way a reader would: "Armenia claims Turkish jet shot down
plane", not "/data/corpus/am-az-2020-09-29-armenia-claims….txt".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MAX_CHARS = 160


def first_line(text: str, removed: Sequence[Mapping[str, Any]] = ()) -> str | None:
    """The first non-blank line of ``text`` that is not removed furniture, whitespace
    collapsed and cut at MAX_CHARS (with an ellipsis); None for a blank text."""
    spans = sorted(
        (int(r["start"]), int(r["end"]))
        for r in removed
        if isinstance(r.get("start"), int) and isinstance(r.get("end"), int)
    )
    offset = 0
    for line in text.splitlines(keepends=True):
        start, end = offset, offset + len(line)
        offset = end
        words = " ".join(line.split())
        if not words or any(a <= start and end <= b + 1 for a, b in spans):
            continue
        if len(words) > MAX_CHARS:
            return words[: MAX_CHARS - 1].rstrip() + "…"
        return words
    return None
