"""Place mentions of a sentence, with the feature word that qualifies them.

"the Idlib, Hama, & Latakia provinces" gives three mentions qualified "province";
"the village of X" gives X qualified "village". A country name counts as a place only
after a locative preposition ("troops present *in* Mali"); elsewhere it names a party.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from conflictcoder.countries import country_of
from conflictcoder.events.attribution import REPORTING
from conflictcoder.events.matcher import per_doc
from conflictcoder.geo.build import Q_NAME
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
# Words that place a name within a wider area ("eastern Ghouta"), never a title.
_COMPASS = frozenset(
    {
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upper",
        "lower",
        "greater",
    }
)
# Prepositions after which a bare proper noun is a place more often than anything else.
_NEAR_WORDS = frozenset({"in", "near", "outside", "around", "at"})


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


def _named_place(text: str, gazetteer: Gazetteer) -> bool:
    """True when the gazetteer holds a place bearing ``text`` as its own name or alias."""
    return not gazetteer.is_common_word(text) and any(
        c.match == Q_NAME for c in gazetteer.candidates(text)
    )


def _place_slot(token: Token) -> bool:
    """True when ``token`` stands where a place stands: the object of "near", "in" …, or
    listed beside such an object ("near Berkaber, Idjevan")."""
    for _ in range(4):
        if token.dep_ == "pobj" and token.head.lower_ in _NEAR_WORDS:
            return True
        if token.dep_ not in ("appos", "conj", "compound") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _lone_name(ent: SpacySpan) -> bool:
    """One word with no title or first name before it: "Idjevan" and "eastern Ghouta", not
    "Colonel Fitzgerald"."""
    return len(ent) == 1 and not any(
        c.dep_ == "compound" or (c.dep_ == "amod" and c.lower_ not in _COMPASS)
        for c in ent.root.lefts
    )


def _locative_runs(sent: SpacySpan, taken: set[int]) -> list[SpacySpan]:
    """Proper-noun runs the NER left out (no entity type) that stand in a place slot
    ("near Jil, Karmir"), outside the ``taken`` tokens (actors)."""
    runs: list[SpacySpan] = []
    i = sent.start
    while i < sent.end:
        token = sent.doc[i]
        if token.pos_ != "PROPN" or i in taken or token.ent_type_ or not token.text[0].isupper():
            i += 1
            continue
        end = i + 1
        while end < sent.end and sent.doc[end].pos_ == "PROPN" and not sent.doc[end].ent_type_:
            end += 1
        run = sent.doc[i:end]
        if _place_slot(run.root):
            runs.append(run)
        i = end
    return runs


def _entities(doc: Doc) -> list[SpacySpan]:
    """The document's entities, listed once per parsed document (``Span.ents`` rescans)."""
    return per_doc(doc, "ents", lambda d: list(d.ents))


def find_places(
    sent: SpacySpan, offset: int, gazetteer: Gazetteer, excluded: set[int]
) -> list[PlaceMention]:
    """Place mentions of the sentence in text order (``excluded``: token indices of actors)."""
    found: list[PlaceMention] = []
    spans: list[SpacySpan] = []
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
        if ent.label_ in MAYBE_LABELS and not (
            (qualifier and gazetteer.is_toponym(text))
            # "near Idjevan" tagged PERSON: the preposition and the gazetteer vouch for it
            or (_lone_name(ent) and _place_slot(ent.root) and _named_place(text, gazetteer))
        ):
            continue
        if qualifier is None and gazetteer.is_common_word(text):
            continue  # "the West", "Spring": a place only when a feature word says so
        if country_of(text) is not None and not _locative(ent.root):
            continue
        if ent.root.dep_ == "nsubj" and str(ent.root.head.lemma_) in REPORTING:
            continue  # "the Kremlin said", "Washington denied": a speaker, not a place
        spans.append(ent)
    for run in _locative_runs(sent, excluded):
        if _named_place(run.text, gazetteer):
            spans.append(run)
    for span in sorted(spans, key=lambda s: s.start):
        qualifier = _qualifier_after(span, sent) or _qualifier_before(span, sent)
        start = offset + span.start_char
        found.append(
            PlaceMention(span=Span(start, start + len(span.text), span.text), qualifier=qualifier)
        )
    return found
