"""Stories: articles about the same event share a ``story_id``.

Outlets rarely copy each other word for word: one reprints the wire paragraphs, another
paraphrases them, a third translates.  What they keep is the event's vocabulary: the names,
places, figures and rare words of the lead.  So each article gets a *topic signature* (its
highest tf-idf content words and figures from title and lead, names and figures counted
several times) and two articles are linked when:

* their signatures are close (cosine of the tf-idf weights) and share two of their heaviest
  terms; or
* they share reused passages (winnowed fingerprints from ``transforms.text_reuse``) and their
  signatures are at least loosely related (so a shared site footer alone does not merge two
  unrelated reports of one outlet).

Nothing in that rule depends on the other articles: idf comes from a document-frequency table
learned offline from the development training text and shipped (``DF_TABLE``, built by
``scripts/build_story_df.py``), so a new article changes no stored signature, and whether two
articles link is decided by the two alone.  Candidate pairs are those sharing a *story key*
(a hash of two heaviest terms) or two reuse fingerprints, never all pairs; a night finds its
own with a join against the stored keys.  Links are applied strongest first (then by ids) with
union-find, and a merge is refused when the story's dated members would span more than
``WINDOW_DAYS`` (so an undated article cannot chain a background piece from weeks before into
the story).  That order only matters within a *block* (articles connected by linking pairs),
so a night re-clusters just the blocks its articles join and gets what a full pass gets.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import NamedTuple

import numpy as np

from transforms.corpus.fingerprints import (
    UnionFind,
    normalise_word,
    shingle_hashes,
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
from transforms.corpus.text_reuse import MIN_WORDS, reuse_fingerprints
from transforms.records import CorpusArticle, Story

LOGGER = logging.getLogger(__name__)

LEAD_WORDS = 400  # the event is told in the lead; long tails (interviews, comments) dilute it
LEAD_CHARS_PER_WORD = 12  # generous: only this much text is tokenised to find the lead
TITLE_WEIGHT = 2  # title words count as this many occurrences
NAME_WEIGHT = 3  # a capitalised word inside a sentence (a name, a place) counts this many times
NUMBER_WEIGHT = 3  # so does a figure ("512", "8,000", "4.5"): paraphrases keep both
MIN_NUMBER_CHARS = 2  # single digits say nothing about the event
SIGNATURE_TERMS = 40  # content words kept per article
IDF_PRIOR_DOCS = 100  # pseudo-documents added to the df table's, so no idf collapses to zero
DF_TABLE = "story_term_df.tsv"  # document frequencies learned offline (scripts/build_story_df.py)
DF_MIN_DOCUMENTS = 2  # the table leaves out terms of fewer documents (they weigh as unseen)
MIN_TERM_CHARS = 3
KEY_TERMS = 12  # the heaviest signature terms; two articles link on words alone when sharing 2
# Links on its own.  Measured with the shipped idf: paraphrases of one event connect at >= 0.41
# (bundled sample) and >= 0.47 (seeds); reports of other events on the same war stay <= 0.31
# (a background piece two weeks older reaches 0.39: the date window keeps it out).
LINK_COSINE = 0.35
REUSE_COSINE = 0.10  # looser cosine accepted when the pair also shares reused passages
REUSE_MIN_SHARED = 2  # shared fingerprints that count as reuse for story linking
REUSE_MIN_WORDS = MIN_WORDS  # so the stored reuse fingerprints serve stories too
WINDOW_DAYS = 7.0  # the dated members of one story span at most this long
LABEL_CHARS = 120
_CHUNK_PAIRS = 1 << 16  # candidate pairs scored at once by the approximate filter
_CHUNK_LISTED = 1 << 22  # value-sharing pairs listed at once before they are deduplicated
_UNDATED = (1 << 36) - 1  # seconds after the earliest date that stand for "no date" (2,000 years)

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


def forget_caches() -> None:
    """Drop the per-spelling caches (see ``transforms.corpus.caches``)."""
    _term_hash.cache_clear()
    _number_hash.cache_clear()


def document_terms(text: str) -> set[int]:
    """The distinct content terms of a text (what ``DF_TABLE`` counts documents for)."""
    return {h for h in map(_term_hash, words(text)) if h}


@lru_cache(maxsize=1)
def _document_frequencies() -> tuple[np.ndarray, np.ndarray, int]:
    """(sorted term hashes, their document counts, documents) of the shipped df table.

    Read with one split rather than the line-by-line lexicon loader: 19,000 rows are parsed
    in every process that clusters stories, a night's included."""
    text = files("transforms.lexicons").joinpath(DF_TABLE).read_text(encoding="utf-8")
    fields = " ".join(line for line in text.splitlines() if not line.startswith("#")).split()
    documents = int(fields[1])
    terms = np.array([int(term, 16) for term in fields[2::2]], dtype=np.uint64)
    counts = np.array(fields[3::2], dtype=np.int64)
    order = np.argsort(terms)
    return terms[order], counts[order], documents


