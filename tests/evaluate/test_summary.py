"""`evaluate summary`: one table from the per-set reports, and drops against an older one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictcoder.cli import main
from conflictcoder.evaluate.metrics import Classification, Detection, Share
from conflictcoder.evaluate.report import Report, Scores, report_json


def _reports(folder: Path, accuracy_hits: int) -> None:
    plover = Report(
        "plover",
        "dev",
        "x",
        4,
        1.0,
        Scores(
            (Share("mode", "accuracy", accuracy_hits, 4),),
            (Classification("plover_type", ("A", "B", "A", "B"), ("A", "B", "A", "A")),),
        ),
    )
    rams = Report(
        "rams", "dev", "x", 2, 1.0, Scores(detections=(Detection("role actor1", 1, 4, 3, 6),))
    )
    for report in (plover, rams):
        path = folder / f"{report.dataset}-dev.json"
        path.write_text(json.dumps(report_json(report)), encoding="utf-8")


def test_summary_gathers_headlines_and_flags_drops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    _reports(old, accuracy_hits=3)
    _reports(new, accuracy_hits=2)
    assert main(["evaluate", "summary", str(old), "--json", str(tmp_path / "old.json")]) == 0
    printed = capsys.readouterr().out
    assert "acled-armenia: not run" in printed  # sets without a report are named, not fatal
    rows = json.loads((tmp_path / "old.json").read_text())["rows"]
    values = {(r["dataset"], r["field"], r["metric"]): (r["value"], r["n"]) for r in rows}
    assert values[("plover", "plover_type", "accuracy")] == (0.75, 4)
    assert values[("plover", "mode", "accuracy")] == (0.75, 4)
    assert values[("rams", "role actor1", "precision")] == (0.25, 4)
    assert values[("rams", "role actor1", "recall")] == (0.5, 6)
    assert values[("acled-armenia", "event_type", "accuracy")] == (None, None)

    report = tmp_path / "summary.md"
    code = main(
        [
            "evaluate",
            "summary",
            str(new),
            "--against",
            str(tmp_path / "old.json"),
            "--report",
            str(report),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 1
    drop_lines = [line for line in printed.splitlines() if line.endswith("DROP")]
    assert len(drop_lines) == 1 and "mode" in drop_lines[0] and "-25.0" in drop_lines[0]
    assert "| plover | mode | accuracy | 50.0 | 4 | 75.0 | -25.0 | DROP |" in report.read_text()
    # The same figures again: nothing fell.
    assert main(["evaluate", "summary", str(old), "--against", str(tmp_path / "old.json")]) == 0


def test_summary_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "summary", str(tmp_path / "nowhere")]) == 1
    assert "no such folder" in capsys.readouterr().err
    assert main(["evaluate", "summary", str(tmp_path)]) == 1
    assert "no <dataset>-dev.json reports" in capsys.readouterr().err
    _reports(tmp_path, 3)
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["evaluate", "summary", str(tmp_path), "--against", str(bad)]) == 1
    assert "expected a JSON object" in capsys.readouterr().err
    assert main(["evaluate", "plover"]) == 1
    assert "give the dataset folder" in capsys.readouterr().err
