"""Which event of a sentence a count or a place belongs to, read from the dependency tree.

In a sentence with several events each count and place goes to the trigger it hangs
nearest to in the tree ("Police dispersed the march, and a bomb later killed four" gives
the four dead to the bomb). A place inside the subject of a reporting verb is the
speaker's seat ("officials in the capital said ..."), not where the reported event took
place, unless the event itself is inside that subject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.events.attribution import REPORTING
from conflictcoder.geo.resolve import PlaceMention


def _path_up(token: Token) -> list[int]:
    """``token`` and its heads up to the root of its sentence."""
    path = [token.i]
    while token.head.i != token.i and len(path) < 200:
        token = token.head
        path.append(token.i)
    return path


def tree_distance(a: Token, b: Token) -> int:
    """Number of arcs between two tokens of one sentence."""
    up_a, up_b = _path_up(a), _path_up(b)
    depth_b = {i: n for n, i in enumerate(up_b)}
    for n, i in enumerate(up_a):
        if i in depth_b:
            return n + depth_b[i]
    return len(up_a) + len(up_b)


def span_root(sent: SpacySpan, offset: int, start: int, end: int) -> Token | None:
    """The token of ``text[start:end]`` (document characters) whose head lies outside it."""
    doc = sent.doc
    span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def nearest(token: Token, heads: Iterable[int]) -> int | None:
    """The head among ``heads`` (token indices) nearest to ``token`` in the tree; a tie goes
    to the one nearer in the text."""
    doc = token.doc
    ranked = sorted(heads, key=lambda h: (tree_distance(token, doc[h]), abs(h - token.i)))
    return ranked[0] if ranked else None


def owned_by(
    sent: SpacySpan, offset: int, group: set[int], everyone: set[int]
) -> Callable[[int, int], bool]:
    """A test of document characters (start, end): True when the words there hang nearest
    to one of the ``group`` triggers among ``everyone`` of the sentence."""

    def owns(start: int, end: int) -> bool:
        root = span_root(sent, offset, start, end)
        if root is None:
            return True
        return nearest(root, everyone) in group

    return owns


def speaker_seat(token: Token, trigger: Token) -> bool:
    """True when ``token`` lies in the subject of a reporting verb ("officials *in Kabul*
    said") and the trigger does not."""
    for i in _path_up(token):
        word = token.doc[i]
        if word.dep_ in ("nsubj", "nsubjpass") and str(word.head.lemma_) in REPORTING:
            return trigger.i not in {t.i for t in word.subtree}
    return False


def event_places(
    places: list[PlaceMention],
    sent: SpacySpan,
    offset: int,
    trigger: int,
    owns: Callable[[int, int], bool] | None = None,
) -> list[PlaceMention]:
    """The places of the sentence where the event of ``trigger`` happened: never a
    speaker's seat; with ``owns``, those hanging nearest to this event, else all the rest."""
    head = sent.doc[trigger]
    lo, hi = offset + sent.start_char, offset + sent.end_char
    kept = []
    for place in places:
        if not (lo <= place.span.start and place.span.end <= hi):
            kept.append(place)  # carried from an earlier sentence: its own reading stands
            continue
        root = span_root(sent, offset, place.span.start, place.span.end)
        if root is not None and speaker_seat(root, head):
            continue
        kept.append(place)
    if owns is None:
        return kept
    own = [
        p
        for p in kept
        if lo <= p.span.start and p.span.end <= hi and owns(p.span.start, p.span.end)
    ]
    return own or kept
