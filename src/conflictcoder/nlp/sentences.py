"""A cap on sentence length before the parser: a run of tokens with no sentence end in it
(a page flattened to one line, a list without full stops) is cut into pieces the parser
and the event rules can afford.

Only runs longer than ``MAX_SENTENCE_TOKENS`` are touched: inside one, a piece ends after
the last clause mark (semicolon, colon, comma, dash) in its second half, else after
``MAX_SENTENCE_TOKENS`` tokens. The parser keeps the boundaries set here and finds every
other sentence itself, so ordinary prose is parsed exactly as before.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

# Longer than any sentence of ordinary reporting (the longest in our corpus is ~150 tokens).
MAX_SENTENCE_TOKENS = 300
# Tokens after which a sentence ends for sure, and those after which a clause may end.
_ENDS = frozenset({".", "!", "?", "…"})
_CLAUSE_MARKS = frozenset({";", ":", ",", "—", "–", "-"})


def _ends_run(token: Token) -> bool:
    return token.text in _ENDS or (token.is_space and "\n" in token.text)


def _cuts(doc: Doc, start: int, end: int, limit: int) -> list[int]:
    """Token indices in ``(start, end)`` that begin a new piece of the run ``[start, end)``."""
    cuts: list[int] = []
    while end - start > limit:
        cut = start + limit
        for i in range(start + limit - 1, start + limit // 2, -1):
            if doc[i].text in _CLAUSE_MARKS:
                cut = i + 1
                break
        cuts.append(cut)
        start = cut
    return cuts


def cap_sentences(doc: Doc, limit: int = MAX_SENTENCE_TOKENS) -> Doc:
    """Mark sentence starts inside every run of more than ``limit`` tokens without an end."""
    start = 0
    for i, token in enumerate(doc):
        if _ends_run(token):
            if i + 1 - start > limit:
                for cut in _cuts(doc, start, i + 1, limit):
                    doc[cut].is_sent_start = True
            start = i + 1
    if len(doc) - start > limit:
        for cut in _cuts(doc, start, len(doc), limit):
            doc[cut].is_sent_start = True
    return doc


@Language.component("conflictcoder_sentence_cap")
def _sentence_cap(doc: Doc) -> Doc:
    return cap_sentences(doc)
