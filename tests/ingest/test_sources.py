from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from conflictcoder.config import Config
from conflictcoder.ingest.sources import iter_inputs, looks_like_html
from conflictcoder.records import RawInput, Rejection


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_directory_sorted_skipping_sidecars_and_hidden(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", "Second report.")
    _write(tmp_path / "a.txt", "First report.")
    _write(tmp_path / "a.txt.meta.json", '{"title": "First", "published": "2022-09-13"}')
    _write(tmp_path / ".hidden.txt", "Hidden.")
    (tmp_path / "sub").mkdir()
    items = list(iter_inputs([str(tmp_path)], Config()))
    assert [i.path for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    first = items[0]
    assert isinstance(first, RawInput)
    assert first.title == "First"
    assert first.published == dt.date(2022, 9, 13)
    assert first.kind == "text"


def test_sidecar_keeps_other_keys_as_sorted_strings(tmp_path: Path) -> None:
    path = _write(tmp_path / "r.txt", "Report.")
    meta = {"title": "T", "published": "2020-01-02", "kind": "news", "extra": {"b": 1, "a": 2}}
    _write(tmp_path / "r.txt.meta.json", json.dumps(meta))
    (item,) = iter_inputs([str(path)], Config())
    assert isinstance(item, RawInput)
    assert item.meta == (("extra", '{"a": 2, "b": 1}'), ("kind", "news"))


def test_html_by_suffix_and_by_content(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.html", "just words")
    b = _write(tmp_path / "b.txt", "<!doctype html><html><body><p>Hi</p></body></html>")
    kinds = [i.kind for i in iter_inputs([str(a), str(b)], Config()) if isinstance(i, RawInput)]
    assert kinds == ["html", "html"]
    assert not looks_like_html("Troops <100 m from the line> said nothing.")


def test_jsonl_lines_with_bad_lines_rejected_in_place(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", "text": "Shelling hit the town.", "published": "2022-09-13"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "r4", "title": "no text"}),
        json.dumps({"id": 5, "html": "<p>Two killed.</p>", "url": "https://example.org/5"}),
    ]
    path = _write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    items = list(iter_inputs([str(path)], Config()))
    assert [type(i).__name__ for i in items] == [
        "RawInput",
        "Rejection",
        "Rejection",
        "Rejection",
        "RawInput",
    ]
    first, bad_json, not_object, no_text, last = items
    assert isinstance(first, RawInput) and first.id == "r1"
    assert first.published == dt.date(2022, 9, 13)
    assert isinstance(bad_json, Rejection) and "line 2 is not valid JSON" in bad_json.reason
    assert bad_json.stage == "ingest"
    assert isinstance(not_object, Rejection) and "line 4 is not a JSON object" in not_object.reason
    assert isinstance(no_text, Rejection) and no_text.id == "r4" and "line 5" in no_text.reason
    assert isinstance(last, RawInput)
    assert (last.id, last.kind, last.url) == ("5", "html", "https://example.org/5")


def test_stdin_text_and_jsonl() -> None:
    (item,) = iter_inputs(["-"], Config(), stdin=io.BytesIO(b"Clashes were reported.\r\n"))
    assert isinstance(item, RawInput)
    assert (item.path, item.text, item.kind) == ("-", "Clashes were reported.\n", "text")
    feed = b'{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n'
    ids = [i.id for i in iter_inputs(["-"], Config(), stdin=io.BytesIO(feed))]
    assert ids == ["x", "y"]


def test_unreadable_inputs_become_rejections(tmp_path: Path) -> None:
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    empty = _write(tmp_path / "empty.txt", "")
    ok = _write(tmp_path / "ok.txt", "Fine.")
    paths = [str(tmp_path / "missing.txt"), str(png), str(empty), str(ok)]
    items = list(iter_inputs(paths, Config()))
    assert [type(i).__name__ for i in items] == ["Rejection"] * 3 + ["RawInput"]
    reasons = [i.reason for i in items if isinstance(i, Rejection)]
    assert "does not exist" in reasons[0]
    assert "PNG image" in reasons[1]
    assert "is empty" in reasons[2]
