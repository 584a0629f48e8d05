"""find_cues and attribute: claimant, cited sources and stance of a sentence's claims."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span as SpacySpan

from conflictcoder.events.actors import Perspective, find_actors
from conflictcoder.events.attribution import attribute, find_cues, find_sources
from conflictcoder.records import Attribution, Party

Parse = Callable[[str], SpacySpan]
AZE_SPEAKS = Perspective(own="AZE", other="ARM")
ISSUER = Party(name="Ministry of Defense of Azerbaijan", country="AZE")
ARM_MOD = Party(name="Ministry of Defense of Armenia", country="ARM")


def _attribute(
    sentence: SpacySpan, issuer: Party | None = ISSUER, participants: set[int] | None = None
) -> tuple[Attribution, list[str]]:
    mentions = find_actors(sentence, AZE_SPEAKS)
    sources = find_sources(sentence, mentions)
    attribution, cues = attribute(
        sources, find_cues(sentence, 0), issuer, AZE_SPEAKS, participants or set()
    )
    return attribution, [c.text for c in cues]


def test_cues_carry_stance_and_exact_offsets(sent: Parse) -> None:
    s = sent("The ministry denied the reports that rebels reportedly shelled the town.")
    cues = find_cues(s, 100)
    assert [(c.stance, c.text) for c in cues] == [("denied", "denied"), ("alleged", "reportedly")]
    for cue in cues:
        assert s.doc.text[cue.start - 100 : cue.end - 100] == cue.text


def test_a_sentence_without_cues_has_none(sent: Parse) -> None:
    assert find_cues(sent("Armenian forces shelled the village."), 0) == []


def test_the_issuer_is_the_default_claimant(sent: Parse) -> None:
    s = sent("Armenian forces shelled the village.")
    assert _attribute(s) == (Attribution(claimant=ISSUER, via=(), stance="asserted"), [])


def test_without_issuer_or_speaker_the_claim_is_only_reported(sent: Parse) -> None:
    s = sent("Armenian forces shelled the village.")
    assert _attribute(s, issuer=None) == (Attribution(claimant=None, via=(), stance="reported"), [])


def test_according_to_x_is_a_cited_source(sent: Parse) -> None:
    s = sent("According to the Armenian Defense Ministry, Azerbaijani troops shelled the village.")
    attribution, _ = _attribute(s)
    assert attribution.claimant == ISSUER
    assert attribution.via == (ARM_MOD,)
    assert attribution.stance == "asserted"


def test_according_to_x_claims_when_there_is_no_issuer(sent: Parse) -> None:
    s = sent("According to the Armenian Defense Ministry, Azerbaijani troops shelled the village.")
    attribution, _ = _attribute(s, issuer=None)
    assert attribution == Attribution(claimant=ARM_MOD, via=(), stance="asserted")


def test_x_said_makes_x_the_claimant(sent: Parse) -> None:
    s = sent("The Armenian side said that Azerbaijani forces opened fire on the village.")
    attribution, _ = _attribute(s)
    assert attribution.claimant == Party(name="Government of Armenia", country="ARM")
    assert attribution.stance == "asserted"


def test_the_speaker_itself_saying_so_keeps_the_issuer(sent: Parse) -> None:
    s = sent("The ministry said Armenian forces opened fire on our positions.")
    assert _attribute(s)[0].claimant == ISSUER


def test_a_denial_names_the_claim_maker_as_claimant(sent: Parse) -> None:
    s = sent(
        "The Armenian Defense Ministry spread false information that our forces shelled a village."
    )
    attribution, cues = _attribute(s)
    assert attribution == Attribution(claimant=ARM_MOD, via=(), stance="denied")
    assert cues == ["false information"]


def test_a_denial_without_a_named_maker_falls_to_the_other_side(sent: Parse) -> None:
    s = sent("Reports that our forces shelled a village are false.")
    attribution, cues = _attribute(s)
    assert attribution.stance == "denied"
    assert attribution.claimant == Party(name="Armenia", country="ARM")
    assert cues == ["are false"]


def test_a_participant_is_never_the_claim_maker(sent: Parse) -> None:
    s = sent("The Armenian side said that its forces were shelled.")
    mentions = find_actors(s, AZE_SPEAKS)
    side = next(m for m in mentions if m.text(s.doc) == "The Armenian side")
    assert _attribute(s)[0].claimant == Party(name="Government of Armenia", country="ARM")
    assert _attribute(s, participants={side.root})[0].claimant == ISSUER


def test_a_hedge_makes_the_claim_alleged(sent: Parse) -> None:
    s = sent("Armenian units reportedly shelled the town.")
    attribution, cues = _attribute(s)
    assert attribution == Attribution(claimant=ISSUER, via=(), stance="alleged")
    assert cues == ["reportedly"]
