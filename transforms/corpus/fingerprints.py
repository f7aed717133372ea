"""Tokens, hashed word shingles and MinHash sketches shared by the corpus-wide similarity steps.

Near-duplicates, stories and text reuse all compare articles by the words they share.  They
tokenise the same way here so that a "word" means the same thing everywhere (and so that the
``words`` counted for a reuse passage match its offsets).  Words are hashed once per distinct
spelling (cached), shingles are combined from word hashes with numpy, and sketches use
datasketch with the hash values fed straight in: no per-shingle string building or SHA-1, which
is what keeps the whole corpus pass at minutes for 100k articles.

Hashes come from BLAKE2b, never Python's ``hash()`` (salted per process), so ids and outputs are
the same on every run.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from unidecode import unidecode

from transforms.records import CorpusArticle

LOGGER = logging.getLogger(__name__)

# A word: letters/digits, with inner apostrophes kept ("Tkachenko's" is one word).
WORD_RE = re.compile(r"\w+(?:['\u2019]\w+)*")
_SPLIT_RE = re.compile("(" + WORD_RE.pattern + ")")  # split keeps the words: gap, word, gap...

NUM_PERM = 128
MINHASH_SEED = 7
_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier for the polynomial shingle hash
_MASK32 = np.uint64(0xFFFFFFFF)
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)


@lru_cache(maxsize=1 << 20)
def normalise_word(word: str) -> str:
    """Fold case, accents and apostrophe variants so "Gdańsk's" and "GDANSK\u2019S" match."""
    return unidecode(word.replace("\u2019", "'")).casefold()


def _blake64(word: str) -> int:
    digest = hashlib.blake2b(normalise_word(word).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class _HashCache(dict[str, int]):
    """Spelling -> hash; a dict lookup (C-level ``__getitem__``) is twice as fast as lru_cache
    on the hot path, and cleared when huge so a long-lived process stays bounded."""

    limit = 1 << 21

    def __missing__(self, word: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = _blake64(word)
        return value


_WORD_HASHES = _HashCache()


def forget_caches() -> None:
    """Drop the per-spelling caches (see ``transforms.corpus.caches``)."""
    normalise_word.cache_clear()
    _WORD_HASHES.clear()


def word_hash(word: str) -> int:
    """Stable 64-bit hash of a word's normalised form."""
    return _WORD_HASHES[word]


def words(text: str) -> list[str]:
    """The words of ``text`` in order (the same sequence :func:`word_spans` locates)."""
    return WORD_RE.findall(text)


def word_spans(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end character offsets of every word, as int64 arrays.

    Built from the lengths of the split pieces (C-level), not per-match objects: this runs on
    every article that takes part in a reuse passage.
    """
    parts = _SPLIT_RE.split(text)
    bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    return bounds[0:-1:2].copy(), bounds[1::2].copy()


def word_hashes(tokens: Sequence[str]) -> np.ndarray:
    """Hash every word (uint64), via the per-spelling cache."""
    return np.fromiter(map(_WORD_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _mix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3 finaliser: spreads the polynomial combination over all 64 bits."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def shingle_hashes(hashes: np.ndarray, k: int) -> np.ndarray:
    """Hash of each run of ``k`` consecutive words (position i covers words i..i+k-1).

    A text shorter than ``k`` words yields one shingle for all of it, so very short articles can
    still be compared instead of silently vanishing.
    """
    n = len(hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    k = min(k, n)
    width = n - k + 1
    acc = np.zeros(width, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = acc * _MULT + hashes[j : j + width]
        return _mix64(acc)


def fold32(hashes: np.ndarray) -> np.ndarray:
    """Fold 64-bit hashes to 32 bits (datasketch's default scheme takes 32-bit values)."""
    return ((hashes >> np.uint64(32)) ^ (hashes & _MASK32)).astype(np.uint32)


def minhashes(hash_sets: Iterable[np.ndarray]) -> list[LeanMinHash]:
    """One compact MinHash per set of 32-bit hashes, sharing one set of permutations."""
    out: list[LeanMinHash] = []
    for values in hash_sets:
        sketch = MinHash(
            num_perm=NUM_PERM,
            permutations=_TEMPLATE.permutations,
            scheme=_TEMPLATE.scheme,
            hashfunc=int,
        )
        if len(values):
            sketch.update_batch(values.tolist())
        out.append(LeanMinHash(sketch))
    return out


@lru_cache(maxsize=16)
def lsh_layout(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) datasketch's LSH picks for a threshold (it integrates for them,
    so once per threshold)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys_of(hashvalues: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One signed 64-bit key per band: a hash of the band's slice of a sketch and its index.

    Equal keys mean equal slices (up to 64-bit collisions, which the exact test after it
    rejects), i.e. exactly datasketch's LSH candidate rule, but as plain integers a table and
    a SQL join can hold.
    """
    values = np.asarray(hashvalues[: bands * rows], dtype=np.uint64).reshape(bands, rows)
    with np.errstate(over="ignore"):
        acc = np.arange(1, bands + 1, dtype=np.uint64) * _MULT
        for col in range(rows):
            acc = (acc ^ values[:, col]) * _MULT
        acc ^= acc >> np.uint64(29)
    return acc.view(np.int64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two arrays of unique hashes."""
    if not len(a) and not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def time_key(value: datetime | None) -> float | None:
    """POSIX seconds for ordering; naive datetimes are taken as UTC so mixed inputs compare."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def unique_articles(articles: Iterable[CorpusArticle]) -> list[CorpusArticle]:
    """One article per id, sorted by id: makes every result independent of input order.

    When an id repeats (the same body seen twice), the copy with a date, then a title, wins.
    """
    best: dict[str, CorpusArticle] = {}
    for art in articles:
        kept = best.get(art.article_id)
        if kept is None or _richness(art) > _richness(kept):
            best[art.article_id] = art
    return [best[key] for key in sorted(best)]


def _richness(art: CorpusArticle) -> tuple[bool, float, bool, bool, str, str]:
    key = time_key(art.published_at)
    return (
        key is not None,
        -key if key is not None else 0.0,  # the earlier date wins
        art.title is not None,
        art.outlet is not None,
        art.title or "",
        art.outlet or "",
    )


def seniority(art: CorpusArticle) -> tuple[bool, float, int, str]:
    """Sort key: lower means "more original" (dated and earlier, then longer, then smaller id)."""
    key = time_key(art.published_at)
    return (key is None, key if key is not None else 0.0, -len(art.body), art.article_id)


class UnionFind:
    """Disjoint sets over 0..n-1; the root of a set is always its smallest member (stable)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        """Root of ``x``'s set, with path halving."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb
