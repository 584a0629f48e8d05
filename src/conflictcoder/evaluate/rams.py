"""RAMS passages (``rams``): one annotated event per five-sentence news window, with its
arguments anywhere in the window.

Gold: ``dev.jsonlines`` (RAMS 1.0 development split, 924 passages; Ebner, Xia, Culkin,
Rawlins and Van Durme, "Multi-Sentence Argument Linking", ACL 2020; CC BY-SA 4.0). There is
no test split here: it is development only.

Our text is the passage's tokens joined by spaces, except that no space goes before closing
punctuation and clitics ("," "." "'s" "n't" ...) or after opening brackets; sentences are
joined by one space (the window is one stretch of an article). Token offsets (inclusive
ends, over the window's tokens) are moved onto that text. Other events in the window are
not annotated, so only the annotated event's sentence counts for trigger precision.
Scoring: ``evaluate.arguments``.
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

GOLD_NAME = "dev.jsonlines"
# Tokenizer conventions (Penn Treebank style), not words: what sticks to its neighbour.
NO_SPACE_BEFORE = frozenset(
    {
        ",",
        ".",
        ";",
        ":",
        "!",
        "?",
        ")",
        "]",
        "}",
        "%",
        "'s",
        "'S",
        "n't",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
        "''",
        "’s",
    }
)
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``"})


def _bad(doc: str, why: str) -> InputError:
    return InputError(f"rams passage {doc}: {why}", stage="evaluate")


def detokenize(sentences: list[list[str]]) -> tuple[str, list[tuple[int, int]], list[int]]:
    """(text, each token's [start, end) in it, each token's sentence number)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    owner: list[int] = []
    at = 0
    previous: str | None = None
    for number, words in enumerate(sentences):
        for word in words:
            if (
                previous is not None
                and word not in NO_SPACE_BEFORE
                and (previous not in NO_SPACE_AFTER)
            ):
                out.append(" ")
                at += 1
            out.append(word)
            spans.append((at, at + len(word)))
            owner.append(number)
            at += len(word)
            previous = word
    return "".join(out), spans, owner


def passage(row: dict[str, Any]) -> Passage:
    """One window as a Passage; InputError naming the passage when a field is malformed."""
    doc = str(row.get("doc_key", "?"))
    sentences = row.get("sentences")
    if not isinstance(sentences, list) or not all(
        isinstance(s, list) and all(isinstance(w, str) for w in s) for s in sentences
    ):
        raise _bad(doc, "sentences must be lists of tokens")
    text, spans, owner = detokenize(sentences)
    starts: dict[int, int] = {}
    for i, number in enumerate(owner):
        starts.setdefault(number, spans[i][0])
    ends = {number: spans[i][1] for i, number in enumerate(owner)}

    def chars(pair: object) -> tuple[int, int, int]:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(v, int) for v in pair)
            or not 0 <= pair[0] <= pair[1] < len(spans)
        ):
            raise _bad(doc, f"bad token range {pair!r}")
        return owner[pair[0]], spans[pair[0]][0], spans[pair[1]][1]

    events = []
    for number, trigger in enumerate(row.get("evt_triggers") or ()):
        try:
            first, last, kinds = trigger
            gold_type = str(kinds[0][0])
        except (TypeError, ValueError, IndexError) as exc:
            raise _bad(doc, f"malformed trigger {trigger!r}") from exc
        sentence, start, end = chars([first, last])
        args = []
        for link in row.get("gold_evt_links") or ():
            if not isinstance(link, list) or len(link) != 3 or link[0] != [first, last]:
                continue
            field = arguments.role_field(str(link[2]))
            if field is None:
                continue
            _, a_start, a_end = chars(link[1])
            args.append(GoldArgument(field, str(link[2]), a_start, a_end, text[a_start:a_end]))
        events.append(
            GoldEvent(
                f"{doc}#{number}",
                gold_type,
                arguments.gold_family(gold_type),
                Span(start, end, text[start:end]),
                (starts[sentence], ends[sentence]),
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
