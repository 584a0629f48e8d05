"""The coding pool behind POST /api/extract: a full pool refuses at once with 503 and
Retry-After, a text past the time limit has its worker process killed (the work really
stops) and replaced, and the replacement codes correctly."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from conflictcoder.api import create_app
from conflictcoder.api.state import ApiState
from conflictcoder.errors import ConflictcoderError

REPORT = (
    "Kyiv, 3 May 2023: The regional governor said Russian forces shelled the village of"
    " Bilozerka overnight, killing one man and wounding four others."
)
# Made-up report prose, repeated until spaCy needs many seconds for it.
PROSE = (
    "Officials in the district said armed men attacked a police post before dawn. Two"
    " officers were wounded and taken to the regional hospital. Residents reported shelling"
    " near the market for several hours, and the ministry said its forces returned fire.\n\n"
)
LONG = PROSE * 800  # ~200 kB: tens of seconds of coding on a shared machine


def _wait_for(condition: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def single(tmp_path: Path) -> Iterator[TestClient]:
    """An app with one coding worker and room for one waiting request."""
    app = create_app(str(tmp_path / "events.db"), workers=1, queue=1)
    with TestClient(app) as client:
        yield client


def _state(client: TestClient) -> ApiState:
    state: ApiState = client.app.state.conflictcoder  # type: ignore[attr-defined]
    return state


def _post_in_background(
    client: TestClient, text: str
) -> tuple[threading.Thread, list[httpx.Response]]:
    answers: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: answers.append(client.post("/api/extract", json={"text": text}))
    )
    thread.start()
    return thread, answers


def test_a_full_pool_answers_503_with_retry_after_at_once(single: TestClient) -> None:
    pool = _state(single).pool
    running, long_answer = _post_in_background(single, LONG)
    _wait_for(lambda: pool.in_flight() == 1)
    waiting, short_answer = _post_in_background(single, REPORT)
    _wait_for(lambda: pool.in_flight() == 2)

    started = time.monotonic()
    refused = single.post("/api/extract", json={"text": REPORT})
    assert time.monotonic() - started < 5  # refused at once, not after the queue drains
    assert refused.status_code == 503
    assert refused.headers["retry-after"].isdigit() and int(refused.headers["retry-after"]) >= 1
    assert "retry in" in refused.json()["detail"]

    running.join(300)
    waiting.join(300)
    assert long_answer[0].status_code == 200, long_answer[0].text
    assert short_answer[0].status_code == 200  # the queued request was coded, not dropped
    assert any(e["plover"]["type"] == "ASSAULT" for e in short_answer[0].json()["events"])
    assert pool.in_flight() == 0
    assert single.post("/api/extract", json={"text": REPORT}).status_code == 200


def test_a_timed_out_job_is_killed_and_its_worker_replaced(single: TestClient) -> None:
    state = _state(single)
    first = single.post("/api/extract", json={"text": REPORT})  # the worker loads the model
    assert first.status_code == 200
    assert single.post("/api/extract", json={"text": REPORT}).status_code == 200
    [worker] = state.pool.pids()  # one process served both: the model stays loaded

    state.extract_timeout = 2.0
    slow = single.post("/api/extract", json={"text": LONG})
    assert slow.status_code == 504 and "longer than 2 s" in slow.json()["detail"]
    assert not _alive(worker)  # killed and reaped: its CPU and memory are free
    [replacement] = state.pool.pids()
    assert replacement != worker and _alive(replacement)

    state.extract_timeout = 120.0
    again = single.post("/api/extract", json={"text": REPORT})
    assert again.status_code == 200, again.text
    record = again.json()
    assert record["document"]["text"] == REPORT
    assert record == first.json()  # the new worker codes exactly as the old one did
    assert state.pool.pids() == [replacement]


def test_a_worker_that_dies_mid_job_is_a_503_and_is_replaced(single: TestClient) -> None:
    state = _state(single)
    assert single.post("/api/extract", json={"text": REPORT}).status_code == 200
    [worker] = state.pool.pids()
    running, answer = _post_in_background(single, LONG)
    _wait_for(lambda: state.pool.in_flight() == 1)
    time.sleep(1.0)  # the job has reached the worker
    os.kill(worker, signal.SIGKILL)  # as the kernel's OOM killer would
    running.join(60)
    assert answer[0].status_code == 503
    assert "stopped while coding" in answer[0].json()["detail"]
    assert single.post("/api/extract", json={"text": REPORT}).status_code == 200
    assert worker not in state.pool.pids()


def test_the_pool_size_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTCODER_WORKERS", "3")
    monkeypatch.setenv("CONFLICTCODER_QUEUE", "0")
    pool = _state(TestClient(create_app(str(tmp_path / "events.db")))).pool
    assert (pool.size, pool.queue) == (3, 0)
    assert pool.pids() == []  # nothing starts before the first text
    monkeypatch.setenv("CONFLICTCODER_WORKERS", "many")
    with pytest.raises(ConflictcoderError, match="CONFLICTCODER_WORKERS='many'"):
        create_app(str(tmp_path / "events.db"))
