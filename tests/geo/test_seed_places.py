"""Integration: the seed report's four districts resolve to Azerbaijan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conflictcoder.geo.gazetteer import Gazetteer
from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
from conflictcoder.records import Span

SEED = Path(__file__).resolve().parents[2] / "../shared/examples/seed-report.txt"
EXPECTED = {
    "Dashkasan": (40.52, 46.08),
    "Kalbajar": (40.11, 46.04),
    "Lachin": (39.64, 46.55),
    "Gadabay": (40.57, 45.81),
}


@pytest.mark.slow
def test_seed_districts_resolve_to_azerbaijan(gazetteer: Gazetteer) -> None:
    if not SEED.exists():
        pytest.skip(f"shared seed report not found at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    mentions = []
    for name in EXPECTED:
        match = re.search(rf"\b{name}\b", text)
        assert match, f"{name} not in the seed report"
        mentions.append(PlaceMention(Span(match.start(), match.end(), name), "district"))
    locations = resolve_places(mentions, GeoContext(("AZE", "ARM")), gazetteer)
    for mention, loc in zip(mentions, locations, strict=True):
        assert loc is not None, mention.span.text
        lat, lon = EXPECTED[mention.span.text]
        assert loc.country == "AZE" and loc.feature == "district"
        assert loc.lat == pytest.approx(lat, abs=0.02) and loc.lon == pytest.approx(lon, abs=0.02)
        assert text[loc.span.start : loc.span.end] == loc.text  # type: ignore[union-attr]
