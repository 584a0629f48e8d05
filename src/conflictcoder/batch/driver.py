"""The driver: plan the partitions, skip the finished ones, run the rest on Dask, sum up.

Every partition is one Dask task (``task.run_partition``) with retries; a worker that dies
takes its task with it and the scheduler runs it again on another worker (up to
``distributed.scheduler.allowed-failures`` times). A partition that still fails is reported
and left unfinished: the next run does it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed import Client, as_completed

from conflictcoder.batch.manifest import (
    clean_temporary,
    forget,
    is_finished,
    read_markers,
    stale,
    write_manifest,
)
from conflictcoder.batch.plan import Partition, plan_partitions
from conflictcoder.batch.task import WarmUp, run_partition
from conflictcoder.config import Config

# Task retries on top of the scheduler's own re-runs after a worker dies.
RETRIES = 2


@dataclass(frozen=True)
class BatchOptions:
    """What a run writes and where: ``out`` folder, partition size, optional store."""

    out: Path
    partition_size: int = 250
    db: str | None = None
    fuse: bool = True


@dataclass
class BatchSummary:
    """What one run did; totals cover skipped partitions too (from their markers)."""

    documents: int = 0
    coded: int = 0
    events: int = 0
    rejections: int = 0
    rejected_by_reason: Counter[str] = field(default_factory=Counter)
    partitions: int = 0
    run: int = 0
    skipped: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    removed: int = 0
    run_documents: int = 0
    seconds: float = 0.0
    coding_seconds: float = 0.0
    fused: int | None = None

    @property
    def docs_per_s(self) -> float:
        """Documents of the partitions this run coded, per second of the whole run."""
        return self.run_documents / self.seconds if self.seconds > 0 else 0.0

    def add(self, marker: dict[str, Any]) -> None:
        self.documents += int(marker["documents"])
        self.coded += int(marker["coded"])
        self.events += int(marker["events"])
        self.rejections += int(marker["rejections"])
        self.rejected_by_reason.update(marker.get("rejected_by_reason", {}))

    def lines(self) -> list[str]:
        """The summary for people, one fact a line."""
        out = [
            f"batch: {self.documents} documents ({self.coded} coded, {self.rejections} "
            f"rejected), {self.events} events",
            f"partitions: {self.partitions} ({self.run} run, {self.skipped} skipped, "
            f"{len(self.failed)} failed, {self.removed} stale removed)",
            f"time: {self.seconds:.1f} s ({self.coding_seconds:.1f} s on the workers), "
            f"{self.docs_per_s:.1f} docs/s ({self.run_documents} documents coded in this run)",
        ]
        out += [f"rejected: {n} × {kind}" for kind, n in sorted(self.rejected_by_reason.items())]
        out += [f"failed: {pid}: {reason}" for pid, reason in sorted(self.failed.items())]
        if self.fused is not None:
            out.append(f"fusion: {self.fused} fused events in the store")
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "coded": self.coded,
            "events": self.events,
            "rejections": self.rejections,
            "rejected_by_reason": dict(sorted(self.rejected_by_reason.items())),
            "partitions": self.partitions,
            "run": self.run,
            "skipped": self.skipped,
            "failed": dict(sorted(self.failed.items())),
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
            "coding_seconds": round(self.coding_seconds, 3),
            "docs_per_s": round(self.docs_per_s, 1),
            "fused": self.fused,
        }


# Called after each finished partition with (documents in it, the running summary).
Progress = Callable[[int, BatchSummary], None]


def run_batch(
    inputs: Sequence[str],
    config: Config,
    client: Client,
    options: BatchOptions,
    *,
    progress: Progress | None = None,
    on_plan: Callable[[list[Partition], list[Partition]], None] | None = None,
) -> BatchSummary:
    """Code ``inputs`` on the client's workers into ``options.out``; skip what is finished.

    Writes ``events/``, ``documents/``, ``rejections/`` (one Parquet file per partition),
    ``done/`` markers and ``manifest.json``. Bad inputs become rejection rows; a partition
    whose task fails for good is reported in ``failed`` and left for the next run.
    """
    started = time.perf_counter()
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    clean_temporary(out)
    plan = plan_partitions(inputs, options.partition_size, config)
    markers = read_markers(out)
    summary = BatchSummary(partitions=len(plan))
    for pid in stale(plan, markers):
        forget(out, pid)
        markers.pop(pid)
        summary.removed += 1
    todo = [p for p in plan if not is_finished(out, p, markers.get(p.id), options.db)]
    running = {p.id for p in todo}
    for part in plan:
        if part.id not in running:
            summary.skipped += 1
            summary.add(markers[part.id])
    if todo:
        _prepare(client, config)
    if on_plan is not None:
        on_plan(plan, todo)
    if todo:
        _run(client, todo, config, options, summary, progress)
    # Every finished partition in OUT (earlier runs' other inputs too), as on disk now.
    finished = list(read_markers(out).values())
    write_manifest(out, inputs, options.partition_size, finished, sorted(summary.failed))
    if options.db is not None and options.fuse:
        summary.fused = _fuse(options.db)
    summary.seconds = time.perf_counter() - started
    return summary


def _prepare(client: Client, config: Config) -> None:
    # Build the gazetteer cache once here, not in every worker at the same time.
    from conflictcoder.geo.gazetteer import ensure_index

    ensure_index()
    client.register_plugin(WarmUp(config))


def _run(
    client: Client,
    todo: list[Partition],
    config: Config,
    options: BatchOptions,
    summary: BatchSummary,
    progress: Progress | None,
) -> None:
    by_key = {}
    futures = []
    for part in todo:
        future = client.submit(
            run_partition,
            part,
            str(options.out),
            config,
            options.db,
            key=f"conflictcoder-{part.id}-{part.content_hash[:12]}",
            retries=RETRIES,
            pure=False,
        )
        by_key[future.key] = part
        futures.append(future)
    coded_started = time.perf_counter()
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        part = by_key[future.key]
        try:
            result = future.result()
        except Exception as exc:  # a task that failed for good: report it, keep the others
            summary.failed[part.id] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        else:
            marker = {k: v for k, v in result.items() if k not in ("seconds", "pid")}
            summary.run += 1
            summary.run_documents += int(marker["documents"])
            summary.add(marker)
        future.release()
        if progress is not None:
            progress(part.documents, summary)
    summary.coding_seconds = time.perf_counter() - coded_started


def _fuse(db: str) -> int:
    from conflictcoder.store import open_store
    from conflictcoder.store.fusion import fuse

    with open_store(db) as store:
        return store.save_fusion(fuse(list(store.event_rows())))
