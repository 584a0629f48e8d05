"""Shared fixtures for the pipeline tests: spaCy loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conflictcoder.config import Config
from conflictcoder.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(Config())
