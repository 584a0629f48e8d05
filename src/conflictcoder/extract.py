"""The one-document pass, strung together: ingest → parse → events → Record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from conflictcoder.config import Config
from conflictcoder.errors import ConflictcoderError
from conflictcoder.events.assemble import extract_events
from conflictcoder.ingest.document import build_document
from conflictcoder.ingest.sources import iter_inputs
from conflictcoder.nlp.pipeline import parse
from conflictcoder.records import Document, RawInput, Record, Rejection


def extract_document(document: Document, config: Config) -> Record:
    """Every event the document reports, with evidence; the document itself unchanged."""
    chunks = parse(document, config)
    return Record(document=document, events=extract_events(document, chunks, config))


def extract_raw(raw: RawInput, config: Config) -> Record | Rejection:
    """One input to a Record, or a Rejection saying at which stage and why."""
    try:
        document = build_document(raw, config)
    except ConflictcoderError as exc:
        return Rejection(id=raw.id, path=raw.path, stage=exc.stage, reason=str(exc))
    try:
        return extract_document(document, config)
    except ConflictcoderError as exc:
        return Rejection(id=document.id, path=raw.path, stage=exc.stage, reason=str(exc))


def extract_paths(
    paths: Sequence[str], config: Config, stdin: BinaryIO | None = None
) -> Iterator[Record | Rejection]:
    """Records in input order; a bad input yields its Rejection in place and the rest go on."""
    for item in iter_inputs(paths, config, stdin=stdin):
        yield item if isinstance(item, Rejection) else extract_raw(item, config)
