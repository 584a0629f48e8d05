"""The overview table pages through the API (limit/offset/total), its page size and the
sort of the page shown live in the address, and the timeline's keyboard path is labelled."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Site, Tab

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

SIZE = 3  # small pages, so that the test store has several


def _api_ids(site: Site, **params: Any) -> list[str]:
    return [row["event"]["id"] for row in site.api("/api/events", **params)["items"]]


def _row_ids(tab: Tab) -> list[str]:
    ids: list[str] = tab.page.eval_on_selector_all(
        "#events-body tr", "rows => rows.map(r => r.dataset.eventId)"
    )
    return ids


def _expect_page(tab: Tab, first: int, last: int, total: int) -> None:
    expect(tab.page.locator("#page-info")).to_have_text(f"events {first}–{last} of {total}")


def _deaths(row: dict[str, Any]) -> float | None:
    count = row["event"].get("fatalities") or {}
    value = count.get("max") if count.get("max") is not None else count.get("min")
    return None if value is None else float(value)


def test_paging_forward_and_back_shows_the_api_pages(tab: Tab, site: Site) -> None:
    total = site.api("/api/events", limit=1)["total"]
    assert total > 3 * SIZE, "the test store is too small to page"
    page = tab.page
    page.goto(f"/#/?limit={SIZE}")
    _expect_page(tab, 1, SIZE, total)
    assert _row_ids(tab) == _api_ids(site, limit=SIZE, offset=0)
    expect(page.locator("#page-prev")).to_be_disabled()
    page.click("#page-next")
    _expect_page(tab, SIZE + 1, 2 * SIZE, total)
    assert _row_ids(tab) == _api_ids(site, limit=SIZE, offset=SIZE)
    assert f"offset={SIZE}" in page.url
    page.click("#page-next")
    _expect_page(tab, 2 * SIZE + 1, 3 * SIZE, total)
    assert _row_ids(tab) == _api_ids(site, limit=SIZE, offset=2 * SIZE)
    page.click("#page-prev")
    _expect_page(tab, SIZE + 1, 2 * SIZE, total)
    assert _row_ids(tab) == _api_ids(site, limit=SIZE, offset=SIZE)
    # Pages are history entries: Back returns to the page seen before.
    page.go_back()
    _expect_page(tab, 2 * SIZE + 1, 3 * SIZE, total)
    assert _row_ids(tab) == _api_ids(site, limit=SIZE, offset=2 * SIZE)
    # The last page: a short one, and no Next.
    last = (total - 1) // SIZE * SIZE
    page.goto(f"/#/?limit={SIZE}&offset={last}")
    _expect_page(tab, last + 1, total, total)
    assert _row_ids(tab) == _api_ids(site, limit=SIZE, offset=last)
    expect(page.locator("#page-next")).to_be_disabled()
    tab.clean()


def test_page_size_selector(tab: Tab, site: Site) -> None:
    total = site.api("/api/events", limit=1)["total"]
    page = tab.page
    page.goto(f"/#/?limit={SIZE}&offset={2 * SIZE}")
    _expect_page(tab, 2 * SIZE + 1, 3 * SIZE, total)
    # A linked size that is not one of the usual ones is offered too.
    assert page.locator("#page-size option").all_inner_texts() == [str(SIZE), "50", "100", "500"]
    expect(page.locator("#page-size")).to_have_value(str(SIZE))
    page.select_option("#page-size", "50")
    _expect_page(tab, 1, min(50, total), total)
    assert _row_ids(tab) == _api_ids(site, limit=50, offset=0)
    assert "limit=50" in page.url and "offset" not in page.url
    page.select_option("#page-size", "100")  # the default: left out of the address
    _expect_page(tab, 1, min(100, total), total)
    assert "limit" not in page.url
    tab.clean()


def test_reload_keeps_filters_page_and_sort(tab: Tab, site: Site) -> None:
    total = site.api("/api/events", type="ASSAULT", limit=1)["total"]
    assert total > SIZE, "too few ASSAULT events to page"
    page = tab.page
    page.goto(f"/#/?limit={SIZE}")
    page.fill("#f-type", "ASSAULT")
    _expect_page(tab, 1, SIZE, total)
    page.click("#page-next")
    _expect_page(tab, SIZE + 1, min(2 * SIZE, total), total)
    page.click("#events-table button.sort[data-sort=dead]")
    for part in ("type=ASSAULT", f"limit={SIZE}", f"offset={SIZE}", "sort=dead"):
        assert part in page.url, page.url

    page.reload()
    _expect_page(tab, SIZE + 1, min(2 * SIZE, total), total)
    expect(page.locator("#f-type")).to_have_value("ASSAULT")
    expect(page.locator("#page-size")).to_have_value(str(SIZE))
    expect(page.locator("th[data-col=dead]")).to_have_attribute("aria-sort", "ascending")
    # The page is the API's page, sorted here by deaths (unknown last, ties in API order).
    rows = site.api("/api/events", type="ASSAULT", limit=SIZE, offset=SIZE)["items"]
    known = [r for r in rows if _deaths(r) is not None]
    known.sort(key=lambda r: _deaths(r) or 0.0)
    by_deaths = [r["event"]["id"] for r in known + [r for r in rows if _deaths(r) is None]]
    assert _row_ids(tab) == by_deaths
    # Again: descending; a third time: the API's order.
    page.click("#events-table button.sort[data-sort=dead]")
    expect(page.locator("th[data-col=dead]")).to_have_attribute("aria-sort", "descending")
    page.click("#events-table button.sort[data-sort=dead]")
    expect(page.locator("th[data-col=dead]")).to_have_attribute("aria-sort", "none")
    assert _row_ids(tab) == [r["event"]["id"] for r in rows]
    assert "sort=" not in page.url
    tab.clean()


def test_leaving_an_unchanged_filter_keeps_the_page(tab: Tab, site: Site) -> None:
    # A text field fires "change" when it loses focus after an edit, long after its "input"
    # events were acted on: that late event must not count as a new filter (page 1 again).
    total = site.api("/api/events", type="ASSAULT", limit=1)["total"]
    assert total > SIZE, "too few ASSAULT events to page"
    page = tab.page
    page.clock.install()  # the filters' debounce runs when the test says so
    page.goto(f"/#/?limit={SIZE}")
    page.fill("#f-type", "ASSAULT")
    page.clock.run_for(1000)
    _expect_page(tab, 1, SIZE, total)
    page.click("#page-next")  # the type field loses focus here
    _expect_page(tab, SIZE + 1, min(2 * SIZE, total), total)
    page.clock.run_for(1000)
    assert f"offset={SIZE}" in page.url, page.url
    _expect_page(tab, SIZE + 1, min(2 * SIZE, total), total)
    # Focus and leave the field again without typing: still the same page.
    page.focus("#f-type")
    page.click("#events-table button.sort[data-sort=dead]")
    page.clock.run_for(1000)
    assert f"offset={SIZE}" in page.url and "sort=dead" in page.url, page.url
    _expect_page(tab, SIZE + 1, min(2 * SIZE, total), total)
    # A real edit still starts again from the first page.
    page.fill("#f-type", "")
    page.clock.run_for(1000)
    assert "offset=" not in page.url, page.url
    tab.clean()


def test_timeline_keyboard_path_is_labelled(tab: Tab, site: Site) -> None:
    page = tab.page
    page.goto("/#/")
    brush = page.locator("#timeline svg")
    expect(brush).to_have_attribute("aria-label", re.compile("From and To"))
    since = page.get_by_label("From", exact=True)
    expect(since).to_have_attribute("aria-describedby", "timeline-hint")
    assert "type the dates in From and To" in page.locator("#timeline-hint").inner_text()
    # Typing a date moves the brush, as a drag would.
    expect(since).to_have_id("f-since")
    since.fill("2023-09-19")
    expect(page.locator("#events-body tr")).to_have_count(
        site.api("/api/events", since="2023-09-19")["total"]
    )
    expect(page.locator("#timeline rect.brush")).not_to_have_attribute("width", "0")
    tab.clean()
