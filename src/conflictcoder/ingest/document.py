"""Put ingest together: one RawInput in, one Document out (or a clean InputError)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.geo.gazetteer import load_gazetteer
from conflictcoder.ingest.dateline import parse_dateline
from conflictcoder.ingest.decode import normalize_newlines
from conflictcoder.ingest.furniture import find_furniture
from conflictcoder.ingest.html import read_html
from conflictcoder.ingest.issuer import find_issuer
from conflictcoder.ingest.language import detect_languages
from conflictcoder.ingest.sources import clean_input, iter_inputs
from conflictcoder.records import Document, RawInput, Rejection

# Below this many letters language identification is guesswork: such texts are not checked.
MIN_LETTERS_FOR_LANGUAGE = 20
# A supported language this far down the candidates still counts when the best is unsure.
_UNSURE_SCORE = 0.5
_RUNNER_UP_SCORE = 0.2
_LETTER = re.compile(r"[^\W\d_]")
_CRAWL_KEYS = frozenset({"crawled", "fetched", "retrieved"})


def build_document(raw: RawInput, config: Config) -> Document:
    """The Document for ``raw``: text, id, title, published, dateline, language, furniture,
    issuer.

    HTML is reduced to its main text first. ``id`` is ``raw.id`` or the first 16 hex digits
    of the text's SHA-256. ``published`` is the metadata date, else the dateline's date.
    Raises InputError when the text is empty or not in one of ``config.languages``; texts
    with fewer than 20 letters are not language-checked (their language is None).
    """
    raw = clean_input(raw)  # lone surrogates, whatever the input came through
    name = raw.path or raw.id or "the input"
    text, title, published = raw.text, raw.title, raw.published
    notes = raw.notes
    if raw.kind == "html":
        text, html_title, html_published, html_notes = read_html(raw.text)
        notes = (*notes, *html_notes)
        title = title or html_title
        published = published or html_published
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError(f"{name} is empty (no text to code); give a report with text in it")
    language = _language(text, name, config)
    dateline = parse_dateline(
        text, reference=published, crawled=_crawled(raw), is_place=_place_lookup(config)
    )
    removed = find_furniture(text)
    return Document(
        id=raw.id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        path=raw.path,
        text=text,
        title=title,
        url=raw.url,
        published=published or (dateline.date if dateline else None),
        dateline=dateline,
        language=language,
        issuer=find_issuer(text, removed),
        removed=removed,
        notes=notes,
    )


def _crawled(raw: RawInput) -> dt.date:
    """When the text was fetched (a ``crawled``/``fetched``/``retrieved`` metadata date), else
    today, the day it is ingested: a dateline without a year is dated on or before it."""
    for key, value in raw.meta:
        if key in _CRAWL_KEYS:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return dt.date.today()


def _place_lookup(config: Config) -> Callable[[str], bool]:
    """Whether a dateline city is a place the gazetteer knows (and not a common word)."""
    gazetteer = load_gazetteer(config)
    return lambda name: bool(gazetteer.candidates(name)) and not gazetteer.is_common_word(name)


def _language(text: str, name: str, config: Config) -> str | None:
    if len(_LETTER.findall(text[:4000])) < MIN_LETTERS_FOR_LANGUAGE:
        return None
    candidates = detect_languages(text, k=3)
    if not candidates:
        return None
    best, score = candidates[0]
    if best in config.languages:
        return best
    if score < _UNSURE_SCORE:
        for lang, other in candidates[1:]:
            if lang in config.languages and other >= _RUNNER_UP_SCORE:
                return lang
    supported = ", ".join(config.languages)
    raise InputError(
        f"{name} is in {best} (score {score:.2f}), not {_names(config.languages)};"
        f" only {supported} is supported for now"
    )


def _names(codes: Sequence[str]) -> str:
    return " or ".join("English" if code == "en" else code for code in codes)


def iter_documents(
    paths: Sequence[str], config: Config, stdin: BinaryIO | None = None
) -> Iterator[Document | Rejection]:
    """``iter_inputs`` then ``build_document``: a Document or a Rejection per input, in order."""
    for item in iter_inputs(paths, config, stdin):
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            yield build_document(item, config)
        except InputError as exc:
            yield Rejection(id=item.id, path=item.path, stage=exc.stage, reason=str(exc))
