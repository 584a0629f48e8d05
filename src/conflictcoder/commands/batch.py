"""`conflictcoder batch`: code many documents on Dask workers into Parquet, resumably."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from conflictcoder.commands.extract import add_config_options, config_from
from conflictcoder.commands.ingest import add_db_option

# Like the scheduler and workers of a local cluster, the dashboard listens on loopback only
# (the default of batch.cluster.open_client too).
DASHBOARD_ADDRESS = "127.0.0.1:8787"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bat = sub.add_parser(
        "batch",
        help="code many documents on Dask workers into Parquet (resumable)",
        description="Partition the inputs (JSON Lines, folders of text/HTML files, Parquet "
        "files with id and text columns), code each partition on a Dask worker and write "
        "OUT/events/, OUT/documents/ and OUT/rejections/ (one Parquet file per partition) "
        "with OUT/manifest.json. A rerun skips the finished partitions; a changed input "
        "reruns only its partitions.",
    )
    bat.add_argument(
        "inputs", nargs="+", metavar="INPUT", help=".jsonl, .parquet, folder or text/HTML file"
    )
    bat.add_argument("--out", type=Path, required=True, help="output folder")
    where = bat.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler", default=None, help="address of a running Dask scheduler (tcp://host:8786)"
    )
    where.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes of a local cluster (default: the number of CPUs)",
    )
    bat.add_argument(
        "--threads-per-worker", type=int, default=1, help="threads per local worker (default 1)"
    )
    bat.add_argument(
        "--memory-limit",
        default="auto",
        help="memory per local worker, e.g. 2GiB (default auto: the machine's memory shared "
        "among the workers); a worker past it is restarted and its partition redone",
    )
    bat.add_argument(
        "--partition-size",
        type=int,
        default=250,
        help="documents per partition, the unit of work and of resumption (default 250)",
    )
    bat.add_argument(
        "--dashboard-address",
        type=dashboard_address,
        default=DASHBOARD_ADDRESS,
        metavar="HOST:PORT",
        help=f"where the local cluster serves Dask's dashboard (default {DASHBOARD_ADDRESS}, "
        "this machine only; 0.0.0.0:8787 for every interface; a bare PORT is on 127.0.0.1; "
        "off for none)",
    )
    add_db_option(bat)
    bat.set_defaults(db=None)
    bat.add_argument(
        "--no-fuse", action="store_true", help="with --db: do not run fusion afterwards"
    )
    bat.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_config_options(bat)
    bat.set_defaults(run=run)


def dashboard_address(text: str) -> str | None:
    """The address of ``--dashboard-address``: HOST:PORT as given; a bare PORT or :PORT on
    127.0.0.1; "off" (or "none") None, no dashboard."""
    text = text.strip()
    if text.lower() in ("off", "none"):
        return None
    host, colon, port = text.rpartition(":")
    if not colon:
        host, port = "", text
    host = host.removeprefix("[").removesuffix("]")
    if not port.isdigit() or int(port) > 65535 or (colon and not host and text[0] != ":"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not HOST:PORT, PORT or off (e.g. {DASHBOARD_ADDRESS})"
        )
    host = host or "127.0.0.1"
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class _Bar:
    """A tqdm bar of documents on stderr when it is a terminal; silent in pipes."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, total: int) -> None:
        if not (sys.stderr.isatty() and total):
            return
        try:
            from tqdm import tqdm  # type: ignore[import-untyped]
        except ImportError:  # spaCy brings tqdm; without it the run is just quiet
            return
        self._bar = tqdm(total=total, desc="batch", unit="doc", file=sys.stderr)

    def __call__(self, documents: int, summary: Any) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(f"events {summary.events} rej {summary.rejections}")
            self._bar.update(documents)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def run(args: argparse.Namespace) -> int:
    from conflictcoder.batch import BatchOptions, open_client, run_batch
    from conflictcoder.batch.cluster import dashboard_line

    if args.partition_size <= 0 or "-" in args.inputs:
        why = (
            "--partition-size must be positive"
            if args.partition_size <= 0
            else ("batch reads files, not standard input; save it to a .jsonl file first")
        )
        print(f"conflictcoder batch: error: {why}", file=sys.stderr)
        return 2
    config = config_from(args)
    memory: str | int = int(args.memory_limit) if args.memory_limit.isdigit() else args.memory_limit
    options = BatchOptions(
        out=args.out, partition_size=args.partition_size, db=args.db, fuse=not args.no_fuse
    )
    bar = _Bar()

    def on_plan(plan: list[Any], todo: list[Any]) -> None:
        print(
            f"plan: {len(plan)} partitions, {sum(p.documents for p in plan)} documents; "
            f"{len(todo)} to run, {len(plan) - len(todo)} finished already",
            file=sys.stderr,
        )
        bar.start(sum(p.documents for p in todo))

    with open_client(
        args.scheduler,
        workers=args.workers or os.cpu_count() or 1,
        threads_per_worker=args.threads_per_worker,
        memory_limit=memory,
        dashboard_address=args.dashboard_address,
    ) as client:
        print(dashboard_line(client), file=sys.stderr)
        try:
            summary = run_batch(args.inputs, config, client, options, progress=bar, on_plan=on_plan)
        finally:
            bar.close()
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False))
    else:
        print("\n".join(summary.lines()))
        print(f"out: {args.out}/ (events/, documents/, rejections/, manifest.json)")
    return 1 if summary.rejections or summary.failed else 0