def term_idf(terms: np.ndarray) -> np.ndarray:
    """Inverse document frequency of each term from the shipped table, so a term weighs the
    same whatever the warehouse holds (an unseen term, a name or a figure, weighs most)."""
    known, counts, documents = _document_frequencies()
    at = np.minimum(np.searchsorted(known, terms), max(len(known) - 1, 0))
    df = np.where(known[at] == terms, counts[at], 0) if len(known) else np.zeros(len(terms))
    return np.log((documents + IDF_PRIOR_DOCS) / (df + 1.0)) + 1.0


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


class Signature(NamedTuple):
    """An article's top content words: ``terms`` sorted, unit-norm ``weights`` (tf times the
    shipped idf: nothing in it depends on the other articles)."""

    terms: np.ndarray
    weights: np.ndarray


def signature(terms: np.ndarray, counts: np.ndarray) -> Signature:
    """The ``SIGNATURE_TERMS`` highest tf-idf terms of one article (``terms`` sorted, unique)."""
    if not len(terms):
        return Signature(np.zeros(0, np.uint64), np.zeros(0))
    weights = (1.0 + np.log(counts)) * term_idf(terms)
    top = np.sort(np.lexsort((terms, -weights))[:SIGNATURE_TERMS])  # terms stay sorted
    terms, weights = terms[top], weights[top]
    return Signature(terms, weights / math.sqrt(float(np.dot(weights, weights))))


def cosine(a: Signature, b: Signature) -> float:
    """Cosine of two signatures (summed in the order of their shared terms)."""
    _, ia, ib = np.intersect1d(a.terms, b.terms, assume_unique=True, return_indices=True)
    return float(np.dot(a.weights[ia], b.weights[ib]))


class StoryPair(NamedTuple):
    """Two articles (``article_a`` < ``article_b``) close enough to be one story, and how close
    (the order union-find applies them in: strongest first, then by ids)."""

    article_a: str
    article_b: str
    score: float


class StoryMember(NamedTuple):
    """What a story takes from one member: its id, date, outlet and label."""

    article_id: str
    published_at: datetime | None
    outlet: str | None
    label: str


def _too_far(a: datetime | None, b: datetime | None) -> bool:
    """Two dated articles further apart than the window can never share a story."""
    ka, kb = time_key(a), time_key(b)
    return ka is not None and kb is not None and abs(ka - kb) > WINDOW_DAYS * 86400.0


def key_terms(sig: Signature) -> np.ndarray:
    """The ``KEY_TERMS`` heaviest terms of a signature (ties by term), sorted."""
    return np.sort(sig.terms[np.lexsort((sig.terms, -sig.weights))[:KEY_TERMS]])


def story_keys(sig: Signature) -> np.ndarray:
    """One key per pair of key terms (signed 64-bit, sorted): two articles whose signatures
    may link share one, so the pairs a night must decide come from an equality join on them
    (``story_keys``), whatever else the warehouse holds."""
    top = key_terms(sig)
    first, second = np.triu_indices(len(top), 1)
    interleaved = np.stack([top[first], top[second]], axis=1).ravel()
    return np.unique(shingle_hashes(interleaved, 2)[::2].view(np.int64))


