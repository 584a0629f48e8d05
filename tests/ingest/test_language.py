from __future__ import annotations

from conflictcoder.ingest.language import detect_language

EN = "Two soldiers were killed and three wounded\nwhen their vehicle struck a landmine."


def test_english_with_newlines() -> None:
    lang, score = detect_language(EN)
    assert lang == "en" and 0.5 < score <= 1.0


def test_french_and_russian() -> None:
    assert (
        detect_language("Deux soldats ont été tués lors d'une attaque contre leur poste.")[0]
        == "fr"
    )
    assert detect_language("Два солдата погибли в результате обстрела позиций армии.")[0] == "ru"


def test_deterministic_and_bounded() -> None:
    long_text = EN * 2000
    assert detect_language(long_text) == detect_language(long_text)


def test_nothing_to_read() -> None:
    assert detect_language("  12 345 \n -- ") == ("und", 0.0)
