"""Throughput of ``conflictcoder extract`` against spaCy parse-only, same texts, same run.

Each phase runs in its own process so that its peak memory is its own. Model and
gazetteer loading is timed apart from the per-document work (it happens once per
process). Usage: ``python benchmarks/extract_throughput.py [--corpus DIR] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def _documents(corpus: Path) -> list[object]:
    from conflictcoder.config import Config
    from conflictcoder.errors import ConflictcoderError
    from conflictcoder.ingest.document import build_document
    from conflictcoder.ingest.sources import iter_inputs
    from conflictcoder.records import Rejection

    config = Config()
    docs: list[object] = []
    for raw in iter_inputs([str(corpus)], config):
        if isinstance(raw, Rejection):
            continue
        try:
            docs.append(build_document(raw, config))
        except ConflictcoderError:
            continue
    return docs


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _phase(name: str, corpus: Path, repeat: int) -> dict[str, float]:
    from conflictcoder.config import Config
    from conflictcoder.records import Document

    docs = [d for d in _documents(corpus) if isinstance(d, Document)]
    config = Config()
    t0 = time.perf_counter()
    if name == "parse":
        import spacy

        from conflictcoder.nlp.pipeline import MODEL

        nlp = spacy.load(MODEL)
        load = time.perf_counter() - t0
        nlp(docs[0].text)
        start = time.perf_counter()
        for _ in range(repeat):
            for doc in docs:
                for _parsed in nlp.pipe([doc.text]):
                    pass
    else:
        from conflictcoder.extract import extract_document

        extract_document(docs[0], config)  # loads the model, gazetteer and lexicons
        load = time.perf_counter() - t0
        start = time.perf_counter()
        for _ in range(repeat):
            for doc in docs:
                extract_document(doc, config)
    elapsed = time.perf_counter() - start
    n = len(docs) * repeat
    chars = sum(len(d.text) for d in docs) * repeat
    return {
        "documents": n,
        "seconds": elapsed,
        "docs_per_s": n / elapsed,
        "chars_per_s": chars / elapsed,
        "load_s": load,
        "peak_rss_mb": _peak_mb(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--phase", choices=("parse", "extract"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"benchmark: no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    if args.phase:
        print(json.dumps(_phase(args.phase, args.corpus, args.repeat)))
        return 0
    results = {}
    for phase in ("parse", "extract"):
        out = subprocess.run(
            [sys.executable, __file__, "--phase", phase, "--corpus", str(args.corpus),
             "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        results[phase] = json.loads(out.stdout.strip().splitlines()[-1])
    parse, extract = results["parse"], results["extract"]
    print(f"corpus: {args.corpus} ({parse['documents'] // args.repeat} documents x {args.repeat})")
    print(f"{'phase':<22}{'docs/s':>10}{'chars/s':>12}{'load s':>9}{'peak RSS MB':>13}")
    for label, r in (("spaCy parse-only", parse), ("conflictcoder extract", extract)):
        print(
            f"{label:<22}{r['docs_per_s']:>10.1f}{r['chars_per_s']:>12.0f}"
            f"{r['load_s']:>9.2f}{r['peak_rss_mb']:>13.0f}"
        )
    print(f"ratio extract/parse (docs/s): {extract['docs_per_s'] / parse['docs_per_s']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
