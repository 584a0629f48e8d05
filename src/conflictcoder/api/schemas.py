"""Request bodies and the top-level response shapes (the event objects inside are the
contract's, described in ``../shared/CONTRACT.md`` and ``docs/api.md``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

MAX_TEXT_CHARS = 1_000_000


class TextIn(BaseModel):
    """A report to code: its text, and what is known about it."""

    text: str = Field(max_length=MAX_TEXT_CHARS, description="the report's plain text (or HTML)")
    title: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = Field(default=None, description="YYYY-MM-DD")
    url: str | None = Field(default=None, max_length=4000)


class Page(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[dict[str, Any]]


class SearchOut(Page):
    q: str
    engine: str


class IngestOut(BaseModel):
    outcome: str
    document_id: str | None
    fused: int | None
    record: dict[str, Any] | None


class Health(BaseModel):
    status: str
    version: str
