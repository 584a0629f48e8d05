from __future__ import annotations

import pytest

from conflictcoder.ingest.furniture import find_furniture


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Also Read: Minister meets envoy in the capital", "related-link"),
        ("ALSO READ | Talks stall again", "related-link"),
        ("Related: Ceasefire talks stall", "related-link"),
        ("Read more: Ceasefire talks stall", "read-more"),
        ("READ MORE:", "read-more"),
        ("Share this article", "share"),
        ("Share on Facebook", "share"),
        ("Share on Twitter", "share"),
        ("Share or comment on this article:", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Subscribe to our daily newsletter", "subscribe"),
        ("Sign up for breaking news alerts", "subscribe"),
        ("Follow us on Twitter", "follow"),
        ("By John Smith", "byline"),
        ("By Jane Doe, Reuters", "byline"),
        ("By Staff Reporter 3 June 2022", "byline"),
        ("Photo: Ministry of Defence", "photo-credit"),
        ("Soldiers patrol the town (Photo by A. Lee/Getty Images)", "photo-credit"),
        ("Image copyright Getty Images", "photo-credit"),
        ("Advertisement", "advertisement"),
        ("Click here to read the full statement", "navigation"),
        ("We use cookies to improve your experience.", "cookie"),
        ("Published: 10:02, 4 May 2021 | Updated: 11:15, 4 May 2021", "timestamp"),
    ],
)
def test_furniture_lines(line: str, reason: str) -> None:
    text = f"Shelling was reported overnight.\n{line}\nTwo soldiers were wounded."
    (found,) = find_furniture(text)
    assert found.reason == reason
    assert found.text == line
    assert text[found.start : found.end] == line


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials read the statement aloud at the border post on Monday.",
        "The two sides share a long and heavily mined frontier.",
        "Observers will follow the ceasefire closely, the envoy said.",
        "The village was shelled by artillery units stationed across the river.",
        "By the end of the day, troops had withdrawn from the ridge.",
        "Related incidents were reported in three other districts.",
        "Residents said they would subscribe to no version of events but their own.",
        "The ministry said it would share its findings with the UN mission.",
        "Police followed the suspects to a house where they were arrested.",
        "Read more carefully, the report blames both sides.",
    ],
)
def test_normal_sentences_are_not_furniture(sentence: str) -> None:
    assert find_furniture(f"{sentence}\n{sentence}") == ()


def test_headline_block_keeps_the_article_headline_and_byline() -> None:
    text = "\n".join(
        [
            "Latest Headlines",
            "Council Approves New Budget",
            "Storm Cuts Power to Coastal Towns",
            "Army Repels Attack on Northern Base",
            "Kemi Ade",
            "Troops repelled an attack on a northern base on Monday, the army said.",
        ]
    )
    removed = find_furniture(text)
    assert [r.text for r in removed] == [
        "Latest Headlines",
        "Council Approves New Budget",
        "Storm Cuts Power to Coastal Towns",
    ]
    assert {r.reason for r in removed} == {"headlines"}


def test_spans_are_stripped_and_sorted() -> None:
    text = "  Advertisement  \nBody text here.\nRead more: elsewhere\r"
    removed = find_furniture(text)
    assert [r.text for r in removed] == ["Advertisement", "Read more: elsewhere"]
    assert all(text[r.start : r.end] == r.text for r in removed)
    assert [r.start for r in removed] == sorted(r.start for r in removed)


def test_long_lines_are_never_furniture() -> None:
    long_line = "Read more: " + "the offensive continued " * 20
    assert find_furniture(long_line) == ()
