"""Coding endpoints: POST /api/extract (open, stores nothing) and POST /api/documents
(token), with their refusals, the body limit and the time limit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conflictcoder.api import create_app
from tests.api.conftest import TOKEN

REPORT = (
    "Kyiv, 3 May 2023: The regional governor said Russian forces shelled the village of"
    " Bilozerka overnight, killing one man and wounding four others."
)
GERMAN = "Die Streitkräfte haben gestern die Stadt angegriffen, sagte das Ministerium heute."
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client over an empty store of its own, with writes enabled."""
    url = f"sqlite:///{tmp_path_factory.mktemp('writable') / 'events.db'}"
    with TestClient(create_app(url, token=TOKEN)) as test_client:
        yield test_client


def test_extract_gives_the_contract_record(
    writable: TestClient, validate: Callable[[dict[str, Any]], None]
) -> None:
    before = writable.get("/api/stats").json()["counts"]
    body = {"text": REPORT, "title": "Overnight shelling", "published": "2023-05-03"}
    response = writable.post("/api/extract", json=body)
    assert response.status_code == 200, response.text
    record = response.json()
    validate(record)
    assert record["document"]["text"] == REPORT
    assert record["document"]["title"] == "Overnight shelling"
    assert record["document"]["published"] == "2023-05-03"
    assert any(e["plover"]["type"] == "ASSAULT" for e in record["events"])
    assert writable.get("/api/stats").json()["counts"] == before  # nothing was stored


@pytest.mark.parametrize(("text", "reason"), [("   ", "empty"), (GERMAN, "English")])
def test_extract_refusals_are_422_with_the_reason(
    writable: TestClient, text: str, reason: str
) -> None:
    response = writable.post("/api/extract", json={"text": text})
    assert response.status_code == 422
    assert reason in response.json()["detail"] and response.json()["stage"] == "ingest"


@pytest.mark.parametrize(
    "body",
    [{}, {"text": 5}, {"text": REPORT, "published": "May 3"}, {"text": "x" * 1_000_001}],
)
def test_extract_bad_bodies_are_422(writable: TestClient, body: dict[str, Any]) -> None:
    assert writable.post("/api/extract", json=body).status_code == 422


def test_bodies_over_the_limit_are_413(writable: TestClient) -> None:
    huge = {"text": "word " * 450_000}  # over 2 MB of JSON
    for path in ("/api/extract", "/api/documents"):
        response = writable.post(path, json=huge, headers=AUTH)
        assert response.status_code == 413
        assert "bytes" in response.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(300):
            yield b"a" * 10_000
        yield b'"}'

    streamed = writable.post(
        "/api/extract", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_ingest_needs_the_token(writable: TestClient) -> None:
    assert writable.post("/api/documents", json={"text": REPORT}).status_code == 401
    wrong = writable.post(
        "/api/documents", json={"text": REPORT}, headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/stats").json()["counts"]["documents"] == 0


def test_ingest_stores_fuses_and_knows_duplicates(writable: TestClient) -> None:
    created = writable.post("/api/documents", json={"text": REPORT}, headers=AUTH)
    assert created.status_code == 201, created.text
    result = created.json()
    assert result["outcome"] == "stored" and result["fused"] >= 1
    doc_id = result["document_id"]
    assert result["record"]["document"]["id"] == doc_id
    detail = writable.get(f"/api/documents/{doc_id}").json()
    assert detail["document"]["text"] == REPORT and detail["events"]
    events = writable.get("/api/events").json()
    assert events["total"] == len(result["record"]["events"])
    assert all(row["fused_id"] for row in events["items"])
    assert writable.get("/api/search?q=Bilozerka").json()["total"] == 1  # indexed at once
    again = writable.post("/api/documents", json={"text": REPORT}, headers=AUTH)
    assert again.status_code == 200
    assert again.json() == {
        "outcome": "duplicate",
        "document_id": doc_id,
        "fused": None,
        "record": None,
    }


def test_refused_ingest_is_stored_as_a_rejection(writable: TestClient) -> None:
    before = writable.get("/api/stats").json()["counts"]
    response = writable.post("/api/documents", json={"text": GERMAN}, headers=AUTH)
    assert response.status_code == 422 and "English" in response.json()["detail"]
    after = writable.get("/api/stats").json()["counts"]
    assert after["rejections"] == before["rejections"] + 1
    assert after["documents"] == before["documents"]


def test_without_a_token_writes_are_disabled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONFLICTCODER_TOKEN", raising=False)
    with TestClient(create_app(str(tmp_path / "events.db"))) as closed:
        response = closed.post("/api/documents", json={"text": REPORT}, headers=AUTH)
        assert response.status_code == 403
        assert "CONFLICTCODER_TOKEN" in response.json()["detail"]
        assert closed.post("/api/extract", json={"text": REPORT}).status_code == 200


def test_the_token_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTCODER_TOKEN", "from-env")
    with TestClient(create_app(str(tmp_path / "events.db"))) as app:
        ok = app.post(
            "/api/documents", json={"text": REPORT}, headers={"Authorization": "Bearer from-env"}
        )
        assert ok.status_code == 201
        assert app.post("/api/documents", json={"text": REPORT}, headers=AUTH).status_code == 401


def test_slow_extraction_is_504(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "events.db"), extract_timeout=0.001)) as hurried:
        response = hurried.post("/api/extract", json={"text": REPORT * 20})
        assert response.status_code == 504
        assert "longer than" in response.json()["detail"]
