"""Where an area is put on the map: data/place_country_points.tsv for countries,
data/place_admin1_points.tsv for the first-level units listed there, else the middle of
the area's towns (computed when the gazetteer is built)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.geo.normalize import name_key


def _point(path: Path, line: int, row: dict[str, str]) -> tuple[float, float]:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        raise DataError(f"{path}:{line}: lat/lon must be numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or len(row["iso3"]) != 3:
        raise DataError(f"{path}:{line}: need an ISO3 code and lat/lon in range")
    return lat, lon


@cache
def country_points() -> dict[str, tuple[float, float]]:
    """ISO3 → (lat, lon) of the countries whose centre point is listed."""
    path = DATA_DIR / "place_country_points.tsv"
    return {
        row["iso3"]: _point(path, line, row)
        for line, row in read_tsv(path, ("iso3", "lat", "lon"), required=True)
    }


@cache
def admin1_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO3, name key of the unit) → (lat, lon) of the first-level units listed."""
    path = DATA_DIR / "place_admin1_points.tsv"
    points: dict[tuple[str, str], tuple[float, float]] = {}
    for line, row in read_tsv(path, ("iso3", "admin1", "lat", "lon"), required=True):
        points[(row["iso3"], name_key(row["admin1"]))] = _point(path, line, row)
    return points


def area_point(feature: str, country: str | None, name: str) -> tuple[float, float] | None:
    """The listed point of a country or first-level unit, None when it is not listed."""
    if country is None:
        return None
    if feature == "country":
        return country_points().get(country)
    if feature == "admin1":
        return admin1_points().get((country, name_key(name)))
    return None
