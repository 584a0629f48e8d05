"""Geocoding accuracy on GeoWebNews gold spans: share of toponyms within 161 km of gold.

Reads ../shared/data/geoparsing/data/Geocoding/gwn_full.txt (GPL data: read, never copied).
Every gold span of an article is resolved together, with no country context, as the
`places` command does for gold-toponym evaluations.
Usage: .venv/bin/python benchmarks/geo_gwn.py
"""

from __future__ import annotations

import math
import statistics
import sys
from pathlib import Path

from conflictcoder.config import Config
from conflictcoder.geo.gazetteer import load_gazetteer
from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
from conflictcoder.records import Span

GOLD = Path(__file__).resolve().parents[1] / "../shared/data/geoparsing/data/Geocoding/gwn_full.txt"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def main() -> None:
    if not GOLD.exists():
        sys.exit(f"gold file not found: {GOLD}")
    gaz = load_gazetteer(Config())
    errors: list[float] = []
    missing = 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        records = [r.split(",,") for r in line.split("||") if r.strip()]
        mentions = [PlaceMention(Span(int(r[4]), int(r[5]), r[1])) for r in records]
        for rec, loc in zip(records, resolve_places(mentions, GeoContext(), gaz), strict=True):
            if loc is None or loc.lat is None or loc.lon is None:
                missing += 1
                errors.append(20000.0)
                continue
            errors.append(_km(float(rec[2]), float(rec[3]), loc.lat, loc.lon))
    n = len(errors)
    within = sum(e <= 161 for e in errors)
    print(f"toponyms {n}; unresolved {missing}")
    print(f"accuracy@161km {within / n:.3f}; median error {statistics.median(errors):.0f} km")


if __name__ == "__main__":
    main()
