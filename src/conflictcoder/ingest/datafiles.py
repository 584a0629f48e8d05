"""Load the ingest stage's TSV data files, checking every row as it is read."""

from __future__ import annotations

import re
from pathlib import Path

from conflictcoder.config import DATA_DIR
from conflictcoder.errors import DataError


def read_tsv(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of ``DATA_DIR/name`` as (line number, {column: value}).

    The first non-comment line must be the header, equal to ``columns``; ``#`` lines and
    blank lines are skipped. A missing file, wrong header or wrong cell count raises
    DataError naming the file and line.
    """
    path = DATA_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise DataError(f"{path}: cannot read data file ({exc.strerror})") from exc
    rows: list[tuple[int, dict[str, str]]] = []
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\r").split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise DataError(f"{path}:{number}: header must be {'<TAB>'.join(columns)}")
            header_seen = True
            continue
        if len(cells) != len(columns) or not all(c.strip() for c in cells):
            raise DataError(
                f"{path}:{number}: expected {len(columns)} non-empty tab-separated cells"
                f" ({', '.join(columns)}), got {len(cells)}"
            )
        rows.append((number, dict(zip(columns, cells, strict=True))))
    if not header_seen:
        raise DataError(f"{path}: no header line ({'<TAB>'.join(columns)})")
    return rows


def compile_regex(path: Path | str, number: int, pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)``, or DataError naming the file and line of a bad pattern."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise DataError(f"{DATA_DIR / path}:{number}: bad regex ({exc})") from exc
