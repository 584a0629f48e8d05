"""Read the packaged and user data files: TSV with a header line, ``#`` comments, checked rows."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import Path

from conflictcoder.errors import DataError


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read data file ({exc}); fix or remove it") from exc


def _content(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, line) of every line that is neither blank nor a ``#`` comment."""
    return [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def read_tsv(
    path: Path,
    columns: Sequence[str],
    *,
    required: Collection[str] | bool = False,
    optional: Collection[str] | bool = False,
    more_columns: bool = False,
) -> list[tuple[int, dict[str, str]]]:
    """Rows of ``path`` as (line number, {column: value}); DataError names file and line.

    The first non-comment line is the header: it must name exactly ``columns`` or, with
    ``more_columns``, start with them (rows are then keyed by every column the header names).
    Blank lines and lines starting with ``#`` are skipped; cells are stripped. A row has one
    cell per header column, except that trailing ``optional`` columns (all with True; always
    the header's columns beyond ``columns``) may be left out and read as "". Cells of the
    ``required`` columns (all of ``columns`` with True) must not be empty.
    """
    columns = tuple(columns)
    must = set(columns if required is True else required or ())
    may = set(columns if optional is True else optional or ())
    unknown = sorted((must | may) - set(columns))
    if unknown:
        raise ValueError(f"read_tsv: {', '.join(unknown)} not among the columns")
    content = _content(_lines(path))
    if not content:
        raise DataError(f"{path}: no header line; expected {'/'.join(columns)}")
    number, line = content[0]
    header = tuple(cell.strip() for cell in line.split("\t"))
    if header[: len(columns)] != columns or (not more_columns and len(header) != len(columns)):
        rule = "must start with" if more_columns else "must be"
        raise DataError(
            f"{path}:{number}: header {rule} {'/'.join(columns)} (tab-separated);"
            f" found {'/'.join(header)}"
        )
    may |= set(header[len(columns) :])
    fewest = len(header)
    while fewest > 1 and header[fewest - 1] in may:
        fewest -= 1
    rows: list[tuple[int, dict[str, str]]] = []
    for number, line in content[1:]:
        cells = [cell.strip() for cell in line.split("\t")]
        if not fewest <= len(cells) <= len(header):
            expected = str(len(header)) if fewest == len(header) else f"{fewest} to {len(header)}"
            raise DataError(
                f"{path}:{number}: {len(cells)} tab-separated fields; expected {expected}"
                f" ({', '.join(header)})"
            )
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        empty = [column for column in columns if column in must and not row[column]]
        if empty:
            raise DataError(f"{path}:{number}: empty {', '.join(empty)}; fill in every cell")
        rows.append((number, row))
    return rows


def read_word_uses(path: Path, uses: Collection[str]) -> dict[str, frozenset[str]]:
    """The words of each use in a ``word<TAB>use`` file, every use of ``uses`` a key.

    A cue file gathers the small word lists of one module, each row a word and the rule
    (``use``) it serves. DataError names file and line of an unknown use, an empty cell, a
    word that is not one lowercase token (it could never match a lowercased token or
    lemma) and a repeated row; a use with no words at all is an error too, since its rule
    would silently never fire.
    """
    table: dict[str, set[str]] = {use: set() for use in uses}
    seen: dict[tuple[str, str], int] = {}
    for number, row in read_tsv(path, ("word", "use"), required=True):
        word, use = row["word"], row["use"]
        if use not in table:
            raise DataError(f"{path}:{number}: use {use!r} is not one of {sorted(table)}")
        if word != word.lower() or any(c.isspace() for c in word):
            raise DataError(f"{path}:{number}: word {word!r} must be one lowercase token")
        if (word, use) in seen:
            raise DataError(
                f"{path}:{number}: duplicate of line {seen[word, use]} ({word!r}, {use!r})"
            )
        seen[word, use] = number
        table[use].add(word)
    empty = sorted(use for use, words in table.items() if not words)
    if empty:
        raise DataError(f"{path}: no words for use {', '.join(empty)}; give each use a row")
    return {use: frozenset(words) for use, words in table.items()}


def read_words(path: Path) -> list[str]:
    """One entry a line; ``#`` comments and blank lines skipped; entries stripped."""
    return [line.strip() for _, line in _content(_lines(path))]


def compile_regex(path: Path, number: int, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, or DataError naming the file and line of a bad pattern."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataError(f"{path}:{number}: bad regex {pattern!r} ({exc})") from exc
