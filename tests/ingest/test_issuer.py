from __future__ import annotations

import pytest

from conflictcoder.ingest.issuer import find_issuer
from conflictcoder.records import Removed


@pytest.mark.parametrize(
    ("text", "name", "country", "span"),
    [
        (
            "Tbilisi, 2 May 2021 (XYZ): The Ministry of Foreign Affairs of Georgia published a"
            " statement on the incident.\n\nMore text.",
            "Ministry of Foreign Affairs of Georgia",
            "GEO",
            "Ministry of Foreign Affairs of Georgia",
        ),
        (
            "The press service of the Armenian Defence Ministry said enemy units opened fire.",
            "Ministry of Defense of Armenia",
            "ARM",
            "Armenian Defence Ministry",
        ),
        (
            "The Ministry of Defence of Azerbaijan reports that the positions came under fire.",
            "Ministry of Defense of Azerbaijan",
            "AZE",
            "Ministry of Defence of Azerbaijan",
        ),
        (
            "Ukraine's Foreign Ministry said in a statement that the strikes hit a school.",
            "Ministry of Foreign Affairs of Ukraine",
            "UKR",
            "Ukraine's Foreign Ministry",
        ),
        (
            "In a statement, the Syrian army said it had repelled an attack near the city.",
            "Armed Forces of Syria",
            "SYR",
            "Syrian army",
        ),
        (
            "Statement by the Ministry of Defence of the Republic of Armenia\nOn Monday night ...",
            "Ministry of Defense of Armenia",
            "ARM",
            "Ministry of Defence of the Republic of Armenia",
        ),
    ],
)
def test_statement_openings(text: str, name: str, country: str, span: str) -> None:
    party = find_issuer(text, ())
    assert party is not None
    assert (party.name, party.country) == (name, country)
    assert party.span is not None and party.span.text == span
    assert text[party.span.start : party.span.end] == span


@pytest.mark.parametrize(
    "text",
    [
        # a news lede quoting a ministry is a news story, not the ministry's statement
        "BEIRUT (AP) -- Syria's Foreign Ministry said rebels shelled the capital.",
        # quoted further down the story
        "Fighting resumed on Sunday.\nSix people were killed.\n\n"
        "Russia's foreign ministry said in a statement that it was concerned.",
        # no country to read
        "The Ministry of Defense said in a statement that troops repelled an attack.",
        "Gunmen attacked a convoy near the border on Monday.",
        "",
    ],
)
def test_no_issuer(text: str) -> None:
    assert find_issuer(text, ()) is None


def test_removed_text_is_never_an_issuer() -> None:
    line = "The Ministry of Foreign Affairs of Georgia published a statement on the talks."
    text = line + "\nTroops shelled the village."
    removed = [Removed(0, len(line), line, "related-link")]
    assert find_issuer(text, removed) is None
