"""`conflictcoder ingest` links both sides' reports of one clash into one fused event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictcoder.cli import main
from tests.store.test_fusion import REPORTS


def test_opposing_reports_fuse_on_ingest(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("am.txt", "az.txt", "far.txt"):
        (reports / name).write_text(REPORTS[name], encoding="utf-8")
    assert main(["ingest", str(reports), "--db", db_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["fused"] > 0
    assert main(["events", "--db", db_url, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_doc: dict[str, set[str]] = {}
    for row in rows:
        if row["event"]["plover"]["type"] == "ASSAULT" and row["fused_id"]:
            by_doc.setdefault(Path(row["document"]["path"]).name, set()).add(row["fused_id"])
    # The Armenian claim and the Azerbaijani version share a fused event; Meghri does not.
    shared = by_doc["am.txt"] & by_doc["az.txt"]
    assert shared
    assert not shared & by_doc["far.txt"]
    # Re-ingesting changes nothing: the same fused ids come back.
    assert main(["ingest", str(reports), "--db", db_url, "--json"]) == 0
    capsys.readouterr()
    assert main(["events", "--db", db_url, "--format", "jsonl"]) == 0
    again = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(r["fused_id"] or "" for r in again) == sorted(r["fused_id"] or "" for r in rows)