def _approximate_cosines(pairs: Sequence[tuple[str, str]],
                         sigs: Mapping[str, Signature]) -> np.ndarray:
    """Cosine of each pair, summed in whatever order numpy likes: a cheap filter before the
    exact ``cosine``."""
    if not pairs:
        return np.zeros(0)
    ids = sorted({a for pair in pairs for a in pair})
    index = {a: n for n, a in enumerate(ids)}
    return _rough_cosines([sigs[a] for a in ids],
                          np.array([index[a] for a, _ in pairs], dtype=np.int64),
                          np.array([index[b] for _, b in pairs], dtype=np.int64))


def _rough_cosines(sigs: Sequence[Signature], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``_approximate_cosines`` of the pairs (``left[k]``, ``right[k]``) of ``sigs``: every
    term of one looked up among the other's by one sorted search, in chunks of
    ``_CHUNK_PAIRS`` pairs so memory stays bounded."""
    out = np.zeros(len(left))
    if not len(left):
        return out
    vocab, ranks = np.unique(np.concatenate([sig.terms for sig in sigs]), return_inverse=True)
    sizes = np.array([len(sig.terms) for sig in sigs], dtype=np.int64)
    owner = np.repeat(np.arange(len(sigs), dtype=np.int64), sizes)
    keys = owner * len(vocab) + ranks  # (article, term) as one sortable integer
    all_weights = np.concatenate([sig.weights for sig in sigs])
    order = np.argsort(keys)
    keys, weights = keys[order], all_weights[order]
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    for lo in range(0, len(left), _CHUNK_PAIRS):
        chunk_left, chunk_right = left[lo:lo + _CHUNK_PAIRS], right[lo:lo + _CHUNK_PAIRS]
        counts = sizes[chunk_left]
        rows = np.repeat(np.arange(len(chunk_left)), counts)
        at = (np.repeat(starts[chunk_left] - np.r_[0, np.cumsum(counts)[:-1]], counts)
              + np.arange(counts.sum()))  # every term of a, as a position in the arrays
        wanted = chunk_right[rows] * len(vocab) + ranks[at]  # b's key for that term
        found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        products = np.where(keys[found] == wanted, all_weights[at] * weights[found], 0.0)
        out[lo:lo + len(chunk_left)] = np.bincount(rows, weights=products,
                                                   minlength=len(chunk_left))
    return out


def linking_pairs(candidates: Iterable[tuple[str, str]], sigs: Mapping[str, Signature],
                  prints: Mapping[str, np.ndarray],
                  dates: Mapping[str, datetime | None]) -> list[StoryPair]:
    """The candidate pairs that link, sorted: each decided by its two articles alone.

    A pair links when its signatures are close (cosine >= ``LINK_COSINE``) and share two of
    their ``KEY_TERMS`` heaviest terms (the event's names, places, figures), or when they are
    loosely related (>= ``REUSE_COSINE``) and share ``REUSE_MIN_SHARED`` reuse fingerprints
    (reused text); never when their dates are further apart than ``WINDOW_DAYS``.  Any
    superset of the linking pairs as ``candidates`` gives the same result (``candidate_pairs``
    is one)."""
    ordered = sorted({(a, b) if a < b else (b, a) for a, b in candidates if a != b})
    ordered = [(a, b) for a, b in ordered if not _too_far(dates[a], dates[b])]
    approximate = _approximate_cosines(ordered, sigs)
    out = []
    for (a, b), rough in zip(ordered, approximate):
        if rough < REUSE_COSINE - 1e-9:
            continue
        score = cosine(sigs[a], sigs[b])
        if score < REUSE_COSINE:
            continue
        if (score >= LINK_COSINE and len(np.intersect1d(key_terms(sigs[a]), key_terms(sigs[b]),
                                                        assume_unique=True)) >= 2) or (
                len(np.intersect1d(prints[a], prints[b])) >= REUSE_MIN_SHARED):
            out.append(StoryPair(a, b, score))
    return out


class _Spans:
    """Union-find over articles that also tracks each set's dated span (POSIX seconds).

    The date window applies to the story, not to each link: an undated article can link to
    both a report of the vote and a background piece two weeks older, but the story they would
    form spans more than ``WINDOW_DAYS`` and is refused.
    """

    def __init__(self, arts: Sequence[StoryMember]) -> None:
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


@dataclass(frozen=True, slots=True)
class StoryFacts:
    """What clustering needs of one article, each derived from that article alone; what a night
    needs of it later is stored per article (its signature in ``story_terms``, its keys in
    ``story_keys``, ``story_labels``, ``reuse_fingerprints``), so a night reads no stored body
    and tokenises only its new articles."""

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
    sigs = {a.article_id: signature(a.terms, a.counts) for a in arts}
    prints = {a.article_id: a.fingerprints for a in arts}
    dates = {a.article_id: a.published_at for a in arts}
    pairs = all_linking_pairs(sigs, prints, dates)
    return resolve_stories([story_member(a) for a in arts], pairs)


def story_member(facts: StoryFacts) -> StoryMember:
    return StoryMember(facts.article_id, facts.published_at, facts.outlet, facts.label)


def candidate_pairs(sigs: Mapping[str, Signature], prints: Mapping[str, np.ndarray],
                    dates: Mapping[str, datetime | None] | None = None
                    ) -> set[tuple[str, str]]:
    """Pairs of articles (smaller id first) sharing a story key or ``REUSE_MIN_SHARED`` reuse
    fingerprints: every pair that can link (a night finds its own with a join on the stored
    ones, ``warehouse/sql/story_candidates.sql``).  With ``dates``, pairs of articles dated
    further apart than ``WINDOW_DAYS`` are not listed (they cannot link): a key common over
    months then costs what it costs within a week, not its square."""
    ids = sorted(sigs)
    left, right = _candidate_indices(ids, sigs, prints, dates)
    return {(ids[i], ids[j]) for i, j in zip(left.tolist(), right.tolist())}


def all_linking_pairs(sigs: Mapping[str, Signature], prints: Mapping[str, np.ndarray],
                      dates: Mapping[str, datetime | None]) -> list[StoryPair]:
    """``linking_pairs`` over every candidate pair of a whole corpus, held as index arrays
    until the approximate cosine has dropped those that cannot link (millions of candidates
    at 100,000 articles, a few per article left)."""
    ids = sorted(sigs)
    left, right = _candidate_indices(ids, sigs, prints, dates)
    rough = _rough_cosines([sigs[a] for a in ids], left, right)
    keep = np.flatnonzero(rough >= REUSE_COSINE - 1e-9)
    return linking_pairs([(ids[i], ids[j]) for i, j in zip(left[keep].tolist(),
                                                          right[keep].tolist())],
                         sigs, prints, dates)


def _candidate_indices(ids: Sequence[str], sigs: Mapping[str, Signature],
                       prints: Mapping[str, np.ndarray],
                       dates: Mapping[str, datetime | None] | None
                       ) -> tuple[np.ndarray, np.ndarray]:
    """``candidate_pairs`` as two sorted index arrays into ``ids`` (left < right)."""
    times = [None] * len(ids) if dates is None else [time_key(dates[a]) for a in ids]
    codes = np.union1d(
        _shared_within_window([story_keys(sigs[a]) for a in ids], times, 1),
        _shared_within_window([np.unique(prints[a]) for a in ids], times, REUSE_MIN_SHARED))
    return codes // max(len(ids), 1), codes % max(len(ids), 1)


def _shared_within_window(values: Sequence[np.ndarray], times: Sequence[float | None],
                          min_shared: int) -> np.ndarray:
    """Pairs (i < j) of articles sharing ``min_shared`` values (each article's unique), as
    sorted codes i * n + j, unless both are dated more than ``WINDOW_DAYS`` (plus a second)
    apart; an undated article pairs with every holder of its values.

    One sort of (value, time) for all: each dated holder pairs with the later holders of its
    value up to the window's end (one ``searchsorted``), each undated one with all before it;
    the pairs are listed ``_CHUNK_LISTED`` at a time, so memory follows the distinct ones."""
    n = len(values)
    sizes = np.fromiter((len(v) for v in values), dtype=np.int64, count=n)
    if sizes.sum() == 0:
        return np.zeros(0, dtype=np.int64)
    dated = [t for t in times if t is not None]
    base = min(dated, default=0.0)
    seconds = np.array([_UNDATED if t is None else int(t - base) for t in times], dtype=np.int64)
    hashes = np.concatenate(values)
    docs = np.repeat(np.arange(n, dtype=np.int64), sizes)
    order = np.lexsort((docs, seconds[docs], hashes))
    hashes, docs = hashes[order], docs[order]
    new_group = np.r_[True, hashes[1:] != hashes[:-1]]
    group = np.cumsum(new_group) - 1
    group_start = np.flatnonzero(new_group)[group]
    at = seconds[docs]
    composite = group * (_UNDATED + 1) + at  # sorted: groups, then time, undated last
    undated = at == _UNDATED
    reach = int(WINDOW_DAYS * 86400) + 1
    end = np.where(undated, 0, np.searchsorted(composite, composite + reach, side="right"))
    position = np.arange(len(docs))
    counts = np.where(undated, position - group_start, end - position - 1)
    found, times_found = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    bounds = np.searchsorted(np.cumsum(counts), np.arange(1, counts.sum() // _CHUNK_LISTED + 2)
                             * _CHUNK_LISTED)
    for lo, hi in pairwise(np.r_[0, bounds, len(counts)].tolist()):
        part = counts[lo:hi]
        first = np.repeat(position[lo:hi], part)
        offsets = np.arange(part.sum()) - np.repeat(np.cumsum(part) - part, part)
        second = np.where(undated[first], group_start[first], first + 1) + offsets
        a, b = docs[first], docs[second]
        codes, shared = np.unique(np.minimum(a, b) * n + np.maximum(a, b), return_counts=True)
        found.append(codes)
        times_found.append(shared)
    codes, inverse = np.unique(np.concatenate(found), return_inverse=True)
    shared = np.bincount(inverse, weights=np.concatenate(times_found), minlength=len(codes))
    return codes[(codes // n != codes % n) & (shared >= min_shared)]


def story_blocks(article_ids: Iterable[str], pairs: Iterable[StoryPair]) -> dict[str, str]:
    """article id -> its block: articles connected by linking pairs, named after the smallest.

    Blocks only merge as nights add articles (a pair is decided by its two articles alone),
    and the stories of a block depend on its pairs alone, so a night re-clusters only the
    blocks its articles join."""
    parent = {a: a for a in article_ids}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for pair in pairs:
        ra, rb = find(pair.article_a), find(pair.article_b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {a: find(a) for a in parent}


def resolve_stories(members: Iterable[StoryMember], pairs: Iterable[StoryPair]) -> list[Story]:
    """The stories of whole blocks: pairs applied strongest first (then by ids, so the order
    within a block is the same whether it is clustered alone or with the whole corpus), and a
    merge refused when the story's dated members would span more than ``WINDOW_DAYS``.

    Every member is in exactly one story; stories sorted by ``story_id``, member ids sorted."""
    arts = sorted({m.article_id: m for m in members}.values(), key=lambda m: m.article_id)
    index = {a.article_id: n for n, a in enumerate(arts)}
    spans = _Spans(arts)
    joined = 0
    for pair in sorted(pairs, key=lambda p: (-p.score, p.article_a, p.article_b)):
        if pair.article_a in index and pair.article_b in index:
            joined += spans.join(index[pair.article_a], index[pair.article_b])
    groups: dict[int, list[int]] = {}
    for i in range(len(arts)):
        groups.setdefault(spans.sets.find(i), []).append(i)
    stories = [_story([arts[i] for i in idx]) for idx in groups.values()]
    LOGGER.info("stories: %d stories over %d articles (%d links)", len(stories), len(arts), joined)
    return sorted(stories, key=lambda s: s.story_id)


def _story(group: list[StoryMember]) -> Story:
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
