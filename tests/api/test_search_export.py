"""Full-text search (hit, miss, paging, snippets) and the four export formats, parsed back."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from conflictcoder.store.queries import search_terms, unmark


def test_search_hit_with_snippet(client: TestClient) -> None:
    found = client.get("/api/search?q=motorcycles").json()
    assert found["engine"] == "fts5"
    assert found["total"] == 1 and len(found["items"]) == 1
    hit = found["items"][0]
    assert hit["document"]["path"].endswith("ng-market.txt")
    snippet = hit["snippet"]
    assert [snippet["text"][a:b] for a, b in snippet["highlights"]] == ["motorcycles"]
    # the document the hit names opens
    assert client.get(f"/api/documents/{hit['document']['id']}").status_code == 200


def test_search_stems_ands_and_phrases(client: TestClient) -> None:
    assert client.get("/api/search?q=market").json()["total"] == 1
    assert client.get("/api/search?q=markets").json()["total"] == 1  # porter stemming
    assert client.get("/api/search?q=market%20Jermuk").json()["total"] == 0
    assert client.get('/api/search?q="positions near Jermuk"').json()["total"] == 1
    assert client.get('/api/search?q="near positions Jermuk"').json()["total"] == 0


@pytest.mark.parametrize("query", ["zebrafinch", "!!!", '"', "a:b*-(", "NEAR(x y)"])
def test_search_miss_and_odd_queries(client: TestClient, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200, response.text
    assert response.json()["total"] == 0 and response.json()["items"] == []


def test_search_pages_and_limits(client: TestClient) -> None:
    every = client.get("/api/search?q=said&limit=100").json()
    assert every["total"] >= 2
    second = client.get("/api/search?q=said&limit=1&offset=1").json()
    assert second["total"] == every["total"]
    assert second["items"] == every["items"][1:2]
    assert client.get("/api/search?q=").status_code == 422
    assert client.get("/api/search?q=said&limit=101").status_code == 422


def test_search_helpers() -> None:
    assert search_terms('gunmen "armed forces" -x:*') == ["gunmen", "armed forces", "x"]
    assert search_terms("** ::") == []
    assert unmark("a \x02bc\x03 d\n\x02e\x03") == {
        "text": "a bc d e",
        "highlights": [[2, 4], [7, 8]],
    }


def _export(client: TestClient, fmt: str, query: str = "") -> bytes:
    response = client.get(f"/api/export?format={fmt}&{query}")
    assert response.status_code == 200, response.text
    suffix = {"acled-csv": "csv", "plover-json": "json"}.get(fmt, fmt)
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="conflictcoder-events.{suffix}"'
    body: bytes = response.content
    return body


def test_export_formats_parse_back(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    rows = list(csv.DictReader(io.StringIO(_export(client, "acled-csv").decode("utf-8"))))
    assert rows and {"event_date", "event_type", "document_id", "event_id"} <= set(rows[0])
    plover = json.loads(_export(client, "plover-json"))
    assert isinstance(plover, list | dict)
    geo = json.loads(_export(client, "geojson"))
    assert geo["type"] == "FeatureCollection" and geo["features"]
    table = pq.read_table(io.BytesIO(_export(client, "parquet")))
    assert table.num_rows == total
    assert set(table.column("event_id").to_pylist()) == {
        r["event"]["id"] for r in client.get("/api/events?limit=1000").json()["items"]
    }


def test_export_media_types_and_filters(client: TestClient) -> None:
    media = {
        "acled-csv": "text/csv; charset=utf-8",
        "plover-json": "application/json",
        "geojson": "application/geo+json",
        "parquet": "application/vnd.apache.parquet",
    }
    for fmt, kind in media.items():
        assert client.get(f"/api/export?format={fmt}").headers["content-type"] == kind
    nigeria = pq.read_table(io.BytesIO(_export(client, "parquet", "country=NGA")))
    assert nigeria.num_rows == 1
    assert client.get("/api/export?format=xlsx").status_code == 422
    assert client.get("/api/export").status_code == 422
