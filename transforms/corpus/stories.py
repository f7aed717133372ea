"""Stories: articles about the same event share a ``story_id``.

Outlets rarely copy each other word for word: one reprints the wire paragraphs, another
paraphrases them, a third translates.  What they keep is the event's vocabulary: the names,
places, figures and rare words of the lead.  So each article gets a *topic signature* (its
highest tf-idf content words and figures from title and lead, names and figures counted
several times) and two articles are linked when:

* their signatures are close (cosine of the tf-idf weights); or
* they share reused passages (winnowed fingerprints from ``transforms.text_reuse``) and their
  signatures are at least loosely related (so a shared site footer alone does not merge two
  unrelated reports of one outlet).

Candidate pairs come from an inverted index of signature words (pairs sharing several of
them) plus the reuse fingerprint index, never from all pairs.  Links are applied strongest
first with union-find, and a merge is refused when the story's dated members would span more
than ``WINDOW_DAYS`` (so an undated article cannot chain a background piece from weeks before
into the story).
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from transforms.corpus.fingerprints import (
    UnionFind,
    normalise_word,
    time_key,
    unique_articles,
    word_hash,
    words,
)
from transforms.corpus.stories_rules import (
    NAME_PATTERN,
    NUMBER_PATTERN,
    STOPWORDS,
)
from transforms.corpus.text_reuse import MIN_WORDS, candidate_pairs, reuse_fingerprints
from transforms.records import CorpusArticle, Story

LOGGER = logging.getLogger(__name__)

LEAD_WORDS = 400  # the event is told in the lead; long tails (interviews, comments) dilute it
LEAD_CHARS_PER_WORD = 12  # generous: only this much text is tokenised to find the lead
TITLE_WEIGHT = 2  # title words count as this many occurrences
NAME_WEIGHT = 3  # a capitalised word inside a sentence (a name, a place) counts this many times
NUMBER_WEIGHT = 3  # so does a figure ("512", "8,000", "4.5"): paraphrases keep both
MIN_NUMBER_CHARS = 2  # single digits say nothing about the event
SIGNATURE_TERMS = 40  # content words kept per article
IDF_PRIOR_DOCS = 100  # pseudo-documents: idf of a small corpus does not collapse to zero
MIN_TERM_CHARS = 3
KEY_TERMS = 24  # the heaviest signature words other articles also use: the blocking keys
MIN_SHARED_TERMS = 4  # signature words two articles must share to be compared at all
MAX_TERM_ARTICLES = 100  # a signature word in more articles than this names a topic, not an event
LINK_COSINE = 0.25  # links on its own (measured: paraphrases of one event >= 0.29, others < 0.23)
REUSE_COSINE = 0.10  # looser cosine accepted when the pair also shares reused passages
REUSE_MIN_SHARED = 2  # shared fingerprints that count as reuse for story linking
REUSE_MIN_WORDS = MIN_WORDS  # so the stored reuse fingerprints serve stories too
WINDOW_DAYS = 7.0  # the dated members of one story span at most this long
LABEL_CHARS = 120

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_NUMBER = re.compile(NUMBER_PATTERN)
_NAME = re.compile(NAME_PATTERN)
# the lead: its first LEAD_WORDS words (same word shape as transforms.corpus.fingerprints.WORD_RE)
_LEAD = re.compile(rf"(?:\W*\w+(?:['\u2019]\w+)*){{1,{LEAD_WORDS}}}")


@lru_cache(maxsize=1 << 20)
def _term_hash(word: str) -> int:
    """Hash of a content word, 0 for stop words, short words and numbers (cached per spelling)."""
    norm = normalise_word(word)
    if len(norm) < MIN_TERM_CHARS or norm.isdigit() or norm in STOPWORDS:
        return 0
    return word_hash(word)


@lru_cache(maxsize=1 << 16)
def _number_hash(number: str) -> int:
    """Hash of a figure with its thousands separators dropped, 0 for single digits."""
    digits = number.replace(",", "")
    return 0 if len(digits) < MIN_NUMBER_CHARS else word_hash("#" + digits)


def _content_terms(art: CorpusArticle) -> list[int]:
    """Hashes of the content words and figures of title (weighted) and lead, with repeats.

    Paraphrases by different outlets rewrite the sentences but keep the event's names, places
    and figures, so those count ``NAME_WEIGHT``/``NUMBER_WEIGHT`` times: two rewrites of one
    poll then share most of their signature, while two reports that merely both mention the
    same country and alliance do not.  Title capitals are style, not names, so title words get ``TITLE_WEIGHT``.
    """
    title = art.title or ""
    lead = _LEAD.match(art.body, 0, LEAD_WORDS * LEAD_CHARS_PER_WORD)
    lead_text = lead.group() if lead else ""
    tokens = words(title) * TITLE_WEIGHT + words(lead_text)
    tokens += [w for w in _NAME.findall(lead_text) if w[0].isupper()] * (NAME_WEIGHT - 1)
    out = [h for h in map(_term_hash, tokens) if h]
    figures = [h for h in map(_number_hash, _NUMBER.findall(title)) if h] * TITLE_WEIGHT
    figures += [h for h in map(_number_hash, _NUMBER.findall(lead_text)) if h]
    return out + figures * NUMBER_WEIGHT


class _Signature(NamedTuple):
    """An article's top content words: ``terms`` sorted, unit-norm ``weights``; ``keys`` are
    the heaviest of them that some other article also uses (what the blocking index holds)."""

    terms: np.ndarray
    weights: np.ndarray
    keys: np.ndarray


def _signatures(term_counts: Sequence[tuple[np.ndarray, np.ndarray]]) -> list[_Signature]:
    """Per article: its ``SIGNATURE_TERMS`` highest tf-idf content words."""
    n = len(term_counts)
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


class _Spans:
    """Union-find over articles that also tracks each set's dated span (POSIX seconds).

    The date window applies to the story, not to each link: an undated article can link to
    both a report of the vote and a background piece two weeks older, but the story they would
    form spans more than ``WINDOW_DAYS`` and is refused.
    """

    def __init__(self, arts: Sequence[StoryFacts]) -> None:
        self.sets = UnionFind(len(arts))
        keys = [time_key(a.published_at) for a in arts]
        self.lo = [math.inf if k is None else k for k in keys]
        self.hi = [-math.inf if k is None else k for k in keys]

    def join(self, i: int, j: int) -> bool:
        """Merge the stories of ``i`` and ``j`` unless the result spans too long."""
        ri, rj = self.sets.find(i), self.sets.find(j)
        if ri == rj:
            return False
        lo, hi = min(self.lo[ri], self.lo[rj]), max(self.hi[ri], self.hi[rj])
        if hi - lo > WINDOW_DAYS * 86400.0:
            return False
        self.sets.union(ri, rj)
        root = self.sets.find(ri)
        self.lo[root], self.hi[root] = lo, hi
        return True


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


@dataclass(frozen=True, slots=True)
class StoryFacts:
    """What clustering needs of one article, each derived from that article alone: stored per
    article (``story_terms``, ``story_labels``, ``reuse_fingerprints``) so a night reads no
    stored body and tokenises only its new articles."""

    article_id: str
    published_at: datetime | None
    outlet: str | None
    label: str
    terms: np.ndarray  # uint64 content-term hashes, sorted, unique
    counts: np.ndarray  # occurrences of each term in title (weighted) and lead
    fingerprints: np.ndarray  # uint32 winnowed reuse fingerprints


def story_facts(articles: Sequence[CorpusArticle],
                prints: Mapping[str, np.ndarray] | None = None) -> list[StoryFacts]:
    """The facts of every article, one per id, sorted by id (``prints``: the articles'
    reuse fingerprints when a full pass has them already)."""
    arts = unique_articles(articles)
    if prints is None:
        prints = reuse_fingerprints(arts, REUSE_MIN_WORDS)
    out = []
    for art in arts:
        terms, counts = np.unique(np.asarray(_content_terms(art), dtype=np.uint64),
                                  return_counts=True)
        out.append(StoryFacts(art.article_id, art.published_at, art.outlet, _label(art), terms,
                              counts, prints[art.article_id]))
    return out


def find_stories(articles: Sequence[CorpusArticle]) -> list[Story]:
    """Cluster articles into stories; every article is in exactly one (singletons allowed).

    Stories are sorted by ``story_id``; member ids are sorted.  ``label`` is the title of the
    earliest member (smallest id when undated), ``first_seen``/``last_seen`` span the members'
    dates (None when none is dated), ``outlets`` are the members' distinct outlets, sorted.
    """
    return cluster_stories(story_facts(articles))


def cluster_stories(facts: Sequence[StoryFacts]) -> list[Story]:
    """``find_stories`` over the articles' facts (one per article, any order)."""
    arts = sorted({f.article_id: f for f in reversed(facts)}.values(), key=lambda f: f.article_id)
    if not arts:
        return []
    sigs = _signatures([(a.terms, a.counts) for a in arts])
    reuse = candidate_pairs([a.fingerprints for a in arts])
    links: list[tuple[float, int, int]] = []
    for i, j in _candidates(sigs).keys() | reuse.keys():
        needed = REUSE_COSINE if reuse.get((i, j), 0) >= REUSE_MIN_SHARED else LINK_COSINE
        score = _cosine(sigs[i], sigs[j])
        if score >= needed:
            links.append((-score, i, j))
    links.sort()  # strongest first: a story takes its closest members before its span fills up
    spans = _Spans(arts)
    joined = sum(spans.join(i, j) for _, i, j in links)
    uf = spans.sets
    members: dict[int, list[int]] = {}
    for i in range(len(arts)):
        members.setdefault(uf.find(i), []).append(i)
    stories = [_story([arts[i] for i in idx]) for idx in members.values()]
    LOGGER.info("stories: %d stories over %d articles (%d links)", len(stories), len(arts), joined)
    return sorted(stories, key=lambda s: s.story_id)


def _story(group: list[StoryFacts]) -> Story:
    """Assemble one story from its members (``group`` is sorted by article_id)."""
    keys = [time_key(a.published_at) for a in group]
    dated = [i for i, key in enumerate(keys) if key is not None]
    first = min(dated, key=lambda i: (keys[i], i), default=None)
    last = max(dated, key=lambda i: (keys[i], -i), default=None)
    earliest = first if first is not None else 0
    return Story(
        story_id=story_id(group[0].article_id),
        label=group[earliest].label,
        article_ids=tuple(a.article_id for a in group),
        first_seen=None if first is None else group[first].published_at,
        last_seen=None if last is None else group[last].published_at,
        outlets=tuple(sorted({a.outlet for a in group if a.outlet})),
    )
