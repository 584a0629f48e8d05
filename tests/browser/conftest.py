"""Browser-test fixtures: a store with the repository's example reports, a crafted XSS report,
a short report of ours and (when ../shared is there) the seed report; the real app (uvicorn)
on a free loopback port; Debian's Chromium through Playwright; a folder for screenshots
(CONFLICTCODER_ARTEFACTS, else a temporary one)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import SHARED

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED = SHARED / "examples" / "seed-report.txt"
REPO = Path(__file__).resolve().parents[2]

# Reports written for these tests (not third-party text).
STEPANAKERT = (
    "Yerevan, 20 September 2023. The Ministry of Defence of Armenia said that the Azerbaijani"
    " armed forces shelled Stepanakert with artillery on 19 September 2023. Two civilians were"
    " killed and eleven were wounded, the ministry said.\n"
)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
CRAFTED = (
    "Baku, 15 September 2023. The Ministry of Defense of Azerbaijan said that Armenian armed"
    f" forces {SCRIPT} fired mortars at positions near Tovuz on 14 September 2023. {IMG} One"
    " soldier was wounded, the ministry said.\n"
)
CRAFTED_TITLE = f"Statement {IMG}{SCRIPT}"
TOKEN = "browser-test-token"  # the app's write token (POST /api/documents)


@dataclass(frozen=True)
class Site:
    """The running app: its base URL and the ids the tests look up."""

    url: str
    seed_document: str | None  # None when ../shared is absent
    crafted_document: str
    stepanakert_document: str

    def api(self, path: str, **params: Any) -> Any:
        response = httpx.get(f"{self.url}{path}", params=params, timeout=30)
        response.raise_for_status()
        return response.json()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _document_id(site_url: str, source: str) -> str:
    page = httpx.get(f"{site_url}/api/events", params={"source": source}, timeout=30).json()
    assert page["items"], f"no stored event from {source}"
    document_id: str = page["items"][0]["document"]["id"]
    return document_id


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real app over a temporary SQLite store holding our reports (and the seed)."""
    import uvicorn

    from conflictcoder.api import create_app
    from conflictcoder.config import Config
    from conflictcoder.store import open_store
    from conflictcoder.store.fusion import fuse
    from conflictcoder.store.ingest import ingest

    folder = tmp_path_factory.mktemp("browser-store")
    (folder / "stepanakert.txt").write_text(STEPANAKERT, encoding="utf-8")
    (folder / "crafted.txt").write_text(CRAFTED, encoding="utf-8")
    (folder / "crafted.txt.meta.json").write_text(json.dumps({"title": CRAFTED_TITLE}))
    paths = [str(folder / "stepanakert.txt"), str(folder / "crafted.txt")]
    # The repository's own examples: enough events to page through without ../shared.
    paths.extend(str(p) for p in sorted((REPO / "examples").glob("*.txt")))
    if SEED.exists():
        paths.append(str(SEED))
    db_url = f"sqlite:///{folder / 'events.db'}"
    with open_store(db_url) as store:
        summary = ingest(store, paths, Config())
        store.save_fusion(fuse(list(store.event_rows())))  # as `conflictcoder ingest` does
    assert summary.stored == len(paths), summary.line()

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(db_url, token=TOKEN), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the app did not start within 30 s"
        assert thread.is_alive(), "the app's thread died while starting"
        time.sleep(0.05)
    yield Site(
        url=url,
        seed_document=_document_id(url, "seed-report") if SEED.exists() else None,
        crafted_document=_document_id(url, "crafted.txt"),
        stepanakert_document=_document_id(url, "stepanakert.txt"),
    )
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless (Playwright's own browsers are never downloaded)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (install Debian's chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """One browser page and what it reported: console errors, page errors, dialogs."""

    page: Any
    errors: list[str]
    dialogs: list[str]

    def clean(self) -> None:
        """No script error, CSP violation or failed request happened on the page."""
        assert not self.errors, self.errors
        assert not self.dialogs, f"a dialog fired: {self.dialogs}"


@pytest.fixture
def tab(browser: Any, site: Site) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=site.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    found = Tab(page=page, errors=[], dialogs=[])
    page.on("console", lambda m: found.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.errors.append(f"page error: {e}"))

    def dialog(d: Any) -> None:
        found.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    yield found
    context.close()


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $CONFLICTCODER_ARTEFACTS, else a temporary folder."""
    given = os.environ.get("CONFLICTCODER_ARTEFACTS")
    folder = Path(given) if given else tmp_path_factory.mktemp("browser-artefacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_for_readme(screenshot: Path) -> None:
    """Copies a screenshot to docs/screenshots/ui.png once (never overwrites it)."""
    target = REPO / "docs" / "screenshots" / "ui.png"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(screenshot, target)
