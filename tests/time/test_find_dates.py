"""Time expressions found and resolved against an anchor date (sentences written for the tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictcoder.time import find_dates

ANCHOR = dt.date(2022, 9, 13)  # a Tuesday


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# (sentence, expression as written, start, end, precision) — relative to ANCHOR.
CASES = [
    (
        "Shelling began on September 12, 2022, beginning late that evening.",
        "September 12, 2022, beginning late that evening",
        "2022-09-12",
        "2022-09-13",
        "day",
    ),
    (
        "Clashes were intense throughout the past month.",
        "throughout the past month",
        "2022-08-13",
        "2022-09-13",
        "month",
    ),
    ("Two soldiers were killed on Monday.", "Monday", "2022-09-12", "2022-09-12", "day"),
    (
        "The convoy was hit on Saturday (August 13th) near the border.",
        "Saturday (August 13th)",
        "2022-08-13",
        "2022-08-13",
        "day",
    ),
    ("A checkpoint was attacked yesterday.", "yesterday", "2022-09-12", "2022-09-12", "day"),
    ("The ministry said today that talks failed.", "today", "2022-09-13", "2022-09-13", "day"),
    ("Drones struck the depot this morning.", "this morning", "2022-09-13", "2022-09-13", "day"),
    ("Fighting resumed last night.", "last night", "2022-09-12", "2022-09-13", "day"),
    ("Fighting continued overnight.", "overnight", "2022-09-12", "2022-09-13", "day"),
    ("The base was shelled on Sept. 27.", "Sept. 27", "2021-09-27", "2021-09-27", "day"),
    ("Rebels seized the town on 27 September.", "27 September", "2021-09-27", "2021-09-27", "day"),
    ("Troops withdrew on 2 September.", "2 September", "2022-09-02", "2022-09-02", "day"),
    ("The deal was signed in August 2020.", "August 2020", "2020-08-01", "2020-08-31", "month"),
    ("The camp was built in 2019.", "2019", "2019-01-01", "2019-12-31", "year"),
    ("The group has operated there since 2016.", "since 2016", "2016-01-01", "2022-09-13", "year"),
    (
        "Strikes hit the city between 12 and 14 September.",
        "between 12 and 14 September",
        "2022-09-12",
        "2022-09-14",
        "day",
    ),
    (
        "Villages burned on the night of 12 to 13 September.",
        "the night of 12 to 13 September",
        "2022-09-12",
        "2022-09-13",
        "day",
    ),
    ("Raids intensified in recent weeks.", "recent weeks", "2022-08-16", "2022-09-13", "month"),
    ("Militants attacked a post last week.", "last week", "2022-09-05", "2022-09-11", "week"),
    (
        "Shelling was reported earlier this week.",
        "earlier this week",
        "2022-09-12",
        "2022-09-13",
        "week",
    ),
    (
        "Casualties rose over the past month.",
        "over the past month",
        "2022-08-13",
        "2022-09-13",
        "month",
    ),
    ("Gunmen struck late on Monday.", "late on Monday", "2022-09-12", "2022-09-13", "day"),
    (
        "An ambush was reported late Monday night.",
        "late Monday night",
        "2022-09-12",
        "2022-09-13",
        "day",
    ),
    (
        "Two posts fell on Wednesday morning.",
        "Wednesday morning",
        "2022-09-07",
        "2022-09-07",
        "day",
    ),
    ("The bridge was destroyed last Tuesday.", "last Tuesday", "2022-09-06", "2022-09-06", "day"),
    ("The city fell on Tuesday.", "Tuesday", "2022-09-13", "2022-09-13", "day"),
    ("Protests spread last month.", "last month", "2022-08-01", "2022-08-31", "month"),
    ("More than 300 were killed last year.", "last year", "2021-01-01", "2021-12-31", "year"),
    ("Violence has grown this year.", "this year", "2022-01-01", "2022-09-13", "year"),
    (
        "Police said the attack came three days ago.",
        "three days ago",
        "2022-09-10",
        "2022-09-10",
        "day",
    ),
    (
        "Aid was blocked for the past two weeks.",
        "for the past two weeks",
        "2022-08-30",
        "2022-09-13",
        "week",
    ),
    (
        "The village was hit in the early hours of Sunday.",
        "in the early hours of Sunday",
        "2022-09-11",
        "2022-09-11",
        "day",
    ),
    ("The talks collapsed on 29 July 2021.", "29 July 2021", "2021-07-29", "2021-07-29", "day"),
    (
        "The strike took place on 2022-08-30 at dawn.",
        "2022-08-30",
        "2022-08-30",
        "2022-08-30",
        "day",
    ),
    (
        "Fighting lasted from 3 to 5 August.",
        "from 3 to 5 August",
        "2022-08-03",
        "2022-08-05",
        "day",
    ),
    (
        "The survey ran between mid-August 2021 and mid-June 2022.",
        "between mid-August 2021 and mid-June 2022",
        "2021-08-01",
        "2022-06-30",
        "month",
    ),
    (
        "The embargo held from 2014 to 2016.",
        "from 2014 to 2016",
        "2014-01-01",
        "2016-12-31",
        "year",
    ),
    (
        "Sporadic shelling since 15 August has displaced families.",
        "since 15 August",
        "2022-08-15",
        "2022-09-13",
        "day",
    ),
    (
        "A roadside bomb exploded on Monday, September 12.",
        "Monday, September 12",
        "2022-09-12",
        "2022-09-12",
        "day",
    ),
    ("Rockets fell in May.", "May", "2022-05-01", "2022-05-31", "month"),
    ("Rockets fell in October.", "October", "2021-10-01", "2021-10-31", "month"),
    ("The militia was formed in the 1990s.", "1990s", "1990-01-01", "1999-12-31", "year"),
    (
        "The war of 2008, which lasted five days, ended in a truce.",
        "2008",
        "2008-01-01",
        "2008-12-31",
        "year",
    ),
]


@pytest.mark.parametrize(("sentence", "written", "start", "end", "precision"), CASES)
def test_expression_resolves_against_anchor(
    sentence: str, written: str, start: str, end: str, precision: str
) -> None:
    found = find_dates(sentence, ANCHOR)
    assert [r.text for r in found] == [written]
    (r,) = found
    assert r.span is not None
    assert sentence[r.span.start : r.span.end] == written == r.span.text
    assert (r.start, r.end, r.precision) == (d(start), d(end), precision)


NOT_DATES = [
    "4 Taliban members have been killed and 6 others were injured.",
    "At least 49 people died in the blast.",
    "The council cited Resolution 2334 in its statement.",
    "A Turkish F-16 shot down an Armenian Su-25, officials said.",
    "The shelling started at 10:15 and lasted an hour.",
    "About 2000 troops crossed the river.",
    "Police fired 122mm rounds and 4 rockets.",
    "Protesters may march to the square.",
    "The unit lost 12 tanks and 2016 rounds of ammunition.",
    "Flight 1549 landed safely.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_numbers_that_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence, ANCHOR) == []


def test_no_anchor_leaves_relative_expressions_unresolved() -> None:
    found = find_dates("Two soldiers died yesterday and a post fell on Monday.", None)
    assert [r.text for r in found] == ["yesterday", "Monday"]
    assert all((r.start, r.end, r.precision) == (None, None, None) for r in found)


def test_no_anchor_keeps_absolute_dates() -> None:
    (full, partial) = find_dates("It began on 12 September 2022 and ended on 3 October.", None)
    assert (full.start, full.end, full.precision) == (d("2022-09-12"), d("2022-09-12"), "day")
    assert (partial.text, partial.start, partial.end) == ("3 October", None, None)


def test_referential_phrase_follows_the_last_day_named() -> None:
    text = "Clashes erupted on 4 June. Later that night a second post was shelled."
    found = find_dates(text, ANCHOR)
    assert [r.text for r in found] == ["4 June", "Later that night"]
    assert (found[1].start, found[1].end) == (d("2022-06-04"), d("2022-06-05"))


def test_referential_phrase_without_a_day_is_unresolved() -> None:
    (r,) = find_dates("That night the village was shelled.", ANCHOR)
    assert (r.text, r.start, r.end) == ("That night", None, None)


def test_impossible_date_is_found_but_not_resolved() -> None:
    (r,) = find_dates("The report is dated 31 September 2022.", ANCHOR)
    assert (r.text, r.start, r.end) == ("31 September 2022", None, None)


def test_output_is_deterministic() -> None:
    text = "On Monday, September 12, shelling began late that evening and lasted to 14 September."
    assert find_dates(text, ANCHOR) == find_dates(text, ANCHOR)


def test_several_expressions_in_order() -> None:
    text = "Fighting that began on Sunday spread on Monday; since 2016 the area has been contested."
    assert [r.text for r in find_dates(text, ANCHOR)] == ["Sunday", "Monday", "since 2016"]


def test_part_of_day_before_the_date_joins_it() -> None:
    (r,) = find_dates("He was shot late in the evening on Wednesday, September 7.", ANCHOR)
    assert r.text == "late in the evening on Wednesday, September 7"
    assert (r.start, r.end, r.precision) == (d("2022-09-07"), d("2022-09-08"), "day")


def test_capitalised_qualifiers() -> None:
    found = find_dates("Last Wednesday, gunmen struck. Late Monday, a post fell.", ANCHOR)
    assert [(r.text, r.start, r.end) for r in found] == [
        ("Last Wednesday", d("2022-09-07"), d("2022-09-07")),
        ("Late Monday", d("2022-09-12"), d("2022-09-13")),
    ]
