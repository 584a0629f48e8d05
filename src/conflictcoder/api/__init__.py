"""The HTTP API (FastAPI): stored events, fused events, documents, search, exports, extraction
and ingest, plus the browser UI's static files. ``create_app`` builds the app; ``docs/api.md``
documents every endpoint's shape."""

from __future__ import annotations

from conflictcoder.api.app import create_app

__all__ = ["create_app"]
