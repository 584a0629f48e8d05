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

from conflictcoder.batch.cells import UNREADABLE, Text, cells
from conflictcoder.batch.plan import PARQUET_COLUMNS, Partition, parquet_columns
from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.ingest.decode import decode_line, split_jsonl

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
    by_column = [cells(table.column(c)) for c in columns]
    for offset, values in enumerate(zip(*by_column, strict=True)):
        number = part.start + offset + 1
        unreadable = [c for c, v in zip(columns, values, strict=True) if v is UNREADABLE]
        if unreadable:
            reason = (
                f"{part.path} row {number} cannot be read: column {unreadable[0]!r} holds"
                " bytes that are not UTF-8 where the file says text"
            )
            yield Rejection(id=None, path=part.path, stage="ingest", reason=reason)
            continue
        row = dict(zip(columns, values, strict=True))
        yield _parquet_row(row, number, part.path, config)


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
    notes: list[str] = []
    try:
        row = {key: _decoded(key, value, where, notes) for key, value in row.items()}
    except InputError as exc:
        return Rejection(id=None, path=path, stage=exc.stage, reason=str(exc))
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
        notes=tuple(notes),
    )


def _decoded(column: str, value: Any, where: str, notes: list[str]) -> Any:
    """A text cell's bytes (or a binary cell of one of our columns) as text, read as a JSON
    Lines line is: UTF-8, else the guessed legacy charset, lone surrogates as U+FFFD, each
    change noted; InputError for a NUL byte in the report's text."""
    if not isinstance(value, bytes) or not (isinstance(value, Text) or column in PARQUET_COLUMNS):
        return value
    if b"\x00" in value:
        if column == "text":
            raise InputError(
                f"{where} column 'text' holds a NUL byte (at byte {value.index(0) + 1}); that"
                " row is not text, the other rows are read"
            )
        value = value.replace(b"\x00", b"")  # a stray NUL in a title or a URL costs nothing
    decoded = decode_line(value, f"{where} column {column!r}")
    notes.extend(f"{where} column {column!r}: {note}" for note in decoded.notes)
    return decoded.text


def _published(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_iso_date(value)
