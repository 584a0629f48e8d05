"""Continents, world regions, oceans and seas: data/place_regions.tsv, checked at load."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.geo.normalize import name_keys

REGIONS_FILE = DATA_DIR / "place_regions.tsv"
_COLUMNS = ("geonameid", "name", "kind", "lat", "lon", "names", "country")


@dataclass(frozen=True)
class Region:
    """One region: its GeoNames id (None when unknown), names and centre point."""

    geonameid: int | None
    name: str
    kind: str  # Continent | Region | Ocean | Sea
    lat: float
    lon: float
    names: tuple[str, ...]  # other names and adjectives
    country: str | None = None  # ISO3 of the one country holding it; None: several


@cache
def regions() -> tuple[Region, ...]:
    """Every row of data/place_regions.tsv, in file order; DataError names a bad line."""
    found: list[Region] = []
    for line, row in read_tsv(
        REGIONS_FILE,
        _COLUMNS,
        required=("name", "kind", "lat", "lon"),
        optional=("names", "country"),
    ):
        where = f"{REGIONS_FILE}:{line}"
        try:
            geonameid = int(row["geonameid"]) if row["geonameid"] else None
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise DataError(f"{where}: geonameid, lat and lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataError(f"{where}: lat/lon out of range")
        names = tuple(n.strip() for n in row["names"].split("|") if n.strip())
        for name in (row["name"], *names):
            if not name_keys(name):
                raise DataError(f"{where}: name {name!r} has no letters")
        country = row["country"] or None
        if country is not None and not (len(country) == 3 and country.isupper()):
            raise DataError(f"{where}: country must be an ISO3 code, got {country!r}")
        found.append(Region(geonameid, row["name"], row["kind"], lat, lon, names, country))
    return tuple(found)


def regions_signature() -> str:
    """A short digest of the regions file, so an edited file makes a new index."""
    return hashlib.sha256(REGIONS_FILE.read_bytes()).hexdigest()[:8]
