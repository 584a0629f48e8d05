"""WikiEvents documents (``wikievents``): event triggers and arguments in news articles.

Gold: ``dev.jsonl`` (WikiEvents v1.0 development split: 20 documents, 345 event mentions;
Li, Ji and Han, NAACL 2021; MIT licence). There is no test split here: it is development only.

Our text is the document's sentences, each its own ``sentences`` text, joined by one line
break (the source text runs a headline into the next sentence without a space). Each token is
found left to right in its sentence's text; trigger and entity offsets (document token
indices, end exclusive) are moved onto our text through them; an argument's span is its
entity mention. Scoring: ``evaluate.arguments``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.evaluate import arguments
from conflictcoder.evaluate.arguments import GoldArgument, GoldEvent, Passage
from conflictcoder.evaluate.common import Tick, gold_file, read_jsonl
from conflictcoder.evaluate.report import Scores
from conflictcoder.records import Span

GOLD_NAME = "dev.jsonl"


def _bad(doc: str, why: str) -> InputError:
    return InputError(f"wikievents document {doc}: {why}", stage="evaluate")


def _locate(sentence: str, words: list[str]) -> list[tuple[int, int]] | None:
    """Each token's [start, end) in its sentence's text, found left to right; None when one
    is missing. (The file's character offsets drift from its ``text`` as a document goes on,
    by one more character at each of some sentence breaks, so they are not used.)"""
    out: list[tuple[int, int]] = []
    at = 0
    for word in words:
        found = sentence.find(word, at)
        if found < 0:
            return None
        out.append((found, found + len(word)))
        at = found + len(word)
    return out


def passage(row: dict[str, Any]) -> Passage:
    """One document as a Passage; InputError naming the document when a field is malformed."""
    doc = str(row.get("doc_id", "?"))
    source = row.get("text")
    sentences = row.get("sentences")
    if not isinstance(source, str) or not isinstance(sentences, list):
        raise _bad(doc, "needs text and sentences")
    parts: list[str] = []
    bounds: list[tuple[int, int]] = []
    tokens: list[tuple[int, int, int]] = []  # (sentence, start, end) in our text
    at = 0
    try:
        for number, (words, sentence_text) in enumerate(sentences):
            located = _locate(str(sentence_text), [str(w[0]) for w in words])
            if located is None:
                raise _bad(doc, f"sentence {number}: its tokens are not in its text")
            parts.append(str(sentence_text))
            bounds.append((at, at + len(sentence_text)))
            tokens.extend((number, at + start, at + end) for start, end in located)
            at += len(sentence_text) + 1
    except (TypeError, ValueError, IndexError) as exc:
        raise _bad(doc, f"malformed sentences ({exc})") from exc
    text = "\n".join(parts)

    def chars(start: object, end: object) -> tuple[int, int, int]:
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            raise _bad(doc, f"bad token range {start!r}..{end!r}")
        if end > len(tokens):
            raise _bad(doc, f"token range {start}..{end} past the last token")
        return tokens[start][0], tokens[start][1], tokens[end - 1][2]

    entities = {str(e.get("id")): e for e in row.get("entity_mentions") or ()}
    events = []
    for mention in row.get("event_mentions") or ():
        trigger = mention.get("trigger") or {}
        sentence, start, end = chars(trigger.get("start"), trigger.get("end"))
        args = []
        for argument in mention.get("arguments") or ():
            field = arguments.role_field(str(argument.get("role", "")))
            entity = entities.get(str(argument.get("entity_id")))
            if field is None or entity is None:
                continue
            _, a_start, a_end = chars(entity.get("start"), entity.get("end"))
            args.append(
                GoldArgument(field, str(argument["role"]), a_start, a_end, text[a_start:a_end])
            )
        gold_type = str(mention.get("event_type", ""))
        events.append(
            GoldEvent(
                str(mention.get("id", "")),
                gold_type,
                arguments.gold_family(gold_type),
                Span(start, end, text[start:end]),
                bounds[sentence],
                tuple(args),
            )
        )
    return Passage(doc, text, tuple(events))


def load(path: Path) -> list[Passage]:
    return [passage(row) for row in read_jsonl(gold_file(path, GOLD_NAME))]


def run(
    dataset: str,
    path: Path,
    split: str,
    config: Config,
    limit: int | None,
    every: int | None,
    tick: Tick,
) -> tuple[int, Scores, tuple[str, ...]]:
    return arguments.evaluate(load(path), config, limit, every, tick)
