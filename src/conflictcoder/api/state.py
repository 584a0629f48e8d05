"""What every request needs: the store's engine, the extraction settings, the locks; and the
FastAPI dependencies that hand them out."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from conflictcoder.config import Config
from conflictcoder.store import Store
from conflictcoder.store.queries import SearchEngine


@dataclass
class ApiState:
    """One per app: the open store (its engine serves every read) and the settings."""

    store: Store
    db_url: str
    token: str | None
    config: Config
    static_dir: Path
    search: SearchEngine
    extract_timeout: float
    workers: int = 2
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    nlp_lock: threading.Lock = field(default_factory=threading.Lock)
    pool_lock: threading.Lock = field(default_factory=threading.Lock)
    _executor: ThreadPoolExecutor | None = None

    @property
    def executor(self) -> ThreadPoolExecutor:
        """The coding threads, started on first use (again after a ``shutdown``)."""
        with self.pool_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    self.workers, thread_name_prefix="conflictcoder-coding"
                )
            return self._executor

    def shutdown(self) -> None:
        """Stop the coding threads (queued work is dropped) and release the store's
        connections; the app can start again (a test client may run it several times)."""
        with self.pool_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        self.engine.dispose()

    @property
    def engine(self) -> Engine:
        return self.store.engine


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.conflictcoder
    return state


def get_session(request: Request) -> Iterator[Session]:
    """A read session for one request, closed after it."""
    with Session(get_state(request).engine) as session:
        yield session
