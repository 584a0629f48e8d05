"""An event under construction, and the family it belongs to.

Drafts are mutable while a document is read (later sentences add tolls and weapons,
later mentions merge in); ``assemble`` turns each into a frozen ``records.Event``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conflictcoder.events.actors import ActorMention
from conflictcoder.events.attribution import Cue
from conflictcoder.geo.nonpoints import NonPoint
from conflictcoder.geo.resolve import PlaceMention
from conflictcoder.records import Attribution, Count, Damage, DateRange, EventType, Span

VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})


@dataclass
class Draft:
    """An event under construction (mutable until it becomes a frozen Event)."""

    type: EventType
    trigger: Span
    weight: float
    sentence: Span
    actors: list[tuple[ActorMention, str, Span | None]] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    # The sentence's other places, for when none of the event's own resolves.
    other_places: list[PlaceMention] = field(default_factory=list)
    # Buildings or spots where it happened ("at the bus station"): events/sites.py.
    sites: list[Span] = field(default_factory=list)
    areas: list[NonPoint] = field(default_factory=list)
    date: DateRange | None = None
    own_date: bool = False  # False: the date is inherited from the event before
    fatalities: Count | None = None
    injuries: Count | None = None
    missing: Count | None = None
    captured: Count | None = None
    damage: list[Damage] = field(default_factory=list)
    weapons: list[tuple[str, Span]] = field(default_factory=list)
    attribution_cues: list[Cue] = field(default_factory=list)
    attribution: Attribution | None = None
    also: list[Span] = field(default_factory=list)
    mentions: int = 1  # how many mentions of one happening were merged into this draft
    lemmas: frozenset[tuple[str, ...]] = frozenset()  # trigger patterns of every mention
    status: str = "current"  # events/status.py


def family(event_type: EventType) -> str:
    """One event per family and sentence: all violence is one family, else the PLOVER type."""
    return "violence" if event_type.plover_type in VIOLENT_TYPES else event_type.plover_type
