from __future__ import annotations

import pytest

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.geo.build import Q_FUZZY
from conflictcoder.geo.gazetteer import Gazetteer
from conflictcoder.geo.resolve import GeoContext, PlaceMention, explain_places, resolve_places
from conflictcoder.records import Span


def _mention(text: str, qualifier: str | None = None) -> PlaceMention:
    return PlaceMention(Span(0, len(text), text), qualifier)


def test_one_typo_finds_the_place_but_below_exact_matches(gazetteer: Gazetteer) -> None:
    found = gazetteer.fuzzy_candidates("Kalbajr")
    assert found and found[0].name == "Kalbajar" and found[0].country == "AZE"
    assert all(c.match == Q_FUZZY for c in found)
    (loc,) = resolve_places([_mention("Kalbajr")], GeoContext(countries=("AZE",)), gazetteer)
    exact = resolve_places([_mention("Kalbajar")], GeoContext(countries=("AZE",)), gazetteer)[0]
    assert loc is not None and exact is not None and loc.name == "Kalbajar"
    assert (loc.score or 0) < (exact.score or 0)


def test_fuzzy_never_makes_places_of_short_or_common_words(gazetteer: Gazetteer) -> None:
    assert gazetteer.fuzzy_candidates("Bako") == []
    assert gazetteer.fuzzy_candidates("Qwxzzyvvq") == []
    # No document country: a fuzzy village is too weak to be chosen.
    assert resolve_places([_mention("Soldiers")], GeoContext(), gazetteer) == [None]


def test_explain_gives_scored_candidates_with_reasons(gazetteer: Gazetteer) -> None:
    mentions = [_mention("Lachin", "district")]
    (e,) = explain_places(mentions, GeoContext(countries=("AZE",)), gazetteer)
    assert e.location is not None and e.location.country == "AZE"
    best = e.candidates[0]
    assert best.candidate.country == "AZE" and best.candidate.feature == "district"
    assert any("qualifier says district" in r for r in best.reasons)
    assert any("document country (AZE)" in r for r in best.reasons)
    assert [c.score for c in e.candidates] == sorted((c.score for c in e.candidates), reverse=True)
    assert any(c.candidate.country == "TUR" for c in e.candidates)  # Laçin, Turkey, lost


def test_demonym_stands_for_its_country(gazetteer: Gazetteer) -> None:
    (loc,) = resolve_places([_mention("Armenian")], GeoContext(), gazetteer)
    assert loc is not None and (loc.country, loc.feature) == ("ARM", "country")


def test_countries_sit_at_their_centre_not_their_capital(gazetteer: Gazetteer) -> None:
    (loc,) = resolve_places([_mention("Russia")], GeoContext(), gazetteer)
    assert loc is not None and loc.lat is not None and loc.lat > 58  # Moscow is at 55.7


_ALIASES = [
    row
    for _line, row in read_tsv(
        DATA_DIR / "place_aliases.tsv", ("alias", "geonameid", "lang_or_side", "note")
    )
]


@pytest.mark.parametrize("row", _ALIASES, ids=[r["alias"] for r in _ALIASES])
def test_every_alias_resolves_to_its_place(gazetteer: Gazetteer, row: dict[str, str]) -> None:
    found = {c.geonameid for c in gazetteer.candidates(row["alias"]) if c.match == 0}
    assert int(row["geonameid"]) in found
