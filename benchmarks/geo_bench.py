"""Geo section of `make bench`: lookup cost per toponym, build time, loaded-gazetteer memory.

Usage: .venv/bin/python benchmarks/geo_bench.py [--no-build]
The build is timed into a temporary cache directory (a cold build, ~25 s) in a child
process; memory is the resident size of a process that has only loaded the gazetteer.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

_NAMES = [
    "Lachin",
    "Tripoli",
    "Aleppo",
    "Kyiv",
    "Springfield",
    "Khost",
    "Gadabay",
    "Mosul",
    "Stepanakert",
    "Tavush",
    "Paris",
    "Georgia",
    "Berd",
    "Shusha",
    "Donetsk",
    "Idlib",
]

_CHILD_BUILD = """
import time, resource
from conflictcoder.geo.gazetteer import ensure_index
t = time.perf_counter(); ensure_index(); t = time.perf_counter() - t
print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
_CHILD_LOAD = """
import resource
from conflictcoder.config import Config
from conflictcoder.geo.gazetteer import load_gazetteer
g = load_gazetteer(Config()); g.ruler_names(); g.candidates("Lachin")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def main() -> None:
    from conflictcoder.config import Config
    from conflictcoder.geo.gazetteer import load_gazetteer
    from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
    from conflictcoder.records import Span

    gaz = load_gazetteer(Config())
    mentions = [PlaceMention(Span(0, len(n), n)) for n in _NAMES]
    resolve_places(mentions, GeoContext(countries=("AZE",)), gaz)  # warm-up
    per_name: list[float] = []
    for _ in range(20):
        for n in _NAMES:
            t = time.perf_counter()
            gaz.candidates(n)
            per_name.append(time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(20):
        resolve_places(mentions, GeoContext(countries=("AZE",)), gaz)
    resolve_ms = (time.perf_counter() - t) / (20 * len(mentions)) * 1000
    print(f"geo lookup (candidates) median {statistics.median(per_name) * 1000:.3f} ms/toponym")
    print(f"geo resolve_places      mean   {resolve_ms:.3f} ms/toponym (with context scoring)")
    out = subprocess.run([sys.executable, "-c", _CHILD_LOAD], capture_output=True, text=True)
    print(f"geo loaded gazetteer    {float(out.stdout.split()[-1]):.0f} MB max RSS")
    if "--no-build" not in sys.argv:
        with tempfile.TemporaryDirectory(prefix="conflictcoder-bench-") as tmp:
            env = dict(os.environ, CONFLICTCODER_CACHE_DIR=tmp)
            out = subprocess.run(
                [sys.executable, "-c", _CHILD_BUILD], capture_output=True, text=True, env=env
            )
            seconds, rss = (float(x) for x in out.stdout.split()[-2:])
            print(f"geo cold build          {seconds:.1f} s, {rss:.0f} MB max RSS")


if __name__ == "__main__":
    main()
