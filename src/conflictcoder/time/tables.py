"""The time tables (month and weekday names, relative phrases), loaded once and validated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import compile_regex, read_tsv
from conflictcoder.errors import DataError
from conflictcoder.numberwords import number_words

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


def _int(path: Path, number: int, value: str, low: int, high: int) -> int:
    if not value.isdigit() or not low <= int(value) <= high:
        raise DataError(f"{path}:{number}: {value!r} is not a number from {low} to {high}")
    return int(value)


@cache
def months(data_dir: Path = DATA_DIR) -> tuple[MonthName, ...]:
    """Month names from ``time_months.tsv``."""
    path = data_dir / "time_months.tsv"
    rows: list[MonthName] = []
    for number, row in read_tsv(path, ("name", "month", "abbreviation"), required=True):
        abbr = row["abbreviation"]
        if abbr not in ("yes", "no"):
            raise DataError(f"{path}:{number}: abbreviation must be yes or no, not {abbr!r}")
        rows.append(MonthName(row["name"], _int(path, number, row["month"], 1, 12), abbr == "yes"))
    return tuple(rows)


@cache
def weekdays(data_dir: Path = DATA_DIR) -> tuple[tuple[str, int], ...]:
    """(name, weekday) pairs from ``time_weekdays.tsv`` (Monday = 0)."""
    path = data_dir / "time_weekdays.tsv"
    return tuple(
        (row["name"], _int(path, number, row["weekday"], 0, 6))
        for number, row in read_tsv(path, ("name", "weekday"), required=True)
    )


@cache
def small_numbers(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Number words used in relative expressions ("two weeks ago"), from ``numbers.tsv``."""
    return {w: n.time for w, n in number_words(data_dir).items() if n.time is not None}


@cache
def relative_phrases(data_dir: Path = DATA_DIR) -> tuple[RelativePhrase, ...]:
    """Fixed relative phrases from ``time_relative.tsv``, each pattern checked to compile."""
    path = data_dir / "time_relative.tsv"
    rows: list[RelativePhrase] = []
    for number, row in read_tsv(path, ("pattern", "rule", "precision"), required=True):
        pattern, rule, precision = row["pattern"], row["rule"], row["precision"]
        compile_regex(path, number, pattern)
        if not _RULE.match(rule):
            raise DataError(f"{path}:{number}: unknown rule {rule!r}")
        if precision not in PRECISIONS:
            raise DataError(f"{path}:{number}: precision must be one of {PRECISIONS}")
        rows.append(RelativePhrase(pattern, rule, precision))
    return tuple(rows)
