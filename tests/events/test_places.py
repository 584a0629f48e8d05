"""find_places: place mentions with their feature word; countries only after a locative."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Span as SpacySpan

from conflictcoder.config import Config
from conflictcoder.events.places import find_places
from conflictcoder.geo.gazetteer import Gazetteer, load_gazetteer

Parse = Callable[[str], SpacySpan]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(Config())


def _places(
    sentence: SpacySpan, gazetteer: Gazetteer, excluded: set[int] | None = None
) -> list[tuple[str, str | None]]:
    found = find_places(sentence, 0, gazetteer, excluded or set())
    return [(p.span.text, p.qualifier) for p in found]


def test_a_qualifier_spreads_over_a_list(sent: Parse, gazetteer: Gazetteer) -> None:
    s = sent("Armenian forces shelled the Dashkasan, Kalbajar and Lachin districts.")
    assert _places(s, gazetteer) == [
        ("Dashkasan", "districts"),
        ("Kalbajar", "districts"),
        ("Lachin", "districts"),
    ]


def test_a_single_qualified_place(sent: Parse, gazetteer: Gazetteer) -> None:
    s = sent("Armenian forces fired at positions in the Lachin district.")
    assert _places(s, gazetteer) == [("Lachin", "district")]


def test_the_village_of_x(sent: Parse, gazetteer: Gazetteer) -> None:
    assert _places(sent("Houses in the village of Sofulu were damaged."), gazetteer) == [
        ("Sofulu", "village")
    ]


def test_spans_are_exact_with_offset(sent: Parse, gazetteer: Gazetteer) -> None:
    s = sent("Troops shelled the Lachin district.")
    (place,) = find_places(s, 500, gazetteer, set())
    assert s.doc.text[place.span.start - 500 : place.span.end - 500] == place.span.text == "Lachin"


def test_a_country_is_a_place_only_after_a_locative(sent: Parse, gazetteer: Gazetteer) -> None:
    assert _places(sent("Shelling was reported in Azerbaijan."), gazetteer) == [
        ("Azerbaijan", None)
    ]
    assert _places(sent("Azerbaijan condemned the shelling."), gazetteer) == []


def test_actor_tokens_are_not_places(sent: Parse, gazetteer: Gazetteer) -> None:
    s = sent("Troops shelled the Lachin district.")
    lachin = next(t.i for t in s if t.text == "Lachin")
    assert _places(s, gazetteer, excluded={lachin}) == []
