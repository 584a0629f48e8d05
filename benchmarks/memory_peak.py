"""Peak memory of `conflictcoder extract` on texts that once blew it up.

Generates a text of SIZE megabytes on ONE line (no newline; sentences of made-up report prose
run together) and, with ``--prose``, the same words in paragraphs; runs ``conflictcoder
extract`` on each under ``/usr/bin/time -v`` and prints the maximum resident set size and the
wall time. The goal (issue 13): at most 1 GB for any input under the 10 MB size limit.
Usage: ``python benchmarks/memory_peak.py [--mb 3] [--prose]``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = (
    "Officials in the district said armed men attacked a police post before dawn",
    "two officers were wounded and taken to the regional hospital",
    "residents reported shelling near the market for several hours",
    "the ministry said its forces returned fire and denied any losses",
)


def _text(megabytes: float, one_line: bool) -> str:
    parts: list[str] = []
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        sentence = f"{SENTENCES[n % len(SENTENCES)]} in sector {n}, "
        if not one_line and n % 8 == 7:
            sentence = sentence.rstrip(", ") + ".\n\n"
        parts.append(sentence)
        size += len(sentence)
        n += 1
    return "".join(parts)


def _peak(path: Path) -> tuple[int, float]:
    exe = Path(sys.executable).with_name("conflictcoder")
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", str(exe), "extract", str(path), "--format", "jsonl"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if done.returncode != 0 or match is None:
        raise SystemExit(f"extract failed on {path}: {done.stderr[-500:]}")
    return int(match.group(1)), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.0, help="size of the text (megabytes)")
    parser.add_argument("--prose", action="store_true", help="also the text in paragraphs")
    args = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        raise SystemExit("memory_peak: /usr/bin/time is needed (Debian package 'time')")
    shapes = [("one line", True)] + ([("paragraphs", False)] if args.prose else [])
    with tempfile.TemporaryDirectory() as folder:
        for name, one_line in shapes:
            path = Path(folder) / f"{name.replace(' ', '-')}.txt"
            path.write_text(_text(args.mb, one_line), encoding="utf-8")
            kb, seconds = _peak(path)
            print(
                f"memory_peak: extract {args.mb:g} MB {name}: peak RSS {kb / 1024:.0f} MB"
                f" ({seconds:.0f} s){'' if kb <= 1_048_576 else '  OVER the 1 GB goal'}"
            )


if __name__ == "__main__":
    main()
