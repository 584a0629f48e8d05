"""How administrative units are coded: feature and English label, from data/admin_types.tsv."""

from __future__ import annotations

from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

_FEATURES = frozenset({"admin1", "district", "region"})


@cache
def _table() -> dict[str, tuple[str, bool]]:
    path = DATA_DIR / "admin_types.tsv"
    table: dict[str, tuple[str, bool]] = {}
    for line, row in read_tsv(path, ("type", "feature", "suffix")):
        if row["feature"] not in _FEATURES:
            raise DataError(
                f"{path}:{line}: feature {row['feature']!r} is not one of {sorted(_FEATURES)}"
            )
        if row["suffix"] not in ("yes", "no"):
            raise DataError(f"{path}:{line}: suffix must be yes or no, not {row['suffix']!r}")
        table[row["type"].casefold()] = (row["feature"], row["suffix"] == "yes")
    return table


def admin_feature(unit_type: str, admin_level: int) -> str:
    """The contract feature of a unit: from its type when listed, else by its level."""
    listed = _table().get(unit_type.casefold())
    if listed is not None:
        return listed[0]
    return "admin1" if admin_level <= 1 else "district"


def admin_label(english_name: str, unit_type: str) -> str:
    """The label used in ``admin1``/``admin2`` fields: "Lachin Rayon", "Aleppo"."""
    listed = _table().get(unit_type.casefold())
    if listed is not None and listed[1] and not english_name.endswith(unit_type):
        return f"{english_name} {unit_type}"
    return english_name
