"""Shared fixtures: the shared folder beside the repository, the contract schema, a Config,
and a database per test on SQLite and on PostgreSQL (the store's and batch's tests)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.store.postgres import cluster, create_database, drop_database, unavailable_reason

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared folder sits beside the repository)")
    return path


@pytest.fixture(scope="session")
def contract_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(shared_path("contract.schema.json").read_text())
    return schema


@pytest.fixture(scope="session")
def validate(contract_schema: dict[str, Any]) -> Any:
    import jsonschema

    validator = jsonschema.Draft202012Validator(contract_schema)

    def check(record: dict[str, Any]) -> None:
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]

    return check


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
