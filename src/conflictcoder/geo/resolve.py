"""Resolve place mentions to gazetteer places, using the whole document as context.

Trust, in order: the qualifier next to the name, the document's countries, the other
places of the document (unambiguous ones are resolved first), then population.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from conflictcoder.geo.build import Q_ALT
from conflictcoder.geo.gazetteer import Candidate, Gazetteer
from conflictcoder.geo.normalize import name_key
from conflictcoder.geo.qualifiers import qualifier_kind, split_qualifier
from conflictcoder.records import Location, Span

_ADMIN = frozenset({"admin1", "district"})
_POPULATED = frozenset({"town", "village"})
_PRECISION = {"town": 1, "village": 1, "district": 2, "admin1": 3, "country": 3}
# A small foreign town is a likelier misreading than a place the document is about.
_FOREIGN_TOWN_MAX_POPULATION = 100_000
_WORLD_CITY = 1_000_000
_MIN_SCORE = 0.3
_ANCHOR_MIN_SCORE = 0.6


@dataclass(frozen=True)
class PlaceMention:
    """A place name in the text and the word next to it ("district", "village" …)."""

    span: Span
    qualifier: str | None = None


@dataclass(frozen=True)
class GeoContext:
    """What the document is about: ISO3 of its parties, most important first."""

    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Prepared:
    name: str
    kind: str | None
    candidates: tuple[Candidate, ...]


def resolve_places(
    mentions: Sequence[PlaceMention], context: GeoContext, gazetteer: Gazetteer
) -> list[Location | None]:
    """One Location (or None when nothing plausible) per mention, in order.

    Deterministic: the same mentions, context and gazetteer give the same answer.
    """
    prepared = [_prepare(m, gazetteer) for m in mentions]
    first: list[tuple[Candidate, float] | None] = [None] * len(mentions)
    anchors: list[Candidate] = []
    # Pass 1: unambiguous mentions (one country among the candidates) first, to anchor the rest.
    order = sorted(range(len(prepared)), key=lambda i: (not _unambiguous(prepared[i]), i))
    for i in order:
        pick = _choose(prepared[i], context, anchors, gazetteer)
        first[i] = pick
        if pick is not None:
            anchors.append(pick[0])
    # Pass 2: every mention again, now seeing all the other places of the document.
    # Only firm picks are context: a wrong anchor would mislead the rest.
    firm = [(j, c[0]) for j, c in enumerate(first) if c is not None and c[1] >= _ANCHOR_MIN_SCORE]
    chosen = [
        _choose(p, context, [c for j, c in firm if j != i], gazetteer)
        for i, p in enumerate(prepared)
    ]
    return [
        _location(m, p, c) if c is not None else None
        for m, p, c in zip(mentions, prepared, chosen, strict=True)
    ]


def _prepare(mention: PlaceMention, gazetteer: Gazetteer) -> _Prepared:
    text = mention.span.text.strip()
    kind = qualifier_kind(mention.qualifier)
    candidates = gazetteer.candidates(text)
    name, inner = split_qualifier(text)
    if inner is not None and (not candidates or kind is None):
        stripped = gazetteer.candidates(name)
        if stripped or not candidates:
            candidates, kind = stripped, qualifier_kind(inner)
        else:
            name = text
    else:
        name = text
    return _Prepared(name=name, kind=kind, candidates=tuple(candidates))


def _unambiguous(p: _Prepared) -> bool:
    return len({c.country for c in p.candidates}) == 1 or (
        bool(p.candidates) and p.candidates[0].feature == "country" and p.candidates[0].match == 0
    )


def _choose(
    p: _Prepared, context: GeoContext, anchors: list[Candidate], gazetteer: Gazetteer
) -> tuple[Candidate, float] | None:
    candidates = list(p.candidates)
    if p.kind in ("district", "province"):
        candidates += _inside_anchor_units(p.name, anchors, gazetteer, candidates)
    if not candidates:
        return None
    doc_countries = _document_countries(context, anchors)
    neighbours = (
        frozenset(gazetteer.neighbours(context.countries[0])) if context.countries else frozenset()
    )
    seats = {c.seat_geonameid for c in candidates if c.seat_source == "same-name"}
    same_name_seats = frozenset(
        c.pid for c in candidates if c.feature in _POPULATED and c.geonameid in seats
    )
    scored = sorted(
        (
            (_score(c, p.kind, context, doc_countries, neighbours, anchors, same_name_seats), c)
            for c in candidates
        ),
        key=lambda sc: (-sc[0], _tie_order(sc[1])),
    )
    best_score, best = scored[0]
    if p.kind is None and best.population < _FOREIGN_TOWN_MAX_POPULATION:
        # "Paris", "London": a small namesake never beats a city of millions.
        world = [sc for sc in scored if sc[1].population >= _WORLD_CITY and sc[1].match == 0]
        if world:
            best_score, best = world[0]
    if best_score < _MIN_SCORE or not _plausible(best, p.kind, doc_countries, neighbours):
        return None
    return best, min(1.0, max(0.0, best_score))


def _tie_order(c: Candidate) -> tuple[int, int, int]:
    """Tie-break between equal scores: the index order (stable, deterministic)."""
    return (c.match, -c.population, c.pid)


def _inside_anchor_units(
    name: str, anchors: list[Candidate], gazetteer: Gazetteer, have: list[Candidate]
) -> list[Candidate]:
    """Units inside an admin1 named in the document whose name starts with ``name``
    ("Khost district of Baghlan" → Khost wa Firing)."""
    key = name_key(name)
    seen = {c.pid for c in have}
    found: list[Candidate] = []
    for code in sorted({a.admin1_code for a in anchors if a.feature == "admin1" and a.admin1_code}):
        for unit in gazetteer.units_within(code):
            if unit.pid not in seen and name_key(unit.name).startswith(key + " "):
                found.append(replace(unit, match=Q_ALT))
                seen.add(unit.pid)
    return found


def _document_countries(context: GeoContext, anchors: list[Candidate]) -> tuple[str, ...]:
    countries = list(context.countries)
    for a in anchors:
        if a.country and a.country not in countries:
            countries.append(a.country)
    return tuple(countries)


def _score(
    c: Candidate,
    kind: str | None,
    context: GeoContext,
    doc_countries: tuple[str, ...],
    neighbours: frozenset[str],
    anchors: list[Candidate],
    same_name_seats: frozenset[int],
) -> float:
    score = (0.3, 0.2, 0.05)[min(c.match, 2)]
    if kind in ("district", "province"):
        wanted = "district" if kind == "district" else "admin1"
        score += 0.3 if c.feature == wanted else 0.15 if c.feature in _ADMIN else -0.2
    elif kind == "region":
        score += 0.3 if c.feature in _ADMIN else -0.1
    elif kind == "populated":
        score += 0.3 if c.feature in _POPULATED else -0.2
    elif c.feature == "country":
        score += 0.3
    elif c.feature == "admin1":
        score += 0.1  # "Texas", "Idlib": a bare first-level name is the unit …
    elif c.pid in same_name_seats:
        score += 0.12  # … unless a town is the unit's namesake seat ("Aleppo" is the city)
    if c.country in context.countries:
        score += max(0.2, 0.35 - 0.05 * context.countries.index(c.country))
    elif c.country in doc_countries or c.country in neighbours:
        score += 0.1
    score += _near_anchors(c, anchors)
    score += 0.25 * min(1.0, math.log10(c.population + 1) / 7)
    if c.lat is None:
        score -= 0.1  # a unit without a seat cannot be placed on a map
    return score


def _near_anchors(c: Candidate, anchors: list[Candidate]) -> float:
    bonus = 0.0
    if any(
        a.feature == "admin1" and a.admin1_code and a.admin1_code == c.admin1_code for a in anchors
    ):
        bonus += 0.5  # the document names the province this place lies in
    if c.lat is not None and c.lon is not None:
        distances = [
            _km(c.lat, c.lon, a.lat, a.lon)
            for a in anchors
            if a.lat is not None and a.lon is not None and a.feature != "country"
        ]
        if distances and min(distances) < 150:
            bonus += 0.1
    return bonus


def _plausible(
    c: Candidate, kind: str | None, doc_countries: tuple[str, ...], neighbours: frozenset[str]
) -> bool:
    if kind is not None or not doc_countries or c.feature not in _POPULATED:
        return True
    if c.country in doc_countries or c.country in neighbours:
        return True
    return c.population >= _FOREIGN_TOWN_MAX_POPULATION


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _location(mention: PlaceMention, p: _Prepared, pick: tuple[Candidate, float]) -> Location:
    c, score = pick
    precision = _PRECISION.get(c.feature, 3)
    if p.kind in ("near", "border") and precision == 1:
        precision = 2
    # A district is coded at its seat town, as ACLED does.
    geonameid = c.seat_geonameid if c.feature == "district" and c.seat_geonameid else c.geonameid
    return Location(
        text=mention.span.text,
        name=c.name,
        country=c.country,
        admin1=c.admin1,
        admin2=c.admin2,
        lat=round(c.lat, 5) if c.lat is not None else None,
        lon=round(c.lon, 5) if c.lon is not None else None,
        geonameid=geonameid,
        feature=c.feature,
        precision=precision,
        span=mention.span,
        score=round(score, 3),
    )
