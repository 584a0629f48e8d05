"""Records to the contract's JSON (``../shared/CONTRACT.md``), deterministic key order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conflictcoder import jsonl
from conflictcoder.records import (
    Actor,
    Count,
    Dateline,
    DateRange,
    Document,
    Event,
    Location,
    Party,
    Record,
    Rejection,
)

SCHEMA = "conflictcoder/1"


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def party_json(party: Party | None) -> dict[str, Any] | None:
    if party is None:
        return None
    return {"name": party.name, "country": party.country}


def _dateline(dateline: Dateline | None) -> dict[str, Any] | None:
    if dateline is None:
        return None
    out: dict[str, Any] = {
        "place": dateline.place,
        "date": _date(dateline.date),
        "agency": dateline.agency,
    }
    if dateline.year_inferred:  # written only when true, so other records stay as they were
        out["year_inferred"] = True
    return out


def document_json(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "path": document.path,
        "url": document.url,
        "title": document.title,
        "published": _date(document.published),
        "dateline": _dateline(document.dateline),
        "language": document.language,
        "issuer": party_json(document.issuer),
        "text": document.text,
        "removed": [
            {"start": r.start, "end": r.end, "text": r.text, "reason": r.reason}
            for r in document.removed
        ],
        "notes": list(document.notes),
    }


def _actor(actor: Actor) -> dict[str, Any]:
    return {
        "role": actor.role,
        "text": actor.text,
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
    }


def _location(loc: Location) -> dict[str, Any]:
    return {
        "text": loc.text,
        "name": loc.name,
        "country": loc.country,
        "admin1": loc.admin1,
        "admin2": loc.admin2,
        "lat": loc.lat,
        "lon": loc.lon,
        "geonameid": loc.geonameid,
        "feature": loc.feature,
        "precision": loc.precision,
    }


def _count(count: Count | None) -> dict[str, Any] | None:
    if count is None:
        return None
    out: dict[str, Any] = {
        "min": count.min,
        "max": count.max,
        "unspecified": count.unspecified,
        "text": count.text,
    }
    if count.side is not None:
        out["side"] = _actor(count.side)
    return out


def _daterange(value: DateRange | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "start": _date(value.start),
        "end": _date(value.end),
        "precision": value.precision,
        "text": value.text,
    }


def event_json(event: Event) -> dict[str, Any]:
    t = event.type
    attribution = event.attribution
    return {
        "id": event.id,
        "status": event.status,
        "category": t.category,
        "plover": {"type": t.plover_type, "mode": t.plover_mode},
        "acled": (
            {"event_type": t.acled_event_type, "sub_event_type": t.acled_sub_event_type}
            if t.acled_event_type and t.acled_sub_event_type
            else None
        ),
        "cameo": t.cameo,
        "trigger": {
            "start": event.trigger.start,
            "end": event.trigger.end,
            "text": event.trigger.text,
        },
        "actors": [_actor(a) for a in event.actors],
        "locations": [_location(loc) for loc in event.locations],
        "date": _daterange(event.date),
        "fatalities": _count(event.fatalities),
        "injuries": _count(event.injuries),
        "missing": _count(event.missing),
        "captured": _count(event.captured),
        "weapons": list(event.weapons),
        "damage": [{"text": d.text, "kind": d.kind} for d in event.damage],
        "attribution": (
            {
                "claimant": party_json(attribution.claimant),
                "via": [party_json(p) for p in attribution.via],
                "stance": attribution.stance,
            }
            if attribution is not None
            else None
        ),
        "evidence": [
            {"field": e.field, "start": e.start, "end": e.end, "text": e.text}
            for e in event.evidence
        ],
        "confidence": round(event.confidence, 3),
        **{k: event.extra[k] for k in sorted(event.extra)},
    }


def record_json(record: Record) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "document": document_json(record.document),
        "events": [event_json(e) for e in record.events],
    }


def rejection_json(rejection: Rejection) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "document": {"id": rejection.id, "path": rejection.path},
        "error": {"stage": rejection.stage, "reason": rejection.reason},
    }


def dumps(obj: dict[str, Any], *, indent: int | None = None) -> str:
    """JSON text; keys in insertion order, non-ASCII kept as is, line separators escaped."""
    return jsonl.dumps(obj, indent=indent)
