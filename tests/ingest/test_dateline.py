from __future__ import annotations

import datetime as dt

import pytest

from conflictcoder.ingest.dateline import parse_dateline

REF = dt.date(2022, 9, 14)


@pytest.mark.parametrize(
    ("text", "place", "date", "agency", "span"),
    [
        (
            "Baku, 13 September 2022 (TDI): The ministry",
            "Baku",
            dt.date(2022, 9, 13),
            "TDI",
            "Baku, 13 September 2022 (TDI):",
        ),
        ("KYIV, Ukraine (AP) — Missiles struck", "Kyiv", None, "AP", "KYIV, Ukraine (AP) —"),
        (
            "YEREVAN, Sept 13 (Reuters) - Armenia said",
            "Yerevan",
            dt.date(2022, 9, 13),
            "Reuters",
            "YEREVAN, Sept 13 (Reuters) -",
        ),
        ("BEIRUT (AP) -- A car bomb exploded", "Beirut", None, "AP", "BEIRUT (AP) --"),
        (
            "13.09.2022 | 10:15\nThe ministry reports",
            None,
            dt.date(2022, 9, 13),
            None,
            "13.09.2022 | 10:15",
        ),
        (
            "WASHINGTON, March 3, 2021 /PRNewswire/ -- The firm",
            "Washington",
            dt.date(2021, 3, 3),
            "PRNewswire",
            "WASHINGTON, March 3, 2021 /PRNewswire/ --",
        ),
        (
            "Kabul, Afghanistan (Sunday, August 14, 2022) — Gunmen",
            "Kabul",
            dt.date(2022, 8, 14),
            None,
            "Kabul, Afghanistan (Sunday, August 14, 2022) —",
        ),
        (
            "Herat [Afghanistan], July 20 (ANI): Police said",
            "Herat",
            dt.date(2022, 7, 20),
            "ANI",
            "Herat [Afghanistan], July 20 (ANI):",
        ),
        (
            "Cali, Apr 30 (EFE).- Six rebels",
            "Cali",
            dt.date(2022, 4, 30),
            "EFE",
            "Cali, Apr 30 (EFE).-",
        ),
        (
            "NORTH KIVU, April 5 (APP):Troops",
            "North Kivu",
            dt.date(2022, 4, 5),
            "APP",
            "NORTH KIVU, April 5 (APP):",
        ),
        ("Ankara, NNA- The minister", "Ankara", None, "NNA", "Ankara, NNA-"),
        ("DAMASCUS (AP) \ufffd A rocket", "Damascus", None, "AP", "DAMASCUS (AP) \ufffd"),
        ("SEOUL, South Korea — A vote", "Seoul", None, None, "SEOUL, South Korea —"),
    ],
)
def test_dateline_forms(
    text: str, place: str | None, date: dt.date | None, agency: str | None, span: str
) -> None:
    found = parse_dateline(text, reference=REF)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, date, agency)
    assert found.span is not None
    assert found.span.text == span
    assert text[found.span.start : found.span.end] == span


def test_dateline_after_a_headline_line() -> None:
    text = "Rockets hit border town\nHAIFA (Reuters) - Two rockets landed on Tuesday."
    found = parse_dateline(text)
    assert found is not None and found.place == "Haifa" and found.agency == "Reuters"
    assert found.span is not None and found.span.start == text.index("HAIFA")


def test_dateline_after_a_repeated_headline() -> None:
    text = "Police Clash With Rebels\n\nPolice Clash With Rebels. GROZNY -- Fighting went on."
    found = parse_dateline(text)
    assert found is not None and found.place == "Grozny"


def test_date_without_year_needs_a_reference() -> None:
    found = parse_dateline("YEREVAN, Sept 13 (Reuters) - Text")
    assert found is not None and found.date is None and found.place == "Yerevan"
    late = parse_dateline("YEREVAN, Dec 31 (Reuters) - Text", reference=dt.date(2023, 1, 2))
    assert late is not None and late.date == dt.date(2022, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "TITLE: Clashes resume LINK: http://example.org/1",
        "READ MORE: Clashes resume",
        "BREAKING — Troops cross the river",
        "Local media: Blast at market",
        "The army said on Monday - that was false",
        "Nothing happened here.",
        "",
        "Turkey, Syria and Iraq - all three were named",
        "Rebels shelled the town on Monday. BEIRUT (AP) -- deep in the body",
    ],
)
def test_not_a_dateline(text: str) -> None:
    assert parse_dateline(text, reference=REF) is None


def test_never_deep_in_the_body() -> None:
    body = "Troops shelled the village on Monday.\n" * 3 + "BEIRUT (AP) -- Later text.\n"
    assert parse_dateline(body) is None
