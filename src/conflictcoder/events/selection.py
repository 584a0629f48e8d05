"""Which triggers of a sentence make events: grievances and participants are not events,
and each family of events keeps its most reliable trigger. The words are
``data/selection_cues.tsv``."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span as SpacySpan

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_word_uses
from conflictcoder.events.draft import family
from conflictcoder.events.triggers import TriggerHit

CUES_FILE = DATA_DIR / "selection_cues.tsv"
CUE_USES = frozenset({"grievance_prep"})
# Categories that report the outcome of a fight: a place taken, checked against its object.
_OUTCOMES = frozenset({"government_takes_ground", "nonstate_takes_ground"})


@cache
def _cues() -> dict[str, frozenset[str]]:
    return read_word_uses(CUES_FILE, CUE_USES)


def _words(use: str) -> frozenset[str]:
    """The words of one use in selection_cues.tsv (its header says what each use does)."""
    return _cues()[use]


def without_grievances(sent: SpacySpan, hits: list[TriggerHit]) -> list[TriggerHit]:
    """What a protest is against is its grievance, not an event of the sentence
    ("protested against the arrest of …")."""
    protests = {h.head for h in hits if h.type.plover_type == "PROTEST"}
    if not protests:
        return hits
    kept = []
    for hit in hits:
        token = sent.doc[hit.head]
        grievance = (
            token.dep_ == "pobj"
            and token.head.lower_ in _words("grievance_prep")
            and token.head.head.i in protests
        )
        if not grievance:
            kept.append(hit)
    return kept


def without_participants(sent: SpacySpan, hits: list[TriggerHit]) -> list[TriggerHit]:
    """A noun that is what a stronger trigger acts on is a participant, not an event of its
    own ("ambushed an army *patrol*"); a weaker verb's object keeps its event ("launched an
    *attack*")."""
    weight = {h.head: h.weight for h in hits}
    kept = []
    for hit in hits:
        token = sent.doc[hit.head]
        governor = weight.get(token.head.i) if token.head.i != token.i else None
        if token.dep_ in ("dobj", "nsubjpass") and governor is not None and governor >= hit.weight:
            continue
        kept.append(hit)
    return kept


def primary(hits: list[TriggerHit]) -> list[tuple[TriggerHit, list[TriggerHit]]]:
    """One event per family in a sentence: the most reliable trigger, the others as support;
    ground taken or lost outranks the fighting that won it (ACLED codes the outcome)."""
    groups: dict[str, list[TriggerHit]] = {}
    for hit in hits:
        groups.setdefault(family(hit.type), []).append(hit)
    chosen = []
    for members in groups.values():
        best = max(members, key=lambda h: (h.type.category in _OUTCOMES, h.weight, -h.start))
        chosen.append((best, [h for h in members if h is not best]))
    return sorted(chosen, key=lambda pair: pair[0].start)
