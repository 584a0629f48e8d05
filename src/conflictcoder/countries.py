"""Country names, aliases and demonyms → ISO 3166-1 alpha-3 (data: ``data/countries.tsv``).

Surface forms are matched as written in the table (``Armenia``, ``Armenian``, ``U.S.``), so a
lowercase common noun ("turkey", "guinea pig") never counts as a country in running text.
Forms marked ``~`` in the table are ambiguous (``Korea``, ``Congo``) and never resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError

COUNTRIES_FILE = DATA_DIR / "countries.tsv"
_HEADER = ("iso3", "name", "aliases", "demonyms", "exclusions")
_ISO3 = re.compile(r"[A-Z]{3}")
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Country:
    """One row of the country table."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    exclusions: tuple[str, ...]


@dataclass(frozen=True)
class _Table:
    countries: dict[str, Country]
    exact: dict[str, str]  # abbreviations (US, DRC, U.K.) match with their case
    folded: dict[str, str]  # everything else, keyed by casefold
    ambiguous: frozenset[str]  # casefolded forms that resolve to nothing
    terms: tuple[tuple[str, str], ...]
    blockers: tuple[str, ...]  # ambiguous forms and exclusions: matched, then dropped


def _is_abbreviation(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _variants(form: str) -> list[str]:
    """The form plus the spellings real text uses for it (curly apostrophe, St./St)."""
    out = [form]
    if "'" in form:
        out.append(form.replace("'", "’"))
    for v in list(out):
        if v.startswith("Saint "):
            out += ["St. " + v[6:], "St " + v[6:]]
    return out


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _parse(path: Path) -> list[tuple[int, Country, list[str]]]:
    """Rows of the file as (line number, country, raw forms including ~ambiguous ones)."""
    rows: list[tuple[int, Country, list[str]]] = []
    table = read_tsv(path, _HEADER, optional=("exclusions",), more_columns=True)
    for lineno, row in table:
        iso3, name = row["iso3"], row["name"]
        if not _ISO3.fullmatch(iso3):
            raise DataError(f"{path}:{lineno}: iso3 {iso3!r} is not three uppercase letters")
        if not name:
            raise DataError(f"{path}:{lineno}: empty name for {iso3}")
        aliases, demonyms = _split(row["aliases"]), _split(row["demonyms"])
        country = Country(
            iso3=iso3,
            name=name,
            aliases=tuple(a for a in aliases if not a.startswith("~")),
            demonyms=tuple(d for d in demonyms if not d.startswith("~")),
            exclusions=tuple(_split(row["exclusions"])),
        )
        rows.append((lineno, country, [name, *aliases, *demonyms]))
    return rows


def _build(path: Path) -> _Table:
    rows = _parse(path)
    countries: dict[str, Country] = {}
    owner: dict[str, tuple[str, int]] = {}  # casefolded form → (iso3, line)
    ambiguous: set[str] = set()
    surface: dict[str, str] = {}
    blockers: set[str] = set()
    for lineno, country, forms in rows:
        if country.iso3 in countries:
            raise DataError(f"{path}:{lineno}: duplicate iso3 {country.iso3}")
        countries[country.iso3] = country
        for raw in forms:
            marked = raw.startswith("~")
            form = raw.lstrip("~").strip()
            key = form.casefold()
            if marked:
                if key in owner:
                    raise DataError(
                        f"{path}:{lineno}: {form!r} is ~ambiguous here but not on line "
                        f"{owner[key][1]}"
                    )
                ambiguous.add(key)
                blockers.update(_variants(form))
                continue
            if key in ambiguous:
                raise DataError(f"{path}:{lineno}: {form!r} is marked ~ambiguous elsewhere")
            prev = owner.get(key)
            if prev is not None and prev[0] != country.iso3:
                raise DataError(
                    f"{path}:{lineno}: {form!r} also names {prev[0]} (line {prev[1]}); "
                    "mark it ~ambiguous in both rows or remove one"
                )
            owner[key] = (country.iso3, lineno)
            for v in _variants(form):
                surface[v] = country.iso3
    for lineno, country, forms in rows:
        own = [f.lstrip("~") for f in forms]
        for phrase in country.exclusions:
            if phrase.casefold() in owner:
                raise DataError(f"{path}:{lineno}: exclusion {phrase!r} is itself a country form")
            if not any(f in phrase for f in own):
                raise DataError(
                    f"{path}:{lineno}: exclusion {phrase!r} contains no form of {country.iso3}"
                )
            blockers.update(_variants(phrase))
    exact = {f: iso for f, iso in surface.items() if _is_abbreviation(f)}
    folded = {f.casefold(): iso for f, iso in surface.items() if not _is_abbreviation(f)}
    terms = tuple(sorted(surface.items(), key=lambda t: (-len(t[0]), t[0], t[1])))
    return _Table(countries, exact, folded, frozenset(ambiguous), terms, tuple(sorted(blockers)))


@cache
def _table() -> _Table:
    return _build(COUNTRIES_FILE)


def countries() -> dict[str, Country]:
    """Every country in the table, keyed by ISO3."""
    return dict(_table().countries)


def country_name(iso3: str) -> str | None:
    """The short English name for an ISO3 code (``"ARM"`` → ``"Armenia"``), else None."""
    country = _table().countries.get(iso3.strip().upper())
    return country.name if country else None


def country_of(text: str) -> str | None:
    """ISO3 of a whole phrase that is a country name, alias or demonym, else None.

    Case-insensitive except for abbreviations (``US``, ``DRC``), which must be written in
    capitals; a leading "the" and a trailing possessive ('s, ') are ignored; ambiguous forms
    ("Korea", "Congo") give None.
    """
    phrase = " ".join(text.split()).replace("’", "'")
    phrase = _POSSESSIVE.sub("", _LEADING_THE.sub("", phrase)).strip()
    if not phrase:
        return None
    table = _table()
    if phrase in table.exact:
        return table.exact[phrase]
    return table.folded.get(phrase.casefold())


def country_terms() -> list[tuple[str, str]]:
    """Every (surface form, ISO3), longest form first, for building matchers.

    Ambiguous forms are left out; forms are written as in running text (capitalized).
    """
    return list(_table().terms)


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    table = _table()
    lookup = dict(table.terms)
    # Headlines write names in capitals; short forms stay exact ("THAI" is fine, "US" is itself).
    for form, iso3 in table.terms:
        upper = form.upper()
        if len(form) >= 4 and upper not in lookup and upper.casefold() not in table.ambiguous:
            lookup[upper] = iso3
    alternatives = sorted(set(lookup) | set(table.blockers), key=lambda f: (-len(f), f))
    pattern = r"(?<!\w)(?:" + "|".join(re.escape(f) for f in alternatives) + r")(?!\w)"
    return re.compile(pattern), lookup


def find_countries(text: str) -> list[tuple[int, int, str]]:
    """Every country name/alias/demonym mention as (start, end, ISO3), in text order.

    Whole words, case as written in the table (or all capitals), longest form first; a
    possessive 's is left outside the span. Ambiguous forms and excluded phrases
    ("Indian Ocean", "Latin American") are skipped along with the shorter forms inside them.
    """
    pattern, lookup = _matcher()
    found: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        iso3 = lookup.get(m.group(0))
        if iso3 is not None:
            found.append((m.start(), m.end(), iso3))
    return found
