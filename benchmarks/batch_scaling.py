"""Scaling of ``conflictcoder batch``: docs/s on 1 and 2 Dask workers, and peak worker memory.

The corpus is generated from our own report templates (``tests/batch/corpus.py``) and
written as one JSON Lines file. Each worker count gets a fresh LocalCluster (processes, one
thread each) and a fresh output folder; workers are warmed up (model, gazetteer) before the
clock starts, so the figures are the coding itself. Peak memory is the largest RSS of each
worker process, sampled with psutil through ``client.run`` every 0.5 s during the run.
Usage: ``python benchmarks/batch_scaling.py [--docs N] [--partition-size K] [--workers 1 2]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the corpus generator lives with the batch tests


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def _cpu_seconds() -> float:
    import psutil

    times = psutil.Process().cpu_times()
    return float(times.user + times.system)


class _Sampler(threading.Thread):
    """Polls every worker's RSS until stopped; keeps the peak per worker."""

    def __init__(self, client: Any, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.client = client
        self.every = every
        self.peaks: dict[str, int] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                for worker, rss in self.client.run(_rss).items():
                    self.peaks[worker] = max(rss, self.peaks.get(worker, 0))
            except Exception:  # a worker restarting between two samples; sample again
                pass
            self._stop_event.wait(self.every)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _measure(feed: Path, workers: int, size: int, scratch: Path) -> dict[str, Any]:
    from conflictcoder.batch import BatchOptions, open_client, run_batch
    from conflictcoder.batch.task import WarmUp
    from conflictcoder.config import Config
    from conflictcoder.geo.gazetteer import ensure_index

    config = Config()
    ensure_index()
    out = scratch / f"out-{workers}"
    with open_client(workers=workers, threads_per_worker=1, dashboard_address=None) as client:
        client.register_plugin(WarmUp(config))
        sampler = _Sampler(client)
        sampler.start()
        cpu_before = client.run(_cpu_seconds)
        summary = run_batch([str(feed)], config, client, BatchOptions(out=out, partition_size=size))
        cpu_after = client.run(_cpu_seconds)
        sampler.stop()
    cpu = sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after)
    assert not summary.failed, summary.failed
    return {
        "workers": workers,
        "documents": summary.run_documents,
        "events": summary.events,
        "seconds": round(summary.coding_seconds, 2),
        "docs_per_s": round(summary.run_documents / summary.coding_seconds, 1),
        # CPU the workers spent per document: equal for 1 and 2 workers means no overhead
        # from distribution, so a busy machine, not the design, caps the scaling.
        "worker_cpu_ms_per_doc": round(1000 * cpu / summary.run_documents, 1),
        "peak_rss_mb_per_worker": sorted(round(v / 2**20) for v in sampler.peaks.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000, help="documents (default 3000)")
    parser.add_argument("--partition-size", type=int, default=100, help="default 100")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="default 1 2")
    args = parser.parse_args()

    from tests.batch.corpus import corpus, write_jsonl

    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        scratch = Path(tmp)
        feed = write_jsonl(scratch / "corpus.jsonl", corpus(args.docs))
        load = os.getloadavg()[0]
        results = [_measure(feed, n, args.partition_size, scratch) for n in args.workers]
    print(
        f"batch scaling: {args.docs} generated documents, partitions of {args.partition_size}, "
        f"{os.cpu_count()} CPUs (load average {load:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after; other processes on the machine skew the figures)"
    )
    print(f"{'workers':>7}  {'docs/s':>8}  {'seconds':>8}  {'CPU ms/doc':>10}  peak RSS/worker MB")
    for r in results:
        peaks = ", ".join(str(p) for p in r["peak_rss_mb_per_worker"])
        print(
            f"{r['workers']:>7}  {r['docs_per_s']:>8}  {r['seconds']:>8}  "
            f"{r['worker_cpu_ms_per_doc']:>10}  {peaks}"
        )
    base = results[0]
    for r in results[1:]:
        ratio = r["docs_per_s"] / base["docs_per_s"]
        print(f"scaling {base['workers']} → {r['workers']} workers: {ratio:.2f}× (goal ≥ 1.8×)")
    print(json.dumps({"batch_scaling": results}))


if __name__ == "__main__":
    main()
