"""Command line: thin; parse arguments, call the library, format the output.

Each command lives in its own module (``COMMANDS``) with ``register(sub)``, which adds its
parser and sets ``run(args) -> int``. Exit codes (``../shared/CONTRACT.md``): 0 success;
1 an input was read but rejected (or could not be read); 2 usage error. Our own errors
print one line; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from conflictcoder import __version__
from conflictcoder.errors import ConflictcoderError

COMMANDS = (
    "conflictcoder.commands.extract",
    "conflictcoder.commands.evaluate",
    "conflictcoder.commands.gazetteer",
    "conflictcoder.commands.places",
    "conflictcoder.commands.ingest",
    "conflictcoder.commands.events",
    "conflictcoder.commands.export",
    "conflictcoder.commands.serve",
    "conflictcoder.commands.batch",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflictcoder",
        description="Turn conflict reports into structured, source-attributed event records.",
    )
    parser.add_argument("--version", action="version", version=f"conflictcoder {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        return code
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


if __name__ == "__main__":
    sys.exit(main())
