"""Dateline shapes beyond the classic wire forms: each line here is written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictcoder.config import Config
from conflictcoder.geo.gazetteer import load_gazetteer
from conflictcoder.ingest.dateline import parse_dateline
from conflictcoder.ingest.document import build_document
from conflictcoder.records import Dateline, Document, RawInput
from conflictcoder.serialize import document_json


@pytest.mark.parametrize(
    ("text", "place", "date", "agency", "span"),
    [
        (  # the country after the city, a full stop after the year
            "GOMA, Congo, March 4, 2024. Rebels shelled the airport road.",
            "Goma",
            dt.date(2024, 3, 4),
            None,
            "GOMA, Congo, March 4, 2024.",
        ),
        (  # a colon after the city, the date, a dash
            "TORIT: June 3, 2023 — Soldiers clashed with herders.",
            "Torit",
            dt.date(2023, 6, 3),
            None,
            "TORIT: June 3, 2023 —",
        ),
        (  # the date first, then the city
            "7 February 2024, Kismayo – Clan fighters traded fire.",
            "Kismayo",
            dt.date(2024, 2, 7),
            None,
            "7 February 2024, Kismayo –",
        ),
        (  # after a headline line, with a province and a country
            "Shelling resumes in the south\nKADUGLI, South Kordofan, Sudan, Jan 8, 2024. "
            "Artillery hit the market.",
            "Kadugli",
            dt.date(2024, 1, 8),
            None,
            "KADUGLI, South Kordofan, Sudan, Jan 8, 2024.",
        ),
        (  # an ordinal day and an abbreviated month with its dot
            "HARGEISA, Dec. 6th, 2023 (Reuters) - Police dispersed a march.",
            "Hargeisa",
            dt.date(2023, 12, 6),
            "Reuters",
            "HARGEISA, Dec. 6th, 2023 (Reuters) -",
        ),
        (  # a named agency written as a plain word after the place
            "MOGADISHU, Reuters - A blast shook the port.",
            "Mogadishu",
            None,
            "Reuters",
            "MOGADISHU, Reuters -",
        ),
    ],
)
def test_more_dateline_shapes(
    text: str, place: str | None, date: dt.date | None, agency: str | None, span: str
) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, date, agency)
    assert found.span is not None and found.span.text == span
    assert text[found.span.start : found.span.end] == span
    assert not found.year_inferred


def test_date_then_city_alone_on_its_line() -> None:
    text = "12 March 2023, Bamako\nGunmen attacked a checkpoint at dawn."
    found = parse_dateline(text)
    assert found is not None and (found.place, found.date) == ("Bamako", dt.date(2023, 3, 12))
    assert found.span is not None and found.span.text == "12 March 2023, Bamako"


def test_published_line_dates_the_document() -> None:
    text = "Ceasefire talks stall\nPublished: 2024-03-05 14:20\nThe envoy left early."
    found = parse_dateline(text)
    assert found is not None and found.place is None and found.date == dt.date(2024, 3, 5)
    assert found.span is not None and found.span.text == "Published: 2024-03-05 14:20"


@pytest.mark.parametrize(
    "header",
    [
        "11 April 2023",
        "Posted on Tuesday, 11 April 2023, 09:40 GMT",
        "By Staff Reporter 11 April 2023",
    ],
)
def test_place_dateline_takes_the_date_from_the_header(header: str) -> None:
    text = f"Convoy ambushed near the border\n{header}\nBAMAKO (AFP) — Gunmen fired on trucks."
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.agency, found.date) == ("Bamako", "AFP", dt.date(2023, 4, 11))
    assert found.span is not None and found.span.text == "BAMAKO (AFP) —"


def test_a_date_later_in_the_body_is_not_the_header_date() -> None:
    text = "BAMAKO (AFP) — Gunmen fired on trucks.\n11 April 2023\n"
    found = parse_dateline(text)
    assert found is not None and found.date is None


def test_year_from_metadata_then_crawl_date() -> None:
    line = "MOPTI, May 2. /APS/. Gunmen attacked a convoy."
    from_meta = parse_dateline(line, reference=dt.date(2024, 5, 3), crawled=dt.date(2025, 1, 1))
    assert from_meta is not None and from_meta.date == dt.date(2024, 5, 2)
    assert from_meta.agency == "APS" and from_meta.year_inferred
    assert from_meta.span is not None and from_meta.span.text == "MOPTI, May 2. /APS/."
    crawled = parse_dateline(line, crawled=dt.date(2024, 4, 30))  # May 2 not yet that year
    assert crawled is not None and crawled.date == dt.date(2023, 5, 2) and crawled.year_inferred
    unknown = parse_dateline(line)
    assert unknown is not None and unknown.date is None and not unknown.year_inferred


def test_leap_day_without_year_goes_back_to_a_leap_year() -> None:
    found = parse_dateline("GAO, Feb 29 (AFP) - Text.", crawled=dt.date(2027, 3, 1))
    assert found is not None and found.date == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "Officials, March 3, 2024 — nothing more was said.",
        "However, March 3, 2024. The talks went on.",
        "The (AP) — wire copy",
        "Meanwhile: June 3, 2023 — the rains came.",
        "the 10 months since, rebels regrouped.",
        "3 May 2024, Friday — the market was shut.",
    ],
)
def test_common_words_are_never_places(text: str) -> None:
    assert parse_dateline(text) is None


def test_dateline_city_must_resolve_in_the_gazetteer() -> None:
    gazetteer = load_gazetteer(Config())

    def is_place(name: str) -> bool:
        return bool(gazetteer.candidates(name)) and not gazetteer.is_common_word(name)

    known = parse_dateline("KISMAYO, March 4, 2024. Text.", is_place=is_place)
    assert known is not None and known.place == "Kismayo"
    assert parse_dateline("ZORBLATVILLE, March 4, 2024. Text.", is_place=is_place) is None
    assert parse_dateline("7 February 2024, Quxnorb – Text.", is_place=is_place) is None


def _document(dateline: Dateline) -> Document:
    return Document(id="d", path=None, text="x", dateline=dateline)


def test_year_inferred_is_written_only_when_true() -> None:
    plain = document_json(_document(Dateline("Gao", dt.date(2024, 5, 2), None)))
    assert plain["dateline"] == {"place": "Gao", "date": "2024-05-02", "agency": None}
    inferred = document_json(_document(Dateline("Gao", dt.date(2024, 5, 2), None, None, True)))
    assert inferred["dateline"]["year_inferred"] is True


def test_build_document_infers_the_year_from_a_crawl_date() -> None:
    raw = RawInput(
        path=None,
        text="MOPTI, May 2. /APS/. Gunmen attacked a convoy on the road to the river port.",
        meta=(("crawled", "2024-04-30T08:00:00"),),
    )
    document = build_document(raw, Config())
    assert document.dateline is not None
    assert document.dateline.date == dt.date(2023, 5, 2) and document.dateline.year_inferred


@pytest.mark.parametrize(
    "text, end",
    [
        # The date ends at the dateline's colon even when the story starts with a word
        # dateparser would read on into ("At", "On", "In").
        ("Gao, 2 May 2024: At least nine herders died near the well.", "Gao, 2 May 2024:"),
        ("Gao, 2 May 2024 14:30: On the road north, gunmen fired.", "Gao, 2 May 2024 14:30:"),
        ("GAO, May 2 - In the morning, gunmen fired.", "GAO, May 2 -"),
        ("Gao, 2 May 2024: In 1998, rebels held the town.", "Gao, 2 May 2024:"),
    ],
)
def test_the_date_stops_at_the_datelines_end(text: str, end: str) -> None:
    found = parse_dateline(text, reference=dt.date(2024, 5, 3))
    assert found is not None and found.span is not None
    assert found.span.text == end
