"""find_actors and fill_template: named groups, "<country> <force noun>", perspective."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.events.actors import (
    ActorMention,
    Perspective,
    fill_template,
    find_actors,
    in_perspective,
)

Parse = Callable[[str], SpacySpan]
AZE_SPEAKS = Perspective(own="AZE", other="ARM")
NOBODY = Perspective(own=None, other=None)


def _actors(
    sentence: SpacySpan, perspective: Perspective = AZE_SPEAKS
) -> list[tuple[str, str | None, str | None, str | None]]:
    doc = sentence.doc
    return [(m.text(doc), m.name, m.country, m.sector) for m in find_actors(sentence, perspective)]


@pytest.mark.parametrize(
    "template, country, name",
    [
        ("Military Forces of {country}", "ARM", "Military Forces of Armenia"),
        ("Military Forces of {country}", None, "Military Forces"),
        ("Rebels ({country})", "AFG", "Rebels (Afghanistan)"),
        ("Rebels ({country})", None, "Rebels"),
    ],
)
def test_fill_template(template: str, country: str | None, name: str) -> None:
    assert fill_template(template, country) == name


@pytest.mark.parametrize(
    "text, surface, name, country, sector",
    [
        ("Hezbollah fired rockets at the town.", "Hezbollah", "Hezbollah", "LBN", "militia"),
        ("ISIS claimed the bombing in the city.", "ISIS", "Islamic State", None, "rebel"),
    ],
)
def test_named_groups_come_from_the_actor_table(
    sent: Parse, text: str, surface: str, name: str, country: str | None, sector: str
) -> None:
    assert _actors(sent(text)) == [(surface, name, country, sector)]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Armenian soldiers shelled the village.", "Armenian soldiers"),
        ("Armenian forces fired at the outpost.", "Armenian forces"),
        ("Troops of Armenia shelled the ridge.", "Troops of Armenia"),
        ("Soldiers of the Armenian army opened fire.", "Soldiers of the Armenian army"),
    ],
)
def test_country_with_force_noun_names_the_armed_forces(
    sent: Parse, text: str, surface: str
) -> None:
    assert _actors(sent(text))[0] == (surface, "Military Forces of Armenia", "ARM", "military")


def test_force_noun_without_country_keeps_a_bare_name(sent: Parse) -> None:
    assert _actors(sent("Rebels attacked a checkpoint."), NOBODY) == [
        ("Rebels", "Rebels", None, "rebel")
    ]


def test_our_forces_belong_to_the_claimant(sent: Parse) -> None:
    s = sent("Our armed forces returned fire.")
    assert _actors(s) == [("Our armed forces", "Military Forces of Azerbaijan", "AZE", "military")]
    flipped = Perspective(own="ARM", other="AZE")
    assert _actors(s, flipped)[0][1:3] == ("Military Forces of Armenia", "ARM")


def test_a_speakers_perspective_rereads_our_and_enemy_words_only(sent: Parse) -> None:
    # A quoted speaker of the other side: "our troops" and "the enemy" swap countries; a
    # named country's forces do not move. Re-reading equals matching again.
    s = sent("Our troops repelled the enemy and Turkish soldiers watched.")
    theirs = Perspective(own="ARM", other="AZE")
    mentions = find_actors(s, Perspective(own="AZE", other="ARM"))
    assert in_perspective(mentions, theirs, s.doc) == find_actors(s, theirs)
    assert [m.country for m in in_perspective(mentions, theirs, s.doc)] == ["ARM", "AZE", "TUR"]


def test_enemy_positions_belong_to_the_other_side(sent: Parse) -> None:
    s = sent("Enemy positions were destroyed by artillery.")
    assert _actors(s) == [("Enemy positions", "Military Forces of Armenia", "ARM", "military")]


def test_the_enemy_alone_is_the_other_side(sent: Parse) -> None:
    assert [(n, c) for _, n, c, _ in _actors(sent("The enemy shelled the village."))] == [
        ("Military Forces of Armenia", "ARM")
    ]


def test_bare_country_is_a_party_without_sector(sent: Parse) -> None:
    assert _actors(sent("Armenia shelled the border villages.")) == [
        ("Armenia", "Armenia", "ARM", None)
    ]


def test_mentions_in_text_order_without_overlaps(sent: Parse) -> None:
    s = sent("Azerbaijani troops and Armenian forces clashed near the border.")
    mentions: list[ActorMention] = find_actors(s, AZE_SPEAKS)
    assert [(m.text(s.doc), m.country) for m in mentions] == [
        ("Azerbaijani troops", "AZE"),
        ("Armenian forces", "ARM"),
    ]
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
    for m in mentions:
        assert m.start <= m.root < m.end


def test_civilians_are_the_civilian_sector(sent: Parse) -> None:
    assert _actors(sent("Police fired on protesters in the capital."), NOBODY) == [
        ("Police", "Police Forces", None, "police"),
        ("protesters", "Protesters", None, "civilian"),
    ]


def test_named_group_survives_a_following_force_noun(sent: Parse) -> None:
    ((_, name, country, _),) = _actors(sent("The convoy was ambushed by Taliban fighters."))
    assert (name, country) == ("Taliban", "AFG")
