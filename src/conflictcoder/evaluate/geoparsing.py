"""Gold-toponym geocoding (``geo-gwn``, ``geo-lgl``): the places stage on its own.

Gold: GeoWebNews ``data/GWN.xml`` (200 web news articles; our development set for places)
and LGL ``data/Corpora/lgl.xml`` (588 US local news articles; held out, ``test`` only).
Both are GPL-3 and stay in ``../shared``.

How it runs: for each article, the gold toponym spans that have a gold GeoNames id (GWN:
2,401 of 6,612 spans, as the corpus paper evaluates; 5 GWN spans with offsets into the
title are skipped; LGL: the 4,462 spans with a ``gaztag``) go, in text order, to
``geo.resolve.resolve_places`` with an empty ``GeoContext`` (no issuer or party countries,
as the contract's ``places`` command does with given spans) and ``points="centre"``: admin
units at their centre, as geoparsing gold codes them (events use the seat, as ACLED does).

Scores per toponym: resolved (a place with coordinates); exact GeoNames id (our id is the
place's own, an admin unit's own rather than its seat's); country (gold country: LGL names
it; for GWN it is looked up in our gazetteer by the gold id, and toponyms it does not know
are left out); and accuracy at 10, 25 and 161 km (161 km = 100 miles, the field's usual
threshold). An unresolved toponym is a miss everywhere.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from conflictcoder.config import Config
from conflictcoder.countries import country_of
from conflictcoder.errors import InputError
from conflictcoder.evaluate.common import Tick, gold_file, subsample
from conflictcoder.evaluate.metrics import Tally
from conflictcoder.evaluate.report import Scores
from conflictcoder.geo.distance import km
from conflictcoder.records import Location, Span

FILES = {"geo-gwn": "data/GWN.xml", "geo-lgl": "data/Corpora/lgl.xml"}
RADII = (10, 25, 161)


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    geonameid: int
    lat: float
    lon: float
    country: str | None  # ISO3 when the gold names it


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]


def _parse(source: Path) -> ET.Element:
    try:
        return ET.parse(source).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"{source}: not readable XML ({exc})", stage="evaluate") from exc


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _gwn(root: ET.Element) -> list[Article]:
    articles: list[Article] = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        toponyms: list[Toponym] = []
        for t in node.iter("toponym"):
            gid, lat, lon = (
                t.findtext("geonamesID"),
                _float(t.findtext("latitude")),
                _float(t.findtext("longitude")),
            )
            start, end = int(t.findtext("start") or -1), int(t.findtext("end") or -1)
            if (
                gid
                and gid.strip().isdigit()
                and lat is not None
                and lon is not None
                and 0 <= start < end <= len(text)
            ):
                toponyms.append(Toponym(start, end, int(gid), lat, lon, None))
        articles.append(
            Article(
                node.get("file", str(len(articles))),
                text,
                tuple(sorted(toponyms, key=lambda t: (t.start, t.end))),
            )
        )
    return articles


def _lgl(root: ET.Element) -> list[Article]:
    articles: list[Article] = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        toponyms: list[Toponym] = []
        for t in node.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or not (tag.get("geonameid") or "").isdigit():
                continue
            lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
            start, end = int(t.findtext("start") or -1), int(t.findtext("end") or -1)
            if lat is None or lon is None or not 0 <= start < end <= len(text):
                continue
            country = country_of(tag.findtext("country") or "")
            toponyms.append(Toponym(start, end, int(tag.get("geonameid", "0")), lat, lon, country))
        articles.append(
            Article(
                node.get("docid", str(len(articles))),
                text,
                tuple(sorted(toponyms, key=lambda t: (t.start, t.end))),
            )
        )
    return articles


def load(dataset: str, path: Path, split: str) -> list[Article]:
    """The articles with their gold toponyms (``path``: the geoparsing folder or the XML file)."""
    root = _parse(gold_file(path, FILES[dataset]))
    return _gwn(root) if dataset == "geo-gwn" else _lgl(root)


def score(
    articles: list[Article],
    resolved: list[list[Location | None]],
    gold_country: dict[int, str | None],
) -> tuple[Scores, list[float]]:
    """Shares per toponym, and the error in km of every resolved toponym."""
    tally = Tally()
    errors: list[float] = []
    for article, places in zip(articles, resolved, strict=True):
        for gold, place in zip(article.toponyms, places, strict=True):
            ok = place is not None and place.lat is not None and place.lon is not None
            distance = (
                km(place.lat, place.lon, gold.lat, gold.lon)
                if ok and place is not None and place.lat is not None and place.lon is not None
                else None
            )
            if distance is not None:
                errors.append(distance)
            tally.add("toponym", "resolved", ok)
            tally.add(
                "toponym",
                "exact GeoNames id",
                place is not None and place.geonameid == gold.geonameid,
            )
            country = gold.country or gold_country.get(gold.geonameid)
            tally.add(
                "toponym",
                "country",
                None if country is None else place is not None and place.country == country,
            )
            for radius in RADII:
                tally.add(
                    "toponym", f"within {radius} km", distance is not None and distance <= radius
                )
    return Scores(tally.shares()), errors


def run(
    dataset: str,
    path: Path,
    split: str,
    config: Config,
    limit: int | None,
    every: int | None,
    tick: Tick,
) -> tuple[int, Scores, tuple[str, ...]]:
    from conflictcoder.geo.gazetteer import load_gazetteer
    from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places

    articles = subsample(load(dataset, path, split), limit, every)
    gazetteer = load_gazetteer(config)
    resolved: list[list[Location | None]] = []
    gold_country: dict[int, str | None] = {}
    for done, article in enumerate(articles, start=1):
        mentions = [
            PlaceMention(Span(t.start, t.end, article.text[t.start : t.end]))
            for t in article.toponyms
        ]
        resolved.append(
            resolve_places(mentions, GeoContext(given=True), gazetteer, points="centre")
            if mentions
            else []
        )
        for t in article.toponyms:
            if t.country is None and t.geonameid not in gold_country:
                known = gazetteer.by_geonameid(t.geonameid)
                gold_country[t.geonameid] = known[0].country if known else None
        tick(done, len(articles))
    scores, errors = score(articles, resolved, gold_country)
    toponyms = sum(len(a.toponyms) for a in articles)
    notes = [f"{toponyms} gold toponyms in {len(articles)} articles"]
    if errors:
        notes.append(f"median error of resolved toponyms: {statistics.median(errors):.1f} km")
    return len(articles), scores, tuple(notes)
