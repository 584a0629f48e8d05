"""The command line: formats, exit codes, one clear line for bad input, no traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictcoder.cli import main

REPORT = (
    "Kabul, 14 August 2022 (EXAMPLE): The Ministry of Defence of Afghanistan said in a "
    "statement that gunmen attacked a police checkpoint in Kunduz province on Saturday.\n\n"
    "Two police officers were killed and three others were wounded in the attack.\n"
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_json_record(report: Path, capsys: pytest.CaptureFixture[str], validate: object) -> None:
    code, out, err = run(["extract", str(report), "--format", "json"], capsys)
    assert code == 0, err
    record = json.loads(out)
    validate(record)  # type: ignore[operator]
    assert record["document"]["dateline"]["date"] == "2022-08-14"
    assert record["events"]


def test_table_view(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(report), "--format", "table"], capsys)
    assert code == 0
    assert "dateline" in out and "ASSAULT" in out


def test_jsonl_keeps_one_line_per_input_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "a", "text": REPORT}),
        "{not json",
        json.dumps({"id": "c", "text": "Gunmen killed two villagers in an attack on a market."}),
    ]
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["extract", str(source), "--format", "jsonl"], capsys)
    assert code == 1  # one line was rejected
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3
    assert rows[0]["document"]["id"] == "a" and "events" in rows[0]
    assert rows[1]["error"]["stage"] == "ingest"
    assert rows[2]["document"]["id"] == "c"
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "content", "word"),
    [
        ("empty.txt", b"", "empty"),
        ("blob.bin", b"\x00\x01\x02\x03" * 50, "binary"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
        ("fr.txt", "Les forces armées ont bombardé plusieurs villages près de la frontière "
                   "pendant la nuit, selon le ministère de la Défense.".encode(), "English"),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, word: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(["extract", str(path)], capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert word.lower() in err.lower()
    assert "Traceback" not in err
    assert json.loads(out)["error"]["reason"]


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extract", str(tmp_path / "nope.txt")], capsys)
    assert code == 1
    assert "nope.txt" in err and len(err.strip().splitlines()) == 1


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--format", "xml", "x.txt"])
    assert exc.value.code == 2


def test_cp1252_file_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "legacy.txt"
    text = (
        "Gunmen attacked the caf\u00e9 in the town centre and killed two people, "
        "police said \u201cthis morning\u201d."
    )
    path.write_bytes(text.encode("cp1252"))
    code, out, _ = run(["extract", str(path)], capsys)
    assert code == 0
    assert "caf\u00e9" in json.loads(out)["document"]["text"]


def test_size_limit_is_configurable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    path.write_text(REPORT * 100, encoding="utf-8")
    code, _, err = run(["extract", str(path), "--max-bytes", "1000"], capsys)
    assert code == 1 and "1,000" in err and "--max-bytes" in err


def test_stdin_and_no_traceback_in_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "conflictcoder.cli", "extract", "-", "--format", "jsonl"],
        input=REPORT.encode(), capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["events"]
    empty = subprocess.run(
        [sys.executable, "-m", "conflictcoder.cli", "extract", "-"],
        stdin=subprocess.DEVNULL, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert empty.returncode == 1
    assert b"Traceback" not in empty.stderr
    assert len(empty.stderr.decode().strip().splitlines()) == 1


def test_main_module_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode())))
    code, out, _ = run(["extract", "-", "--format", "jsonl"], capsys)
    assert code == 0 and json.loads(out)["document"]["published"] == "2022-08-14"
