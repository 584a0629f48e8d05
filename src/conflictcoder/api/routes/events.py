"""GET /api/events (filtered, paged), /api/events/{id} and /api/fused/{id}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from conflictcoder.api.params import Limit, Offset, event_filters
from conflictcoder.api.schemas import Page
from conflictcoder.api.state import get_session
from conflictcoder.store import queries
from conflictcoder.store.rows import EventFilters

router = APIRouter(prefix="/api", tags=["events"])
DbSession = Annotated[Session, Depends(get_session)]


@router.get("/events", response_model=Page, summary="stored events, filtered and paged")
def list_events(
    session: DbSession,
    filters: Annotated[EventFilters, Depends(event_filters)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    total, rows = queries.event_page(session, filters, limit=limit, offset=offset)
    return {"total": total, "offset": offset, "limit": limit, "items": rows}


@router.get("/events/{event_id}", summary="one event with its document")
def get_event(event_id: str, session: DbSession) -> dict[str, Any]:
    row = queries.event_row(session, event_id)
    if row is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return row


@router.get("/fused/{fused_id}", summary="a fused event with every source's version")
def get_fused(fused_id: str, session: DbSession) -> dict[str, Any]:
    fused = queries.fused_event(session, fused_id)
    if fused is None:
        raise HTTPException(404, f"no fused event with id {fused_id!r}")
    return fused
