"""Ingest: inputs (files, folders, JSON Lines, feeds, URLs) → extraction → the store.

The one-document pass is the library's (``build_document`` + ``extract_document``); a text
already stored is recognised by its hash before it is extracted again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from conflictcoder.config import Config
from conflictcoder.errors import ConflictcoderError, InputError
from conflictcoder.extract import extract_document
from conflictcoder.ingest.decode import decode_bytes, read_path
from conflictcoder.ingest.document import build_document
from conflictcoder.ingest.sources import iter_inputs, list_directory, looks_like_html
from conflictcoder.records import RawInput, Record, Rejection
from conflictcoder.store.feeds import FEED_SUFFIXES, entry_input, looks_like_feed
from conflictcoder.store.feeds import parse_feed as _parse_feed
from conflictcoder.store.store import Outcome, Source, Store
from conflictcoder.store.web import fetch, is_url, make_client

_JSONL_SUFFIXES = (".jsonl", ".ndjson")

Item = tuple[RawInput | Rejection, Source]


@dataclass
class Summary:
    """What one ingest run did, input by input."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    revisions: int = 0
    rejected: int = 0
    copies: int = 0  # of the stored texts, near-copies of another (a wire story reprinted)
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.read += 1
        if outcome == "stored":
            self.stored += 1
        elif outcome == "duplicate":
            self.duplicates += 1
        elif outcome == "revision":
            self.revisions += 1
        else:
            self.rejected += 1

    def line(self) -> str:
        return (
            f"read {self.read}, stored {self.stored}, duplicates {self.duplicates},"
            f" revisions {self.revisions}, rejected {self.rejected}, copies {self.copies}"
        )

    def as_json(self) -> dict[str, int]:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "revisions": self.revisions,
            "rejected": self.rejected,
            "copies": self.copies,
        }


Progress = Callable[[Summary], None]


def ingest(
    store: Store,
    paths: Sequence[str],
    config: Config,
    *,
    fetch_links: bool = False,
    progress: Progress | None = None,
    after_each: Callable[[], None] | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
) -> Summary:
    """Read, extract and store every input; rejections are stored too and never stop the run.

    Commits happen in the store's batches and once more at the end.
    """
    summary = Summary()
    started = time.perf_counter()
    copies_before = store.copies
    with make_client() as client:
        for item, source in iter_items(paths, config, client, fetch_links=fetch_links):
            coded = code(store, item, config)
            outcome = "duplicate" if coded is None else store.ingest(coded, source)
            summary.add(outcome)
            summary.copies = store.copies - copies_before
            if isinstance(coded, Rejection) and on_rejection is not None:
                on_rejection(coded)
            if progress is not None:
                progress(summary)
            if after_each is not None:
                after_each()
    store.commit()
    summary.seconds = time.perf_counter() - started
    return summary


def code(store: Store, item: RawInput | Rejection, config: Config) -> Record | Rejection | None:
    """The record (or rejection) of one input; None when its text is stored already, which
    is found before the costly extraction."""
    if isinstance(item, Rejection):
        return item
    try:
        document = build_document(item, config)
    except ConflictcoderError as exc:
        return Rejection(item.id, item.path, exc.stage, str(exc))
    if store.seen(document.text):
        return None
    try:
        return extract_document(document, config)
    except ConflictcoderError as exc:
        return Rejection(document.id, item.path, exc.stage, str(exc))


def iter_items(
    paths: Sequence[str], config: Config, client: httpx.Client, *, fetch_links: bool = False
) -> Iterator[Item]:
    """Every input in order, each with the source its revisions are counted under."""
    for given in paths:
        if is_url(given):
            yield from _from_url(given, config, client, fetch_links)
        elif os.path.isdir(given):
            try:
                children = list_directory(given)[0]
            except InputError as exc:
                yield Rejection(None, given, exc.stage, str(exc)), Source()
                continue
            for child in children:
                yield from _from_path(child, config, client, fetch_links)
        else:
            yield from _from_path(given, config, client, fetch_links)


def _from_path(
    path: str, config: Config, client: httpx.Client, fetch_links: bool
) -> Iterator[Item]:
    if path.lower().endswith(FEED_SUFFIXES) and os.path.isfile(path):
        try:
            data = read_path(path, config)
        except InputError as exc:
            yield Rejection(None, path, exc.stage, str(exc)), Source()
            return
        if looks_like_feed(data):
            yield from _from_feed(data, path, config, client, fetch_links)
            return
    for raw in iter_inputs([path], config):
        yield raw, Source(key=_file_key(raw))


def _file_key(raw: RawInput | Rejection) -> str | None:
    """A file's absolute path (a changed file is a revision); a JSON Lines line's URL."""
    if isinstance(raw, Rejection) or raw.path is None or raw.path == "-":
        return None
    if raw.path.lower().endswith(_JSONL_SUFFIXES):
        return raw.url
    return raw.url or str(Path(raw.path).resolve())


def _from_url(url: str, config: Config, client: httpx.Client, fetch_links: bool) -> Iterator[Item]:
    try:
        page = fetch(client, url, config)
        text = None if looks_like_feed(page.data) else decode_bytes(page.data, url)
    except InputError as exc:
        yield Rejection(None, url, exc.stage, str(exc)), Source(key=url)
        return
    if text is None:
        yield from _from_feed(page.data, url, config, client, fetch_links)
        return
    html = "html" in page.content_type or looks_like_html(text)
    raw = RawInput(path=url, text=text, kind="html" if html else "text", url=url)
    yield raw, Source(key=url)


def _from_feed(
    data: bytes, feed: str, config: Config, client: httpx.Client, fetch_links: bool
) -> Iterator[Item]:
    entries = _parse_feed(data)
    if not entries:
        reason = f"{feed} is a feed without entries (or one feedparser cannot read)"
        yield Rejection(None, feed, "ingest", reason), Source()
        return
    for entry in entries:
        if fetch_links and entry.link and is_url(entry.link):
            for raw, source in _from_url(entry.link, config, client, False):
                if isinstance(raw, RawInput):
                    raw = RawInput(
                        path=raw.path,
                        text=raw.text,
                        kind=raw.kind,
                        url=raw.url,
                        published=entry.published,
                        title=entry.title,
                    )
                yield raw, source
            continue
        yield entry_input(entry, feed), Source(key=entry.link)
