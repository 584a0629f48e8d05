"""The event-typing lexicons: categories (PLOVER/ACLED/CAMEO), triggers, weapons, force nouns and
named actors, loaded once from ``data/*.tsv`` and validated row by row.

A user's directory (``Config.user_data_dir``) may hold files with the same names: their rows are
added to the packaged ones, and a user row with the same key (category, pattern) replaces the
packaged row. Every bad row raises :class:`DataError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from conflictcoder.config import DATA_DIR
from conflictcoder.countries import countries
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.records import EventType

# The contract's closed vocabularies (../shared/contract.schema.json and the PLOVER manual).
PLOVER_MODES: dict[str, frozenset[str]] = {
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "host", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset({"economic", "military", "humanitarian", "asylum"}),
    "RETREAT": frozenset(
        {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"}
    ),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset(
        {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"}
    ),
    "PROTEST": frozenset(
        {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"}
    ),
    "SANCTION": frozenset({"convict", "cancel", "expel", "withdraw", "sever"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police"}),
    "COERCE": frozenset(
        {
            "confiscate",
            "restrict",
            "ban",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
        }
    ),
    "ASSAULT": frozenset(
        {
            "abduct",
            "beat",
            "torture",
            "execute",
            "sexual",
            "assassinate",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "heavy-weapons",
        }
    ),
}
PLOVER_TYPES = frozenset(PLOVER_MODES)
ACLED_SUB_EVENT_TYPES: dict[str, frozenset[str]] = {
    "Battles": frozenset(
        {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
    ),
    "Explosions/Remote violence": frozenset(
        {
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        }
    ),
    "Violence against civilians": frozenset(
        {"Sexual violence", "Attack", "Abduction/forced disappearance"}
    ),
    "Protests": frozenset(
        {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
    ),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset(
        {
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        }
    ),
}
SECTORS = frozenset(
    {"military", "government", "police", "rebel", "militia", "civilian", "international", "other"}
)
TRIGGER_POS = frozenset({"NOUN", "VERB", "ANY"})
_CAMEO = re.compile(r"\d{2,4}")
_LEMMA_TOKEN = re.compile(r"[^\sA-Z]+")


@dataclass(frozen=True)
class Trigger:
    """A lemma sequence that announces an event of ``category``.

    ``pos`` is the head's part of speech: NOUN (last token), VERB (first token) or ANY.
    """

    pattern: tuple[str, ...]
    pos: str
    category: str
    weight: float
    note: str | None = None
    surface: str | None = None


@dataclass(frozen=True)
class WeaponTerm:
    """A lemma sequence naming a weapon; ``category`` is the event kind it implies, if any."""

    pattern: tuple[str, ...]
    weapon: str
    category: str | None = None
    surface: str | None = None


@dataclass(frozen=True)
class ForceNoun:
    """A lemma sequence for a force or body; ``name_template`` holds ``{country}``."""

    pattern: tuple[str, ...]
    name_template: str
    sector: str
    surface: str | None = None

    def name_for(self, country_name: str) -> str:
        """The actor's name for a country ("Armed Forces of {country}" → "… of Armenia")."""
        return self.name_template.replace("{country}", country_name)


@dataclass(frozen=True)
class NamedActor:
    """A named group or body; ``pattern`` is case-sensitive surface text (a whole-word match)."""

    pattern: str
    name: str
    country: str | None
    sector: str


Row = dict[str, str]
T = TypeVar("T")


def _load(
    name: str,
    columns: tuple[str, ...],
    parse: Callable[[Row, str], T],
    key: Callable[[T], object],
    user_dir: Path | None,
) -> list[T]:
    """Packaged rows, then the user's: a user row with the same key replaces a packaged one."""
    merged: dict[object, T] = {}
    paths = [DATA_DIR / name]
    if user_dir is not None and (user_dir / name).is_file():
        paths.append(user_dir / name)
    for path in paths:
        seen: dict[object, int] = {}
        for lineno, row in read_tsv(path, columns, optional=True, more_columns=True):
            where = f"{path}:{lineno}"
            item = parse(row, where)
            k = key(item)
            if k in seen:
                raise DataError(f"{where}: duplicate of line {seen[k]} ({k!r})")
            seen[k] = lineno
            merged[k] = item
    return list(merged.values())


def _opt(value: str) -> str | None:
    return value or None


def _pattern(value: str, where: str) -> tuple[str, ...]:
    tokens = tuple(value.split())
    if not tokens or not all(_LEMMA_TOKEN.fullmatch(t) for t in tokens):
        raise DataError(f"{where}: pattern {value!r} must be lowercase lemmas separated by spaces")
    return tokens


def _sector(value: str, where: str) -> str:
    if value not in SECTORS:
        raise DataError(f"{where}: sector {value!r} is not one of {', '.join(sorted(SECTORS))}")
    return value


