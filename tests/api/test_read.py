"""Reading endpoints over a real store: events (filters, pagination), one event, fused
events, documents, stats, the UI's files, errors and the security headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conflictcoder.api import create_app
from conflictcoder.api.middleware import SECURITY_HEADERS


def all_events(client: TestClient, query: str = "") -> list[dict[str, Any]]:
    page = client.get(f"/api/events?limit=1000&{query}")
    assert page.status_code == 200, page.text
    items: list[dict[str, Any]] = page.json()["items"]
    assert page.json()["total"] == len(items)
    return items


def test_events_page_shape_and_links(client: TestClient) -> None:
    page = client.get("/api/events").json()
    assert set(page) == {"total", "offset", "limit", "items"}
    assert page["offset"] == 0 and page["limit"] == 100
    assert page["total"] >= 2 and len(page["items"]) == min(100, page["total"])
    for item in page["items"]:
        assert set(item) == {"document", "event", "fused_id"}
        assert "text" not in item["document"]
        # The document id in every row is the one /api/documents takes.
        detail = client.get(f"/api/documents/{item['document']['id']}")
        assert detail.status_code == 200
        assert item["event"]["id"] in {e["event"]["id"] for e in detail.json()["events"]}


def test_pagination_walks_every_event_once_in_order(client: TestClient) -> None:
    everything = [row["event"]["id"] for row in all_events(client)]
    walked = []
    for offset in range(0, len(everything), 2):
        page = client.get(f"/api/events?limit=2&offset={offset}").json()
        assert page["total"] == len(everything)
        assert page["limit"] == 2 and page["offset"] == offset
        walked += [row["event"]["id"] for row in page["items"]]
    assert walked == everything
    beyond = client.get(f"/api/events?offset={len(everything) + 5}").json()
    assert beyond["items"] == [] and beyond["total"] == len(everything)


def test_filters_select_the_matching_events(client: TestClient) -> None:
    nigeria = all_events(client, "country=nga")
    assert [r["event"]["locations"][0]["name"] for r in nigeria] == ["Konduga"]
    konduga = nigeria[0]["event"]["locations"][0]
    near = all_events(client, f"near={konduga['lat']},{konduga['lon']},20")
    assert [r["event"]["id"] for r in near] == [nigeria[0]["event"]["id"]]
    assert all_events(client, "near=0,0,10") == []
    assert all_events(client, "since=2023-01-01") == nigeria
    assert nigeria[0] not in all_events(client, "until=2022-12-31")
    assaults = all_events(client, "type=assault")
    assert assaults and all(r["event"]["plover"]["type"] == "ASSAULT" for r in assaults)
    reported = all_events(client, "stance=reported")
    assert all(r["event"]["attribution"]["stance"] == "reported" for r in reported)
    armenian = all_events(client, "source=Ministry%20of%20Defense%20of%20Armenia")
    assert armenian
    assert {r["event"]["attribution"]["claimant"]["name"] for r in armenian} == {
        "Ministry of Defense of Armenia"
    }
    both = all_events(client, "country=NGA&stance=asserted")
    assert all(r in nigeria for r in both)


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=1001",
        "offset=-1",
        "since=yesterday",
        "until=2022-13-01",
        "country=ARMENIA",
        "near=40,46",
        "near=95,46,10",
        "near=a,b,c",
        "stance=maybe",
    ],
)
def test_bad_parameters_are_422(client: TestClient, query: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def test_one_event_and_unknown_ids(client: TestClient) -> None:
    row = all_events(client)[0]
    one = client.get(f"/api/events/{row['event']['id']}")
    assert one.status_code == 200
    body = one.json()
    # The listed row, plus how many documents and independent sources tell the event.
    sources = body.pop("sources")
    assert body == row
    assert 1 <= sources["independent"] == len(sources["originals"]) <= sources["documents"]
    for path in ("/api/events/nope", "/api/fused/nope", "/api/documents/nope", "/api/nothing"):
        missing = client.get(path)
        assert missing.status_code == 404, path
        assert isinstance(missing.json()["detail"], str)


def test_every_fused_event_lists_its_members(client: TestClient) -> None:
    rows = all_events(client)
    fused_ids = {r["fused_id"] for r in rows if r["fused_id"]}
    assert fused_ids
    for fused_id in fused_ids:
        fused = client.get(f"/api/fused/{fused_id}").json()
        members = fused["members"] + fused["denials"]
        assert members and isinstance(fused["disagreements"], list)
        for member in members:
            assert {"claimant", "stance", "role", "event", "document"} <= set(member)
            assert member["event"]["id"] == member["event_id"]


def test_seed_denial_shows_both_sides(client: TestClient, seed: Path) -> None:
    denied = [r for r in all_events(client, "stance=denied") if seed.name in r["document"]["path"]]
    assert denied, "the seed report denies an Armenian claim"
    fused = client.get(f"/api/fused/{denied[0]['fused_id']}").json()
    members = fused["members"] + fused["denials"]
    claimants = {(m["claimant"]["country"], m["stance"]) for m in members}
    assert ("ARM", "denied") in claimants
    assert any(c == "AZE" for c, _ in claimants)
    assert "stance" in fused["disagreements"] and fused["contested"] is True


def test_document_text_furniture_and_evidence(client: TestClient, seed: Path) -> None:
    row = next(r for r in all_events(client) if seed.name in (r["document"]["path"] or ""))
    detail = client.get(f"/api/documents/{row['document']['id']}").json()
    document = detail["document"]
    text = document["text"]
    assert text == seed.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert document["removed"] and document["revision"] == 1
    for span in document["removed"]:
        assert text[span["start"] : span["end"]] == span["text"] and span["reason"]
    assert len(detail["events"]) >= 2
    for item in detail["events"]:
        for evidence in item["event"]["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_stats_count_what_is_stored(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    rows = all_events(client, "status=all")
    assert stats["counts"]["events"] == len(rows)
    # Listings give the reports' news unless asked for every status; stats count them all.
    by_status = {s["value"]: s["count"] for s in stats["statuses"]}
    assert by_status["current"] == len(all_events(client))
    assert sum(by_status.values()) == len(rows)
    assert len(all_events(client, "status=background&status=generic")) == len(rows) - len(
        all_events(client)
    ) - by_status.get("hypothetical", 0)
    assert stats["counts"]["documents"] >= 2
    assert sum(t["count"] for t in stats["plover_types"]) == len(rows)
    assert {"value": "NGA", "count": 1} in stats["countries"]
    starts = sorted(r["event"]["date"]["start"] for r in rows if r["event"]["date"])
    assert stats["dates"] == {"first": starts[0], "last": starts[-1]}


def test_security_headers_everywhere(client: TestClient) -> None:
    for path in ("/api/events", "/api/events/nope", "/", "/openapi.json"):
        headers = client.get(path).headers
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value, (path, name)
    assert "script-src 'self'" in SECURITY_HEADERS["content-security-policy"]


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/fused/{fused_id}",
        "/api/documents/{document_id}",
        "/api/search",
        "/api/export",
        "/api/stats",
        "/api/extract",
        "/api/documents",
    } <= paths
    assert client.get("/docs").status_code == 404  # no CDN-backed Swagger page


def test_ui_files_are_served(store_url: str, tmp_path: Path) -> None:
    with TestClient(create_app(store_url, static_dir=tmp_path)) as bare:
        page = bare.get("/")
        assert page.status_code == 200 and "not built" in page.text
        assert bare.get("/static/app.js").status_code == 404
    (tmp_path / "index.html").write_text("<!doctype html><title>ui</title>", encoding="utf-8")
    (tmp_path / "app.js").write_text("console.log('ui');", encoding="utf-8")
    with TestClient(create_app(store_url, static_dir=tmp_path)) as built:
        page = built.get("/")
        assert page.text == "<!doctype html><title>ui</title>"
        assert page.headers["content-type"].startswith("text/html")
        script = built.get("/static/app.js")
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
