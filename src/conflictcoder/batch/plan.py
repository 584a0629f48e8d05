"""Cut the inputs into partitions: deterministic ids, small locators, content hashes.

A partition names where its documents are (a byte range of a JSON Lines file, a row range
of a Parquet file, a list of text/HTML files), never the texts themselves: the driver stays
small and a worker reads its own partition. Each input source (one JSONL or Parquet file,
the text files of one folder) is cut into consecutive chunks of ``size`` documents, so the
same inputs give the same partitions on every run; a changed document changes only its
partition's content hash, and an added source only adds partitions.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from conflictcoder import __version__
from conflictcoder.batch.cells import as_str, cells
from conflictcoder.config import Config
from conflictcoder.errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
META_SUFFIX = ".meta.json"
# Parquet inputs: "text" is required; these are read when present; others go to meta.
PARQUET_COLUMNS = ("id", "text", "url", "published", "title")


@dataclass(frozen=True)
class Partition:
    """One unit of work: where its documents are and what they hash to.

    kind ``jsonl``: bytes [start, stop) of ``path``, whose first line is ``first_line``;
    ``parquet``: rows [start, stop) of ``path``; ``files``: the paths in ``files``;
    ``invalid``: an input that cannot be read at all, coded as one rejection (``reason``).
    """

    id: str
    source: str
    chunk: int
    kind: str
    path: str
    documents: int
    content_hash: str
    start: int = 0
    stop: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()
    reason: str = ""


def plan_partitions(inputs: Sequence[str], size: int, config: Config) -> list[Partition]:
    """Every partition of ``inputs`` in input order, ``size`` documents each at most.

    Folders give their regular files sorted by name (no hidden files, no ``*.meta.json``
    sidecars, no recursion), like ``conflictcoder extract``; a ``.jsonl``/``.ndjson`` or
    ``.parquet`` file (given, or in a folder) is a source of its own. Loose text files are
    grouped by folder. Unreadable inputs become ``invalid`` or ``files`` partitions that
    the worker turns into rejections; nothing here raises for bad input.
    """
    if size <= 0:
        raise InputError("--partition-size must be positive", stage="usage")
    salt = _salt(config)
    parts: list[Partition] = []
    loose: dict[str, list[str]] = {}
    for given in inputs:
        if given == "-":
            raise InputError(
                "batch reads files, not standard input; save it to a .jsonl file first",
                stage="usage",
            )
        if os.path.isdir(given):
            files = []
            for child in _directory_files(given):
                if _is_source_file(child):
                    parts.extend(_source_partitions(child, size, config, salt))
                else:
                    files.append(child)
            parts.extend(_file_partitions(f"dir:{_abs(given)}", files, size, config, salt))
        elif _is_source_file(given):
            parts.extend(_source_partitions(given, size, config, salt))
        else:
            loose.setdefault(_abs(os.path.dirname(given) or "."), []).append(given)
    for folder, files in loose.items():
        unique = list(dict.fromkeys(files))
        parts.extend(_file_partitions(f"files:{folder}", unique, size, config, salt))
    # An input given twice (or a file also inside a given folder's source) is planned once.
    return list({p.id: p for p in parts}.values())


def _salt(config: Config) -> bytes:
    # What else decides the output: a new version or other settings re-run every partition.
    settings = (__version__, config.max_bytes, config.min_population, config.languages)
    return repr((settings, str(config.user_data_dir or ""))).encode("utf-8")


def _abs(path: str) -> str:
    return str(Path(path).resolve())


def partition_id(kind: str, source: str, chunk: int) -> str:
    """``<kind>-<10 hex of the source>-<chunk>``: the file name of its outputs."""
    tag = hashlib.sha256(source.encode("utf-8")).hexdigest()[:10]
    return f"{kind}-{tag}-{chunk:05d}"


def _is_source_file(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES) and os.path.isfile(path)


def _directory_files(directory: str) -> list[str]:
    # The same choice as conflictcoder.ingest.sources: sorted, no hidden files or sidecars.
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return [directory]  # the worker turns it into a clear rejection
    return [
        os.path.join(directory, e.name)
        for e in entries
        if not e.name.startswith(".") and not e.name.endswith(META_SUFFIX) and e.is_file()
    ]


def _source_partitions(path: str, size: int, config: Config, salt: bytes) -> list[Partition]:
    if path.lower().endswith(JSONL_SUFFIXES):
        return list(_jsonl_partitions(path, size, config, salt))
    return list(_parquet_partitions(path, size, salt))


def _invalid(kind: str, path: str, reason: str, salt: bytes) -> Partition:
    source = f"{kind}:{_abs(path)}"
    digest = hashlib.sha256(salt + b"\0invalid\0" + reason.encode("utf-8")).hexdigest()
    return Partition(
        id=partition_id(kind, source, 0),
        source=source,
        chunk=0,
        kind="invalid",
        path=path,
        documents=1,
        content_hash=digest,
        reason=reason,
    )


def _jsonl_partitions(path: str, size: int, config: Config, salt: bytes) -> Iterator[Partition]:
    source = f"jsonl:{_abs(path)}"
    try:
        handle = open(path, "rb")  # noqa: SIM115 — read line by line below
    except OSError as exc:
        yield _invalid("jsonl", path, f"{path} cannot be read ({exc.strerror})", salt)
        return
    with handle:
        chunk, start, offset, line_no, first_line, count = 0, 0, 0, 0, 1, 0
        digest = hashlib.sha256(salt)
        for line in handle:
            line_no += 1
            if count == 0:
                start, first_line = offset, line_no
                digest = hashlib.sha256(salt)
            offset += len(line)
            if not line.strip():
                continue
            digest.update(line.rstrip(b"\r\n") + b"\n")
            count += 1
            if count == size:
                yield _range_part(
                    path, source, chunk, "jsonl", (start, offset), first_line, count, digest
                )
                chunk, count = chunk + 1, 0
        if count:
            yield _range_part(
                path, source, chunk, "jsonl", (start, offset), first_line, count, digest
            )


def _range_part(
    path: str,
    source: str,
    chunk: int,
    kind: str,
    span: tuple[int, int],
    first_line: int,
    count: int,
    digest: hashlib._Hash,
) -> Partition:
    return Partition(
        id=partition_id(kind, source, chunk),
        source=source,
        chunk=chunk,
        kind=kind,
        path=path,
        documents=count,
        content_hash=digest.hexdigest(),
        start=span[0],
        stop=span[1],
        first_line=first_line,
    )


def parquet_columns(schema: pa.Schema) -> list[str]:
    """The columns of a Parquet input that are read: ours first, then the others (meta)."""
    names = list(schema.names)
    return [c for c in PARQUET_COLUMNS if c in names] + sorted(
        c for c in names if c not in PARQUET_COLUMNS
    )


def _parquet_partitions(path: str, size: int, salt: bytes) -> Iterator[Partition]:
    source = f"parquet:{_abs(path)}"
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        reason = f"{path} is not a readable Parquet file ({str(exc).splitlines()[0]})"
        yield _invalid("parquet", path, reason, salt)
        return
    if "text" not in parquet.schema_arrow.names:
        names = ", ".join(parquet.schema_arrow.names) or "none"
        reason = f'{path} has no "text" column (columns: {names}); give id and text columns'
        yield _invalid("parquet", path, reason, salt)
        return
    columns = parquet_columns(parquet.schema_arrow)
    chunk, row, count, start = 0, 0, 0, 0
    digest = hashlib.sha256(salt)
    for batch in parquet.iter_batches(batch_size=max(size, 1024), columns=columns):
        for values in zip(*(cells(batch.column(c)) for c in columns), strict=True):
            if count == 0:
                start, digest = row, hashlib.sha256(salt)
            # Valid text hashes as before; invalid bytes as surrogate escapes, passed through.
            line = json.dumps([as_str(v) for v in values], default=str, ensure_ascii=False)
            digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
            row, count = row + 1, count + 1
            if count == size:
                yield _range_part(path, source, chunk, "parquet", (start, row), 0, count, digest)
                chunk, count = chunk + 1, 0
    if count:
        yield _range_part(path, source, chunk, "parquet", (start, row), 0, count, digest)


def _file_partitions(
    source: str, files: list[str], size: int, config: Config, salt: bytes
) -> Iterator[Partition]:
    for chunk, first in enumerate(range(0, len(files), size)):
        group = tuple(files[first : first + size])
        digest = hashlib.sha256(salt)
        for path in group:
            digest.update(_file_digest(path, config.max_bytes) + b"\n")
        yield Partition(
            id=partition_id("files", source, chunk),
            source=source,
            chunk=chunk,
            kind="files",
            path="",
            documents=len(group),
            content_hash=digest.hexdigest(),
            files=group,
        )


def _file_digest(path: str, max_bytes: int) -> bytes:
    """The file's name, bytes (up to the size limit) and sidecar, hashed; never raises."""
    digest = hashlib.sha256(path.encode("utf-8") + b"\0")
    for name in (path, path + META_SUFFIX):
        try:
            with open(name, "rb") as handle:
                digest.update(handle.read(max_bytes + 1))
                digest.update(b"\0%d\0" % os.fstat(handle.fileno()).st_size)
        except OSError as exc:
            digest.update(f"\0unreadable {exc.errno}\0".encode())
    return digest.hexdigest().encode("ascii")
