"""What every exporter reads from an EventRow: ids, the claimant, the evidence sentence, places."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conflictcoder.errors import InputError
from conflictcoder.store.rows import EventRow


def get(mapping: object, *path: str) -> Any:
    """mapping[path[0]][path[1]]…, or None where a level is missing or null."""
    value: Any = mapping
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def event_of(row: EventRow, index: int) -> dict[str, Any]:
    """The row's event; InputError when the row is not an EventRow."""
    event = get(row, "event")
    if not isinstance(event, dict) or not isinstance(event.get("id"), str):
        raise InputError(f"row {index}: not an event row (needs event.id); pass store EventRows")
    return event


def evidence_sentence(event: dict[str, Any]) -> str | None:
    """The sentence that states the event (its ``sentence`` evidence), else the trigger."""
    for field in ("sentence", "event"):
        for evidence in event.get("evidence") or []:
            if evidence.get("field") == field and evidence.get("text"):
                return str(evidence["text"])
    trigger = get(event, "trigger", "text")
    return str(trigger) if trigger is not None else None


def actors(event: dict[str, Any], *roles: str) -> list[dict[str, Any]]:
    return [a for a in event.get("actors") or [] if a.get("role") in roles]


def actor_label(actor: dict[str, Any]) -> str | None:
    label = actor.get("name") or actor.get("text")
    return str(label) if label is not None else None


def best_location(event: dict[str, Any]) -> dict[str, Any] | None:
    """The most precise location with coordinates, else the first location, else None."""
    locations: list[dict[str, Any]] = list(event.get("locations") or [])
    points = [loc for loc in locations if has_point(loc)]
    if points:
        return min(points, key=lambda loc: loc.get("precision") or 9)
    return locations[0] if locations else None


def has_point(location: dict[str, Any]) -> bool:
    return location.get("lat") is not None and location.get("lon") is not None


def to_date(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"bad date {value!r} in an event row; expected YYYY-MM-DD") from exc
