"""Who speaks: the body whose statement the text is, when its opening says so.

Only the opening counts: title lines such as "Statement by the Ministry of Defence of X",
and the first two sentences of the first paragraph (after any dateline), where a body must
open the sentence and make a statement ("The Ministry of Foreign Affairs of X published a
statement", "X's Foreign Ministry said in a statement", "In a statement, the Y army said",
"the press service of the Z Defence Ministry said", "The Ministry of Defence of X reports").
A news story that quotes a ministry further down has no issuer. Bodies and cue words are
data (``data/issuer_bodies.tsv``, ``data/issuer_cues.tsv``); countries come from
``conflictcoder.countries``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from conflictcoder.config import DATA_DIR
from conflictcoder.countries import country_name, country_of, country_terms
from conflictcoder.datafiles import compile_regex, read_tsv
from conflictcoder.errors import DataError
from conflictcoder.ingest.dateline import parse_dateline
from conflictcoder.records import Party, Removed, Span

_BODIES = DATA_DIR / "issuer_bodies.tsv"
_CUES = DATA_DIR / "issuer_cues.tsv"
_CUE_KINDS = ("statement-verb", "speech-verb", "statement-noun", "speaker")
_LEAD_SENTENCES = 2
_TITLE_LINES = 3
_VERB_WINDOW = 80  # characters between the body's name and its verb
_SENTENCE = re.compile(r".+?(?:[.!?](?=\s+[\"“‘'(]?[A-Z0-9])|$)", re.DOTALL)


@dataclass(frozen=True)
class _Grammar:
    bodies: tuple[tuple[str, re.Pattern[str]], ...]
    body_alt: str
    cues: dict[str, str]
    country_alt: str


@functools.cache
def _grammar() -> _Grammar:
    bodies = []
    for number, row in read_tsv(_BODIES, ("canonical", "regex"), required=True):
        regex = compile_regex(_BODIES, number, rf"(?i:{row['regex']})")
        bodies.append((row["canonical"], regex))
    parts: dict[str, list[str]] = {kind: [] for kind in _CUE_KINDS}
    for number, row in read_tsv(_CUES, ("kind", "regex"), required=True):
        if row["kind"] not in parts:
            raise DataError(f"{_CUES}:{number}: kind must be one of {', '.join(_CUE_KINDS)}")
        compile_regex(_CUES, number, row["regex"])
        parts[row["kind"]].append(row["regex"])
    cues = {kind: "(?i:" + "|".join(f"(?:{p})" for p in parts[kind]) + ")" for kind in parts}
    forms = sorted({form for form, _ in country_terms()}, key=lambda f: (-len(f), f))
    country_alt = "|".join(re.escape(f) for f in forms)
    body_alt = "|".join(f"(?:{regex.pattern})" for _, regex in bodies)
    return _Grammar(tuple(bodies), body_alt, cues, country_alt)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(opening of a sentence naming a body, title line naming a body)."""
    g = _grammar()
    country = rf"(?:the\s+)?(?:{g.country_alt})"
    named = (
        rf"(?P<name>(?P<body1>{g.body_alt})\s+(?:of|for)\s+(?P<country1>{country})"
        rf"|(?P<country2>{country})(?:'s|’s|'|’)?\s+(?P<body2>{g.body_alt}))(?!\w)"
    )
    opener = (
        rf"(?P<opener>(?:In\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){{0,2}}{g.cues['statement-noun']}"
        rf"[^,.;]{{0,60}}|Today|Earlier today|On\s+[^,.;]{{1,40}}),\s*)?"
    )
    speaker = rf"(?:(?P<speaker>{g.cues['speaker']})\s+(?:of|for)\s+)?"
    sentence = re.compile(rf"{opener}(?:the\s+)?{speaker}(?:the\s+)?{named}", re.IGNORECASE)
    title = re.compile(
        rf"(?:{g.cues['statement-noun']}|information|message)\s+(?:of|by|from)\s+(?:the\s+)?"
        rf"{speaker}(?:the\s+)?{named}",
        re.IGNORECASE,
    )
    return sentence, title


def find_issuer(text: str, removed: Sequence[Removed]) -> Party | None:
    """The body whose statement ``text`` is, with the span of its name, or None.

    The name is normalized to "<body> of <country>" ("Ministry of Foreign Affairs of
    Azerbaijan", "Ministry of Defense of Armenia": always the "Defense" spelling) and the
    country is its ISO3 code. A body whose country cannot be read gives no issuer. Text in
    ``removed`` spans is never read.
    """
    sentence_re, title_re = _patterns()
    for start, end, is_title in _opening(text):
        if any(start < r.end and r.start < end for r in removed):
            continue
        chunk = text[start:end]
        if is_title:
            match = title_re.search(chunk)
            if match is not None:
                return _party(match, start)
            continue
        match = sentence_re.match(chunk)
        if match is not None and _is_statement(match, chunk):
            return _party(match, start)
    return None


def _opening(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_title) of the title lines and the first sentences of the body."""
    out: list[tuple[int, int, bool]] = []
    dateline = parse_dateline(text)
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        start = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        if not stripped:
            continue
        span = dateline.span if dateline is not None else None
        if span is not None and start <= span.start < start + len(stripped):
            out.extend(_sentences(text, span.end, start + len(stripped)))
            return out
        if _is_title_line(stripped) and len(out) < _TITLE_LINES:
            out.append((start, start + len(stripped), True))
            continue
        out.extend(_sentences(text, start, start + len(stripped)))
        return out
    return out


def _is_title_line(line: str) -> bool:
    return len(line) <= 250 and not line.endswith((".", "!", "?", ":", ";", '"', "”"))


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    out: list[tuple[int, int, bool]] = []
    for match in _SENTENCE.finditer(text, start, end):
        lead = len(match.group(0)) - len(match.group(0).lstrip())
        out.append((match.start() + lead, match.end(), False))
        if len(out) == _LEAD_SENTENCES:
            break
    return out


def _is_statement(match: re.Match[str], sentence: str) -> bool:
    g = _grammar()
    after = sentence[match.end() : match.end() + _VERB_WINDOW]
    verb = re.search(
        rf"\b(?:(?P<strong>{g.cues['statement-verb']})|(?P<speech>{g.cues['speech-verb']}))\b",
        after,
    )
    if verb is None:
        return False
    if verb.group("strong") or match.group("speaker") or match.group("opener"):
        return True
    # "said" needs "in a statement" (or the like) right after it.
    tail = after[verb.end() : verb.end() + 40]
    return re.search(rf"\b{g.cues['statement-noun']}\b", tail) is not None


def _party(match: re.Match[str], offset: int) -> Party | None:
    body = match.group("body1") or match.group("body2")
    country_text = match.group("country1") or match.group("country2")
    iso3 = country_of(country_text)
    canonical = next((name for name, regex in _grammar().bodies if regex.fullmatch(body)), None)
    if iso3 is None or canonical is None:
        return None
    country = country_name(iso3) or iso3
    start, end = match.span("name")
    return Party(
        name=f"{canonical} of {country}",
        country=iso3,
        span=Span(offset + start, offset + end, match.group("name")),
    )
