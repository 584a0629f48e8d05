"""Refine a trigger's category with what the sentence adds: weapons, victims, targets.

A generic trigger ("attacked", "strike") takes the category its weapon implies
("with mortars" → shelling); an attack on civilians is ACLED Violence against civilians,
on armed men an armed clash; "captured soldiers" is an abduction, not a seizure of
territory. The categories come from ``event_categories.tsv``.
"""

from __future__ import annotations

from conflictcoder.events.lexicon import event_categories
from conflictcoder.records import EventType

_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_PEOPLE = frozenset({"military", "civilian", "police", "rebel", "militia"})


def refine(
    event_type: EventType,
    weapons: list[tuple[str, str | None]],
    victims: bool,
    targets: frozenset[str | None] = frozenset(),
) -> EventType:
    """A generic trigger takes the category its weapon or its victims imply; "captured"
    with people as its object is an abduction, not a seizure of territory."""
    categories = event_categories()
    if event_type.acled_sub_event_type in _TERRITORY and targets & _PEOPLE:
        return by_sub_type(categories, "Abduction/forced disappearance")
    if event_type.plover_type != "ASSAULT":
        return event_type
    generic = event_type.acled_sub_event_type in ("Armed clash", "Attack", None)
    if generic:
        for _, hint in weapons:
            if hint and hint in categories:
                return categories[hint]
    if victims and event_type.acled_sub_event_type in ("Armed clash", None):
        return by_sub_type(categories, "Attack")  # armed men against civilians
    if event_type.acled_sub_event_type is None and targets & _PEOPLE:
        return by_sub_type(categories, "Armed clash")  # an attack on armed men
    return event_type


def by_sub_type(categories: dict[str, EventType], sub_type: str) -> EventType:
    """The first ASSAULT category of an ACLED sub-type (table order decides)."""
    return next(
        c
        for c in categories.values()
        if c.acled_sub_event_type == sub_type and c.plover_type == "ASSAULT"
    )
