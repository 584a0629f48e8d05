"""Violence words used of words: "critics attacked the proposal", "an assault on the new
law". When a violent trigger's object (or the "on/against" object of a nominal trigger) is a
noun only words can hit (``data/verbal_targets.txt``), the event is criticism."""

from __future__ import annotations

import functools

from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_words

VERBAL_TARGETS_FILE = DATA_DIR / "verbal_targets.txt"
_AGAINST = frozenset({"on", "against", "upon"})


@functools.cache
def _verbal_targets() -> frozenset[str]:
    return frozenset(word.lower() for word in read_words(VERBAL_TARGETS_FILE))


def _verbal(token: Token) -> bool:
    return str(token.lemma_).lower() in _verbal_targets() or token.lower_ in _verbal_targets()


def aimed_at_words(trigger: Token) -> bool:
    """True when what the trigger hits is a thing said or decided, not a body or a place."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in _AGAINST:
            objects += [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(_verbal(o) for o in objects)
