"""Bad inputs become rejection rows with their reasons, and the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client

from conflictcoder.batch import BatchOptions, run_batch
from conflictcoder.cli import main
from conflictcoder.config import Config
from tests.batch.conftest import rows
from tests.batch.corpus import corpus

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

SPANISH = "Las fuerzas armadas atacaron la ciudad el martes por la noche, dijo el ministerio."


def _inputs(root: Path) -> list[str]:
    good = corpus(6, seed=3)
    lines = [json.dumps(d) for d in good[:4]]
    lines += [
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "spanish", "text": SPANISH}),
        '{"id": "broken", "text": ',
    ]
    feed = root / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = pa.table({"id": ["p-good", "p-null"], "text": [good[4]["text"], None]})
    pq.write_table(table, root / "rows.parquet")
    pq.write_table(pa.table({"body": ["no text column here"]}), root / "wrong.parquet")
    (root / "pages").mkdir()
    (root / "pages" / "ok.txt").write_text(good[5]["text"], encoding="utf-8")
    (root / "pages" / "blank.txt").write_text("\n\n", encoding="utf-8")
    return [str(feed), str(root / "rows.parquet"), str(root / "wrong.parquet"), str(root / "pages")]


def test_bad_inputs_are_rejection_rows(tmp_path: Path, client: Client, config: Config) -> None:
    inputs = [*_inputs(tmp_path), str(tmp_path / "missing.txt")]
    summary = run_batch(inputs, config, client, BatchOptions(out=tmp_path / "out"))

    rejected = {
        (r["document_id"] or Path(r["path"]).name): r for r in rows(tmp_path / "out", "rejections")
    }
    assert set(rejected) == {
        "empty",
        "spanish",
        "feed.jsonl",
        "p-null",
        "wrong.parquet",
        "blank.txt",
        "missing.txt",
    }
    assert "is in es" in rejected["spanish"]["reason"]
    assert rejected["spanish"]["reason_kind"] == "ingest: is in es, not English"
    assert "empty" in rejected["blank.txt"]["reason"]
    assert "line 7 is not valid JSON" in rejected["feed.jsonl"]["reason"]
    assert 'row 2 has no "text"' in rejected["p-null"]["reason"]
    assert 'no "text" column' in rejected["wrong.parquet"]["reason"]
    assert all(r["stage"] == "ingest" for r in rejected.values())
    assert json.loads(rejected["spanish"]["rejection_json"])["error"]["stage"] == "ingest"

    coded = {r["document_id"] for r in rows(tmp_path / "out", "documents")}
    assert len(coded) == 6 and summary.coded == 6
    assert summary.rejections == 7 and summary.documents == 13
    assert sum(summary.rejected_by_reason.values()) == 7
    assert not summary.failed


def test_cli_prints_a_summary_and_exits_1_on_rejections(
    tmp_path: Path, client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = _inputs(tmp_path)
    scheduler = client.scheduler.address
    out = tmp_path / "out"
    args = ["batch", *inputs, "--out", str(out), "--scheduler", scheduler, "--partition-size", "3"]
    assert main(args) == 1
    printed = capsys.readouterr()
    assert "batch: 12 documents (6 coded, 6 rejected)" in printed.out
    assert "rejected: 1 × ingest: is in es, not English" in printed.out
    assert "dashboard:" in printed.err and "plan:" in printed.err

    assert main([*args, "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert (summary["run"], summary["skipped"], summary["documents"]) == (0, 6, 12)


def test_cli_refuses_stdin(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["batch", "-", "--out", str(tmp_path)]) == 2
    assert "standard input" in capsys.readouterr().err
