"""Participants the actor lexicons do not know, read from the parse: "a major general was
killed", "gunfire hit the bakery", "Anton Ivanov was wounded".

A known actor (a named group, a force noun, a country) always wins its role. Where an
event's doer or sufferer slot holds no known actor, the noun phrase the parse puts there
fills it, named as written. Doers are only names (people, organizations, nationalities as
the NER tags them, or proper nouns), or any noun in the agent slot ("by the coalition"):
a common noun in the subject slot is as often the weapon or the event itself ("the blast
killed …"). Sufferers are names or the common
nouns of ``data/participant_nouns.txt`` (people, buildings, vehicles). Pronouns, places
(and the words that name a kind of place: "the village", "the district"), dates, numbers,
weapons and event words are never participants, nor the words of
``data/participant_stopwords.txt`` (the event's cost or circumstances: "toll", "wave").
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from conflictcoder.config import DATA_DIR
from conflictcoder.countries import find_countries
from conflictcoder.datafiles import read_words
from conflictcoder.events.actors import ActorMention
from conflictcoder.geo.qualifiers import qualifier_kind

# Dependency relations of a noun that can hold a role (events/roles.py reads them).
_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "poss"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_NOT_PARTICIPANTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "GPE", "LOC"}
)
OTHER = "other"  # the contract's sector for a participant of no known kind
STOPWORDS_FILE = DATA_DIR / "participant_stopwords.txt"


NOUNS_FILE = DATA_DIR / "participant_nouns.txt"


@functools.cache
def _stopwords() -> frozenset[str]:
    return frozenset(word.lower() for word in read_words(STOPWORDS_FILE))


@functools.cache
def _sufferer_nouns() -> frozenset[str]:
    return frozenset(word.lower() for word in read_words(NOUNS_FILE))


def noun_phrase(token: Token) -> tuple[int, int]:
    """The noun phrase of ``token``: its left modifiers and any "of X" after it, never a
    clause ("the man who …") or a list ("men, women and children": each its own)."""
    start = min([token.i] + [t.left_edge.i for t in token.lefts if t.dep_ != "punct"])
    end = token.i + 1
    for child in token.rights:
        if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in (
            "compound",
            "flat",
            "nummod",
            "amod",
        ):
            end = max(end, child.right_edge.i + 1)
    while start < token.i and token.doc[start].dep_ in ("det", "punct", "cc"):
        start += 1
    return start, end


def _agent(token: Token) -> bool:
    return token.dep_ == "pobj" and (token.head.dep_ == "agent" or token.head.lower_ == "by")


def _is_name(token: Token) -> bool:
    return token.ent_type_ in _NAME_LABELS or token.ent_type_ == "FAC" or token.pos_ == "PROPN"


def _is_doer_name(token: Token) -> bool:
    return token.ent_type_ in _NAME_LABELS or (token.pos_ == "PROPN" and token.ent_type_ != "FAC")


def find_participants(
    sent: SpacySpan, taken: set[int], excluded_words: frozenset[str] = frozenset()
) -> list[ActorMention]:
    """Noun phrases of the sentence that could fill a role, outside ``taken`` (token indices
    of known actors, places, weapons, triggers); ``excluded_words``: lemmas never taken."""
    doc: Doc = sent.doc
    skip = _stopwords() | excluded_words
    found: list[ActorMention] = []
    used: set[int] = set(taken)
    for token in sent:
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in _SLOTS:
            continue
        if token.i in used or token.ent_type_ in _NOT_PARTICIPANTS:
            continue
        lemma = str(token.lemma_).lower()
        if token.lower_ in skip or lemma in skip or not token.is_alpha:
            continue
        listed = lemma in _sufferer_nouns() or token.lower_ in _sufferer_nouns()
        if not (_is_name(token) or listed or _agent(token)):
            continue  # an abstract or unknown common noun ("access", "the campaign")
        if qualifier_kind(token.lower_) or qualifier_kind(str(token.lemma_)):
            continue  # "the village (of X)", "the district": a place, read as a location
        start, end = noun_phrase(token)
        if not used.isdisjoint(range(start, end)):
            start, end = token.i, token.i + 1
        words = doc[start:end]
        countries = find_countries(words.text)
        found.append(
            ActorMention(
                start=start,
                end=end,
                root=token.i,
                name=words.text,
                country=countries[0][2] if countries else None,
                sector=OTHER,
                template=None,
            )
        )
        used.update(range(start, end))
    return found


def may_do(mention: ActorMention, doc: Doc) -> bool:
    """True when the participant may be an event's doer: a name, or any noun the text
    names as the agent ("strikes *by the coalition*", "killed *by a gunman*")."""
    root = doc[mention.root]
    return _is_doer_name(root) or _agent(root)
