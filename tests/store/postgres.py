"""A throwaway PostgreSQL cluster for the store tests, or the server in CONFLICTCODER_TEST_PG.

The cluster is made from Debian's binaries (/usr/lib/postgresql/*/bin): initdb and pg_ctl
on a temporary folder, listening on a free loopback port, run as the ``postgres`` user
when the tests run as root (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "CONFLICTCODER_TEST_PG"


def binaries() -> Path | None:
    """The newest installed PostgreSQL bin folder that has initdb and pg_ctl."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    found = [b for b in found if (b / "pg_ctl").exists()]
    return max(found, key=lambda b: int(b.parent.name), default=None) if found else None


def unavailable_reason() -> str | None:
    """Why no PostgreSQL can be had here, or None when one can."""
    if os.environ.get(ENV):
        return None
    if binaries() is None:
        return (
            f"no PostgreSQL: set {ENV} to a server URL, or install the postgresql package"
            " (its binaries are looked for in /usr/lib/postgresql/*/bin)"
        )
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: cannot start PostgreSQL as the postgres user"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def cluster() -> Iterator[str]:
    """A server URL (without database name) for the tests' lifetime."""
    given = os.environ.get(ENV)
    if given:
        yield given.rstrip("/")
        return
    bin_dir = binaries()
    assert bin_dir is not None
    root = Path(tempfile.mkdtemp(prefix="conflictcoder-pg-"))
    data = root / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"

    def run(*args: str) -> None:
        subprocess.run(prefix + list(args), check=True, capture_output=True, timeout=120)

    try:
        run(
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        )
        run(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(root / "log"),
            "-w",
            "-o",
            options,
            "start",
        )
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
        finally:
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def create_database(server: str, name: str) -> str:
    """A new empty database on ``server``; its URL."""
    _admin(server, f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_database(server: str, name: str) -> None:
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(server: str, sql: str) -> None:
    import psycopg

    url = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        conn.execute(sql.encode())
