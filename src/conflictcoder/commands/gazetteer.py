"""`conflictcoder gazetteer build|import`: make the place index, or add a GeoNames dump to it."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from conflictcoder.progress import ProgressBar


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gz = sub.add_parser(
        "gazetteer",
        help="build the place index, or import a full GeoNames dump into it",
        description="Manage the gazetteer (a SQLite file in the user cache directory; "
        "env CONFLICTCODER_CACHE_DIR moves it).",
    )
    actions = gz.add_subparsers(dest="action", required=True)
    build = actions.add_parser(
        "build", help="build the index from the bundled data when it is missing (~30 s)"
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="rebuild it even if it exists (drops the places `gazetteer import` added)",
    )
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
