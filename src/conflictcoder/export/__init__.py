"""Exports of EventRows: ACLED-style CSV, PLOVER JSON, GeoJSON and Parquet.

Each format has ``write_<format>(rows, out) -> int`` (the rows or features written); the
``EXPORTERS`` registry maps the command's ``--format`` names to them. ``export`` also says
which events a format left out and why (the ACLED CSV leaves out events that fail ACLED's
inclusion rule, the PLOVER JSON events with no date at all).
"""

from __future__ import annotations

from collections import Counter
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


def export(fmt: str, rows: Iterable[EventRow], out: Path) -> tuple[int, Counter[str]]:
    """Write ``rows`` to ``out`` as ``fmt``: (rows written, events left out by reason)."""
    left_out: Counter[str] = Counter()
    if fmt == "acled-csv":
        return write_acled_csv(rows, out, left_out), left_out
    if fmt == "plover-json":
        return write_plover_json(rows, out, left_out), left_out
    return EXPORTERS[fmt](rows, out), left_out


def left_out_line(left_out: Counter[str]) -> str | None:
    """One line naming how many events were left out and why, None when none were."""
    total = sum(left_out.values())
    if not total:
        return None
    reasons = ", ".join(f"{n} {why}" for why, n in sorted(left_out.items(), key=_by_count))
    return f"left out {total} event{'s' if total != 1 else ''} ({reasons})"


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


__all__ = [
    "EXPORTERS",
    "Exporter",
    "export",
    "left_out_line",
    "write_acled_csv",
    "write_geojson",
    "write_plover_json",
]
