"""Read one partition's documents on a worker: RawInputs, or Rejections in their place.

JSON Lines lines and text/HTML files go through the same code as ``conflictcoder extract``
(``conflictcoder.ingest.sources``), so a document reads the same in a batch as alone.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from conflictcoder.batch.plan import PARQUET_COLUMNS, Partition, parquet_columns
from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.ingest.decode import split_jsonl

# The very line reader of `extract`, so a JSON Lines line reads the same in a batch.
from conflictcoder.ingest.sources import iter_inputs, jsonl_line_bytes, parse_iso_date
from conflictcoder.records import RawInput, Rejection

Item = RawInput | Rejection


def read_partition(part: Partition, config: Config) -> Iterator[Item]:
    """The partition's documents in input order; bad ones as Rejections (stage ``ingest``)."""
    if part.kind == "jsonl":
        yield from _jsonl(part, config)
    elif part.kind == "parquet":
        yield from _parquet(part, config)
    elif part.kind == "files":
        yield from iter_inputs(list(part.files), config)
    else:
        yield Rejection(id=None, path=part.path, stage="ingest", reason=part.reason)


def _jsonl(part: Partition, config: Config) -> Iterator[Item]:
    try:
        with open(part.path, "rb") as handle:
            handle.seek(part.start)
            data = handle.read(part.stop - part.start)
    except OSError as exc:
        reason = f"{part.path} cannot be read ({exc.strerror}); was it moved during the run?"
        yield Rejection(id=None, path=part.path, stage="ingest", reason=reason)
        return
    try:
        # A UTF-8 byte order mark at the file's start is dropped, as `extract` drops it.
        lines = list(split_jsonl(data, part.path, first_line=part.first_line))
    except InputError as exc:
        yield Rejection(id=None, path=part.path, stage=exc.stage, reason=str(exc))
        return
    for number, line in lines:
        yield _jsonl_bytes(line, number, part.path, config)


def _jsonl_bytes(line: bytes, number: int, path: str, config: Config) -> Item:
    where = f"{path} line {number}"
    if len(line) > config.max_bytes:
        reason = (
            f"{where} is {len(line)} bytes, over the limit of {config.max_bytes};"
            " raise --max-bytes or split the document"
        )
        return Rejection(id=None, path=path, stage="ingest", reason=reason)
    return jsonl_line_bytes(line, number, path, path)


def _parquet(part: Partition, config: Config) -> Iterator[Item]:
    try:
        table = _parquet_rows(part.path, part.start, part.stop)
    except (OSError, pa.ArrowException) as exc:
        reason = f"{part.path} cannot be read ({str(exc).splitlines()[0]})"
        yield Rejection(id=None, path=part.path, stage="ingest", reason=reason)
        return
    columns = table.column_names
    for offset, values in enumerate(
        zip(*(table.column(c).to_pylist() for c in columns), strict=True)
    ):
        row = dict(zip(columns, values, strict=True))
        yield _parquet_row(row, part.start + offset + 1, part.path, config)


def _parquet_rows(path: str, start: int, stop: int) -> pa.Table:
    """Rows [start, stop) of a Parquet file, reading only the row groups that hold them."""
    parquet = pq.ParquetFile(path)
    groups, first, seen = [], None, 0
    for index in range(parquet.metadata.num_row_groups):
        rows = parquet.metadata.row_group(index).num_rows
        if seen + rows > start and seen < stop:
            groups.append(index)
            first = seen if first is None else first
        seen += rows
    columns = parquet_columns(parquet.schema_arrow)
    table = parquet.read_row_groups(groups, columns=columns)
    return table.slice(start - (first or 0), stop - start)


def _parquet_row(row: dict[str, Any], number: int, path: str, config: Config) -> Item:
    where = f"{path} row {number}"
    raw_id = row.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else None
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = f'{where} has no "text" string; give each row its report text'
        return Rejection(id=doc_id, path=path, stage="ingest", reason=reason)
    if len(text.encode("utf-8")) > config.max_bytes:
        reason = f"{where} is over the limit of {config.max_bytes} bytes; raise --max-bytes"
        return Rejection(id=doc_id, path=path, stage="ingest", reason=reason)
    url, title = row.get("url"), row.get("title")
    return RawInput(
        path=path,
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        kind="text",
        id=doc_id,
        url=url if isinstance(url, str) and url.strip() else None,
        published=_published(row.get("published")),
        title=title.strip() or None if isinstance(title, str) else None,
        meta=tuple(
            (key, value if isinstance(value, str) else json.dumps(value, default=str))
            for key, value in sorted(row.items())
            if key not in PARQUET_COLUMNS and value is not None
        ),
    )


def _published(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_iso_date(value)
