"""Shared fixtures for the event-extraction tests: spaCy loaded once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Span as SpacySpan

from conflictcoder.config import Config
from conflictcoder.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(Config())


@pytest.fixture(scope="session")
def sent(nlp: Language) -> Callable[[str], SpacySpan]:
    """The first sentence of ``text`` as parsed by the project pipeline."""

    def parse(text: str) -> SpacySpan:
        return next(iter(nlp(text).sents))

    return parse
