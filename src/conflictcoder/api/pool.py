"""A bounded pool of coding worker processes: at most ``size`` texts are coded at once and at
most ``queue`` more wait; beyond that a request is refused at once (the caller answers 503
with Retry-After) instead of queueing without limit. A job that runs past its deadline has
its worker killed, which really stops the spaCy work and frees its memory, and a fresh
worker (loading the model once) takes its place."""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import queue as queues
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from conflictcoder.config import Config
from conflictcoder.errors import ConflictcoderError

# Loading spaCy and the gazetteer in a fresh process; a worker slower than this is broken.
START_TIMEOUT = 300.0
# Retry-After when no job has finished yet to tell how long one takes.
DEFAULT_RETRY = 5


class Busy(Exception):
    """Every worker is busy and the wait queue is full: try again in ``retry_after`` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the server is coding as many texts as it can; retry in {retry_after} s")
        self.retry_after = retry_after


class TimedOut(Exception):
    """The job passed its deadline (its worker, if it had one, was killed and replaced)."""


class WorkerLost(ConflictcoderError):
    """A worker could not start, or died while coding."""

    stage = "coding"


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    discarded: bool = False  # set once, under the pool's lock, by the one thread that kills it


class CodingPool:
    """Worker processes started on first use (or by ``start``); thread-safe.

    ``submit`` admits a job or raises Busy; the job runs in one of the pool's threads, which
    hands it to an idle worker and waits for the answer until the deadline.
    """

    def __init__(self, config: Config, *, size: int = 2, queue: int = 2) -> None:
        if size < 1 or queue < 0:
            raise ValueError(f"a pool needs at least one worker and a queue >= 0 ({size}, {queue})")
        self.config = config
        self.size = size
        self.queue = queue
        # spawn, not fork: the server runs threads (uvicorn, SQLAlchemy) that fork would copy.
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._idle: queues.SimpleQueue[_Worker] = queues.SimpleQueue()
        self._workers: set[_Worker] = set()
        self._admitted = 0
        self._failure: str | None = None
        self._durations: deque[float] = deque(maxlen=16)
        self._threads: ThreadPoolExecutor | None = None

    # -- admission ---------------------------------------------------------------------------
    def submit(self, work: Callable[[], Any]) -> Future[Any]:
        """Run ``work`` (which calls ``run``) in a pool thread; Busy when the pool is full.

        The slot is held until ``work`` returns, even when the caller stops waiting.
        """
        with self._admission():
            threads = self._pool_threads()
        self._start_workers()

        def held() -> Any:
            try:
                return work()
            finally:
                with self._lock:
                    self._admitted -= 1

        return threads.submit(held)

    @contextmanager
    def _admission(self) -> Iterator[None]:
        with self._lock:
            if self._admitted >= self.size + self.queue:
                raise Busy(self.retry_after())
            self._admitted += 1
        try:
            yield
        except BaseException:
            with self._lock:
                self._admitted -= 1
            raise

    def in_flight(self) -> int:
        """Jobs admitted and not finished (coding or waiting for a worker)."""
        with self._lock:
            return self._admitted

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: the typical recent job's duration."""
        if not self._durations:
            return DEFAULT_RETRY
        return max(1, math.ceil(statistics.median(self._durations)))

    def _pool_threads(self) -> ThreadPoolExecutor:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(
                self.size + self.queue, thread_name_prefix="conflictcoder-coding"
            )
        return self._threads

    # -- workers -----------------------------------------------------------------------------
    def start(self) -> None:
        """Start the workers now (they load the model in the background)."""
        self._start_workers()

    def _start_workers(self) -> None:
        with self._lock:
            missing = self.size - len(self._workers) if self._failure is None else 0
            for _ in range(missing):
                self._spawn()

    def _spawn(self) -> None:
        """One new worker (the lock is held); it joins the idle queue once it is ready."""
        from conflictcoder.api.worker import serve

        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=serve, args=(child, self.config), name="conflictcoder-worker", daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.add(worker)
        threading.Thread(target=self._await_ready, args=(worker,), daemon=True).start()

    def _await_ready(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv() if worker.conn.poll(START_TIMEOUT) else ("failed", "")
        except (EOFError, OSError):
            message = ("failed", f"it exited with code {worker.process.exitcode}")
        if message[0] == "ready":
            self._idle.put(worker)
            return
        reason = message[1] or f"it did not load the model within {START_TIMEOUT:g} s"
        with self._lock:
            if worker in self._workers:
                self._failure = f"the coding worker could not start: {reason}"
        self._discard(worker, replace=False)

    def _discard(self, worker: _Worker, *, replace: bool) -> None:
        """Kill ``worker`` (its work stops now) and, while the pool is open, start another.

        Several threads may give up on one worker at once (its ready-waiter, a job, ``close``):
        only the first kills it and closes its pipe; closing a pipe twice from two threads
        can close another connection's reused descriptor, or fail with EBADF."""
        with self._lock:
            if worker.discarded:
                return
            worker.discarded = True
            known = worker in self._workers
            self._workers.discard(worker)
        worker.process.kill()
        worker.process.join(10)
        with contextlib.suppress(OSError):  # the descriptor is gone: the process is dead anyway
            worker.conn.close()
        if known and replace:
            with self._lock:
                if self._failure is None:
                    self._spawn()

    def pids(self) -> list[int]:
        """The live workers' process ids (starting, idle or busy)."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers if w.process.pid is not None)

    # -- jobs --------------------------------------------------------------------------------
    def run(
        self,
        job: tuple[Any, ...],
        deadline: float,
        answer: Callable[[Any], Any] | None = None,
    ) -> tuple[Any, ...]:
        """Send ``job`` to an idle worker and return its final message (``time.monotonic()``
        deadline). Questions the worker asks on the way are answered with ``answer``.

        Raises TimedOut at the deadline (killing the worker if it had the job) and WorkerLost
        when no worker can start or the worker died.
        """
        worker = self._take(deadline)
        started = time.monotonic()
        try:
            worker.conn.send(job)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not worker.conn.poll(remaining):
                    raise TimedOut
                message: tuple[Any, ...] = worker.conn.recv()
                if message[0] != "seen?" or answer is None:
                    break
                worker.conn.send(answer(message[1]))
        except TimedOut:
            self._durations.append(time.monotonic() - started)  # at least this long
            self._discard(worker, replace=True)
            raise
        except (EOFError, OSError):
            code = worker.process.exitcode
            self._discard(worker, replace=True)
            raise WorkerLost(f"the coding worker stopped while coding (exit code {code})") from None
        except BaseException:
            self._discard(worker, replace=True)  # it waits for an answer that will not come
            raise
        self._durations.append(time.monotonic() - started)
        self._idle.put(worker)
        return message

    def _take(self, deadline: float) -> _Worker:
        while True:
            if self._failure is not None:
                raise WorkerLost(self._failure)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimedOut
            try:
                worker = self._idle.get(timeout=min(remaining, 0.5))
            except queues.Empty:
                continue
            if worker in self._workers and worker.process.is_alive():
                return worker
            self._discard(worker, replace=True)

    def close(self) -> None:
        """Kill every worker and forget them (jobs in flight end with WorkerLost); the pool
        starts afresh on the next job, as a test client may start an app several times."""
        with self._lock:
            workers, self._workers = self._workers, set()
            threads, self._threads = self._threads, None
            self._failure = None
            self._idle = queues.SimpleQueue()
        for worker in workers:
            self._discard(worker, replace=False)
        if threads is not None:
            threads.shutdown(wait=False, cancel_futures=True)
