"""Schemathesis over the app's OpenAPI schema: generated requests to every endpoint never
get a server error (5xx). Bounded so it runs in well under a minute.

The schema is loaded at import (schemathesis' lazy fixture loader does not work with the
pytest we run), so the store here is built from hand-made records: no extraction needed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from conflictcoder.api import create_app
from conflictcoder.nlp.pipeline import load_nlp
from conflictcoder.store import open_store
from conflictcoder.store.fusion import fuse
from tests.store.factory import SHELLING, place, simple

_FOLDER = tempfile.TemporaryDirectory(prefix="conflictcoder-fuzz-")
_URL = f"sqlite:///{Path(_FOLDER.name) / 'events.db'}"
_REPORTS = (
    ("Gunmen attacked a market in Zaria.", {"places": (place("Zaria", "NGA", 11.1, 7.7),)}),
    ("Troops shelled Jermuk overnight.", {"trigger": "shelled", "kind": SHELLING}),
    ("Police denied that they attacked protesters.", {"stance": "denied", "claimant": "Police"}),
)
with open_store(_URL) as _store:
    for _text, _extra in _REPORTS:
        _store.ingest(simple(_text, day=dt.date(2023, 3, 14), **_extra))
    _store.save_fusion(fuse(list(_store.event_rows())))

# No token: the write endpoint answers 403, so the fuzzing writes nothing.
APP = create_app(_URL, token="", extract_timeout=30.0)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _spacy_loaded() -> None:
    """Load spaCy before the first generated extract (its load would outlast a request)."""
    load_nlp(APP.state.conflictcoder.config)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error])
