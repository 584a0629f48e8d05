"""The whole shared corpus into SQLite, twice: every document stored once, numbers agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictcoder.cli import main
from conflictcoder.ingest.sources import is_not_report
from conflictcoder.store import open_store
from tests.conftest import shared_path

pytestmark = pytest.mark.slow


def test_corpus_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = shared_path("corpus")
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    inputs = sorted(
        p
        for p in corpus.iterdir()
        if p.is_file() and not p.name.endswith(".meta.json") and not is_not_report(p.name)
    )  # the corpus README is skipped as not a report
    texts = {p.read_bytes() for p in inputs}

    code = main(["ingest", str(corpus), "--db", db, "--json"])
    first = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert first["read"] == len(inputs)
    assert first["stored"] + first["duplicates"] + first["rejected"] == len(inputs)
    assert first["revisions"] == 0
    assert first["stored"] >= len(texts) - first["rejected"] - 1  # identical files count once
    assert code == (1 if first["rejected"] else 0)
    with open_store(db) as store:
        counts = store.counts()
        events = sum(1 for _ in store.event_rows())
    assert counts["documents"] == counts["extractions"] == first["stored"]
    assert counts["rejections"] == first["rejected"]
    assert counts["events"] == events > counts["documents"]

    main(["ingest", str(corpus), "--db", db, "--json"])
    second = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert second["read"] == first["read"]
    assert second["stored"] == second["revisions"] == 0
    assert second["duplicates"] == first["stored"] + first["duplicates"]
    assert second["rejected"] == first["rejected"]
    with open_store(db) as store:
        assert store.counts() == counts
