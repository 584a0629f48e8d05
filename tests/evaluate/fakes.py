"""Hand-made records for harness tests: the scores they must get are worked out by hand."""

from __future__ import annotations

import datetime as dt

from conflictcoder.records import Actor, Count, DateRange, Event, EventType, Location, Span

SUBTYPES = {
    "Armed clash": ("Battles", "ASSAULT"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "ASSAULT"),
    "Peaceful protest": ("Protests", "PROTEST"),
    "Arrests": ("Strategic developments", "COERCE"),
}


def event(
    sub: str | None,
    *,
    plover: str | None = None,
    mode: str | None = None,
    confidence: float = 0.5,
    actors: tuple[Actor, ...] = (),
    where: tuple[Location, ...] = (),
    day: dt.date | None = None,
    until: dt.date | None = None,
    killed: Count | None = None,
) -> Event:
    kind, default_plover = SUBTYPES[sub] if sub else (None, "AGREE")
    return Event(
        id=f"e-{sub}-{confidence}",
        type=EventType("test", plover or default_plover, mode, kind, sub, None),
        trigger=Span(0, 1, "x"),
        actors=actors,
        locations=where,
        date=DateRange(day, until or day, "day") if day else None,
        fatalities=killed,
        confidence=confidence,
    )


def place(
    lat: float, lon: float, *, country: str | None = "ARM", admin1: str | None = None
) -> Location:
    return Location("x", "x", country, admin1, None, lat, lon, None, "town", 1)


def actor(role: str, country: str | None, sector: str | None) -> Actor:
    return Actor(role, "x", "x", country, sector)
