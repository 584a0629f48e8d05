"""HTML to plain text with trafilatura, and a plain fallback when the page defeats it."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura

from conflictcoder.ingest.html_flat import LIBXML2_MAX_DEPTH, deeper_than, flat_text

_TAG = re.compile(r"<[^>]*>")
_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section")


def html_to_text(html: str) -> tuple[str, str | None, dt.date | None]:
    """(text, title, published) of an HTML page; never raises on malformed HTML.

    The main text comes from trafilatura (comments left out, tables kept, recall favoured),
    one paragraph a line. When trafilatura finds nothing, all visible text of the page is
    returned instead, so a broken page still yields its words. ``published`` is the page's
    own date as trafilatura reads it from the markup (no network), or None.
    """
    text, title, published, _notes = read_html(html)
    return text, title, published


def read_html(html: str) -> tuple[str, str | None, dt.date | None, tuple[str, ...]]:
    """``html_to_text`` with notes on what reading changed: a page nested deeper than libxml2
    builds (about 256 levels) is read flat, so its body is kept, and the note says so."""
    text, title, published = _trafilatura(html)
    notes: tuple[str, ...] = ()
    flat, deepest = flat_text(html) if deeper_than(html) else ("", 0)
    if deepest > LIBXML2_MAX_DEPTH:
        flat = _clean(flat)
        if len(flat) > len(text):
            text = flat
            notes = (
                f"HTML nested {deepest} levels deep (the HTML parser keeps {LIBXML2_MAX_DEPTH}):"
                " read as flat text, all visible text kept",
            )
    if not text.strip():
        text = _fallback_text(html)
    if title is None:
        title = _fallback_title(html)
    return text, title, published, notes


def _trafilatura(html: str) -> tuple[str, str | None, dt.date | None]:
    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura and lxml raise many kinds on hostile markup
        return "", None, None
    if result is None:
        return "", None, None
    text = _clean(getattr(result, "text", None) or "")
    title = _clean_title(getattr(result, "title", None))
    return text, title, _iso_date(getattr(result, "date", None))


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fallback_text(html: str) -> str:
    try:
        root = lxml.html.fromstring(html)
        for bad in root.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        for block in root.iter(*_BLOCK_TAGS):
            block.tail = "\n" + (block.tail or "")
        text = root.text_content()
    except (lxml.etree.LxmlError, ValueError):
        # lxml gives up on some inputs (empty document, encoding declarations): strip tags.
        text = htmllib.unescape(_TAG.sub(" ", _DROP.sub(" ", html)))
    return _clean(text)


def _fallback_title(html: str) -> str | None:
    match = re.search(r"<title\b[^>]*>(.*?)</title\s*>", html, re.IGNORECASE | re.DOTALL)
    return _clean_title(htmllib.unescape(_TAG.sub("", match.group(1)))) if match else None


def _clean_title(title: object) -> str | None:
    if not isinstance(title, str):
        return None
    title = _SPACES.sub(" ", title).strip()
    return title or None


def _clean(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return _BLANKS.sub("\n", "\n".join(line for line in lines if line)).strip()
