"""``--db``: the workers load their partitions into the store, idempotently, and fusion runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client

from conflictcoder.batch import BatchOptions, run_batch
from conflictcoder.config import Config
from conflictcoder.store import open_store
from tests.batch.corpus import corpus, write_jsonl

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


def test_partitions_load_into_the_store_once(
    tmp_path: Path, client: Client, config: Config, db_url: str
) -> None:
    docs = corpus(60, seed=9)
    feed = write_jsonl(tmp_path / "feed.jsonl", docs)
    out = tmp_path / "out"

    plain = run_batch([str(feed)], config, client, BatchOptions(out=out, partition_size=10))
    assert plain.run == 6 and plain.fused is None
    loaded = run_batch(
        [str(feed)], config, client, BatchOptions(out=out, partition_size=10, db=db_url)
    )
    assert loaded.run == 6, "partitions not yet loaded into this store run again"
    assert loaded.fused is not None and loaded.fused > 0
    again = run_batch(
        [str(feed)], config, client, BatchOptions(out=out, partition_size=10, db=db_url)
    )
    assert (again.run, again.skipped) == (0, 6)

    with open_store(db_url) as store:
        counts = store.counts()
        rows = list(store.event_rows())
    assert counts["documents"] == 60 and counts["events"] == loaded.events
    assert sorted({r["document"]["id"] for r in rows}) == sorted(d["id"] for d in docs)
