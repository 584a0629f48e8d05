"""Parquet inputs whose text columns hold bytes that are not UTF-8 (files written by other
tools do): each such value is decoded as a JSON Lines line would be and the document says
so in its notes; a row that cannot be read is one rejection; the rows after it are coded."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client

from conflictcoder.batch import BatchOptions, run_batch
from conflictcoder.batch.plan import plan_partitions
from conflictcoder.batch.readers import read_partition
from conflictcoder.config import Config
from conflictcoder.records import RawInput, Rejection
from tests.batch.conftest import rows

# Report-like sentences of our own; the second holds a Windows-1252 apostrophe (0x92), the
# third a lone surrogate encoded CESU-8 style, the fourth a NUL byte.
TEXTS = [
    b"Kharkiv, 4 March 2023: Officials said shelling damaged a school in the city centre.",
    b"Kherson, 5 March 2023: The governor said the army\x92s artillery hit a bus depot,"
    b" killing two drivers.",
    b"Sumy, 6 March 2023: Police said a drone struck a fuel store \xed\xb2\xa0 near the border.",
    b"Kursk, 7 March 2023: Officials said \x00 a strike hit a rail yard.",
    b"Goris, 8 March 2023: The ministry said troops fired on a border post overnight.",
]
IDS = ["clean", "cp1252", "surrogate", "nul", "after"]


def _write(path: Path, text_type: pa.DataType) -> None:
    """A file whose ``text`` column is typed as ``text_type``, holding ``TEXTS`` unchecked
    (a string column is written from the bytes as they are, as a careless writer would)."""
    raw = pa.array(TEXTS, type=pa.binary())
    text = raw.view(pa.string()) if text_type == pa.string() else raw
    titles = pa.array([b"Report \xff"] + [b"Report"] * 4, type=pa.binary()).view(pa.string())
    tags = pa.array([["ok"], ["ok"], ["ok"], ["ok"], ["ok"]], type=pa.list_(pa.string()))
    table = pa.table({"id": IDS, "text": text, "title": titles, "tags": tags})
    pq.write_table(table, path, row_group_size=2)


def _read(path: Path) -> dict[str, RawInput | Rejection]:
    items = [
        item
        for part in plan_partitions([str(path)], 2, Config())
        for item in read_partition(part, Config())
    ]
    assert len(items) == len(TEXTS)
    by_row = {}
    for number, item in enumerate(items):
        by_row[IDS[number]] = item
    return by_row


@pytest.mark.parametrize("text_type", [pa.string(), pa.binary()], ids=["string", "binary"])
def test_bad_bytes_are_decoded_and_noted_row_by_row(tmp_path: Path, text_type: pa.DataType) -> None:
    path = tmp_path / "rows.parquet"
    _write(path, text_type)
    with pytest.raises(UnicodeDecodeError):  # what pyarrow alone does with such a file
        pq.read_table(path).column("title").to_pylist()
    items = _read(path)

    clean = items["clean"]
    assert isinstance(clean, RawInput) and clean.text == TEXTS[0].decode()
    assert clean.title == "Report \u00ff"  # the title's stray byte, read as Windows-1252
    assert any("column 'title': not UTF-8; read as cp1252" in n for n in clean.notes)

    legacy = items["cp1252"]
    assert isinstance(legacy, RawInput) and "the army\u2019s artillery" in legacy.text
    assert legacy.notes == (f"{path} row 2 column 'text': not UTF-8; read as cp1252",)

    lone = items["surrogate"]
    assert isinstance(lone, RawInput) and "fuel store \ufffd near" in lone.text
    assert lone.notes == (f"{path} row 3 column 'text': 1 lone surrogate replaced with U+FFFD",)

    nul = items["nul"]
    assert isinstance(nul, Rejection) and nul.stage == "ingest"
    assert f"{path} row 4 column 'text' holds a NUL byte" in nul.reason

    after = items["after"]
    assert isinstance(after, RawInput) and after.notes == () and after.meta == (("tags", '["ok"]'),)


def test_an_unreadable_nested_cell_rejects_only_its_row(tmp_path: Path) -> None:
    tags = pa.array([b"ok", b"bad \xff", b"ok"], type=pa.binary()).view(pa.string())
    nested = pa.ListArray.from_arrays(pa.array([0, 1, 2, 3], type=pa.int32()), tags)
    texts = [t.decode("utf-8", "replace") for t in (TEXTS[0], TEXTS[4], TEXTS[0] + b" Again.")]
    pq.write_table(pa.table({"text": texts, "tags": nested}), tmp_path / "tags.parquet")
    [part] = plan_partitions([str(tmp_path / "tags.parquet")], 10, Config())
    first, bad, last = read_partition(part, Config())
    assert isinstance(first, RawInput) and isinstance(last, RawInput)
    assert isinstance(bad, Rejection)
    assert "row 2 cannot be read: column 'tags' holds bytes that are not UTF-8" in bad.reason


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_a_batch_codes_the_readable_rows(tmp_path: Path, client: Client, config: Config) -> None:
    path = tmp_path / "rows.parquet"
    _write(path, pa.string())
    summary = run_batch([str(path)], config, client, BatchOptions(out=tmp_path / "out"))
    assert not summary.failed
    documents = {r["document_id"]: r for r in rows(tmp_path / "out", "documents")}
    assert set(documents) == {"clean", "cp1252", "surrogate", "after"}
    notes = json.loads(documents["surrogate"]["document_json"])["notes"]
    assert notes == [f"{path} row 3 column 'text': 1 lone surrogate replaced with U+FFFD"]
    [rejection] = rows(tmp_path / "out", "rejections")
    assert "row 4 column 'text' holds a NUL byte" in rejection["reason"]
