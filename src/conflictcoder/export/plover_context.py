"""PLOVER ``context`` tags of an event: the manual's setting words, read from the event itself.

PLOVER splits an event into what (event), how (mode) and why or where-in (context). Our
extractor codes no context, so the export derives it from what the record already says:
the event's status (background is PLOVER's ``historical``, hypothetical its
``hypothetical``; an event dated after its report is ``future``), its weapons, ACLED
sub-event type, PLOVER type and mode, its actors' sectors, and cue words in the sentences
that state it. The cues are data (data/plover_context_cues.tsv) so that an analyst can add
a word without Python. Only the event's own sentences are read, never the whole document:
the manual warns that a document-level context ("an election") says little about one event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.export.common import get

# The manual's table "Context codes that can be used with any category", in its order.
CONTEXTS = [
    "political",
    "military",
    "intelligence",
    "peacekeeping",
    "economic",
    "diplomatic",
    "resource",
    "culture",
    "disease",
    "enviro_disaster",
    "migration",
    "humanitarian",
    "legal",
    "human_rights",
    "rights_freedoms",
    "gender",
    "lgbt",
    "terrorism",
    "human_security",
    "religion_ethnicity",
    "government",
    "election",
    "legislative",
    "cbrn",
    "cyber",
    "political_institutions",
    "corruption",
    "crime",
    "crime_murder",
    "crime_theft",
    "crime_drugs",
    "crime_sexual",
    "future",
    "historical",
    "hypothetical",
]
KINDS = frozenset({"word", "weapon", "sub_event", "type", "sector", "status"})

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_CUE_WORD = re.compile(r"\w+(?:['’-]\w+)*\*?")


@dataclass(frozen=True)
class _Phrase:
    """Words to find in a row of tokens; a word ending in * matches any ending."""

    words: tuple[str, ...]

    def found_in(self, tokens: list[str]) -> bool:
        n = len(self.words)
        return any(
            all(_word_matches(w, t) for w, t in zip(self.words, tokens[i : i + n], strict=True))
            for i in range(len(tokens) - n + 1)
        )


def _word_matches(cue: str, token: str) -> bool:
    return token.startswith(cue[:-1]) if cue.endswith("*") else token == cue


@dataclass(frozen=True)
class _Cues:
    phrases: tuple[tuple[str, _Phrase], ...]
    features: dict[tuple[str, str], tuple[str, ...]]


@cache
def _cues() -> _Cues:
    path = DATA_DIR / "plover_context_cues.tsv"
    phrases: list[tuple[str, _Phrase]] = []
    features: dict[tuple[str, str], list[str]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in read_tsv(path, ("context", "kind", "value"), required=True):
        context, kind, value = row["context"], row["kind"], row["value"]
        if context not in CONTEXTS:
            raise DataError(f"{path}:{number}: {context!r} is not a PLOVER context")
        if kind not in KINDS:
            raise DataError(f"{path}:{number}: kind {kind!r} is not one of {sorted(KINDS)}")
        if (context, kind, value) in seen:
            raise DataError(f"{path}:{number}: repeats line {seen[context, kind, value]}")
        seen[context, kind, value] = number
        if kind == "word":
            words = tuple(value.split())
            if value != value.lower() or not all(_CUE_WORD.fullmatch(w) for w in words):
                raise DataError(
                    f"{path}:{number}: word cue {value!r} must be lowercase words"
                    " (a trailing * allowed)"
                )
            phrases.append((context, _Phrase(words)))
        else:
            features.setdefault((kind, value), []).append(context)
    return _Cues(tuple(phrases), {key: tuple(tags) for key, tags in features.items()})


def _features(event: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(kind, value) pairs the event carries, as the cue file's kinds name them."""
    status = event.get("status")
    if isinstance(status, str):
        yield "status", status
    for weapon in event.get("weapons") or []:
        yield "weapon", str(weapon)
    sub_event = get(event, "acled", "sub_event_type")
    if sub_event:
        yield "sub_event", str(sub_event)
    kind, mode = get(event, "plover", "type"), get(event, "plover", "mode")
    if kind:
        yield "type", str(kind)
        if mode:
            yield "type", f"{kind}/{mode}"
    for actor in event.get("actors") or []:
        if actor.get("sector"):
            yield "sector", str(actor["sector"])


def event_sentences(event: dict[str, Any]) -> list[str]:
    """The texts of the event's ``sentence`` evidence (one per mention), else its trigger."""
    texts = [
        str(e["text"])
        for e in event.get("evidence") or []
        if e.get("field") == "sentence" and e.get("text")
    ]
    trigger = get(event, "trigger", "text")
    return list(dict.fromkeys(texts)) or ([str(trigger)] if trigger else [])


def _after_report(event: dict[str, Any], document: dict[str, Any]) -> bool:
    start = get(event, "date", "start")
    reported = get(document, "dateline", "date") or document.get("published")
    try:
        return bool(start and reported) and dt.date.fromisoformat(
            str(start)
        ) > dt.date.fromisoformat(str(reported))
    except ValueError:
        return False


def contexts(event: dict[str, Any], document: dict[str, Any] | None = None) -> list[str]:
    """The event's PLOVER context tags, in the manual's order (empty when none applies)."""
    cues = _cues()
    found: set[str] = set()
    for feature in _features(event):
        found.update(cues.features.get(feature, ()))
    for sentence in event_sentences(event):
        tokens = [t.replace("’", "'") for t in _WORD.findall(sentence.lower())]
        found.update(context for context, phrase in cues.phrases if phrase.found_in(tokens))
    if _after_report(event, document or {}) and "historical" not in found:
        found.add("future")
    return [c for c in CONTEXTS if c in found]
