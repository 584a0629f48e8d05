"""The three Parquet tables of a batch, with fixed schemas, written atomically.

``events/`` has exactly the schema of ``conflictcoder export --format parquet``
(``conflictcoder.export.parquet.SCHEMA``), so both read the same; ``documents/`` has one row
per coded document (its contract JSON included, text and all); ``rejections/`` one row per
input that could not be coded, with the stage and the reason.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from conflictcoder.export.parquet import SCHEMA, parquet_record
from conflictcoder.records import Record, Rejection
from conflictcoder.serialize import document_json, dumps, event_json, rejection_json
from conflictcoder.store.store import content_hash

DOCUMENTS = pa.schema(
    [
        ("document_id", pa.string()),
        ("path", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("language", pa.string()),
        ("dateline_place", pa.string()),
        ("dateline_date", pa.date32()),
        ("dateline_agency", pa.string()),
        ("issuer_name", pa.string()),
        ("issuer_country", pa.string()),
        ("sha256", pa.string()),
        ("chars", pa.int64()),
        ("events", pa.int32()),
        ("partition", pa.string()),
        ("document_json", pa.string()),
    ]
)
REJECTIONS = pa.schema(
    [
        ("document_id", pa.string()),
        ("path", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("reason_kind", pa.string()),
        ("partition", pa.string()),
        ("rejection_json", pa.string()),
    ]
)
# The events schema is the export's, so `export --format parquet` and a batch read alike.
EVENTS: pa.Schema = SCHEMA
TABLES = {"events": EVENTS, "documents": DOCUMENTS, "rejections": REJECTIONS}
TEMP_MARK = ".tmp-"


def event_rows(record: Record) -> list[dict[str, Any]]:
    """The record's events as rows of the ``events`` schema, in the record's order."""
    document = document_json(record.document)
    return [
        parquet_record({"document": document, "event": event_json(e), "fused_id": None}, i)
        for i, e in enumerate(record.events)
    ]


def document_row(record: Record, partition: str) -> dict[str, Any]:
    """One row of the ``documents`` schema."""
    doc = record.document
    return {
        "document_id": doc.id,
        "path": doc.path,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "dateline_place": doc.dateline.place if doc.dateline else None,
        "dateline_date": doc.dateline.date if doc.dateline else None,
        "dateline_agency": doc.dateline.agency if doc.dateline else None,
        "issuer_name": doc.issuer.name if doc.issuer else None,
        "issuer_country": doc.issuer.country if doc.issuer else None,
        "sha256": content_hash(doc.text),
        "chars": len(doc.text),
        "events": len(record.events),
        "partition": partition,
        "document_json": dumps(document_json(doc)),
    }


def rejection_row(rejection: Rejection, partition: str) -> dict[str, Any]:
    """One row of the ``rejections`` schema."""
    return {
        "document_id": rejection.id,
        "path": rejection.path,
        "stage": rejection.stage,
        "reason": rejection.reason,
        "reason_kind": reason_kind(rejection),
        "partition": partition,
        "rejection_json": dumps(rejection_json(rejection)),
    }


def reason_kind(rejection: Rejection) -> str:
    """The reason without the input's name, line numbers, scores or advice, for counting:
    ``ingest: is in es, not English``."""
    reason = rejection.reason
    for name in (rejection.path, rejection.id):
        if name and reason.startswith(name):
            reason = reason[len(name) :]
    reason = re.sub(r"^\s*(line|row) \d+", "", reason.split(";")[0])
    reason = re.sub(r"\s*\(score [\d.]+\)", "", reason)
    reason = re.sub(r"\d+", "N", reason)
    return f"{rejection.stage}: {' '.join(reason.split())}"


def write_table(rows: list[dict[str, Any]], schema: pa.Schema, path: Path) -> str:
    """Write ``rows`` as a Parquet file at ``path`` atomically; return its sha256.

    The file is written under a temporary name, synced and renamed over ``path``: a
    reader (or a rerun) sees the old file or the whole new one, never a part.
    """
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    data = sink.getvalue().to_pybytes()
    write_atomic(path, data)
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """``path`` holds ``data`` whole, or keeps what it held: temp file, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}{TEMP_MARK}{uuid.uuid4().hex}")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
