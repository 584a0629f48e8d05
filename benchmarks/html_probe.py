"""Time per HTML page of reading it (``read_html``) and of the deep-nesting check in it.

Every page with more than 255 tags used to be read a second time in full with html.parser
(``flat_text``) to learn its depth; ``deeper_than`` scans the tags alone. For each page in
the folder (default ``../shared/corpus``) prints the median over REPEAT runs of: the old
check (``flat_text``), the new check (``deeper_than``) and the whole ``read_html``.
Usage: ``python benchmarks/html_probe.py [FOLDER] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from conflictcoder.ingest.html import read_html
from conflictcoder.ingest.html_flat import deeper_than, flat_text

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pages = sorted(p for p in args.folder.glob("*.htm*") if not p.name.endswith(".json"))
    if not pages:
        raise SystemExit(f"no .html pages in {args.folder}")
    totals = [0.0, 0.0, 0.0]
    print(f"{'page':58} {'kB':>5} {'flat_text':>10} {'deeper_than':>12} {'read_html':>10}")
    for path in pages:
        html = path.read_text(encoding="utf-8", errors="replace")
        old = _median_ms(lambda: flat_text(html), args.repeat)  # noqa: B023
        new = _median_ms(lambda: deeper_than(html), args.repeat)  # noqa: B023
        whole = _median_ms(lambda: read_html(html), args.repeat)  # noqa: B023
        for i, value in enumerate((old, new, whole)):
            totals[i] += value
        print(
            f"{path.name[:58]:58} {len(html) // 1000:5} {old:8.1f}ms {new:10.1f}ms {whole:8.1f}ms"
        )
    n = len(pages)
    old, new, whole = (t / n for t in totals)
    print(
        f"mean per page: flat_text {old:.1f} ms, deeper_than {new:.1f} ms, read_html {whole:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
