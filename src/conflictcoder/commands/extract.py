"""`conflictcoder extract`: one record per document (text, HTML, JSON Lines, stdin)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conflictcoder.config import Config
from conflictcoder.records import Record, Rejection
from conflictcoder.serialize import dumps, record_json, rejection_json
from conflictcoder.table import render_record


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ex = sub.add_parser(
        "extract",
        help="one record per document (text, HTML, JSON Lines, '-' for stdin)",
        description="Read reports and print one event record per document.",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, .jsonl, or '-'")
    ex.add_argument(
        "--format",
        choices=("json", "jsonl", "table"),
        default="json",
        help="json: one indented object (an array for several documents); "
        "jsonl: one object a line, in input order; table: for people",
    )
    add_config_options(ex)
    ex.set_defaults(run=run)


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """--max-bytes and --data-dir, shared by every command that reads documents."""
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        help="refuse inputs larger than this (default 10 MB; env CONFLICTCODER_MAX_BYTES)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder of your own data files extending the packaged ones "
        "(env CONFLICTCODER_DATA_DIR)",
    )


def config_from(args: argparse.Namespace) -> Config:
    config = Config.from_env()
    if args.max_bytes is not None:
        if args.max_bytes <= 0:
            raise SystemExit("conflictcoder: error: --max-bytes must be positive")
        config = config.with_(max_bytes=args.max_bytes)
    if args.data_dir is not None:
        config = config.with_(user_data_dir=args.data_dir)
    return config


def warn(rejection: Rejection) -> None:
    """One line on stderr naming the input and the reason."""
    where = rejection.path or rejection.id or "input"
    reason = rejection.reason if where in rejection.reason else f"{where}: {rejection.reason}"
    print(f"conflictcoder: rejected {reason}", file=sys.stderr)


def note_skipped(paths: list[str]) -> None:
    """One stderr line naming the README/LICENSE-like files skipped in the given folders."""
    from conflictcoder.ingest.sources import skipped_note

    note = skipped_note(paths)
    if note is not None:
        print(f"conflictcoder: {note}", file=sys.stderr)


def _text(obj: dict[str, object], indent: int | None = None) -> str:
    # Records are clean already; a file name that is not UTF-8 still must not crash stdout.
    from conflictcoder.ingest.decode import replace_surrogates

    return replace_surrogates(dumps(obj, indent=indent))[0]


def run(args: argparse.Namespace) -> int:
    from conflictcoder.extract import extract_paths

    config = config_from(args)
    note_skipped(args.paths)
    results = extract_paths(args.paths, config, stdin=sys.stdin.buffer)
    rejected = 0
    collected: list[dict[str, object]] = []
    for result in results:
        if isinstance(result, Rejection):
            rejected += 1
            warn(result)
            obj = rejection_json(result)
        else:
            obj = record_json(result)
        if args.format == "jsonl":
            print(_text(obj), flush=True)
        elif args.format == "table":
            if isinstance(result, Record):
                print(render_record(result))
        else:
            collected.append(obj)
    if args.format == "json":
        if len(collected) == 1:
            print(_text(collected[0], indent=2))
        elif collected:
            print("[\n" + ",\n".join(_text(o, indent=2) for o in collected) + "\n]")
    return 1 if rejected else 0