def _parse_category(row: Row, where: str) -> EventType:
    category, plover, mode = row["category"], row["plover_type"], _opt(row["plover_mode"])
    if not re.fullmatch(r"[a-z][a-z0-9_]*", category):
        raise DataError(f"{where}: category {category!r} must be a lowercase slug")
    if plover not in PLOVER_TYPES:
        raise DataError(f"{where}: {plover!r} is not one of the 16 PLOVER types")
    if mode is not None and mode not in PLOVER_MODES[plover]:
        raise DataError(f"{where}: {mode!r} is not a PLOVER mode of {plover}")
    acled, sub = _opt(row["acled_event_type"]), _opt(row["acled_sub_event_type"])
    if (acled is None) != (sub is None):
        raise DataError(f"{where}: give both ACLED event type and sub-event type, or neither")
    if acled is not None and sub is not None:
        if acled not in ACLED_SUB_EVENT_TYPES:
            raise DataError(f"{where}: {acled!r} is not an ACLED event type")
        if sub not in ACLED_SUB_EVENT_TYPES[acled]:
            raise DataError(f"{where}: {sub!r} is not an ACLED sub-event type of {acled!r}")
    cameo = _opt(row["cameo"])
    if cameo is not None and not _CAMEO.fullmatch(cameo):
        raise DataError(f"{where}: CAMEO code {cameo!r} must be 2 to 4 digits")
    return EventType(category, plover, mode, acled, sub, cameo)


@cache
def event_categories(user_dir: Path | None = None) -> dict[str, EventType]:
    """Every event category by name, with its PLOVER type/mode, ACLED type/sub-type and CAMEO."""
    columns = (
        "category",
        "plover_type",
        "plover_mode",
        "acled_event_type",
        "acled_sub_event_type",
        "cameo",
    )
    rows = _load("event_categories.tsv", columns, _parse_category, lambda e: e.category, user_dir)
    return {e.category: e for e in rows}


def _category_ref(value: str, where: str, user_dir: Path | None) -> str:
    if value not in event_categories(user_dir):
        raise DataError(f"{where}: unknown category {value!r} (see event_categories.tsv)")
    return value


@cache
def event_triggers(user_dir: Path | None = None) -> list[Trigger]:
    """Every trigger, in file order (packaged first, then the user's)."""

    def parse(row: Row, where: str) -> Trigger:
        if row["pos"] not in TRIGGER_POS:
            raise DataError(f"{where}: pos {row['pos']!r} must be NOUN, VERB or ANY")
        try:
            weight = float(row["weight"])
        except ValueError:
            raise DataError(f"{where}: weight {row['weight']!r} is not a number") from None
        if not 0.0 <= weight <= 1.0:
            raise DataError(f"{where}: weight {weight} is outside 0..1")
        return Trigger(
            pattern=_pattern(row["pattern"], where),
            pos=row["pos"],
            category=_category_ref(row["category"], where, user_dir),
            weight=weight,
            note=_opt(row["note"]),
            surface=_opt(row.get("surface", "")),
        )

    columns = ("pattern", "pos", "category", "weight", "note")
    return _load(
        "event_triggers.tsv", columns, parse, lambda t: (t.pattern, t.pos, t.category), user_dir
    )


@cache
def weapons(user_dir: Path | None = None) -> list[WeaponTerm]:
    """Every weapon term, in file order."""

    def parse(row: Row, where: str) -> WeaponTerm:
        if not row["weapon"]:
            raise DataError(f"{where}: empty weapon name")
        category = _opt(row["category"])
        return WeaponTerm(
            pattern=_pattern(row["pattern"], where),
            weapon=row["weapon"],
            category=_category_ref(category, where, user_dir) if category else None,
            surface=_opt(row.get("surface", "")),
        )

    columns = ("pattern", "weapon", "category")
    return _load("weapons.tsv", columns, parse, lambda w: w.pattern, user_dir)


@cache
def force_nouns(user_dir: Path | None = None) -> list[ForceNoun]:
    """Every force noun, in file order."""

    def parse(row: Row, where: str) -> ForceNoun:
        template = row["name_template"]
        if "{country}" not in template:
            raise DataError(f"{where}: name_template {template!r} must contain {{country}}")
        return ForceNoun(
            pattern=_pattern(row["pattern"], where),
            name_template=template,
            sector=_sector(row["sector"], where),
            surface=_opt(row.get("surface", "")),
        )

    columns = ("pattern", "name_template", "sector")
    return _load("force_nouns.tsv", columns, parse, lambda f: f.pattern, user_dir)


@cache
def named_actors(user_dir: Path | None = None) -> list[NamedActor]:
    """Every named actor, in file order."""
    known = countries()

    def parse(row: Row, where: str) -> NamedActor:
        if not row["pattern"] or not row["name"]:
            raise DataError(f"{where}: pattern and name must not be empty")
        country = _opt(row["country"])
        if country is not None and country not in known:
            raise DataError(f"{where}: country {country!r} is not an ISO3 code in countries.tsv")
        return NamedActor(row["pattern"], row["name"], country, _sector(row["sector"], where))

    columns = ("pattern", "name", "country", "sector")
    return _load("actors.tsv", columns, parse, lambda a: a.pattern, user_dir)
