"""A generated corpus of short report-style texts (our own templates, no third-party text).

Deterministic for a seed: varied capitals, places, dates, actors and counts, so that the
extractor finds events in almost every document. Used by the batch tests and
``benchmarks/batch_scaling.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq


@dataclass(frozen=True)
class Side:
    country: str  # "Azerbaijan"
    adjective: str  # "Azerbaijani"
    capital: str
    places: tuple[str, ...]  # places on this side's territory


_PAIRS: tuple[tuple[Side, Side], ...] = (
    (
        Side("Azerbaijan", "Azerbaijani", "Baku", ("Lachin", "Kalbajar", "Dashkasan", "Gadabay")),
        Side("Armenia", "Armenian", "Yerevan", ("Jermuk", "Goris", "Kapan", "Vardenis")),
    ),
    (
        Side("Ukraine", "Ukrainian", "Kyiv", ("Kharkiv", "Kherson", "Mykolaiv", "Sumy")),
        Side("Russia", "Russian", "Moscow", ("Belgorod", "Kursk", "Bryansk", "Voronezh")),
    ),
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_WEAPONS = ("mortars", "artillery", "drones", "rockets", "grenade launchers", "sniper rifles")
_TARGETS = ("a school", "a hospital", "a market", "a bridge", "a power station", "a church")
_AGENCIES = ("AP", "Reuters", "AFP", "TASS", "APA", "Armenpress")

_TEMPLATES = (
    "{city}, {day} {month} {year}: The Ministry of Defence of {a} said {b_adj} armed forces "
    "shelled army positions near {a_place} on {month} {prev}, killing {n} soldiers.",
    "{city}, {day} {month} {year} ({agency}): {b_adj} forces struck {target} in {a_place} "
    "on {month} {prev}, wounding {n} civilians, regional officials said.",
    "{city}, {day} {month} {year}: The {a_adj} Defence Ministry said {b_adj} troops fired "
    "{weapon} at {a_place} overnight. {n_cap} servicemen were killed.",
    "{city}, {day} {month} {year}: {a_adj} aircraft bombed {b_adj} positions near {b_place} "
    "on {month} {prev}, the army said. {n_cap} fighters were killed.",
    "{city}, {day} {month} {year}: Police said gunmen attacked a checkpoint in {a_place} on "
    "{month} {prev}, killing {n} officers.",
    "{city}, {day} {month} {year}: {b_adj} drones hit {target} in {a_place} on {month} {prev}."
    " {n_cap} people were injured, the governor said.",
)


def report(rng: random.Random) -> str:
    """One short report: a dateline, then one or two sentences naming an event."""
    pair = rng.choice(_PAIRS)
    a, b = pair if rng.random() < 0.5 else (pair[1], pair[0])
    date = dt.date(2021, 1, 2) + dt.timedelta(days=rng.randrange(0, 900))
    prev = date - dt.timedelta(days=1)
    n = rng.choice(_NUMBERS)
    return rng.choice(_TEMPLATES).format(
        city=a.capital,
        day=date.day,
        month=_MONTHS[date.month - 1],
        year=date.year,
        prev=prev.day if prev.month == date.month else date.day,
        agency=rng.choice(_AGENCIES),
        a=a.country,
        a_adj=a.adjective,
        b_adj=b.adjective,
        a_place=rng.choice(a.places),
        b_place=rng.choice(b.places),
        target=rng.choice(_TARGETS),
        weapon=rng.choice(_WEAPONS),
        n=n,
        n_cap=n.capitalize(),
    )


def corpus(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` documents ``{"id", "text", "url", "published", "title"}``, distinct texts."""
    rng = random.Random(seed)
    seen: set[str] = set()
    docs: list[dict[str, Any]] = []
    while len(docs) < n:
        text = report(rng)
        if text in seen:
            continue
        seen.add(text)
        number = len(docs)
        docs.append(
            {
                "id": f"doc-{number:06d}",
                "text": text,
                "url": f"https://news.example.org/{number}",
                "published": None,
                "title": f"Report {number}",
            }
        )
    return docs


def write_jsonl(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    return path


def write_parquet(path: Path, docs: list[dict[str, Any]]) -> Path:
    columns = ("id", "text", "url", "published", "title")
    table = pa.table({c: [d.get(c) for d in docs] for c in columns})
    pq.write_table(table, path, row_group_size=64)
    return path


def write_folder(folder: Path, docs: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"{doc['id']}.txt").write_text(doc["text"], "utf-8")
    return folder


def write_mixed(root: Path, n: int, seed: int = 7) -> list[str]:
    """The corpus as three inputs: a JSONL file (70%), a Parquet file (20%), a folder."""
    docs = corpus(n, seed)
    a, b = int(n * 0.7), int(n * 0.9)
    root.mkdir(parents=True, exist_ok=True)
    return [
        str(write_jsonl(root / "reports.jsonl", docs[:a])),
        str(write_parquet(root / "reports.parquet", docs[a:b])),
        str(write_folder(root / "folder", docs[b:])),
    ]
