"""What every request needs: the store's engine, the extraction settings, the coding pool, the
write lock; and the FastAPI dependencies that hand them out."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from conflictcoder.api.pool import CodingPool
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
    pool: CodingPool
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    def shutdown(self) -> None:
        """Stop the coding workers (work in flight is dropped) and release the store's
        connections; the app can start again (a test client may run it several times)."""
        self.pool.close()
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
