"""Places that are not points: "along the state border", "the Kupiansk–Lyman sector".

Patterns are data (data/place_nonpoints.tsv). A non-point is kept as text with ACLED
precision 3 and no coordinates: a border is a line, not a place on the map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.records import Location, Span

KINDS = frozenset({"border", "sector", "directions", "front", "region"})
# The Location feature of each kind: lines are "border", areas "region".
_FEATURE = {"border": "border", "front": "border", "sector": "border"}
_NAME = r"[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+){0,2}"
_DASH = r"\s*[-‐‑‒–—/]\s*"


@dataclass(frozen=True)
class NonPoint:
    """A place that is a line or an area: its span (document offsets), kind and text."""

    span: Span
    kind: str  # border | sector | directions | front | region

    @property
    def text(self) -> str:
        return self.span.text


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    path = DATA_DIR / "place_nonpoints.tsv"
    found: list[tuple[str, re.Pattern[str]]] = []
    for line, row in read_tsv(path, ("kind", "pattern"), required=True):
        if row["kind"] not in KINDS:
            raise DataError(f"{path}:{line}: kind {row['kind']!r} is not one of {sorted(KINDS)}")
        source = row["pattern"].replace("{NAME}", _NAME).replace("{DASH}", _DASH)
        try:
            found.append((row["kind"], re.compile(source, re.IGNORECASE)))
        except re.error as exc:
            raise DataError(f"{path}:{line}: bad pattern ({exc})") from None
    return tuple(found)


def find_nonpoints(text: str, start: int = 0, end: int | None = None) -> list[NonPoint]:
    """Non-point places in ``text[start:end]``, in text order, with offsets into ``text``.

    Overlapping matches keep the longest (then the earliest). The span keeps the
    preposition ("along the state border"): it says how the place relates to the line.
    """
    stop = len(text) if end is None else end
    hits: list[tuple[int, int, str]] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text, start, stop):
            hits.append((m.start(), m.end(), kind))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if all(h[1] <= k[0] or k[1] <= h[0] for k in kept):
            kept.append(h)
    kept.sort()
    return [NonPoint(Span(s, e, text[s:e]), kind) for s, e, kind in kept]


def nonpoint_location(np: NonPoint) -> Location:
    """The Location of a non-point: its text, feature border/region, precision 3, no point."""
    return Location(
        text=np.text,
        name=None,
        country=None,
        admin1=None,
        admin2=None,
        lat=None,
        lon=None,
        geonameid=None,
        feature=_FEATURE.get(np.kind, "region"),
        precision=3,
        span=np.span,
        score=None,
    )
