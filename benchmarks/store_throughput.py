"""The store: ingest throughput with extraction, and query latency on a 100k-event database.

1. Ingests ../shared/corpus into a fresh SQLite file (extraction included): documents/s.
2. Writes 10,000 generated documents of 10 events each (no extraction: records built
   directly) and times the `events` queries, best of 3, and their p50/p99 over 20 runs.
Usage: ``python benchmarks/store_throughput.py [--corpus DIR] [--docs N] [--db URL]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from conflictcoder.config import Config
from conflictcoder.records import (
    Actor,
    Attribution,
    Count,
    DateRange,
    Document,
    Event,
    EventType,
    Evidence,
    Location,
    Party,
    Record,
    Span,
)
from conflictcoder.store import EventFilters, Near, open_store

ROOT = Path(__file__).resolve().parents[1]
KINDS = (
    EventType("attack", "ASSAULT", None, "Violence against civilians", "Attack", "180"),
    EventType("shelling", "ASSAULT", "heavy-weapons", "Explosions/Remote violence",
              "Shelling/artillery/missile attack", "194"),
    EventType("peaceful_protest", "PROTEST", "demo", "Protests", "Peaceful protest", "141"),
)  # fmt: skip
COUNTRIES = (("NGA", 9.0, 8.0), ("SOM", 2.0, 45.0), ("SYR", 35.0, 38.0), ("AFG", 34.0, 66.0))


def _generated(d: int, rng: random.Random) -> Record:
    text = f"Report {d}: " + "".join(f"Forces attacked town{d}x{i} on day {i}. " for i in range(10))
    doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    events = []
    for i in range(10):
        iso, lat, lon = rng.choice(COUNTRIES)
        trigger = f"attacked town{d}x{i}"
        start = text.index(trigger)
        span = Span(start, start + len(trigger), trigger)
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500))
        dead = rng.randrange(20)
        lat, lon = lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2)
        place = Location(f"town{d}x{i}", f"town{d}x{i}", iso, None, None, lat, lon, None, "town", 1)
        claimant = rng.choice(["Ministry of Defence", "Police", None])
        events.append(
            Event(
                id=f"{doc_id}-{start:08d}",
                type=rng.choice(KINDS),
                trigger=span,
                actors=(Actor("actor1", "gunmen", "Unidentified Armed Group", None, "rebel"),),
                locations=(place,),
                date=DateRange(day, day, "day"),
                fatalities=Count(dead, dead, False, f"{dead} killed"),
                attribution=Attribution(
                    Party(claimant, iso) if claimant else None,
                    (),
                    rng.choice(["asserted", "reported", "alleged", "denied"]),
                ),
                evidence=(Evidence("event", span.start, span.end, span.text),),
                confidence=0.7,
            )
        )
    return Record(Document(id=doc_id, path=f"bench/{d}.txt", text=text), tuple(events))


def _ingest_corpus(corpus: Path, url: str) -> None:
    from conflictcoder.store.ingest import ingest

    with open_store(url) as store:
        summary = ingest(store, [str(corpus)], Config())
    rate = summary.read / summary.seconds
    print(
        f"ingest with extraction: {summary.line()} in {summary.seconds:.1f} s = {rate:.2f} docs/s"
    )


def _queries(url: str, docs: int) -> None:
    rng = random.Random(7)
    started = time.perf_counter()
    with open_store(url, batch_size=500) as store:
        for d in range(docs):
            store.ingest(_generated(d, rng))
    took = time.perf_counter() - started
    print(f"wrote {docs} documents / {docs * 10} events in {took:.1f} s")
    queries = {
        "first 100": EventFilters(limit=100),
        "one week": EventFilters(since=dt.date(2021, 6, 1), until=dt.date(2021, 6, 7)),
        "country + stance": EventFilters(country="SOM", stance="denied"),
        "sub-type + year": EventFilters(
            type="Shelling/artillery/missile attack",
            since=dt.date(2022, 1, 1),
            until=dt.date(2022, 12, 31),
        ),
        "near 50 km": EventFilters(near=Near(9.0, 8.0, 50)),
        "source, limit 1000": EventFilters(source="defence", limit=1000),
    }
    print(f"{'query':<20}{'rows':>8}{'p50 ms':>10}{'p99 ms':>10}")
    with open_store(url) as store:
        for name, filters in queries.items():
            times, rows = [], 0
            for _ in range(20):
                t0 = time.perf_counter()
                rows = sum(1 for _ in store.event_rows(filters))
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
            print(f"{name:<20}{rows:>8}{statistics.median(times):>10.1f}{p99:>10.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--docs", type=int, default=10_000, help="generated documents (x10 events)")
    parser.add_argument(
        "--db", default=None, help="a database URL for the query part (default: temp SQLite)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus.is_dir():
            _ingest_corpus(args.corpus, f"sqlite:///{tmp}/corpus.db")
        else:
            print(f"no corpus at {args.corpus}; skipping the ingest part", file=sys.stderr)
        _queries(args.db or f"sqlite:///{tmp}/queries.db", args.docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
