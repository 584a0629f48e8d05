"""What is finished: one done-marker per partition, and ``manifest.json`` summing them up.

A worker writes a partition's three Parquet files and then its marker
(``OUT/done/<partition>.json``: content hash, counts, the sha256 of each file); a rerun
skips a partition whose marker has the planned content hash and whose files are there.
Markers are the truth; ``manifest.json`` is rewritten by the driver at the end of a run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from conflictcoder import __version__
from conflictcoder.batch.plan import Partition
from conflictcoder.batch.tables import TABLES, TEMP_MARK, write_atomic

DONE_DIR = "done"
MANIFEST = "manifest.json"
SCHEMA = "conflictcoder-batch/1"

Marker = dict[str, Any]


def output_path(out: Path, table: str, partition: str) -> Path:
    """Where a partition's ``events``/``documents``/``rejections`` file goes."""
    return out / table / f"{partition}.parquet"


def marker_path(out: Path, partition: str) -> Path:
    return out / DONE_DIR / f"{partition}.json"


def write_marker(out: Path, marker: Marker) -> None:
    """Mark the partition finished (atomically), after all its files are in place."""
    text = json.dumps(marker, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(marker_path(out, marker["partition"]), text.encode("utf-8"))


def read_markers(out: Path) -> dict[str, Marker]:
    """Every readable marker by partition id; an unreadable one counts as not finished."""
    markers: dict[str, Marker] = {}
    folder = out / DONE_DIR
    if not folder.is_dir():
        return markers
    for path in sorted(folder.glob("*.json")):
        try:
            marker = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(marker, dict) and marker.get("partition") == path.stem:
            markers[path.stem] = marker
    return markers


def is_finished(out: Path, part: Partition, marker: Marker | None, db: str | None) -> bool:
    """True when ``part`` needs no rerun: same content, every file there, loaded into ``db``."""
    if marker is None or marker.get("content_hash") != part.content_hash:
        return False
    if db is not None and db not in marker.get("loaded_into", []):
        return False
    return all(output_path(out, table, part.id).is_file() for table in TABLES)


def forget(out: Path, partition: str) -> None:
    """Remove a partition's marker and files (its source no longer has that chunk)."""
    marker_path(out, partition).unlink(missing_ok=True)
    for table in TABLES:
        output_path(out, table, partition).unlink(missing_ok=True)


def stale(plan: Sequence[Partition], markers: dict[str, Marker]) -> list[str]:
    """Finished partitions of this run's sources that the plan no longer has (a source
    that shrank): kept, they would count documents twice."""
    sources = {p.source for p in plan}
    planned = {p.id for p in plan}
    return sorted(
        pid for pid, m in markers.items() if m.get("source") in sources and pid not in planned
    )


def clean_temporary(out: Path) -> int:
    """Delete temp files a killed writer left behind; return how many."""
    removed = 0
    for folder in (*TABLES, DONE_DIR):
        for path in (out / folder).glob(f".*{TEMP_MARK}*"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def write_manifest(
    out: Path, inputs: Sequence[str], size: int, markers: Iterable[Marker], pending: Sequence[str]
) -> dict[str, Any]:
    """Rewrite ``OUT/manifest.json`` from the markers (sorted: same content, same bytes)."""
    done = sorted(markers, key=lambda m: str(m["partition"]))
    manifest = {
        "schema": SCHEMA,
        "version": __version__,
        "inputs": list(inputs),
        "partition_size": size,
        "documents": sum(int(m["documents"]) for m in done),
        "events": sum(int(m["events"]) for m in done),
        "rejections": sum(int(m["rejections"]) for m in done),
        "partitions": done,
        "pending": sorted(pending),
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(out / MANIFEST, text.encode("utf-8"))
    return manifest
