"""The browser UI: static files (HTML, ES modules, CSS, vendored Leaflet and Natural Earth
shapes) that the HTTP API serves at ``/`` and ``/static``; nothing here runs on the server."""

from __future__ import annotations

from pathlib import Path

STATIC_DIR: Path = Path(__file__).resolve().parent / "static"
"""The folder served at ``/static``; ``index.html`` in it is the page served at ``/``."""

INDEX_HTML: Path = STATIC_DIR / "index.html"
"""The single page of the UI (its views are chosen by the URL's hash: #/event/ID …)."""
