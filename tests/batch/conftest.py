"""A two-worker LocalCluster shared by the batch tests, and readers of a batch's outputs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import Client

from conflictcoder.batch import open_client
from conflictcoder.config import Config


@pytest.fixture(scope="session")
def client() -> Iterator[Client]:
    """Two worker processes, one thread each, as the issue asks; no dashboard."""
    with open_client(workers=2, threads_per_worker=1, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


def rows(out: Path, table: str) -> list[dict[str, Any]]:
    """Every row of OUT/<table>/*.parquet, file by file in name order."""
    found: list[dict[str, Any]] = []
    for path in sorted((out / table).glob("*.parquet")):
        found.extend(pq.read_table(path).to_pylist())
    return found


def leftovers(out: Path) -> list[Path]:
    """Temporary files a writer left behind (there must be none after a run)."""
    return [p for p in out.rglob("*") if ".tmp-" in p.name]
