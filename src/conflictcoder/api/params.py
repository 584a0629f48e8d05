"""The event filters and pagination as query parameters (422 when one is malformed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Literal

from fastapi import HTTPException, Query

from conflictcoder.store.rows import CURRENT, EventFilters, Near

Stance = Literal["asserted", "alleged", "denied", "reported"]
Status = Literal["current", "background", "generic", "hypothetical", "all"]
MAX_LIMIT = 1000


def parse_near(text: str) -> Near:
    """``lat,lon,km`` as a Near; ValueError with the reason when it is not one."""
    parts = text.split(",")
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"{text!r} is not LAT,LON,KM (e.g. 40.52,46.08,25)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        raise ValueError(f"{text!r}: latitude, longitude or radius out of range")
    return Near(lat, lon, km)


def event_filters(
    since: Annotated[dt.date | None, Query(description="events on or after (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="events on or before (YYYY-MM-DD)")] = None,
    country: Annotated[
        str | None,
        Query(pattern="^[A-Za-z]{3}$", description="ISO3 of one of the event's places"),
    ] = None,
    type: Annotated[
        str | None,
        Query(max_length=100, description="PLOVER type, ACLED (sub-)event type or category"),
    ] = None,
    near: Annotated[
        str | None,
        Query(max_length=100, description="LAT,LON,KM: a place of the event in this circle"),
    ] = None,
    source: Annotated[
        str | None,
        Query(max_length=200, description="text in the claimant's name, document path or URL"),
    ] = None,
    stance: Annotated[Stance | None, Query(description="the claim's stance")] = None,
    status: Annotated[
        list[Status] | None,
        Query(description="event statuses to give (repeatable); all: every status"),
    ] = None,
) -> EventFilters:
    """The EventFilters the query asks for; 422 for a malformed ``near``."""
    circle = None
    if near is not None:
        try:
            circle = parse_near(near)
        except ValueError as exc:
            detail = [{"loc": ["query", "near"], "msg": str(exc), "type": "value_error"}]
            raise HTTPException(422, detail) from None
    return EventFilters(
        since=since,
        until=until,
        country=country.upper() if country else None,
        type=type.strip() or None if type else None,
        near=circle,
        source=source.strip() or None if source else None,
        stance=stance,
        statuses=_statuses(status),
    )


def _statuses(asked: Sequence[str] | None) -> tuple[str, ...] | None:
    """The statuses a query asks for: current ones unless it names others or "all"."""
    if not asked:
        return CURRENT
    if "all" in asked:
        return None
    return tuple(dict.fromkeys(asked))


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="at most this many items")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="skip this many items")]
