"""Exports of EventRows: ACLED-style CSV, PLOVER JSON, GeoJSON and Parquet.

Each format has ``write_<format>(rows, out) -> int`` (the rows or features written); the
``EXPORTERS`` registry maps the command's ``--format`` names to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from conflictcoder.export.acled_csv import write_acled_csv
from conflictcoder.export.geojson import write_geojson
from conflictcoder.export.plover_json import write_plover_json
from conflictcoder.store.rows import EventRow

Exporter = Callable[[Iterable[EventRow], Path], int]


def _write_parquet(rows: Iterable[EventRow], out: Path) -> int:
    from conflictcoder.export.parquet import write_parquet  # pyarrow loads only when asked

    return write_parquet(rows, out)


EXPORTERS: dict[str, Exporter] = {
    "acled-csv": write_acled_csv,
    "plover-json": write_plover_json,
    "geojson": write_geojson,
    "parquet": _write_parquet,
}

__all__ = ["EXPORTERS", "Exporter", "write_acled_csv", "write_geojson", "write_plover_json"]
