"""The allowed-hosts check (a DNS-rebinding page gets 400) and HEAD answered like GET."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from conflictcoder.api import create_app
from conflictcoder.api.hosts import AllowedHosts, host_names, served_hosts, split_host
from tests.api.test_serve import _free_port


@pytest.fixture(scope="module")
def guarded(store_url: str) -> Iterator[TestClient]:
    """The app as `serve` configures it on 127.0.0.1:8000, with one extra name."""
    app = create_app(store_url, allowed_hosts=served_hosts("127.0.0.1", 8000, ["events.lan"]))
    with TestClient(app, base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:8000",
        "localhost:8000",
        "LocalHost:8000",
        "[::1]:8000",
        "events.lan",
        "events.lan:443",
    ],
)
def test_names_of_the_server_are_answered(guarded: TestClient, host: str) -> None:
    assert guarded.get("/api/stats", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host",
    ["attacker.example:8000", "attacker.example", "localhost:8001", "127.0.0.1", "localhost:x"],
)
def test_other_hosts_get_400(guarded: TestClient, host: str) -> None:
    response = guarded.get("/api/stats", headers={"host": host})
    assert response.status_code == 400
    assert "--allow-host" in response.json()["detail"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_request_without_host_is_refused() -> None:
    check = AllowedHosts(create_app, served_hosts("127.0.0.1", 8000) or [])
    assert not check.allows(None) and not check.allows("")
    assert check.allows("127.0.0.1:8000")


def test_host_header_parsing() -> None:
    assert split_host("Example.org:8080") == ("example.org", 8080)
    assert split_host("[::1]:80") == ("[::1]", 80)
    assert split_host("[::1]") == ("[::1]", None)
    for bad in ("a:b:c", "x:0", "x:99999", "[::1", "[::1]8000", "x:"):
        assert split_host(bad) is None, bad


def test_rules_of_a_server() -> None:
    # Port 80 may be left out of Host; "*" turns the check off; a bound IPv6 is bracketed.
    rules = served_hosts("127.0.0.1", 80) or []
    assert any(r.allows("localhost", None) for r in rules)
    assert served_hosts("127.0.0.1", 8000, ["*"]) is None
    rules = served_hosts("::1", 8000, ["box.lan:9000"]) or []
    assert any(r.allows("[::1]", 8000) for r in rules)
    assert any(r.allows("box.lan", 9000) for r in rules)
    assert not any(r.allows("box.lan", 8000) for r in rules)
    with pytest.raises(ValueError, match="not a host name"):
        served_hosts("127.0.0.1", 8000, ["box.lan:port"])
    assert host_names(" a.lan, b.lan  c.lan:81 ") == ["a.lan", "b.lan", "c.lan:81"]


def test_create_app_without_rules_answers_any_host(client: TestClient) -> None:
    assert client.get("/api/stats").status_code == 200  # TestClient's Host: testserver


@pytest.mark.parametrize("path", ["/", "/api/stats", "/api/events?limit=1", "/openapi.json"])
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))
    assert head.headers["x-frame-options"] == "DENY"


def test_head_on_a_missing_event_is_404(client: TestClient) -> None:
    head = client.head("/api/events/no-such-event")
    assert head.status_code == 404 and head.content == b""


def test_serve_checks_hosts_from_options_and_environment(store_url: str) -> None:
    port = _free_port()
    db = store_url.removeprefix("sqlite:///")
    command = [sys.executable, "-m", "conflictcoder.cli", "serve", "--db", db]
    command += ["--port", str(port), "--allow-host", "events.lan"]
    env = {**os.environ, "CONFLICTCODER_ALLOWED_HOSTS": "desk.lan,other.lan"}
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    url = f"http://127.0.0.1:{port}/api/stats"
    try:
        deadline = time.monotonic() + 30
        first = None
        while first is None and time.monotonic() < deadline and server.poll() is None:
            try:
                first = httpx.get(url, timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
        assert first is not None, f"the server did not answer: {server.poll()}"
        assert first.status_code == 200
        for host, status in (
            ("events.lan", 200),
            ("desk.lan:80", 200),
            (f"localhost:{port}", 200),
            (f"rebound.example:{port}", 400),
        ):
            assert httpx.get(url, headers={"host": host}).status_code == status, host
        head = httpx.head(f"http://127.0.0.1:{port}/", timeout=5)
        assert head.status_code == 200 and head.content == b""
    finally:
        server.terminate()
        out, err = server.communicate(timeout=10)
    assert "events.lan" in out, (out, err)
