"""Scoring against argument-annotated news (``wikievents``, ``rams``): triggers and roles.

Each gold set is read into passages (our text, built from the gold tokens, with every gold
offset moved onto it) holding gold events; this module scores our records on them.

Which gold events count: a gold event type maps to a family (violent, protest, arrest)
through ``data/eval_argument_types.tsv``; the other types are left out. Our event's family
comes from ``data/eval_event_families.tsv`` (category, else ACLED sub-type, else type).

Triggers (per family; recall also per gold type for the violent ones):
- recall: a gold event is found when one of our events of its family has its trigger, or
  another of its ``event`` evidence words, in the gold event's sentence (one of our events
  may find several gold events: the attack and the deaths it caused, told in the next
  sentence, are one event for us, with both sentences as its evidence);
- precision: among our events of the family whose trigger lies in a sentence holding some
  annotated gold event (of any type), the share with a gold event of the same family in that
  sentence. Unannotated sentences are left out (the annotation is sparse).
- event family: each counted gold event against the family of its matched event (``none``
  when no event of ours lies in its sentence): accuracy and a confusion matrix.

Matched event: among our events in the gold event's sentence (as for recall), one of the
gold family first, then the one whose trigger is nearest the gold trigger.

Roles: the gold role maps to our field (``data/eval_argument_roles.tsv``): attacker, killer,
injurer, jailer, demonstrator → actor1; target, victim, detainee → target (our roles actor2,
target and victim, and the side of a death or injury count); place → place (our locations).
A prediction matches a gold argument when its span overlaps the argument's span, or when
the argument's head word (its last word before the first word of
``data/eval_head_stopwords.txt``, compared case-folded and without a plural "s") is a word
of the prediction's text or name; for places also when the two names fold to the same key
(``geo.normalize.name_key``).
- recall: gold arguments of counted gold events matched by a prediction of the matched event
  (no matched event: missed);
- precision: each distinct prediction of a matched event, right when it matches a gold
  argument of that field in any gold event it was matched to.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from conflictcoder.config import DATA_DIR, Config
from conflictcoder.datafiles import read_tsv, read_words
from conflictcoder.evaluate.common import Text, Tick, extract_all, subsample
from conflictcoder.evaluate.metrics import Classification, Detection, Tally
from conflictcoder.evaluate.report import Scores
from conflictcoder.geo.normalize import name_key
from conflictcoder.records import Event, Record, Span

TYPES_FILE = DATA_DIR / "eval_argument_types.tsv"
ROLES_FILE = DATA_DIR / "eval_argument_roles.tsv"
FAMILIES_FILE = DATA_DIR / "eval_event_families.tsv"
HEAD_STOPS_FILE = DATA_DIR / "eval_head_stopwords.txt"
FIELDS = ("actor1", "target", "place")
NONE = "none"
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_ROLE_PREFIX = re.compile(r"^evt\d+arg\d+")


@dataclass(frozen=True)
class GoldArgument:
    field: str  # actor1 | target | place
    role: str  # the gold role, as annotated
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class GoldEvent:
    id: str
    type: str  # the gold type, as annotated
    family: str | None  # None: a type we do not code (it still marks its sentence annotated)
    trigger: Span
    sentence: tuple[int, int]  # [start, end) of its sentence in the passage text
    arguments: tuple[GoldArgument, ...] = ()


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    events: tuple[GoldEvent, ...]


@cache
def _type_prefixes() -> tuple[tuple[str, str], ...]:
    rows = read_tsv(TYPES_FILE, ("prefix", "family"), required=True)
    pairs = [(row["prefix"].lower(), row["family"]) for _, row in rows]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def gold_family(gold_type: str) -> str | None:
    """The family of a gold event type (longest listed prefix), None when we do not code it."""
    key = gold_type.lower()
    for prefix, family in _type_prefixes():
        if key == prefix or key.startswith(prefix + "."):
            return None if family == NONE else family
    return None


@cache
def _roles() -> dict[str, str]:
    rows = read_tsv(ROLES_FILE, ("role", "field"), required=True)
    return {row["role"].lower(): row["field"] for _, row in rows}


def role_field(role: str) -> str | None:
    """Our field for a gold role ("evt011arg01attacker" → actor1), None when not scored."""
    return _roles().get(_ROLE_PREFIX.sub("", role.lower()))


@cache
def _families() -> tuple[tuple[str, str], ...]:
    rows = read_tsv(FAMILIES_FILE, ("ours", "family"), required=True)
    return tuple((row["ours"], row["family"]) for _, row in rows)


def event_family(event: Event) -> str | None:
    """The family of one of our events: by category, then ACLED sub-type, then ACLED type."""
    for value in (
        event.type.category,
        event.type.acled_sub_event_type,
        event.type.acled_event_type,
    ):
        for ours, family in _families():
            if value and value == ours:
                return family
    return None


@cache
def _head_stops() -> frozenset[str]:
    return frozenset(word.casefold() for word in read_words(HEAD_STOPS_FILE))


def _fold(word: str) -> str:
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def head_word(text: str) -> str | None:
    """The head of an argument span: its last word before the first stop word, folded."""
    words: list[str] = []
    for match in _WORD.finditer(text.split(",")[0]):
        if match.group().casefold() in _head_stops() and words:
            break
        words.append(match.group())
    return _fold(words[-1]) if words else None


@dataclass(frozen=True)
class Fill:
    """One value of ours in a role slot: its text, its name, and its span."""

    text: str | None
    name: str | None
    span: Span | None


def _fills(event: Event) -> dict[str, list[Fill]]:
    out: dict[str, list[Fill]] = {name: [] for name in FIELDS}
    for actor in event.actors:
        field = {"actor1": "actor1", "actor2": "target", "target": "target", "victim": "target"}
        slot = field.get(actor.role)
        if slot is not None:
            out[slot].append(Fill(actor.text, actor.name, actor.span))
    for count in (event.fatalities, event.injuries):
        if count is not None and count.side is not None:
            side = count.side
            out["target"].append(Fill(side.text, side.name, side.span))
    for loc in event.locations:
        out["place"].append(Fill(loc.text, loc.name, loc.span))
    for slot, fills in out.items():  # one prediction per distinct span (or text when spanless)
        seen: set[object] = set()
        unique = []
        for fill in fills:
            key = (fill.span.start, fill.span.end) if fill.span else (fill.text, fill.name)
            if key not in seen:
                seen.add(key)
                unique.append(fill)
        out[slot] = unique
    return out


def matches(fill: Fill, gold: GoldArgument) -> bool:
    """Span overlap, or the gold head word among the prediction's words (see the module doc)."""
    if fill.span is not None and fill.span.start < gold.end and gold.start < fill.span.end:
        return True
    head = head_word(gold.text)
    for value in (fill.text, fill.name):
        if not value:
            continue
        if head is not None and head in {_fold(w) for w in _WORD.findall(value)}:
            return True
        if gold.field == "place" and name_key(value) and name_key(value) == name_key(gold.text):
            return True
    return False


