from __future__ import annotations

import datetime as dt

from conflictcoder.ingest.html import html_to_text

PAGE = """<!DOCTYPE html>
<html><head><title>Border clashes leave two dead</title>
<meta property="article:published_time" content="2021-05-04T08:00:00Z">
<script>var tracking = "do not keep";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Border clashes leave two dead</h1>
<p>Two soldiers were killed on Monday when fighting broke out along the northern border,
the defence ministry said in a statement.</p>
<p>The ministry said the positions came under mortar fire from across the frontier late
in the evening and that the shelling lasted for several hours.</p>
<p>Local officials said residents of three villages had left their homes overnight.</p>
</article><footer>Copyright 2021</footer></body></html>"""


def test_article_text_title_and_date() -> None:
    text, title, published = html_to_text(PAGE)
    assert "Two soldiers were killed on Monday" in text
    assert "residents of three villages" in text
    assert "do not keep" not in text
    assert title == "Border clashes leave two dead"
    assert published == dt.date(2021, 5, 4)


def test_malformed_html_still_gives_its_text() -> None:
    text, _, _ = html_to_text("<p>Gunmen attacked <b>the market<div>Three were hurt.<script>x()")
    assert "Gunmen attacked" in text
    assert "Three were hurt." in text
    assert "x()" not in text


def test_garbage_never_raises() -> None:
    for junk in ["", "<", "<<<>>>", "<html>", "</p></p>", "<?xml version='1.0'?><a>"]:
        text, title, published = html_to_text(junk)
        assert isinstance(text, str)
        assert title is None or isinstance(title, str)
        assert published is None or isinstance(published, dt.date)


def test_same_input_same_output() -> None:
    assert html_to_text(PAGE) == html_to_text(PAGE)
