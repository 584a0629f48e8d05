"""`conflictcoder gazetteer build|import`: make the place index, or add a GeoNames dump to it."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gz = sub.add_parser(
        "gazetteer",
        help="build the place index, or import a full GeoNames dump into it",
        description="Manage the gazetteer (a SQLite file in the user cache directory; "
        "env CONFLICTCODER_CACHE_DIR moves it).",
    )
    actions = gz.add_subparsers(dest="action", required=True)
    build = actions.add_parser("build", help="build the index from the bundled data (~25 s)")
    build.add_argument("--force", action="store_true", help="rebuild even if it exists")
    build.set_defaults(run=run_build)
    imp = actions.add_parser(
        "import",
        help="add every place of a GeoNames dump (allCountries.zip, AZ.zip, or .txt)",
    )
    imp.add_argument("places", type=Path, help="allCountries.zip, a country file, or its .txt")
    imp.add_argument(
        "alternates", type=Path, nargs="?", default=None, help="alternateNamesV2.zip (optional)"
    )
    imp.set_defaults(run=run_import)


class ProgressBar:
    """Progress on stderr when it is a terminal (tqdm); silent in pipes and logs."""

    def __init__(self) -> None:
        self._on = sys.stderr.isatty()
        self._bar: Any = None
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._on:
            return
        if stage != self._stage:
            self.close()
            self._stage = stage
            try:  # tqdm comes with spaCy; a plain line when it is missing
                from tqdm import tqdm  # type: ignore[import-untyped]

                self._bar = tqdm(
                    total=total, desc=stage, unit_scale=True, leave=False, file=sys.stderr
                )
            except ImportError:
                self._bar = None
        if self._bar is not None:
            self._bar.n = done
            self._bar.refresh()
        else:
            print(f"\r{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def run_build(args: argparse.Namespace) -> int:
    from conflictcoder.geo.gazetteer import ensure_index, index_path

    path = index_path()
    if path.exists() and not args.force:
        print(f"gazetteer: {path} (already built; --force rebuilds)")
        return 0
    started = time.perf_counter()
    with ProgressBar() as bar:
        ensure_index(bar, rebuild=True)
    elapsed = time.perf_counter() - started
    print(f"gazetteer: built {path} ({path.stat().st_size / 1e6:.0f} MB) in {elapsed:.1f} s")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from conflictcoder.errors import InputError
    from conflictcoder.geo.gazetteer import ensure_index
    from conflictcoder.geo.geonames_import import import_geonames

    for given in (args.places, args.alternates):
        if given is not None and not given.is_file():
            raise InputError(f"{given}: no such file; give a GeoNames dump such as AZ.zip")
    with ProgressBar() as bar:
        path = ensure_index(bar)
        stats = import_geonames(path, args.places, args.alternates, bar)
    print(
        f"gazetteer: imported {args.places.name}: {stats.places_added} places added, "
        f"{stats.places_merged} already known, {stats.names_added} name rows"
    )
    return 0
