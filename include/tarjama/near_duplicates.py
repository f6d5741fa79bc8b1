"""Near-duplicates: the same wire story republished by several outlets, lightly edited.

MinHash over word 3-shingles of the normalised body (diacritics and tatweel dropped, alef,
ya and ta marbuta forms folded, digits made ASCII, punctuation removed), 64 permutations,
banded 32 × 2 for lookup. Two bodies whose estimated Jaccard similarity reaches THRESHOLD are
one story. The threshold comes from measured pairs (`python bench/ingest.py --json`, key
`near_duplicates`): edited republications scored 0.41–0.64 (a real AP story on two sites: 0.47),
different stories on the same topic 0.05 and below.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import deque
from dataclasses import dataclass

import numpy as np

from tarjama.text import fold_arabic

THRESHOLD = 0.3
MAX_REMEMBERED = 20_000  # documents a run keeps in memory; older ones are found through the index
PERMUTATIONS = 64
BANDS = 32
SHINGLE_WORDS = 3
_PRIME = np.uint64(4294967311)  # the first prime above 2**32
_rng = np.random.default_rng(20241130)
_A = _rng.integers(1, 2**31, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**31, PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    signature: np.ndarray  # PERMUTATIONS uint32 minima

    @property
    def bands(self) -> list[str]:
        rows = PERMUTATIONS // BANDS
        return [
            f"{band:02d}{zlib.crc32(self.signature[band * rows : (band + 1) * rows].tobytes()):08x}"
            for band in range(BANDS)
        ]

    def similarity(self, other: Fingerprint) -> float:
        return float(np.mean(self.signature == other.signature))

    def to_hex(self) -> str:
        return self.signature.astype(">u4").tobytes().hex()

    @classmethod
    def from_hex(cls, text: str) -> Fingerprint:
        return cls(np.frombuffer(bytes.fromhex(text), dtype=">u4").astype(np.uint32))


def words(text: str) -> list[str]:
    text = fold_arabic(unicodedata.normalize("NFKC", text), loose=True).casefold()
    return _WORD.findall(text)


def fingerprint(text: str) -> Fingerprint | None:
    """None for a text too short to have a shingle."""
    tokens = words(text)
    if len(tokens) < SHINGLE_WORDS:
        return None
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
    permuted = (np.outer(hashes, _A) + _B) % _PRIME
    return Fingerprint(permuted.min(axis=0).astype(np.uint32))


@dataclass(frozen=True)
class Known:
    """A document already assigned to a story, as a candidate for the next one."""

    id: str
    story_id: str
    fingerprint: Fingerprint


class StoryIndex:
    """Assigns each new document to the story of its most similar known document, or a new one."""

    def __init__(self, capacity: int = MAX_REMEMBERED):
        self.capacity = capacity
        self._by_band: dict[str, list[Known]] = {}
        self._order: deque[Known] = deque()

    def add(self, known: Known) -> None:
        for band in known.fingerprint.bands:
            self._by_band.setdefault(band, []).append(known)
        self._order.append(known)
        if len(self._order) > self.capacity:
            oldest = self._order.popleft()
            for band in oldest.fingerprint.bands:
                self._by_band[band].remove(oldest)
                if not self._by_band[band]:
                    del self._by_band[band]

    def match(self, fingerprint: Fingerprint, also: list[Known] = (), exclude: str = "") -> tuple[Known, float] | None:
        """The most similar known document at or above THRESHOLD; `also` adds candidates found elsewhere."""
        candidates = {k.id: k for band in fingerprint.bands for k in self._by_band.get(band, ())}
        candidates.update((k.id, k) for k in also)
        candidates.pop(exclude, None)
        scored = [(fingerprint.similarity(k.fingerprint), k.id, k) for k in candidates.values()]
        best = max(scored, default=None, key=lambda s: (s[0], s[1]))
        return (best[2], best[0]) if best and best[0] >= THRESHOLD else None
