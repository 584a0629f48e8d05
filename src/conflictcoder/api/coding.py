"""Extraction and ingest of one posted text: the coding runs in the pool's worker processes
(see ``pool``), bounded in number and in time; storing the result happens here, in the
server, one writer at a time."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from conflictcoder.api.pool import TimedOut
from conflictcoder.api.schemas import TextIn
from conflictcoder.api.state import ApiState
from conflictcoder.records import Record, Rejection
from conflictcoder.serialize import record_json


class Rejected(Exception):
    """The extractor refused the text: answered 422 with the stage and the reason."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


class CodingFailed(Exception):
    """The coding code itself failed (a bug): answered 500 with the reason."""


async def extract_text(state: ApiState, body: TextIn) -> dict[str, Any]:
    """The contract record of the posted text; Rejected when it cannot be coded."""
    return await _in_pool(state, lambda deadline: _extract(state, body, deadline))


async def ingest_text(state: ApiState, body: TextIn) -> dict[str, Any]:
    """Code the text and store it (re-fusing the store); the outcome and the record."""
    return await _in_pool(state, lambda deadline: _ingest(state, body, deadline))


async def _in_pool(state: ApiState, work: Any) -> dict[str, Any]:
    """``work(deadline)`` in a pool thread (Busy, raised here at once, becomes 503); 504 at
    ``state.extract_timeout`` seconds, when the worker coding the text has been killed."""
    deadline = time.monotonic() + state.extract_timeout
    future = state.pool.submit(lambda: work(deadline))
    try:
        result: dict[str, Any] = await asyncio.wrap_future(future)
    except TimedOut:
        raise HTTPException(
            504,
            f"coding the text took longer than {state.extract_timeout:g} s; send a shorter"
            " text or try again when the server is less busy",
        ) from None
    return result


def _extract(state: ApiState, body: TextIn, deadline: float) -> dict[str, Any]:
    message = state.pool.run(("extract", body), deadline)
    if message[0] == "record":
        record: dict[str, Any] = message[1]
        return record
    raise _failure(message)


def _ingest(state: ApiState, body: TextIn, deadline: float) -> dict[str, Any]:
    from conflictcoder.store import Source, open_store
    from conflictcoder.store.fusion import fuse

    message = state.pool.run(("ingest", body), deadline, answer=lambda text: _seen(state, text))
    if message[0] == "duplicate":
        return {"outcome": "duplicate", "document_id": message[1], "fused": None, "record": None}
    if message[0] != "coded":
        raise _failure(message)
    coded: Record | Rejection = message[1]
    with state.write_lock, open_store(state.db_url) as store:
        outcome = store.ingest(coded, Source(key=body.url))
        store.commit()
        if isinstance(coded, Rejection):
            raise Rejected(coded.stage, coded.reason)
        fused = store.save_fusion(fuse(list(store.event_rows())))
    return {
        "outcome": outcome,
        "document_id": coded.document.id,
        "fused": fused,
        "record": record_json(coded),
    }


def _seen(state: ApiState, text: str) -> bool:
    """Whether this text is stored already (asked before spaCy runs, to spare the work)."""
    from conflictcoder.store import content_hash
    from conflictcoder.store.models import DocumentRow

    with Session(state.engine) as session:
        found = session.scalar(
            select(DocumentRow.id).where(DocumentRow.sha256 == content_hash(text))
        )
    return found is not None


def _failure(message: tuple[Any, ...]) -> Exception:
    if message[0] == "rejected":
        return Rejected(message[1], message[2])
    return CodingFailed(f"coding the text failed: {message[-1]}")
