"""Event triggers of a sentence, typed by the lexicon, minus those that did not happen.

Left out: negated triggers ("did not fire", "no attacks"), hypothetical ones ("threatened
to attack", "preparing a provocation") and a statement's topic ("a statement on the
latest provocations"), which the sentences after it report as events of their own. The
words that tell them are ``data/trigger_cues.tsv``; entity labels stay here (they are spaCy's
labels, not words).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv, read_word_uses
from conflictcoder.errors import DataError
from conflictcoder.events.lexicon import Trigger, event_categories, event_triggers
from conflictcoder.events.matcher import LemmaMatcher, lemma
from conflictcoder.events.refine import in_context, sentence_context
from conflictcoder.records import EventType

CUES_FILE = DATA_DIR / "trigger_cues.tsv"
CUE_USES = frozenset(
    {"hypothetical", "factual_mark", "modal", "future_aux", "negation", "generic_det",
     "topic_noun", "topic_prep"}
)  # fmt: skip
# Entities whose words name something else: "11 March" is a date, not a protest march.
_NAME_LABELS = frozenset(
    {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "ORG", "WORK_OF_ART", "LAW"}
)


@functools.cache
def _cues() -> dict[str, frozenset[str]]:
    return read_word_uses(CUES_FILE, CUE_USES)


def _words(use: str) -> frozenset[str]:
    """The words of one use in trigger_cues.tsv (its header says what each use does)."""
    return _cues()[use]


@dataclass(frozen=True)
class TriggerHit:
    start: int  # character offsets in the document
    end: int
    head: int  # token index in the Doc
    type: EventType
    weight: float
    trigger: Trigger


@dataclass(frozen=True)
class _WarningVerb:
    category: str
    passive_only: bool


@functools.cache
def _warning_verbs() -> dict[str, _WarningVerb]:
    path = DATA_DIR / "warning_verbs.tsv"
    table: dict[str, _WarningVerb] = {}
    for number, row in read_tsv(path, ("lemma", "category", "voice"), required=True):
        if row["voice"] not in ("passive", "any"):
            raise DataError(f"{path}:{number}: voice must be passive or any")
        table[row["lemma"]] = _WarningVerb(row["category"], row["voice"] == "passive")
    return table


def _warning(token: Token) -> _WarningVerb | None:
    """ "… will be stopped", "we will retaliate": a verb under will/shall that warns."""
    verb = _warning_verbs().get(lemma(token))
    if verb is None or token.pos_ != "VERB":
        return None
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if not auxes & _words("future_aux"):
        return None
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if verb.passive_only and not passive:
        return None
    if any(c.dep_ == "neg" for c in token.children):
        return None
    return verb


@functools.cache
def _matcher(user_dir: Path | None) -> LemmaMatcher[Trigger]:
    return LemmaMatcher((t.pattern, t.pos, t) for t in event_triggers(user_dir))


def _negated(head: Token) -> bool:
    if head.dep_ in ("pobj", "pcomp") and head.head.lower_ == "without":
        return True  # "without firing a shot"
    for token in (head, head.head):
        if any(c.dep_ == "neg" or c.lower_ in _words("negation") for c in token.children):
            return True
        if token.pos_ == "VERB":
            break
    return False


def _hypothetical(head: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in _words("modal") for c in head.children):
        return True
    token = head
    for _ in range(4):
        if token.head.i == token.i:
            return False
        parent = token.head
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _words("factual_mark") for c in token.children
        ):
            return False
        if lemma(parent) in _words("hypothetical") and token.dep_ in (
            "xcomp",
            "ccomp",
            "dobj",
            "prep",
            "pobj",
            "advcl",
        ):
            return True
        if (
            token.dep_ == "pobj"
            and parent.dep_ == "prep"
            and lemma(parent.head) in _words("hypothetical")
        ):
            return True
        token = parent
    return False


def _generic(head: Token) -> bool:
    if head.dep_ != "relcl":
        return False
    return any(c.dep_ == "det" and c.lower_ in _words("generic_det") for c in head.head.children)


def _topic(head: Token) -> bool:
    """ "a statement on the latest provocations": the subject of a statement, not an event."""
    if head.dep_ != "pobj" or head.head.lower_ not in _words("topic_prep"):
        return False
    owner = head.head.head
    if lemma(owner) in _words("topic_noun"):
        return True
    return any(c.dep_ == "dobj" and lemma(c) in _words("topic_noun") for c in owner.children)


def find_triggers(sent: SpacySpan, offset: int, user_dir: Path | None = None) -> list[TriggerHit]:
    """Triggers that report something as having happened, in text order."""
    categories = event_categories(user_dir)
    context = sentence_context(sent)
    hits: list[TriggerHit] = []
    for match in _matcher(user_dir).find(sent):
        head = sent.doc[match.head]
        if head.dep_ == "prep":  # "according to", "following", "regarding"
            continue
        if any(a.lower_ == "according" for a in head.ancestors):
            continue  # "according to data provided by X": who says so, not an event
        if head.ent_type_ in _NAME_LABELS and (head.ent_type_ in ("DATE", "TIME") or head.is_title):
            continue  # part of a name or a date ("11 March", "Operation Peace Spring")
        if _negated(head) or _hypothetical(head) or _generic(head) or _topic(head):
            continue
        first, last = sent.doc[match.start], sent.doc[match.end - 1]
        trigger = match.entry
        typed = in_context(categories[trigger.category], trigger.weight, head, context)
        if typed is None:
            continue
        hits.append(
            TriggerHit(
                start=offset + first.idx,
                end=offset + last.idx + len(last.text),
                head=match.head,
                type=typed[0],
                weight=typed[1],
                trigger=trigger,
            )
        )
    taken = {h.head for h in hits}
    for token in sent:
        warning = _warning(token) if token.i not in taken else None
        if warning is None or warning.category not in categories:
            continue
        pattern = Trigger(
            pattern=(lemma(token),), pos="VERB", category=warning.category, weight=0.7,
            note="warning", surface=token.text,
        )  # fmt: skip
        hits.append(
            TriggerHit(
                start=offset + token.idx,
                end=offset + token.idx + len(token.text),
                head=token.i,
                type=categories[warning.category],
                weight=pattern.weight,
                trigger=pattern,
            )
        )
    return sorted(hits, key=lambda h: h.start)
