"""What every dataset module shares: finding and reading gold files, running the extractor."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictcoder import jsonl
from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.records import Event, RawInput, Record, Rejection

Tick = Callable[[int, int], None]  # (done, total) → show progress

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@dataclass(frozen=True)
class Text:
    """One gold item's text as the extractor sees it."""

    id: str
    text: str
    published: dt.date | None = None


def gold_file(path: Path, name: str) -> Path:
    """``path`` itself when it is a file, else ``path/name``; InputError if that is missing."""
    target = path if path.is_file() else path / name
    if not target.is_file():
        raise InputError(
            f"{target}: gold file not found; give the dataset folder (with {name}) or the file",
            stage="evaluate",
        )
    return target


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One dict per non-blank line; InputError naming the line of a bad one."""
    rows: list[dict[str, Any]] = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})", stage="evaluate") from exc
    for number, line in jsonl.split_lines(text):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON ({exc.msg})", stage="evaluate") from exc
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: expected a JSON object", stage="evaluate")
        rows.append(row)
    return rows


def iso_date(value: object) -> dt.date | None:
    """A date from "YYYY-MM-DD" (anything after the day, such as a time, ignored), else None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def subsample(items: Sequence[Any], limit: int | None, every: int | None) -> list[Any]:
    """Every ``every``-th item (the 1st, (k+1)-th …), then the first ``limit`` of those."""
    chosen = list(items)[:: every or 1]
    return chosen if limit is None else chosen[:limit]


def extract_all(
    texts: Iterable[Text], total: int, config: Config, tick: Tick
) -> list[Record | None]:
    """The record of each text, in order; None where the extractor rejected it."""
    from conflictcoder.extract import extract_raw

    records: list[Record | None] = []
    for done, item in enumerate(texts, start=1):
        raw = RawInput(path=None, text=item.text, id=item.id, published=item.published)
        result = extract_raw(raw, config)
        records.append(None if isinstance(result, Rejection) else result)
        tick(done, total)
    return records


def most_confident(events: Iterable[Event]) -> Event | None:
    """The event with the highest confidence; the earliest one on a tie."""
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def main_event(record: Record | None) -> Event | None:
    """The most confident violent ACLED event, else the most confident ACLED event, else None."""
    if record is None:
        return None
    violent = [e for e in record.events if e.type.acled_event_type in VIOLENT]
    coded = [e for e in record.events if e.type.acled_sub_event_type]
    return most_confident(violent) or most_confident(coded)
