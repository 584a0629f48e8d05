"""ACLED's vocabularies as our data files hold them: regions, disorder types, note phrases.

Kept out of the code (data/acled_regions.tsv, data/acled_disorder_types.tsv,
data/acled_note_phrases.tsv) so an analyst can correct a region or reword a note without
Python; each file is checked row by row when first read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

# ACLED's region names (its API user guide); a row naming another region is a typo.
REGIONS = frozenset(
    {
        "Western Africa",
        "Middle Africa",
        "Eastern Africa",
        "Southern Africa",
        "Northern Africa",
        "South Asia",
        "Southeast Asia",
        "Middle East",
        "Europe",
        "Caucasus and Central Asia",
        "Central America",
        "South America",
        "Caribbean",
        "East Asia",
        "North America",
        "Oceania",
        "Antarctica",
    }
)
DISORDER_TYPES = frozenset(
    {
        "Political violence",
        "Demonstrations",
        "Political violence; Demonstrations",
        "Strategic developments",
    }
)


@cache
def regions() -> dict[str, str]:
    """ISO3 -> ACLED region name."""
    path = DATA_DIR / "acled_regions.tsv"
    table: dict[str, str] = {}
    for number, row in read_tsv(path, ("iso3", "region"), required=True):
        if row["region"] not in REGIONS:
            raise DataError(f"{path}:{number}: {row['region']!r} is not an ACLED region")
        if row["iso3"] in table:
            raise DataError(f"{path}:{number}: {row['iso3']} is listed twice")
        table[row["iso3"]] = row["region"]
    return table


@cache
def _disorder_table() -> dict[tuple[str, str], str]:
    path = DATA_DIR / "acled_disorder_types.tsv"
    columns = ("acled_event_type", "acled_sub_event_type", "disorder_type")
    table: dict[tuple[str, str], str] = {}
    for number, row in read_tsv(path, columns, required=("acled_event_type", "disorder_type")):
        if row["disorder_type"] not in DISORDER_TYPES:
            raise DataError(f"{path}:{number}: {row['disorder_type']!r} is no ACLED disorder type")
        table[(row["acled_event_type"], row["acled_sub_event_type"])] = row["disorder_type"]
    return table


def disorder_type(event_type: str, sub_event_type: str | None) -> str | None:
    """ACLED's disorder type of an event type (and sub-event type); None if not listed."""
    table = _disorder_table()
    return table.get((event_type, sub_event_type or ""), table.get((event_type, "")))


@dataclass(frozen=True)
class NotePhrase:
    """How a note words what actor1 did: to an armed actor2, to civilians, or alone."""

    with_other: str
    with_civilians: str
    alone: str


@cache
def _phrases() -> dict[str, NotePhrase]:
    path = DATA_DIR / "acled_note_phrases.tsv"
    columns = ("key", "with_other", "with_civilians", "alone")
    return {
        row["key"]: NotePhrase(
            row["with_other"], row["with_civilians"] or row["with_other"], row["alone"]
        )
        for _, row in read_tsv(path, columns, required=("key", "with_other", "alone"))
    }


def note_phrase(*keys: str | None) -> NotePhrase | None:
    """The phrase of the first key listed (category, sub-event type, event type)."""
    table = _phrases()
    return next((table[k] for k in keys if k and k in table), None)
