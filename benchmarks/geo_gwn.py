"""Geocoding accuracy on gold toponyms of GeoWebNews (GWN) and LGL.

Reads ../shared/data/geoparsing/data/GWN.xml and data/Corpora/lgl.xml (GPL data: read,
never copied). Every gold span of an article is resolved together, with no country
context, as ``conflictcoder places`` does for gold-toponym evaluations.

GWN is the development set for places (``conflictcoder evaluate geo-gwn``); LGL is held
out. ``--split dev|test`` halves an article list (even / odd positions) to see whether a
change helps both halves alike rather than a few articles; ``all`` is the figure reported.

Usage: .venv/bin/python benchmarks/geo_gwn.py [--split dev|test|all] [--errors N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from conflictcoder.config import Config
from conflictcoder.geo.distance import km as distance_km
from conflictcoder.geo.gazetteer import load_gazetteer
from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
from conflictcoder.records import Location, Span

DATA = Path(__file__).resolve().parents[1] / "../shared/data/geoparsing/data"


@dataclass(frozen=True)
class Gold:
    text: str
    start: int
    end: int
    geonameid: int | None
    lat: float
    lon: float
    kind: str  # fcode (LGL) or the GWN toponym type


def gwn_articles() -> list[list[Gold]]:
    """GWN articles' toponyms that have a GeoNames id (the 2,401 the paper evaluates)."""
    articles = []
    for art in ET.parse(DATA / "GWN.xml").getroot().iter("article"):
        golds = []
        for t in art.iter("toponym"):
            gid = (t.findtext("geonamesID") or "").strip()
            start = int(t.findtext("start") or -1)
            if not gid or start < 0:
                continue
            golds.append(
                Gold(
                    t.findtext("extractedName") or "",
                    start,
                    int(t.findtext("end") or 0),
                    int(gid),
                    float(t.findtext("latitude") or 0),
                    float(t.findtext("longitude") or 0),
                    t.findtext("type") or "",
                )
            )
        articles.append(golds)
    return articles


def lgl_articles() -> list[list[Gold]]:
    """LGL articles' toponyms with a gaztag (gold GeoNames id and point)."""
    articles = []
    for art in ET.parse(DATA / "Corpora/lgl.xml").getroot().iter("article"):
        golds = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None:
                continue
            golds.append(
                Gold(
                    t.findtext("phrase") or "",
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    int(tag.get("geonameid") or 0) or None,
                    float(tag.findtext("lat") or 0),
                    float(tag.findtext("lon") or 0),
                    tag.findtext("fcode") or "",
                )
            )
        articles.append(golds)
    return articles


def evaluate(articles: list[list[Gold]], split: str) -> tuple[dict[str, float], list[str]]:
    """Scores (share of toponyms) and one line per miss beyond 161 km."""
    gaz = load_gazetteer(Config())
    errors: list[float] = []
    exact = unresolved = 0
    misses: list[str] = []
    for index, golds in enumerate(articles):
        if split != "all" and (index % 2 == 0) != (split == "dev"):
            continue
        mentions = [PlaceMention(Span(g.start, g.end, g.text)) for g in golds]
        locs: list[Location | None] = resolve_places(
            mentions, GeoContext(given=True), gaz, points="centre"
        )
        for g, loc in zip(golds, locs, strict=True):
            if loc is None or loc.lat is None or loc.lon is None:
                unresolved += 1
                errors.append(20000.0)
                misses.append(f"unresolved\t{g.text}\t{g.kind}")
                continue
            km = distance_km(g.lat, g.lon, loc.lat, loc.lon)
            errors.append(km)
            exact += loc.geonameid == g.geonameid
            if km > 161:
                misses.append(
                    f"{km:.0f}km\t{g.text}\t{g.kind}\t→ {loc.name} {loc.country} {loc.feature}"
                )
    n = max(1, len(errors))
    scores = {
        "toponyms": len(errors),
        "unresolved": unresolved,
        "exact_id": exact / n,
        "acc@10km": sum(e <= 10 for e in errors) / n,
        "acc@25km": sum(e <= 25 for e in errors) / n,
        "acc@161km": sum(e <= 161 for e in errors) / n,
        "median_km": statistics.median(errors) if errors else 0.0,
    }
    return scores, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    if not (DATA / "GWN.xml").exists():
        sys.exit(f"gold files not found under {DATA}")
    for corpus, loader in (("GWN", gwn_articles), ("LGL", lgl_articles)):
        scores, misses = evaluate(loader(), args.split)
        shown = "  ".join(
            f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in scores.items()
        )
        print(f"{corpus} {args.split}: {shown}")
        if args.errors:
            common = Counter(m.split("\t", 1)[1] for m in misses).most_common(args.errors)
            for miss, count in common:
                print(f"  {count:3d}  {miss}")


if __name__ == "__main__":
    main()
