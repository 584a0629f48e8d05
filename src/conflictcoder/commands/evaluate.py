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
    "wikievents",
    "rams",
)
SUMMARY = "summary"  # not a dataset: the one table of every set's headline figures


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ev = sub.add_parser(
        "evaluate",
        help="score the extractor on a gold set (ACLED, CASE 2021, PLOVER, UCDP-AEC, GWN, LGL,"
        " WikiEvents, RAMS), or summarize every set's scores",
        description="Score the extractor, field by field, on one split of a gold dataset;"
        " `evaluate summary [FOLDER] [--against OLD.json]` gathers the headline figures of the"
        " reports `make eval` wrote into one table and flags drops of more than one point.",
    )
    ev.add_argument(
        "dataset",
        choices=(*DATASET_NAMES, SUMMARY),
        metavar="DATASET",
        help=", ".join(DATASET_NAMES) + f", or {SUMMARY}",
    )
    ev.add_argument(
        "path",
        type=Path,
        nargs="?",
        default=None,
        metavar="PATH",
        help="the dataset folder (../shared/data/…) or its gold file;"
        " for summary the folder of reports (default: eval)",
    )
    ev.add_argument(
        "--against",
        type=Path,
        default=None,
        metavar="OLD.json",
        help="summary only: compare with an earlier summary.json (exit 1 on a drop > 1 point)",
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


def run_summary(args: argparse.Namespace) -> int:
    from conflictcoder.evaluate import summary

    rows, notes = summary.build(args.path or Path("eval"))
    against = summary.from_json(args.against) if args.against is not None else None
    lines = summary.table(rows, against)
    print(summary.render_text(lines))
    for note in notes:
        print(f"note: {note}")
    if args.json is not None:
        data = json.dumps(summary.to_json(rows, notes), indent=2, ensure_ascii=False)
        _write(args.json, data + "\n")
    if args.report is not None:
        _write(args.report, summary.render_markdown(lines, notes))
    if against is None:
        return 0
    drops = [
        r for r in rows if summary.dropped(r.value, against.get((r.dataset, r.field, r.metric)))
    ]
    if drops:
        print(f"{len(drops)} figure(s) fell by more than one point (marked DROP)")
        return 1
    print("no figure fell by more than one point")
    return 0


def run(args: argparse.Namespace) -> int:
    from conflictcoder.errors import InputError
    from conflictcoder.evaluate.report import render_table, report_json, report_markdown
    from conflictcoder.evaluate.runner import evaluate, progress_on_stderr

    if args.dataset == SUMMARY:
        return run_summary(args)
    if args.against is not None:
        raise InputError("--against goes with `evaluate summary` only", stage="evaluate")
    if args.path is None:
        raise InputError(f"evaluate {args.dataset}: give the dataset folder", stage="evaluate")
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
