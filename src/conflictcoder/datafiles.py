"""Read the packaged and user data files: TSV with a header line, ``#`` comments, checked rows."""

from __future__ import annotations

from pathlib import Path

from conflictcoder.errors import DataError


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of ``path`` as (line number, {column: value}); DataError names file and line.

    The first non-comment line must be the header and name exactly ``columns``; blank
    lines and lines starting with ``#`` are skipped; cells are stripped.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read data file ({exc})") from exc
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise DataError(
                    f"{path}:{number}: header is {'/'.join(header)}; expected {'/'.join(columns)}"
                )
            continue
        if len(cells) != len(columns):
            raise DataError(
                f"{path}:{number}: {len(cells)} tab-separated fields; expected {len(columns)}"
            )
        rows.append((number, dict(zip(columns, cells, strict=True))))
    if header is None:
        raise DataError(f"{path}: no header line; expected {'/'.join(columns)}")
    return rows


def read_words(path: Path) -> list[str]:
    """One entry a line; ``#`` comments and blank lines skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read data file ({exc})") from exc
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
