"""Store fixtures: a database per test on SQLite and on PostgreSQL, records, the corpus."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflictcoder.config import Config
from tests.conftest import shared_path
from tests.store.postgres import cluster, create_database, drop_database, unavailable_reason

# A handful of corpus reports (two told by both sides of one war, one elsewhere, one HTML).
FEW = (
    "am-az-2020-09-27-sixteen-killed-fighting-erupts.txt",
    "am-az-2020-09-29-fighting-continues-overnight.txt",
    "sy-2022-06-17-sohr-al-hawl-two-women-killed.txt",
    "ng-2022-06-05-iswap-boko-haram-clash-mandara.txt",
    "html-tn-2015-03-18-wapo-bardo-museum-attack.html",
)


def require_postgres() -> None:
    """Skip with the reason when no PostgreSQL can be had; under CI=true fail instead."""
    reason = unavailable_reason()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs PostgreSQL for the store tests: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server URL; skips (fails under CI=true) when none can be had."""
    require_postgres()
    with cluster() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
        return
    server: str = request.getfixturevalue("pg_server")
    name = f"cc_{uuid.uuid4().hex[:12]}"
    url = create_database(server, name)
    try:
        yield url
    finally:
        drop_database(server, name)


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def corpus_few(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a handful of corpus reports and their sidecars."""
    corpus = shared_path("corpus")
    folder = tmp_path_factory.mktemp("few")
    for name in FEW:
        shutil.copy(corpus / name, folder / name)
        meta = corpus / f"{name}.meta.json"
        if meta.exists():
            shutil.copy(meta, folder / meta.name)
    return folder
