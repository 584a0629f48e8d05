"""`extract` and `ingest` over hostile JSON Lines and folders: one output line per input
line, never a traceback (property tests through the library and the real command)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictcoder.config import Config
from conflictcoder.extract import extract_paths
from conflictcoder.jsonl import split_lines
from conflictcoder.records import Record
from conflictcoder.serialize import dumps, record_json, rejection_json

REPORT = "Gunmen attacked a police post in the north of the province on Monday, police said."
# Characters scraped text carries that break naive readers: lone surrogates, NUL, escape
# and other controls, and the separators str.splitlines() cuts on.
_HOSTILE = st.sampled_from(
    ["\udca0", "\ud800", "\udfff", "\x00", "\x1b", "\x7f", "\u2028", "\u2029", "\u0085", "\r"]
)
_TEXT = st.text(st.one_of(st.characters(), _HOSTILE), max_size=40).map(lambda s: REPORT + s)


@st.composite
def jsonl_lines(draw: st.DrawFn) -> list[bytes]:
    """Lines of a JSON Lines file: escaped, raw (CESU-8 surrogates), or with a raw NUL."""
    lines = []
    for number, text in enumerate(draw(st.lists(_TEXT, min_size=1, max_size=4))):
        obj = {"id": f"d{number}", "text": text, "title": draw(st.text(max_size=5))}
        how = draw(st.sampled_from(["escaped", "raw", "nul"]))
        if how == "escaped":
            lines.append(json.dumps(obj).encode("ascii"))
        elif how == "raw":
            lines.append(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        else:
            lines.append(b'{"id": "n%d", "text": "raw \x00 byte"}' % number)
    return lines


def _write(tmp: Path, lines: list[bytes]) -> Path:
    path = tmp / "hostile.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=jsonl_lines())
def test_extract_library_one_result_per_line(tmp_path: Path, lines: list[bytes]) -> None:
    results = list(extract_paths([str(_write(tmp_path, lines))], Config()))
    assert len(results) == len(lines)
    for result in results:
        obj = record_json(result) if isinstance(result, Record) else rejection_json(result)
        text = dumps(obj)
        text.encode("utf-8")  # no surrogate is left to print
        assert [line for _, line in split_lines(text)] == [text]


@settings(
    max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=jsonl_lines())
def test_extract_command_one_output_line_per_input_line(tmp_path: Path, lines: list[bytes]) -> None:
    path = _write(tmp_path, lines)
    done = subprocess.run(
        [sys.executable, "-m", "conflictcoder.cli", "extract", str(path), "--format", "jsonl"],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    out = [line for _, line in split_lines(done.stdout.decode("utf-8")) if line]
    assert len(out) == len(lines)
    assert all(json.loads(line)["schema"] == "conflictcoder/1" for line in out)


def test_surrogate_line_does_not_lose_the_lines_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictcoder.cli import main

    lines = [
        json.dumps({"id": "a", "text": REPORT + " \udca0"}).encode(),
        json.dumps({"id": "b", "text": REPORT}).encode(),
    ]
    code = main(["extract", str(_write(tmp_path, lines)), "--format", "jsonl"])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0, err
    assert [r["document"]["id"] for r in records] == ["a", "b"]
    assert records[0]["document"]["notes"] == ["1 lone surrogate replaced with U+FFFD"]
    assert records[0]["events"] and records[1]["document"]["notes"] == []


def test_folder_readme_skipped_and_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictcoder.cli import main

    (tmp_path / "README.txt").write_text("These are our field reports.", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Use them freely.", encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    code = main(["extract", str(tmp_path), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert len(out.splitlines()) == 1
    (line,) = err.strip().splitlines()
    assert "skipped 2 files that are not reports" in line
    assert "LICENSE" in line and "README.txt" in line
    db = tmp_path.parent / f"{tmp_path.name}-store.db"  # outside the folder it reads
    code = main(["ingest", str(tmp_path), "--db", str(db), "--no-fuse"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "skipped 2 files" in err and "stored 1" in out


def test_ingest_of_a_missing_or_fifo_path_is_one_line(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "conflictcoder.cli", "ingest", str(fifo),
         "--db", str(tmp_path / "s.db"), "--no-fuse"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "not a regular file" in done.stderr
