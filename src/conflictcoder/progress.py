"""A progress bar on stderr for long one-off work (the gazetteer build, a GeoNames import).

It draws only when stderr is a terminal; in pipes, logs and tests it prints nothing.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO


class ProgressBar:
    """A ``Progress`` callback ``(stage, done, total)`` drawing one tqdm bar per stage."""

    def __init__(self, prefix: str = "", stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._on = self._stream.isatty()
        self._prefix = prefix
        self._bar: Any = None
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._on:
            return
        if stage != self._stage:
            self.close()
            self._stage = stage
            from tqdm import tqdm  # type: ignore[import-untyped]

            self._bar = tqdm(
                total=total,
                desc=f"{self._prefix}{stage}",
                unit_scale=True,
                leave=False,
                file=self._stream,
            )
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        self._stage = ""

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
