"""Near-duplicate fingerprints: wire copies and syndicated reprints of one story.

A copy of a wire story (another outlet's reprint, a headline changed, a byline or a paragraph
added) is the same source told twice, and fusion must count it once. Each document gets a
MinHash signature (``datasketch``) over its word 5-shingles: ``NUM_PERM`` 32-bit values, so a
fingerprint is 1 KB whatever the length of the text, and the text is hashed in chunks of
``CHUNK`` shingles, so memory stays bounded for a 10 MB input too.

Lookup is banded LSH kept in the database (table ``fingerprint_bands``): the signature is cut
into ``BANDS`` bands of ``ROWS`` values, each band hashed to one indexed integer. Two texts
share at least one band with probability 1 - (1 - J^ROWS)^BANDS for Jaccard similarity J:
0.98 at J = 0.5, 0.998 at 0.6, 0.41 at 0.3, 0.006 at 0.1. A new document looks up its 64
band keys (one indexed query), and only the documents found there are compared, by their stored
signatures, against ``THRESHOLD`` (256 values: the estimate's standard error is 0.03 at
J = 0.5, where 128 gave 0.044 and linked a 0.42 pair of the corpus). No other pair of
documents is ever compared, so the cost of a lookup depends on how many near-copies exist,
not on the size of the store.

The band table lives in SQL rather than in an in-memory ``MinHashLSH`` so that nothing has
to be rebuilt when a store is opened, several ingest processes see each other's documents,
and 100,000 documents cost 6.4 million small index rows instead of resident memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 256
BANDS = 64
ROWS = NUM_PERM // BANDS
SHINGLE = 5  # words per shingle
THRESHOLD = 0.5  # estimated Jaccard similarity of the shingle sets at which a text is a copy
MIN_SHINGLES = 20  # shorter texts (a one-line statement) are not fingerprinted: too little to tell
CHUNK = 4096  # shingles hashed at once (bounds the (CHUNK, NUM_PERM) work array)
# Fixed, with datasketch's hashing scheme named: stored signatures must stay comparable with
# new ones (datasketch 2 changed its default scheme once already).
SEED = 1
SCHEME = "affine32"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash signature and its LSH band keys."""

    signature: bytes  # NUM_PERM little-endian uint32 values
    bands: tuple[int, ...]  # BANDS signed 64-bit keys, each naming (band number, band values)


def _words(text: str, removed: Sequence[tuple[int, int]]) -> Iterator[str]:
    """The lower-cased words of ``text`` outside the removed spans (furniture differs between
    outlets that reprint one story, so it never counts)."""
    start = 0
    for a, b in sorted(removed):
        for match in _WORD.finditer(text, start, max(start, a)):
            yield match.group(0).casefold()
        start = max(start, b)
    for match in _WORD.finditer(text, start):
        yield match.group(0).casefold()


def _shingles(words: Iterable[str]) -> Iterator[bytes]:
    window: list[str] = []
    for word in words:
        window.append(word)
        if len(window) > SHINGLE:
            del window[0]
        if len(window) == SHINGLE:
            yield " ".join(window).encode("utf-8")


def fingerprint(text: str, removed: Sequence[tuple[int, int]] = ()) -> Fingerprint | None:
    """The fingerprint of ``text`` (without ``removed`` spans), or None when it has fewer than
    MIN_SHINGLES distinct shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    chunk: list[bytes] = []
    distinct: set[bytes] = set()
    for shingle in _shingles(_words(text, removed)):
        if len(distinct) < MIN_SHINGLES:
            distinct.add(shingle)
        chunk.append(shingle)
        if len(chunk) >= CHUNK:
            minhash.update_batch(chunk)
            chunk = []
    if chunk:
        minhash.update_batch(chunk)
    if len(distinct) < MIN_SHINGLES:
        return None
    values = np.asarray(minhash.hashvalues, dtype="<u4")
    return Fingerprint(signature=values.tobytes(), bands=band_keys(values))


def band_keys(values: np.ndarray) -> tuple[int, ...]:
    """One signed 64-bit key per band (band number and its values hashed together)."""
    keys = []
    for band in range(BANDS):
        part = values[band * ROWS : (band + 1) * ROWS].astype("<u4").tobytes()
        digest = hashlib.blake2b(bytes([band]) + part, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return tuple(keys)


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two stored signatures (share of equal values)."""
    x = np.frombuffer(a, dtype="<u4")
    y = np.frombuffer(b, dtype="<u4")
    if x.shape != y.shape or not len(x):
        return 0.0
    return float(np.count_nonzero(x == y)) / len(x)
