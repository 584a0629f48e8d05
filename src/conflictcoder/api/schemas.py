"""Request bodies and the top-level response shapes (the event objects inside are the
contract's, described in ``../shared/CONTRACT.md`` and ``docs/api.md``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field, ModelWrapValidatorHandler, PrivateAttr, model_validator

MAX_TEXT_CHARS = 1_000_000


class TextIn(BaseModel):
    """A report to code: its text, and what is known about it."""

    text: str = Field(max_length=MAX_TEXT_CHARS, description="the report's plain text (or HTML)")
    title: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = Field(default=None, description="YYYY-MM-DD")
    url: str | None = Field(default=None, max_length=4000)
    # Lone surrogates (legal JSON escapes, common in scraped text) replaced with U+FFFD before
    # validation, which would refuse them; the record's notes say how many.
    _surrogates: int = PrivateAttr(default=0)

    @model_validator(mode="wrap")
    @classmethod
    def _replace_surrogates(cls, data: Any, handler: ModelWrapValidatorHandler[TextIn]) -> TextIn:
        from conflictcoder.ingest.decode import replace_surrogates

        count = 0
        if isinstance(data, dict):
            cleaned: dict[Any, Any] = {}
            for key, value in data.items():
                if isinstance(value, str):
                    value, replaced = replace_surrogates(value)
                    count += replaced
                cleaned[key] = value
            data = cleaned
        model = handler(data)
        model._surrogates = count
        return model

    @property
    def surrogates(self) -> int:
        """How many lone surrogates the body held (each now U+FFFD)."""
        return self._surrogates


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
