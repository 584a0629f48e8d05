"""Who says so: claimant, cited sources (``via``) and stance of the claims in a sentence.

First version (the "Claims" issue deepens it): the issuer speaks unless the sentence
names another speaker ("X said", "according to X"); a denial cue ("false information",
"denied") turns the claim into a denied one whose claimant is the side that made it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.events.actors import ActorMention, Perspective
from conflictcoder.records import Attribution, Party

_STANCES = ("denied", "alleged")
_REPORTING = frozenset(
    {
        "say", "state", "report", "claim", "announce", "add", "tell", "allege", "accuse",
        "confirm", "insist", "note", "stress", "underscore", "circulate", "assert", "declare",
        "spread", "disseminate", "publish", "post", "write", "reveal", "inform",
    }
)  # fmt: skip
# Pronouns and nouns that, without a country of their own, mean the issuer itself.
_SELF = frozenset({"it", "we", "ministry", "statement", "department", "office", "service"})


@dataclass(frozen=True)
class Cue:
    stance: str
    start: int  # character offsets in the document
    end: int
    text: str


@functools.cache
def _cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = read_tsv(DATA_DIR / "stance_cues.tsv", ("stance", "regex"))
    out: list[tuple[str, re.Pattern[str]]] = []
    for number, row in rows:
        if row["stance"] not in _STANCES:
            raise DataError(f"stance_cues.tsv:{number}: unknown stance {row['stance']!r}")
        try:
            out.append((row["stance"], re.compile(row["regex"], re.IGNORECASE)))
        except re.error as exc:
            raise DataError(f"stance_cues.tsv:{number}: bad regex ({exc})") from exc
    return tuple(out)


def find_cues(sent: SpacySpan, offset: int) -> list[Cue]:
    """Denial and hedging cues of the sentence, in text order."""
    found = []
    for stance, regex in _cues():
        for m in regex.finditer(sent.text):
            start = offset + sent.start_char + m.start()
            found.append(Cue(stance, start, start + len(m.group(0)), m.group(0)))
    return sorted(found, key=lambda c: (c.start, c.stance))


def _mention_at(token: Token, mentions: list[ActorMention]) -> ActorMention | None:
    for mention in mentions:
        if any(mention.start <= t.i < mention.end for t in token.subtree):
            return mention
    return None


def _party(mention: ActorMention) -> Party:
    return Party(name=mention.name, country=mention.country)


@dataclass(frozen=True)
class Sources:
    """The speakers and cited sources a sentence names."""

    speakers: tuple[tuple[ActorMention | None, Token], ...]
    via: tuple[ActorMention, ...]
    agents: tuple[ActorMention, ...]  # "circulated *by the X side*"


def find_sources(sent: SpacySpan, mentions: list[ActorMention]) -> Sources:
    speakers: list[tuple[ActorMention | None, Token]] = []
    via: list[ActorMention] = []
    agents: list[ActorMention] = []
    for token in sent:
        if token.lower_ == "according":
            for prep in token.children:
                for pobj in prep.children:
                    if (m := _mention_at(pobj, mentions)) is not None:
                        via.append(m)
        if str(token.lemma_) in _REPORTING and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj":
                    speakers.append((_mention_at(child, mentions), child))
                if child.dep_ == "agent":
                    for pobj in child.children:
                        if (m := _mention_at(pobj, mentions)) is not None:
                            agents.append(m)
    return Sources(tuple(speakers), tuple(via), tuple(agents))


def _is_self(mention: ActorMention | None, token: Token, perspective: Perspective) -> bool:
    if mention is None:
        return token.lower_ in _SELF or str(token.lemma_) in _SELF
    return mention.country is None or mention.country == perspective.own


def attribute(
    sources: Sources,
    cues: list[Cue],
    issuer: Party | None,
    perspective: Perspective,
    participants: set[int],
) -> tuple[Attribution, list[Cue]]:
    """The attribution of an event in this sentence, and the cues that decided its stance.

    ``participants`` are the roots of the event's own actor mentions: a claim-maker is
    never one of them.
    """
    via = tuple(_party(m) for m in sources.via)
    others = [
        m
        for m, tok in sources.speakers
        if m is not None and not _is_self(m, tok, perspective) and m.root not in participants
    ]
    denials = [c for c in cues if c.stance == "denied"]
    if denials:
        makers = others + [
            m for m in sources.agents if m.root not in participants and m.country != perspective.own
        ]
        if makers:
            claimant: Party | None = _party(makers[0])
        elif perspective.other is not None:
            from conflictcoder.countries import country_name

            claimant = Party(name=country_name(perspective.other), country=perspective.other)
        else:
            claimant = None
        return Attribution(claimant=claimant, via=(), stance="denied"), denials
    hedges = [c for c in cues if c.stance == "alleged"]
    if others:
        claimant = _party(others[0])
    elif issuer is not None:
        claimant = issuer
    elif via:
        claimant, via = via[0], via[1:]
    else:
        claimant = None
    if hedges:
        return Attribution(claimant=claimant, via=via, stance="alleged"), hedges
    stance = "asserted" if claimant is not None else "reported"
    return Attribution(claimant=claimant, via=via, stance=stance), []
