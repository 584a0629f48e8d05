"""POST /api/extract (a text in, its record out; stores nothing) and POST /api/documents
(ingest a text into the store; needs the token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from conflictcoder.api.auth import require_token
from conflictcoder.api.coding import extract_text, ingest_text
from conflictcoder.api.schemas import IngestOut, TextIn
from conflictcoder.api.state import ApiState, get_state

router = APIRouter(prefix="/api", tags=["coding"])
REFUSED: dict[int | str, dict[str, Any]] = {
    422: {"description": "the text was refused (detail: the reason; stage)"},
    503: {"description": "every coding worker is busy and the queue is full (see Retry-After)"},
    504: {"description": "coding took longer than the time limit (the work was stopped)"},
}


@router.post("/extract", summary="code a text: the contract record", responses=REFUSED)
async def extract(body: TextIn, state: Annotated[ApiState, Depends(get_state)]) -> dict[str, Any]:
    return await extract_text(state, body)


@router.post(
    "/documents",
    response_model=IngestOut,
    status_code=201,
    summary="code a text and store it (needs the token)",
    dependencies=[Depends(require_token)],
    responses={
        **REFUSED,
        200: {"description": "the text was stored already"},
        401: {"description": "no or a wrong bearer token"},
        403: {"description": "writes are disabled"},
    },
)
async def ingest(
    body: TextIn, response: Response, state: Annotated[ApiState, Depends(get_state)]
) -> dict[str, Any]:
    result = await ingest_text(state, body)
    if result["outcome"] == "duplicate":
        response.status_code = 200
    return result
