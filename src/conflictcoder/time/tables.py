"""The time tables (month and weekday names, relative phrases), loaded once and validated."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conflictcoder.config import DATA_DIR
from conflictcoder.errors import DataError

PRECISIONS = ("day", "week", "month", "year")
_RULE = re.compile(
    r"^(?:(?:day|night|ref|refnight):-?\d+|(?:week|month|year):(?:this|last)|back:\d+[dwmy])$"
)


@dataclass(frozen=True)
class MonthName:
    name: str
    month: int
    abbreviation: bool


@dataclass(frozen=True)
class RelativePhrase:
    pattern: str
    rule: str
    precision: str


def read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) for each data row of a TSV file with the given header.

    Blank lines and lines starting with ``#`` are skipped; a wrong header or a row with the
    wrong number of cells raises DataError naming the file and line.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"{path}: cannot read data file ({exc.strerror})") from exc
    header_seen = False
    wanted = "\t".join(columns)
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise DataError(f"{path}:{number}: header must be {wanted!r}")
            header_seen = True
            continue
        if len(cells) != len(columns) or any(not c.strip() for c in cells):
            raise DataError(
                f"{path}:{number}: expected {len(columns)} non-empty tab-separated cells"
            )
        yield number, [c.strip() for c in cells]
    if not header_seen:
        raise DataError(f"{path}: no header line")


def _int(path: Path, number: int, value: str, low: int, high: int) -> int:
    if not value.isdigit() or not low <= int(value) <= high:
        raise DataError(f"{path}:{number}: {value!r} is not a number from {low} to {high}")
    return int(value)


@cache
def months(data_dir: Path = DATA_DIR) -> tuple[MonthName, ...]:
    """Month names from ``time_months.tsv``."""
    path = data_dir / "time_months.tsv"
    rows: list[MonthName] = []
    for number, (name, month, abbr) in read_tsv(path, ("name", "month", "abbreviation")):
        if abbr not in ("yes", "no"):
            raise DataError(f"{path}:{number}: abbreviation must be yes or no, not {abbr!r}")
        rows.append(MonthName(name, _int(path, number, month, 1, 12), abbr == "yes"))
    return tuple(rows)


@cache
def weekdays(data_dir: Path = DATA_DIR) -> tuple[tuple[str, int], ...]:
    """(name, weekday) pairs from ``time_weekdays.tsv`` (Monday = 0)."""
    path = data_dir / "time_weekdays.tsv"
    return tuple(
        (name, _int(path, number, day, 0, 6))
        for number, (name, day) in read_tsv(path, ("name", "weekday"))
    )


@cache
def small_numbers(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Number words used in relative expressions, from ``time_numbers.tsv``."""
    path = data_dir / "time_numbers.tsv"
    return {
        word.lower(): _int(path, number, value, 1, 1000)
        for number, (word, value) in read_tsv(path, ("word", "value"))
    }


@cache
def relative_phrases(data_dir: Path = DATA_DIR) -> tuple[RelativePhrase, ...]:
    """Fixed relative phrases from ``time_relative.tsv``, each pattern checked to compile."""
    path = data_dir / "time_relative.tsv"
    rows: list[RelativePhrase] = []
    for number, (pattern, rule, precision) in read_tsv(path, ("pattern", "rule", "precision")):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise DataError(f"{path}:{number}: bad pattern ({exc})") from exc
        if not _RULE.match(rule):
            raise DataError(f"{path}:{number}: unknown rule {rule!r}")
        if precision not in PRECISIONS:
            raise DataError(f"{path}:{number}: precision must be one of {PRECISIONS}")
        rows.append(RelativePhrase(pattern, rule, precision))
    return tuple(rows)
