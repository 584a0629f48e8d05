"""Number words ("two", "a dozen", "dozens", "a few"), one table for casualty counts and
relative time expressions (data/numbers.tsv), validated at load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

KINDS = ("cardinal", "scale", "vague")


@dataclass(frozen=True)
class NumberWord:
    """One number word: its value and kind in counts, and its count in time expressions."""

    value: int
    kind: str  # cardinal | scale | vague
    time: int | None  # None: time expressions never use it


@cache
def number_words(data_dir: Path = DATA_DIR) -> dict[str, NumberWord]:
    """Lower-cased word → NumberWord; DataError names the file and line of a bad row."""
    path = data_dir / "numbers.tsv"
    words: dict[str, NumberWord] = {}
    rows = read_tsv(path, ("word", "value", "kind", "time"), required=("word", "value", "kind"))
    for line, row in rows:
        value, kind, time = row["value"], row["kind"], row["time"]
        if not value.isdigit() or kind not in KINDS:
            raise DataError(f"{path}:{line}: value must be a number and kind {'|'.join(KINDS)}")
        if time not in ("", "=") and not (time.isdigit() and 1 <= int(time) <= 1000):
            raise DataError(f"{path}:{line}: time must be empty, '=' or a number 1-1000")
        count = None if time == "" else int(value) if time == "=" else int(time)
        words[row["word"].lower()] = NumberWord(int(value), kind, count)
    return words