def _in_sentence(event: Event, sentence: tuple[int, int]) -> bool:
    """True when the event's trigger, or another of its event words (a toll sentence that
    tells the event's cost: "Twenty insurgents were killed"), lies in the sentence."""
    starts = [event.trigger.start] + [e.start for e in event.evidence if e.field == "event"]
    return any(sentence[0] <= start < sentence[1] for start in starts)


def matched_event(gold: GoldEvent, events: Iterable[Event]) -> Event | None:
    """Our event for a gold event: in its sentence, its family first, then the nearest trigger."""
    candidates = [e for e in events if _in_sentence(e, gold.sentence)]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda e: (event_family(e) != gold.family, abs(e.trigger.start - gold.trigger.start)),
    )


class _Counts:
    def __init__(self) -> None:
        self.cells: dict[str, list[int]] = {}

    def add(
        self, field: str, *, found: int = 0, predicted: int = 0, recalled: int = 0, gold: int = 0
    ) -> None:
        cell = self.cells.setdefault(field, [0, 0, 0, 0])
        for i, value in enumerate((found, predicted, recalled, gold)):
            cell[i] += value

    def detections(self) -> list[Detection]:
        return [Detection(field, *cell) for field, cell in self.cells.items()]


def _score_triggers(
    counts: _Counts, by_type: Tally, passage: Passage, events: tuple[Event, ...]
) -> None:
    coded = [g for g in passage.events if g.family is not None]
    for gold in coded:
        found = any(
            _in_sentence(e, gold.sentence) and event_family(e) == gold.family for e in events
        )
        counts.add(f"trigger {gold.family}", recalled=int(found), gold=1)
        if gold.family == "violent":
            by_type.add(f"trigger {gold.type.lower()}", "recall", found)
    annotated = {g.sentence for g in passage.events}
    for event in events:
        family = event_family(event)
        sentence = next((s for s in annotated if _in_sentence(event, s)), None)
        if family is None or sentence is None:
            continue
        right = any(g.sentence == sentence and g.family == family for g in coded)
        counts.add(f"trigger {family}", found=int(right), predicted=1)


