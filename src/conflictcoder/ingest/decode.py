"""Bytes to text: refuse binaries, honour BOMs, UTF-8 first, then a guessed legacy charset
for the lines that are not UTF-8; lone surrogates become U+FFFD, and the text says so."""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
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
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


@dataclass(frozen=True)
class Decoded:
    """Decoded text and what decoding had to change to get it (one line each)."""

    text: str
    notes: tuple[str, ...] = ()


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each surrogate pair joined into its character and every lone surrogate
    (from a ``\\udca0`` escape, CESU-8 bytes or a mis-decoded file name) replaced by U+FFFD;
    and how many were replaced."""
    if _SURROGATE.search(text) is None:
        return text, 0
    joined = _SURROGATE_PAIR.sub(
        lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text
    )
    return _SURROGATE.subn("\ufffd", joined)


def surrogate_note(count: int) -> str:
    """The note a record carries when ``count`` lone surrogates were replaced."""
    return f"{count} lone surrogate{'' if count == 1 else 's'} replaced with U+FFFD"


def clean_surrogates(text: str, notes: list[str]) -> str:
    """``replace_surrogates``, adding its note to ``notes`` when anything was replaced."""
    text, count = replace_surrogates(text)
    if count:
        notes.append(surrogate_note(count))
    return text


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


def check_signatures(data: bytes, source: str) -> None:
    """Raise InputError when ``data`` opens like a known binary format (PDF, PNG, ZIP...)."""
    for name, offset, magic in _signatures():
        if data[offset : offset + len(magic)] == magic:
            raise _not_text(source, f"{name} signature at byte {offset}")


def _check_binary(data: bytes, source: str) -> None:
    check_signatures(data, source)
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


def _guess_encoding(data: bytes) -> str:
    """The legacy charset ``data`` is most likely in (Western guesses read as cp1252)."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_western(western):
        return "cp1252"
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding in _WESTERN:
        return "cp1252" if western is not None else "latin-1"
    return str(best.encoding)


def _utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 (surrogates encoded CESU-8 style let through), else None."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def _decode_mixed(data: bytes, notes: list[str]) -> str:
    """UTF-8 where a line is UTF-8; the other lines in the legacy charset guessed for them."""
    whole = _utf8(data)
    if whole is not None:
        return whole
    lines = data.split(b"\n")
    texts = [_utf8(line) for line in lines]
    bad = [number for number, text in enumerate(texts) if text is None]
    mixed = any(text is not None and not text.isascii() for text in texts)
    # A wholly legacy file is guessed from all of it, as before; a mixed one from its
    # legacy lines only (UTF-8 sequences would mislead the guess).
    encoding = _guess_encoding(b"\n".join(lines[n] for n in bad) if mixed else data)
    for number in bad:
        texts[number] = lines[number].decode(encoding, "replace")
    if mixed and bad:
        first = bad[0] + 1
        which = f"line {first} is" if len(bad) == 1 else f"{len(bad)} lines (from line {first}) are"
        notes.append(f"{which} not UTF-8; read as {encoding}")
    return "\n".join(t or "" for t in texts)


def decode_bytes(data: bytes, source: str) -> str:
    """The text of ``data`` (``decode_text`` without its notes)."""
    return decode_text(data, source).text


def decode_text(data: bytes, source: str) -> Decoded:
    """The text of ``data`` with newlines normalized to ``\\n``, and notes on what was changed.

    A BOM decides the encoding; otherwise UTF-8, and the lines that are not UTF-8 are read
    in charset-normalizer's guess (Western legacy guesses read as Windows-1252). Lone
    surrogates become U+FFFD. Raises InputError naming ``source`` for empty input, known
    binary formats, NUL bytes, and text that decodes to mostly control characters.
    """
    if not data.strip():
        raise InputError(f"{source} is empty; give a file that contains the report text")
    notes: list[str] = []
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding, "surrogatepass")
            except UnicodeDecodeError as exc:
                raise _not_text(source, f"invalid {encoding} at byte {exc.start}") from exc
            break
    if text is None:
        _check_binary(data, source)
        text = _decode_mixed(data, notes)
    text = clean_surrogates(text, notes)
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise _not_text(source, "mostly control characters")
    if "\x00" in text:
        raise _not_text(source, f"binary content at character {text.index(chr(0))}")
    return Decoded(normalize_newlines(text), tuple(notes))


def decode_line(line: bytes, where: str) -> Decoded:
    """One JSON Lines line's text: UTF-8, else its guessed legacy charset (noted); lone
    surrogates become U+FFFD. InputError naming ``where`` for a NUL byte."""
    nul = line.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"{where} holds a NUL byte (at byte {nul + 1}); that line is not text,"
            " the other lines are read"
        )
    notes: list[str] = []
    text = _utf8(line)
    if text is None:
        encoding = _guess_encoding(line)
        text = line.decode(encoding, "replace")
        notes.append(f"not UTF-8; read as {encoding}")
    return Decoded(clean_surrogates(text, notes), tuple(notes))


def split_jsonl(data: bytes, source: str, first_line: int = 1) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of every non-blank line of JSON Lines ``data``; a UTF-8 BOM
    at the start is dropped. InputError for a known binary format (a zipped file)."""
    check_signatures(data, source)
    if first_line == 1 and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for number, line in enumerate(data.split(b"\n"), start=first_line):
        if line.strip():
            yield number, line[:-1] if line.endswith(b"\r") else line


def has_unicode_bom(data: bytes) -> bool:
    """True when ``data`` opens with a UTF-16 or UTF-32 byte order mark."""
    return any(data.startswith(bom) and enc != "utf-8" for bom, enc in _BOMS)


def read_path(path: str | os.PathLike[str], config: Config) -> bytes:
    """The bytes of the file at ``path``, at most ``config.max_bytes`` of them.

    The size is checked before the file is read, and the read itself is bounded, so a huge
    file never sits in memory. Missing files, directories, permission problems and files
    over the limit raise InputError with one line saying what to do.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name} is a directory; give a file, or pass the directory to read")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{name} is not a regular file (a pipe, socket or device); save it to a file,"
                " or pipe it to '-'"
            )
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
