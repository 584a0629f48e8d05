"""Find time expressions in text: each a Mention with exact offsets and what it names.

Finding is separate from resolving (``resolve.py``): a Mention records what was written
("12 September", "last week", "late Monday night"), not which calendar days it means.

Span convention: prepositions that only locate ("on", "in", "at") are left out of the span;
words that change the meaning ("late", "last", "throughout", "the night of") are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from conflictcoder.time.tables import months, relative_phrases, small_numbers, weekdays


@dataclass(frozen=True)
class Mention:
    """One time expression as written: text[start:end], its kind and the parts it names."""

    start: int
    end: int
    kind: str  # date | month | year | iso | weekday | relative | back | ago
    day: int | None = None
    day2: int | None = None  # last day of a day range ("12-14 September")
    month: int | None = None
    month_text: str | None = None  # the month as written, handed to dateparser
    year: int | None = None
    year2: int | None = None  # last year of a year range ("2014-2016") or decade
    weekday: int | None = None
    qualifier: str | None = None  # last | this | early | mid | late (for months, years, weekdays)
    night: bool = False  # the expression runs into the next day ("late Monday", "that night")
    rule: str | None = None  # relative rule from time_relative.tsv or back/ago
    precision: str | None = None
    count: int | None = None  # N of "the past N days" / "N days ago"
    unit: str | None = None  # d | w | m | y


_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*(?:-|–|—|to|and|until|till)\s*"
# "late", "the night of", "in the early hours of", "overnight" before a day; kept in the span.
_PREFIX = (
    r"(?i:(?P<pre>late|early|overnight)\s+(?:on\s+)?"
    r"|(?P<pre2>(?:in\s+)?the\s+(?:early\s+hours|small\s+hours|night|evening|morning|afternoon)"
    r"\s+of)\s+)?"
)
_SUFFIX = r"(?:\s+(?P<suf>morning|afternoon|evening|night))?"
# Words that, right before a bare four-digit number, make it a count rather than a year.
_COUNT_WORDS = frozenset(
    {
        "about",
        "almost",
        "around",
        "approximately",
        "least",
        "most",
        "nearly",
        "over",
        "some",
        "than",
        "up",
        "to",
        "roughly",
        "resolution",
        "no",
        "no.",
        "number",
        "article",
        "flight",
        "route",
        "code",
        "model",
    }
)
_YEAR_PREPS = frozenset(
    {
        "in",
        "since",
        "during",
        "until",
        "till",
        "from",
        "through",
        "throughout",
        "between",
        "before",
        "after",
        "of",
        "and",
        "to",
        "early",
        "mid",
        "late",
    }
)
# These join counts as readily as years ("12 tanks and 2016 rounds"): the bare-year test applies.
_WEAK_PREPS = frozenset(("and", "to", "of"))


def _cased(word: str) -> str:
    """'september' -> 'September|SEPTEMBER': month and weekday names are capitalised in text."""
    titled = word[:1].upper() + word[1:].lower()
    return f"{re.escape(titled)}|{re.escape(word.upper())}"


@cache
def _month_pattern(full_only: bool = False) -> str:
    names = sorted(months(), key=lambda m: -len(m.name))
    parts = []
    for m in names:
        if full_only and m.abbreviation:
            continue
        dot = r"\.?" if m.abbreviation else ""
        parts.append(f"(?:{_cased(m.name)}){dot}")
    return "(?:" + "|".join(parts) + ")"


@cache
def _month_number() -> dict[str, int]:
    return {m.name.lower(): m.month for m in months()}


@cache
def _weekday_number() -> dict[str, int]:
    return {name.lower(): day for name, day in weekdays()}


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    month = _month_pattern()
    full_month = _month_pattern(full_only=True)
    weekday = "(?:" + "|".join(_cased(n) for n, _ in weekdays()) + ")"
    numbers = "|".join(sorted((re.escape(w) for w in small_numbers()), key=lambda w: -len(w)))
    count = rf"(?:a\s+)?(?P<n>\d{{1,3}}|{numbers})(?:\s+of)?"
    unit = r"(?P<u>days?|weeks?|months?|years?)"
    edge = r"(?<![\w\-–/.,:$£€#])"
    table = [
        (
            "date",
            rf"{edge}{_PREFIX}(?:the\s+)?(?P<d>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+(?:of\s+)?"
            rf"(?P<m>{month})(?:,?\s+(?P<y>{_YEAR}))?(?![\w]){_SUFFIX}",
        ),
        (
            "date",
            rf"{edge}{_PREFIX}(?P<m>{month})\s+(?:the\s+)?(?P<d>{_DAY})(?![\d:])"
            rf"(?:{_DASH}(?P<d2>{_DAY})(?![\d:]))?(?:,?\s+(?P<y>{_YEAR}))?(?![\w]|,\d){_SUFFIX}",
        ),
        (
            "iso",
            rf"(?<![\w\-])(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w\-])",
        ),
        (
            "month",
            rf"(?<!\w)(?i:(?P<q>early|mid|late)[\s-]+)?(?P<m>{month}),?\s+(?P<y>{_YEAR})(?!\w)",
        ),
        (
            "month",
            rf"(?<!\w)(?:(?i:(?P<prep>in|since|during|until|till|from|through|throughout|between"
            rf"|and|to|before|after|of|last|this|early|late))\s+|(?i:(?P<mid>mid))[\s-]+)"
            rf"(?P<m>{full_month})(?!\w)",
        ),
        (
            "year",
            rf"(?<![\w\-–/.,:$£€#])(?:(?i:(?P<prep>{'|'.join(sorted(_YEAR_PREPS))}))[\s-]+)?"
            rf"(?P<y>{_YEAR})(?:\s*(?:-|–|to)\s*(?P<y2>{_YEAR}|\d\d))?(?P<dec>s)?"
            r"(?![\w\-]|[.,]\d)",
        ),
        (
            "weekday",
            rf"(?<!\w){_PREFIX}(?i:(?P<last>last|this\s+past|this)\s+)?(?P<wd>{weekday})(?!\w)"
            rf"{_SUFFIX}",
        ),
        (
            "back",
            rf"(?i:(?<!\w)(?:(?:throughout|over|during|in|for)\s+)?the\s+(?:past|last|previous)\s+"
            rf"{count}\s+{unit})(?!\w)",
        ),
        ("ago", rf"(?i:(?<!\w){count}\s+{unit}\s+ago)(?!\w)"),
    ]
    compiled = [(kind, re.compile(p)) for kind, p in table]
    for phrase in relative_phrases():
        compiled.append(
            (
                "relative:" + phrase.rule + ":" + phrase.precision,
                re.compile(rf"(?i:(?<!\w)(?:{phrase.pattern}))(?!\w)"),
            )
        )
    return tuple(compiled)


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    digits = re.match(r"\d+", value)
    return int(digits.group()) if digits else None


def _night(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    pre = (groups.get("pre") or "").lower()
    pre2 = (groups.get("pre2") or "").lower()
    return pre in ("late", "overnight") or "night" in pre2 or groups.get("suf") == "night"


def _year_is_date(text: str, match: re.Match[str]) -> bool:
    """A bare four-digit number is a year only in a date-like context (not '2000 troops')."""
    prep = (match.group("prep") or "").lower()
    if (prep and prep not in _WEAK_PREPS) or match.group("y2") or match.group("dec"):
        return True
    before = text[max(0, match.start() - 20) : match.start()].split()
    if before and before[-1].lower() in _COUNT_WORDS:
        return False
    after = text[match.end() : match.end() + 2]
    # "the 2016 war" stays ambiguous; only a year followed by punctuation or a line end counts.
    return after == "" or not after[0].isspace() or after[1:2] in ("", "\n", "(")


def _mention(kind: str, match: re.Match[str], text: str) -> Mention | None:
    g = match.groupdict()
    start, end = match.span()
    if kind.startswith("relative:"):
        rule, precision = kind.removeprefix("relative:").rsplit(":", 1)
        return Mention(
            start,
            end,
            "relative",
            rule=rule,
            precision=precision,
            night=rule.startswith("night") or rule.startswith("refnight"),
        )
    if kind in ("back", "ago"):
        n_text = g["n"].lower()
        count = int(n_text) if n_text.isdigit() else small_numbers()[n_text]
        return Mention(start, end, kind, count=count, unit=g["u"][0].lower())
    if kind == "date":
        month_text = g["m"]
        if not g.get("pre") and not g.get("pre2") and text[start : start + 4].lower() == "the ":
            start += 4  # "the 3 December decree": the article is not part of the date
        return Mention(
            start,
            end,
            "date",
            day=_int(g["d"]),
            day2=_int(g["d2"]),
            month=_month_number()[month_text.rstrip(".").lower()],
            month_text=month_text,
            year=_int(g["y"]),
            night=_night(match),
            qualifier=(g.get("pre") or "").lower() or None,
        )
    if kind == "iso":
        return Mention(start, end, "date", day=int(g["d"]), month=int(g["mo"]), year=int(g["y"]))
    if kind == "month":
        prep = (g.get("prep") or "").lower()
        qualifier = (g.get("q") or g.get("mid") or "").lower() or None
        if prep in ("last", "this", "early", "late"):
            qualifier = prep
        elif prep:  # a locating word ("in", "since") is left for combine to read
            start = match.start("m") if not g.get("mid") else match.start("mid")
        return Mention(
            start,
            end,
            "month",
            month=_month_number()[g["m"].rstrip(".").lower()],
            month_text=g["m"],
            year=_int(g.get("y")),
            qualifier=qualifier,
        )
    if kind == "year":
        if not _year_is_date(text, match):
            return None
        prep = (g.get("prep") or "").lower()
        qualifier = prep if prep in ("early", "mid", "late") else None
        if prep and not qualifier:
            start = match.start("y")
        year = int(g["y"])
        year2 = _int(g["y2"])
        if year2 is not None and year2 < 100:  # "2014-16"
            year2 = year // 100 * 100 + year2
        if g["dec"]:
            if year % 10:
                return None
            year2 = year + 9
        if year2 is not None and year2 < year:
            return None
        return Mention(start, end, "year", year=year, year2=year2, qualifier=qualifier)
    # weekday
    last = " ".join((g.get("last") or "").lower().split()) or None
    return Mention(
        start,
        end,
        "weekday",
        weekday=_weekday_number()[g["wd"].lower()],
        qualifier=last,
        night=_night(match),
    )


def find_mentions(text: str) -> list[Mention]:
    """Every time expression in ``text``, left to right, none overlapping (longest wins)."""
    found: list[tuple[int, int, int, Mention]] = []
    for order, (kind, pattern) in enumerate(_patterns()):
        for match in pattern.finditer(text):
            if match.end() == match.start():
                continue
            mention = _mention(kind, match, text)
            if mention is not None:
                found.append((mention.start, -(mention.end - mention.start), order, mention))
    found.sort(key=lambda item: item[:3])
    chosen: list[Mention] = []
    for _, _, _, mention in found:
        if chosen and mention.start < chosen[-1].end:
            continue
        if any(m.start < mention.end and mention.start < m.end for m in chosen):
            continue
        chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)
