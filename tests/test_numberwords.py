"""One table of number words serves casualty counts and relative time expressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictcoder.errors import DataError
from conflictcoder.events.casualties import find_casualties
from conflictcoder.numberwords import number_words
from conflictcoder.time.tables import small_numbers


def test_a_word_reads_by_its_use() -> None:
    few = number_words()["few"]
    assert (few.value, few.kind, few.time) == (2, "vague", 3)
    assert small_numbers()["few"] == 3 and small_numbers()["two"] == 2
    assert "dozens" not in small_numbers()  # never in "… weeks ago"
    killed = find_casualties("Dozens of soldiers were killed in the attack.").fatalities
    assert killed is not None and killed.min == 12 and killed.max is None


def test_a_bad_time_cell_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "numbers.tsv").write_text(
        "word\tvalue\tkind\ttime\ntwo\t2\tcardinal\t=\nfew\t2\tvague\tmany\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"numbers.tsv:3: time"):
        number_words(tmp_path)
