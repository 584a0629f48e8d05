"""The word lists of refine, triggers, attribution and selection live in data/*_cues.tsv:
each file loads, every use the code asks for is one the file defines, and a bad row stops
the module with the file and line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from conflictcoder.cli import main
from conflictcoder.datafiles import read_word_uses
from conflictcoder.errors import DataError
from conflictcoder.events import attribution, refine, selection, triggers
from tests.conftest import shared_path

MODULES = [refine, triggers, attribution, selection]
_USE_CALL = re.compile(r'_words\("([a-z_]+)"\)')


def _loader(module: ModuleType) -> object:
    """The cached function that reads the module's cue file (attribution has two caches)."""
    return module._cue_words if module is attribution else module._cues


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Drop the loaded cue tables before and after: a test may point a module elsewhere."""
    for module in MODULES:
        _loader(module).cache_clear()  # type: ignore[attr-defined]
    yield
    for module in MODULES:
        _loader(module).cache_clear()  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_packaged_cue_file_loads_with_words_for_every_use(module: ModuleType) -> None:
    table = read_word_uses(module.CUES_FILE, module.CUE_USES)
    assert set(table) == set(module.CUE_USES)
    assert all(table.values())


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_code_asks_only_for_uses_the_file_defines_and_all_of_them(module: ModuleType) -> None:
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    asked = set(_USE_CALL.findall(source))
    if module is attribution:
        asked.add("reporting")  # read through the REPORTING view
    assert asked == set(module.CUE_USES)


def test_named_uses_hold_the_words_the_rules_need() -> None:
    assert "militant" in refine._words("non_state") and "soldier" in refine._words("state")
    assert {"village", "market"} <= refine._words("civilian_target")
    assert "threaten" in triggers._words("hypothetical")
    assert "'ll" in triggers._words("future_aux")
    assert "say" in attribution.REPORTING and "denied" not in attribution.REPORTING
    assert "against" in selection._words("grievance_prep")


def test_named_groups_come_from_actors_tsv_not_the_cue_file() -> None:
    """The rebel and militia rows of actors.tsv make a taker non-state; a name of several
    words needs all of them, and "al-" may be left out."""
    assert not {"taliban", "isis", "houthi"} & refine._words("non_state")
    assert refine._non_state({"taliban"}) and refine._non_state({"nrf", "force"})
    assert refine._non_state({"shabaab", "-", "al"}) and refine._non_state({"shabaab"})
    assert refine._non_state({"free", "syrian", "army", "unit"})
    assert not refine._non_state({"syrian", "army"})  # a state army, no group


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_unknown_use_in_the_module_file_names_file_and_line(
    module: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    packaged = module.CUES_FILE.read_text(encoding="utf-8")
    bad = tmp_path / module.CUES_FILE.name
    bad.write_text(packaged + "rumour\tgossip\n", encoding="utf-8")
    line = len(packaged.splitlines()) + 1
    monkeypatch.setattr(module, "CUES_FILE", bad)
    use = sorted(module.CUE_USES)[0]
    with pytest.raises(DataError, match=rf"{re.escape(str(bad))}:{line}: use 'gossip'"):
        module._words(use)


@pytest.mark.slow
def test_bad_cue_file_stops_extract_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fresh_caches: None,
) -> None:
    """The REPORTING view reads its file when first asked, inside the command, so a bad
    file is an error line, not a traceback at import."""
    report = shared_path("examples", "seed-report.txt")
    bad = tmp_path / "attribution_cues.tsv"
    bad.write_text("word\tuse\nsay\treporting\nsay\treporting\n", encoding="utf-8")
    monkeypatch.setattr(attribution, "CUES_FILE", bad)
    assert main(["extract", str(report), "--format", "jsonl"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3: duplicate of line 2" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
