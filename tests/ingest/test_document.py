from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.ingest.decode import decode_bytes
from conflictcoder.ingest.document import build_document, iter_documents
from conflictcoder.records import Document, RawInput, Rejection

REPORT = (
    "Tbilisi, 2 May 2021 (XYZ): The Ministry of Foreign Affairs of Georgia published a"
    " statement on the shelling of border posts.\n\n"
    "Two guards were wounded when mortar rounds hit the post late on Saturday evening.\n"
    "Also Read: Minister meets envoy\n"
    "The ministry called on the other side to respect the ceasefire."
)


def test_builds_the_whole_document() -> None:
    doc = build_document(RawInput(path="r.txt", text=REPORT), Config())
    assert doc.id == hashlib.sha256(REPORT.encode()).hexdigest()[:16]
    assert doc.path == "r.txt"
    assert doc.language == "en"
    assert doc.dateline is not None and doc.dateline.place == "Tbilisi"
    assert doc.published == dt.date(2021, 5, 2)
    assert doc.issuer is not None and doc.issuer.country == "GEO"
    assert [r.text for r in doc.removed] == ["Also Read: Minister meets envoy"]


def test_metadata_date_and_id_win() -> None:
    raw = RawInput(path=None, text=REPORT, id="abc", published=dt.date(2021, 5, 3), title="T")
    doc = build_document(raw, Config())
    assert (doc.id, doc.published, doc.title) == ("abc", dt.date(2021, 5, 3), "T")


def test_yearless_dateline_takes_the_metadata_year() -> None:
    raw = RawInput(
        path=None,
        text="GORI, Aug 8 (AP) -- Shelling hit the town overnight, officials said.",
        published=dt.date(2008, 8, 9),
    )
    doc = build_document(raw, Config())
    assert doc.dateline is not None and doc.dateline.date == dt.date(2008, 8, 8)


def test_html_input() -> None:
    html = (
        "<html><head><title>Clashes</title></head><body><p>Two soldiers were killed"
        " when their patrol came under fire near the frontier on Monday night.</p>"
        "</body></html>"
    )
    doc = build_document(RawInput(path="p.html", text=html, kind="html"), Config())
    assert doc.title == "Clashes"
    assert doc.text.startswith("Two soldiers were killed")


@pytest.mark.parametrize("text", ["", "   \n\n\t"])
def test_empty_text(text: str) -> None:
    with pytest.raises(InputError, match=r"e\.txt is empty"):
        build_document(RawInput(path="e.txt", text=text), Config())


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Deux soldats ont été tués lundi lors d'une attaque contre leur poste frontière.", "fr"),
        ("Два солдата погибли в понедельник в результате обстрела пограничного поста.", "ru"),
    ],
)
def test_non_english_is_refused(text: str, lang: str) -> None:
    with pytest.raises(InputError) as info:
        build_document(RawInput(path="x.txt", text=text), Config())
    message = str(info.value)
    assert re.search(rf"x\.txt is in {lang} \(score 0\.\d\d\), not English", message)
    assert "only en is supported for now" in message


def test_short_text_is_not_language_checked() -> None:
    doc = build_document(RawInput(path=None, text="Shots fired."), Config())
    assert doc.language is None


def test_same_input_same_document() -> None:
    assert build_document(RawInput(None, REPORT), Config()) == build_document(
        RawInput(None, REPORT), Config()
    )


def test_iter_documents_turns_errors_into_rejections(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Deux soldats ont été tués lundi lors d'une attaque.")
    (tmp_path / "c.txt").write_bytes(b"%PDF-1.4\n")
    items = list(iter_documents([str(tmp_path)], Config()))
    assert [type(i).__name__ for i in items] == ["Document", "Rejection", "Rejection"]
    assert all(isinstance(i, Document | Rejection) for i in items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda s: s.encode("utf-8")))
def test_arbitrary_bytes_give_a_document_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzz")
        doc = build_document(RawInput(path="fuzz", text=text), Config())
    except InputError:
        return
    assert isinstance(doc, Document)
    assert all(doc.text[r.start : r.end] == r.text for r in doc.removed)
