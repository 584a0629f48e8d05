"""Parquet via pyarrow, one row per event, with an explicit schema (``SCHEMA``) that only grows.

Flat columns for what is filtered on (ids, types, dates, counts, stance, claimant, the best
place); actors and locations as lists of structs; evidence as a list of structs; and
``event_json``, the whole contract event as JSON text, so nothing the extractor found is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from conflictcoder.export.common import best_location, event_of, evidence_sentence, get, to_date
from conflictcoder.store.rows import EventRow

ACTOR = pa.struct(
    [
        ("role", pa.string()),
        ("text", pa.string()),
        ("name", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
    ]
)
LOCATION = pa.struct(
    [
        ("text", pa.string()),
        ("name", pa.string()),
        ("country", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geonameid", pa.int64()),
        ("feature", pa.string()),
        ("precision", pa.int8()),
    ]
)
EVIDENCE = pa.struct(
    [("field", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]
)
SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("document_id", pa.string()),
        ("document_path", pa.string()),
        ("document_url", pa.string()),
        ("document_title", pa.string()),
        ("published", pa.date32()),
        ("fused_id", pa.string()),
        ("category", pa.string()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()),
        ("cameo", pa.string()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", pa.string()),
        ("fatalities_min", pa.int64()),
        ("fatalities_max", pa.int64()),
        ("injuries_min", pa.int64()),
        ("injuries_max", pa.int64()),
        ("stance", pa.string()),
        ("claimant_name", pa.string()),
        ("claimant_country", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geo_precision", pa.int8()),
        ("actors", pa.list_(ACTOR)),
        ("locations", pa.list_(LOCATION)),
        ("weapons", pa.list_(pa.string())),
        ("evidence", pa.list_(EVIDENCE)),
        ("evidence_sentence", pa.string()),
        ("confidence", pa.float64()),
        ("event_json", pa.string()),
    ]
)


def _pick(items: list[dict[str, Any]], kind: pa.StructType) -> list[dict[str, Any]]:
    names = [kind.field(i).name for i in range(kind.num_fields)]
    return [{name: item.get(name) for name in names} for item in items]


def parquet_record(row: EventRow, index: int = 0) -> dict[str, Any]:
    """One EventRow as a dict with exactly the columns of SCHEMA."""
    event = event_of(row, index)
    document = row.get("document") or {}
    loc = best_location(event) or {}
    return {
        "event_id": event["id"],
        "document_id": document.get("id"),
        "document_path": document.get("path"),
        "document_url": document.get("url"),
        "document_title": document.get("title"),
        "published": to_date(document.get("published")),
        "fused_id": row.get("fused_id"),
        "category": event.get("category"),
        "plover_type": get(event, "plover", "type"),
        "plover_mode": get(event, "plover", "mode"),
        "acled_event_type": get(event, "acled", "event_type"),
        "acled_sub_event_type": get(event, "acled", "sub_event_type"),
        "cameo": event.get("cameo"),
        "date_start": to_date(get(event, "date", "start")),
        "date_end": to_date(get(event, "date", "end")),
        "date_precision": get(event, "date", "precision"),
        "fatalities_min": get(event, "fatalities", "min"),
        "fatalities_max": get(event, "fatalities", "max"),
        "injuries_min": get(event, "injuries", "min"),
        "injuries_max": get(event, "injuries", "max"),
        "stance": get(event, "attribution", "stance"),
        "claimant_name": get(event, "attribution", "claimant", "name"),
        "claimant_country": get(event, "attribution", "claimant", "country"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": loc.get("precision"),
        "actors": _pick(event.get("actors") or [], ACTOR),
        "locations": _pick(event.get("locations") or [], LOCATION),
        "weapons": list(event.get("weapons") or []),
        "evidence": _pick(event.get("evidence") or [], EVIDENCE),
        "evidence_sentence": evidence_sentence(event),
        "confidence": event.get("confidence"),
        "event_json": json.dumps(event, ensure_ascii=False, sort_keys=True),
    }


def write_parquet(rows: Iterable[EventRow], out: Path) -> int:
    """Write a Parquet file with SCHEMA to ``out``; return the rows written."""
    records = [parquet_record(row, i) for i, row in enumerate(rows)]
    table = pa.Table.from_pylist(records, schema=SCHEMA)
    pq.write_table(table, out)
    return int(table.num_rows)
