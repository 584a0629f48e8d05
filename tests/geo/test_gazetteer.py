from __future__ import annotations

from pathlib import Path

import pytest

from conflictcoder.config import DATA_DIR, Config
from conflictcoder.errors import DataError
from conflictcoder.geo.gazetteer import Gazetteer, cache_dir, load_gazetteer


def _ids(gaz: Gazetteer, name: str, country: str) -> set[int | None]:
    return {c.geonameid for c in gaz.candidates(name) if c.country == country}


def test_disputed_names_meet_on_one_place(gazetteer: Gazetteer) -> None:
    assert _ids(gazetteer, "Stepanakert", "AZE") & _ids(gazetteer, "Khankendi", "AZE")
    berdzor = gazetteer.candidates("Berdzor")
    assert berdzor and berdzor[0].name == "Lachin" and berdzor[0].country == "AZE"
    assert gazetteer.candidates("Gedabek")[0].name == "Gadabay"


def test_local_spelling_finds_the_english_name(gazetteer: Gazetteer) -> None:
    names = {(c.name, c.country, c.feature) for c in gazetteer.candidates("Kəlbəcər")}
    assert ("Kalbajar", "AZE", "district") in names
    assert ("Kalbajar", "AZE", "town") in names


def test_admin_unit_takes_its_seat_coordinates(gazetteer: Gazetteer) -> None:
    unit = next(c for c in gazetteer.candidates("Lachin") if c.feature == "district")
    assert unit.country == "AZE" and unit.admin1 == "Lachin Rayon"
    assert unit.seat_name == "Lachin" and unit.seat_source == "same-name"
    assert unit.lat == pytest.approx(39.64, abs=0.02) and unit.lon == pytest.approx(46.55, abs=0.02)


def test_country_name_and_iso3(gazetteer: Gazetteer) -> None:
    top = gazetteer.candidates("Azerbaijan")[0]
    assert (top.feature, top.country, top.seat_source) == ("country", "AZE", "capital")
    assert "ARM" in gazetteer.neighbours("AZE")


def test_unknown_name_has_no_candidates(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Qwxzzyv") == []
    assert gazetteer.candidates("  ") == []


def test_ruler_names_are_strong_and_skip_common_words(gazetteer: Gazetteer) -> None:
    names = set(gazetteer.ruler_names())
    assert {"Azerbaijan", "Aleppo", "Stepanakert", "Lachin"} <= names
    assert "Mobile" not in names and "Split" not in names
    assert gazetteer.is_toponym("Kalbajar") and gazetteer.is_toponym("Kəlbəcər")
    assert not gazetteer.is_toponym("Mobile")
    assert gazetteer.is_common_word("mobile")


def test_min_population_drops_small_towns() -> None:
    big = load_gazetteer(Config(min_population=15000))
    assert all(c.population >= 15000 for c in big.candidates("Tripoli") if c.feature == "town")
    assert any(c.country == "USA" for c in load_gazetteer(Config()).candidates("Tripoli"))


def test_user_alias_file_extends_the_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "place_aliases.tsv").write_text(
        "alias\tgeonameid\tlang_or_side\tnote\nOld Baku Town\t587084\ten\ttest alias\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer(Config(user_data_dir=tmp_path))
    assert gaz.candidates("Old Baku Town")[0].name == "Baku"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Nowhere\t999999999\ten\tbad id\n", "is not in the gazetteer"),
        ("Nowhere\tabc\ten\tbad id\n", "is not a number"),
        ("Nowhere\t587084\ten\n", "tab-separated fields"),
    ],
)
def test_bad_alias_rows_name_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text("alias\tgeonameid\tlang_or_side\tnote\n" + body, encoding="utf-8")
    base = load_gazetteer(Config())
    with pytest.raises(DataError, match=rf"aliases.tsv:2: .*{message}"):
        Gazetteer(base.path, 500, (DATA_DIR / "place_aliases.tsv", path))


def test_cache_dir_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONFLICTCODER_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("CONFLICTCODER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "conflictcoder"
