"""The seed report's time expressions (reads ../shared; skipped when it is absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conflictcoder.events.casualties import find_casualties
from conflictcoder.time import find_dates

SEED = Path(__file__).resolve().parents[2] / "../shared/examples/seed-report.txt"


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip(f"{SEED} not found: the shared examples folder is not beside the repo")
    return SEED.read_text(encoding="utf-8")


def test_seed_dates(seed: str) -> None:
    found = {r.text: r for r in find_dates(seed, dt.date(2022, 9, 13))}
    assert set(found) == {
        "13 September 2022",
        "September 12, 2022, beginning late that evening",
        "throughout the past month",
    }
    night = found["September 12, 2022, beginning late that evening"]
    assert (night.start, night.end, night.precision) == (
        dt.date(2022, 9, 12),
        dt.date(2022, 9, 13),
        "day",
    )
    month = found["throughout the past month"]
    # A look-back range ends at the anchor (the report's own day may be part of it).
    assert (month.start, month.end, month.precision) == (
        dt.date(2022, 8, 13),
        dt.date(2022, 9, 13),
        "month",
    )
    for r in found.values():
        assert r.span is not None and seed[r.span.start : r.span.end] == r.text


def test_seed_casualties_are_unspecified(seed: str) -> None:
    start = seed.index("As a result, there are casualties")
    end = seed.index(".", start) + 1
    f = find_casualties(seed, start, end)
    assert f.fatalities is not None and f.injuries is not None
    assert (f.fatalities.min, f.fatalities.max, f.fatalities.unspecified) == (None, None, True)
    assert f.injuries.unspecified is True
    assert f.fatalities.span is not None
    assert seed[f.fatalities.span.start : f.fatalities.span.end] == "there are casualties"
