"""One small error hierarchy; the CLI prints these as one line, without a traceback."""

from __future__ import annotations


class ConflictcoderError(Exception):
    """Base class for every error the library raises on purpose."""

    stage = "extract"


class InputError(ConflictcoderError):
    """The input could not be read or is not a document we can code."""

    def __init__(self, message: str, *, stage: str = "ingest") -> None:
        super().__init__(message)
        self.stage = stage


class ResolveError(ConflictcoderError):
    """A place, date or actor could not be resolved where one was required."""

    stage = "resolve"


class StoreError(ConflictcoderError):
    """The event store could not be opened, read or written."""

    stage = "store"


class DataError(ConflictcoderError):
    """A packaged or user data file is malformed."""

    stage = "data"
