"""Near-duplicates: syndicated copies and re-posts of a stored article (MinHash LSH, datasketch).

A document's signature is the MinHash of its word shingles (lower-cased, `SHINGLE_WORDS` words
each). The LSH index finds stored documents whose estimated Jaccard similarity may reach
`THRESHOLD`; the estimate is checked, and the earliest stored match is the first copy the new
document is linked to. Exact duplicates (the same bytes) never get here: their id is their hash.
Signatures are kept in the store (`minhashes` table) so that a later run sees earlier ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

# Tuned constants: set by hand so that the same Wikinews article under two site templates (the
# bench pages) is a near-duplicate and two different articles on one topic are not. Re-run
# tests/test_ingest_dedup.py and `make bench` if you change them.
#: Estimated Jaccard similarity of shingle sets at or above which a text is a copy.
THRESHOLD = 0.8
#: Words per shingle.
SHINGLE_WORDS = 3
#: MinHash permutations (128: about ±0.04 error on the estimate; 512 bytes per stored signature).
NUM_PERM = 128
#: datasketch's hashing scheme (32-bit values); stored signatures are only valid with it.
SCHEME = "affine32"
#: Texts with fewer words than this are never called near-duplicates (too few shingles: two
#: short notices "Talks resumed on Monday." would match on boilerplate alone).
MIN_WORDS = 40
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash | None:
    """The MinHash of `text`, or None when it is too short to compare."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
                for i in range(len(words) - SHINGLE_WORDS + 1)}
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch(list(shingles))
    return m


def to_bytes(m: MinHash) -> bytes:
    return m.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=1, hashvalues=values, scheme=SCHEME)


class NearDuplicates:
    """An in-memory LSH index of stored documents' signatures, in the order they were stored.

    Per document it keeps the LSH band keys and the 128 hash values (about 1 KB in all), not the
    MinHash object with its permutation tables.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._order: dict[str, int] = {}
        self._sigs: dict[str, np.ndarray] = {}
        self._added = 0

    def __len__(self) -> int:
        return len(self._order)

    def load(self, pairs: Iterable[tuple[str, bytes]]) -> None:
        """Add stored (doc id, signature bytes) pairs, oldest first."""
        for doc_id, data in pairs:
            self.add(doc_id, from_bytes(data))

    def add(self, doc_id: str, sig: MinHash | LeanMinHash) -> None:
        if doc_id in self._order:
            return
        self._lsh.insert(doc_id, sig)
        self._order[doc_id] = self._added
        self._added += 1
        self._sigs[doc_id] = sig.hashvalues

    def remove(self, doc_id: str) -> None:
        """Forget a document (one whose storing failed after it was added here)."""
        if doc_id in self._order:
            self._lsh.remove(doc_id)
            del self._order[doc_id], self._sigs[doc_id]

    def first_copy(self, sig: MinHash) -> tuple[str, float] | None:
        """(id of the earliest stored document this is a copy of, estimated similarity)."""
        matches = []
        for doc_id in self._lsh.query(sig):
            sim = float(np.count_nonzero(sig.hashvalues == self._sigs[doc_id])) / NUM_PERM
            if sim >= self.threshold:
                matches.append((self._order[doc_id], doc_id, sim))
        if not matches:
            return None
        _, doc_id, sim = min(matches)
        return doc_id, round(sim, 3)
