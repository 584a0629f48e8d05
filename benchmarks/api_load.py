"""Peak memory of `conflictcoder serve` while CLIENTS clients each post a 1 MB text at once.

Starts ``conflictcoder serve`` on loopback over an empty store in a temporary folder (with
``--workers``/``--queue`` as given), waits until its coding workers have loaded the model,
then sends CLIENTS concurrent POST /api/extract requests, each a text of just under one
million characters made of report-like sentences written for this benchmark. While they run,
it samples the resident set size of the server and all its child processes (the coding
workers) every 0.2 s, and prints the peak of the sum, the answers' status codes and times.
The goal (issue 13): at most 1.5 GB for the server and its workers under 8 such clients.
Usage: ``python benchmarks/api_load.py [--clients 8] [--workers N] [--queue N] [--timeout S]``
(a long ``--timeout`` lets every admitted text be coded to the end).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

MAX_CHARS = 1_000_000  # the API's text limit
PLACES = ("Konduga", "Bilozerka", "Jermuk", "Beledweyne", "Kidal", "Tal Afar", "Kherson")
SENTENCES = (
    "Local officials said gunmen attacked a checkpoint near {place} on {day}, killing {n}"
    " soldiers and wounding {m} others.",
    "The regional governor said artillery shelling hit residential areas of {place} overnight"
    " and {n} civilians were taken to hospital.",
    "A spokesman for the army denied the report and said its units had repelled an attack"
    " on positions east of {place}.",
    "Witnesses told reporters that a roadside bomb struck a convoy on the road to {place},"
    " and that {n} people died at the scene.",
    "Aid groups said about {m} families had fled {place} since {day} and were sheltering in"
    " schools.",
    "Police arrested {n} suspects after a protest in {place} turned violent on {day}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def report_text(chars: int = MAX_CHARS - 1000) -> str:
    """Paragraphs of made-up report prose, just under ``chars`` characters."""
    parts: list[str] = []
    size, i = 0, 0
    while True:
        sentence = SENTENCES[i % len(SENTENCES)].format(
            place=PLACES[i % len(PLACES)], day=DAYS[i % len(DAYS)], n=2 + i % 17, m=5 + i % 40
        )
        sentence += "\n\n" if i % 5 == 4 else " "
        if size + len(sentence) > chars:
            return "".join(parts)
        parts.append(sentence)
        size += len(sentence)
        i += 1


def tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of ``pid`` alone, RSS of ``pid`` and all its descendants) in bytes, from /proc."""
    own = _rss(pid)
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss(current)
        todo.extend(_children(current))
    return own, total


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


class Sampler(threading.Thread):
    """Samples the process tree's RSS until stopped; keeps the peaks."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_server = 0
        self.peak_total = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(0.2):
            own, total = tree_rss(self.pid)
            self.peak_server = max(self.peak_server, own)
            self.peak_total = max(self.peak_total, total)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(db: Path, port: int, args: argparse.Namespace) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "conflictcoder.cli", "serve", "--db", str(db)]
    command += ["--port", str(port)]
    command += ["--timeout", str(args.timeout)] if args.timeout is not None else []
    workers, queue = args.workers, args.queue
    command += ["--workers", str(workers)] if workers is not None else []
    command += ["--queue", str(queue)] if queue is not None else []
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def _wait_ready(base: str, server: subprocess.Popen[str]) -> None:
    """Until the server answers and a short text is coded (the workers have loaded)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and server.poll() is None:
        try:
            answer = httpx.post(
                f"{base}/api/extract",
                json={"text": "Police said gunmen attacked a market in Konduga on Tuesday."},
                timeout=120,
            )
            if answer.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server did not come up (exit code {server.poll()})")


async def _load(base: str, text: str, clients: int) -> list[tuple[int, float, str]]:
    async with httpx.AsyncClient(timeout=600) as client:

        async def one() -> tuple[int, float, str]:
            started = time.perf_counter()
            answer = await client.post(f"{base}/api/extract", json={"text": text})
            retry = answer.headers.get("retry-after", "")
            return answer.status_code, time.perf_counter() - started, retry

        return await asyncio.gather(*(one() for _ in range(clients)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--queue", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=None, help="serve --timeout (60)")
    args = parser.parse_args()
    text = report_text()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        server = _start(Path(folder) / "events.db", port, args)
        try:
            _wait_ready(base, server)
            idle_own, idle_total = tree_rss(server.pid)
            sampler = Sampler(server.pid)
            sampler.start()
            started = time.perf_counter()
            answers = asyncio.run(_load(base, text, args.clients))
            wall = time.perf_counter() - started
            sampler.stop()
        finally:
            server.terminate()
            out, _ = server.communicate(timeout=30)
    gb = 1024**3
    print(out.strip().splitlines()[-1] if out.strip() else "")
    print(f"text: {len(text):,} characters; {args.clients} clients at once; {wall:.1f} s in all")
    print(
        f"idle, workers loaded: server {idle_own / gb:.2f} GB,"
        f" with workers {idle_total / gb:.2f} GB"
    )
    print(
        f"peak RSS: server {sampler.peak_server / gb:.2f} GB,"
        f" server + workers {sampler.peak_total / gb:.2f} GB (goal <= 1.5 GB)"
    )
    statuses = collections.Counter(status for status, _, _ in answers)
    print("answers:", ", ".join(f"{n} x {s}" for s, n in sorted(statuses.items())))
    for status, seconds, retry in sorted(answers):
        after = f" (Retry-After {retry})" if retry else ""
        print(f"  {status} after {seconds:6.1f} s{after}")
    return 0 if sampler.peak_total <= 1.5 * gb else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
