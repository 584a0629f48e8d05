"""The shapes the store hands out: EventRow (shared with fusion and export) and filters."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from conflictcoder.geo.distance import EARTH_KM, km

# {"document": {id, path, url, title, published, dateline, issuer, language},
#  "event": <the contract's event object>, "fused_id": str | None}
EventRow = dict[str, Any]


@dataclass(frozen=True)
class Near:
    """A circle on the ground: centre in WGS84 degrees, radius in kilometres."""

    lat: float
    lon: float
    km: float

    def contains(self, lat: float, lon: float) -> bool:
        return km(self.lat, self.lon, lat, lon) <= self.km

    def box(self) -> tuple[float, float, float, float]:
        """(south, north, west, east) bounds that hold the circle (wider near the poles)."""
        dlat = math.degrees(self.km / EARTH_KM)
        cos = math.cos(math.radians(self.lat))
        dlon = 180.0 if cos < 1e-6 else min(180.0, dlat / cos)
        return self.lat - dlat, self.lat + dlat, self.lon - dlon, self.lon + dlon


# The statuses a listing or an export shows by default (the report's news).
CURRENT: tuple[str, ...] = ("current",)


@dataclass(frozen=True)
class EventFilters:
    """Which events ``Store.event_rows`` gives; every field left None matches everything.

    since/until: the event's dates (else its document's published date) overlap the range.
    country: ISO3 of one of its places. type: PLOVER type, ACLED event type or sub-event
    type, or category (case-insensitive). near: one of its places lies in the circle.
    source: text in the claimant's name, the document's path or URL (case-insensitive).
    stance: asserted | alleged | denied | reported.
    statuses: the event statuses to give (None: every status). ``CURRENT`` is what
    listings and exports show unless asked for all.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None
    near: Near | None = None
    source: str | None = None
    stance: str | None = None
    statuses: tuple[str, ...] | None = None
    limit: int | None = None
