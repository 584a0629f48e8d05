"""Where inputs come from: files, directories, JSON Lines, standard input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from conflictcoder.config import DATA_DIR, Config
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import InputError
from conflictcoder.ingest.decode import (
    decode_line,
    decode_text,
    has_unicode_bom,
    read_path,
    read_stdin,
    read_stream,
    replace_surrogates,
    split_jsonl,
    surrogate_note,
)
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
    regular files sorted by name (``list_directory``); ``.jsonl``/``.ndjson`` gives one
    input per non-blank line, each line decoded by itself. Nothing here raises for bad
    input: unreadable paths, undecodable bytes and malformed lines become Rejections
    (stage ``ingest``) and the iteration goes on.
    """
    for given in paths:
        if given == STDIN:
            yield from _from_stdin(config, stdin)
        elif os.path.isdir(given):
            try:
                children = list_directory(given)[0]
            except InputError as exc:
                yield Rejection(id=None, path=given, stage=exc.stage, reason=str(exc))
                continue
            for child in children:
                yield from _from_file(child, config)
        else:
            yield from _from_file(given, config)


@functools.cache
def _not_report_stems() -> frozenset[str]:
    rows = read_tsv(DATA_DIR / "not_reports.tsv", ("stem",), required=True)
    return frozenset(row["stem"].lower() for _, row in rows)


def is_not_report(name: str) -> bool:
    """True for README, LICENSE, CHANGELOG-like names (``data/not_reports.tsv``)."""
    return name.split(".", 1)[0].lower() in _not_report_stems()


def list_directory(directory: str) -> tuple[list[str], list[str]]:
    """(files to read, names skipped as not reports) of ``directory``, both sorted by name.

    Hidden files, ``*.meta.json`` sidecars and anything but regular files are left out
    silently. InputError with one line when the folder cannot be listed.
    """
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except PermissionError as exc:
        raise InputError(
            f"{directory} cannot be listed (permission denied); check its mode"
        ) from exc
    except OSError as exc:
        raise InputError(f"{directory} cannot be listed ({exc.strerror or exc})") from exc
    files, skipped = [], []
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith(_META_SUFFIX):
            continue
        try:
            regular = entry.is_file()
        except OSError:
            regular = True  # read_path says what is wrong with it
        if not regular:
            continue
        if is_not_report(entry.name):
            skipped.append(entry.name)
        else:
            files.append(os.path.join(directory, entry.name))
    return files, skipped


def skipped_note(paths: Sequence[str]) -> str | None:
    """One line naming the README/LICENSE-like files that the folders in ``paths`` hold
    and that are skipped, or None when there are none."""
    names: list[str] = []
    for given in paths:
        if given != STDIN and os.path.isdir(given):
            try:
                names += [os.path.join(given, n) for n in list_directory(given)[1]]
            except InputError:
                continue
    if not names:
        return None
    count = f"{len(names)} file{'' if len(names) == 1 else 's'}"
    return f"skipped {count} that are not reports: {', '.join(names)}"


def _from_stdin(config: Config, stdin: BinaryIO | None) -> Iterator[RawInput | Rejection]:
    try:
        data = read_stream(stdin, "<stdin>", config) if stdin else read_stdin(config)
        if not has_unicode_bom(data) and _is_jsonl(data):
            yield from _jsonl_bytes(data, "<stdin>", STDIN)
            return
        decoded = decode_text(data, "<stdin>")
    except InputError as exc:
        yield Rejection(id=None, path=STDIN, stage=exc.stage, reason=str(exc))
        return
    text = decoded.text
    if _is_jsonl_text(text):
        yield from _jsonl_inputs(text, STDIN)
    else:
        kind = "html" if looks_like_html(text) else "text"
        yield RawInput(path=STDIN, text=text, kind=kind, notes=decoded.notes)


def _is_jsonl(data: bytes) -> bool:
    # Standard input has no suffix: JSON Lines when the first non-blank line is a JSON object.
    first = next((line for line in data.split(b"\n") if line.strip()), b"")
    if not first.lstrip().startswith(b"{"):
        return False
    try:
        return _is_jsonl_text(decode_line(first, "<stdin> line 1").text)
    except InputError:
        return False


