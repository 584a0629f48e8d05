"""Actor mentions in a sentence: named groups, "<country> <force noun>", bare countries.

Each mention carries the normalized name, ISO3 country and sector from the data files
(``actors.tsv``, ``force_nouns.tsv``, ``countries.tsv``). Speaker perspective is applied
here: "our armed forces" belong to the claimant's country, "the enemy" to the other side.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from conflictcoder.config import DATA_DIR
from conflictcoder.countries import country_name, find_countries
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.events.lexicon import SECTORS, ForceNoun, NamedActor, force_nouns, named_actors
from conflictcoder.events.matcher import LemmaMatcher, per_doc

_FIRST_PERSON = frozenset({"our", "we", "us"})
_OPPONENT = frozenset({"enemy", "adversary", "opponent", "aggressor"})


@dataclass(frozen=True)
class ActorMention:
    start: int  # token indices in the Doc
    end: int
    root: int  # the token whose dependency relations decide the role
    name: str | None
    country: str | None
    sector: str | None
    # For a common noun without a country of its own ("gunmen"): the name to fill with the
    # event's country, as ACLED names such actors after where they acted.
    template: str | None = None
    # "our forces" (own) or "the enemy" (other): whose they are depends on who speaks, so a
    # speaker's sentence re-reads them (``in_perspective``) instead of matching again.
    person: str | None = None
    noun: ForceNoun | ActorNoun | None = field(default=None, compare=False, hash=False)

    def text(self, doc: Doc) -> str:
        return str(doc[self.start : self.end].text)


@dataclass(frozen=True)
class Perspective:
    """Whose eyes the text speaks through: "we/our" and "the enemy"."""

    own: str | None  # ISO3 of the claimant
    other: str | None  # ISO3 of the opposing party named in the document


@dataclass(frozen=True)
class ActorNoun:
    """A common head noun naming an actor the way ACLED does (``actor_nouns.tsv``)."""

    pattern: tuple[str, ...]
    category: str
    name_template: str
    sector: str
    inter: int
    by_place: bool
    surface: str | None = None


ACTOR_NOUNS_FILE = "actor_nouns.tsv"
_ACTOR_NOUN_COLUMNS = ("pattern", "category", "name_template", "sector", "inter", "by_place")


@functools.cache
def actor_nouns(user_dir: Path | None = None) -> tuple[ActorNoun, ...]:
    """Every actor noun, packaged rows first; a user row with the same pattern replaces one."""
    merged: dict[tuple[str, ...], ActorNoun] = {}
    paths = [DATA_DIR / ACTOR_NOUNS_FILE]
    if user_dir is not None and (user_dir / ACTOR_NOUNS_FILE).is_file():
        paths.append(user_dir / ACTOR_NOUNS_FILE)
    for path in paths:
        rows = read_tsv(path, _ACTOR_NOUN_COLUMNS, optional=("by_place",), more_columns=True)
        seen: set[tuple[str, ...]] = set()
        for lineno, row in rows:
            noun = _actor_noun(row, f"{path}:{lineno}")
            if noun.pattern in seen:
                raise DataError(f"{path}:{lineno}: duplicate pattern {' '.join(noun.pattern)!r}")
            seen.add(noun.pattern)
            merged[noun.pattern] = noun
    return tuple(merged.values())


def _actor_noun(row: dict[str, str], where: str) -> ActorNoun:
    pattern = tuple(row["pattern"].split())
    if not pattern or any(not re.fullmatch(r"[a-z][a-z'-]*", w) for w in pattern):
        raise DataError(f"{where}: pattern {row['pattern']!r} must be lowercase lemmas")
    if "{country}" not in row["name_template"]:
        raise DataError(f"{where}: name_template must contain {{country}}")
    if row["sector"] not in SECTORS:
        raise DataError(f"{where}: sector {row['sector']!r} is not one of {sorted(SECTORS)}")
    if row["inter"] not in {str(i) for i in range(1, 9)}:
        raise DataError(f"{where}: inter {row['inter']!r} must be an ACLED code 1..8")
    if row.get("by_place", "") not in ("yes", "no", ""):
        raise DataError(f"{where}: by_place must be yes or no")
    return ActorNoun(
        pattern=pattern,
        category=row["category"] or row["name_template"],
        name_template=row["name_template"],
        sector=row["sector"],
        inter=int(row["inter"]),
        by_place=row.get("by_place") == "yes",
        surface=row.get("surface") or None,
    )


@functools.cache
def _force_matcher(user_dir: Path | None) -> LemmaMatcher[ForceNoun | ActorNoun]:
    common = actor_nouns(user_dir)
    known = {n.pattern for n in common}
    nouns: list[ForceNoun | ActorNoun] = list(common)
    nouns += [n for n in force_nouns(user_dir) if n.pattern not in known]
    return LemmaMatcher(((n.pattern, "NOUN", n) for n in nouns), strict=True)


@functools.cache
def _named_regex(user_dir: Path | None) -> tuple[re.Pattern[str] | None, dict[str, NamedActor]]:
    actors = named_actors(user_dir)
    by_surface = {a.pattern: a for a in actors}
    if not by_surface:
        return None, by_surface
    alternatives = sorted(by_surface, key=lambda s: (-len(s), s))
    pattern = r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in alternatives) + r")(?![\w-])"
    return re.compile(pattern), by_surface


def fill_template(template: str, country: str | None) -> str:
    """'Armed Forces of {country}' with the country's name, or without it when unknown."""
    if country is not None:
        return template.replace("{country}", country_name(country) or country)
    stripped = re.sub(r"\s*(?:of\s+|\(\s*)\{country\}\)?", "", template)
    return stripped.replace("{country}", "").strip() or template


