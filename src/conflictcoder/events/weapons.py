"""Weapons named in a sentence ("mortars", "a drone", "small arms"), from ``weapons.tsv``."""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.tokens import Span as SpacySpan

from conflictcoder.events.lexicon import WeaponTerm, weapons
from conflictcoder.events.matcher import LemmaMatcher
from conflictcoder.records import Span


@functools.cache
def _matcher(user_dir: Path | None) -> LemmaMatcher[WeaponTerm]:
    return LemmaMatcher((w.pattern, "NOUN", w) for w in weapons(user_dir))


def find_weapons(
    sent: SpacySpan, offset: int, user_dir: Path | None = None
) -> list[tuple[str, str | None, Span]]:
    """(normalized weapon, category it implies or None, span) for each weapon mention."""
    found = []
    for match in _matcher(user_dir).find(sent):
        first, last = sent.doc[match.start], sent.doc[match.end - 1]
        start = offset + first.idx
        end = offset + last.idx + len(last.text)
        text = sent.doc[match.start : match.end].text  # Doc.text would rebuild the whole text
        found.append((match.entry.weapon, match.entry.category, Span(start, end, text)))
    return found
