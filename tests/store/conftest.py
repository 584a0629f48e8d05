"""Store fixtures: a database per test on SQLite and on PostgreSQL, records, the corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conflictcoder.config import Config
from tests.conftest import shared_path

# A handful of corpus reports (two told by both sides of one war, one elsewhere, one HTML).
FEW = (
    "am-az-2020-09-27-sixteen-killed-fighting-erupts.txt",
    "am-az-2020-09-29-fighting-continues-overnight.txt",
    "sy-2022-06-17-sohr-al-hawl-two-women-killed.txt",
    "ng-2022-06-05-iswap-boko-haram-clash-mandara.txt",
    "html-tn-2015-03-18-wapo-bardo-museum-attack.html",
)


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
