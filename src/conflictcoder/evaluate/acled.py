"""ACLED notes (``acled-armenia`` and ``acled-global``): one gold event per note.

Gold: ``pairs_dev.jsonl`` / ``pairs_test.jsonl`` (acled-armenia, split by year: dev 2018-19,
test 2020) and ``pairs.jsonl`` (acled-global, 27 Apr - 9 May 2020). The global slice ships
no split, so it is halved by a stable hash of the event id (``hash_half``: the first byte
of the id's SHA-256 even → dev, odd → test).

How our record maps onto the gold event:
- The predicted event is the *main event*: the most confident violent ACLED event (Battles,
  Explosions/Remote violence, Violence against civilians), else the most confident event with
  an ACLED code, else none (label ``none``). ACLED writes one event per note, and a note that
  mentions a protest and a shooting is coded as the shooting more often than not.
- event_type / sub_event_type: the main event's ACLED names, compared as strings.
- actor1 / actor2 country and sector: the gold country and sector are read out of the ACLED
  actor name by the patterns in ``data/eval_acled_actors.tsv`` ("Military Forces of Armenia
  (2018-)" → ARM, military); notes whose actor name no pattern reads are left out (n says so).
  Predicted: the main event's first actor with role actor1; for actor2 the first actor with
  role actor2, target or victim. No main event, no actor, or a null value is a miss.
- location: the main event's first location with coordinates; within 25 km of the gold
  point; admin1 equal after dropping admin-type words ("Tavush Province" = "Tavush") and
  folding spelling (``geo.normalize.name_key``); country equal to the gold country.
- date: exact = the main event's range is exactly the gold day; within range = the gold day
  lies inside the predicted range. Many notes give the day without the year ("On 06 December,
  ..."), so each note is passed with 31 December of its event year as its publication date:
  the year is a column of every ACLED row (``year``), not a hint at the day.
- fatalities (acled-global only; the Armenia export has none): a missing count reads as 0,
  "unspecified" as [1, ∞). exact = a single number equal to gold; range = gold lies in the
  predicted range; unspecified-aware: gold 0 and we report no deaths, or gold > 0 and we
  report some (a number > 0 or unspecified).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from conflictcoder.config import DATA_DIR, Config
from conflictcoder.countries import country_of
from conflictcoder.datafiles import compile_regex, read_tsv
from conflictcoder.evaluate.common import (
    Text,
    Tick,
    extract_all,
    gold_file,
    iso_date,
    main_event,
    read_jsonl,
    subsample,
)
from conflictcoder.evaluate.metrics import (
    Classification,
    Share,
    Tally,
    count_range,
    date_exact,
    date_overlaps,
)
from conflictcoder.evaluate.report import Scores
from conflictcoder.geo.distance import km
from conflictcoder.geo.normalize import name_key
from conflictcoder.records import Actor, Event, Location, Record

ACTORS_FILE = DATA_DIR / "eval_acled_actors.tsv"
ADMIN_TYPES_FILE = DATA_DIR / "admin_types.tsv"
FILES = {
    "acled-armenia": {"dev": "pairs_dev.jsonl", "test": "pairs_test.jsonl"},
    "acled-global": {"dev": "pairs.jsonl", "test": "pairs.jsonl"},
}
HASHED = frozenset({"acled-global"})  # one gold file, halved by hash_half


@dataclass(frozen=True)
class Note:
    id: str
    text: str
    gold: dict[str, Any]


@cache
def _actor_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (compile_regex(ACTORS_FILE, number, row["pattern"]), row["sector"])
        for number, row in read_tsv(ACTORS_FILE, ("pattern", "sector"), required=("pattern",))
    )


def gold_actor(name: str) -> tuple[str | None, str | None]:
    """(ISO3, sector) an ACLED actor name tells, each None when it does not."""
    for pattern, sector in _actor_patterns():
        match = pattern.match(name.strip())
        if match:
            country = match.groupdict().get("country")
            return (country_of(country) if country else None), (sector or None)
    return None, None


@cache
def _admin_words() -> frozenset[str]:
    rows = read_tsv(ADMIN_TYPES_FILE, ("type", "feature", "suffix"))
    return frozenset(name_key(row["type"]) for _, row in rows)


def admin_key(name: str) -> str:
    """Spelling-folded admin unit name without its type word ("Tavush Province" → tavush)."""
    words = name_key(name).split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in _admin_words():
            words = words[:-size]
            break
    return " ".join(words)


def hash_half(event_id: str) -> str:
    """``dev`` or ``test``: the half a note belongs to, from a stable hash of its id."""
    return "dev" if hashlib.sha256(event_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def load(dataset: str, path: Path, split: str) -> list[Note]:
    """The notes of one split (``path``: the dataset folder or the pairs file itself)."""
    rows = read_jsonl(gold_file(path, FILES[dataset][split]))
    notes = [
        Note(str(r.get("id", i)), str(r.get("text", "")), dict(r.get("gold") or {}))
        for i, r in enumerate(rows)
    ]
    if dataset in HASHED:
        notes = [n for n in notes if hash_half(n.id) == split]
    return notes


def _actor(event: Event | None, roles: tuple[str, ...]) -> Actor | None:
    if event is None:
        return None
    return next((a for a in event.actors if a.role in roles), None)


def _located(event: Event | None) -> Location | None:
    if event is None:
        return None
    return next(
        (loc for loc in event.locations if loc.lat is not None and loc.lon is not None), None
    )


def _score_actor(tally: Tally, label: str, gold_name: object, actor: Actor | None) -> None:
    country, sector = gold_actor(gold_name) if isinstance(gold_name, str) else (None, None)
    tally.add(
        f"{label} country",
        "accuracy",
        None if country is None else actor is not None and actor.country == country,
    )
    tally.add(
        f"{label} sector",
        "accuracy",
        None if sector is None else actor is not None and actor.sector == sector,
    )


def _score_place(tally: Tally, gold: dict[str, Any], loc: Location | None) -> None:
    lat, lon = gold.get("latitude"), gold.get("longitude")
    near: bool | None = None
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        near = (
            loc is not None
            and loc.lat is not None
            and loc.lon is not None
            and km(loc.lat, loc.lon, float(lat), float(lon)) <= 25.0
        )
    tally.add("location", "within 25 km", near)
    admin1 = gold.get("admin1")
    tally.add(
        "location",
        "admin1",
        None
        if not admin1
        else loc is not None
        and loc.admin1 is not None
        and admin_key(loc.admin1) == admin_key(str(admin1)),
    )
    country = country_of(str(gold.get("country") or ""))
    tally.add(
        "location",
        "country",
        None if country is None else loc is not None and loc.country == country,
    )


def _score_date(tally: Tally, gold: dict[str, Any], event: Event | None) -> None:
    day = iso_date(gold.get("event_date"))
    start = event.date.start if event is not None and event.date is not None else None
    end = event.date.end if event is not None and event.date is not None else None
    tally.add("date", "exact day", None if day is None else date_exact(start, end, day))
    tally.add(
        "date",
        "within range",
        None if day is None else start is not None and start <= day <= (end or start),
    )


def _score_fatalities(tally: Tally, gold: dict[str, Any], event: Event | None) -> None:
    value = gold.get("fatalities")
    if not isinstance(value, int):
        return
    count = event.fatalities if event is not None else None
    present = count is not None
    low, high = count_range(
        count.min if count else None,
        count.max if count else None,
        count.unspecified if count else None,
        present,
    )
    tally.add("fatalities", "exact", low == high == value)
    tally.add("fatalities", "within range", low <= value <= high)
    tally.add("fatalities", "some vs none", (value > 0) == (high > 0))


def _matches(event: Event, gold: dict[str, Any]) -> bool:
    """One predicted event tells the gold event: same sub-type, and where both sides say,
    a place within 25 km and a date range holding the gold day."""
    if event.type.acled_sub_event_type != gold.get("sub_event_type"):
        return False
    loc = _located(event)
    lat, lon = gold.get("latitude"), gold.get("longitude")
    if loc is not None and isinstance(lat, float) and isinstance(lon, float):
        assert loc.lat is not None and loc.lon is not None
        if km(loc.lat, loc.lon, lat, lon) > 25:
            return False
    day = iso_date(gold.get("event_date"))
    if event.date is not None and event.date.start is not None and day is not None:
        return date_overlaps(event.date.start, event.date.end, day, day)
    return True


def record_level(notes: list[Note], records: list[Record | None]) -> tuple[Share, ...]:
    """Record-level precision, recall and F1: every ACLED-coded event of a note is a
    prediction, each note's gold event is matched by at most one of them (one-to-one), so
    F1 = 2·matched / (predicted + gold)."""
    predicted = matched = 0
    for note, record in zip(notes, records, strict=True):
        events = [e for e in (record.events if record else ()) if e.type.acled_sub_event_type]
        predicted += len(events)
        matched += any(_matches(e, note.gold) for e in events)
    return (
        Share("record", "precision", matched, predicted),
        Share("record", "recall", matched, len(notes)),
        Share("record", "F1", 2 * matched, predicted + len(notes)),
    )


def _year_end(gold: dict[str, Any]) -> dt.date | None:
    day = iso_date(gold.get("event_date"))
    return None if day is None else dt.date(day.year, 12, 31)


def score(notes: list[Note], events: list[Event | None]) -> Scores:
    """Shares and classifications of the main events against the gold notes."""
    tally = Tally()
    for note, event in zip(notes, events, strict=True):
        _score_actor(tally, "actor1", note.gold.get("actor1"), _actor(event, ("actor1",)))
        _score_actor(
            tally, "actor2", note.gold.get("actor2"), _actor(event, ("actor2", "target", "victim"))
        )
        _score_place(tally, note.gold, _located(event))
        _score_date(tally, note.gold, event)
        _score_fatalities(tally, note.gold, event)
    ids = tuple(n.id for n in notes)
    texts = tuple(n.text for n in notes)
    kinds = Classification(
        "event_type",
        tuple(str(n.gold.get("event_type") or "none") for n in notes),
        tuple((e.type.acled_event_type if e else None) or "none" for e in events),
        ids,
        texts,
        headline="accuracy",
    )
    subs = Classification(
        "sub_event_type",
        tuple(str(n.gold.get("sub_event_type") or "none") for n in notes),
        tuple((e.type.acled_sub_event_type if e else None) or "none" for e in events),
        ids,
        texts,
        headline="accuracy",
    )
    return Scores(tally.shares(), (kinds, subs))


def run(
    dataset: str,
    path: Path,
    split: str,
    config: Config,
    limit: int | None,
    every: int | None,
    tick: Tick,
) -> tuple[int, Scores, tuple[str, ...]]:
    """Extract every note of the split and score it; (items evaluated, scores)."""
    notes = subsample(load(dataset, path, split), limit, every)
    texts = (Text(n.id, n.text, _year_end(n.gold)) for n in notes)
    records = extract_all(texts, len(notes), config, tick)
    scores = score(notes, [main_event(r) for r in records])
    scores = replace(scores, shares=(*scores.shares, *record_level(notes, records)))
    return len(notes), scores, ()
