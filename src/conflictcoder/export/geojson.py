"""GeoJSON (RFC 7946): a FeatureCollection with one feature per event location.

A location with coordinates is a Point ``[lon, lat]`` (WGS84, the RFC's order); a location
without (a border, a front line) is a feature with ``geometry: null``, as is an event with no
location at all, so that no event is lost. Properties carry the ids, types, stance and
claimant of the event, the location's name and precision, and the evidence sentence.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conflictcoder.export.common import event_of, evidence_sentence, get, has_point
from conflictcoder.store.rows import EventRow


def _geometry(location: dict[str, Any] | None) -> dict[str, Any] | None:
    if location is None or not has_point(location):
        return None
    lon, lat = float(location["lon"]), float(location["lat"])
    if not (math.isfinite(lon) and math.isfinite(lat) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def features(row: EventRow, index: int = 0) -> list[dict[str, Any]]:
    """The GeoJSON features of one EventRow (at least one)."""
    event = event_of(row, index)
    document = row.get("document") or {}
    common = {
        "event_id": event["id"],
        "document_id": document.get("id"),
        "document_path": document.get("path") or document.get("url"),
        "fused_id": row.get("fused_id"),
        "category": event.get("category"),
        "plover_type": get(event, "plover", "type"),
        "acled_event_type": get(event, "acled", "event_type"),
        "acled_sub_event_type": get(event, "acled", "sub_event_type"),
        "date_start": get(event, "date", "start"),
        "date_end": get(event, "date", "end"),
        "fatalities_min": get(event, "fatalities", "min"),
        "fatalities_max": get(event, "fatalities", "max"),
        "stance": get(event, "attribution", "stance"),
        "claimant": get(event, "attribution", "claimant", "name"),
        "claimant_country": get(event, "attribution", "claimant", "country"),
        "evidence": evidence_sentence(event),
    }
    locations: list[dict[str, Any] | None] = list(event.get("locations") or []) or [None]
    out = []
    for number, loc in enumerate(locations):
        place = loc or {}
        out.append(
            {
                "type": "Feature",
                "id": f"{event['id']}#{number}",
                "geometry": _geometry(loc),
                "properties": {
                    **common,
                    "location": place.get("name") or place.get("text"),
                    "country": place.get("country"),
                    "admin1": place.get("admin1"),
                    "geonameid": place.get("geonameid"),
                    "feature": place.get("feature"),
                    "geo_precision": place.get("precision"),
                },
            }
        )
    return out


def write_geojson(rows: Iterable[EventRow], out: Path) -> int:
    """Write a FeatureCollection to ``out``; return the features written."""
    collected = [f for i, row in enumerate(rows) for f in features(row, i)]
    collection = {"type": "FeatureCollection", "features": collected}
    out.write_text(json.dumps(collection, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(collected)
