"""Bytes to text: refuse binaries, honour BOMs, UTF-8 first, then a guessed legacy charset."""

from __future__ import annotations

import codecs
import functools
import os
import re
import sys
from typing import BinaryIO

import charset_normalizer

from conflictcoder.config import DATA_DIR, Config
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError, InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy Western guesses are read as Windows-1252 (a superset of Latin-1), as browsers do.
_WESTERN = frozenset(
    {"latin_1", "iso8859_15", "cp1252", "cp1250", "iso8859_2", "mac_roman", "cp850", "cp437"}
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")
_C1 = re.compile(r"[\x80-\x9f]")


@functools.cache
def _signatures() -> tuple[tuple[str, int, bytes], ...]:
    out = []
    path = DATA_DIR / "file_signatures.tsv"
    for number, row in read_tsv(path, ("format", "offset", "hex"), required=True):
        try:
            out.append((row["format"], int(row["offset"]), bytes.fromhex(row["hex"])))
        except ValueError as exc:
            raise DataError(f"{path}:{number}: bad offset or hex ({exc})") from exc
    return tuple(out)


def _not_text(source: str, why: str) -> InputError:
    return InputError(f"{source} is not text ({why}); convert it to text or HTML first")


def _check_binary(data: bytes, source: str) -> None:
    for name, offset, magic in _signatures():
        if data[offset : offset + len(magic)] == magic:
            raise _not_text(source, f"{name} signature at byte {offset}")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _not_text(source, f"binary content at byte {nul}")


def normalize_newlines(text: str) -> str:
    """``text`` with every CR LF and lone CR turned into LF (offsets index this form)."""
    return _NEWLINES.sub("\n", text)


def _looks_western(text: str) -> bool:
    # Western prose has few non-ASCII letters; Cyrillic or Greek read as cp1252 is mostly them.
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    foreign = sum(1 for c in letters if ord(c) > 0x7F)
    return foreign <= 0.3 * len(letters) and not _C1.search(text)


def _guess(data: bytes) -> str:
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_western(western):
        return western
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding in _WESTERN:
        return western if western is not None else data.decode("latin-1")
    return str(best)


def decode_bytes(data: bytes, source: str) -> str:
    """The text of ``data`` with newlines normalized to ``\\n``.

    A BOM decides the encoding; otherwise UTF-8, then charset-normalizer's guess (Western
    legacy guesses read as Windows-1252). Raises InputError naming ``source`` for empty
    input, known binary formats, NUL bytes, and text that decodes to mostly control
    characters.
    """
    if not data.strip():
        raise InputError(f"{source} is empty; give a file that contains the report text")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _not_text(source, f"invalid {encoding} at byte {exc.start}") from exc
            break
    if text is None:
        _check_binary(data, source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _guess(data)
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise _not_text(source, "mostly control characters")
    if "\x00" in text:
        raise _not_text(source, f"binary content at character {text.index(chr(0))}")
    return normalize_newlines(text)


def read_path(path: str | os.PathLike[str], config: Config) -> bytes:
    """The bytes of the file at ``path``, at most ``config.max_bytes`` of them.

    The size is checked before the file is read, and the read itself is bounded, so a huge
    file never sits in memory. Missing files, directories, permission problems and files
    over the limit raise InputError with one line saying what to do.
    """
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
        if os.path.isdir(name):
            raise InputError(f"{name} is a directory; give a file, or pass the directory to read")
        if size > config.max_bytes:
            raise _too_big(name, size, config)
        with open(name, "rb") as handle:
            return _read_bounded(handle, name, config, size_hint=size)
    except FileNotFoundError as exc:
        raise InputError(f"{name} does not exist; check the path") from exc
    except PermissionError as exc:
        raise InputError(f"{name} cannot be read (permission denied); check its mode") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name} is a directory; give a file") from exc
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror or exc})") from exc


def read_stream(stream: BinaryIO, name: str, config: Config) -> bytes:
    """At most ``config.max_bytes`` bytes of ``stream`` (InputError when it holds more)."""
    try:
        return _read_bounded(stream, name, config)
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror or exc})") from exc


def read_stdin(config: Config) -> bytes:
    """Standard input's bytes, bounded like a file."""
    return read_stream(sys.stdin.buffer, "<stdin>", config)


def _read_bounded(
    stream: BinaryIO, name: str, config: Config, size_hint: int | None = None
) -> bytes:
    # One byte past the limit tells "exactly at the limit" from "over it" (a growing file).
    wanted = config.max_bytes if size_hint is None else min(size_hint, config.max_bytes)
    data = stream.read(wanted + 1)
    if size_hint is not None and len(data) > wanted and wanted < config.max_bytes:
        data += stream.read(config.max_bytes - len(data) + 1)
    if len(data) > config.max_bytes:
        raise _too_big(name, None, config)
    return data


def _too_big(name: str, size: int | None, config: Config) -> InputError:
    has = f"{size:,} bytes" if size is not None else "more bytes"
    return InputError(
        f"{name} is too large ({has}; the limit is {config.max_bytes:,}); split it, or raise"
        " the limit with --max-bytes or CONFLICTCODER_MAX_BYTES"
    )
