"""HTML nested deeper than libxml2 builds keeps its body, and the document says how it was read.

Before the flat reader, a page 300 levels deep came out as its title alone (exit 0): trafilatura
and lxml both stop at libxml2's depth limit and drop the rest.
"""

from __future__ import annotations

import time

import pytest

from conflictcoder.ingest.html import html_to_text, read_html
from conflictcoder.ingest.html_flat import LIBXML2_MAX_DEPTH, deeper_than, flat_text

BODY = (
    "<p>Officials said gunmen attacked a checkpoint near the river crossing on Monday,"
    " wounding two guards.</p><script>var hidden = 'not text';</script>"
)


def _page(depth: int) -> str:
    return (
        "<html><head><title>Deep page</title><style>p {}</style></head><body>"
        + "<div>" * depth
        + BODY
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 5000])
def test_a_deep_page_keeps_its_body_and_says_so(depth: int) -> None:
    text, title, _published, notes = read_html(_page(depth))
    assert "gunmen attacked a checkpoint" in text
    assert "hidden" not in text and "p {}" not in text
    assert title == "Deep page"
    assert len(notes) == 1 and f"nested {depth + 3} levels deep" in notes[0]


def test_an_ordinary_page_is_read_as_before_without_a_note() -> None:
    text, title, _published, notes = read_html(_page(20))
    assert "gunmen attacked a checkpoint" in text and title == "Deep page"
    assert notes == ()
    assert html_to_text(_page(20))[0] == text


def test_flat_text_counts_depth_and_skips_void_elements() -> None:
    text, deepest = flat_text("<div><p>a<br>b<img src=x></p></div>")
    assert deepest == 2
    assert text.split() == ["a", "b"]


# Pages where a naive count of "<div" and "</div" would go wrong one way or the other.
TRICKY = {
    "deep": _page(300),
    "upper case": "<HTML><BODY>" + "<DIV>" * 300 + BODY + "</DIV>" * 300,
    "end tags in attributes": '<div title="</div> > </div>">' * 300 + BODY,
    "self-closed": "<body>" + "<div/><span />" * 600 + BODY,
    "void": "<body>" + "<br><img src=x><input>" * 400 + BODY,
    "in a comment": "<body><!--" + "<div>" * 300 + "-->" + BODY,
    "in a script": "<body><script>var s = '" + "<div>" * 300 + "';</script>" + BODY,
    "wide": "<body>" + "<div><p>one</p><p>two</p></div>" * 500 + BODY,
    "a comment left open": "<body>" + "<p>a</p>" * 300 + "<!-- " + BODY,
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_the_depth_probe_never_misses_what_the_flat_read_finds(name: str) -> None:
    page = TRICKY[name]
    _text, deepest = flat_text(page)
    if deepest > LIBXML2_MAX_DEPTH:
        assert deeper_than(page)
    if name in {"self-closed", "void", "in a comment", "in a script", "wide"}:
        assert deepest <= LIBXML2_MAX_DEPTH and not deeper_than(page)  # no needless read


def test_shallow_pages_skip_the_flat_read_and_deep_ones_still_get_it() -> None:
    assert not deeper_than(_page(250)) and deeper_than(_page(260))
    assert read_html(TRICKY["end tags in attributes"])[3]  # read flat, with the note
    assert read_html(TRICKY["wide"])[3] == ()


@pytest.mark.parametrize(
    "junk", ["<a " * 300_000, "<!--" * 300_000, "<script>" * 300_000, '<a b="' * 300_000]
)
def test_the_depth_probe_is_linear_on_tags_that_never_end(junk: str) -> None:
    started = time.perf_counter()
    deeper_than(junk)
    assert time.perf_counter() - started < 2
