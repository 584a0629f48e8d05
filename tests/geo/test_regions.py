"""Regions, oceans, abbreviations, demonyms and capitals beat small namesakes with no context."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictcoder.errors import DataError
from conflictcoder.geo import regions as regions_module
from conflictcoder.geo.gazetteer import Gazetteer
from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
from conflictcoder.records import Location, Span


def _alone(gazetteer: Gazetteer, text: str) -> Location:
    (loc,) = resolve_places([PlaceMention(Span(0, len(text), text))], GeoContext(), gazetteer)
    assert loc is not None, text
    return loc


@pytest.mark.parametrize(
    ("text", "name", "feature"),
    [
        ("EU", "Europe", "region"),  # not Eu, a town in Normandy
        ("European", "Europe", "region"),
        ("Atlantic", "Atlantic Ocean", "region"),  # not Atlantic, Iowa
        ("Middle East", "Middle East", "region"),
        ("Korean Peninsula", "Korean Peninsula", "region"),
        ("Gulf", "Persian Gulf", "region"),
        ("Calif.", "California", "admin1"),
        ("W.Va.", "West Virginia", "admin1"),
        ("B.C.", "British Columbia", "admin1"),
        ("Canadian", "Canada", "country"),  # not Canadian, Texas
        ("Wales", "Wales", "admin1"),  # a demonym-country never swallows its own unit
        ("Korea", "Korea, Republic of", "country"),
        ("Bank of Mexico", "Mexico", "country"),  # the country inside an institution's name
        ("Dubai World Cup", "Dubai", "town"),
    ],
)
def test_bare_names_find_the_big_place(
    gazetteer: Gazetteer, text: str, name: str, feature: str
) -> None:
    loc = _alone(gazetteer, text)
    assert (loc.name, loc.feature) == (name, feature)


def test_washington_alone_is_the_capital(gazetteer: Gazetteer) -> None:
    assert _alone(gazetteer, "Washington").geonameid == 4140963


def test_a_big_city_beats_a_small_namesake_in_a_named_province(gazetteer: Gazetteer) -> None:
    text = "Louisville and Mississippi"
    mentions = [PlaceMention(Span(0, 10, "Louisville")), PlaceMention(Span(15, 26, "Mississippi"))]
    louisville, _state = resolve_places(mentions, GeoContext(), gazetteer)
    assert text.startswith("Louisville") and louisville is not None
    assert louisville.admin1 == "Kentucky"


def test_region_points_are_their_centres(gazetteer: Gazetteer) -> None:
    loc = _alone(gazetteer, "Mediterranean")
    assert loc.lat == pytest.approx(35.0) and loc.lon == pytest.approx(20.0)


def test_a_bad_regions_row_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "place_regions.tsv"
    bad.write_text(
        "geonameid\tname\tkind\tlat\tlon\tnames\tcountry\n\tNowhere\tSea\tnorth\t0\t\t\n"
    )
    monkeypatch.setattr(regions_module, "REGIONS_FILE", bad)
    regions_module.regions.cache_clear()
    try:
        with pytest.raises(DataError, match=r"place_regions.tsv:2: "):
            regions_module.regions()
    finally:
        regions_module.regions.cache_clear()
