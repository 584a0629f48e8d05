"""Who says so: claimant, cited sources (``via``) and stance of the claims in a sentence.

First version (the "Claims" issue deepens it): the issuer speaks unless the sentence
names another speaker ("X said", "according to X"); a denial cue ("false information",
"denied") turns the claim into a denied one whose claimant is the side that made it.
The words are ``data/attribution_cues.tsv`` and the cue patterns ``data/stance_cues.tsv``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Set
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv, read_word_uses
from conflictcoder.errors import DataError
from conflictcoder.events.actors import ActorMention, Perspective
from conflictcoder.records import Attribution, Party

_STANCES = ("denied", "alleged")
CUES_FILE = DATA_DIR / "attribution_cues.tsv"
CUE_USES = frozenset({"reporting", "claim_verb", "claim_noun", "maker_prep", "self"})


@functools.cache
def _cue_words() -> dict[str, frozenset[str]]:
    return read_word_uses(CUES_FILE, CUE_USES)


def _words(use: str) -> frozenset[str]:
    """The words of one use in attribution_cues.tsv (its header says what each use does)."""
    return _cue_words()[use]


class _CueWords(Set[str]):
    """The words of one use, read when first asked: modules import ``REPORTING`` by name,
    and reading it at import would turn a bad data file into a traceback before the CLI
    can report it in one line."""

    def __init__(self, use: str) -> None:
        self._use = use

    def __contains__(self, word: object) -> bool:
        return word in _words(self._use)

    def __iter__(self) -> Iterator[str]:
        return iter(_words(self._use))

    def __len__(self) -> int:
        return len(_words(self._use))


# Verbs of saying (lemmas): their subject is a speaker (events/places.py, attachment.py).
REPORTING: Set[str] = _CueWords("reporting")


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
class Speaker:
    mention: ActorMention | None  # None: a pronoun or a word with no actor in it
    token: Token  # the subject
    verb: str  # lemma of the reporting verb


@dataclass(frozen=True)
class Sources:
    """The speakers, cited sources and claim-makers a sentence names."""

    speakers: tuple[Speaker, ...]
    via: tuple[ActorMention, ...]
    # Who made a claim: "circulated *by the X side*", "*X's* claims", "claims *by X*".
    makers: tuple[ActorMention, ...]


def find_sources(sent: SpacySpan, mentions: list[ActorMention]) -> Sources:
    speakers: list[Speaker] = []
    via: list[ActorMention] = []
    makers: list[ActorMention] = []
    for token in sent:
        word = str(token.lemma_)
        if token.lower_ == "according":
            via.extend(_objects(token, mentions))
        if word in REPORTING and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj":
                    speakers.append(Speaker(_mention_at(child, mentions), child, word))
                if child.dep_ == "agent":
                    makers.extend(_objects(child, mentions, direct=True))
        if word in _words("claim_noun") and token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "poss" and (m := _mention_at(child, mentions)) is not None:
                    makers.append(m)
                if child.dep_ == "prep" and child.lower_ in _words("maker_prep"):
                    makers.extend(_objects(child, mentions, direct=True))
    return Sources(tuple(speakers), tuple(via), tuple(makers))


def _objects(
    token: Token, mentions: list[ActorMention], *, direct: bool = False
) -> list[ActorMention]:
    """Mentions in the object of a preposition ("according *to X*", "by X")."""
    found = []
    preps = [token] if direct else list(token.children)
    for prep in preps:
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and (m := _mention_at(pobj, mentions)) is not None:
                found.append(m)
    return found


def _is_self(speaker: Speaker, perspective: Perspective) -> bool:
    """ "It said", "the ministry added": no party of its own, so the last one named."""
    if speaker.mention is None:
        self_words = _words("self")
        return speaker.token.lower_ in self_words or str(speaker.token.lemma_) in self_words
    return speaker.mention.country is None


def named_speaker(
    sources: Sources, participants: set[int], *, exclude: frozenset[str] = frozenset()
) -> Party | None:
    """The first speaker the sentence names with a country ("the Armenian MoD said")."""
    for sp in sources.speakers:
        if sp.verb in exclude or sp.mention is None or sp.mention.root in participants:
            continue
        if sp.mention.country:
            return _party(sp.mention)
    return None


def _speaker(
    sources: Sources,
    perspective: Perspective,
    participants: set[int],
    previous: Party | None,
    exclude: frozenset[str] = frozenset(),
) -> Party | None:
    named = named_speaker(sources, participants, exclude=exclude)
    if named is not None:
        return named
    if previous is not None and any(
        _is_self(sp, perspective) for sp in sources.speakers if sp.verb not in exclude
    ):
        return previous  # reported speech goes on: "It added that …"
    return None


def attribute(
    sources: Sources,
    cues: list[Cue],
    issuer: Party | None,
    perspective: Perspective,
    participants: set[int],
    previous: Party | None = None,
) -> tuple[Attribution, list[Cue]]:
    """The attribution of an event in this sentence, and the cues that decided its stance.

    ``participants`` are the roots of the event's own actor mentions: a claim-maker is
    never one of them. ``previous`` is the last speaker named before this sentence, whom
    "it said"/"the ministry added" refer back to.
    """
    via = tuple(_party(m) for m in sources.via)
    speaker = _speaker(sources, perspective, participants, previous)
    if speaker is not None and issuer is not None and speaker.country == issuer.country:
        # The issuer relays its own side's body ("the Ministry of Defense reports"): it
        # stays the claimant and the body is cited.
        if speaker.name != issuer.name and speaker not in via:
            via = (*via, speaker)
        speaker = issuer
    denials = [c for c in cues if c.stance == "denied"]
    if denials:
        return Attribution(
            claimant=claim_maker(sources, issuer, perspective, participants, previous),
            via=(),
            stance="denied",
        ), denials
    hedges = [c for c in cues if c.stance == "alleged"]
    claimant = speaker or issuer
    if claimant is None and via:
        claimant, via = via[0], via[1:]
    if hedges:
        return Attribution(claimant=claimant, via=via, stance="alleged"), hedges
    stance = "asserted" if claimant is not None else "reported"
    return Attribution(claimant=claimant, via=via, stance=stance), []


def denier(
    sources: Sources,
    issuer: Party | None,
    perspective: Perspective,
    participants: set[int],
    previous: Party | None = None,
) -> Party | None:
    """Who says the claim is false: the sentence's speaker (not one who made a claim),
    else the issuer."""
    speaker = _speaker(sources, perspective, participants, previous, _words("claim_verb"))
    if speaker is None or (issuer is not None and speaker.country == issuer.country):
        return issuer  # the issuer's own side speaking is the issuer
    return speaker


def claim_maker(
    sources: Sources,
    issuer: Party | None,
    perspective: Perspective,
    participants: set[int],
    previous: Party | None = None,
) -> Party | None:
    """The side whose claim a denial rejects: named as its maker, else the other side."""
    rejecting = denier(sources, issuer, perspective, participants, previous)
    own = rejecting.country if rejecting is not None else perspective.own
    makers = [m for m in sources.makers if m.root not in participants and m.country != own]
    makers += [
        sp.mention
        for sp in sources.speakers
        if sp.verb in _words("claim_verb") and sp.mention is not None and sp.mention.country
        and sp.mention.country != own and sp.mention.root not in participants
    ]  # fmt: skip
    if makers:
        return _party(makers[0])
    other = perspective.other if perspective.other != own else None
    if other is None:
        return None
    from conflictcoder.countries import country_name

    return Party(name=country_name(other), country=other)
