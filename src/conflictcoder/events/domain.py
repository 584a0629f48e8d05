"""What a document or sentence is about: a sports report or a military drill is no war.

Word lists are data (data/domain_cues.tsv). A sports report ("his side beat Ukraine 3-0",
"a superb strike") keeps no violent event unless the sentence counts dead or hurt; a drill
("the frigate's shells sank the target hulk in the exercise", or any shelling in a report
about a drill) is not an attack.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

CUES_FILE = DATA_DIR / "domain_cues.tsv"
DOMAINS = frozenset({"sports", "conflict", "exercise"})
# A sports document: at least this many sports words, more than twice its conflict words.
_SPORTS_MIN = 4
_SPORTS_RATIO = 2
# A drill report: at least this many exercise words, more than its conflict words.
_EXERCISE_MIN = 3
_WORD = re.compile(r"[a-z][a-z-]*")


@cache
def _cues() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {d: set() for d in DOMAINS}
    for line, row in read_tsv(CUES_FILE, ("word", "domain"), required=True):
        if row["domain"] not in DOMAINS:
            raise DataError(f"{CUES_FILE}:{line}: domain must be one of {sorted(DOMAINS)}")
        found[row["domain"]].add(row["word"].lower())
    return {d: frozenset(words) for d, words in found.items()}


@cache
def _phrases(domain: str) -> re.Pattern[str]:
    words = sorted(_cues()[domain], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def domain_counts(text: str) -> Counter[str]:
    """How many words of each domain the text holds (lower-cased, whole words; exercise
    words may be phrases such as "war games")."""
    lowered = text.lower()
    counts: Counter[str] = Counter()
    cues = _cues()
    for word in _WORD.findall(lowered):
        for domain in ("sports", "conflict"):
            if word in cues[domain]:
                counts[domain] += 1
    counts["exercise"] = len(_phrases("exercise").findall(lowered))
    return counts


def _sports(counts: Counter[str]) -> bool:
    return counts["sports"] >= _SPORTS_MIN and counts["sports"] > _SPORTS_RATIO * counts["conflict"]


def _drill(counts: Counter[str]) -> bool:
    return counts["exercise"] >= _EXERCISE_MIN and counts["exercise"] > counts["conflict"]


def is_sports_report(text: str) -> bool:
    """True when sports words dominate the text: a match, race or season report."""
    return _sports(domain_counts(text))


def is_exercise_report(text: str) -> bool:
    """True when the text is about a drill: several exercise words, outnumbering its
    conflict words (a sinking exercise, war games), so its "shells" hit no enemy."""
    return _drill(domain_counts(text))


def is_not_war_report(text: str) -> bool:
    """``is_sports_report or is_exercise_report``, the text read once."""
    counts = domain_counts(text)
    return _sports(counts) or _drill(counts)


def mentions_exercise(sentence: str) -> bool:
    """True when the sentence speaks of a drill or exercise ("war games", "live-fire")."""
    return _phrases("exercise").search(sentence.lower()) is not None
