"""Near-duplicates: light edits of the same article, each linked to its closest original.

Exact duplicates already share an ``article_id`` (the id hashes the normalised body), so what
is left are copies with a changed word, a dropped sentence or an extra credit line.  Those keep
distinct ids and would inflate counts; linking each to the most original copy lets views count
a story once.

Candidates come from MinHash LSH over whole-body word shingles (never all pairs): two articles
are candidates when one of their band keys is equal.  The band keys are stored per article
(``near_duplicate_bands``), so a night matches only its new articles against them
(:func:`link_near_duplicates`) and the full pass (:func:`find_near_duplicates`) is the same
function with every article new: an incremental night equals a recompute.  Each candidate pair
is scored with the exact Jaccard of the shingle sets, so the reported similarity and the
threshold test do not depend on sketch noise.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash

from transforms.corpus.fingerprints import (
    NUM_PERM,
    band_keys_of,
    fold32,
    jaccard,
    lsh_layout,
    minhashes,
    seniority,
    shingle_hashes,
    unique_articles,
    word_hashes,
    words,
)
from transforms.records import CorpusArticle, NearDuplicate

LOGGER = logging.getLogger(__name__)

THRESHOLD = 0.8  # exact shingle Jaccard from which a copy is a light edit
SHINGLE_WORDS = 5  # one changed word breaks five shingles: tolerant of light edits
LSH_SLACK = 0.15  # LSH is tuned this far below the threshold so borderline pairs are not missed
SKETCH_SLACK = 0.12  # candidates whose sketch estimate is this far below are not checked exactly


def body_shingles(body: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the body's word shingles."""
    return np.unique(fold32(shingle_hashes(word_hashes(words(body)), SHINGLE_WORDS)))


@lru_cache(maxsize=8)
def band_layout(threshold: float = THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band) for the LSH threshold, as datasketch optimises them."""
    return lsh_layout(max(0.05, threshold - LSH_SLACK), NUM_PERM)


def _band_keys(sketch: LeanMinHash, threshold: float) -> np.ndarray:
    """The sketch's band keys (``band_keys_of``) under this threshold's layout."""
    return band_keys_of(sketch.hashvalues, *band_layout(threshold))


@dataclass(frozen=True, slots=True)
class _Sketched:
    """An article with its shingle set, MinHash sketch and band keys (empty without words)."""

    article: CorpusArticle
    shingles: np.ndarray
    sketch: LeanMinHash
    keys: np.ndarray


def _sketch_all(arts: Sequence[CorpusArticle], threshold: float) -> list[_Sketched]:
    shingles = [body_shingles(a.body) for a in arts]
    return [
        _Sketched(art, sh, sk, _band_keys(sk, threshold) if len(sh) else np.zeros(0, np.int64))
        for art, sh, sk in zip(arts, shingles, minhashes(shingles))
    ]


def band_keys(articles: Iterable[CorpusArticle],
              threshold: float = THRESHOLD) -> dict[str, np.ndarray]:
    """article_id -> its band keys (what ``near_duplicate_bands`` stores; none without words)."""
    return {s.article.article_id: s.keys for s in _sketch_all(unique_articles(articles), threshold)}


def _closer(sim: float, cand: _Sketched, best: tuple[float, _Sketched] | None) -> bool:
    """Higher similarity wins; on a tie the more original copy."""
    if best is None or sim != best[0]:
        return best is None or sim > best[0]
    return seniority(cand.article) < seniority(best[1].article)


def _score(a: _Sketched, b: _Sketched, threshold: float) -> float | None:
    """Exact Jaccard of the pair when it reaches ``threshold`` (sketch checked first)."""
    if a.sketch.jaccard(b.sketch) < threshold - SKETCH_SLACK:
        return None
    sim = jaccard(a.shingles, b.shingles)
    return sim if sim >= threshold else None


def link_near_duplicates(
    new: Sequence[CorpusArticle],
    known: Sequence[CorpusArticle] = (),
    stored: Mapping[str, NearDuplicate] | None = None,
    threshold: float = THRESHOLD,
) -> dict[str, NearDuplicate | None]:
    """The links that ``new`` articles bring: for each new article and each ``known`` one that
    shares a band with a new one, its link (or ``None``) over the corpus they now form.

    ``known`` must hold every stored article sharing a band key with a new article plus the
    originals their ``stored`` links point to; ``stored`` holds those links.  A known article
    keeps its stored link unless a new, more original candidate is closer, which is exactly
    what a full recompute would find, since its other candidates have not changed.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    new_arts = unique_articles(new)
    new_ids = {a.article_id for a in new_arts}
    known_arts = [a for a in unique_articles(known) if a.article_id not in new_ids]
    return _link(_sketch_all(new_arts + known_arts, threshold), len(new_arts), stored or {},
                 threshold)


def _link(sketched: list[_Sketched], n_new: int, stored: Mapping[str, NearDuplicate],
          threshold: float) -> dict[str, NearDuplicate | None]:
    """``link_near_duplicates`` over sketched articles, the first ``n_new`` of them new."""
    new_arts = [s.article for s in sketched[:n_new]]
    by_id = {s.article.article_id: s for s in sketched}
    buckets: dict[int, list[int]] = {}
    for i, s in enumerate(sketched):
        for key in s.keys.tolist():
            buckets.setdefault(key, []).append(i)
    best: dict[str, tuple[float, _Sketched] | None] = {a.article_id: None for a in new_arts}
    for link in stored.values():  # a known article's standing link, scored exactly again
        if link.article_id in by_id and link.original_id in by_id:
            a, o = by_id[link.article_id], by_id[link.original_id]
            best[link.article_id] = (jaccard(a.shingles, o.shingles), o)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        news = [i for i in members if i < n_new]
        for i in news:
            for j in members:
                pair = (min(i, j), max(i, j))
                if i == j or pair in seen:
                    continue
                seen.add(pair)
                a, b = sketched[pair[0]], sketched[pair[1]]
                if seniority(b.article) < seniority(a.article):
                    a, b = b, a  # b links towards the more original a
                sim = _score(a, b, threshold)
                if sim is None:
                    continue
                current = best.get(b.article.article_id)
                if _closer(sim, a, current):
                    best[b.article.article_id] = (sim, a)
    return {
        art_id: None if found is None
        else NearDuplicate(art_id, found[1].article.article_id, round(found[0], 6))
        for art_id, found in best.items()
    }


def find_near_duplicates(
    articles: Sequence[CorpusArticle], threshold: float = THRESHOLD
) -> list[NearDuplicate]:
    """Link each light edit to its closest more-original twin (Jaccard >= ``threshold``).

    "More original" means dated earlier, else longer body, else smaller id, so every link points
    strictly down one total order: no article links to itself and links never form a cycle.
    Returns one record per non-original article, sorted by ``article_id``.
    """
    return near_duplicates_and_bands(articles, threshold)[0]


def near_duplicates_and_bands(
    articles: Sequence[CorpusArticle], threshold: float = THRESHOLD
) -> tuple[list[NearDuplicate], dict[str, np.ndarray]]:
    """A full pass: ``find_near_duplicates`` and every article's ``band_keys``, each body
    sketched once (sketching is most of the pass)."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    sketched = _sketch_all(unique_articles(articles), threshold)
    links = _link(sketched, len(sketched), {}, threshold)
    found = sorted((d for d in links.values() if d is not None), key=lambda d: d.article_id)
    LOGGER.info("near-duplicates: %d of %d articles link to an original", len(found), len(links))
    return found, {s.article.article_id: s.keys for s in sketched}
