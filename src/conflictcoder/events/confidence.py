"""How far to trust that an event happened as coded (documented in the README)."""

from __future__ import annotations

from conflictcoder.events.draft import Draft
from conflictcoder.records import Actor, Location


def confidence(draft: Draft, actors: list[Actor], locations: list[Location]) -> float:
    """How much to trust that the event happened as coded, 0..1 (documented in README):
    0.7 x the trigger's reliability (its lexicon weight), + 0.12 with a doer (actor1),
    + 0.10 with a place on the map, + 0.08 with a date, + 0.05 for each further mention in
    the document (at most 0.10), x 0.8 when the claim is hedged or denied; at most 0.99."""
    score = draft.weight * 0.7
    score += 0.12 if any(a.role == "actor1" for a in actors) else 0.0
    score += 0.1 if any(loc.lat is not None for loc in locations) else 0.0
    score += 0.08 if draft.date is not None else 0.0
    score += min(0.1, 0.05 * (draft.mentions - 1))
    if draft.attribution is not None and draft.attribution.stance in ("alleged", "denied"):
        score *= 0.8
    return min(0.99, score)
