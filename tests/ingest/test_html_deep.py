"""HTML nested deeper than libxml2 builds keeps its body, and the document says how it was read.

Before the flat reader, a page 300 levels deep came out as its title alone (exit 0): trafilatura
and lxml both stop at libxml2's depth limit and drop the rest.
"""

from __future__ import annotations

import pytest

from conflictcoder.ingest.html import html_to_text, read_html
from conflictcoder.ingest.html_flat import flat_text

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
