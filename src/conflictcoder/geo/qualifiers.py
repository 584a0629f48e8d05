"""Qualifier words next to a place name ("district", "village" …): data/place_qualifiers.tsv."""

from __future__ import annotations

from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

KINDS = frozenset({"district", "province", "populated", "region", "near", "border"})


@cache
def qualifier_kinds() -> dict[str, str]:
    """Lowercase qualifier word → its kind (one of KINDS)."""
    path = DATA_DIR / "place_qualifiers.tsv"
    table: dict[str, str] = {}
    for line, row in read_tsv(path, ("word", "kind")):
        if row["kind"] not in KINDS:
            raise DataError(f"{path}:{line}: kind {row['kind']!r} is not one of {sorted(KINDS)}")
        table[row["word"].casefold()] = row["kind"]
    return table


def qualifier_kind(word: str | None) -> str | None:
    """The kind of a qualifier word, or None when the word is not a known qualifier."""
    return qualifier_kinds().get(word.casefold().strip()) if word else None


def split_qualifier(text: str) -> tuple[str, str | None]:
    """Split a trailing or leading qualifier off a mention: "Baghlan Province" →
    ("Baghlan", "province"); "village of Zod" → ("Zod", "village"); else (text, None)."""
    words = text.split()
    if len(words) >= 2 and qualifier_kind(words[-1]):
        return " ".join(words[:-1]), words[-1].casefold()
    if len(words) >= 3 and words[1].casefold() == "of" and qualifier_kind(words[0]):
        return " ".join(words[2:]), words[0].casefold()
    return text, None
