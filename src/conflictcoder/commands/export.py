"""`conflictcoder export`: stored events (or extracted JSON Lines) to ACLED CSV, PLOVER JSON,
GeoJSON or Parquet, every row linked to its document and evidence."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from conflictcoder import jsonl
from conflictcoder.commands.events import add_filter_options, filters_from
from conflictcoder.errors import InputError
from conflictcoder.export import EXPORTERS, export, left_out_line
from conflictcoder.geo.distance import km
from conflictcoder.store.rows import EventFilters, EventRow


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ex = sub.add_parser(
        "export",
        help="write stored events as ACLED CSV, PLOVER JSON, GeoJSON or Parquet",
        description="Write events to a file; every row links back to its document and evidence.",
    )
    ex.add_argument(
        "out", type=Path, metavar="OUT", help="the file to write ('-': standard output)"
    )
    ex.add_argument("--format", choices=sorted(EXPORTERS), required=True, help="output format")
    ex.add_argument("--db", default=None, help="database URL or SQLite file (default: the store)")
    ex.add_argument(
        "--from-jsonl",
        type=Path,
        default=None,
        metavar="FILE",
        help="read `conflictcoder extract --format jsonl` output instead of the store "
        "(events are fused across its documents)",
    )
    add_filter_options(ex)
    ex.set_defaults(run=run)


def read_jsonl_rows(path: Path) -> list[EventRow]:
    """EventRows from extract's JSON Lines output (rejected lines are skipped)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc}); pass extract's JSON Lines output") from exc
    rows: list[EventRow] = []
    for number, line in jsonl.split_lines(text):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}:{number}: not JSON ({exc.msg}); expected extract's jsonl"
            ) from exc
        if not isinstance(record, dict) or "error" in record:
            continue
        document = {
            k: v for k, v in (record.get("document") or {}).items() if k not in ("text", "removed")
        }
        for event in record.get("events") or []:
            rows.append({"document": document, "event": event, "fused_id": None})
    return rows


def _text_match(value: object, wanted: str) -> bool:
    return isinstance(value, str) and wanted.casefold() in value.casefold()


def matches(row: EventRow, f: EventFilters) -> bool:
    """The store's filter semantics (see EventFilters) over one in-memory row."""
    event: dict[str, Any] = row["event"]
    document: dict[str, Any] = row.get("document") or {}
    if f.statuses is not None and event.get("status", "current") not in f.statuses:
        return False
    date = event.get("date") or {}
    start = date.get("start") or document.get("published")
    end = date.get("end") or start
    if f.since and (end is None or end < f.since.isoformat()):
        return False
    if f.until and (start is None or start > f.until.isoformat()):
        return False
    places = event.get("locations") or []
    if f.country and f.country not in {p.get("country") for p in places}:
        return False
    if f.type:
        kinds = {
            event.get("category"),
            (event.get("plover") or {}).get("type"),
            *(event.get("acled") or {}).values(),
        }
        if f.type.casefold() not in {k.casefold() for k in kinds if isinstance(k, str)}:
            return False
    if f.near and not any(
        p.get("lat") is not None
        and p.get("lon") is not None
        and km(f.near.lat, f.near.lon, p["lat"], p["lon"]) <= f.near.km
        for p in places
    ):
        return False
    attribution = event.get("attribution") or {}
    if f.stance and attribution.get("stance") != f.stance:
        return False
    if f.source:
        claimant = (attribution.get("claimant") or {}).get("name")
        texts = (claimant, document.get("path"), document.get("url"))
        if not any(_text_match(t, f.source) for t in texts):
            return False
    return True


def _jsonl_rows(path: Path, filters: EventFilters) -> list[EventRow]:
    from conflictcoder.store.fusion import assign_fused_ids, fuse

    rows = read_jsonl_rows(path)
    rows = assign_fused_ids(rows, fuse(rows))
    return [row for row in rows if matches(row, filters)]


def _store_rows(db: str | None, filters: EventFilters) -> Iterator[EventRow]:
    from conflictcoder.store import open_store

    # Opened now, not when the first row is wanted: a missing store is refused before any
    # output file is made (as `events` refuses it), instead of becoming a new empty one.
    store = open_store(db, create=False)

    def rows() -> Iterator[EventRow]:
        with store:
            yield from store.event_rows(filters)

    return rows()


def run(args: argparse.Namespace) -> int:
    filters = filters_from(args)
    to_stdout = str(args.out) == "-"
    if not to_stdout and not args.out.parent.exists():
        raise InputError(f"{args.out.parent} does not exist; create the folder first")
    rows: Iterable[EventRow] = (
        _jsonl_rows(args.from_jsonl, filters)
        if args.from_jsonl is not None
        else _store_rows(args.db, filters)
    )
    if not to_stdout:
        written, left_out = export(args.format, rows, args.out)
        _report(written, args.format, str(args.out), left_out_line(left_out))
        return 0
    # The exporters write files (Parquet needs a seekable one): write a temporary file, then
    # copy its bytes to standard output.
    with tempfile.TemporaryDirectory(prefix="conflictcoder-export-") as folder:
        path = Path(folder) / f"export.{args.format}"
        written, left_out = export(args.format, rows, path)
        with path.open("rb") as made:
            shutil.copyfileobj(made, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    _report(written, args.format, "standard output", left_out_line(left_out))
    return 0


def _report(written: int, fmt: str, where: str, left_out: str | None) -> None:
    """One stderr line: what was written, and what was left out and why."""
    tail = f"; {left_out}" if left_out else ""
    print(f"conflictcoder: wrote {written} {fmt} rows to {where}{tail}", file=sys.stderr)