def _person(span: SpacySpan) -> str | None:
    """ "other" for the enemy's words, "own" for first-person ones, else None."""
    words = {t.lower_ for t in span}
    if words & _OPPONENT:
        return "other"
    if words & _FIRST_PERSON:
        return "own"
    return None


def _country_in(span: SpacySpan, perspective: Perspective) -> str | None:
    person = _person(span)
    if person is not None:
        return perspective.other if person == "other" else perspective.own
    found = find_countries(span.text)
    return found[0][2] if found else None


def _named(
    noun: ForceNoun | ActorNoun, country: str | None, written: SpacySpan
) -> tuple[str, str | None]:
    """The name of a force or actor noun's mention with ``country``, and the template that
    waits for the event's country (or None)."""
    name = fill_template(noun.name_template, country)
    template = None
    if country is None and isinstance(noun, ActorNoun) and noun.by_place:
        template = noun.name_template
    if country is None and noun.sector == "government" and "{country}" in noun.name_template:
        # "local officials", "the ministry": no known country, and "Government" alone
        # would claim more than the text says; keep its words.
        name = _as_written(written)
    return name, template


def in_perspective(
    mentions: list[ActorMention], perspective: Perspective, doc: Doc
) -> list[ActorMention]:
    """The mentions as ``perspective`` reads them: "our forces" and "the enemy" change
    country (and name) with the speaker; every other mention stays as it is."""
    out = []
    for mention in mentions:
        if mention.person is None or mention.noun is None:
            out.append(mention)
            continue
        country = perspective.other if mention.person == "other" else perspective.own
        name, template = _named(mention.noun, country, doc[mention.start : mention.end])
        out.append(replace(mention, country=country, name=name, template=template))
    return out


