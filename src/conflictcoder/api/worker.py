"""The coding worker: a separate process that loads the spaCy model once and then codes one
posted text per job, so that the server can kill it when a job runs past its time limit
(a thread running spaCy cannot be stopped) and its memory is given back when it goes.

The conversation over the pipe, each message a tuple:
  worker → ("ready", pid) once the model is loaded, or ("failed", reason) and exit;
  server → ("extract", TextIn) → ("record", record JSON) | ("rejected", stage, reason);
  server → ("ingest", TextIn) → ("seen?", text) ← bool → ("duplicate", document id)
                                 | ("coded", Record | Rejection);
  any job may answer ("error", reason) when the code itself failed.
"""

from __future__ import annotations

import os
import signal
from multiprocessing.connection import Connection
from typing import Any

from conflictcoder.api.schemas import TextIn
from conflictcoder.config import Config
from conflictcoder.errors import ConflictcoderError
from conflictcoder.records import RawInput


def serve(conn: Connection, config: Config) -> None:
    """The worker's whole life: load, announce, then answer jobs until the pipe closes."""
    # Ctrl-C in the server's terminal reaches us too; the server stops us itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from conflictcoder.nlp.pipeline import load_nlp

        load_nlp(config)
    except Exception as exc:  # a missing model or gazetteer: the server says why
        _send(conn, ("failed", f"{type(exc).__name__}: {exc}"))
        return
    if not _send(conn, ("ready", os.getpid())):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server closed the pipe or went away
            return
        try:
            answer = _answer(conn, job, config)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a bug must not take the worker (and its model) down
            answer = ("error", f"{type(exc).__name__}: {exc}")
        if not _send(conn, answer):
            return


def _send(conn: Connection, message: tuple[Any, ...]) -> bool:
    try:
        conn.send(message)
    except (BrokenPipeError, OSError):
        return False
    return True


def _answer(conn: Connection, job: tuple[Any, ...], config: Config) -> tuple[Any, ...]:
    from conflictcoder.extract import extract_document
    from conflictcoder.ingest.document import build_document
    from conflictcoder.records import Rejection
    from conflictcoder.serialize import record_json

    kind, body = job
    raw = raw_input(body)
    try:
        document = build_document(raw, config)  # refusals cost no spaCy
        if kind == "ingest":
            conn.send(("seen?", document.text))
            if conn.recv():
                return ("duplicate", document.id)
            return ("coded", extract_document(document, config))
        return ("record", record_json(extract_document(document, config)))
    except ConflictcoderError as exc:
        if kind == "ingest":
            return ("coded", Rejection(raw.id, raw.path, exc.stage, str(exc)))
        return ("rejected", exc.stage, str(exc))


def raw_input(body: TextIn) -> RawInput:
    """The posted text as an input like any other (HTML when it looks like a page)."""
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
