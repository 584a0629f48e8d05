"""Two `conflictcoder ingest` processes into one SQLite store at once: they take turns.

Before BEGIN IMMEDIATE, the second writer failed at once with "database is locked" (raised
from a read transaction that could not become a write one, then again from PRAGMA optimize,
hiding the first error) and its documents were lost.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conflictcoder.store import open_store

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

REPORT = (
    "Officials in the provincial capital said on Tuesday that armed men attacked a police"
    " post overnight in district number {n}, wounding {k} officers before fleeing.\n"
)


def _reports(folder: Path, prefix: str, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"{prefix}-{n}.txt").write_text(REPORT.format(n=f"{prefix}{n}", k=n + 2))
    return folder


def _ingest(inputs: Path, db: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "conflictcoder.cli",
            "ingest",
            str(inputs),
            "--db",
            str(db),
            "--batch",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def test_two_ingest_processes_store_every_document(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    first = _reports(tmp_path / "a", "a", 6)
    second = _reports(tmp_path / "b", "b", 6)
    # A pause after each document keeps both writers busy over the same seconds.
    slow = {"CONFLICTCODER_INGEST_DELAY": "0.2"}
    runs = [_ingest(first, db, **slow), _ingest(second, db, **slow)]
    outputs = [run.communicate(timeout=240) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert "Traceback" not in err, err
        assert run.returncode == 0, err
    with open_store(str(db)) as store:
        assert store.counts()["documents"] == 12


def test_a_write_that_cannot_wait_is_one_line_and_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    with open_store(str(db)):
        pass  # a store at the newest schema
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock and does not let go
    try:
        run = _ingest(_reports(tmp_path / "a", "a", 1), db, CONFLICTCODER_DB_TIMEOUT="0.5")
        out, err = run.communicate(timeout=120)
    finally:
        holder.rollback()
        holder.close()
    assert run.returncode == 1, (out, err)
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if "database is locked" in line]
    assert len(lines) == 1, err
    assert lines[0].startswith("conflictcoder: "), err


def test_a_bad_timeout_setting_is_refused_in_one_line(tmp_path: Path) -> None:
    run = _ingest(_reports(tmp_path / "a", "a", 1), tmp_path / "e.db", CONFLICTCODER_DB_TIMEOUT="x")
    _out, err = run.communicate(timeout=120)
    assert run.returncode == 1 and "Traceback" not in err, err
    assert "CONFLICTCODER_DB_TIMEOUT" in err
