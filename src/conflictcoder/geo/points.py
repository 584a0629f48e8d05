"""Where a country is put on the map: data/place_country_points.tsv, else its towns' middle."""

from __future__ import annotations

from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError


@cache
def country_points() -> dict[str, tuple[float, float]]:
    """ISO3 → (lat, lon) of the countries whose centre point is listed."""
    path = DATA_DIR / "place_country_points.tsv"
    points: dict[str, tuple[float, float]] = {}
    for line, row in read_tsv(path, ("iso3", "lat", "lon"), required=True):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise DataError(f"{path}:{line}: lat/lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or len(row["iso3"]) != 3:
            raise DataError(f"{path}:{line}: need an ISO3 code and lat/lon in range")
        points[row["iso3"]] = (lat, lon)
    return points
