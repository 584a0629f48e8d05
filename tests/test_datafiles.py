"""The shared data-file reader: headers, cell counts, required and optional cells, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conflictcoder.datafiles import compile_regex, read_tsv, read_word_uses, read_words
from conflictcoder.errors import DataError

COLUMNS = ("word", "kind", "note")


def _tsv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "table.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_skip_comments_and_blank_lines_and_keep_line_numbers(tmp_path: Path) -> None:
    path = _tsv(
        tmp_path,
        "# a comment\n\nword\tkind\tnote\n  # indented comment\nvillage\t populated \tx\n"
        "\n   \ndistrict\tdistrict\t\n",
    )
    assert read_tsv(path, COLUMNS) == [
        (5, {"word": "village", "kind": "populated", "note": "x"}),
        (8, {"word": "district", "kind": "district", "note": ""}),
    ]


def test_header_mismatch_names_file_and_line(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "# c\nword\tnote\tkind\nvillage\tx\tpopulated\n")
    with pytest.raises(DataError, match=r"table\.tsv:2: header must be word/kind/note"):
        read_tsv(path, COLUMNS)


def test_header_with_extra_columns_needs_more_columns(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "word\tkind\tnote\tsurface\nvillage\tpopulated\tx\tVillage\n")
    with pytest.raises(DataError, match=r"table\.tsv:1: header must be"):
        read_tsv(path, COLUMNS)
    rows = read_tsv(path, COLUMNS, more_columns=True)
    assert rows == [
        (2, {"word": "village", "kind": "populated", "note": "x", "surface": "Village"})
    ]


def test_header_prefix_mismatch_names_file_and_line(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "kind\tword\tnote\n")
    with pytest.raises(DataError, match=r"table\.tsv:1: header must start with word/kind/note"):
        read_tsv(path, COLUMNS, more_columns=True)


def test_missing_header_is_an_error(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "# only comments\n\n")
    with pytest.raises(DataError, match=r"table\.tsv: no header line"):
        read_tsv(path, COLUMNS)


@pytest.mark.parametrize("row", ["village\tpopulated", "village\tpopulated\tx\ty"])
def test_wrong_cell_count_names_file_and_line(tmp_path: Path, row: str) -> None:
    path = _tsv(tmp_path, f"word\tkind\tnote\nvillage\tpopulated\tx\n{row}\n")
    with pytest.raises(DataError, match=r"table\.tsv:3: \d tab-separated fields; expected 3"):
        read_tsv(path, COLUMNS)


def test_empty_required_cell_names_file_line_and_column(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "word\tkind\tnote\nvillage\t \tx\n")
    assert read_tsv(path, COLUMNS)[0][1]["kind"] == ""
    assert read_tsv(path, COLUMNS, required=("word",))[0][1]["kind"] == ""
    with pytest.raises(DataError, match=r"table\.tsv:2: empty kind"):
        read_tsv(path, COLUMNS, required=("word", "kind"))
    with pytest.raises(DataError, match=r"table\.tsv:2: empty kind"):
        read_tsv(path, COLUMNS, required=True)


def test_optional_trailing_cells_may_be_left_out(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "word\tkind\tnote\nvillage\tpopulated\ndistrict\tdistrict\tx\n")
    assert read_tsv(path, COLUMNS, optional=("note",)) == [
        (2, {"word": "village", "kind": "populated", "note": ""}),
        (3, {"word": "district", "kind": "district", "note": "x"}),
    ]
    short = _tsv(tmp_path, "word\tkind\tnote\nvillage\n")
    with pytest.raises(DataError, match=r"table\.tsv:2: 1 tab-separated fields; expected 2 to 3"):
        read_tsv(short, COLUMNS, optional=("note",))
    assert read_tsv(short, COLUMNS, optional=True) == [
        (2, {"word": "village", "kind": "", "note": ""})
    ]


def test_only_trailing_optional_columns_may_be_missing(tmp_path: Path) -> None:
    # "kind" is optional but "note" after it is not, so no cell may be left out.
    path = _tsv(tmp_path, "word\tkind\tnote\nvillage\tpopulated\n")
    with pytest.raises(DataError, match=r"table\.tsv:2: 2 tab-separated fields; expected 3"):
        read_tsv(path, COLUMNS, optional=("kind",))


def test_columns_beyond_the_expected_ones_are_optional(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "word\tkind\tnote\tsurface\nvillage\tpopulated\tx\n")
    rows = read_tsv(path, COLUMNS, more_columns=True)
    assert rows == [(2, {"word": "village", "kind": "populated", "note": "x", "surface": ""})]


def test_unknown_option_column_is_a_programming_error(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "word\tkind\tnote\n")
    with pytest.raises(ValueError, match="colour"):
        read_tsv(path, COLUMNS, required=("colour",))


def test_unreadable_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"missing\.tsv: cannot read"):
        read_tsv(tmp_path / "missing.tsv", COLUMNS)
    bad = tmp_path / "latin1.tsv"
    bad.write_bytes(b"word\tkind\tnote\ncaf\xe9\tx\ty\n")
    with pytest.raises(DataError, match=r"latin1\.tsv: cannot read"):
        read_tsv(bad, COLUMNS)


def test_read_words_skips_comments_and_blanks(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# stop words\n the \n\n  # note\nnear\n", encoding="utf-8")
    assert read_words(path) == ["the", "near"]


def test_compile_regex_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    assert compile_regex(path, 3, r"den(?:y|ied)", re.IGNORECASE).search("DENIED")
    with pytest.raises(DataError, match=r"cues\.tsv:3: bad regex"):
        compile_regex(path, 3, r"den(y")


USES = ("hypothetical", "modal")


def test_word_uses_group_the_words_of_each_use(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "# cues\nword\tuse\nthreaten\thypothetical\ncould\tmodal\n"
                "vow\thypothetical\n")  # fmt: skip
    assert read_word_uses(path, USES) == {
        "hypothetical": frozenset({"threaten", "vow"}),
        "modal": frozenset({"could"}),
    }


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("warn\tplanning", r"table\.tsv:3: use 'planning' is not one of"),
        ("\tmodal", r"table\.tsv:3: empty word"),
        ("Could\tmodal", r"table\.tsv:3: word 'Could' must be one lowercase token"),
        ("war games\tmodal", r"table\.tsv:3: word 'war games' must be one lowercase token"),
        ("could\tmodal", r"table\.tsv:3: duplicate of line 2"),
    ],
)
def test_bad_word_use_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = _tsv(tmp_path, f"word\tuse\ncould\tmodal\n{row}\nthreaten\thypothetical\n")
    with pytest.raises(DataError, match=message):
        read_word_uses(path, USES)


def test_the_same_word_may_serve_two_uses(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "word\tuse\nwould\tmodal\nwould\thypothetical\n")
    assert read_word_uses(path, USES)["hypothetical"] == {"would"}


def test_a_use_without_words_is_an_error(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "word\tuse\ncould\tmodal\n")
    with pytest.raises(DataError, match=r"table\.tsv: no words for use hypothetical"):
        read_word_uses(path, USES)
