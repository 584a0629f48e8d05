"""`conflictcoder serve`: the HTTP API and the browser UI over the store (uvicorn)."""

from __future__ import annotations

import argparse
import os
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

from conflictcoder.commands.ingest import add_db_option
from conflictcoder.errors import ConflictcoderError

if TYPE_CHECKING:
    from conflictcoder.api.hosts import HostRule


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sv = sub.add_parser(
        "serve",
        help="serve the HTTP API and the browser UI over the store",
        description="Serve the API (/api/..., /openapi.json) and the UI (/) until interrupted."
        " Write endpoints need CONFLICTCODER_TOKEN set in the environment. A request whose"
        " Host header is not the bound address or localhost, 127.0.0.1, [::1] (with the"
        " port) gets 400, so that a page on another site cannot read the server through DNS"
        " rebinding; --allow-host and CONFLICTCODER_ALLOWED_HOSTS (comma-separated) add names."
        " Texts posted to /api/extract and /api/documents are coded in --workers processes"
        " (each loads the model once); --queue more wait, and beyond that a request gets 503"
        " with Retry-After; a text still coding after --timeout seconds gets 504 and its"
        " worker is killed and replaced.",
    )
    add_db_option(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    sv.add_argument("--port", type=_port, default=8000, help="port to listen on (8000)")
    sv.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this Host (NAME: any port; NAME:PORT: that port; "
        "'*': every Host, e.g. behind a proxy that checks it); repeatable",
    )
    sv.add_argument(
        "--workers",
        type=_count(1),
        default=None,
        metavar="N",
        help="coding worker processes, each ~0.3-0.8 GB (CONFLICTCODER_WORKERS, else 2)",
    )
    sv.add_argument(
        "--queue",
        type=_count(0),
        default=None,
        metavar="N",
        help="coding requests that may wait for a worker (CONFLICTCODER_QUEUE, else 2)",
    )
    sv.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="time limit for coding one posted text, waiting included (60)",
    )
    sv.set_defaults(run=run)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 86_400:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0-86400)")
    return value


def _count(least: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdigit() or int(text) < least:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= {least}")
        return int(text)

    return parse


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return int(text)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from conflictcoder.api import create_app
    from conflictcoder.api.hosts import host_names, served_hosts

    names = [*args.allow_host, *host_names(os.environ.get("CONFLICTCODER_ALLOWED_HOSTS"))]
    try:
        rules = served_hosts(args.host, args.port, names)
    except ValueError as exc:
        raise ConflictcoderError(f"--allow-host: {exc}") from None
    _check_free(args.host, args.port)
    from conflictcoder.api.app import EXTRACT_TIMEOUT

    app = create_app(
        args.db,
        allowed_hosts=rules,
        workers=args.workers,
        queue=args.queue,
        extract_timeout=args.timeout or EXTRACT_TIMEOUT,
        start_workers=True,
    )
    state = app.state.conflictcoder
    host = f"[{args.host}]" if ":" in args.host else args.host
    writes = "enabled (token set)" if state.token else "disabled (no CONFLICTCODER_TOKEN)"
    print(f"conflictcoder: serving http://{host}:{args.port}/ (API /api, OpenAPI /openapi.json)")
    hosts = "any" if rules is None else ", ".join(sorted({_shown(r) for r in rules}))
    print(f"conflictcoder: store {state.store.engine.url!r}; writes {writes}")
    print(f"conflictcoder: answers Host {hosts}")
    pool = state.pool
    print(f"conflictcoder: {pool.size} coding workers, {pool.queue} may wait", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _check_free(host: str, port: int) -> None:
    """One clear line, before anything is loaded, when the address cannot be served."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConflictcoderError(
                f"cannot serve on {host}:{port} ({exc.strerror}); give another --port or --host"
            ) from None


def _shown(rule: HostRule) -> str:
    return rule.name if rule.port is None else f"{rule.name}:{rule.port}"
