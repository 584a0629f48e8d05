"""`make demo` ingests each report once, with or without ../shared beside the repository."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _recipe(tmp_path: Path, shared: Path) -> list[str]:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # -n prints the recipe without running it; STAMP points at a file that exists.
    stamp = tmp_path / "stamp"
    stamp.touch()
    shown = subprocess.run(
        ["make", "-n", "-s", "demo", "NO_SERVE=1", f"SHARED={shared}", f"STAMP={stamp}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return shown.splitlines()


def _ingest_paths(tmp_path: Path, shared: Path) -> list[str]:
    shown = _recipe(tmp_path, shared)
    (line,) = [x for x in shown if "conflictcoder ingest " in x and "echo" not in x]
    words = shlex.split(line)
    return words[words.index("ingest") + 1 : words.index("--db")]


def test_demo_without_shared_ingests_each_example_once(tmp_path: Path) -> None:
    paths = _ingest_paths(tmp_path, tmp_path / "no-shared")
    assert paths, "the demo ingests nothing"
    assert len(paths) == len(set(paths)), paths
    assert "examples/border-statement.txt" in paths


def test_demo_starts_from_an_empty_store(tmp_path: Path) -> None:
    # A second `make demo` would otherwise find every report stored already.
    shown = _recipe(tmp_path, tmp_path / "no-shared")
    ingest = next(
        i for i, x in enumerate(shown) if "conflictcoder ingest " in x and "echo" not in x
    )
    assert any(x.startswith("rm -f .venv/demo-events.db") for x in shown[:ingest]), shown


def test_demo_with_shared_ingests_the_seed_and_the_examples(tmp_path: Path) -> None:
    seed = tmp_path / "shared" / "examples" / "seed-report.txt"
    seed.parent.mkdir(parents=True)
    seed.write_text("A report of ours.\n", encoding="utf-8")
    paths = _ingest_paths(tmp_path, tmp_path / "shared")
    assert str(seed) in paths and "examples/border-statement.txt" in paths
    assert len(paths) == len(set(paths)), paths
