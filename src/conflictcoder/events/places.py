"""Place mentions of a sentence, with the feature word that qualifies them.

"the Dashkasan, Kalbajar, & Lachin districts" gives three mentions qualified "district";
"the village of X" gives X qualified "village". A country name counts as a place only
after a locative preposition ("present *in* Azerbaijan"); elsewhere it names a party.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from conflictcoder.countries import country_of
from conflictcoder.events.attribution import REPORTING
from conflictcoder.events.matcher import per_doc
from conflictcoder.geo.gazetteer import Gazetteer
from conflictcoder.geo.qualifiers import qualifier_kind
from conflictcoder.geo.resolve import PlaceMention
from conflictcoder.records import Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model wrongly gives to toponyms; kept only when the gazetteer agrees.
MAYBE_LABELS = frozenset({"ORG", "PERSON", "NORP"})
_LOCATIVE = frozenset(
    {"in", "into", "inside", "across", "throughout", "within", "near", "at", "to", "from", "of"}
)
_LIST_GLUE = frozenset({",", "and", "&", "or", "the"})


def _qualifier_after(ent: SpacySpan, sent: SpacySpan) -> str | None:
    i = ent.end
    while i < sent.end:
        token = ent.doc[i]
        if token.lower_ in _LIST_GLUE or token.ent_type_ in PLACE_LABELS | MAYBE_LABELS:
            i += 1
            continue
        return token.lower_ if qualifier_kind(token.lower_) else None
    return None


def _qualifier_before(ent: SpacySpan, sent: SpacySpan) -> str | None:
    i = ent.start - 1
    if i - 1 >= sent.start and ent.doc[i].lower_ == "of":
        word = ent.doc[i - 1].lower_
        return word if qualifier_kind(word) else None
    return None


def _locative(token: Token) -> bool:
    head = token
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE


def _entities(doc: Doc) -> list[SpacySpan]:
    """The document's entities, listed once per parsed document (``Span.ents`` rescans)."""
    return per_doc(doc, "ents", lambda d: list(d.ents))


def find_places(
    sent: SpacySpan, offset: int, gazetteer: Gazetteer, excluded: set[int]
) -> list[PlaceMention]:
    """Place mentions of the sentence in text order (``excluded``: token indices of actors)."""
    found: list[PlaceMention] = []
    for ent in _entities(sent.doc):
        if ent.start < sent.start or ent.end > sent.end:
            continue
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MAYBE_LABELS:
            continue
        if not excluded.isdisjoint(range(ent.start, ent.end)):
            continue
        text = ent.text.strip()
        if not text or not text[0].isupper():
            continue
        qualifier = _qualifier_after(ent, sent) or _qualifier_before(ent, sent)
        if ent.label_ in MAYBE_LABELS and not (qualifier and gazetteer.is_toponym(text)):
            continue
        if qualifier is None and gazetteer.is_common_word(text):
            continue  # "the West", "Spring": a place only when a feature word says so
        if country_of(text) is not None and not _locative(ent.root):
            continue
        if ent.root.dep_ == "nsubj" and str(ent.root.head.lemma_) in REPORTING:
            continue  # "the Kremlin said", "Washington denied": a speaker, not a place
        start = offset + ent.start_char
        found.append(
            PlaceMention(span=Span(start, start + len(ent.text), ent.text), qualifier=qualifier)
        )
    return found
