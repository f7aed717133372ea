"""Near-duplicates: light edits of the same article, each linked to its closest original.

Exact duplicates already share an ``article_id`` (the id hashes the normalised body), so what
is left are copies with a changed word, a dropped sentence or an extra credit line.  Those keep
distinct ids and would inflate counts; linking each to the most original copy lets views count
a story once.

Candidates come from MinHash LSH over whole-body word shingles (never all pairs); each candidate
pair is then scored with the exact Jaccard of the shingle sets, so the reported similarity and
the threshold test do not depend on sketch noise.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from datasketch import MinHashLSH

from transforms.corpus.fingerprints import (
    NUM_PERM,
    fold32,
    jaccard,
    minhashes,
    seniority,
    shingle_hashes,
    unique_articles,
    word_hashes,
    words,
)
from transforms.records import CorpusArticle, NearDuplicate

LOGGER = logging.getLogger(__name__)

SHINGLE_WORDS = 5  # one changed word breaks five shingles: tolerant of light edits
LSH_SLACK = 0.15  # LSH is tuned this far below the threshold so borderline pairs are not missed
SKETCH_SLACK = 0.12  # candidates whose sketch estimate is this far below are not checked exactly


def body_shingles(body: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the body's word shingles."""
    return np.unique(fold32(shingle_hashes(word_hashes(words(body)), SHINGLE_WORDS)))


def find_near_duplicates(
    articles: Sequence[CorpusArticle], threshold: float = 0.8
) -> list[NearDuplicate]:
    """Link each light edit to its closest more-original twin (Jaccard >= ``threshold``).

    "More original" means dated earlier, else longer body, else smaller id, so every link points
    strictly down one total order: no article links to itself and links never form a cycle.
    Returns one record per non-original article, sorted by ``article_id``.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    arts = unique_articles(articles)
    if len(arts) < 2:
        return []
    shingles = [body_shingles(a.body) for a in arts]
    sketches = minhashes(shingles)
    lsh = MinHashLSH(threshold=max(0.05, threshold - LSH_SLACK), num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i, sketch in enumerate(sketches):
            if len(shingles[i]):
                session.insert(i, sketch, check_duplication=False)
    rank = sorted(range(len(arts)), key=lambda i: seniority(arts[i]))
    order = {idx: pos for pos, idx in enumerate(rank)}
    links: list[NearDuplicate] = []
    for i, art in enumerate(arts):
        if not len(shingles[i]):
            continue
        best: tuple[float, int] | None = None
        for j in lsh.query(sketches[i]):
            if order[j] >= order[i]:  # only link towards the more original copy
                continue
            if sketches[i].jaccard(sketches[j]) < threshold - SKETCH_SLACK:
                continue
            sim = jaccard(shingles[i], shingles[j])
            if sim >= threshold and (best is None or (sim, -order[j]) > (best[0], -order[best[1]])):
                best = (sim, j)
        if best is not None:
            links.append(NearDuplicate(art.article_id, arts[best[1]].article_id, round(best[0], 6)))
    LOGGER.info("near-duplicates: %d of %d articles link to an original", len(links), len(arts))
    return links
