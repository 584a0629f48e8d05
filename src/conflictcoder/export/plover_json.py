"""PLOVER-style JSON: one object per event with PLOVER's event fields, plus links to the source.

Fields follow the PLOVER manual's event record: ``id``, ``date`` (ISO, the first day),
``event`` (the PLOVER type), ``mode``, ``context`` (null: we code none yet), ``source`` and
``target`` actors (text, ISO3 country, sector), ``location`` (place name, admin1, country,
lat, lon, GeoNames id). Our own fields follow: ``date_end``, ``cameo``, ``acled``,
``fatalities``, and ``links`` (document id and path, event id, fused id, stance, claimant,
evidence sentence), so every event leads back to the text it came from. The file is one JSON
array, in input order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conflictcoder.export.common import actors, best_location, event_of, evidence_sentence, get
from conflictcoder.store.rows import EventRow


def _actor(found: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not found:
        return None
    first = found[0]
    return {
        "text": first.get("text"),
        "name": first.get("name"),
        "country": first.get("country"),
        "sector": first.get("sector"),
    }


def plover_event(row: EventRow, index: int = 0) -> dict[str, Any]:
    """One EventRow as a PLOVER event object."""
    event = event_of(row, index)
    loc = best_location(event)
    document = row.get("document") or {}
    return {
        "id": event["id"],
        "date": get(event, "date", "start"),
        "event": get(event, "plover", "type"),
        "mode": get(event, "plover", "mode"),
        "context": None,
        "source": _actor(actors(event, "actor1")),
        "target": _actor(actors(event, "target", "actor2", "victim")),
        "location": (
            {
                "placename": loc.get("name") or loc.get("text"),
                "admin1": loc.get("admin1"),
                "country": loc.get("country"),
                "lat": loc.get("lat"),
                "lon": loc.get("lon"),
                "geonameid": loc.get("geonameid"),
            }
            if loc
            else None
        ),
        "date_end": get(event, "date", "end"),
        "cameo": event.get("cameo"),
        "acled": event.get("acled"),
        "fatalities": {
            "min": get(event, "fatalities", "min"),
            "max": get(event, "fatalities", "max"),
        },
        "links": {
            "document_id": document.get("id"),
            "document_path": document.get("path") or document.get("url"),
            "event_id": event["id"],
            "fused_id": row.get("fused_id"),
            "stance": get(event, "attribution", "stance"),
            "claimant": get(event, "attribution", "claimant"),
            "evidence": evidence_sentence(event),
        },
    }


def write_plover_json(rows: Iterable[EventRow], out: Path) -> int:
    """Write a JSON array of PLOVER event objects to ``out``; return the events written."""
    objects = [plover_event(row, i) for i, row in enumerate(rows)]
    text = json.dumps(objects, ensure_ascii=False, indent=1)
    out.write_text(text + "\n", encoding="utf-8")
    return len(objects)
