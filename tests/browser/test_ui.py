"""The browser UI against the real app: overview (map, timeline, table, filters), the event
page (versions side by side), the document page (evidence highlighted), the paste box, and
a crafted report that must render inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    CRAFTED,
    CRAFTED_TITLE,
    IMG,
    SCRIPT,
    STEPANAKERT,
    Site,
    Tab,
    keep_for_readme,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


# Waits go through locators: the app's CSP forbids the eval that wait_for_function uses.
def _open_overview(tab: Tab, query: str = "") -> None:
    tab.page.goto(f"/#/{query}")
    expect(tab.page.locator("#status")).to_have_text(re.compile(r"\d+ events?"))


def _rows(tab: Tab) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = tab.page.eval_on_selector_all(
        "#events-body tr",
        "rows => rows.map(r => ({id: r.dataset.eventId, type: r.dataset.type,"
        " date: r.querySelector('td.date').textContent}))",
    )
    return rows


def _wait_rows(tab: Tab, count: int) -> list[dict[str, str]]:
    expect(tab.page.locator("#events-body tr")).to_have_count(count)
    return _rows(tab)


def test_overview_shows_map_timeline_and_table(tab: Tab, site: Site, artefacts: Path) -> None:
    everything = site.api("/api/events", limit=1000)
    _open_overview(tab)
    rows = _wait_rows(tab, everything["total"])
    assert [r["id"] for r in rows] == [row["event"]["id"] for row in everything["items"]]
    page = tab.page
    # The offline basemap (Natural Earth countries) and one circle per located place.
    page.wait_for_selector(".leaflet-basemap-pane path", state="attached")
    located = sum(
        1
        for row in everything["items"]
        for loc in row["event"]["locations"]
        if loc["lat"] is not None
    )
    assert page.locator("path.point").count() == located
    assert page.locator("path.point-ASSAULT").count() > 0
    assert "ASSAULT" in page.locator("#legend").inner_text()
    # A disputed place is labelled with both names (the gazetteer's and the report's).
    assert page.locator(".place-label.disputed", has_text="Khankendi / Stepanakert").count() > 0
    assert page.locator("#timeline rect.bar").count() > 0
    shot = artefacts / "overview.png"
    page.screenshot(path=str(shot), full_page=True)
    keep_for_readme(shot)
    tab.clean()


def test_filter_by_date_narrows_the_table(tab: Tab, site: Site) -> None:
    expected = site.api("/api/events", since="2023-09-19", until="2023-09-19")
    assert 0 < expected["total"] < site.api("/api/events")["total"]
    _open_overview(tab)
    tab.page.fill("#f-since", "2023-09-19")
    tab.page.fill("#f-until", "2023-09-19")
    rows = _wait_rows(tab, expected["total"])
    assert {r["id"] for r in rows} == {row["event"]["id"] for row in expected["items"]}
    assert all(r["date"].startswith("2023-09-19") for r in rows)
    assert "since=2023-09-19" in tab.page.url  # the filters stay in the address
    tab.clean()


def test_filter_by_type_narrows_the_table(tab: Tab, site: Site) -> None:
    expected = site.api("/api/events", type="REJECT")
    assert 0 < expected["total"] < site.api("/api/events")["total"]
    _open_overview(tab)
    tab.page.fill("#f-type", "REJECT")
    rows = _wait_rows(tab, expected["total"])
    assert {r["type"] for r in rows} == {"REJECT"}
    # Only REJECT circles stay on the map.
    assert tab.page.locator("path.point").count() == tab.page.locator("path.point-REJECT").count()
    tab.clean()


def test_timeline_brush_selects_a_date_range(tab: Tab, site: Site) -> None:
    total = site.api("/api/events")["total"]
    _open_overview(tab)
    box = tab.page.locator("#timeline svg").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    # Drag over the right half of the timeline: the newest events only.
    tab.page.mouse.move(box["x"] + box["width"] * 0.6, y)
    tab.page.mouse.down()
    tab.page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=5)
    tab.page.mouse.move(box["x"] + box["width"] * 0.995, y, steps=5)
    tab.page.mouse.up()
    expect(tab.page.locator("#f-since")).not_to_have_value("")
    since = tab.page.input_value("#f-since")
    until = tab.page.input_value("#f-until")
    expected = site.api("/api/events", since=since, until=until)
    assert 0 < expected["total"] < total
    rows = _wait_rows(tab, expected["total"])
    assert {r["id"] for r in rows} == {row["event"]["id"] for row in expected["items"]}
    assert float(tab.page.locator("#timeline rect.brush").get_attribute("width") or 0) > 0
    tab.clean()


def _seed(site: Site) -> str:
    if site.seed_document is None:
        pytest.skip("../shared/examples/seed-report.txt is absent")
    return site.seed_document


def test_event_page_shows_the_claim_and_its_denial(tab: Tab, site: Site, artefacts: Path) -> None:
    _seed(site)
    denied = site.api("/api/events", stance="denied", source="seed-report")["items"]
    armenian = [r for r in denied if r["event"]["attribution"]["claimant"]["country"] == "ARM"]
    assert armenian, "the seed's denied Armenian claim is not stored"
    event_id = armenian[0]["event"]["id"]
    tab.page.goto(f"/#/event/{event_id}")
    table = tab.page.locator("#versions")
    table.wait_for()
    claimants = table.locator("tr[data-field=claimant] td").all_inner_texts()
    stances = table.locator("tr[data-field=stance] td").all_inner_texts()
    versions = dict(zip(claimants, stances, strict=True))
    mfa = [c for c in versions if c.startswith("Ministry of Foreign Affairs of Azerbaijan")]
    assert mfa, claimants
    armenia = [c for c, s in versions.items() if "Armenia" in c and s == "denied"]
    assert armenia, versions
    # The sources disagree on who says so: the row is highlighted.
    assert "disagree" in (table.locator("tr[data-field=stance]").get_attribute("class") or "")
    tab.page.screenshot(path=str(artefacts / "event.png"), full_page=True)
    tab.clean()


def test_document_page_highlights_evidence(tab: Tab, site: Site, artefacts: Path) -> None:
    document_id = _seed(site)
    stored = site.api(f"/api/documents/{document_id}")
    tab.page.goto(f"/#/document/{document_id}")
    text = tab.page.locator("#doc-text")
    text.wait_for()
    # The text is shown exactly as stored (nothing lost, nothing parsed as markup).
    assert text.text_content() == stored["document"]["text"]
    marks = text.locator("mark.evidence")
    assert marks.count() > 10
    assert text.locator("mark[data-field=locations]", has_text="Dashkasan").count() > 0
    assert text.locator("mark[data-field=attribution]").count() > 0
    if stored["document"]["removed"]:
        first = stored["document"]["removed"][0]
        assert first["text"].strip() in " ".join(text.locator(".removed").all_inner_texts())
    # A click on a mark says which event and field it is evidence for.
    text.locator("mark[data-field=locations]", has_text="Dashkasan").first.click()
    picked = tab.page.locator("#picked")
    assert "locations" in picked.inner_text()
    assert picked.locator("a[href^='#/event/']").count() > 0
    assert text.locator("mark.active").count() > 0
    tab.page.screenshot(path=str(artefacts / "document.png"), full_page=True)
    tab.clean()


def test_paste_box_codes_a_report(tab: Tab, artefacts: Path) -> None:
    tab.page.goto("/#/paste")
    tab.page.fill("#paste-text", STEPANAKERT)
    tab.page.click("#paste-submit")
    expect(tab.page.locator("#paste-status")).to_have_text(
        re.compile("events? found"), timeout=60_000
    )
    cards = tab.page.locator("#paste-result .event-card")
    assert cards.count() >= 1
    first = cards.first.inner_text()
    assert "ASSAULT" in first
    assert "Khankendi / Stepanakert" in first
    assert "Ministry of Defen" in first  # the claimant
    assert "asserted" in first
    assert tab.page.locator("#paste-result mark[data-field=locations]").count() > 0
    tab.page.screenshot(path=str(artefacts / "paste.png"), full_page=True)
    tab.clean()


def test_crafted_report_renders_inert(tab: Tab, site: Site, artefacts: Path) -> None:
    page = tab.page
    tab.page.goto(f"/#/document/{site.crafted_document}")
    text = page.locator("#doc-text")
    text.wait_for()
    stored = site.api(f"/api/documents/{site.crafted_document}")["document"]["text"]
    assert SCRIPT in stored and IMG in stored  # the tags reach the page as text …
    assert text.text_content() == stored  # … and are shown as text, character for character
    assert page.locator("h1").inner_text() == CRAFTED_TITLE
    # Its event page and the overview table show it too.
    event_id = page.locator(".event-card").first.get_attribute("data-event-id")
    page.goto(f"/#/event/{event_id}")
    page.locator("#versions").wait_for()
    _open_overview(tab)
    # The same text through the paste box.
    page.goto("/#/paste")
    page.fill("#paste-text", CRAFTED)
    page.fill("#paste-title", CRAFTED_TITLE)
    page.click("#paste-submit")
    expect(page.locator("#paste-status")).to_have_text(
        re.compile("events? found|Not coded"), timeout=60_000
    )
    assert SCRIPT in (page.locator("#paste-result #doc-text").text_content() or "")
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    injected = page.evaluate(
        "() => ({img: document.querySelectorAll('img').length,"
        " scripts: [...document.scripts].filter(s => !/\\/static\\//.test(s.src)).length})"
    )
    assert injected == {"img": 0, "scripts": 0}
    assert re.search(r"alert", " ".join(tab.dialogs)) is None
    page.screenshot(path=str(artefacts / "xss.png"), full_page=True)
    tab.clean()


def test_search_finds_a_document(tab: Tab, site: Site) -> None:
    tab.page.goto("/#/search?q=Stepanakert")
    hits = tab.page.locator("#search-results ol.hits li")
    expect(hits).to_have_count(1)
    assert hits.locator("mark").first.inner_text().lower() == "stepanakert"
    hits.locator("a").first.click()
    expect(tab.page.locator("#doc-text")).to_contain_text("shelled Stepanakert")
    assert tab.page.url.endswith(f"#/document/{site.stepanakert_document}")
    tab.clean()
