"""Denials linked to the claims they reject, within one document."""

from __future__ import annotations

from dataclasses import replace

from conflictcoder.records import Event

# How many events before a denial it may answer ("… denied the report").
_DENIAL_REACH = 6


def link_denials(events: list[Event]) -> tuple[Event, ...]:
    """Each denial (PLOVER REJECT) points at the claims it rejects — the recent events
    claimed by the side it targets — and each such claim lists who disputes it."""
    rejects: dict[str, list[str]] = {}
    disputed: dict[str, list[dict[str, str | None]]] = {}
    for i, event in enumerate(events):
        if event.type.plover_type != "REJECT":
            continue
        makers = {a.country for a in event.actors if a.role == "target" and a.country}
        by = event.attribution.claimant if event.attribution else None
        for earlier in events[max(0, i - _DENIAL_REACH) : i + 2]:
            claim = earlier.attribution
            if earlier is event or earlier.type.plover_type == "REJECT" or claim is None:
                continue
            if claim.claimant is None or claim.claimant.country not in makers:
                continue
            rejects.setdefault(event.id, []).append(earlier.id)
            disputed.setdefault(earlier.id, []).append(
                {"event": event.id, "name": by.name if by else None,
                 "country": by.country if by else None}
            )  # fmt: skip
    out = []
    for event in events:
        extra = dict(event.extra)
        if event.id in rejects:
            extra["rejects"] = rejects[event.id]
        if event.id in disputed:
            extra["disputed_by"] = disputed[event.id]
        out.append(replace(event, extra=extra) if extra != event.extra else event)
    return tuple(out)
