"""One gazetteer for the whole test session (the index is built once into the user cache)."""

from __future__ import annotations

import pytest

from conflictcoder.config import Config
from conflictcoder.geo.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(Config())
