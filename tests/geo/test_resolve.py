from __future__ import annotations

import pytest

from conflictcoder.geo.gazetteer import Gazetteer
from conflictcoder.geo.resolve import GeoContext, PlaceMention, explain_places, resolve_places
from conflictcoder.records import Location, Span


def _resolve(
    gaz: Gazetteer, sentence: str, names: list[tuple[str, str | None]], countries: tuple[str, ...]
) -> list[Location | None]:
    mentions = []
    for name, qualifier in names:
        start = sentence.index(name)
        mentions.append(PlaceMention(Span(start, start + len(name), name), qualifier))
    return resolve_places(mentions, GeoContext(countries), gaz)


def test_lachin_goes_to_azerbaijan_in_a_caucasus_document(gazetteer: Gazetteer) -> None:
    text = "Shelling was reported near Lachin overnight."
    (loc,) = _resolve(gazetteer, text, [("Lachin", None)], ("AZE", "ARM"))
    assert loc is not None and loc.country == "AZE" and loc.name == "Lachin"
    assert loc.span == Span(27, 33, "Lachin")


@pytest.mark.parametrize(("country", "lon"), [("LBY", 13.19), ("LBN", 35.84)])
def test_tripoli_follows_the_document_country(
    gazetteer: Gazetteer, country: str, lon: float
) -> None:
    (loc,) = _resolve(gazetteer, "Clashes broke out in Tripoli.", [("Tripoli", None)], (country,))
    assert loc is not None and loc.country == country and loc.lon == pytest.approx(lon, abs=0.05)


def test_a_small_namesake_in_a_document_country_does_not_beat_a_world_city(
    gazetteer: Gazetteer,
) -> None:
    text = "The minister flew to Paris after the attack."
    (loc,) = _resolve(gazetteer, text, [("Paris", None)], ("USA", "IRQ"))
    assert loc is not None and loc.country == "FRA"


def test_district_qualifier_gives_the_district_at_its_seat(gazetteer: Gazetteer) -> None:
    text = "Positions in the Kalbajar district came under fire."
    (loc,) = _resolve(gazetteer, text, [("Kalbajar", "district")], ("AZE",))
    assert loc is not None
    assert (loc.feature, loc.precision, loc.admin1) == ("district", 2, "Kalbajar Rayon")
    assert loc.geonameid == 586268  # the seat town's id, as ACLED codes districts


def test_qualifier_inside_the_span_is_used(gazetteer: Gazetteer) -> None:
    text = "Fighting continued in Baghlan Province on Monday."
    (loc,) = _resolve(gazetteer, text, [("Baghlan Province", None)], ())
    assert loc is not None and (loc.name, loc.feature, loc.precision) == ("Baghlan", "admin1", 3)
    assert loc.text == "Baghlan Province"


def test_district_inside_a_named_province(gazetteer: Gazetteer) -> None:
    text = "Fighters attacked a checkpoint in the Khost district of Baghlan Province."
    khost, baghlan = _resolve(
        gazetteer, text, [("Khost", "district"), ("Baghlan Province", None)], ("AFG",)
    )
    assert baghlan is not None and baghlan.name == "Baghlan"
    assert khost is not None and khost.admin1 == "Baghlan" and khost.feature == "district"


def test_bare_country_and_capital(gazetteer: Gazetteer) -> None:
    text = "Azerbaijan said in Baku that Aleppo was calm."
    aze, baku, aleppo = _resolve(
        gazetteer, text, [("Azerbaijan", None), ("Baku", None), ("Aleppo", None)], ()
    )
    assert aze is not None and (aze.feature, aze.precision, aze.country) == ("country", 3, "AZE")
    assert baku is not None and (baku.country, baku.feature) == ("AZE", "town")
    assert aleppo is not None and aleppo.country == "SYR"


def test_village_qualifier_prefers_a_populated_place(gazetteer: Gazetteer) -> None:
    text = "Residents of Lachin village left."
    (loc,) = _resolve(gazetteer, text, [("Lachin", "village")], ("AZE",))
    assert loc is not None and loc.feature in ("town", "village") and loc.precision == 1


def test_unknown_or_implausible_names_give_none(gazetteer: Gazetteer) -> None:
    text = "Troops moved from Qwxzzyv towards Berd."
    unknown, _ = _resolve(gazetteer, text, [("Qwxzzyv", None), ("Berd", None)], ("ARM",))
    assert unknown is None


def test_same_input_same_output(gazetteer: Gazetteer) -> None:
    text = "Tripoli, Lachin and Mosul were named."
    names: list[tuple[str, str | None]] = [("Tripoli", None), ("Lachin", None), ("Mosul", None)]
    assert _resolve(gazetteer, text, names, ()) == _resolve(gazetteer, text, names, ())


def test_repeated_name_does_not_vouch_for_its_own_reading(gazetteer: Gazetteer) -> None:
    # Three bare mentions of one name are no evidence for any one namesake's country.
    text = "Cambridge"
    mentions = [PlaceMention(Span(i * 20, i * 20 + len(text), text)) for i in range(3)]
    for e in explain_places(mentions, GeoContext(), gazetteer):
        reasons = [r for sc in e.candidates for r in sc.reasons]
        assert not [r for r in reasons if "named in the document" in r or "another place" in r]


def test_an_old_name_across_the_border_loses_to_the_own_name(gazetteer: Gazetteer) -> None:
    # Berd (Tavush, Armenia) was once called Tovuz; Tovuz is also a town in Azerbaijan.
    text = (
        "Mortar fire hit positions near Ijevan in Tavush province. "
        "The other side claimed that houses in Tovuz were shelled."
    )
    names = [("Ijevan", None), ("Tavush", "province"), ("Tovuz", None)]
    *_, tovuz = _resolve(gazetteer, text, names, ("ARM", "AZE"))
    assert tovuz is not None and (tovuz.name, tovuz.country) == ("Tovuz", "AZE")
