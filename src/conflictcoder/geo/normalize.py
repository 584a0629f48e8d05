"""Lookup keys for place names, so that spelling variants of one name meet.

``name_key("Gədəbəy") == name_key("Gadabay")``; ``name_key("Şuşa") == name_key("Shusha")``.
Transliteration comes before accent stripping: stripping alone turns "Şuşa" into "susa".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters whose presence marks an Azerbaijani/Turkish spelling, where c and x are sounds
# English writes as j and kh (Cəbrayıl → Jabrayil, Xankəndi → Khankendi).
_TURKIC_MARKERS = frozenset("əışçğ")
_TURKIC_ONLY = {"c": "j", "x": "kh", "q": "g"}

# Letters that romanize to more than their stripped base letter (or to nothing).
_LETTERS = {
    "ə": "a",
    "ǝ": "a",
    "ş": "sh",
    "ș": "sh",
    "š": "sh",
    "ç": "ch",
    "č": "ch",
    "ć": "ch",
    "ğ": "gh",
    "ı": "i",
    "ž": "zh",
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ł": "l",
    "œ": "oe",
}

_E_FOR_SCHWA = {"ə": "e", "ǝ": "e"}
# Plain accent stripping, for letters that have no decomposition to a base letter.
_PLAIN = {
    "ə": "e",
    "ǝ": "e",
    "ı": "i",
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ß": "ss",
    "æ": "ae",
}

# Marks that are spelling noise between variants: apostrophes, ayn/hamza signs, primes.
_DROP = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02bf\u02be\u02c8\u02cc\u0060\u00b4\u2032‘’`]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/.,()]+")
_NON_WORD = re.compile(r"[^a-z0-9 ]")

# General romanization variants, applied to every key (both sides of a lookup).
_GENERAL = (
    (re.compile(r"dzh"), "j"),  # Russian-style Kel'badzhar → Kelbajar
    (re.compile(r"dj"), "j"),  # French-style Djibouti-style spellings
    (re.compile(r"tch"), "ch"),  # French-style Latchine → Lachin
    (re.compile(r"(?<=[a-z])(?:skiy|skyy|skyi|skii|sky|ski)\b"), "sk"),  # Slavic adjectives
    (re.compile(r"(?<=[a-z])(?:skaya|skaja)\b"), "sk"),
)
# Arabic article in front of a name: al-Raqqa / ar-Raqqah / el-Fasher.
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash|ath|adh|ul)\s+(?=\S{3,})")


def _fold(text: str, letters: dict[str, str], *, turkic: bool) -> str:
    """Casefold and romanize ``text`` to plain a-z, digits and single spaces."""
    if text.isascii():
        text = _SEPARATORS.sub(" ", _DROP.sub("", text.lower()))
        return " ".join(_NON_WORD.sub("", text).split())
    text = unicodedata.normalize("NFC", text).casefold()
    text = _DROP.sub("", text)
    out = []
    for ch in text:
        if turkic and ch in _TURKIC_ONLY:
            out.append(_TURKIC_ONLY[ch])
        else:
            out.append(letters.get(ch, ch))
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = _SEPARATORS.sub(" ", text)
    text = _NON_WORD.sub("", text)
    return " ".join(text.split())


def _general(key: str) -> str:
    for pattern, repl in _GENERAL:
        key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, ...]:
    """All lookup keys of ``name``, primary (transliterated) first, no duplicates, no empties.

    Keys are lowercase ASCII words separated by single spaces. Two names that may be
    spellings of one place share at least one key; the first key is the most faithful.
    """
    turkic = any(ch in _TURKIC_MARKERS for ch in name.casefold())
    primary = _general(_fold(name, _LETTERS, turkic=turkic))
    if name.isascii():
        keys = [primary]
        return _with_article_variants(keys, primary)
    keys = [primary]
    # ə is also written e (Gədəbəy → Gedebey), and stripping alone is how some sources write it.
    keys.append(_general(_fold(name, _LETTERS | _E_FOR_SCHWA, turkic=turkic)))
    keys.append(_general(_fold(name, _PLAIN, turkic=False)))
    return _with_article_variants(keys, primary)


def _with_article_variants(keys: list[str], primary: str) -> tuple[str, ...]:
    without_article = _ARTICLE.sub("", primary)
    keys.append(without_article)
    # Final -ah / -a, as in Raqqah / Raqqa, is a romanization choice.
    if re.search(r"[a-z]ah$", without_article):
        keys.append(without_article[:-1])
    result: list[str] = []
    for key in keys:
        if key and key not in result:
            result.append(key)
    return tuple(result)


def name_key(name: str) -> str:
    """The primary lookup key of ``name`` ("" when it has no letters or digits)."""
    keys = name_keys(name)
    return keys[0] if keys else ""


def ascii_name(name: str, *, phonetic: bool = False) -> str:
    """``name`` in ASCII, keeping its capitalization: "Çorum" → "Corum".

    With ``phonetic`` (the English habit for Azerbaijani names) letters become the
    sounds English writes: "Laçın" → "Lachin", "Xankəndi" → "Khankandi".
    """
    name = unicodedata.normalize("NFC", name)
    turkic = phonetic and any(ch in _TURKIC_MARKERS for ch in name.casefold())
    letters = _LETTERS if phonetic else _PLAIN
    pieces = []
    for ch in name:
        low = "i" if ch == "İ" else ch.casefold()
        if _DROP.fullmatch(ch):
            rep = ""
        elif turkic and low in _TURKIC_ONLY:
            rep = _TURKIC_ONLY[low]
        else:
            rep = letters.get(low, low)
        pieces.append(rep[:1].upper() + rep[1:] if ch.isupper() else rep)
    decomposed = unicodedata.normalize("NFKD", "".join(pieces))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ord(ch) < 128)
