"""CASE 2021 Task 2 snippets (``case2021``): fine-grained ACLED sub-event types.

Gold: ``test_set_final_release_with_labels.tsv`` (id, EventSnippet, SubType). The set is
split for this project by id: ids ≤ 511 are the development half, ids ≥ 512 are held out.

How our record maps onto the gold label:
- The predicted sub-type is the ACLED sub-type of the most confident event that has one
  (earliest on a tie), or ``none`` when no event carries an ACLED code.
- The 30 label codes become ACLED names through ``data/eval_case2021_labels.tsv``.
- ``sub_event_type`` (the headline, as subtask 1 of the task): only snippets whose gold is
  one of the 25 ACLED codes; ``none`` is a miss. ``event_type`` is the same items at the
  coarse ACLED level.
- ``sub_event_type+unseen``: every snippet. The five non-ACLED codes (ORG_CRIME,
  NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) are folded into ``none``, the only
  answer our ACLED coding can give for them (an event with only a PLOVER type, or no event),
  so this also measures how often we invent an ACLED event where there is none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conflictcoder.config import DATA_DIR, Config
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError, InputError
from conflictcoder.evaluate.common import (
    Text,
    Tick,
    extract_all,
    gold_file,
    most_confident,
    subsample,
)
from conflictcoder.evaluate.metrics import Classification
from conflictcoder.evaluate.report import Scores
from conflictcoder.records import Event, Record

LABELS_FILE = DATA_DIR / "eval_case2021_labels.tsv"
GOLD_NAME = "test_set_final_release_with_labels.tsv"
LAST_DEV_ID = 511
NONE = "none"


@dataclass(frozen=True)
class Snippet:
    id: int
    text: str
    code: str


@cache
def labels() -> dict[str, tuple[str | None, str | None]]:
    """Label code → (ACLED sub_event_type, event_type); both None for the non-ACLED codes."""
    table: dict[str, tuple[str | None, str | None]] = {}
    rows = read_tsv(
        LABELS_FILE, ("code", "sub_event_type", "event_type"), required=("code",), optional=True
    )
    for number, row in rows:
        if bool(row["sub_event_type"]) != bool(row["event_type"]):
            raise DataError(
                f"{LABELS_FILE}:{number}: give both sub_event_type and event_type, or neither"
            )
        table[row["code"]] = (row["sub_event_type"] or None, row["event_type"] or None)
    return table


def load(path: Path, split: str) -> list[Snippet]:
    """The snippets of one half: ``dev`` ids ≤ 511, ``test`` ids ≥ 512, in file order."""
    source = gold_file(path, GOLD_NAME)
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{source}: cannot read ({exc})", stage="evaluate") from exc
    snippets = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not cells[0].strip().isdigit():
            raise InputError(
                f"{source}:{number}: expected id<TAB>snippet<TAB>label", stage="evaluate"
            )
        code = cells[2].strip()
        if code not in labels():
            raise InputError(f"{source}:{number}: unknown label {code!r}", stage="evaluate")
        snippet = Snippet(int(cells[0]), cells[1].strip(), code)
        if (snippet.id <= LAST_DEV_ID) == (split == "dev"):
            snippets.append(snippet)
    return snippets


def predicted(record: Record | None) -> Event | None:
    """The most confident event with an ACLED sub-type, else None."""
    if record is None:
        return None
    return most_confident(e for e in record.events if e.type.acled_sub_event_type)


def score(snippets: list[Snippet], events: list[Event | None]) -> Scores:
    table = labels()
    seen = [i for i, s in enumerate(snippets) if table[s.code][0] is not None]
    sub = [(e.type.acled_sub_event_type or NONE) if e else NONE for e in events]
    kind = [(e.type.acled_event_type or NONE) if e else NONE for e in events]
    ids = tuple(str(s.id) for s in snippets)
    texts = tuple(s.text for s in snippets)

    def pick(values: list[str] | tuple[str, ...], rows: list[int]) -> tuple[str, ...]:
        return tuple(values[i] for i in rows)

    return Scores(
        classifications=(
            Classification(
                "sub_event_type",
                tuple(table[snippets[i].code][0] or NONE for i in seen),
                pick(sub, seen),
                pick(ids, seen),
                pick(texts, seen),
            ),
            Classification(
                "event_type",
                tuple(table[snippets[i].code][1] or NONE for i in seen),
                pick(kind, seen),
                pick(ids, seen),
                pick(texts, seen),
            ),
            Classification(
                "sub_event_type+unseen",
                tuple(table[s.code][0] or NONE for s in snippets),
                tuple(sub),
                ids,
                texts,
            ),
        )
    )


def run(
    dataset: str,
    path: Path,
    split: str,
    config: Config,
    limit: int | None,
    every: int | None,
    tick: Tick,
) -> tuple[int, Scores, tuple[str, ...]]:
    snippets = subsample(load(path, split), limit, every)
    records = extract_all((Text(str(s.id), s.text) for s in snippets), len(snippets), config, tick)
    return len(snippets), score(snippets, [predicted(r) for r in records]), ()
