"""Hand-built records with known values, so store and query tests need no extraction."""

from __future__ import annotations

import datetime as dt
import hashlib

from conflictcoder.records import (
    Actor,
    Attribution,
    Count,
    DateRange,
    Document,
    Event,
    EventType,
    Evidence,
    Location,
    Party,
    Record,
    Span,
)

ASSAULT = EventType("attack", "ASSAULT", None, "Violence against civilians", "Attack", "180")
SHELLING = EventType(
    "attack",
    "ASSAULT",
    "explosives",
    "Explosions/Remote violence",
    "Shelling/artillery/missile attack",
    "195",
)
PROTEST = EventType("protest", "PROTEST", "demonstrate", "Protests", "Peaceful protest", "141")


def place(name: str, country: str, lat: float, lon: float) -> Location:
    return Location(name, name, country, None, None, lat, lon, None, "town", 1)


def event(
    text: str,
    trigger: str,
    kind: EventType = ASSAULT,
    *,
    places: tuple[Location, ...] = (),
    day: dt.date | None = None,
    dead: int | None = None,
    stance: str = "asserted",
    claimant: str | None = None,
    country: str | None = None,
    status: str = "current",
) -> Event:
    start = text.index(trigger)
    span = Span(start, start + len(trigger), trigger)
    doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Event(
        id=f"{doc_id}-{start:08d}",
        type=kind,
        trigger=span,
        actors=(Actor("actor1", "gunmen", "Unidentified Armed Group", None, "rebel"),),
        locations=places,
        date=DateRange(day, day, "day") if day else None,
        fatalities=Count(dead, dead, False, f"{dead} killed") if dead is not None else None,
        attribution=Attribution(Party(claimant, country) if claimant else None, (), stance),
        evidence=(Evidence("event", span.start, span.end, span.text),),
        confidence=0.7,
        status=status,
    )


def record(
    text: str,
    *events: Event,
    path: str | None = "report.txt",
    url: str | None = None,
    doc_id: str | None = None,
    published: dt.date | None = None,
) -> Record:
    document = Document(
        id=doc_id or hashlib.sha256(text.encode()).hexdigest()[:16],
        path=path,
        text=text,
        url=url,
        published=published,
        language="en",
        issuer=Party("Police of Examplestan", "NGA"),
    )
    return Record(document=document, events=events)


def simple(text: str, trigger: str = "attacked", **kwargs: object) -> Record:
    """A one-event record of ``text`` (the event's trigger is the word ``trigger``)."""
    path = kwargs.pop("path", "report.txt")
    url = kwargs.pop("url", None)
    return record(text, event(text, trigger, **kwargs), path=path, url=url)  # type: ignore[arg-type]
