"""The local cluster's dashboard listens on loopback, like its scheduler and workers."""

from __future__ import annotations

import argparse
import ipaddress
from pathlib import Path

import pytest

from conflictcoder.batch import open_client
from conflictcoder.batch.cluster import has_dashboard
from conflictcoder.cli import _parser, main
from conflictcoder.commands.batch import dashboard_address


def _http_hosts(client: object) -> set[str]:
    """The addresses the scheduler's HTTP server (the dashboard's) is bound to."""
    server = client.cluster.scheduler.http_server  # type: ignore[attr-defined]
    return {sock.getsockname()[0] for sock in server._sockets.values()}


def test_default_dashboard_is_on_loopback_only() -> None:
    with open_client(workers=1) as client:
        hosts = _http_hosts(client)
        link = client.dashboard_link
    assert hosts and all(ipaddress.ip_address(h).is_loopback for h in hosts), hosts
    if has_dashboard():
        assert "127.0.0.1" in link


def test_batch_option_default_and_forms() -> None:
    args = _parser().parse_args(["batch", "in.jsonl", "--out", "run"])
    assert args.dashboard_address == "127.0.0.1:8787"
    assert dashboard_address("0.0.0.0:9000") == "0.0.0.0:9000"
    assert dashboard_address("9000") == "127.0.0.1:9000"
    assert dashboard_address(":9000") == "127.0.0.1:9000"
    assert dashboard_address("[::1]:9000") == "[::1]:9000"
    assert dashboard_address("off") is None and dashboard_address("None") is None
    for bad in ("host:", "host:port", "99999", "a b"):
        with pytest.raises(argparse.ArgumentTypeError):
            dashboard_address(bad)


def test_bad_dashboard_address_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["batch", "in.jsonl", "--out", str(tmp_path), "--dashboard-address", "box:web"])
    assert exit_.value.code == 2 and "HOST:PORT" in capsys.readouterr().err
