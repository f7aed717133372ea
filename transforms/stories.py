"""Stories: articles about the same event share a ``story_id``.

Outlets rarely copy each other word for word: one reprints the wire paragraphs, another
paraphrases them, a third translates.  What they keep is the event's vocabulary: the names,
places and rare words of the lead.  So each article gets a *topic signature* (its highest
tf-idf content words from title and lead) and two articles are linked when:

* their signatures are close (cosine of the tf-idf weights) and, where both are dated, they
  were published within ``WINDOW_DAYS`` of each other; or
* they share reused passages (winnowed fingerprints from ``transforms.text_reuse``) and their
  signatures are at least loosely related (so a shared site footer alone does not merge two
  unrelated reports of one outlet).

Candidate pairs come from an inverted index of signature words (pairs sharing several of
them) plus the reuse fingerprint index, never from all pairs; linked articles are merged with union-find.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from transforms.records import CorpusArticle, Story
from transforms.shingles import (
    UnionFind,
    normalise_word,
    time_key,
    unique_articles,
    word_hash,
    words,
)
from transforms.stories_lexicon import STOPWORDS
from transforms.text_reuse import body_shingles, candidate_pairs, shingle_size, winnow

LOGGER = logging.getLogger(__name__)

LEAD_WORDS = 400  # the event is told in the lead; long tails (interviews, comments) dilute it
LEAD_CHARS_PER_WORD = 12  # generous: only this much text is tokenised to find the lead
TITLE_WEIGHT = 2  # title words count as this many occurrences
SIGNATURE_TERMS = 40  # content words kept per article
IDF_PRIOR_DOCS = 100  # pseudo-documents: idf of a small corpus does not collapse to zero
MIN_TERM_CHARS = 3
KEY_TERMS = 24  # the heaviest signature words other articles also use: the blocking keys
MIN_SHARED_TERMS = 4  # signature words two articles must share to be compared at all
MAX_TERM_ARTICLES = 100  # a signature word in more articles than this names a topic, not an event
LINK_COSINE = 0.25  # links two articles on its own (seeds: 0.27-0.56; unrelated: < 0.1)
REUSE_COSINE = 0.10  # looser cosine accepted when the pair also shares reused passages
REUSE_MIN_SHARED = 2  # shared fingerprints that count as reuse for story linking
REUSE_MIN_WORDS = 25
WINDOW_DAYS = 7.0
LABEL_CHARS = 120

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@lru_cache(maxsize=1 << 20)
def _term_hash(word: str) -> int:
    """Hash of a content word, 0 for stop words, short words and numbers (cached per spelling)."""
    norm = normalise_word(word)
    if len(norm) < MIN_TERM_CHARS or norm.isdigit() or norm in STOPWORDS:
        return 0
    return word_hash(word)


def _content_terms(art: CorpusArticle) -> list[int]:
    """Hashes of the content words of title (weighted) and lead, with repeats."""
    lead = words(art.body[: LEAD_WORDS * LEAD_CHARS_PER_WORD])[:LEAD_WORDS]
    tokens = words(art.title or "") * TITLE_WEIGHT + lead
    return [h for h in map(_term_hash, tokens) if h]


class _Signature(NamedTuple):
    """An article's top content words: ``terms`` sorted, unit-norm ``weights``; ``keys`` are
    the heaviest of them that some other article also uses (what the blocking index holds)."""

    terms: np.ndarray
    weights: np.ndarray
    keys: np.ndarray


def _signatures(arts: Sequence[CorpusArticle]) -> list[_Signature]:
    """Per article: its ``SIGNATURE_TERMS`` highest tf-idf content words."""
    term_counts = []
    for art in arts:
        terms, counts = np.unique(
            np.asarray(_content_terms(art), dtype=np.uint64), return_counts=True
        )
        term_counts.append((terms, counts))
    n = len(arts)
    vocab, df = np.unique(
        np.concatenate([t for t, _ in term_counts] or [np.zeros(0, np.uint64)]), return_counts=True
    )
    out: list[_Signature] = []
    for terms, counts in term_counts:
        if not len(terms):
            out.append(_Signature(terms, np.zeros(0), terms))
            continue
        term_df = df[np.searchsorted(vocab, terms)]
        weights = (1.0 + np.log(counts)) * (np.log((n + IDF_PRIOR_DOCS) / (term_df + 1)) + 1.0)
        top = np.sort(np.lexsort((terms, -weights))[:SIGNATURE_TERMS])  # terms stay sorted
        terms, weights, term_df = terms[top], weights[top], term_df[top]
        norm = weights / math.sqrt(float(np.dot(weights, weights)))
        shared = np.flatnonzero(term_df > 1)
        heaviest = shared[np.lexsort((terms[shared], -weights[shared]))[:KEY_TERMS]]
        out.append(_Signature(terms, norm, np.sort(terms[heaviest])))
    return out


def _cosine(a: _Signature, b: _Signature) -> float:
    _, ia, ib = np.intersect1d(a.terms, b.terms, assume_unique=True, return_indices=True)
    return float(np.dot(a.weights[ia], b.weights[ib]))


def _within_window(a: CorpusArticle, b: CorpusArticle) -> bool:
    ta, tb = time_key(a.published_at), time_key(b.published_at)
    return ta is None or tb is None or abs(ta - tb) <= WINDOW_DAYS * 86400.0


def story_id(article_id: str) -> str:
    """Stable story id from the smallest member id, so it survives reruns and new members."""
    return "s_" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:12]


def _label(art: CorpusArticle) -> str:
    """The member's title, else its first sentence, cut to ``LABEL_CHARS``."""
    text = (art.title or "").strip() or _SENTENCE_END.split(art.body.strip(), maxsplit=1)[0]
    text = " ".join(text.split())
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
    return text or "(untitled)"


