"""PLOVER gold-standard sentences (``plover``): PLOVER event type and mode.

Gold: ``sentences.jsonl`` (322 CAMEO-manual sentences coded in PLOVER 0.5b1, CC BY-SA 4.0).
The whole set is our development set; there is no held-out half.

How our record maps onto the gold:
- Gold categories are mapped to the current 16 PLOVER types through
  ``data/eval_plover_categories.tsv`` (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE →
  ACCUSE, FIGHT → ASSAULT); the rest keep their name.
- The predicted type is the PLOVER type of the record's first event (events are in text
  order), or ``none`` when there is no event. Macro F1 over the gold types is the headline.
- mode: only sentences with a non-empty gold mode; our first event's mode must equal it.
- source country: only sentences whose first gold source code is an ISO3 country we know;
  our first event's first actor1 must have that country.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from conflictcoder.config import DATA_DIR, Config
from conflictcoder.countries import country_name
from conflictcoder.datafiles import read_tsv
from conflictcoder.evaluate.common import Text, Tick, extract_all, gold_file, read_jsonl, subsample
from conflictcoder.evaluate.metrics import Classification, Tally
from conflictcoder.evaluate.report import Scores
from conflictcoder.records import Event, Record

CATEGORIES_FILE = DATA_DIR / "eval_plover_categories.tsv"
GOLD_NAME = "sentences.jsonl"
NONE = "none"


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    gold: dict[str, Any]


@cache
def _categories() -> dict[str, str]:
    return {
        row["gold"]: row["plover_type"]
        for _, row in read_tsv(CATEGORIES_FILE, ("gold", "plover_type"), required=True)
    }


def gold_type(category: str) -> str:
    """The current PLOVER type of a 0.5b1 gold category."""
    return _categories().get(category, category)


def load(path: Path, split: str) -> list[Sentence]:
    """Every coded sentence (ids are not unique in the source, so the row number is added)."""
    rows = read_jsonl(gold_file(path, GOLD_NAME))
    return [
        Sentence(
            f"{r.get('id', '')}#{r.get('row', i)}",
            str(r.get("text", "")),
            dict(r.get("gold") or {}),
        )
        for i, r in enumerate(rows)
    ]


def _source_country(gold: dict[str, Any]) -> str | None:
    sources = gold.get("source")
    if not isinstance(sources, list) or not sources or not isinstance(sources[0], dict):
        return None
    code = str(sources[0].get("code") or "").upper()
    return code if len(code) == 3 and country_name(code) else None


def first_event(record: Record | None) -> Event | None:
    return record.events[0] if record is not None and record.events else None


def score(sentences: list[Sentence], events: list[Event | None]) -> Scores:
    tally = Tally()
    for sentence, event in zip(sentences, events, strict=True):
        mode = sentence.gold.get("mode")
        tally.add(
            "mode",
            "accuracy",
            None if not mode else event is not None and event.type.plover_mode == mode,
        )
        country = _source_country(sentence.gold)
        actor = next((a for a in event.actors if a.role == "actor1"), None) if event else None
        tally.add(
            "source country",
            "accuracy",
            None if country is None else actor is not None and actor.country == country,
        )
    types = Classification(
        "plover_type",
        tuple(gold_type(str(s.gold.get("event", NONE))) for s in sentences),
        tuple(e.type.plover_type if e else NONE for e in events),
        tuple(s.id for s in sentences),
        tuple(s.text for s in sentences),
        headline="macro_f1",
    )
    return Scores(tally.shares(), (types,))


def run(
    dataset: str,
    path: Path,
    split: str,
    config: Config,
    limit: int | None,
    every: int | None,
    tick: Tick,
) -> tuple[int, Scores, tuple[str, ...]]:
    sentences = subsample(load(path, split), limit, every)
    records = extract_all((Text(s.id, s.text) for s in sentences), len(sentences), config, tick)
    return len(sentences), score(sentences, [first_event(r) for r in records]), ()
