"""`conflictcoder serve` starts uvicorn, prints its address and answers /api/events."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from conflictcoder.cli import main


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_answers_on_a_free_port(store_url: str) -> None:
    port = _free_port()
    db = store_url.removeprefix("sqlite:///")
    command = [
        *[sys.executable, "-m", "conflictcoder.cli", "serve", "--db", db, "--port", str(port)],
        *["--workers", "1", "--queue", "3", "--timeout", "30"],
    ]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        response = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/events?limit=1", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None, f"the server did not answer: {server.poll()}"
        assert response.status_code == 200
        assert response.json()["total"] >= 2 and len(response.json()["items"]) == 1
        assert response.headers["x-content-type-options"] == "nosniff"
    finally:
        server.terminate()
        out, err = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out, (out, err)
    assert "1 coding workers, 3 may wait" in out


@pytest.mark.parametrize(
    "option",
    [
        ["--workers", "0"],
        ["--queue", "-1"],
        ["--workers", "x"],
        ["--timeout", "0"],
        ["--timeout", "soon"],
    ],
)
def test_serve_refuses_a_bad_pool_size(
    option: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", *option])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and f"argument {option[0]}: {option[1]!r} is not" in err


def test_serve_refuses_a_bad_port(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "99999"])
    assert exit_.value.code == 2 and "port" in capsys.readouterr().err


def test_serve_says_so_when_the_port_is_taken(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"cannot serve on 127.0.0.1:{port}" in err and "Traceback" not in err
