"""A fake extractor: each test says which events a text gets, so every score is known."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import conflictcoder.extract
from conflictcoder.config import Config
from conflictcoder.records import Document, Event, RawInput, Record, Rejection

FakeExtractor = Callable[[dict[str, tuple[Event, ...]]], None]


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeExtractor]:
    """Install a table text → events; a text not in the table gets no events."""
    table: dict[str, tuple[Event, ...]] = {}

    def extract_raw(raw: RawInput, config: Config) -> Record | Rejection:
        if raw.text == "REJECT":
            return Rejection(raw.id, None, "ingest", "rejected on purpose")
        document = Document(id=raw.id or "x", path=None, text=raw.text, published=raw.published)
        return Record(document=document, events=table.get(raw.text, ()))

    monkeypatch.setattr(conflictcoder.extract, "extract_raw", extract_raw)
    yield table.update
