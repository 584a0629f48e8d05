"""Time the gazetteer: cold build (with --cold), warm load, ruler names, lookups, memory.

Usage: .venv/bin/python benchmarks/geo_load.py [--cold]
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time


def main() -> None:
    if "--cold" in sys.argv:
        os.environ["CONFLICTCODER_CACHE_DIR"] = tempfile.mkdtemp(prefix="conflictcoder-bench-")
    t0 = time.perf_counter()
    from conflictcoder.config import Config
    from conflictcoder.geo.gazetteer import index_path, load_gazetteer

    t1 = time.perf_counter()
    gaz = load_gazetteer(Config())
    t2 = time.perf_counter()
    names = gaz.ruler_names()
    t3 = time.perf_counter()
    probe = ["Lachin", "Tripoli", "Aleppo", "Kyiv", "Springfield", "Khost", "Gadabay", "Mosul"]
    for name in probe:
        gaz.candidates(name)
    t4 = time.perf_counter()
    gaz.is_toponym("Kalbajar")
    t5 = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"index file         {index_path()} ({index_path().stat().st_size / 1e6:.1f} MB)")
    print(f"import             {t1 - t0:.3f} s")
    print(
        f"load_gazetteer     {t2 - t1:.3f} s{' (includes build)' if '--cold' in sys.argv else ''}"
    )
    print(f"ruler_names        {t3 - t2:.3f} s, {len(names)} names")
    print(f"candidates         {(t4 - t3) / len(probe) * 1000:.2f} ms per name")
    print(f"is_toponym (first) {t5 - t4:.3f} s")
    print(f"max RSS            {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
