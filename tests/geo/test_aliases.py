"""Alias and dispute data (data/place_aliases.tsv): every row finds its place, and the
region's disputed names resolve to one place whichever side's spelling a report uses."""

from __future__ import annotations

import pytest

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.geo.gazetteer import Gazetteer
from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
from conflictcoder.records import Location, Span

ROWS = [row for _line, row in read_tsv(DATA_DIR / "place_aliases.tsv", ("alias", "geonameid",
        "lang_or_side", "note"))]  # fmt: skip
SOUTH_CAUCASUS = GeoContext(("AZE", "ARM"))


def _resolve(gazetteer: Gazetteer, text: str, context: GeoContext = SOUTH_CAUCASUS) -> Location:
    sentence = f"Shelling was reported near {text} on Monday."
    start = sentence.index(text)
    (loc,) = resolve_places(
        [PlaceMention(Span(start, start + len(text), text))], context, gazetteer
    )
    assert loc is not None, text
    return loc


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['alias']}-{r['geonameid']}" for r in ROWS])
def test_every_alias_finds_its_place_as_an_own_name(
    gazetteer: Gazetteer, row: dict[str, str]
) -> None:
    found = [c for c in gazetteer.candidates(row["alias"]) if c.geonameid == int(row["geonameid"])]
    assert found and found[0].match == 0, row


@pytest.mark.parametrize(
    ("names", "geonameid"),
    [
        (("Stepanakert", "Khankendi", "Xankəndi", "Xankendi", "Khankandi"), 146970),
        (("Berdzor", "Lachin", "Laçın"), 147625),
        (("Karvachar", "Qarvachar", "Kalbajar", "Kəlbəcər", "Kelbajar", "Kel'badzhar"), 586268),
        (("Shushi", "Shusha", "Şuşa"), 147105),
        (("Martakert", "Mardakert", "Aghdara", "Ağdərə", "Agdere"), 409420),
        (("Hadrut",), 409423),
        (("Aghavno", "Zabukh", "Zabux"), 147626),
        (("Murovdag", "Murovdağ", "Mrav"), 586047),
        (("Sarsang", "Sərsəng"), 409420),
        (("Gadabay", "Gədəbəy", "Gedabek", "Kedabek", "Gedebey"), 586573),
        (("Basargechar",), 616108),
        (("Varanda", "Fuzuli"), 148106),
        (("Jrakan", "Jabrayil", "Cəbrayıl"), 148141),
    ],
)
def test_both_sides_names_resolve_to_one_place(
    gazetteer: Gazetteer, names: tuple[str, ...], geonameid: int
) -> None:
    for name in names:
        loc = _resolve(gazetteer, name)
        assert loc.geonameid == geonameid or loc.name == gazetteer.by_geonameid(geonameid)[0].name
        assert loc.country == "AZE" or geonameid == 616108, name


def test_tovuz_and_tavush_are_two_places(gazetteer: Gazetteer) -> None:
    assert _resolve(gazetteer, "Tovuz").country == "AZE"
    tavush = _resolve(gazetteer, "Tavush province")
    assert tavush.country == "ARM" and tavush.feature == "admin1"


def test_lachin_in_a_caucasus_report_is_not_the_turkish_town(gazetteer: Gazetteer) -> None:
    for name in ("Lachin", "Laçın", "Latchine"):
        assert _resolve(gazetteer, name).country == "AZE", name


def test_vardenis_is_the_gegharkunik_town_unless_the_context_says_aragatsotn(
    gazetteer: Gazetteer,
) -> None:
    assert _resolve(gazetteer, "Vardenis", GeoContext(("ARM",))).geonameid == 616108
    text = "Troops moved from Aragatsotn province to Vardenis village."
    spans = [Span(18, 28, "Aragatsotn"), Span(text.index("Vardenis"), text.index(" village"),
             "Vardenis")]  # fmt: skip
    mentions = [PlaceMention(spans[0], "province"), PlaceMention(spans[1], "village")]
    _prov, village = resolve_places(mentions, GeoContext(("ARM",)), gazetteer)
    assert village is not None and village.geonameid == 616107 and village.admin1 == "Aragatsotn"


def test_abbreviations_and_demonyms_stay_out_of_the_entity_ruler(gazetteer: Gazetteer) -> None:
    names = set(gazetteer.ruler_names())
    assert "Calif." not in names and "Korean" not in names and "SA" not in names
    assert "Stepanakert" in names and "Karvachar" in names


@pytest.mark.parametrize(
    ("text", "geonameid"),
    [("White House", 4140963), ("Trump Tower", 5128581), ("Anfield", 2644210)],
)
def test_a_landmark_resolves_to_its_city(gazetteer: Gazetteer, text: str, geonameid: int) -> None:
    assert _resolve(gazetteer, text, GeoContext()).geonameid == geonameid


def test_landmarks_are_not_tagged_in_running_text(gazetteer: Gazetteer) -> None:
    # "the White House said" names a speaker far more often than a place
    ruler = set(gazetteer.ruler_names())
    assert "White House" not in ruler and "Kremlin" not in ruler
