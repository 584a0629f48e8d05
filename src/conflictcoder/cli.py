"""Command line: thin; parse arguments, call the library, format the output.

Exit codes (``../shared/CONTRACT.md``): 0 success; 1 an input was read but rejected
(or could not be read); 2 usage error. Our own errors print one line; ``--debug`` adds
the traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from conflictcoder import __version__
from conflictcoder.config import Config
from conflictcoder.errors import ConflictcoderError
from conflictcoder.records import Record, Rejection
from conflictcoder.serialize import dumps, record_json, rejection_json
from conflictcoder.table import render_record


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflictcoder",
        description="Turn conflict reports into structured, source-attributed event records.",
    )
    parser.add_argument("--version", action="version", version=f"conflictcoder {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

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
    ex.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        help="refuse inputs larger than this (default 10 MB; env CONFLICTCODER_MAX_BYTES)",
    )
    ex.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder of your own data files extending the packaged ones "
        "(env CONFLICTCODER_DATA_DIR)",
    )
    return parser


def _config(args: argparse.Namespace) -> Config:
    config = Config.from_env()
    if args.max_bytes is not None:
        if args.max_bytes <= 0:
            raise SystemExit("conflictcoder: error: --max-bytes must be positive")
        config = config.with_(max_bytes=args.max_bytes)
    if args.data_dir is not None:
        config = config.with_(user_data_dir=args.data_dir)
    return config


def _warn(rejection: Rejection) -> None:
    where = rejection.path or rejection.id or "input"
    reason = rejection.reason if where in rejection.reason else f"{where}: {rejection.reason}"
    print(f"conflictcoder: rejected {reason}", file=sys.stderr)


def _extract(args: argparse.Namespace) -> int:
    from conflictcoder.extract import extract_paths

    config = _config(args)
    results = extract_paths(args.paths, config, stdin=sys.stdin.buffer)
    rejected = 0
    collected: list[dict[str, object]] = []
    for result in results:
        if isinstance(result, Rejection):
            rejected += 1
            _warn(result)
            obj = rejection_json(result)
        else:
            obj = record_json(result)
        if args.format == "jsonl":
            print(dumps(obj), flush=True)
        elif args.format == "table":
            if isinstance(result, Record):
                print(render_record(result))
        else:
            collected.append(obj)
    if args.format == "json":
        if len(collected) == 1:
            print(dumps(collected[0], indent=2))
        elif collected:
            print("[\n" + ",\n".join(dumps(o, indent=2) for o in collected) + "\n]")
    return 1 if rejected else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        parser.error(f"unknown command {args.command}")
    except ConflictcoderError as exc:
        if args.debug:
            raise
        print(f"conflictcoder: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("conflictcoder: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
