"""Damage to property and equipment: what the text says was damaged or destroyed."""

from __future__ import annotations

import functools

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.events.matcher import lemma
from conflictcoder.records import Damage, Span

_KINDS = ("damaged", "destroyed")
# Things that are people, not property: "two soldiers were hit" is a casualty.
_PEOPLE_SECTORS = ("soldier", "civilian", "people", "person", "man", "woman", "child")


@functools.cache
def _verbs() -> dict[str, str]:
    path = DATA_DIR / "damage_verbs.tsv"
    table: dict[str, str] = {}
    for number, row in read_tsv(path, ("lemma", "kind"), required=True):
        if row["kind"] not in _KINDS:
            raise DataError(f"{path}:{number}: kind must be one of {', '.join(_KINDS)}")
        table[row["lemma"]] = row["kind"]
    return table


def _thing(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubjpass" or (child.dep_ == "dobj" and verb.pos_ == "VERB"):
            return child
    return None


def find_damage(sent: SpacySpan, offset: int, people: set[int]) -> list[Damage]:
    """Damaged or destroyed things of the sentence (``people``: token indices of actors)."""
    found: list[Damage] = []
    for token in sent:
        kind = _verbs().get(lemma(token))
        if kind is None or token.pos_ != "VERB" or any(c.dep_ == "neg" for c in token.children):
            continue
        thing = _thing(token)
        if thing is None or thing.i in people or lemma(thing) in _PEOPLE_SECTORS:
            continue
        if thing.pos_ not in ("NOUN", "PROPN"):
            continue
        left = thing.left_edge
        while left.i < thing.i and left.dep_ in ("det", "predet"):
            left = left.doc[left.i + 1]
        start = offset + left.idx
        end = offset + thing.idx + len(thing.text)
        text = sent.doc[left.i : thing.i + 1].text  # Doc.text would rebuild the whole text
        found.append(Damage(text=text, kind=kind, span=Span(start, end, text)))
    return found
