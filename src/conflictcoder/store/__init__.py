"""Persist records and read events back: SQLite by default, PostgreSQL for teams.

``open_store(url)`` gives a Store migrated to the newest schema; ``Store.ingest`` writes a
record or rejection; ``Store.event_rows(filters)`` reads EventRows; ``Store.counts()``.
"""

from __future__ import annotations

from conflictcoder.errors import StoreError
from conflictcoder.store.rows import EventFilters, EventRow, Near
from conflictcoder.store.store import (
    ENGINE,
    Outcome,
    Source,
    Store,
    content_hash,
    database_url,
    open_store,
)

__all__ = [
    "ENGINE",
    "EventFilters",
    "EventRow",
    "Near",
    "Outcome",
    "Source",
    "Store",
    "StoreError",
    "content_hash",
    "database_url",
    "open_store",
]
