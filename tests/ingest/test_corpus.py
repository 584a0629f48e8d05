"""Integration: the real texts in ../shared (skipped when that folder is absent)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from conflictcoder.config import Config
from conflictcoder.ingest.document import iter_documents
from conflictcoder.records import Document, Rejection

SHARED = Path(__file__).resolve().parents[2] / "../shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "examples" / "seed-report.txt"

pytestmark = pytest.mark.slow


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus sits beside the repository)")


def test_every_corpus_file_gives_a_document_or_a_clean_rejection() -> None:
    _need(CORPUS)
    started = time.perf_counter()
    items = list(iter_documents([str(CORPUS)], Config()))
    elapsed = time.perf_counter() - started
    assert len(items) >= 60
    for item in items:
        assert isinstance(item, Document | Rejection)
        if isinstance(item, Document):
            assert all(item.text[r.start : r.end] == r.text for r in item.removed)
            if item.dateline is not None and item.dateline.span is not None:
                span = item.dateline.span
                assert item.text[span.start : span.end] == span.text
    documents = [i for i in items if isinstance(i, Document)]
    assert len(documents) == len(items)  # all English text or HTML
    assert elapsed < 10


def test_html_pages_give_their_text_quickly() -> None:
    _need(CORPUS)
    pages = sorted(str(p) for p in CORPUS.glob("html-*.html"))
    if not pages:
        pytest.skip("no html-*.html pages in the corpus")
    started = time.perf_counter()
    docs = [d for d in iter_documents(pages, Config()) if isinstance(d, Document)]
    assert len(docs) == len(pages)
    assert all(len(d.text) > 1000 and d.title for d in docs)
    assert time.perf_counter() - started < 5


def test_seed_report() -> None:
    _need(SEED)
    (doc,) = iter_documents([str(SEED)], Config())
    assert isinstance(doc, Document)
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.date, doc.dateline.agency) == (
        "Baku",
        dt.date(2022, 9, 13),
        "TDI",
    )
    assert doc.published == dt.date(2022, 9, 13)
    assert doc.language == "en"
    assert doc.issuer is not None
    assert (doc.issuer.name, doc.issuer.country) == (
        "Ministry of Foreign Affairs of Azerbaijan",
        "AZE",
    )
    assert [r.reason for r in doc.removed] == ["related-link", "related-link"]
    assert all(r.text.startswith("Also Read:") for r in doc.removed)
    assert all(doc.text[r.start : r.end] == r.text for r in doc.removed)
    assert "Khankendi" in doc.removed[1].text
