"""Casualty counts in a sentence: killed, injured, missing and captured, each with its span.

Plain rules over the text (the lexicons are data files ``casualty_*.tsv``):
- a count before a casualty word: "4 Taliban members have been killed", "at least 49 dead",
  "two servicemen and a civilian were killed" (counts joined by "and" are added up);
- a casualty verb before a count: "killing 6 civilians", "killed 13 soldiers and wounded 56";
- a toll: "the death toll rose to 20" (a toll wins over the single counts in its sentence);
- stated zero ("no one was hurt") and stated-but-uncounted ("there are casualties").

Conventions: "at least N" / "more than N" have no max; "up to N" / "as many as N" have no
min; "about N" is N..N; vague words ("dozens") are floors from ``numbers.tsv``.
"casualties" and "losses" do not say killed or wounded, so both fields are marked
unspecified (a number of casualties is kept as the max of each).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span as SpacySpan

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import compile_regex, read_tsv
from conflictcoder.errors import DataError
from conflictcoder.events.casualty_parse import parsed_counts
from conflictcoder.numberwords import number_words
from conflictcoder.records import Count, Span

FIELDS = ("fatalities", "injuries", "missing", "captured")


@dataclass(frozen=True)
class CasualtyFinding:
    """What one sentence says about people killed, injured, missing and captured."""

    fatalities: Count | None
    injuries: Count | None
    missing: Count | None
    captured: Count | None
    side: str | None  # whose casualties, as written ("civilians", "Taliban members")


@dataclass(frozen=True)
class _Term:
    pattern: str
    field: str
    use: str


@dataclass(frozen=True)
class _Lexicon:
    numbers: dict[str, tuple[int, str]]
    terms: tuple[_Term, ...]
    phrases: tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...]
    nonperson: frozenset[str]


@cache
def _lexicon(data_dir: Path = DATA_DIR) -> _Lexicon:
    numbers = {word: (n.value, n.kind) for word, n in number_words(data_dir).items()}
    path = data_dir / "casualty_terms.tsv"
    terms: list[_Term] = []
    for line, row in read_tsv(path, ("term", "field", "use"), required=True):
        term, field, use = row["term"], row["field"], row["use"]
        if field not in (*FIELDS, "casualties") or use not in ("after", "before", "both"):
            raise DataError(f"{path}:{line}: unknown field {field!r} or use {use!r}")
        compile_regex(path, line, term, re.IGNORECASE)
        terms.append(_Term(term, field, use))
    path = data_dir / "casualty_phrases.tsv"
    phrases = []
    for line, row in read_tsv(path, ("pattern", "fields", "kind"), required=True):
        pattern, fields, kind = row["pattern"], row["fields"], row["kind"]
        names = tuple(f.strip() for f in fields.split(","))
        if any(n not in FIELDS for n in names) or kind not in ("zero", "unspecified"):
            raise DataError(f"{path}:{line}: unknown field in {fields!r} or kind {kind!r}")
        regex = compile_regex(path, line, rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)
        phrases.append((regex, names, kind))
    path = data_dir / "casualty_nonperson.tsv"
    nonperson = frozenset(
        row["noun"].lower() for _, row in read_tsv(path, ("noun",), required=True)
    )
    return _Lexicon(numbers, tuple(terms), tuple(phrases), nonperson)


_MOD = (
    r"(?:at\s+least|more\s+than|over|upwards\s+of|up\s+to|as\s+many\s+as|nearly|almost|about"
    r"|around|some|approximately|roughly|an\s+estimated|at\s+most|fewer\s+than|less\s+than"
    r"|no\s+fewer\s+than|no\s+less\s+than|a\s+total\s+of|another|a\s+further)"
)
_DIGITS = r"(?<![\w\-–./,:#])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w\-–]|[.,:]\d)"
_AUX = (
    r"(?:(?:(?:were|was|are)\s+left|were|was|have\s+been|has\s+been|had\s+been|are|is|being|got"
    r"|have|has|had|left)\s+)?"
    r"(?:(?:reportedly|also|all|confirmed|allegedly|later|subsequently|both|now)\s+)?"
)
# Words that end the noun phrase after a count ("13 soldiers | and wounded 56").
_STOP = frozenset(
    {
        "and",
        "or",
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "been",
        "in",
        "on",
        "at",
        "by",
        "of",
        "from",
        "to",
        "with",
        "the",
        "as",
        "after",
        "when",
        "who",
        "that",
        "while",
        "over",
        "more",
        "than",
        "so",
        "far",
        "also",
        "yesterday",
        "today",
        "tonight",
        "whose",
        "which",
        "including",
        "near",
        "into",
        "across",
        "during",
        "since",
        "for",
        "under",
        "her",
        "his",
        "their",
        "its",
        "our",
        "reportedly",
        "allegedly",
        "sustained",
        "suffered",
        "being",
        "got",
        "died",
        "dead",
        "killed",
        "wounded",
        "injured",
        "hurt",
        "missing",
        "captured",
        "abducted",
        "kidnapped",
        "slain",
        "executed",
        "massacred",
        "taken",
        "lost",
        "shot",
        "beaten",
        "stabbed",
        "burned",
        "martyred",
        "deaths",
        "fatalities",
        "injuries",
        "casualties",
        "unaccounted",
        "a",
        "an",
        "left",
        "aboard",
        "inside",
        "outside",
        "among",
        "along",
        "around",
        "within",
        "without",
        "but",
        "says",
        "said",
        "say",
    }
)
# "a large number were killed": counted but not numbered.
_VAGUE_NOUNS = frozenset({"large", "number", "handful", "lot", "significant", "unknown"})
# Words after a count that say nothing about whose casualties they are.
_NOT_SIDES = frozenset({"more", "others", "other", "people", "persons", "of them"})


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = _lexicon()

    def alternation(kinds: tuple[str, ...], skip: tuple[str, ...] = ()) -> str:
        words = [w for w, (_, k) in lex.numbers.items() if k in kinds and w not in skip]
        return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: -len(w))) + ")"

    card = alternation(("cardinal", "scale"), skip=("a", "an"))
    scale = alternation(("scale",))
    # "a" counts only as "a dozen"/"a hundred" or as the article before a person ("a soldier").
    word = rf"(?:(?:a|an)\s+{scale}(?:[\s-]+{card})*|{card}(?:(?:[\s-]+|\s+and\s+){card})*|a|an)"
    number = rf"(?:{_DIGITS}|(?<![\w-]){word}(?![\w-]))"
    vague = (
        "(?:"
        + "|".join(re.escape(w) for w, (_, kind) in sorted(lex.numbers.items()) if kind == "vague")
        + ")"
    )
    quant = (
        rf"(?:{_MOD}\s+)?(?:between\s+{number}\s+and\s+{number}"
        rf"|{number}(?:\s*(?:-|–|to|or)\s*{_DIGITS})?|(?:a\s+)?{vague}(?:\s+of)?)"
        r"(?:\s+or\s+more)?"
    )
    stop = "|".join(sorted(_STOP))
    np_word = rf"(?!(?:{stop})(?!\w))(?:[A-Za-z][\w'’\-]*|\d+-[A-Za-z][\w\-]*)"
    qnp = rf"{quant}(?:\s+{np_word}){{0,4}}"
    qnp_list = rf"{qnp}(?:\s*(?:,\s*and|,|and)\s+{qnp})*"

    def terms(use: str) -> str:
        chosen = [t.pattern for t in lex.terms if t.use in (use, "both")]
        return "(?:" + "|".join(f"(?:{p})" for p in chosen) + ")"

    flags = re.IGNORECASE
    return {
        "quant": re.compile(quant, flags),
        "after": re.compile(
            rf"(?P<list>{qnp_list})\s+(?P<aux>{_AUX})(?P<term>{terms('after')})"
            r"(?!\w)",
            flags,
        ),
        "before": re.compile(
            rf"(?<!\w)(?P<term>{terms('before')})\s+(?P<list>{qnp_list})"
            r"(?!\w)",
            flags,
        ),
        "toll": re.compile(
            r"(?<!\w)(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities|those\s+killed))"
            rf"(?:\s+\w+){{0,3}}?\s+(?:to|at|of|reached|hit|is|was|stood\s+at)\s+(?P<list>{quant})"
            r"(?!\w)",
            flags,
        ),
    }


def _field_of(term: str) -> str:
    for t in _lexicon().terms:
        if re.fullmatch(t.pattern, term, re.IGNORECASE):
            return t.field
    return "fatalities"


def _value(words: list[str]) -> tuple[int | None, bool]:
    """Numeric value of a number written in words or digits, and whether it is only a floor."""
    numbers = _lexicon().numbers
    total, current, vague = 0, 0, False
    for raw in words:
        w = raw.lower().replace(",", "")
        if w == "and" or w == "of":
            continue
        if w.isdigit():
            current += int(w)
            continue
        if w not in numbers:
            return None, False
        value, kind = numbers[w]
        if kind == "scale":
            current = max(current, 1) * value
            if value >= 1000:
                total, current = total + current, 0
        elif kind == "vague":
            current, vague = max(current, 1) * value if current else value, True
        else:
            current += value
    return total + current, vague


def _parse_quant(q: str) -> tuple[int | None, int | None]:
    """(min, max) of a quantity phrase such as 'at least 49', 'between 10 and 15', 'dozens'."""
    low = " ".join(q.lower().split())
    mod = re.match(_MOD, low)
    rest = low[mod.end() :].strip() if mod else low
    or_more = rest.endswith(" or more")
    rest = rest.removesuffix(" or more").removeprefix("between ")
    parts = re.split(r"\s*(?:-|–|\bto\b|\bor\b|\band\b(?=\s*\d))\s*", rest)
    if len(parts) == 2 and all(parts):
        a, _ = _value(re.split(r"[\s-]+", parts[0]))
        b, _ = _value(re.split(r"[\s-]+", parts[1]))
        if a is not None and b is not None and a <= b:
            return a, b
    value, vague = _value([w for w in re.split(r"[\s-]+", rest) if w])
    if value is None:
        return None, None
    kind = " ".join(mod.group().split()) if mod else ""
    if vague or or_more or kind in ("at least", "no fewer than", "no less than", "upwards of"):
        return value, None
    if kind in ("more than", "over"):
        return value + 1, None
    if kind in ("up to", "as many as", "at most"):
        return None, value
    if kind in ("fewer than", "less than"):
        return None, value - 1
    if kind in ("nearly", "almost"):
        return None, value
    return value, value


@dataclass(frozen=True)
class _Hit:
    field: str
    min: int | None
    max: int | None
    start: int
    end: int
    kind: str  # count | toll | zero | unspecified
    side: str | None = None


def _items(
    text: str, list_start: int, list_end: int
) -> list[tuple[int, int, int | None, int | None, str]]:
    """The quantified noun phrases of a list: (quant start, quant end, min, max, noun words)."""
    quant = _patterns()["quant"]
    items = []
    pos = list_start
    while pos < list_end:
        m = quant.match(text, pos, list_end)
        if m is None:
            break
        joiner = _JOINER.search(text, m.end(), list_end)
        piece_end = joiner.start() if joiner is not None else list_end
        low, high = _parse_quant(m.group())
        nouns = []
        for w in text[m.end() : piece_end].split():
            if w.lower().strip(",") in _STOP:
                break
            nouns.append(w.strip(","))
        items.append((m.start(), m.end(), low, high, " ".join(nouns)))
        if joiner is None:
            break
        pos = joiner.end()
    return items


_JOINER = re.compile(r"\s*(?:,\s*and|,|and)\s+", re.IGNORECASE)


def _count_hits(text: str, lo: int, hi: int) -> list[_Hit]:
    lex = _lexicon()
    pats = _patterns()
    hits: list[_Hit] = []
    used: list[tuple[int, int]] = []
    for pattern, fields, kind in lex.phrases:
        for m in pattern.finditer(text, lo, hi):
            for f in fields:
                value = 0 if kind == "zero" else None
                hits.append(_Hit(f, value, value, m.start(), m.end(), kind))
            if kind == "zero":
                used.append(m.span())  # "No one was hurt" is a zero, not a count of one
    for name in ("toll", "after", "before"):
        for m in pats[name].finditer(text, lo, hi):
            if any(m.start("list") < e and s < m.end("list") for s, e in used):
                continue
            field = "fatalities" if name == "toll" else _field_of(" ".join(m.group("term").split()))
            after_term = text[m.end() : m.end() + 40]
            if (
                name == "after"
                and not m.group("aux").strip()
                and pats["quant"].match(after_term.lstrip())
                and after_term[:1].isspace()
            ):
                continue  # "4 gunmen killed two police": active voice, the object is counted
            if name == "after" and _perfect_active(m.group("aux"), m.group("term")):
                continue  # "clashes over the city have killed …": the list did the killing
            items = [
                it
                for it in _items(text, m.start("list"), m.end("list"))
                if (it[4].split() or [""])[0].lower() not in lex.nonperson
                and not _is_year(text[it[0] : it[1]], it[4])
            ]
            if not items:
                continue
            if any(not it[4] and text[it[0] : it[1]].lower() in ("a", "an") for it in items):
                continue  # a bare "a"/"an" with no noun after it is an article, not a count
            if any(_VAGUE_NOUNS & set(it[4].lower().split()[:2]) for it in items):
                hits.append(_Hit(field, None, None, m.start(), m.end(), "unspecified"))
                used.append((m.start("list"), m.end("list")))
                continue
            low = None if any(it[2] is None for it in items) else sum(it[2] or 0 for it in items)
            high = None if any(it[3] is None for it in items) else sum(it[3] or 0 for it in items)
            side = " and ".join(it[4] for it in items if it[4] and it[4] not in _NOT_SIDES)
            start = m.start() if name != "after" else m.start("list")
            kind = name if name == "toll" else "count"
            hits.append(_Hit(field, low, high, start, m.end(), kind, side or None))
            used.append((m.start("list"), m.end("list")))
    return hits


def _perfect_active(aux: str, term: str) -> bool:
    """True for "have/has/had" + a verb that takes an object ("have killed"): the active
    perfect, whose subject is the doer. "have died" and "have been killed" count victims."""
    if aux.lower().split()[:1] not in (["have"], ["has"], ["had"]) or "been" in aux.lower().split():
        return False
    transitive = [t.pattern for t in _lexicon().terms if t.use == "both"]
    return any(re.fullmatch(p, term.strip(), re.IGNORECASE) for p in transitive)


def _is_year(quant: str, nouns: str) -> bool:
    """A bare 19xx/20xx with no noun after it is a year ("In 2016, 110 people ...")."""
    return not nouns and re.fullmatch(r"(?:19|20)\d\d", quant.strip()) is not None


_RANK = {"toll": 3, "count": 2, "zero": 1, "unspecified": 0}


def _merge(text: str, hits: list[_Hit]) -> Count | None:
    if not hits:
        return None
    best = max(_RANK[h.kind] for h in hits)
    chosen = sorted((h for h in hits if _RANK[h.kind] == best), key=lambda h: (h.start, h.end))
    if best == 3:
        chosen = [max(chosen, key=lambda h: (h.min or 0, h.start))]
    start, end = chosen[0].start, max(h.end for h in chosen)
    if best == 0:
        high = chosen[0].max if len(chosen) == 1 else None
        return Count(None, high, True, text[start:end], Span(start, end, text[start:end]))
    if best == 1:
        return Count(0, 0, False, text[start:end], Span(start, end, text[start:end]))
    # Counts of different named sides in one sentence add up ("8 guards were killed,
    # while 5 gang members died"): each side counted once.
    sides = [" ".join((h.side or "").lower().split()) for h in chosen]
    if len(chosen) > 1 and all(sides) and len(set(sides)) == len(sides):
        lows, highs = [h.min for h in chosen], [h.max for h in chosen]
        low = None if None in lows else sum(v or 0 for v in lows)
        high = None if None in highs else sum(v or 0 for v in highs)
        return Count(low, high, False, text[start:end], Span(start, end, text[start:end]))
    # Otherwise several counts of one kind in a sentence are often rival claims or older
    # totals ("14 were killed, but officials said 12 died"): keep the first, never a sum.
    first = chosen[0]
    return Count(
        first.min,
        first.max,
        False,
        text[first.start : first.end],
        Span(first.start, first.end, text[first.start : first.end]),
    )


def _parse_hits(text: str, sent: SpacySpan, offset: int, hits: list[_Hit]) -> list[_Hit]:
    """Counts the parse ties to a casualty word, for the fields the plain rules left without
    a number (a zero only where they found no zero either), never over their words."""
    added: list[_Hit] = []
    for found in parsed_counts(sent, offset):
        rank = _RANK["count"] if found.kind != "zero" else _RANK["zero"]
        own = [h for h in hits if h.field == found.field]
        if any(_RANK[h.kind] >= rank for h in own) or any(
            h.start < found.end and found.start < h.end and _RANK[h.kind] >= rank for h in hits
        ):
            continue
        if found.kind == "zero":
            added.append(_Hit(found.field, 0, 0, found.start, found.end, "zero"))
            continue
        low, high = _parse_quant(text[found.quant_start : found.quant_end])
        if low is None and high is None:
            continue
        added.append(_Hit(found.field, low, high, found.start, found.end, found.kind, found.side))
    return added


def find_casualties(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    sent: SpacySpan | None = None,
    offset: int = 0,
    keep: Callable[[int, int], bool] | None = None,
) -> CasualtyFinding:
    """Casualty counts stated in ``text[start:end]`` (one sentence), with spans into ``text``.

    Each Count has min/max (None where open), ``unspecified`` True when casualties are stated
    but not counted, and ``text``/``span`` the words it was read from. With ``sent`` (the
    sentence parsed, its characters at ``offset`` in ``text``) the parse adds the counts the
    plain rules miss; ``keep`` (start, end of a count's words) chooses the counts to keep,
    e.g. those of one event. Never raises on text.
    """
    hi = len(text) if end is None else max(0, min(end, len(text)))
    lo = max(0, min(start, hi))
    hits = _count_hits(text, lo, hi)
    if sent is not None:
        hits += _parse_hits(text, sent, offset, hits)
    if keep is not None:
        hits = [h for h in hits if keep(h.start, h.end)]
    by_field: dict[str, list[_Hit]] = {f: [] for f in (*FIELDS, "casualties")}
    for h in sorted(hits, key=lambda h: (h.start, h.end, h.field)):
        by_field[h.field].append(h)
    # "15 casualties": killed or wounded, not said which; at most that many of each.
    for h in by_field.pop("casualties"):
        for f in ("fatalities", "injuries"):
            by_field[f].append(_Hit(f, None, h.max, h.start, h.end, "unspecified", h.side))
    counts = {f: _merge(text, by_field[f]) for f in FIELDS}
    side = next(
        (h.side for f in FIELDS for h in by_field[f] if h.side and h.kind in ("count", "toll")),
        next((h.side for f in FIELDS for h in by_field[f] if h.side), None),
    )
    return CasualtyFinding(
        counts["fatalities"], counts["injuries"], counts["missing"], counts["captured"], side
    )


def nonperson_nouns() -> frozenset[str]:
    """Nouns that name things, not people (``casualty_nonperson.tsv``)."""
    return _lexicon().nonperson
