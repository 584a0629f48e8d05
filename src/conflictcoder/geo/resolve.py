"""Resolve place mentions to gazetteer places, using the whole document as context.

Trust, in order: the qualifier next to the name, the document's countries, the other
places of the document (unambiguous ones are resolved first), then population.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from conflictcoder.countries import country_of
from conflictcoder.geo.build import Q_ALT, Q_FUZZY, Q_NAME
from conflictcoder.geo.distance import km
from conflictcoder.geo.gazetteer import Candidate, Gazetteer
from conflictcoder.geo.normalize import name_key
from conflictcoder.geo.points import area_point
from conflictcoder.geo.qualifiers import qualifier_kind, split_qualifier
from conflictcoder.records import Location, Span

_ADMIN = frozenset({"admin1", "district"})
_POPULATED = frozenset({"town", "village"})
_FEATURE_RANK = {"country": 0, "region": 1, "admin1": 2, "district": 3, "town": 4, "village": 5}
_AREAS = frozenset({"country", "region", "admin1"})  # "Wales" is Wales, not its country
_PRECISION = {"town": 1, "village": 1, "district": 2, "admin1": 3, "country": 3, "region": 3}
# A small foreign town is a likelier misreading than a place the document is about.
_FOREIGN_TOWN_MAX_POPULATION = 100_000
_WORLD_CITY = 500_000
_WORLD_CITY_RATIO = 10
_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
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
    # Try a typo search for names with no exact match: always, or (False) only for names
    # a feature word vouches for ("the village of X"), where a miss is surely a place.
    fuzzy: bool = True
    # The caller vouches that every mention is a toponym (gold spans, ``places`` with
    # "spans"): a small foreign town is then the best reading, not a likely misreading.
    given: bool = False


@dataclass(frozen=True)
class ScoredCandidate:
    """One candidate place of a mention, its score and why it got it."""

    candidate: Candidate
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PlaceExplanation:
    """How one mention was resolved: the chosen location (or None) and every candidate,
    best first, with the reasons for its score."""

    mention: PlaceMention
    location: Location | None
    candidates: tuple[ScoredCandidate, ...]
    note: str | None = None  # why nothing was chosen, when nothing was


@dataclass(frozen=True)
class _Prepared:
    name: str
    kind: str | None
    candidates: tuple[Candidate, ...]


def resolve_places(
    mentions: Sequence[PlaceMention],
    context: GeoContext,
    gazetteer: Gazetteer,
    *,
    points: str = "seat",
) -> list[Location | None]:
    """One Location (or None when nothing plausible) per mention, in order.

    ``points``: "seat" codes an admin unit at its seat town (as ACLED does); "centre" at
    the middle of its towns (as GeoNames does; what geoparsing gold expects). Countries
    and continents are always at their centre. Deterministic: the same mentions, context
    and gazetteer give the same answer.
    """
    return [e.location for e in explain_places(mentions, context, gazetteer, points=points)]


def explain_places(
    mentions: Sequence[PlaceMention],
    context: GeoContext,
    gazetteer: Gazetteer,
    *,
    points: str = "seat",
) -> list[PlaceExplanation]:
    """``resolve_places`` with its reasons: per mention, every candidate scored, best first,
    each with the reasons for its score (qualifier, document country, near an anchor …)."""
    prepared = [_prepare(m, gazetteer, context.fuzzy) for m in mentions]
    # Another mention of the same words is no evidence for its own reading: it never anchors.
    keys = [name_key(m.span.text) for m in mentions]
    first: list[tuple[Candidate, float] | None] = [None] * len(mentions)
    anchors: list[tuple[str, Candidate]] = []
    # Pass 1: unambiguous mentions (one country among the candidates) first, to anchor the rest.
    order = sorted(range(len(prepared)), key=lambda i: (not _unambiguous(prepared[i]), i))
    for i in order:
        others = [c for k, c in anchors if k != keys[i]]
        pick = _choose(prepared[i], context, others, gazetteer)[0]
        first[i] = pick
        if pick is not None:
            anchors.append((keys[i], pick[0]))
    # Pass 2: every mention again, now seeing all the other places of the document.
    # Only firm picks are context: a wrong anchor would mislead the rest.
    firm = [(j, c[0]) for j, c in enumerate(first) if c is not None and c[1] >= _ANCHOR_MIN_SCORE]
    result: list[PlaceExplanation] = []
    for i, (m, p) in enumerate(zip(mentions, prepared, strict=True)):
        others = [c for j, c in firm if keys[j] != keys[i]]
        pick, scored, note = _choose(p, context, others, gazetteer)
        location = _location(m, p, pick, points) if pick is not None else None
        result.append(PlaceExplanation(m, location, tuple(scored), note))
    return result


def _prepare(mention: PlaceMention, gazetteer: Gazetteer, fuzzy: bool = True) -> _Prepared:
    text = mention.span.text.strip()
    kind = qualifier_kind(mention.qualifier)
    candidates = gazetteer.candidates(text)
    name, inner = split_qualifier(text)
    # "Kansas City", "Quezon City": a town whose own name ends in a feature word is meant
    # whole, not "Kansas" with a qualifier.
    whole_town = any(c.match == Q_NAME and c.feature in _POPULATED for c in candidates)
    if inner is not None and (not candidates or (kind is None and not whole_town)):
        stripped = gazetteer.candidates(name)
        if stripped or not candidates:
            candidates, kind = stripped, qualifier_kind(inner)
        else:
            name = text
    else:
        name = text
    # "Russian", "Canadian": a demonym read as a place stands for its country, even when a
    # small town shares the word (Canadian, Texas).
    iso3 = country_of(text)
    if iso3 and not any(_same_area(c, iso3) for c in candidates):
        candidates = [*candidates, *(replace(c, match=Q_ALT) for c in gazetteer.country(iso3))]
    if not candidates:
        candidates = _inner_place(name, gazetteer)
    if not candidates and (fuzzy or mention.qualifier is not None):
        candidates = gazetteer.fuzzy_candidates(name)
    return _Prepared(name=name, kind=kind, candidates=tuple(candidates))


def _same_spelling(text: str, name: str) -> bool:
    """True when ``text`` writes ``name`` with at most an abbreviated Saint/Mount/Fort
    ("St. Petersburg", "Saint Petersburg"), not a nickname or an old name of it."""
    return _spelled_out(name_key(text)) == _spelled_out(name_key(name))


def _spelled_out(key: str) -> str:
    words = key.split()
    return " ".join(_ABBREVIATED.get(w, w) for w in words)


def _same_area(c: Candidate, iso3: str) -> bool:
    """True when ``c`` is the area a demonym-or-name ``iso3`` already stands for: the
    country itself or one of its first-level units of that own name ("Wales")."""
    return c.match == Q_NAME and c.country == iso3 and c.feature in _AREAS


def _inner_place(name: str, gazetteer: Gazetteer) -> list[Candidate]:
    """For a name the gazetteer lacks, the candidates of the longest, then leftmost, run of
    its words that is a known place ("Dubai World Cup" → Dubai, "Bank of Mexico" → Mexico,
    "British Embassy" → the United Kingdom)."""
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        hits: list[list[Candidate]] = []
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            if gazetteer.is_common_word(part):
                continue
            iso3 = country_of(part)
            if iso3:
                found = gazetteer.country(iso3)
            elif gazetteer.is_toponym(part):
                found = gazetteer.candidates(part)
            else:
                found = [
                    c for c in gazetteer.candidates(part) if c.feature == "region" and c.match == 0
                ]
            if found:
                hits.append(found)
        if hits:
            # "Bank of Mexico": the country, not the village called Bank
            best = min(hits, key=lambda f: (_FEATURE_RANK.get(f[0].feature, 9), -f[0].population))
            return [replace(c, match=max(c.match, Q_ALT)) for c in best]
    return []


def _unambiguous(p: _Prepared) -> bool:
    return len({c.country for c in p.candidates}) == 1 or (
        bool(p.candidates) and p.candidates[0].feature == "country" and p.candidates[0].match == 0
    )


def _choose(
    p: _Prepared, context: GeoContext, anchors: list[Candidate], gazetteer: Gazetteer
) -> tuple[tuple[Candidate, float] | None, list[ScoredCandidate], str | None]:
    """The pick (or None), every candidate scored best first, and why nothing was picked."""
    candidates = list(p.candidates)
    if p.kind in ("district", "province"):
        candidates += _inside_anchor_units(p.name, anchors, gazetteer, candidates)
    if not candidates:
        return None, [], "no place of that name in the gazetteer"
    doc_countries = _document_countries(context, anchors)
    neighbours = (
        frozenset(gazetteer.neighbours(context.countries[0])) if context.countries else frozenset()
    )
    seats = {c.seat_geonameid for c in candidates if c.seat_source == "same-name"}
    same_name_seats = frozenset(
        c.pid for c in candidates if c.feature in _POPULATED and c.geonameid in seats
    )
    capitals = gazetteer.capitals()
    # Countries where some candidate bears the name as its own (not an old or other name).
    owned = frozenset(c.country for c in candidates if c.match == Q_NAME and c.country)
    scored = sorted(
        (
            ScoredCandidate(
                c,
                *_score(
                    c,
                    p.kind,
                    context,
                    doc_countries,
                    neighbours,
                    anchors,
                    same_name_seats,
                    capitals,
                    owned,
                ),
            )
            for c in candidates
        ),
        key=lambda sc: (-sc.score, _tie_order(sc.candidate)),
    )
    best = scored[0]
    small = best.candidate.population < _FOREIGN_TOWN_MAX_POPULATION
    if p.kind is None and (small or best.candidate.feature in _POPULATED):
        # "Paris", "Portland": a small namesake never beats a city of half a million, nor
        # ("St. Petersburg") a town a city ten times its size under another spelling.
        world = [
            sc
            for sc in scored
            if sc.candidate.population >= _WORLD_CITY
            and (
                (small and sc.candidate.match == Q_NAME)
                or (
                    best.candidate.feature in _POPULATED
                    and sc.candidate.feature in _POPULATED
                    and _same_spelling(p.name, sc.candidate.name)
                    and sc.candidate.population >= _WORLD_CITY_RATIO * best.candidate.population
                )
            )
        ]
        if world:
            best = replace(world[0], reasons=(*world[0].reasons, "world city beats namesake"))
            scored = [best, *(sc for sc in scored if sc is not world[0])]
    if p.kind is None and best.candidate.feature in _ADMIN:
        # "New York": a city of millions is meant before the unit named after it.
        city = [
            sc
            for sc in scored
            if sc.candidate.feature in _POPULATED
            and sc.candidate.match <= Q_ALT
            and sc.candidate.population >= _WORLD_CITY
            and sc.candidate.country == best.candidate.country
        ]
        if city:
            best = replace(city[0], reasons=(*city[0].reasons, "world city beats its unit"))
            scored = [best, *(sc for sc in scored if sc is not city[0])]
    scored = [_rounded(sc) for sc in scored]
    if best.score < _MIN_SCORE:
        return None, scored, f"best score {best.score:.2f} is below {_MIN_SCORE}"
    if not context.given and not _plausible(best.candidate, p.kind, doc_countries, neighbours):
        return None, scored, "a small foreign town with no qualifier: likelier a misreading"
    if best.candidate.match == Q_FUZZY and _outside_named_provinces(best.candidate, anchors):
        return None, scored, "a typo match outside the provinces the document names"
    return (best.candidate, min(1.0, max(0.0, best.score))), scored, None


def _outside_named_provinces(c: Candidate, anchors: list[Candidate]) -> bool:
    """True when the document names provinces and ``c`` lies in none of them ("Aygepar,
    Tavush" is no typo for a village in Ararat)."""
    named = {a.admin1_code for a in anchors if a.feature == "admin1" and a.admin1_code}
    return bool(named) and c.admin1_code not in named


def _rounded(sc: ScoredCandidate) -> ScoredCandidate:
    return replace(sc, score=round(sc.score, 3))


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
    capitals: frozenset[int],
    owned: frozenset[str] = frozenset(),
) -> tuple[float, tuple[str, ...]]:
    """The candidate's score and the reasons that made it, each with its share."""
    reasons: list[str] = []

    def add(amount: float, why: str) -> float:
        reasons.append(f"{amount:+.2f} {why}")
        return amount

    score = add(
        (0.3, 0.2, 0.05, 0.0)[min(c.match, Q_FUZZY)],
        ("own name", "other name", "loose spelling", "fuzzy (typo) match")[min(c.match, Q_FUZZY)],
    )
    if kind in ("district", "province"):
        wanted = "district" if kind == "district" else "admin1"
        amount = 0.3 if c.feature == wanted else 0.15 if c.feature in _ADMIN else -0.2
        score += add(amount, f"qualifier says {kind}, place is {c.feature}")
    elif kind == "region":
        score += add(0.3 if c.feature in _ADMIN else -0.1, f"qualifier says region, {c.feature}")
    elif kind == "populated":
        amount = 0.3 if c.feature in _POPULATED else -0.2
        score += add(amount, f"qualifier says town/village, place is {c.feature}")
    elif c.feature in ("country", "region"):
        score += add(0.3, f"bare name of a {c.admin_type.lower() if c.admin_type else c.feature}")
    elif c.feature == "admin1":
        score += add(0.1, "bare name of a first-level unit")  # "Texas", "Idlib" …
    elif c.pid in same_name_seats:
        # … unless a town is the unit's namesake seat ("Aleppo" is the city)
        score += add(0.12, "seat town of the unit of the same name")
    if kind is None and c.feature in _POPULATED and c.geonameid in capitals:
        # "Washington" with nothing else said is the capital, not the state
        score += add(0.15, "national capital")
    if c.country in context.countries:
        amount = max(0.2, 0.35 - 0.05 * context.countries.index(c.country))
        score += add(amount, f"in a document country ({c.country})")
    elif c.country in doc_countries:
        score += add(0.1, f"in the country of another place named ({c.country})")
    elif c.country in neighbours:
        score += add(0.1, f"in a neighbour of the main country ({c.country})")
    if c.match > Q_NAME and c.country not in owned and owned & set(context.countries):
        # A name that is a place's own name in a document country beats the same string as
        # an old or alternate name of a place across the border.
        score += add(-0.4, "another name; a place in a document country has it as its own")
    score += _near_anchors(c, anchors, add)
    score += add(0.25 * min(1.0, math.log10(c.population + 1) / 7), f"population {c.population}")
    if c.lat is None:
        score += add(-0.1, "no coordinates")  # a unit without a seat cannot be placed
    return score, tuple(reasons)


