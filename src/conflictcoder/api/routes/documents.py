"""GET /api/documents/{id} and GET /api/search (full text over the documents)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.orm import Session

from conflictcoder.api.params import Offset
from conflictcoder.api.schemas import SearchOut
from conflictcoder.api.state import ApiState, get_session, get_state
from conflictcoder.store import queries

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/documents/{document_id}", summary="a document's text, furniture and events")
def get_document(
    document_id: str, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Any]:
    detail = queries.document_detail(session, document_id)
    if detail is None:
        raise HTTPException(404, f"no document with id {document_id!r}")
    return detail


@router.get("/search", response_model=SearchOut, summary="full-text search over documents")
def search(
    q: Annotated[str, Query(min_length=1, max_length=500, description="words or phrases")],
    state: Annotated[ApiState, Depends(get_state)],
    session: Annotated[Session, Depends(get_session)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    page = queries.search_documents(session, q, state.search, limit=limit, offset=offset)
    return {
        "q": q,
        "engine": page.engine,
        "total": page.total,
        "offset": offset,
        "limit": limit,
        "items": page.items,
    }