def _is_jsonl_text(text: str) -> bool:
    first = next((line for line in text.split("\n") if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _from_file(path: str, config: Config) -> Iterator[RawInput | Rejection]:
    lower = path.lower()
    try:
        data = read_path(path, config)
        if lower.endswith(_JSONL_SUFFIXES) and not has_unicode_bom(data):
            if not data.strip():
                raise InputError(f"{path} is empty; give a file with one JSON object a line")
            yield from _jsonl_bytes(data, path, path)
            return
        decoded = decode_text(data, path)
    except InputError as exc:
        yield Rejection(id=None, path=path, stage=exc.stage, reason=str(exc))
        return
    text = decoded.text
    if lower.endswith(_JSONL_SUFFIXES):
        yield from _jsonl_inputs(text, path)
        return
    kind = "html" if lower.endswith(_HTML_SUFFIXES) or looks_like_html(text) else "text"
    title, published, meta = _sidecar(path)
    yield RawInput(
        path=path,
        text=text,
        kind=kind,
        title=title,
        published=published,
        meta=meta,
        notes=decoded.notes,
    )


def _jsonl_bytes(data: bytes, source: str, path: str) -> Iterator[RawInput | Rejection]:
    """Each line of JSON Lines ``data`` decoded by itself: one bad line is one rejection."""
    for number, line in split_jsonl(data, source):
        yield jsonl_line_bytes(line, number, source, path)


def jsonl_line_bytes(line: bytes, number: int, source: str, path: str) -> RawInput | Rejection:
    """One JSON Lines line's bytes to an input (``source`` names the file in reasons)."""
    where = f"{source} line {number}"
    try:
        decoded = decode_line(line, where)
    except InputError as exc:
        return Rejection(None, path, exc.stage, str(exc))
    notes = tuple(f"{where}: {note}" if note.startswith("not ") else note for note in decoded.notes)
    return _jsonl_line(decoded.text, number, path, notes=notes)


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


def _clean_json(value: Any) -> tuple[Any, int]:
    """``value`` (parsed JSON) with lone surrogates in every string replaced; the count."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, list):
        pairs = [_clean_json(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        out, total = {}, 0
        for key, item in value.items():
            clean_key, n = replace_surrogates(key)
            out[clean_key], m = _clean_json(item)
            total += n + m
        return out, total
    return value, 0


def _jsonl_line(
    line: str, number: int, path: str, notes: tuple[str, ...] = ()
) -> RawInput | Rejection:
    where = f"{path} line {number}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(None, path, "ingest", f"{where} is not valid JSON ({exc.msg})")
    except RecursionError:
        return Rejection(None, path, "ingest", f"{where} is JSON nested too deeply to read")
    if not isinstance(obj, dict):
        return Rejection(None, path, "ingest", f"{where} is not a JSON object")
    obj, replaced = _clean_json(obj)
    if replaced:
        notes = (*notes, surrogate_note(replaced))
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
        notes=notes,
    )


def clean_input(raw: RawInput) -> RawInput:
    """``raw`` with lone surrogates in its text, title, id, URL, path and metadata replaced
    by U+FFFD, and a note saying how many (for inputs that did not come through a reader
    here: API bodies, feed entries, table rows). ``raw`` itself when there are none."""
    total = 0

    def clean(value: str) -> str:
        nonlocal total
        text, count = replace_surrogates(value)
        total += count
        return text

    def maybe(value: str | None) -> str | None:
        return None if value is None else clean(value)

    text, title, doc_id = clean(raw.text), maybe(raw.title), maybe(raw.id)
    url, path = maybe(raw.url), maybe(raw.path)
    meta = tuple((clean(key), clean(value)) for key, value in raw.meta)
    if not total:
        return raw
    notes = (*raw.notes, surrogate_note(total))
    return dataclasses.replace(
        raw, text=text, title=title, id=doc_id, url=url, path=path, meta=meta, notes=notes
    )
