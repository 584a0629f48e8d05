"""Bodies with lone surrogate escapes (legal JSON, common in scraped text): coded, with the
replacement said in the document's notes, on both coding endpoints."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from conflictcoder.api import create_app
from tests.api.conftest import TOKEN

# Written by hand: json.dumps would refuse nothing, but we want the escape itself on the wire.
BODY = (
    b'{"text": "Kherson, 4 June 2023: The governor said shelling hit a bus stop \\udca0 in'
    b' the city centre, killing two people.", "title": "Shelling \\ud800",'
    b' "url": "https://example.org/\\udcff"}'
)
HEADERS = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'events.db'}"
    with TestClient(create_app(url, token=TOKEN)) as test_client:
        yield test_client


@pytest.mark.parametrize("endpoint", ["/api/extract", "/api/documents"])
def test_lone_surrogates_in_a_body_are_replaced_and_noted(
    writable: TestClient, endpoint: str
) -> None:
    response = writable.post(endpoint, content=BODY, headers=HEADERS)
    assert response.status_code in (200, 201), response.text
    body = response.json()
    record = body["record"] if endpoint == "/api/documents" else body
    document = record["document"]
    assert "bus stop \ufffd in" in document["text"]
    assert document["title"] == "Shelling \ufffd"
    assert document["notes"] == ["3 lone surrogates replaced with U+FFFD"]
