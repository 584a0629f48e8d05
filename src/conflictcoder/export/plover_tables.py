"""The PLOVER spec's small tables as our data files hold them: quad codes, scores, sectors.

Kept as data (data/plover_categories.tsv, data/plover_sectors.tsv) beside the other
mappings, so a reader can check them against the PLOVER manual line by line; each file is
checked when first read, and a value outside the manual's vocabularies is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

SPEC_VERSION = "0.7b1"
"""The PLOVER manual draft the export follows (openeventdata/PLOVER, PLOVER_MANUAL.tex)."""

CODEBOOK = f"plover-base-{SPEC_VERSION}"
"""The codebook name written in ``cite_info.codebook`` (the manual's example: plover-base-1.3.1)."""

# The manual's "Sector Primary Codes" and "Non-state actor codes".
SECTOR_CODES = frozenset(
    [
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "COP",
        "OPP",
        "PTY",
        "REB",
        "PRM",
        "SPY",
        "UAF",
        "CVL",
        "ELI",
        "BUS",
        "EDU",
        "MED",
        "LAB",
        "AGR",
        "JRN",
        "REF",
        "REL",
        "SOC",
        "CRM",
    ]
)
NON_STATE_CODES = frozenset({"IGO", "NGO", "ISM", "IMG", "MNC"})
# The contract's sectors (../shared/CONTRACT.md).
OUR_SECTORS = frozenset(
    {"military", "government", "police", "rebel", "militia", "civilian", "international", "other"}
)


@dataclass(frozen=True)
class Category:
    """A PLOVER type's quad category (1-4) and conflict/cooperation score."""

    quad_code: int
    event_scale: float


@dataclass(frozen=True)
class Sector:
    """How an actor of one of our sectors is coded: PLOVER sector, code when stateless."""

    plover_sector: str | None
    stateless_code: str | None


@cache
def categories() -> dict[str, Category]:
    """PLOVER type -> its quad code and score, from data/plover_categories.tsv."""
    path = DATA_DIR / "plover_categories.tsv"
    table: dict[str, Category] = {}
    for number, row in read_tsv(path, ("plover_type", "quad_code", "event_scale"), required=True):
        if row["quad_code"] not in {"1", "2", "3", "4"}:
            raise DataError(f"{path}:{number}: quad_code must be 1-4; found {row['quad_code']!r}")
        try:
            scale = float(row["event_scale"])
        except ValueError:
            scale = float("nan")
        if not -10.0 <= scale <= 10.0:
            raise DataError(f"{path}:{number}: event_scale must be a number from -10 to 10")
        table[row["plover_type"]] = Category(int(row["quad_code"]), scale)
    return table


@cache
def sectors() -> dict[str, Sector]:
    """Our sector -> its PLOVER coding, from data/plover_sectors.tsv; every sector listed."""
    path = DATA_DIR / "plover_sectors.tsv"
    table: dict[str, Sector] = {}
    columns = ("sector", "plover_sector", "stateless_code")
    for number, row in read_tsv(path, columns, required=("sector",), optional=columns[1:]):
        if row["sector"] not in OUR_SECTORS:
            raise DataError(f"{path}:{number}: {row['sector']!r} is not one of our sectors")
        if row["plover_sector"] and row["plover_sector"] not in SECTOR_CODES:
            raise DataError(f"{path}:{number}: {row['plover_sector']!r} is no PLOVER sector code")
        if row["stateless_code"] and row["stateless_code"] not in NON_STATE_CODES:
            raise DataError(f"{path}:{number}: {row['stateless_code']!r} is no non-state code")
        table[row["sector"]] = Sector(row["plover_sector"] or None, row["stateless_code"] or None)
    missing = sorted(OUR_SECTORS - set(table))
    if missing:
        raise DataError(f"{path}: no row for sector {', '.join(missing)}")
    return table
