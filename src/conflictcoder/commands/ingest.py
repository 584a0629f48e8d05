"""`conflictcoder ingest`: files, folders, JSON Lines, feeds and URLs into the store."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from conflictcoder.commands.extract import add_config_options, config_from
from conflictcoder.store.ingest import Summary

# Testing aid: seconds to pause after each input, so a test can kill a run mid-batch.
DELAY_ENV = "CONFLICTCODER_INGEST_DELAY"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ing = sub.add_parser(
        "ingest",
        help="extract documents into the event store (files, folders, JSONL, feeds, URLs)",
        description="Read reports, extract their events and store them. The same text is "
        "stored once; a changed text at the same URL or file is a new revision; rejected "
        "inputs are stored with the stage and reason.",
    )
    ing.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="file, folder, .jsonl, feed (.xml), URL or '-'"
    )
    add_db_option(ing)
    ing.add_argument(
        "--fetch",
        action="store_true",
        help="for a feed entry with a link, fetch the linked page instead of the entry's text",
    )
    ing.add_argument("--batch", type=int, default=50, help="commit every N inputs (default 50)")
    ing.add_argument("--json", action="store_true", help="print the summary as JSON")
    ing.add_argument(
        "--no-fuse",
        action="store_true",
        help="do not link events of different documents into fused events afterwards",
    )
    add_config_options(ing)
    ing.set_defaults(run=run)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """--db, shared by every command that reads or writes the store."""
    parser.add_argument(
        "--db",
        default=None,
        help="SQLite file or URL (postgresql://user@host/db); default env CONFLICTCODER_DB, "
        "else ~/.local/share/conflictcoder/events.db",
    )


class _Progress:
    """A progress line on stderr when it is a terminal (tqdm if installed); silent in pipes."""

    def __init__(self) -> None:
        self._on = sys.stderr.isatty()
        self._bar: Any = None
        if self._on:
            try:
                from tqdm import tqdm  # type: ignore[import-untyped]

                self._bar = tqdm(desc="ingest", unit="doc", leave=False, file=sys.stderr)
            except ImportError:
                self._bar = None

    def __call__(self, summary: Summary) -> None:
        if not self._on:
            return
        if self._bar is not None:
            self._bar.set_postfix_str(
                f"stored {summary.stored} dup {summary.duplicates} rej {summary.rejected}",
                refresh=False,
            )
            self._bar.update(1)
        else:
            print(f"\ringest: {summary.line()}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self._on:
            print(file=sys.stderr)


def _pause() -> Callable[[], None] | None:
    try:
        seconds = float(os.environ.get(DELAY_ENV, "") or 0)
    except ValueError:
        return None
    return (lambda: time.sleep(seconds)) if seconds > 0 else None


def run(args: argparse.Namespace) -> int:
    from conflictcoder.commands.extract import note_skipped, warn
    from conflictcoder.store import open_store
    from conflictcoder.store.fusion import fuse
    from conflictcoder.store.ingest import ingest

    if args.batch <= 0:
        raise SystemExit("conflictcoder: error: --batch must be positive")
    config = config_from(args)
    note_skipped(args.inputs)
    progress = _Progress()
    with open_store(args.db, batch_size=args.batch) as store:
        try:
            summary = ingest(
                store,
                args.inputs,
                config,
                fetch_links=args.fetch,
                progress=progress,
                after_each=_pause(),
                on_rejection=warn,
            )
        finally:
            progress.close()
        # Every source's version of a happening is linked across documents (fusion is
        # recomputed over the whole store: stable, so a rerun changes nothing).
        fused = 0 if args.no_fuse else store.save_fusion(fuse(list(store.event_rows())))
    if args.json:
        print(
            json.dumps({**summary.as_json(), "fused": fused, "seconds": round(summary.seconds, 2)})
        )
    else:
        rate = summary.read / summary.seconds if summary.seconds > 0 else 0.0
        print(f"ingest: {summary.line()} ({summary.seconds:.1f} s, {rate:.1f} docs/s)")
        if not args.no_fuse:
            print(f"fusion: {fused} fused events")
    return 1 if summary.rejected else 0
