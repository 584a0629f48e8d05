"""ACLED's government periods on state actors: "Military Forces of Armenia (2018-)".

ACLED names the forces, police and government of a state by the government in power on the
event's date, so that a user can tell one regime's forces from the next one's. Our records
name them without a period ("Military Forces of Armenia"); the ACLED CSV adds it where our
table (data/acled_state_periods.tsv) knows the country's periods, and leaves the name as it
is elsewhere. Units our records name on their own ("Border Guard of Armenia") take ACLED's
form too ("Military Forces of Armenia (2018-) Border Guard", data/acled_state_units.tsv).
Only the CSV changes: the record's actor names stay the contract's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.countries import countries, country_name
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

# The state actors ACLED writes with a period (its naming: "<kind> of <Country> (<period>)").
STATE_KINDS = ("Military Forces", "Police Forces", "Government")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None

    @property
    def label(self) -> str:
        """ACLED's label: first and last year, "2018-" while the period lasts."""
        return f"{self.start.year}-{self.end.year if self.end else ''}"

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def _day(path: object, number: int, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise DataError(f"{path}:{number}: {text!r} is not a YYYY-MM-DD date") from exc


@cache
def periods() -> dict[str, tuple[Period, ...]]:
    """ISO3 -> its government periods, oldest first; overlapping periods are an error."""
    path = DATA_DIR / "acled_state_periods.tsv"
    table: dict[str, list[Period]] = {}
    rows = read_tsv(path, ("iso3", "start", "end", "who"), required=("iso3", "start", "who"))
    for number, row in rows:
        if country_name(row["iso3"]) is None:
            raise DataError(f"{path}:{number}: {row['iso3']!r} is not in countries.tsv")
        start = _day(path, number, row["start"])
        end = _day(path, number, row["end"]) if row["end"] else None
        if end is not None and end <= start:
            raise DataError(f"{path}:{number}: the period ends before it starts")
        known = table.setdefault(row["iso3"], [])
        if known and (known[-1].end is None or known[-1].end > start):
            raise DataError(f"{path}:{number}: overlaps the previous period of {row['iso3']}")
        known.append(Period(start, end))
    return {iso3: tuple(found) for iso3, found in table.items()}


def period_of(iso3: str, day: dt.date) -> Period | None:
    """The country's government period on ``day``, None when our table does not know it."""
    return next((p for p in periods().get(iso3, ()) if p.holds(day)), None)


@cache
def _units() -> dict[str, tuple[str, str]]:
    """Our unit name -> (ACLED kind, suffix), from data/acled_state_units.tsv."""
    path = DATA_DIR / "acled_state_units.tsv"
    table: dict[str, tuple[str, str]] = {}
    for number, row in read_tsv(
        path, ("unit", "kind", "suffix"), required=("unit", "kind"), optional=("suffix",)
    ):
        if row["kind"] not in STATE_KINDS:
            raise DataError(f"{path}:{number}: kind must be one of {', '.join(STATE_KINDS)}")
        table[row["unit"]] = (row["kind"], row["suffix"])
    return table


@cache
def _iso3_of_name() -> dict[str, str]:
    return {country.name: iso3 for iso3, country in countries().items()}


def acled_state_name(name: str, day: dt.date) -> str:
    """A state actor's name as ACLED writes it on ``day``: "Border Guard of Armenia" ->
    "Military Forces of Armenia (2018-) Border Guard"; the period only where our table knows
    the country's. Any other name (a group, a name already in ACLED's form) is unchanged."""
    for unit, (kind, suffix) in _units().items():
        head = f"{unit} of "
        if not name.startswith(head):
            continue
        iso3 = _iso3_of_name().get(name[len(head) :])
        if iso3 is None:
            continue
        period = period_of(iso3, day)
        label = f" ({period.label})" if period else ""
        return f"{kind} of {country_name(iso3)}{label}{' ' + suffix if suffix else ''}"
    return name
