"""The work of one partition on a worker: read, extract, write three Parquet files, mark done.

The spaCy pipeline, gazetteer and lexicons are the library's per-process caches; the
``WarmUp`` worker plugin fills them once when a worker starts, so every task of that
worker reuses them. A task is a pure function of its partition: when a worker dies, Dask
runs it again elsewhere and the atomic writes make the second run replace the first.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from conflictcoder import __version__
from conflictcoder.batch.manifest import marker_path, output_path, write_marker
from conflictcoder.batch.plan import Partition
from conflictcoder.batch.readers import read_partition
from conflictcoder.batch.tables import (
    DOCUMENTS,
    EVENTS,
    REJECTIONS,
    document_row,
    event_rows,
    reason_kind,
    rejection_row,
    write_table,
)
from conflictcoder.config import Config
from conflictcoder.extract import extract_raw
from conflictcoder.records import RawInput, Record, Rejection

# Testing aid: the first task that creates this file kills its own worker half-way through
# writing its partition (after the events file, before the documents file).
CRASH_ENV = "CONFLICTCODER_BATCH_CRASH_FILE"
_WARM_TEXT = "Gao, 2 May 2024: Gunmen attacked a checkpoint near the river port."


def warm_up(config: Config) -> None:
    """Load the model, gazetteer, lexicons and language detector into this process."""
    extract_raw(RawInput(path=None, text=_WARM_TEXT, id="warm-up"), config)


class WarmUp(WorkerPlugin):
    """A Dask worker plugin: ``warm_up`` once per worker process, before its first task."""

    name = "conflictcoder-warm-up"

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        warm_up(self.config)

    def teardown(self, worker: Any) -> None:
        return None


def code(raw: RawInput, config: Config) -> Record | Rejection:
    """extract_raw, with one document's unexpected failure kept as its rejection."""
    try:
        return extract_raw(raw, config)
    except Exception as exc:  # a batch never dies on one document; the reason says why
        reason = f"internal error while coding it: {type(exc).__name__}: {exc}"
        return Rejection(id=raw.id, path=raw.path, stage="extract", reason=reason)


def run_partition(part: Partition, out: str, config: Config, db: str | None) -> dict[str, Any]:
    """Code every document of ``part``, write its files and its done-marker.

    Returns the marker plus ``seconds`` and ``pid`` (which are not written: the marker is
    the same on every run with the same input). With ``db`` the partition is also loaded
    into that store, idempotently (a text stored already is a duplicate, not a new row).
    """
    started = time.perf_counter()
    folder = Path(out)
    marker_path(folder, part.id).unlink(missing_ok=True)  # not finished until rewritten
    events: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    rejections: list[dict[str, Any]] = []
    kinds: Counter[str] = Counter()
    coded: list[tuple[Record | Rejection, RawInput | None]] = []
    for item in read_partition(part, config):
        result = item if isinstance(item, Rejection) else code(item, config)
        if isinstance(result, Rejection):
            rejections.append(rejection_row(result, part.id))
            kinds[reason_kind(result)] += 1
        else:
            events.extend(event_rows(result))
            documents.append(document_row(result, part.id))
        if db is not None:
            coded.append((result, item if isinstance(item, RawInput) else None))
    files = {"events": write_table(events, EVENTS, output_path(folder, "events", part.id))}
    _crash_once()
    files["documents"] = write_table(
        documents, DOCUMENTS, output_path(folder, "documents", part.id)
    )
    files["rejections"] = write_table(
        rejections, REJECTIONS, output_path(folder, "rejections", part.id)
    )
    loaded = [_load(db, coded)] if db is not None else []
    marker = {
        "partition": part.id,
        "source": part.source,
        "chunk": part.chunk,
        "content_hash": part.content_hash,
        "version": __version__,
        "documents": len(documents) + len(rejections),
        "coded": len(documents),
        "events": len(events),
        "rejections": len(rejections),
        "rejected_by_reason": dict(sorted(kinds.items())),
        "files": {
            name: {"path": f"{name}/{part.id}.parquet", "sha256": digest}
            for name, digest in files.items()
        },
        "loaded_into": loaded,
    }
    write_marker(folder, marker)
    return {**marker, "seconds": time.perf_counter() - started, "pid": os.getpid()}


def _crash_once() -> None:
    flag = os.environ.get(CRASH_ENV)
    if not flag:
        return
    try:
        os.close(os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    os._exit(70)  # a worker dying half-way through a partition, for the tests


def _load(db: str, coded: list[tuple[Record | Rejection, RawInput | None]]) -> str:
    """Ingest the partition into the store at ``db``; return the URL it was loaded into."""
    from conflictcoder.store import open_store
    from conflictcoder.store.store import Source

    with open_store(db) as store:
        for result, raw in coded:
            store.ingest(result, Source(key=_source_key(raw)))
    return db


def _source_key(raw: RawInput | None) -> str | None:
    # As `conflictcoder ingest`: a file's absolute path, a JSON Lines or Parquet row's URL.
    if raw is None or raw.path is None:
        return None
    if raw.path.lower().endswith((".jsonl", ".ndjson", ".parquet", ".pq")):
        return raw.url
    return raw.url or str(Path(raw.path).resolve())
