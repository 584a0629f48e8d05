"""Extraction and ingest of one posted text, run in worker threads (spaCy loads once per
process, on first use) and bounded by a time limit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException

from conflictcoder.api.schemas import TextIn
from conflictcoder.api.state import ApiState
from conflictcoder.errors import ConflictcoderError
from conflictcoder.records import RawInput, Record, Rejection
from conflictcoder.serialize import record_json

T = TypeVar("T")


class Rejected(Exception):
    """The extractor refused the text: answered 422 with the stage and the reason."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


def raw_input(body: TextIn) -> RawInput:
    from conflictcoder.ingest.decode import surrogate_note
    from conflictcoder.ingest.sources import clean_input, looks_like_html

    kind = "html" if looks_like_html(body.text) else "text"
    notes = (surrogate_note(body.surrogates),) if body.surrogates else ()
    return clean_input(RawInput(
        path=None,
        text=body.text,
        kind=kind,
        url=body.url,
        published=body.published,
        title=body.title,
        notes=notes,
    ))  # fmt: skip


def _warm(state: ApiState) -> None:
    from conflictcoder.nlp.pipeline import load_nlp

    # load_nlp is cached per config; the lock keeps two first requests from loading twice.
    with state.nlp_lock:
        load_nlp(state.config)


def extract_text(state: ApiState, body: TextIn) -> dict[str, Any]:
    """The contract record of the posted text; Rejected when it cannot be coded."""
    from conflictcoder.extract import extract_document
    from conflictcoder.ingest.document import build_document

    try:
        document = build_document(raw_input(body), state.config)  # refusals cost no spaCy
        _warm(state)
        return record_json(extract_document(document, state.config))
    except ConflictcoderError as exc:
        raise Rejected(exc.stage, str(exc)) from None


def ingest_text(state: ApiState, body: TextIn) -> dict[str, Any]:
    """Code the text and store it (re-fusing the store); the outcome and the record."""
    from conflictcoder.extract import extract_document
    from conflictcoder.ingest.document import build_document
    from conflictcoder.store import Source, open_store
    from conflictcoder.store.fusion import fuse

    raw = raw_input(body)
    with state.write_lock, open_store(state.db_url) as store:
        coded: Record | Rejection
        try:
            document = build_document(raw, state.config)
            if store.seen(document.text):
                return {"outcome": "duplicate", "document_id": document.id, "fused": None,
                        "record": None}  # fmt: skip
            _warm(state)
            coded = extract_document(document, state.config)
        except ConflictcoderError as exc:
            coded = Rejection(raw.id, raw.path, exc.stage, str(exc))
        outcome = store.ingest(coded, Source(key=raw.url))
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


async def run_limited(state: ApiState, work: Callable[[], T]) -> T:
    """``work()`` in the app's worker threads; 504 after ``state.extract_timeout`` seconds
    (the thread finishes on its own), 422 when the text is refused."""
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.wait_for(
            loop.run_in_executor(state.executor, work), timeout=state.extract_timeout
        )
    except TimeoutError:
        raise HTTPException(
            504,
            f"coding the text took longer than {state.extract_timeout:g} s; send a shorter"
            " text or try again when the server is less busy",
        ) from None
