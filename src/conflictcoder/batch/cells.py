"""Parquet column values as Python objects without pyarrow's all-or-nothing UTF-8 check.

A file written by another tool may hold bytes that are not UTF-8 in a column typed as text;
pyarrow then refuses the whole column. Text columns are read as bytes instead (``Text``),
to be decoded like any other input, and a nested cell that still cannot be read becomes
``UNREADABLE`` so that only its row is lost.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa


class Text(bytes):
    """The bytes of a cell in a column the file types as text (UTF-8 by the format)."""


class _Unreadable:
    """A cell pyarrow cannot turn into Python (invalid UTF-8 inside a nested column)."""

    def __repr__(self) -> str:  # stable, as the planner hashes it
        return "<unreadable>"


UNREADABLE = _Unreadable()


def cells(column: pa.Array | pa.ChunkedArray) -> list[Any]:
    """The column's values in row order: ``Text`` for a text column's cells, ``UNREADABLE``
    for a nested cell holding invalid UTF-8, the Python value otherwise."""
    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or _is_string_view(kind):
        as_bytes = column.cast(pa.large_binary()).to_pylist()  # a view: nothing is checked
        return [None if value is None else Text(value) for value in as_bytes]
    try:
        values: list[Any] = column.to_pylist()
    except UnicodeDecodeError:  # e.g. list<string>: cell by cell, the bad ones marked
        return [_cell(column, index) for index in range(len(column))]
    return values


def as_str(value: Any) -> Any:
    """``value`` with ``Text`` as str (invalid bytes kept as surrogate escapes), for hashing."""
    return value.decode("utf-8", "surrogateescape") if isinstance(value, Text) else value


def _cell(column: pa.Array | pa.ChunkedArray, index: int) -> Any:
    try:
        return column[index].as_py()
    except UnicodeDecodeError:
        return UNREADABLE


def _is_string_view(kind: pa.DataType) -> bool:
    check = getattr(pa.types, "is_string_view", None)
    return bool(check is not None and check(kind))
