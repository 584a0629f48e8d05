"""Where inputs come from: files, directories, JSON Lines, standard input."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.ingest.decode import decode_bytes, read_path, read_stdin, read_stream
from conflictcoder.records import RawInput, Rejection

STDIN = "-"
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_META_SUFFIX = ".meta.json"
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_INSIDE = re.compile(r"<(?:html|body)\b[^>]*>", re.IGNORECASE)
_KNOWN_KEYS = frozenset({"id", "text", "html", "url", "published", "title", "path"})


def looks_like_html(text: str) -> bool:
    """True when the text opens like an HTML page or has an <html>/<body> tag early on."""
    head = text[:4096]
    return bool(_HTML_START.match(head) or _HTML_INSIDE.search(head))


def iter_inputs(
    paths: Sequence[str], config: Config, stdin: BinaryIO | None = None
) -> Iterator[RawInput | Rejection]:
    """One RawInput per document, or a Rejection in its place, in input order.

    ``-`` reads ``stdin`` (default: the process's standard input); a directory gives its
    regular files sorted by name, skipping hidden files and ``*.meta.json`` sidecars;
    ``.jsonl``/``.ndjson`` gives one input per non-blank line. Nothing here raises for bad
    input: unreadable paths, undecodable bytes and malformed lines become Rejections
    (stage ``ingest``) and the iteration goes on.
    """
    for given in paths:
        if given == STDIN:
            yield from _from_stdin(config, stdin)
        elif os.path.isdir(given):
            for child in _directory_files(given):
                yield from _from_file(child, config)
        else:
            yield from _from_file(given, config)


def _directory_files(directory: str) -> list[str]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return [directory]  # read_path turns it into a clear rejection
    return [
        os.path.join(directory, e.name)
        for e in entries
        if not e.name.startswith(".") and not e.name.endswith(_META_SUFFIX) and e.is_file()
    ]


def _from_stdin(config: Config, stdin: BinaryIO | None) -> Iterator[RawInput | Rejection]:
    try:
        data = read_stream(stdin, "<stdin>", config) if stdin else read_stdin(config)
        text = decode_bytes(data, "<stdin>")
    except InputError as exc:
        yield Rejection(id=None, path=STDIN, stage=exc.stage, reason=str(exc))
        return
    if _is_jsonl(text):
        yield from _jsonl_inputs(text, STDIN)
    else:
        yield RawInput(path=STDIN, text=text, kind="html" if looks_like_html(text) else "text")


def _is_jsonl(text: str) -> bool:
    # Standard input has no suffix: JSON Lines when the first non-blank line is a JSON object.
    first = next((line for line in text.split("\n") if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _from_file(path: str, config: Config) -> Iterator[RawInput | Rejection]:
    try:
        text = decode_bytes(read_path(path, config), path)
    except InputError as exc:
        yield Rejection(id=None, path=path, stage=exc.stage, reason=str(exc))
        return
    lower = path.lower()
    if lower.endswith(_JSONL_SUFFIXES):
        yield from _jsonl_inputs(text, path)
        return
    kind = "html" if lower.endswith(_HTML_SUFFIXES) or looks_like_html(text) else "text"
    title, published, meta = _sidecar(path)
    yield RawInput(path=path, text=text, kind=kind, title=title, published=published, meta=meta)


def _sidecar(path: str) -> tuple[str | None, dt.date | None, tuple[tuple[str, str], ...]]:
    """Title, published date and other keys of ``<path>.meta.json``, when there is one."""
    meta_path = Path(path + _META_SUFFIX)
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None, None, ()  # no sidecar, or one we cannot use: metadata is optional
    if not isinstance(data, dict):
        return None, None, ()
    title = data.get("title")
    return (
        title.strip() or None if isinstance(title, str) else None,
        parse_iso_date(data.get("published")),
        _meta_pairs(data, frozenset({"title", "published"})),
    )


def parse_iso_date(value: object) -> dt.date | None:
    """The date of an ISO string (``2022-09-13``, ``2022-09-13T10:15:00Z``), else None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _meta_pairs(data: dict[str, Any], skip: frozenset[str]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for key in sorted(data):
        if key in skip or data[key] is None:
            continue
        value = data[key]
        text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        pairs.append((str(key), text))
    return tuple(pairs)


def _jsonl_inputs(text: str, path: str) -> Iterator[RawInput | Rejection]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_line(line, number, path)


def _jsonl_line(line: str, number: int, path: str) -> RawInput | Rejection:
    where = f"{path} line {number}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(None, path, "ingest", f"{where} is not valid JSON ({exc.msg})")
    except RecursionError:
        return Rejection(None, path, "ingest", f"{where} is JSON nested too deeply to read")
    if not isinstance(obj, dict):
        return Rejection(None, path, "ingest", f"{where} is not a JSON object")
    raw_id = obj.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else None
    body, kind = obj.get("text"), "text"
    if not isinstance(body, str) or not body.strip():
        body, kind = obj.get("html"), "html"
    if not isinstance(body, str) or not body.strip():
        reason = f'{where} has no "text" (or "html") string; give each line its report text'
        return Rejection(doc_id, path, "ingest", reason)
    url, title = obj.get("url"), obj.get("title")
    return RawInput(
        path=path,
        text=body.replace("\r\n", "\n").replace("\r", "\n"),
        kind=kind,
        id=doc_id,
        url=url if isinstance(url, str) and url.strip() else None,
        published=parse_iso_date(obj.get("published")),
        title=title.strip() or None if isinstance(title, str) else None,
        meta=_meta_pairs(obj, _KNOWN_KEYS),
    )
