"""Whether an event is the report's news: ``current``, ``background`` or ``generic``
(``../shared/CONTRACT.md``; triggers that only threaten, plan or fear an event are not
coded at all, events/triggers.py).

Read from the trigger's clause in the parse and from the event's own date:
- generic: a habitual or summary statement — a frequency word on the trigger or its verb
  ("frequent attacks", "are regularly shelled"), a span of time the statement sums up ("have
  stepped up their raids in recent months"), or the trigger as the subject of "be common";
- background: a legal or commemorative frame around the trigger ("was convicted of
  killing", "the anniversary of the massacre"), or a date the text gives it (its own or its
  paragraph's) more than ``BACKGROUND_DAYS`` before the report's publication date;
- current: everything else.
The words are ``data/status_cues.tsv``.
"""

from __future__ import annotations

import datetime as dt
import functools

from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.records import DateRange

CUES_FILE = DATA_DIR / "status_cues.tsv"
_USES = frozenset({"frequency", "span_unit", "span_modifier", "common", "legal", "memory"})
STATUSES = ("current", "background", "generic", "hypothetical")
# An event dated this long before its report is history recalled, not the report's news.
BACKGROUND_DAYS = 60
# How far up the tree a frame word may stand above the trigger ("convicted of *killing*").
_FRAME_STEPS = 4


@functools.cache
def _cues() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {use: set() for use in _USES}
    for line, row in read_tsv(CUES_FILE, ("word", "use"), required=True):
        word, use = row["word"].strip().lower(), row["use"]
        if use not in _USES:
            raise DataError(f"{CUES_FILE}:{line}: use {use!r} is not one of {sorted(_USES)}")
        if not word:
            raise DataError(f"{CUES_FILE}:{line}: empty word")
        table[use].add(word)
    return {use: frozenset(words) for use, words in table.items()}


def _words(use: str) -> frozenset[str]:
    return _cues()[use]


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def _clause_verb(trigger: Token) -> Token:
    """The verb whose clause holds the trigger (the trigger itself when it is one)."""
    token = trigger
    for _ in range(3):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _frequent(trigger: Token, verb: Token) -> bool:
    """ "frequent attacks", "were regularly shelled", "often come under fire"."""
    for token in {trigger.i: trigger, verb.i: verb}.values():
        for child in token.children:
            if child.dep_ in ("amod", "advmod") and (
                child.lower_ in _words("frequency") or _lemma(child) in _words("frequency")
            ):
                return True
    return False


def _summed_span(verb: Token) -> bool:
    """ "in recent months", "over the past two years", "for decades": a statement that
    sums up a stretch of time."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or _lemma(pobj) not in _words("span_unit"):
                continue
            modifiers = {c.lower_ for c in pobj.children}
            plural = pobj.tag_ in ("NNS", "NNPS")
            if modifiers & _words("span_modifier") or (plural and prep.lower_ == "for"):
                return True
    return False


def _common(trigger: Token) -> bool:
    """ "kidnappings are commonplace", "attacks are rare"."""
    head = trigger.head
    if trigger.dep_ != "nsubj" or _lemma(head) != "be":
        return False
    return any(c.dep_ in ("acomp", "attr") and c.lower_ in _words("common") for c in head.children)


def _framed(trigger: Token, use: str) -> bool:
    """A word of ``use`` above the trigger in the tree ("found *guilty* of killing")."""
    token = trigger
    for _ in range(_FRAME_STEPS):
        if token.head.i == token.i:
            return False
        token = token.head
        if _lemma(token) in _words(use) or token.lower_ in _words(use):
            return True
    return False


def _long_before(date: DateRange | None, published: dt.date | None) -> bool:
    """True when the event's date ends more than BACKGROUND_DAYS before the report: its own
    date, or one it takes from its paragraph ("In 2014 … Rebels then shelled the town")."""
    if published is None or date is None or date.end is None:
        return False
    return (published - date.end).days > BACKGROUND_DAYS


def event_status(trigger: Token, date: DateRange | None, published: dt.date | None) -> str:
    """The status of the event of ``trigger`` (see the module doc)."""
    verb = _clause_verb(trigger)
    if _framed(trigger, "legal") or _framed(trigger, "memory"):
        return "background"
    if _long_before(date, published):
        return "background"
    if _frequent(trigger, verb) or _common(trigger):
        return "generic"
    if _summed_span(verb):
        # "have stepped up their raids in recent months": a noun trigger or a plural one
        # under the summing verb, or the verb itself in the present perfect.
        nominal = verb.i != trigger.i or trigger.tag_ in ("NNS", "NNPS")
        perfect = any(c.dep_ == "aux" and _lemma(c) == "have" for c in verb.children)
        if nominal or perfect:
            return "generic"
    return "current"
