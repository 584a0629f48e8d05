"""Which stored document a new text copies: LSH lookup in ``fingerprint_bands``, then the
stored signatures of the few documents found there (store/fingerprint.py says why).

Copies point at the original itself, never at another copy, so a story reprinted five times
is one original with four copies, whichever copy each reprint resembled most.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from conflictcoder.store.fingerprint import THRESHOLD, Fingerprint, fingerprint, similarity
from conflictcoder.store.models import DocumentRow, FingerprintBandRow

# Only the documents sharing the most bands are compared (a flood of one story cannot make a
# lookup slow): more copies than this of one text still find one of them.
MAX_CANDIDATES = 50


def removed_spans(removed: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """(start, end) of the furniture spans a document keeps in ``removed``."""
    return [
        (int(r["start"]), int(r["end"]))
        for r in removed
        if isinstance(r, Mapping)
        and isinstance(r.get("start"), int)
        and isinstance(r.get("end"), int)
    ]


def candidates(connection: Connection, fp: Fingerprint, *, exclude: int | None = None) -> list[int]:
    """Ids of the stored documents sharing a band with ``fp`` (most bands shared first, at
    most MAX_CANDIDATES): the only documents a new text is ever compared with."""
    shared = func.count().label("shared")
    stmt = (
        select(FingerprintBandRow.document_id, shared)
        .where(FingerprintBandRow.key.in_(fp.bands))
        .group_by(FingerprintBandRow.document_id)
        .order_by(shared.desc(), FingerprintBandRow.document_id)
        .limit(MAX_CANDIDATES)
    )
    if exclude is not None:
        stmt = stmt.where(FingerprintBandRow.document_id != exclude)
    return [row.document_id for row in connection.execute(stmt)]


def find_original(
    connection: Connection, fp: Fingerprint, *, exclude: int | None = None
) -> int | None:
    """The id of the original that the text of ``fp`` copies, or None when it copies none."""
    ids = candidates(connection, fp, exclude=exclude)
    if not ids:
        return None
    rows = connection.execute(
        select(DocumentRow.id, DocumentRow.fingerprint, DocumentRow.copy_of).where(
            DocumentRow.id.in_(ids)
        )
    ).all()
    best: tuple[float, int, int] | None = None  # (similarity, -id, original id)
    for row in rows:
        if row.fingerprint is None:
            continue
        score = similarity(fp.signature, row.fingerprint)
        if score >= THRESHOLD:
            candidate = (score, -row.id, row.copy_of or row.id)
            if best is None or candidate > best:
                best = candidate
    return best[2] if best else None


def add_bands(connection: Connection, document_id: int, fp: Fingerprint) -> None:
    """Make the document findable by later texts."""
    keys = sorted(set(fp.bands))
    connection.execute(
        insert(FingerprintBandRow),
        [{"key": key, "document_id": document_id} for key in keys],
    )


def link_copy(
    connection: Connection, document_id: int, text: str, removed: Sequence[Mapping[str, Any]]
) -> int | None:
    """Fingerprint a stored document, link it to the original it copies (if any) and index
    it; returns the original's id. (Migration 0004 runs this over older documents.)"""
    fp = fingerprint(text, removed_spans(removed))
    if fp is None:
        return None
    original = find_original(connection, fp, exclude=document_id)
    docs = DocumentRow
    connection.execute(
        update(docs)
        .where(docs.id == document_id)
        .values(fingerprint=fp.signature, copy_of=original)
    )
    add_bands(connection, document_id, fp)
    return original
