"""Shared fixtures: the shared folder beside the repository, the contract schema, a Config."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

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
