"""Run one dataset's evaluation: pick the split, time it, show progress, build the Report."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.evaluate import acled, case2021, geoparsing, plover, rams, ucdp, wikievents
from conflictcoder.evaluate.common import Tick
from conflictcoder.evaluate.report import Report, Scores

Runner = Callable[
    [str, Path, str, Config, "int | None", "int | None", Tick], tuple[int, Scores, tuple[str, ...]]
]


@dataclass(frozen=True)
class Dataset:
    name: str
    splits: tuple[str, ...]  # the first is the default: the development split when there is one
    run: Runner
    about: str


DATASETS = {
    d.name: d
    for d in (
        Dataset(
            "acled-armenia",
            ("dev", "test"),
            acled.run,
            "ACLED Armenia notes; dev 2018-19, test 2020",
        ),
        Dataset(
            "acled-global",
            ("dev", "test"),
            acled.run,
            "ACLED global slice, 2020; dev/test halves by a hash of the event id",
        ),
        Dataset(
            "case2021",
            ("dev", "test"),
            case2021.run,
            "CASE 2021 Task 2; dev ids <= 511, test >= 512",
        ),
        Dataset("plover", ("dev",), plover.run, "PLOVER gold sentences; development only"),
        Dataset(
            "ucdp-aec", ("dev", "test"), ucdp.run, "UCDP-AEC articles with texts; dev = validation"
        ),
        Dataset("geo-gwn", ("dev",), geoparsing.run, "GeoWebNews gold toponyms; development only"),
        Dataset("geo-lgl", ("test",), geoparsing.run, "LGL gold toponyms; held out only"),
        Dataset(
            "wikievents", ("dev",), wikievents.run, "WikiEvents dev documents; development only"
        ),
        Dataset("rams", ("dev",), rams.run, "RAMS 1.0 dev passages; development only"),
    )
}


def default_split(name: str) -> str:
    return DATASETS[name].splits[0]


def progress_on_stderr(label: str) -> Tick:
    """A tick that rewrites one stderr line when stderr is a terminal, else does nothing."""
    if not sys.stderr.isatty():
        return lambda done, total: None

    def tick(done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            end = "\n" if done == total else ""
            print(f"\r{label}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return tick


def evaluate(
    name: str,
    path: Path,
    split: str | None = None,
    config: Config | None = None,
    *,
    limit: int | None = None,
    every: int | None = None,
    tick: Tick | None = None,
) -> Report:
    """Score the extractor on one split of one dataset; InputError for an unknown name or split.

    ``every`` keeps every k-th item (a fixed, deterministic subsample), ``limit`` the first N
    of those.
    """
    if name not in DATASETS:
        raise InputError(
            f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}", stage="evaluate"
        )
    dataset = DATASETS[name]
    split = split or dataset.splits[0]
    if split not in dataset.splits:
        raise InputError(
            f"{name} has no {split} split; it has {', '.join(dataset.splits)}", stage="evaluate"
        )
    if not path.exists():
        raise InputError(
            f"{path}: no such file or folder; give the dataset folder under ../shared/data",
            stage="evaluate",
        )
    for option, value in (("--limit", limit), ("--every", every)):
        if value is not None and value < 1:
            raise InputError(f"{option} must be at least 1", stage="evaluate")
    config = config or Config()
    started = time.perf_counter()
    n, scores, notes = dataset.run(
        name, path, split, config, limit, every, tick or (lambda d, t: None)
    )
    seconds = time.perf_counter() - started
    if every and every > 1:
        notes = (f"subsample: every {every}th item", *notes)
    if limit is not None:
        notes = (f"limited to the first {limit} items", *notes)
    return Report(name, split, str(path), n, seconds, scores, notes)
