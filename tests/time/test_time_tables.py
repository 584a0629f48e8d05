"""The time data files load, and a malformed one fails with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictcoder.errors import DataError
from conflictcoder.time import tables


def test_packaged_tables_load() -> None:
    assert {m.month for m in tables.months()} == set(range(1, 13))
    assert sorted(d for _, d in tables.weekdays()) == list(range(7))
    assert tables.small_numbers()["two"] == 2
    assert tables.relative_phrases()


def test_bad_rule_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "time_relative.tsv").write_text(
        "# comment\npattern\trule\tprecision\nyesterday\tday:-1\tday\nsoon\tfuture:1\tday\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"time_relative.tsv:4: unknown rule"):
        tables.relative_phrases(tmp_path)


def test_bad_header(tmp_path: Path) -> None:
    (tmp_path / "time_weekdays.tsv").write_text("day\tnumber\nMonday\t0\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"time_weekdays.tsv:1: header"):
        tables.weekdays(tmp_path)
