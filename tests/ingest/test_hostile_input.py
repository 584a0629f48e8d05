"""Inputs a careless or hostile user gives: lone surrogates, NUL bytes, mixed encodings,
folders that cannot be listed, FIFOs, and the README beside the reports."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conflictcoder.config import Config
from conflictcoder.ingest.decode import decode_bytes, decode_text, replace_surrogates
from conflictcoder.ingest.sources import iter_inputs, list_directory
from conflictcoder.records import RawInput, Rejection

# A lone low surrogate (U+DCA0) as CESU-8 / "surrogatepass" bytes, and the pair for U+1F600.
LONE_BYTES = b"\xed\xb2\xa0"
PAIR_BYTES = b"\xed\xa0\xbd\xed\xb8\x80"


def _kinds(items: list[RawInput | Rejection]) -> list[str]:
    return [type(i).__name__ for i in items]


def test_replace_surrogates_joins_pairs_and_replaces_lone_ones() -> None:
    text, lone = replace_surrogates("a\udca0b\ud83d\ude00c\ud800")
    assert (text, lone) == ("a\ufffdb\U0001f600c\ufffd", 2)
    assert replace_surrogates("plain") == ("plain", 0)


def test_cesu8_surrogates_in_raw_bytes_become_replacement_characters() -> None:
    data = b"Shelling hit the depot " + LONE_BYTES + b" at night " + PAIR_BYTES + b".\n"
    decoded = decode_text(data, "scraped.txt")
    assert decoded.text == "Shelling hit the depot \ufffd at night \U0001f600.\n"
    assert decoded.notes == ("1 lone surrogate replaced with U+FFFD",)
    assert decode_bytes(data, "scraped.txt") == decoded.text


def test_lines_mixing_utf8_and_windows_1252_are_decoded_line_by_line() -> None:
    utf8 = "The café in the old town was shelled.\n".encode()
    legacy = "The mayor said “it was a deliberate attack” on the façade.\n".encode("cp1252")
    decoded = decode_text(utf8 + legacy + utf8, "mixed.txt")
    assert decoded.text == (
        "The café in the old town was shelled.\n"
        "The mayor said “it was a deliberate attack” on the façade.\n"
        "The café in the old town was shelled.\n"
    )
    assert decoded.notes == ("line 2 is not UTF-8; read as cp1252",)


def test_wholly_legacy_file_is_decoded_as_before() -> None:
    source = "Le porte-parole a déclaré à Genève que l'armée était là.\nRien de plus.\n"
    assert decode_bytes(source.encode("latin-1"), "fr.txt") == source


def test_jsonl_lone_surrogate_escape_is_replaced_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "scraped.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Troops crossed the river \udca0 at dawn."}),
        json.dumps({"id": "b", "text": "Two villages were shelled.", "title": "x\ud800"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    first, second = list(iter_inputs([str(path)], Config()))
    assert isinstance(first, RawInput) and isinstance(second, RawInput)
    assert first.text == "Troops crossed the river \ufffd at dawn."
    assert first.notes == ("1 lone surrogate replaced with U+FFFD",)
    assert second.title == "x\ufffd"
    assert second.notes == ("1 lone surrogate replaced with U+FFFD",)


def test_jsonl_line_with_a_raw_nul_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Gunmen attacked a convoy."}\n'
        b'{"id": "b", "text": "Broken \x00 line."}\n'
        b'{"id": "c", "text": "Police arrested four men."}\n'
    )
    items = list(iter_inputs([str(path)], Config()))
    assert _kinds(items) == ["RawInput", "Rejection", "RawInput"]
    bad = items[1]
    assert isinstance(bad, Rejection)
    assert f"{path} line 2" in bad.reason and "NUL" in bad.reason


def test_stdin_jsonl_with_a_nul_line_and_surrogates() -> None:
    data = (
        json.dumps({"id": "a", "text": "Rockets hit the airport \udcff."}).encode()
        + b"\n"
        + b'{"id": "b", "text": "bad \x00"}\n'
        + b'{"id": "c", "text": "A ceasefire was announced '
        + LONE_BYTES
        + b'."}\n'
    )
    items = list(iter_inputs(["-"], Config(), stdin=io.BytesIO(data)))
    assert _kinds(items) == ["RawInput", "Rejection", "RawInput"]
    assert isinstance(items[0], RawInput) and "\ufffd" in items[0].text
    assert isinstance(items[2], RawInput) and items[2].text.endswith("announced \ufffd.")
    assert "<stdin> line 2" in items[1].reason  # type: ignore[union-attr]


def test_a_whole_text_file_with_nul_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"Some text\x00 and more")
    (item,) = list(iter_inputs([str(path)], Config()))
    assert isinstance(item, Rejection) and "binary content" in item.reason


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # A subprocess, so that a regression hangs only it (and the timeout reports it).
    code = (
        "from conflictcoder.config import Config\n"
        "from conflictcoder.ingest.sources import iter_inputs\n"
        f"(item,) = iter_inputs([{str(fifo)!r}], Config())\n"
        "print(item.reason)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "not a regular file" in done.stdout


def test_report_folder_skips_readme_license_changelog(tmp_path: Path) -> None:
    for name in ("README.md", "LICENSE", "CHANGELOG.txt", "COPYING", "readme.txt"):
        (tmp_path / name).write_text("About this folder.", encoding="utf-8")
    (tmp_path / "report.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "licensed-report.txt").write_text("Shops closed.", encoding="utf-8")
    files, skipped = list_directory(str(tmp_path))
    assert [Path(f).name for f in files] == ["licensed-report.txt", "report.txt"]
    assert skipped == ["CHANGELOG.txt", "COPYING", "LICENSE", "README.md", "readme.txt"]
    items = list(iter_inputs([str(tmp_path)], Config()))
    assert [Path(i.path or "").name for i in items] == ["licensed-report.txt", "report.txt"]


def _unlistable(tmp_path: Path) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text("Troops moved.", encoding="utf-8")
    folder.chmod(0)
    if os.access(folder, os.R_OK):
        folder.chmod(0o755)
        pytest.skip("running as root: a chmod 000 folder can still be listed")
    return folder


def test_unlistable_folder_is_one_rejection(tmp_path: Path) -> None:
    folder = _unlistable(tmp_path)
    try:
        (item,) = list(iter_inputs([str(folder)], Config()))
    finally:
        folder.chmod(0o755)
    assert isinstance(item, Rejection)
    assert "cannot be listed" in item.reason and "is a directory" not in item.reason


def test_unlistable_folder_as_another_user(tmp_path: Path) -> None:
    """As root a chmod 000 folder is still listed: run the reader as nobody instead."""
    if os.geteuid() != 0:
        pytest.skip("not root: test_unlistable_folder_is_one_rejection covers it")
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="cc-locked-"))
    try:
        base.chmod(0o755)
        folder = base / "locked"
        folder.mkdir()
        (folder / "a.txt").write_text("Troops moved.", encoding="utf-8")
        folder.chmod(0)
        code = (
            "from conflictcoder.config import Config\n"
            "from conflictcoder.ingest.sources import iter_inputs\n"
            f"items = iter_inputs([{str(folder)!r}], Config())\n"
            "print([getattr(i, 'reason', 'read') for i in items])\n"
        )
        try:
            done = subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True, text=True, timeout=120, user=65534, group=65534,
                cwd=base, env={**os.environ, "HOME": str(base)},
            )  # fmt: skip
        except (PermissionError, OSError) as exc:
            pytest.skip(f"cannot run as nobody here ({exc})")
        if "Permission denied" in done.stderr and "conflictcoder" not in done.stdout:
            pytest.skip(f"nobody cannot run this interpreter: {done.stderr.strip()[:120]}")
        assert done.returncode == 0, done.stderr
        assert "cannot be listed (permission denied)" in done.stdout
    finally:
        (base / "locked").chmod(0o755)
        import shutil

        shutil.rmtree(base)


def test_feed_entry_with_surrogate_character_reference() -> None:
    from conflictcoder.store.feeds import entry_input, parse_feed

    feed = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>Strike &#xdca0; reported</title><link>https://example.org/a</link>"
        b"<description>Artillery hit a depot &#xdca0; near the border.</description></item>"
        b"</channel></rss>"
    )
    (entry,) = parse_feed(feed)
    raw = entry_input(entry, "feed.xml")
    assert isinstance(raw, RawInput)
    for value in (raw.text, raw.title or ""):
        assert replace_surrogates(value)[1] == 0
        value.encode("utf-8")


def _partitions(path: Path) -> list[RawInput | Rejection]:
    from conflictcoder.batch.plan import plan_partitions
    from conflictcoder.batch.readers import read_partition

    config = Config()
    return [i for p in plan_partitions([str(path)], 100, config) for i in read_partition(p, config)]


def test_batch_jsonl_reads_like_extract(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "text": "Troops shelled \udca0 a town."}).encode()
        + b'\n{"id": "b", "text": "bad \x00"}\n'
        + b'{"id": "c", "text": "Clashes '
        + LONE_BYTES
        + b' resumed."}\n'
    )
    items = _partitions(path)
    assert _kinds(items) == ["RawInput", "Rejection", "RawInput"]
    assert [i.notes for i in items if isinstance(i, RawInput)] == [
        ("1 lone surrogate replaced with U+FFFD",)
    ] * 2
    assert items == list(iter_inputs([str(path)], Config()))
