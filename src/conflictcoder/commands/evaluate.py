"""`conflictcoder evaluate`: score the extractor on a public gold set (conflictcoder.evaluate)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from conflictcoder.commands.extract import add_config_options, config_from

DATASET_NAMES = (
    "acled-armenia",
    "acled-global",
    "case2021",
    "plover",
    "ucdp-aec",
    "geo-gwn",
    "geo-lgl",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ev = sub.add_parser(
        "evaluate",
        help="score the extractor on a gold set (ACLED, CASE 2021, PLOVER, UCDP-AEC, GWN, LGL)",
        description="Score the extractor, field by field, on one split of a gold dataset.",
    )
    ev.add_argument(
        "dataset", choices=DATASET_NAMES, metavar="DATASET", help=", ".join(DATASET_NAMES)
    )
    ev.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="the dataset folder (../shared/data/…) or its gold file",
    )
    ev.add_argument(
        "--split",
        choices=("dev", "test"),
        default=None,
        help="default: the development split (held-out-only sets default to test)",
    )
    ev.add_argument(
        "--json", type=Path, default=None, metavar="OUT", help="write every number as JSON"
    )
    ev.add_argument(
        "--report", type=Path, default=None, metavar="OUT.md", help="write a Markdown report"
    )
    ev.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N items")
    ev.add_argument("--every", type=int, default=None, metavar="K", help="only every K-th item")
    add_config_options(ev)
    ev.set_defaults(run=run)


def _write(path: Path, text: str) -> None:
    from conflictcoder.errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})", stage="evaluate") from exc


def run(args: argparse.Namespace) -> int:
    from conflictcoder.evaluate.report import render_table, report_json, report_markdown
    from conflictcoder.evaluate.runner import evaluate, progress_on_stderr

    config = config_from(args)
    split = args.split or None
    report = evaluate(
        args.dataset,
        args.path,
        split,
        config,
        limit=args.limit,
        every=args.every,
        tick=progress_on_stderr(f"{args.dataset} {split or 'default split'}"),
    )
    print(render_table(report))
    if args.json is not None:
        _write(args.json, json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n")
    if args.report is not None:
        _write(args.report, report_markdown(report))
    return 0
