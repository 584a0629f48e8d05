"""HTTP API latency: /api/events queries on a 100k-event SQLite store under a bounded load.

Builds (or reuses) a store of 10,000 generated documents x 10 events with the generator of
``store_throughput.py``, starts ``conflictcoder serve`` on loopback in a subprocess, and
sends a fixed number of requests (a fixed mix of event queries) from a fixed number of
concurrent httpx clients. Prints p50/p99 latency per query and overall, and requests/s.
Usage: ``python benchmarks/api_latency.py [--db FILE] [--requests N] [--concurrency C]``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from store_throughput import _generated  # the same generated documents as the store bench

from conflictcoder.store import open_store

DEFAULT_DB = Path(__file__).resolve().parents[1] / ".venv" / "bench-api-100k.db"
DOCS = 10_000  # x 10 events
QUERIES = {
    "first page": "limit=100",
    "one week": "since=2021-06-01&until=2021-06-07",
    "country+stance": "country=SOM&stance=denied&limit=100",
    "type+year": "type=Shelling/artillery/missile%20attack&since=2022-01-01&until=2022-12-31",
    "near 50 km": "near=9.0,8.0,50",
    "deep page": "offset=50000&limit=100",
    "source": "source=defence&limit=100",
}


def build_store(path: Path, docs: int) -> None:
    """The 100k-event store, written once (kept for later runs when its size is right)."""
    url = f"sqlite:///{path}"
    if path.exists():
        with open_store(url, create=False) as store:
            if store.counts()["events"] == docs * 10:
                print(f"reusing {path} ({docs * 10} events)")
                return
        path.unlink()
    rng = random.Random(7)
    started = time.perf_counter()
    with open_store(url, batch_size=500) as store:
        for d in range(docs):
            store.ingest(_generated(d, rng))
    print(f"wrote {docs} documents / {docs * 10} events in {time.perf_counter() - started:.1f} s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(path: Path, port: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "conflictcoder.cli", "serve", "--db", str(path)]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read() if server.stderr else ''}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 60 s")


async def drive(base: str, total: int, concurrency: int) -> tuple[dict[str, list[float]], float]:
    """Send ``total`` requests, the query mix in turn, from ``concurrency`` clients; returns
    the latencies (ms) per query and the wall time (s)."""
    names = list(QUERIES)
    plan = [names[i % len(names)] for i in range(total)]
    latencies: dict[str, list[float]] = {name: [] for name in names}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for name in plan:
        queue.put_nowait(name)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            name = queue.get_nowait()
            started = time.perf_counter()
            response = await client.get(f"/api/events?{QUERIES[name]}")
            response.raise_for_status()
            latencies[name].append((time.perf_counter() - started) * 1000)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        for name in names:  # warm-up: one of each, not counted
            (await client.get(f"/api/events?{QUERIES[name]}")).raise_for_status()
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        return latencies, time.perf_counter() - started


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="SQLite file (reused)")
    parser.add_argument("--docs", type=int, default=DOCS, help="generated documents (x10 events)")
    parser.add_argument("--requests", type=int, default=700, help="requests to send")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build_store(args.db, args.docs)
    port = _free_port()
    server = start_server(args.db, port)
    try:
        latencies, wall = asyncio.run(
            drive(f"http://127.0.0.1:{port}", args.requests, args.concurrency)
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    print(f"{args.requests} requests, concurrency {args.concurrency}, {args.docs * 10} events")
    print(f"{'query':<16}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}")
    for name, values in latencies.items():
        median = statistics.median(values)
        print(f"{name:<16}{len(values):>6}{median:>10.1f}{_p(values, 0.99):>10.1f}")
    every = [v for values in latencies.values() for v in values]
    print(f"{'all':<16}{len(every):>6}{statistics.median(every):>10.1f}{_p(every, 0.99):>10.1f}")
    print(f"throughput: {len(every) / wall:.1f} requests/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
