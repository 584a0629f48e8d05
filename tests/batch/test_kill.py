"""A worker killed mid-run: every document still ends up in the outputs exactly once."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client

from conflictcoder.batch import BatchOptions, BatchSummary, open_client, run_batch
from conflictcoder.batch.task import CRASH_ENV
from conflictcoder.config import Config
from tests.batch.conftest import leftovers, rows
from tests.batch.corpus import corpus, write_jsonl

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

DOCUMENTS = 400
SIZE = 20


@pytest.fixture(scope="module")
def crash_flag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash") / "crashed"


@pytest.fixture(scope="module")
def killable(crash_flag: Path) -> Iterator[Client]:
    """Its own two workers (they get killed), started with the test-only crash hook armed."""
    old = os.environ.get(CRASH_ENV)
    os.environ[CRASH_ENV] = str(crash_flag)  # worker processes inherit it when they spawn
    try:
        with open_client(workers=2, threads_per_worker=1, dashboard_address=None) as client:
            os.environ.pop(CRASH_ENV)
            yield client
    finally:
        if old is not None:
            os.environ[CRASH_ENV] = old


def _exactly_once(out: Path, ids: list[str]) -> None:
    documents = Counter(r["document_id"] for r in rows(out, "documents"))
    assert sorted(documents) == sorted(ids), "none missing, none extra"
    assert max(documents.values()) == 1, "none twice"
    events = Counter(r["event_id"] for r in rows(out, "events"))
    assert events and max(events.values()) == 1
    assert {r["document_id"] for r in rows(out, "events")} <= set(ids)
    assert rows(out, "rejections") == []
    assert not leftovers(out)


def _worker_pids(client: Client) -> dict[str, int]:
    pids: dict[str, int] = client.run(os.getpid)
    return pids


def test_sigkill_of_a_worker_mid_run(
    tmp_path: Path, killable: Client, crash_flag: Path, config: Config
) -> None:
    crash_flag.touch()  # the crash hook stays quiet: this test kills from outside
    docs = corpus(DOCUMENTS, seed=5)
    feed = write_jsonl(tmp_path / "feed.jsonl", docs)
    out = tmp_path / "out"
    before = _worker_pids(killable)
    result: list[BatchSummary] = []
    runner = threading.Thread(
        target=lambda: result.append(
            run_batch([str(feed)], config, killable, BatchOptions(out=out, partition_size=SIZE))
        )
    )
    runner.start()
    deadline = time.monotonic() + 120
    while len(list((out / "done").glob("*.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim = sorted(before.values())[0]
    os.kill(victim, signal.SIGKILL)  # mid-run: partitions are done, others are running
    runner.join(timeout=200)
    assert not runner.is_alive() and result
    summary = result[0]

    assert victim not in _worker_pids(killable).values(), "the nanny started a new worker"
    assert not summary.failed and summary.run == summary.partitions == DOCUMENTS // SIZE
    assert summary.documents == DOCUMENTS
    _exactly_once(out, [d["id"] for d in docs])


def test_worker_dying_between_two_files_of_a_partition(
    tmp_path: Path, killable: Client, crash_flag: Path, config: Config
) -> None:
    crash_flag.unlink(missing_ok=True)  # arm: the first task to get there exits its worker
    docs = corpus(DOCUMENTS // 2, seed=6)
    feed = write_jsonl(tmp_path / "feed.jsonl", docs)
    out = tmp_path / "out"
    summary = run_batch([str(feed)], config, killable, BatchOptions(out=out, partition_size=SIZE))

    assert crash_flag.exists(), "a worker did die half-way through a partition"
    assert not summary.failed and summary.run == summary.partitions == DOCUMENTS // 2 // SIZE
    _exactly_once(out, [d["id"] for d in docs])
