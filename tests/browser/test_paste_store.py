"""Storing a pasted report from the browser: POST /api/documents with the token typed in
the paste page (kept in sessionStorage only), its outcome shown; a wrong token stores nothing."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TOKEN, Site, Tab

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

# Written for this test (not third-party text).
REPORT = (
    "Tbilisi, 3 October 2023. The Ministry of Internal Affairs of Georgia said that gunmen"
    " fired at a police checkpoint near Zugdidi on 2 October 2023. One officer was killed,"
    " the ministry said.\n"
)
URL = "https://example.org/browser-test/zugdidi-checkpoint"


def _paste(tab: Tab, token: str, url: str) -> None:
    tab.page.goto("/#/paste")
    tab.page.fill("#paste-text", REPORT)
    tab.page.fill("#paste-url", url)
    tab.page.fill("#paste-token", token)
    tab.page.click("#paste-store")


def _documents(site: Site) -> int:
    count: int = site.api("/api/stats")["counts"]["documents"]
    return count


def test_wrong_token_stores_nothing(tab: Tab, site: Site) -> None:
    url = f"{URL}-refused"
    before = _documents(site)
    _paste(tab, "not-the-token", url)
    status = tab.page.locator("#paste-status")
    expect(status).to_have_text(re.compile(r"^Not stored \(401\): "), timeout=60_000)
    # The server's own message, shown as text.
    refused = httpx.post(
        f"{site.url}/api/documents",
        json={"text": REPORT},
        headers={"Authorization": "Bearer not-the-token"},
        timeout=30,
    )
    assert refused.status_code == 401
    assert status.inner_text() == f"Not stored (401): {refused.json()['detail']}"
    assert status.get_attribute("data-outcome") is None
    assert _documents(site) == before
    assert site.api("/api/events", source=url)["total"] == 0
    # The only console error is the browser's note on the 401 answer itself.
    assert all("401" in e for e in tab.errors), tab.errors
    assert not tab.dialogs


def test_right_token_stores_the_report(tab: Tab, site: Site) -> None:
    before = _documents(site)
    _paste(tab, TOKEN, URL)
    status = tab.page.locator("#paste-status")
    expect(status).to_have_attribute("data-outcome", "stored", timeout=60_000)
    assert re.match(r"Stored: document \w+ with [1-9]\d* events?\.", status.inner_text())
    assert tab.page.locator("#paste-result .event-card").count() >= 1
    # The token stays in this tab's sessionStorage (and nowhere else).
    stored = tab.page.evaluate("() => sessionStorage.getItem('conflictcoder-token')")
    assert stored == TOKEN
    assert tab.page.evaluate("() => localStorage.length") == 0
    assert _documents(site) == before + 1
    document_id = tab.page.locator("#paste-stored-link").inner_text()

    # Storing it again is a duplicate.
    tab.page.click("#paste-store")
    expect(status).to_have_attribute("data-outcome", "duplicate", timeout=60_000)
    assert document_id in status.inner_text()
    assert _documents(site) == before + 1

    # Its events are in the events table.
    expected = site.api("/api/events", source="example.org/browser-test")
    assert expected["total"] >= 1
    assert {row["document"]["id"] for row in expected["items"]} == {document_id}
    tab.page.goto("/#/?source=example.org%2Fbrowser-test")
    expect(tab.page.locator("#events-body tr")).to_have_count(expected["total"])
    ids = tab.page.eval_on_selector_all(
        "#events-body tr", "rows => rows.map(r => r.dataset.eventId)"
    )
    assert ids == [row["event"]["id"] for row in expected["items"]]
    tab.clean()
