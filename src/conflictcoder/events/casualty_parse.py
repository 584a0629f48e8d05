"""Casualty counts read from the dependency parse, where the words are too far apart for
the plain rules of ``casualties.py``:

- a counted subject split from its verb by an aside ("At least 9 guards, two of them
  officers, were wounded"): the number is the subject's ``nummod`` (or the subject itself);
- a toll whose number hangs from the toll's verb ("the death toll from the bombing rose
  to 31", "the number of dead ... has climbed to 27");
- a stated zero on the subject ("No policemen were killed", "nobody died").

The words are data (``casualty_heads.tsv``). Each finding gives the characters of its
quantity ("at least 31") for the caller to read, and the span of its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.numberwords import number_words

_FIELDS = ("fatalities", "injuries", "missing", "captured")
_COUNTS = ("subject", "passive", "toll", "toll-of", "noun")
# Subjects that say nobody at all.
_NOBODY = frozenset({"nobody", "none", "no-one"})


@dataclass(frozen=True)
class ParsedCount:
    """One count found in the parse; character offsets index the caller's text."""

    field: str
    kind: str  # count | toll | zero
    quant_start: int  # the quantity ("at least 31"), empty for a zero
    quant_end: int
    start: int  # the evidence, from the count to its casualty word
    end: int
    side: str | None  # whose casualties, as written ("guards")


@dataclass(frozen=True)
class _Heads:
    words: dict[str, tuple[str, str]]  # lemma -> (field, counts)
    vague: frozenset[str]


@cache
def _heads(data_dir: Path = DATA_DIR) -> _Heads:
    path = data_dir / "casualty_heads.tsv"
    words: dict[str, tuple[str, str]] = {}
    for line, row in read_tsv(path, ("lemma", "field", "counts"), required=True):
        if row["field"] not in _FIELDS or row["counts"] not in _COUNTS:
            raise DataError(f"{path}:{line}: unknown field {row['field']!r} or {row['counts']!r}")
        words[row["lemma"].lower()] = (row["field"], row["counts"])
    vague = frozenset(w for w, n in number_words(data_dir).items() if n.kind == "vague")
    return _Heads(words, vague)


def _is_number(token: Token) -> bool:
    return token.like_num or token.lower_ in _heads().vague or token.lemma_ in _heads().vague


def _quantity(subject: Token) -> Token | None:
    """The number that counts ``subject``: its ``nummod``, or the subject itself ("14 died",
    "Dozens of militiamen")."""
    if _is_number(subject):
        return subject
    return next((c for c in subject.children if c.dep_ == "nummod" and _is_number(c)), None)


def _zero(subject: Token) -> bool:
    if subject.lower_ in _NOBODY:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


# Parts of a counted subject that are not its name: asides, clauses, punctuation.
_ASIDES = frozenset({"appos", "relcl", "acl", "punct", "det", "cc"})


def _side(subject: Token, quant: Token | None) -> str | None:
    """The counted people as written, with what they are members of ("members of the
    border guard"), without the number and any aside."""
    if subject.pos_ == "PRON":
        return None
    skip: set[int] = {subject.i} if quant is subject else set()
    if quant is not None and quant is not subject:
        skip |= {t.i for t in quant.subtree}
    for child in subject.subtree:
        if child.i in skip or child.i == subject.i:
            continue
        if child.dep_ in _ASIDES or (child.dep_ == "prep" and child.lower_ != "of"):
            skip |= {t.i for t in child.subtree}
    words = [t.text for t in subject.subtree if t.i not in skip]
    return " ".join(words) or None


def _subject_counts(token: Token, field: str, counts: str, offset: int) -> list[ParsedCount]:
    deps = ("nsubjpass",) if counts == "passive" else ("nsubj", "nsubjpass")
    found = []
    for subject in (c for c in token.children if c.dep_ in deps):
        end = offset + token.idx + len(token.text)
        if _zero(subject):
            start = offset + subject.left_edge.idx
            found.append(ParsedCount(field, "zero", start, start, start, end, None))
            continue
        quant = _quantity(subject)
        if quant is None:
            continue
        q_start = offset + quant.left_edge.idx
        q_end = offset + quant.idx + len(quant.text)
        side = _side(subject, quant)
        found.append(ParsedCount(field, "count", q_start, q_end, q_start, end, side))
    return found


def _toll_noun(token: Token, counts: str) -> bool:
    if counts == "toll":
        return True
    of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    return any(
        _heads().words.get(g.lemma_.lower(), ("", ""))[1] == "noun"
        or _heads().words.get(g.lower_, ("", ""))[1] == "noun"
        for c in of
        for g in c.children
        if g.dep_ == "pobj"
    )


def _toll(token: Token, field: str, offset: int) -> list[ParsedCount]:
    """The number on the toll's verb: "rose to N", "reached N", "stood at N", "is N"."""
    if token.dep_ != "nsubj":
        return []
    verb = token.head
    own = {t.i for t in token.subtree}
    for child in verb.children:
        if child.i in own:
            continue
        candidates = [child] if child.dep_ in ("dobj", "attr") else []
        if child.dep_ == "prep":
            candidates = [g for g in child.children if g.dep_ == "pobj"]
        for cand in candidates:
            quant = cand if _is_number(cand) else _quantity(cand)
            if quant is None:
                continue
            start = offset + token.left_edge.idx
            q_start = offset + quant.left_edge.idx
            q_end = offset + quant.idx + len(quant.text)
            return [ParsedCount(field, "toll", q_start, q_end, start, q_end, None)]
    return []


def parsed_counts(sent: SpacySpan, offset: int) -> list[ParsedCount]:
    """Every count of the sentence that the parse ties to a casualty word, in text order."""
    words = _heads().words
    found: list[ParsedCount] = []
    for token in sent:
        entry = words.get(token.lemma_.lower()) or words.get(token.lower_)
        if entry is None:
            continue
        field, counts = entry
        if counts in ("subject", "passive") and token.pos_ in ("VERB", "AUX"):
            found.extend(_subject_counts(token, field, counts, offset))
        elif counts in ("toll", "toll-of") and token.pos_ == "NOUN" and _toll_noun(token, counts):
            found.extend(_toll(token, field, offset))
    return sorted(found, key=lambda c: (c.start, c.end))