def _near_anchors(
    c: Candidate, anchors: list[Candidate], add: Callable[[float, str], float]
) -> float:
    bonus = 0.0
    province = next(
        (
            a
            for a in anchors
            if a.feature == "admin1" and a.admin1_code and a.admin1_code == c.admin1_code
        ),
        None,
    )
    if province is not None:
        bonus += add(0.5, f"in {province.name}, named in the document")
    if c.lat is not None and c.lon is not None:
        distances = [
            (km(c.lat, c.lon, a.lat, a.lon), a.name)
            for a in anchors
            if a.lat is not None and a.lon is not None and a.feature not in ("country", "region")
        ]
        if distances and min(distances)[0] < 150:
            nearest, name = min(distances)
            bonus += add(0.1, f"{nearest:.0f} km from {name}, named in the document")
    return bonus


def _plausible(
    c: Candidate, kind: str | None, doc_countries: tuple[str, ...], neighbours: frozenset[str]
) -> bool:
    if kind is not None or not doc_countries or c.feature not in _POPULATED:
        return True
    if c.country in doc_countries or c.country in neighbours:
        return True
    return c.population >= _FOREIGN_TOWN_MAX_POPULATION


def _location(
    mention: PlaceMention, p: _Prepared, pick: tuple[Candidate, float], points: str
) -> Location:
    c, score = pick
    lat, lon = c.lat, c.lon
    area = c.feature in ("country", "region") or (points == "centre" and c.feature in _ADMIN)
    if area and c.centre_lat is not None and c.centre_lon is not None:
        lat, lon = c.centre_lat, c.centre_lon
    listed = area_point(c.feature, c.country, c.name) if area else None
    if listed is not None:
        lat, lon = listed
    precision = _PRECISION.get(c.feature, 3)
    if p.kind in ("near", "border") and precision == 1:
        precision = 2
    # A district is coded at its seat town, as ACLED does.
    seat = c.feature == "district" and c.seat_geonameid and points == "seat"
    geonameid = c.seat_geonameid if seat else c.geonameid
    return Location(
        text=mention.span.text,
        name=c.name,
        country=c.country,
        admin1=c.admin1,
        admin2=c.admin2,
        lat=round(lat, 5) if lat is not None else None,
        lon=round(lon, 5) if lon is not None else None,
        geonameid=geonameid,
        feature=c.feature,
        precision=precision,
        span=mention.span,
        score=round(score, 3),
    )
