"""Where PostgreSQL is missing the PG tests skip with one reason (and fail under CI=true)."""

from __future__ import annotations

import pytest

from tests.conftest import require_postgres
from tests.store import postgres


def test_reason_names_the_way_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(postgres.ENV, raising=False)
    monkeypatch.setattr(postgres, "binaries", lambda: None)
    reason = postgres.unavailable_reason()
    assert reason is not None and postgres.ENV in reason and "postgresql" in reason
    monkeypatch.setenv(postgres.ENV, "postgresql+psycopg://u@127.0.0.1:5432")
    assert postgres.unavailable_reason() is None


def test_ci_turns_the_skip_into_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgres, "binaries", lambda: None)
    monkeypatch.delenv(postgres.ENV, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI needs PostgreSQL"):
        require_postgres()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match=postgres.ENV):
        require_postgres()
