"""RSS and Atom feeds (feedparser): one input per entry, with its link, title and date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import feedparser  # type: ignore[import-untyped]

from conflictcoder.records import RawInput, Rejection

_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_CHARREF = re.compile(rb"&#(x[0-9a-fA-F]+|[0-9]+);")


def _no_surrogate_refs(data: bytes) -> bytes:
    # feedparser raises on "&#xdca0;" (a surrogate by number): it becomes U+FFFD first.
    def sub(m: re.Match[bytes]) -> bytes:
        ref = m.group(1).decode("ascii")
        code = int(ref[1:], 16) if ref[0] in "xX" else int(ref)
        return b"&#xfffd;" if 0xD800 <= code <= 0xDFFF else m.group(0)

    return _CHARREF.sub(sub, data)


FEED_SUFFIXES = (".xml", ".rss", ".atom")


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a file or response open an RSS, Atom or RDF feed."""
    return bool(_FEED_START.search(head[:4096]))


@dataclass(frozen=True)
class Entry:
    """One feed entry: its own text (content, else summary) and where it links."""

    number: int
    link: str | None
    title: str | None
    published: dt.date | None
    text: str | None


def parse_feed(data: bytes) -> list[Entry]:
    """The entries of the feed in ``data`` (never fetches anything itself).

    An unreadable feed gives no entries; callers say so with a rejection.
    """
    parsed: Any = feedparser.parse(_no_surrogate_refs(data))
    return [_entry(n, e) for n, e in enumerate(parsed.get("entries", []), start=1)]


def _entry(number: int, entry: Any) -> Entry:
    text = None
    for part in entry.get("content") or []:
        value = part.get("value")
        if isinstance(value, str) and value.strip():
            text = value
            break
    if text is None:
        summary = entry.get("summary")
        text = summary if isinstance(summary, str) and summary.strip() else None
    link = entry.get("link")
    title = entry.get("title")
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    return Entry(
        number=number,
        link=link.strip() if isinstance(link, str) and link.strip() else None,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        published=dt.date(when.tm_year, when.tm_mon, when.tm_mday) if when else None,
        text=text,
    )


def entry_input(entry: Entry, feed: str) -> RawInput | Rejection:
    """The entry's own text as an input (HTML from the feed, reduced to text later)."""
    where = entry.link or f"{feed} entry {entry.number}"
    if entry.text is None:
        return Rejection(
            None,
            where,
            "ingest",
            f"{where} has no content or summary in {feed}; use --fetch to read the linked page",
        )
    return RawInput(
        path=where,
        text=entry.text,
        kind="html" if _TAG.search(entry.text) else "text",
        url=entry.link,
        published=entry.published,
        title=entry.title,
    )