def _candidates(sigs: list[_Signature]) -> dict[tuple[int, int], int]:
    """Pairs (i < j) sharing at least ``MIN_SHARED_TERMS`` signature words.

    Blocking on an inverted index of signature words (exact shared counts, no sketch noise):
    signatures hold each article's *rarest* salient words, so posting lists are short, and a
    word in more than ``MAX_TERM_ARTICLES`` signatures is skipped (it names a topic, not an
    event), which bounds the work per word.
    """
    return candidate_pairs([sig.keys for sig in sigs], MAX_TERM_ARTICLES, MIN_SHARED_TERMS)


def find_stories(articles: Sequence[CorpusArticle]) -> list[Story]:
    """Cluster articles into stories; every article is in exactly one (singletons allowed).

    Stories are sorted by ``story_id``; member ids are sorted.  ``label`` is the title of the
    earliest member (smallest id when undated), ``first_seen``/``last_seen`` span the members'
    dates (None when none is dated), ``outlets`` are the members' distinct outlets, sorted.
    """
    arts = unique_articles(articles)
    if not arts:
        return []
    sigs = _signatures(arts)
    k = shingle_size(REUSE_MIN_WORDS)
    window = max(1, REUSE_MIN_WORDS - k + 1)
    reuse = candidate_pairs([winnow(body_shingles(a.body, k), window) for a in arts])
    uf = UnionFind(len(arts))
    links = 0
    for i, j in sorted(_candidates(sigs).keys() | reuse.keys()):
        if not _within_window(arts[i], arts[j]):
            continue
        needed = REUSE_COSINE if reuse.get((i, j), 0) >= REUSE_MIN_SHARED else LINK_COSINE
        if _cosine(sigs[i], sigs[j]) >= needed:
            uf.union(i, j)
            links += 1
    members: dict[int, list[int]] = {}
    for i in range(len(arts)):
        members.setdefault(uf.find(i), []).append(i)
    stories = [_story([arts[i] for i in idx]) for idx in members.values()]
    LOGGER.info("stories: %d stories over %d articles (%d links)", len(stories), len(arts), links)
    return sorted(stories, key=lambda s: s.story_id)


def _story(group: list[CorpusArticle]) -> Story:
    """Assemble one story from its members (``group`` is sorted by article_id)."""
    keys = [time_key(a.published_at) for a in group]
    dated = [i for i, key in enumerate(keys) if key is not None]
    first = min(dated, key=lambda i: (keys[i], i), default=None)
    last = max(dated, key=lambda i: (keys[i], -i), default=None)
    earliest = first if first is not None else 0
    return Story(
        story_id=story_id(group[0].article_id),
        label=_label(group[earliest]),
        article_ids=tuple(a.article_id for a in group),
        first_seen=None if first is None else group[first].published_at,
        last_seen=None if last is None else group[last].published_at,
        outlets=tuple(sorted({a.outlet for a in group if a.outlet})),
    )
