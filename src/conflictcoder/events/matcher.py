"""Match lemma sequences from the lexicons over a parsed sentence.

Patterns are sequences of lowercase lemmas. Inside a multi-word pattern a few modifiers
may stand between the pattern's words ("came under *heavy* bombardment", "planted
*several* landmines"), so the lexicons need not list every adjective.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

T = TypeVar("T")

# Tokens that may stand between the words of a multi-word pattern.
_FILLER_POS = frozenset({"DET", "ADJ", "ADV", "NUM", "PRON", "PUNCT", "CCONJ"})
_MAX_FILLERS = 2


def lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def per_doc(doc: Doc, key: str, build: Callable[[Doc], T]) -> T:
    """``build(doc)``, computed once per parsed document and kept in its ``user_data``."""
    slot = f"conflictcoder.{key}"
    if slot not in doc.user_data:
        doc.user_data[slot] = build(doc)
    value: T = doc.user_data[slot]
    return value


def lemmas(doc: Doc) -> list[str]:
    """Lowercase lemmas of every token, computed once per parsed document."""
    return per_doc(doc, "lemmas", lambda d: [str(t.lemma_).lower() for t in d])


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # token index in the Doc
    end: int  # exclusive
    head: int  # token index of the pattern's head word
    entry: T


class LemmaMatcher(Generic[T]):
    """An index from a pattern's first lemma to its entries, longest pattern first."""

    def __init__(
        self, entries: Iterable[tuple[tuple[str, ...], str, T]], *, strict: bool = False
    ) -> None:
        """``strict``: a NOUN pattern's head must be tagged NOUN or PROPN ("the military",
        not "military infrastructure")."""
        self._strict = strict
        self._index: dict[str, list[tuple[tuple[str, ...], str, T]]] = {}
        for pattern, pos, entry in entries:
            self._index.setdefault(pattern[0], []).append((pattern, pos, entry))
        for options in self._index.values():
            options.sort(key=lambda item: -len(item[0]))

    def _extend(
        self, doc: Doc, words: list[str], i: int, end: int, pattern: tuple[str, ...]
    ) -> int | None:
        """Doc index one past the last matched token, or None."""
        j = i + 1
        for word in pattern[1:]:
            skipped = 0
            while j < end and words[j] != word:
                if doc[j].pos_ not in _FILLER_POS or skipped >= _MAX_FILLERS:
                    return None
                skipped += 1
                j += 1
            if j >= end:
                return None
            j += 1
        return j

    def find(self, sent: SpacySpan) -> list[Match[T]]:
        """Every match in the sentence; overlapping matches keep the longest (then first)."""
        doc = sent.doc
        words = lemmas(doc)
        found: list[Match[T]] = []
        for i in range(sent.start, sent.end):
            for pattern, pos, entry in self._index.get(words[i], ()):
                j = self._extend(doc, words, i, sent.end, pattern)
                if j is None:
                    continue
                head = i if pos == "VERB" else j - 1
                if not _pos_ok(doc[head], pos, self._strict):
                    continue
                found.append(Match(start=i, end=j, head=head, entry=entry))
                break
        return _longest_first(found)


# The tagger moves "-ing" words and participles between NOUN, VERB and ADJ with context
# ("the shelling", "reported shelling"), so only closed-class tags rule a match out
# (the pronoun "mine" is not a landmine).
_VERB_TAGS = frozenset({"VERB", "ADJ"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _pos_ok(token: Token, pos: str, strict: bool) -> bool:
    if strict and pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    if pos == "VERB":
        return token.pos_ in _VERB_TAGS
    if pos == "NOUN":
        return token.pos_ in _NOUN_TAGS
    return token.pos_ in _NOUN_TAGS


def _longest_first(matches: list[Match[T]]) -> list[Match[T]]:
    chosen: list[Match[T]] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
