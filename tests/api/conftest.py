"""API fixtures: a SQLite store ingested from reports we wrote (and the seed report when the
shared folder is there), and a TestClient over the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conflictcoder.api import create_app
from conflictcoder.config import Config
from conflictcoder.store import open_store
from conflictcoder.store.fusion import fuse
from conflictcoder.store.ingest import ingest
from tests.conftest import SHARED

TOKEN = "test-token-0123456789"
SEED = SHARED / "examples" / "seed-report.txt"

# Short reports in the style of real ones, written for these tests.
REPORTS = {
    "ng-market.txt": (
        "Maiduguri, 14 March 2023 (Staff): Police said gunmen attacked a market in Konduga on"
        " Tuesday, killing five traders and wounding three others. The police spokesman said"
        " the attackers fled on motorcycles."
    ),
    "am-jermuk.txt": (
        "Yerevan, 13 September 2022: The Ministry of Defence of Armenia said Azerbaijani forces"
        " shelled Armenian positions near Jermuk on September 12, 2022. The ministry said two"
        " servicemen were killed."
    ),
}


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def store_url(tmp_path_factory: pytest.TempPathFactory, report_dir: Path) -> str:
    """A SQLite store holding our reports (and the seed report when present), fused."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'events.db'}"
    paths = [str(report_dir)] + ([str(SEED)] if SEED.exists() else [])
    with open_store(url) as store:
        ingest(store, paths, Config())
        store.save_fusion(fuse(list(store.event_rows())))
    return url


@pytest.fixture(scope="session")
def client(store_url: str) -> Iterator[TestClient]:
    """A client of the app over the shared store (read tests only: it is never written)."""
    with TestClient(create_app(store_url, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def seed() -> Path:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (the shared folder sits beside the repository)")
    return SEED
