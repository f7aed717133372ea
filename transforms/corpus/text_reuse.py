"""Text reuse: passages two articles share, aligned, with offsets into both bodies.

Outlets reprint wire copy and each other's paragraphs, often with a word changed here and
there.  Finding those passages tells who reprints whom and how much of a body is borrowed.

How, without comparing all pairs:

1. every body becomes a sequence of hashed 8-word shingles;
2. each body keeps only its *winnowed* fingerprints (the minimum hash of every window of
   ``min_words - 8 + 1`` shingles), which guarantees that any verbatim run of ``min_words``
   words shared by two bodies yields at least one shared fingerprint;
3. an inverted index (a sort of all fingerprints) pairs the bodies sharing a fingerprint;
   fingerprints found in more than ``MAX_SHARING`` bodies are stock phrases or site furniture
   and are skipped, so they cannot explode into quadratic pair lists; a fingerprint held by
   ``FURNITURE_ARTICLES`` or more articles of one outlet is that site's furniture (a "get the
   magazine delivered" footer) and pairs no two articles *of that outlet* (it still pairs
   articles of different outlets, so an outlet's several versions of a wire story do not hide
   another outlet's reprint of it);
4. only those candidate pairs are aligned: matching shingles are chained along diagonals into
   verbatim runs, and runs separated by small gaps (an edited word, a dropped clause) are merged
   into one maximal passage;
5. a passage that, on both sides, is quoted speech apart from fewer than ``min_words`` words
   (between paired quote marks, as the quote extractor pairs them) is a statement both outlets
   quote, not a reprint: the quote tables show it as a shared quote, so it is not reported.

A pair is ordered (``earlier``) by the articles' ``published_at``; when a date is missing (a
dateline without a year) or equal, the same seniority as near-duplicate originals decides
(dated first, then the longer body, then the smaller id), so ``earlier`` is never empty.

Each article's winnowed fingerprints are stored (``reuse_fingerprints``), so a night pairs only
its new articles through them, under the same rule (:func:`sharing_limits`), and aligns only
those pairs (:func:`reuse_between`); :func:`find_text_reuse` is the full pass.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from transforms.corpus.fingerprints import (
    fold32,
    seniority,
    shingle_hashes,
    unique_articles,
    word_hashes,
    word_spans,
    words,
)
from transforms.extract.quotes.marks import pair_marks, paragraphs_of
from transforms.records import CorpusArticle, ReusePassage

LOGGER = logging.getLogger(__name__)

SHINGLE_WORDS = 8  # long enough that chance matches are rare, short enough to survive edits
MAX_SHARING = 64  # a fingerprint in more bodies than this is boilerplate, not reuse
RARE_SHARING = 8  # a fingerprint in at most this many bodies pairs them on its own
MAX_GAP_WORDS = 12  # runs this close (on both sides) are one lightly edited passage
MAX_REPEATS = 4  # a shingle repeated more often inside one body is not used as an anchor
MIN_WORDS = 25  # the shortest passage reported (and the fingerprints stored are winnowed for it)
FURNITURE_ARTICLES = 3  # a fingerprint in this many articles of one outlet is that site's furniture


@dataclass(slots=True)
class _Run:
    """A stretch of aligned words: [a_s, a_e) in body a, [b_s, b_e) in body b."""

    a_s: int
    a_e: int
    b_s: int
    b_e: int
    matched: int  # words covered by verbatim shingle matches


def shingle_size(min_words: int) -> int:
    """Shingle length in words for a minimum passage length (never longer than the passage)."""
    return max(2, min(SHINGLE_WORDS, min_words))


def body_shingles(body: str, k: int) -> np.ndarray:
    """32-bit hash of every k-word shingle of ``body``, in text order (position = first word)."""
    tokens = words(body)
    if len(tokens) < k:
        return np.zeros(0, dtype=np.uint32)
    return fold32(shingle_hashes(word_hashes(tokens), k))


def winnow(shingles: np.ndarray, window: int) -> np.ndarray:
    """Sorted unique fingerprints: the minimum of every ``window`` consecutive shingles."""
    if not len(shingles):
        return shingles
    if len(shingles) <= window:
        return np.unique(shingles[[int(np.argmin(shingles))]])
    return np.unique(sliding_window_view(shingles, window).min(axis=1))


def candidate_pairs(
    fingerprints: Sequence[np.ndarray],
    max_sharing: int = MAX_SHARING,
    min_shared: int = 1,
    outlets: Sequence[str | None] | None = None,
    furniture: int | None = None,
) -> dict[tuple[int, int], int]:
    """Pairs (i < j) of bodies sharing at least ``min_shared`` fingerprints, with how many.

    One sort of all fingerprints acts as the inverted index; rare fingerprints (in 2 to
    ``max_sharing`` bodies) produce pairs, common ones are ignored.  With ``outlets``, a
    fingerprint held by ``furniture`` or more bodies of one outlet does not pair two bodies of
    that outlet (an unknown outlet is nobody's site).
    """
    n = len(fingerprints)
    if n < 2:
        return {}
    sizes = np.fromiter((len(f) for f in fingerprints), dtype=np.int64, count=n)
    if sizes.sum() == 0:
        return {}
    site = _outlet_codes(outlets, n)
    limit = furniture if furniture is not None else FURNITURE_ARTICLES
    hashes = np.concatenate(fingerprints)
    docs = np.repeat(np.arange(n, dtype=np.int64), sizes)
    order = np.lexsort((docs, hashes))
    hashes, docs = hashes[order], docs[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    counts = np.diff(np.r_[starts, len(hashes)])
    codes = [np.zeros(0, dtype=np.int64)]
    for size in np.unique(counts[(counts >= 2) & (counts <= max_sharing)]).tolist():
        # every group of this size at once: a (groups x size) block of doc ids, ascending
        block = docs[starts[counts == size][:, None] + np.arange(size)]
        first, second = np.triu_indices(size, 1)
        pair_codes = block[:, first] * n + block[:, second]
        if site is not None and size >= limit:
            sites = site[block]
            same_site = _same_site_counts(sites)
            furniture_pair = (sites[:, first] == sites[:, second]) & (same_site[:, first] >= limit)
            pair_codes = pair_codes[~furniture_pair]
        codes.append(pair_codes.ravel())
    pair_codes, shared = np.unique(np.concatenate(codes), return_counts=True)
    enough = shared >= min_shared  # filtered in numpy: most pairs share little
    pair_codes, shared = pair_codes[enough], shared[enough]
    return {(int(c // n), int(c % n)): int(k) for c, k in zip(pair_codes.tolist(), shared.tolist())}


def _same_site_counts(sites: np.ndarray) -> np.ndarray:
    """For a (groups x size) block of outlet codes: how many members of each one's group share
    its outlet (one ``unique`` over (group, outlet) keys, linear in the block)."""
    groups = np.arange(len(sites), dtype=np.int64)[:, None]
    _, inverse, counts = np.unique(np.stack(np.broadcast_arrays(groups, sites), axis=-1)
                                   .reshape(-1, 2), axis=0, return_inverse=True,
                                   return_counts=True)
    return counts[inverse.reshape(-1)].reshape(sites.shape)


def _outlet_codes(outlets: Sequence[str | None] | None, n: int) -> np.ndarray | None:
    """One int per body: equal for bodies of one outlet, unique for each body without one."""
    if outlets is None:
        return None
    named = sorted({o for o in outlets if o is not None})
    code = {o: i for i, o in enumerate(named)}
    return np.array([code[o] if o is not None else -1 - i for i, o in enumerate(outlets)],
                    dtype=np.int64)


class ShingleIndex(NamedTuple):
    """One body's shingles sorted once, for every pair it is aligned in: positions in sorted
    order, the distinct shingles, where each starts in that order and how often it occurs."""

    order: np.ndarray
    distinct: np.ndarray
    starts: np.ndarray
    counts: np.ndarray


def shingle_index(shingles: np.ndarray) -> ShingleIndex:
    order = np.argsort(shingles, kind="stable")
    distinct, starts, counts = np.unique(shingles[order], return_index=True, return_counts=True)
    return ShingleIndex(order, distinct, starts, counts)


def _verbatim_runs(sa: np.ndarray, sb: np.ndarray, k: int,
                   index_b: ShingleIndex | None = None) -> list[_Run]:
    """Maximal runs of consecutive matching shingles on one diagonal, as word ranges.

    Vectorised: every (i, j) with ``sa[i] == sb[j]`` is listed via ``sb``'s sorted index
    (``index_b``, built here when not given), then runs are cut where the diagonal ``j - i``
    changes or ``i`` skips.
    """
    order, distinct, starts, repeats = index_b or shingle_index(sb)
    if not len(distinct):
        return []
    at = np.minimum(np.searchsorted(distinct, sa), len(distinct) - 1)
    found = distinct[at] == sa
    counts = np.where(found, repeats[at], 0)
    keep = (counts > 0) & (counts <= MAX_REPEATS)
    if not keep.any():
        return []
    ia, left, counts = np.flatnonzero(keep), starts[at[keep]], counts[keep]
    total = int(counts.sum())
    firsts = np.repeat(np.cumsum(counts) - counts, counts)
    i = np.repeat(ia, counts)
    j = order[np.repeat(left, counts) + np.arange(total) - firsts]
    diag = j - i
    by = np.lexsort((i, diag))
    i, diag = i[by], diag[by]
    cut = np.flatnonzero(np.r_[True, (diag[1:] != diag[:-1]) | (i[1:] != i[:-1] + 1)])
    ends = np.r_[cut[1:], len(i)] - 1
    return [
        _Run(a0, a1 + k, a0 + d, a1 + d + k, a1 + k - a0)
        for a0, a1, d in zip(i[cut].tolist(), i[ends].tolist(), diag[cut].tolist())
    ]


def _merge(runs: list[_Run], max_gap: int) -> list[_Run]:
    """Chain runs that follow each other closely on both sides into edited passages."""
    passages: list[_Run] = []
    # passages a later run may still extend: runs come by start, so one that ends more than
    # max_gap before this run's start is finished (the same choices, without rescanning it)
    active: list[_Run] = []
    for run in sorted(runs, key=lambda r: (r.a_s, r.b_s)):
        best: _Run | None = None
        best_gap = max_gap + 1
        active = [p for p in active if run.a_s - p.a_e <= max_gap]
        for p in active:
            gap_a, gap_b = run.a_s - p.a_e, run.b_s - p.b_e
            if run.a_e <= p.a_e or run.b_e <= p.b_e or run.b_s < p.b_s:
                continue
            if gap_a <= max_gap and gap_b <= max_gap and max(gap_a, gap_b) < best_gap:
                best, best_gap = p, max(gap_a, gap_b)
        if best is None:
            passages.append(_Run(run.a_s, run.a_e, run.b_s, run.b_e, run.matched))
            active.append(passages[-1])
        else:
            overlap = max(0, best.a_e - run.a_s)
            best.matched += run.matched - overlap
            best.a_e, best.b_e = run.a_e, run.b_e
    return passages


def _disjoint(passages: list[_Run]) -> list[_Run]:
    """Keep the longest passages that overlap no longer one, on either side."""
    kept: list[_Run] = []
    for p in sorted(passages, key=lambda r: (-(r.a_e - r.a_s), r.a_s, r.b_s)):
        if all(p.a_e <= q.a_s or p.a_s >= q.a_e for q in kept) and all(
            p.b_e <= q.b_s or p.b_s >= q.b_e for q in kept
        ):
            kept.append(p)
    return sorted(kept, key=lambda r: (r.a_s, r.b_s))


def align(sa: np.ndarray, sb: np.ndarray, k: int, min_words: int,
          index_b: ShingleIndex | None = None) -> list[_Run]:
    """Shared passages of two shingle sequences, as word ranges (at least ``min_words`` long);
    ``index_b`` is ``shingle_index(sb)`` when the caller keeps it for several pairs."""
    runs = _merge(_verbatim_runs(sa, sb, k, index_b), MAX_GAP_WORDS)
    long_enough = [p for p in runs if min(p.a_e - p.a_s, p.b_e - p.b_s) >= min_words]
    return _disjoint(long_enough)


def _earlier(a: CorpusArticle, b: CorpusArticle) -> str:
    """Which side came first: by ``published_at``, else seniority (dated, longer, smaller id)."""
    return "a" if seniority(a) < seniority(b) else "b"


def sharing_limits() -> tuple[int, int]:
    """(bodies a fingerprint may be in and pair them alone, and paired with a second one)."""
    return min(RARE_SHARING, MAX_SHARING), MAX_SHARING


def reuse_fingerprints(articles: Sequence[CorpusArticle],
                       min_words: int = MIN_WORDS) -> dict[str, np.ndarray]:
    """article_id -> its winnowed fingerprints (what ``reuse_fingerprints`` stores)."""
    k = shingle_size(min_words)
    window = max(1, min_words - k + 1)
    return {a.article_id: winnow(body_shingles(a.body, k), window)
            for a in unique_articles(articles)}


def find_text_reuse(articles: Sequence[CorpusArticle], min_words: int = MIN_WORDS) -> list[ReusePassage]:
    """Passages of at least ``min_words`` words shared by two articles; see ``text_reuse_pass``."""
    return text_reuse_pass(articles, min_words)[0]


def text_reuse_pass(articles: Sequence[CorpusArticle], min_words: int = MIN_WORDS
                    ) -> tuple[list[ReusePassage], dict[str, np.ndarray]]:
    """A full pass: the passages, and every article's ``reuse_fingerprints`` (computed once).

    Passages of at least ``min_words`` words shared (verbatim or lightly edited) by two articles.

    Each pair is ordered so ``article_a < article_b``; offsets are character offsets into each
    body at word boundaries; ``similarity`` is the share of the passage's words covered by
    verbatim matches on both sides (1.0 = verbatim).  Sorted by (article_a, article_b, a_start).
    """
    if min_words < 1:
        raise ValueError(f"min_words must be positive, got {min_words!r}")
    arts = unique_articles(articles)
    k = shingle_size(min_words)
    window = max(1, min_words - k + 1)
    shingles = [body_shingles(a.body, k) for a in arts]
    fingerprints = [winnow(s, window) for s in shingles]
    # A fingerprint in a handful of bodies is evidence enough; one repeated across dozens of
    # bodies (a stock sentence) must be backed by a second shared fingerprint, or aligning
    # every pair of its bodies would grow with the square of its spread.
    rare, most = sharing_limits()
    outlets = [a.outlet for a in arts]
    pairs = candidate_pairs(fingerprints, rare, outlets=outlets)
    pairs.update(candidate_pairs(fingerprints, most, min_shared=2, outlets=outlets))
    out = _passages(arts, shingles, sorted(pairs), k, min_words)
    LOGGER.info(
        "text reuse: %d passages from %d candidate pairs over %d articles",
        len(out),
        len(pairs),
        len(arts),
    )
    return out, {a.article_id: f for a, f in zip(arts, fingerprints)}


def reuse_between(articles: Sequence[CorpusArticle], pairs: Iterable[tuple[str, str]],
                  min_words: int = MIN_WORDS) -> list[ReusePassage]:
    """The passages of the given candidate pairs of article ids (a night's new pairs).

    The pairs come from the stored fingerprints under the same rule as ``find_text_reuse``
    (a shared fingerprint in at most ``RARE_SHARING`` bodies, or two in at most
    ``MAX_SHARING``, none of them furniture of the pair's one outlet), so the passages are
    those a full pass would find for them.
    """
    arts = unique_articles(articles)
    index = {a.article_id: i for i, a in enumerate(arts)}
    k = shingle_size(min_words)
    wanted = sorted({(index[min(a, b)], index[max(a, b)]) for a, b in pairs if a != b})
    shingles: list[np.ndarray] = [np.zeros(0, np.uint32)] * len(arts)
    for i in {i for pair in wanted for i in pair}:
        shingles[i] = body_shingles(arts[i].body, k)
    return _passages(arts, shingles, wanted, k, min_words)


def _passages(arts: Sequence[CorpusArticle], shingles: Sequence[np.ndarray],
              pairs: Iterable[tuple[int, int]], k: int, min_words: int) -> list[ReusePassage]:
    """Align each pair (i < j, in order) and locate its passages in both bodies."""
    found: list[tuple[int, int, _Run]] = []
    index_j, last_j = None, -1
    for i, j in sorted(pairs, key=lambda pair: (pair[1], pair[0])):  # each body indexed once
        if j != last_j:
            index_j, last_j = shingle_index(shingles[j]), j
        found.extend((i, j, p) for p in align(shingles[i], shingles[j], k, min_words, index_j))
    found.sort(key=lambda f: (f[0], f[1]))  # stable: a pair's passages keep their order
    spans: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    quoted: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    out: list[ReusePassage] = []
    for i, j, p in found:
        for n in (i, j):
            if n not in spans:
                spans[n] = word_spans(arts[n].body)
                quoted[n] = quote_spans(arts[n].body)
        sa, sb = spans[i], spans[j]
        if (_unquoted_words(sa[0][p.a_s:p.a_e], quoted[i]) < min_words
                and _unquoted_words(sb[0][p.b_s:p.b_e], quoted[j]) < min_words):
            continue  # a statement both quote: a shared quote, not a reprint
        words_a, words_b = p.a_e - p.a_s, p.b_e - p.b_s
        out.append(
            ReusePassage(
                article_a=arts[i].article_id,
                a_start=int(sa[0][p.a_s]),
                a_end=int(sa[1][p.a_e - 1]),
                article_b=arts[j].article_id,
                b_start=int(sb[0][p.b_s]),
                b_end=int(sb[1][p.b_e - 1]),
                words=words_a,
                similarity=round(min(1.0, 2 * p.matched / (words_a + words_b)), 4),
                earlier=_earlier(arts[i], arts[j]),
            )
        )
    return out


def quote_spans(body: str) -> tuple[np.ndarray, np.ndarray]:
    """(opening mark, closing mark) offsets of every quotation the quote extractor would pair,
    sorted by opening mark."""
    pairs = sorted((s.open, s.close) for s in pair_marks(body, paragraphs_of(body)))
    return (np.array([o for o, _ in pairs], dtype=np.int64),
            np.array([c for _, c in pairs], dtype=np.int64))


def _unquoted_words(starts: np.ndarray, quotes: tuple[np.ndarray, np.ndarray]) -> int:
    """How many of the words starting at ``starts`` lie outside every quotation."""
    opens, closes = quotes
    if not len(opens):
        return len(starts)
    last = np.searchsorted(opens, starts, side="right") - 1
    inside = (last >= 0) & (starts < closes[np.maximum(last, 0)])
    return int(len(starts) - inside.sum())