def _phrase(doc: Doc, start: int, end: int, chunks: dict[int, SpacySpan]) -> SpacySpan:
    """The mention with its noun phrase's left part and any "of <country>" complement."""
    root = doc[start:end].root
    left = min([start] + [t.i for t in root.lefts])
    chunk = chunks.get(root.i)
    if chunk is not None:
        left = min(left, chunk.start)
    while left < start and (doc[left].is_space or doc[left].is_punct or not doc[left].text.strip()):
        left += 1  # blanked furniture or dateline before the phrase
    right = end
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    # "of the Republic of Azerbaijan", but not "… located near Aygedzor".
                    end = pobj.i + 1
                    for t in pobj.rights:
                        if t.dep_ == "prep" and t.lower_ == "of":
                            end = max(end, t.right_edge.i + 1)
                    right = max(right, end)
    return doc[left:right]


def _chunk_index(doc: Doc) -> dict[int, SpacySpan]:
    """Token index → its noun chunk, computed once per parsed document."""
    return per_doc(doc, "chunks", lambda d: {t.i: c for c in d.noun_chunks for t in c})


def _as_written(span: SpacySpan) -> str:
    """The phrase without a leading determiner ("the ministry" → "ministry")."""
    words = [t for t in span if not (t.i == span.start and t.dep_ == "det")]
    return "".join(t.text_with_ws for t in words).strip() or span.text


def _in_named(i: int, named: list[ActorMention]) -> bool:
    return any(m.start <= i < m.end for m in named)


def find_actors(
    sent: SpacySpan, perspective: Perspective, user_dir: Path | None = None
) -> list[ActorMention]:
    """Every actor mention of the sentence, in text order, without overlaps."""
    doc = sent.doc
    mentions: list[ActorMention] = []
    regex, by_surface = _named_regex(user_dir)
    if regex is not None:
        for m in regex.finditer(sent.text):
            span = doc.char_span(
                sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand"
            )
            if span is None:
                continue
            actor = by_surface[m.group(0)]
            mentions.append(
                ActorMention(
                    span.start, span.end, span.root.i, actor.name, actor.country, actor.sector
                )
            )
    chunks = _chunk_index(doc)
    named = list(mentions)
    for match in _force_matcher(user_dir).find(sent):
        if _in_named(match.head, named):
            continue
        phrase = _phrase(doc, match.start, match.end, chunks)
        start, end = min(phrase.start, match.start), max(phrase.end, match.end)
        group = next((m for m in named if start <= m.start and m.end <= end), None)
        if group is not None:
            # "Taliban fighters": the named group, over the whole phrase.
            mentions.append(
                replace(group, start=start, end=end, root=doc[match.start : match.end].root.i)
            )
            continue
        country = _country_in(phrase, perspective)
        noun = match.entry
        name, template = _named(noun, country, doc[start:end])
        mentions.append(
            ActorMention(
                start=start,
                end=end,
                root=doc[match.start : match.end].root.i,
                name=name,
                country=country,
                sector=noun.sector,
                template=template,
                person=_person(phrase),
                noun=noun,
            )
        )
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for start_char, end_char, iso3 in find_countries(sent.text):
        span = doc.char_span(
            sent.start_char + start_char, sent.start_char + end_char, alignment_mode="expand"
        )
        if span is None or not taken.isdisjoint(range(span.start, span.end)):
            continue
        mentions.append(
            ActorMention(span.start, span.end, span.root.i, country_name(iso3), iso3, None)
        )
    return _without_overlaps(mentions)


def _without_overlaps(mentions: list[ActorMention]) -> list[ActorMention]:
    kept: list[ActorMention] = []
    taken: set[int] = set()
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            kept.append(m)
            taken.update(range(m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def anchor(token: Token, stop: int = -1) -> Token:
    """Climb from a modifier to the noun it modifies ("Azerbaijani Army positions", "the
    positions of the Armenian forces"), never onto token ``stop`` (the trigger)."""
    while token.head.i != token.i and token.head.i != stop:
        if token.dep_ in ("compound", "amod", "poss", "nmod", "appos"):
            token = token.head
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and token.head.head.pos_ in ("NOUN", "PROPN")
            and token.head.head.i != stop
        ):
            token = token.head.head
        else:
            break
    return token
