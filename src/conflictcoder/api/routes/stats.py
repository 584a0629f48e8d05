"""GET /api/stats (what the UI's filters offer) and GET /api/health."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from conflictcoder import __version__
from conflictcoder.api.schemas import Health
from conflictcoder.api.state import get_session
from conflictcoder.store import queries

router = APIRouter(prefix="/api", tags=["summary"])


@router.get("/stats", summary="counts, date span and the values of the filters")
def stats(session: Annotated[Session, Depends(get_session)]) -> dict[str, Any]:
    return queries.summary(session)


@router.get("/health", response_model=Health, summary="the server is up")
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}
