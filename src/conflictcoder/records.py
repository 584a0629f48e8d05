"""The record types every stage passes on: immutable, each value with the span it came from.

Offsets are character offsets into ``Document.text``. Dates are ``datetime.date``; the
conversion to the contract's JSON (``../shared/CONTRACT.md``) lives in ``serialize.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A stretch of ``Document.text``: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Removed:
    """Page furniture kept in the text but never used as evidence."""

    start: int
    end: int
    text: str
    reason: str  # related-link | share | subscribe | byline | photo-credit | navigation | ...


@dataclass(frozen=True)
class Party:
    """Who speaks or is cited: a name and an ISO 3166-1 alpha-3 country."""

    name: str | None
    country: str | None
    span: Span | None = None


@dataclass(frozen=True)
class Dateline:
    place: str | None
    date: dt.date | None
    agency: str | None
    span: Span | None = None
    year_inferred: bool = False  # the date's year is not in the text (metadata or crawl date)


@dataclass(frozen=True)
class RawInput:
    """One input before it becomes a Document: what was read and from where."""

    path: str | None
    text: str
    kind: str = "text"  # text | html
    id: str | None = None
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()  # what reading changed ("1 lone surrogate replaced ...")


@dataclass(frozen=True)
class Rejection:
    """An input we read but could not code, with the stage and the reason."""

    id: str | None
    path: str | None
    stage: str
    reason: str


@dataclass(frozen=True)
class Document:
    id: str
    path: str | None
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    dateline: Dateline | None = None
    language: str | None = None
    issuer: Party | None = None
    removed: tuple[Removed, ...] = ()
    notes: tuple[str, ...] = ()  # what reading the input changed, one line each

    def is_removed(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any furniture span."""
        return any(start < r.end and r.start < end for r in self.removed)

    @property
    def anchor(self) -> dt.date | None:
        """The date relative expressions are read against: dateline, else published."""
        if self.dateline is not None and self.dateline.date is not None:
            return self.dateline.date
        return self.published


@dataclass(frozen=True)
class Actor:
    role: str  # actor1 | actor2 | target | victim | mediator
    text: str | None
    name: str | None
    country: str | None
    sector: str | None
    span: Span | None = None


@dataclass(frozen=True)
class Location:
    text: str
    name: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None
    precision: int | None
    span: Span | None = None
    score: float | None = None


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None
    end: dt.date | None
    precision: str | None  # day | week | month | year
    text: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Count:
    min: int | None = None
    max: int | None = None
    unspecified: bool | None = None
    text: str | None = None
    span: Span | None = None
    side: Actor | None = None  # whose dead or wounded, when the text says (role "victim")


@dataclass(frozen=True)
class Attribution:
    claimant: Party | None
    via: tuple[Party, ...] = ()
    stance: str = "asserted"  # asserted | alleged | denied | reported


@dataclass(frozen=True)
class Evidence:
    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EventType:
    """One row of the typing table: PLOVER type/mode with its ACLED and CAMEO codes."""

    category: str
    plover_type: str
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None


@dataclass(frozen=True)
class Damage:
    """Property or equipment the text says was damaged or destroyed."""

    text: str  # the thing, as written ("the military infrastructure")
    kind: str  # damaged | destroyed
    span: Span | None = None


@dataclass(frozen=True)
class Event:
    id: str
    type: EventType
    trigger: Span
    actors: tuple[Actor, ...] = ()
    locations: tuple[Location, ...] = ()
    date: DateRange | None = None
    fatalities: Count | None = None
    injuries: Count | None = None
    missing: Count | None = None
    captured: Count | None = None
    weapons: tuple[str, ...] = ()
    damage: tuple[Damage, ...] = ()
    attribution: Attribution | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    # current | background | generic | hypothetical (CONTRACT.md; events/status.py)
    status: str = "current"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Record:
    document: Document
    events: tuple[Event, ...] = ()
