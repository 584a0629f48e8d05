"""A forced kill mid-ingest, then a rerun, ends in the same database as one clean run."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from conflictcoder.cli import main
from conflictcoder.store import database_url, open_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

# Each table as natural values: integer keys are replaced by the content hash they stand for.
DUMP = {
    "documents": "SELECT d.sha256, d.doc_id, d.path, d.url, d.source, d.revision, p.sha256,"
    " d.title, d.published, d.dateline_place, d.dateline_date, d.dateline_agency,"
    " d.issuer_name, d.issuer_country, d.language, d.text, d.removed"
    " FROM documents d LEFT JOIN documents p ON p.id = d.revises",
    "extractions": "SELECT d.sha256, x.engine, x.events FROM extractions x"
    " JOIN documents d ON d.id = x.document_id",
    "events": "SELECT e.id, d.sha256, x.engine, e.n, e.plover_type, e.date_start, e.stance,"
    " e.claimant_name, e.confidence, e.data FROM events e"
    " JOIN documents d ON d.id = e.document_id JOIN extractions x ON x.id = e.extraction_id",
    "places": "SELECT * FROM places",
    "actors": "SELECT * FROM actors",
    "evidence": "SELECT * FROM evidence",
    "rejections": "SELECT key, path, doc_id, stage, reason FROM rejections",
}


def _plain(value: Any) -> str:
    """One value the same way whichever backend gave it (JSON text or objects, dates)."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            value = json.loads(value)
        except ValueError:
            return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return {
                name: sorted(tuple(_plain(v) for v in row) for row in conn.execute(text(sql)))
                for name, sql in DUMP.items()
            }
    finally:
        engine.dispose()


def whole_documents_only(url: str) -> int:
    """Committed documents; asserts each has its extraction and all of its events."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            docs = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
            broken = conn.execute(
                text(
                    "SELECT d.id FROM documents d LEFT JOIN extractions x ON x.document_id = d.id"
                    " WHERE x.id IS NULL OR x.events <> (SELECT count(*) FROM events e"
                    " WHERE e.extraction_id = x.id)"
                )
            ).all()
        assert broken == [], f"half-written documents: {broken}"
        return int(docs)
    finally:
        engine.dispose()


def _committed(url: str) -> int:
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar_one())
    except Exception:  # the schema may not exist yet
        return 0
    finally:
        engine.dispose()


def test_kill_then_rerun_equals_one_clean_run(
    corpus_few: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for item in sorted(corpus_few.iterdir()):
        (folder / item.name).write_bytes(item.read_bytes())
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01 not a report" * 10)

    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    assert main(["ingest", str(folder), "--db", reference]) == 1  # the binary file is rejected
    capsys.readouterr()

    env = {**os.environ, "CONFLICTCODER_INGEST_DELAY": "0.4", "PYTHONPATH": str(ROOT / "src")}
    command = [
        sys.executable,
        "-m",
        "conflictcoder.cli",
        "ingest",
        str(folder),
        "--db",
        db_url,
        "--batch",
        "2",
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _committed(db_url) < 2 and process.poll() is None:
            assert time.monotonic() < deadline, "the ingest never committed its first batch"
            time.sleep(0.05)
        time.sleep(0.5)  # into the next batch: a document written but not committed
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""

    partial = whole_documents_only(db_url)
    assert 2 <= partial < 5

    assert main(["ingest", str(folder), "--db", db_url, "--json"]) == 1
    capsys.readouterr()
    assert whole_documents_only(db_url) == 5
    assert dump(db_url) == dump(reference)
    with open_store(db_url) as store:
        assert store.counts()["rejections"] == 1
