"""Where in a town an event happened, read from the parse: "an explosion *at the bus
station*", "shot dead *outside a bakery on Deerpark Road*".

A site is the object of a locative preposition (``data/role_words.tsv``, use ``site``)
that hangs from the trigger or the verb that governs it, when the object names a building
or a spot (``data/site_nouns.txt``: "station", "market", "street"…) or is a facility the
NER knows (FAC). The gazetteer has no entry for such places: the event keeps the site as a
location of feature ``site`` inside the town it resolves to, without coordinates of its
own. "On the hospital" and "against the market" are targets (events/roles.py), not sites.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_words
from conflictcoder.events.participants import noun_phrase
from conflictcoder.events.roles import governing_verb, role_words

SITE_NOUNS_FILE = DATA_DIR / "site_nouns.txt"


@functools.cache
def _site_nouns() -> frozenset[str]:
    return frozenset(word.lower() for word in read_words(SITE_NOUNS_FILE))


def _is_site(token: Token) -> bool:
    if token.ent_type_ == "FAC":
        return True
    words = {token.lower_, str(token.lemma_).lower()}
    return token.pos_ in ("NOUN", "PROPN") and not words.isdisjoint(_site_nouns())


def _objects(head: Token) -> list[Token]:
    """Objects of the locative prepositions under ``head``, one "on X" deeper too ("outside
    a bakery *on Deerpark Road*")."""
    found: list[Token] = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in role_words("site"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            found.append(pobj)
            found.extend(c for c in pobj.conjuncts if c.dep_ == "conj")
            for inner in pobj.children:
                if inner.dep_ == "prep" and inner.lower_ in role_words("site_within"):
                    found.extend(t for t in inner.children if t.dep_ == "pobj")
    return found


def find_sites(trigger: Token) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the sites of the event of ``trigger``, in text order."""
    heads = {trigger.i: trigger, governing_verb(trigger).i: governing_verb(trigger)}
    ranges: set[tuple[int, int]] = set()
    for head in heads.values():
        for pobj in _objects(head):
            if _is_site(pobj):
                ranges.add(noun_phrase(pobj))
    return sorted(ranges)