def _score_roles(counts: _Counts, passage: Passage, events: tuple[Event, ...]) -> None:
    by_event: dict[int, list[GoldEvent]] = defaultdict(list)
    chosen: dict[int, Event] = {}
    for gold in passage.events:
        if gold.family is None:
            continue
        event = matched_event(gold, events)
        fills = _fills(event) if event is not None else {name: [] for name in FIELDS}
        for argument in gold.arguments:
            hit = any(matches(f, argument) for f in fills[argument.field])
            counts.add(f"role {argument.field}", recalled=int(hit), gold=1)
        if event is not None:
            by_event[id(event)].append(gold)
            chosen[id(event)] = event
    for key, golds in by_event.items():
        for field, predicted in _fills(chosen[key]).items():
            wanted = [a for g in golds for a in g.arguments if a.field == field]
            for fill in predicted:
                counts.add(
                    f"role {field}",
                    found=int(any(matches(fill, a) for a in wanted)),
                    predicted=1,
                )


def score(passages: list[Passage], records: list[Record | None]) -> Scores:
    """Trigger and role detections, and the event family classification (see the module doc)."""
    counts = _Counts()
    by_type = Tally()  # trigger recall per violent gold type
    for name in (
        "trigger violent",
        "trigger protest",
        "trigger arrest",
        *(f"role {f}" for f in FIELDS),
    ):
        counts.add(name)
    gold_labels: list[str] = []
    pred_labels: list[str] = []
    ids: list[str] = []
    texts: list[str] = []
    for passage, record in zip(passages, records, strict=True):
        events = record.events if record is not None else ()
        _score_triggers(counts, by_type, passage, events)
        _score_roles(counts, passage, events)
        for gold in passage.events:
            if gold.family is None:
                continue
            event = matched_event(gold, events)
            gold_labels.append(gold.family)
            pred_labels.append((event_family(event) if event else None) or NONE)
            ids.append(gold.id)
            texts.append(passage.text[gold.sentence[0] : gold.sentence[1]])
    families = Classification(
        "event family",
        tuple(gold_labels),
        tuple(pred_labels),
        tuple(ids),
        tuple(texts),
        headline="accuracy",
    )
    detections = sorted(counts.detections(), key=_order)
    shares = sorted(by_type.shares(), key=lambda share: share.field)
    return Scores(tuple(shares), (families,), tuple(detections))


def _order(d: Detection) -> tuple[int, str]:
    rank = {"trigger violent": 0, "trigger protest": 1, "trigger arrest": 2}
    if d.field in rank:
        return rank[d.field], ""
    return (3, str(FIELDS.index(d.field[5:]))) if d.field[5:] in FIELDS else (4, d.field)


def gold_counts(passages: list[Passage]) -> str:
    """A note: how many gold events were counted, by family, and how many left out."""
    families = Counter(g.family or "left out" for p in passages for g in p.events)
    parts = ", ".join(f"{name} {n}" for name, n in sorted(families.items()))
    return f"gold events: {parts} (types mapped in {TYPES_FILE.name})"


def evaluate(
    passages: list[Passage], config: Config, limit: int | None, every: int | None, tick: Tick
) -> tuple[int, Scores, tuple[str, ...]]:
    """Extract the chosen passages and score them (the ``run`` of every argument-annotated
    set: WikiEvents, RAMS); (passages evaluated, scores, the gold counts line)."""
    chosen = subsample(passages, limit, every)
    records = extract_all((Text(p.id, p.text) for p in chosen), len(chosen), config, tick)
    return len(chosen), score(chosen, records), (gold_counts(chosen),)
