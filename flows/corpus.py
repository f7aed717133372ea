"""Whole-corpus steps: settle what a run adds, then update what depends on the whole corpus.

Appended tables get only what is new (an article already stored is not stored again; its new
source is).  Near-duplicates and text reuse follow the night: the new articles are matched
against the stored band keys (``near_duplicate_bands``) and fingerprints
(``reuse_fingerprints``), and only the links and passages they change are restaged, which
equals a recompute.  Stories follow the night the same way: signatures weigh terms with a
shipped idf, the night's are joined against the stored ones (``story_terms``), the pairs that
link are stored (``story_pairs``), and only the blocks they touch are clustered again, their
story links appended to ``story_articles`` (newest row wins).  Entities and canonical quotes follow the night too: mentions and quotes
are appended as facts, and what resolution says of them lives in ``entity_links`` and
``quote_links`` (newest row wins), appended only for the names and quotes whose resolution a
night changes.  ``full=True`` (a first night, a
warehouse without matching state, ``newsledger rebuild``) recomputes every step from the facts.

Wiring only: the SQL and the session live in ``warehouse.corpus_session``, the rows in
``warehouse.rows``, the algorithms in ``transforms.corpus``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.metrics import StageClock
from transforms.corpus import text_reuse
from transforms.corpus.caches import forget_caches
from transforms.corpus.entity_resolution import entity_block, resolve_entities
from transforms.corpus.fingerprints import time_key
from transforms.corpus.near_duplicates import (
    band_keys,
    link_near_duplicates,
    near_duplicates_and_bands,
)
from transforms.corpus.quote_matching import (
    QuoteKey,
    candidate_pairs,
    key_bands,
    key_id,
    match_blocks,
    quote_key,
    resolve_quotes,
    verified_pairs,
)
from transforms.corpus.quote_wordings import wording_diffs
from transforms.corpus.stories import (
    Signature,
    StoryFacts,
    StoryPair,
    all_linking_pairs,
    linking_pairs,
    resolve_stories,
    signature,
    story_blocks,
    story_facts,
    story_keys,
    story_member,
)
from transforms.records import CanonicalEntity, EntityName, ReusePassage
from warehouse import rows
from warehouse.corpus_session import CorpusSession
from warehouse.store import Staging

__all__ = [
    "ConsolidateResult", "CorpusSession", "resolve_corpus_entities", "resolve_corpus_quotes",
    "resolve_entities_and_quotes",
    "settle_new_rows", "update_corpus", "update_near_duplicates", "update_reuse_and_stories",
    "update_similarity",
    "update_stories", "update_text_reuse",
]


@dataclass
class ConsolidateResult:
    """Counts for the run summary: new articles and figures, and corpus-wide totals."""

    articles_new: int = 0
    mentions: int = 0
    quotes: int = 0
    figures: int = 0


@contextmanager
def corpus_stage(clock: StageClock, name: str) -> Iterator[None]:
    """A corpus step timed as ``name``, whose caches are dropped when it ends, before the
    clock hands freed memory back (``transforms.corpus.caches`` says why)."""
    with clock.stage(name):
        try:
            yield
        finally:
            forget_caches()


def settle_new_rows(session: CorpusSession, staging: Staging,
                    staged_parts: dict[str, list[str]]) -> ConsolidateResult:
    """Stage the truly new rows of every appended table; define ``all_*`` tables for the rest."""
    settled = session.settle_new_rows(staging, staged_parts)
    return ConsolidateResult(articles_new=settled.articles_new, figures=settled.figures)


def resolve_corpus_entities(session: CorpusSession, staging: Staging, full: bool = False) -> int:
    """Canonical people and organisations, linked by name; returns the names (re)linked.

    A night re-resolves only the blocks of the names it brings (``entity_block``) with their
    stored counts, and appends links for the names whose count or entity changed, and the rows
    of the people and organisations those names belong to (before and after); mentions are
    facts and keep their rows, the views read their entity through ``entity_links``."""
    version = staging.based_on + 1
    if full or not session.keeps("entity_links"):
        counts = {(t, n): c for t, n, c in session.entity_names()}
        resolved = resolve_entities(EntityName(t, n, max(c, 1)) for (t, n), c in counts.items())
        links = rows.entity_link_rows(counts, resolved, version)
        staging.replace("entity_links", links)
        session.stage_entities(staging, version, entity_map=rows.entity_map(resolved))
        return links.num_rows
    night: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for t, n, c in session.entity_names(night=True):
        night[entity_block(t, n)].append((t, n, c))
    changed: dict[tuple[str, str], int] = {}
    resolved: dict[tuple[str, str], CanonicalEntity] = {}
    touched: set[str] = set()
    for batch in session.stored_entity_links(set(night), ENTITY_BATCH):
        names = [name for block in dict.fromkeys(row[0] for row in batch)
                 for name in night.pop(block)]
        _resolve_night_blocks(batch, names, changed, resolved, touched)
    _resolve_night_blocks([], [name for names in night.values() for name in names],
                          changed, resolved, touched)  # blocks no stored name is in
    links = rows.entity_link_rows(changed, resolved, version)
    staging.append("entity_links", links)
    session.stage_entities(staging, version, changed_links=links, touched=touched)
    return links.num_rows


# Stored names a night re-resolves at once (whole blocks): a 1% night at 100,000 articles
# touches nearly every surname block, 313,000 stored names, which took 650 MB in one go.
ENTITY_BATCH = 50_000


def _resolve_night_blocks(stored_rows: list[tuple], night: list[tuple[str, str, int]],
                          changed: dict[tuple[str, str], int],
                          resolved: dict[tuple[str, str], CanonicalEntity],
                          touched: set[str]) -> None:
    """Resolve some whole blocks (their stored names, the night's names in them) and add the
    names whose count or entity changes to ``changed`` and ``resolved``, and the entities they
    leave or join to ``touched``."""
    stored = {(t, n): (c, e, canon, tuple(aliases))
              for _, t, n, c, e, canon, aliases in stored_rows}
    counts = {key: value[0] for key, value in stored.items()}
    for t, n, c in night:
        counts[(t, n)] = counts.get((t, n), 0) + c
    now = resolve_entities(EntityName(t, n, max(c, 1)) for (t, n), c in counts.items())
    for key, c in counts.items():
        entity = now[key]
        before = stored.get(key)
        if before != (c, entity.entity_id, entity.name, entity.aliases):
            changed[key], resolved[key] = c, entity
            touched.add(entity.entity_id)
            if before is not None:
                touched.add(before[1])


def resolve_corpus_quotes(session: CorpusSession, staging: Staging, full: bool = False) -> int:
    """Canonical quotes and wording diffs, linked by quote id; returns the quotes linked anew.

    A night keys its new quotes, finds stored keys sharing a band with the new ones
    (``quote_bands``), verifies those pairs, and re-resolves only the blocks they join, with
    the block's stored pairs (``quote_pairs``): per block the result is what a pass over the
    whole corpus gives.  Links are appended for new quotes and those whose resolution moved."""
    version = staging.based_on + 1
    if full or not session.keeps("quote_links"):
        quotes = session.quote_texts()
        items = [quote_key(quote_id, text, speaker) for quote_id, text, speaker, _ in quotes]
        keys = sorted({q.key for q in items})
        bands = key_bands(keys)
        pairs = verified_pairs(candidate_pairs(keys, bands))
        canonical = resolve_quotes(items, pairs)
        links = rows.quote_link_rows(items, match_blocks(keys, pairs), canonical,
                                     wording_diffs(quotes, canonical), version)
        staging.replace("quote_bands", rows.quote_band_rows(keys, bands))
        staging.replace("quote_pairs", rows.quote_pair_rows(pairs))
        staging.replace("quote_links", links)
        return links.num_rows
    night = session.quote_texts(night=True)
    new_items = [quote_key(quote_id, text, speaker) for quote_id, text, speaker, _ in night]
    new_keys = {q.key for q in new_items}
    known = session.stored_quote_keys(new_keys)
    fresh = sorted(new_keys - known)
    bands = key_bands(fresh)
    band_rows = rows.quote_band_rows(fresh, bands)
    new_pairs = verified_pairs(candidate_pairs(fresh, bands))
    for start in range(0, len(fresh), QUOTE_KEY_BATCH):
        by_id = {key_id(key): key for key in fresh[start : start + QUOTE_KEY_BATCH]}
        matches = session.band_matches(band_rows.filter(
            pc.is_in(band_rows["key_id"], pa.array(list(by_id), pa.int64()))))
        new_pairs += verified_pairs({(min(by_id[new], old), max(by_id[new], old))
                                     for new, old in matches})
    new_pairs = sorted(set(new_pairs))
    staging.append("quote_bands", band_rows)
    staging.append("quote_pairs", rows.quote_pair_rows(new_pairs))
    members = session.quote_block_members(known | {k for pair in new_pairs for k in pair})
    stored_links = {m.quote_id: (m.block, m.canonical_quote_id, m.wording_diff) for m in members}
    items = [QuoteKey(m.quote_id, m.key, m.surname) for m in members] + new_items
    keys = sorted({q.key for q in items})
    pairs = sorted(set(session.stored_quote_pairs(keys)) | set(new_pairs))
    canonical = resolve_quotes(items, pairs)
    blocks = match_blocks(keys, pairs)
    diffs = wording_diffs([(m.quote_id, m.text, m.speaker, m.published_at) for m in members]
                          + night, canonical)
    moved = [q for q in items if stored_links.get(q.quote_id) != (
        blocks[q.key], canonical[q.quote_id], diffs.get(q.quote_id))]
    return staging.append("quote_links",
                          rows.quote_link_rows(moved, blocks, canonical, diffs, version))


# New quote keys matched against the stored ones at once: LSH is loose, so a night part of
# 60,000 new keys at 100,000 articles met 1.16 million (new, stored) candidates (400 MB).
QUOTE_KEY_BATCH = 10_000


def update_corpus(session: CorpusSession, staging: Staging, result: ConsolidateResult,
                  clock: StageClock, full: bool = False) -> dict[str, int]:
    """Every corpus-wide step after settling, timed per stage; fills ``result``'s totals.
    (``flows.corpus_split`` runs the same two halves in two processes.)"""
    resolve_entities_and_quotes(session, staging, result, clock, full)
    return update_similarity(session, staging, clock, full)


def resolve_entities_and_quotes(session: CorpusSession, staging: Staging,
                                result: ConsolidateResult, clock: StageClock,
                                full: bool = False) -> None:
    """The half of the corpus steps that reads mentions and quotes; fills the totals."""
    with corpus_stage(clock, "entities"):
        resolve_corpus_entities(session, staging, full)
    with corpus_stage(clock, "quotes"):
        resolve_corpus_quotes(session, staging, full)
    result.quotes = session.count("all_quotes")
    result.mentions = session.count("all_mentions")


def update_similarity(session: CorpusSession, staging: Staging, clock: StageClock,
                      full: bool = False) -> dict[str, int]:
    """Near-duplicates (incremental unless ``full``), stories and text reuse.

    A full pass reads the bodies once for all three, and stories take text reuse's
    fingerprints instead of computing them again."""
    with corpus_stage(clock, "near_duplicates"):
        near = update_near_duplicates(session, staging, full)
    return {"near_duplicates": near, **update_reuse_and_stories(session, staging, clock, full)}


def update_reuse_and_stories(session: CorpusSession, staging: Staging, clock: StageClock,
                             full: bool = False) -> dict[str, int]:
    """Text reuse, then stories (which take its fingerprints in a full pass)."""
    with corpus_stage(clock, "text_reuse"):
        reuse, prints = _update_text_reuse(session, staging, full)
    with corpus_stage(clock, "stories"):
        stories = update_stories(session, staging, full, prints)
    session.forget_corpus_articles()
    return {"stories": stories, "text_reuse": reuse}


def update_stories(session: CorpusSession, staging: Staging, full: bool = False,
                   prints: Mapping[str, np.ndarray] | None = None) -> int:
    """Stories that follow the night; returns the number of stories after it.

    Signatures weigh terms with the shipped idf, so an article's signature is its own, and a
    pair of articles links or not by the two alone (``linking_pairs``).  A night joins its
    story keys and reuse fingerprints against the stored ones (``story_keys``,
    ``reuse_fingerprints``) for its candidate pairs, stores those that link (``story_pairs``),
    and re-clusters only the blocks (articles connected by pairs) they touch, with the blocks'
    stored pairs, in the order a full pass applies them: per block the result is the full
    pass's.  The links of articles whose story moved, and the rows of the stories
    re-clustered, are appended (newest row wins)."""
    version = staging.based_on + 1
    state = ("story_terms", "story_keys", "story_labels", "story_pairs", "story_articles",
             "reuse_fingerprints")
    if full or not all(session.keeps(t) for t in state):
        facts = story_facts(session.corpus_articles(), prints)
        sigs = {f.article_id: signature(f.terms, f.counts) for f in facts}
        fps = {f.article_id: f.fingerprints for f in facts}
        dates = {f.article_id: f.published_at for f in facts}
        pairs = all_linking_pairs(sigs, fps, dates)
        stories = resolve_stories([story_member(f) for f in facts], pairs)
        staging.replace("story_terms", rows.story_term_rows(sigs))
        staging.replace("story_keys", rows.article_values(
            {a: story_keys(sig) for a, sig in sigs.items()}, "key"))
        staging.replace("story_labels", rows.story_label_rows(facts))
        staging.replace("story_pairs", rows.story_pair_rows(pairs))
        staging.replace("stories", rows.story_rows(stories, version))
        staging.replace("story_articles", rows.story_article_rows(
            stories, story_blocks(sigs, pairs), version))
        return len(stories)
    new = story_facts(session.new_corpus_articles())
    sigs = {f.article_id: signature(f.terms, f.counts) for f in new}
    keys = rows.article_values({a: story_keys(sig) for a, sig in sigs.items()}, "key")
    staging.append("story_terms", rows.story_term_rows(sigs))
    staging.append("story_keys", keys)
    if new:
        staging.write("story_labels", rows.story_label_rows(new))
    new_pairs = _night_story_pairs(session, new, sigs, keys)
    if new_pairs:
        staging.write("story_pairs", rows.story_pair_rows(new_pairs))
    stored = session.story_block_members(
        {a for pair in new_pairs for a in (pair.article_a, pair.article_b)} - sigs.keys())
    members = [s.member for s in stored] + [story_member(f) for f in new]
    pairs = session.stored_story_pairs(s.member.article_id for s in stored) + new_pairs
    stories = resolve_stories(members, pairs)
    blocks = story_blocks((m.article_id for m in members), pairs)
    links = {s.member.article_id: (s.story_id, s.block) for s in stored}
    story_of = {a: story.story_id for story in stories for a in story.article_ids}
    moved = [a for a in blocks if links.get(a) != (story_of[a], blocks[a])]
    night_links = rows.story_article_rows(stories, blocks, version, only=moved)
    staging.append("story_articles", night_links)
    if stories:
        staging.write("stories", rows.story_rows(stories, version))
    return session.story_count(night_links)


# New articles whose candidate story pairs are found and decided at once, in date order: a
# night's part of 13,000 articles spread over months met most of a 100,000-article warehouse in
# one go (2.2 GB); a chunk of neighbouring dates meets only the stored articles of its weeks.
STORY_CHUNK = 2000


def _night_story_pairs(session: CorpusSession, new: list[StoryFacts], sigs: dict[str, Signature],
                       keys: pa.Table) -> list[StoryPair]:
    """The linking pairs of the night's articles, a chunk of them at a time; each pair is
    decided by its two articles alone, so the pairs are those of one pass (sorted)."""
    prints = {f.article_id: f.fingerprints for f in new}
    dates = {f.article_id: f.published_at for f in new}
    night_fps = rows.article_values(prints, "fingerprint")
    ordered = sorted(new, key=lambda f: (time_key(f.published_at) is None,
                                         time_key(f.published_at) or 0.0, f.article_id))
    found: dict[tuple[str, str], StoryPair] = {}
    for start in range(0, len(ordered), STORY_CHUNK):
        chunk = [f.article_id for f in ordered[start : start + STORY_CHUNK]]
        candidates = session.story_candidates(keys, night_fps, chunk)
        for part in _by_stored_article(candidates, sigs.keys(), EVIDENCE_BATCH):
            evidence = session.story_evidence({a for pair in part for a in pair} - sigs.keys())
            for pair in linking_pairs(
                    part, {**sigs, **{a: e.signature for a, e in evidence.items()}},
                    {**{a: e.fingerprints for a, e in evidence.items()}, **prints},
                    {**{a: e.published_at for a, e in evidence.items()}, **dates}):
                found[(pair.article_a, pair.article_b)] = pair
    return [found[key] for key in sorted(found)]


# Stored articles whose evidence (signature, fingerprints, date) is read at once: an undated
# new article is a candidate with every stored article sharing a key with it, so a 1% night at
# 100,000 articles met 34,576 stored ones (280 MB in one read).
EVIDENCE_BATCH = 10_000


def _by_stored_article(candidates: list[tuple[str, str]], night: Collection[str],
                       limit: int) -> Iterator[list[tuple[str, str]]]:
    """The candidate pairs in groups that need the evidence of at most ``limit`` stored
    articles each (a pair has at most one: the other is the night's)."""
    def stored(pair: tuple[str, str]) -> str:
        return next((a for a in pair if a not in night), "")

    group: list[tuple[str, str]] = []
    seen: set[str] = set()
    for pair in sorted(candidates, key=stored):
        article = stored(pair)
        if article and article not in seen:
            if len(seen) == limit:
                yield group
                group, seen = [], set()
            seen.add(article)
        group.append(pair)
    if group:
        yield group


def update_text_reuse(session: CorpusSession, staging: Staging, full: bool = False) -> int:
    """Pair the night's articles through the stored fingerprints and align only those pairs.

    A fingerprint the night makes common can retire a stored pair (it is no longer evidence
    of reuse, exactly as in a full pass): then the table is replaced without that pair's
    passages; otherwise the new passages are appended.  Returns the passages after the night.
    """
    return _update_text_reuse(session, staging, full)[0]


def _update_text_reuse(session: CorpusSession, staging: Staging, full: bool
                       ) -> tuple[int, dict[str, np.ndarray] | None]:
    """``update_text_reuse``, and every article's fingerprints when it made a full pass."""
    if full or not session.keeps("reuse_fingerprints"):
        reuse, prints = text_reuse.text_reuse_pass(session.corpus_articles())
        staging.replace("text_reuse", rows.text_reuse_rows(reuse))
        staging.replace("reuse_fingerprints", rows.article_values(prints, "fingerprint"))
        return len(reuse), prints
    new = session.new_corpus_articles()
    fingerprints = rows.article_values(text_reuse.reuse_fingerprints(new), "fingerprint")
    staging.write("reuse_fingerprints", fingerprints)
    rare, most = text_reuse.sharing_limits()
    pairs, dropped = session.reuse_pairs(fingerprints, rare=rare, most=most,
                                         furniture=text_reuse.FURNITURE_ARTICLES)
    reuse = _aligned_in_batches(session, pairs)
    if dropped.num_rows:
        return staging.replace("text_reuse", session.text_reuse_updated(
            dropped, rows.text_reuse_rows(reuse))), None
    return session.count("committed_text_reuse") + staging.write(
        "text_reuse", rows.text_reuse_rows(reuse)), None


# Bodies a night holds at once while aligning its reuse pairs: a night that pairs with much of
# the warehouse (a wire story reprinted everywhere) must not load every stored body together.
REUSE_BODIES = 4000


def _aligned_in_batches(session: CorpusSession, pairs: Iterable[tuple[str, str]]
                        ) -> list[ReusePassage]:
    """The passages of a night's candidate pairs, aligned a batch of bodies at a time (pairs
    in order, so a new article's pairs stay together); each pair is aligned on its own, so the
    passages are those of one batch."""
    out: list[ReusePassage] = []
    batch: list[tuple[str, str]] = []
    ids: set[str] = set()
    for pair in sorted(pairs):
        need = set(pair) - ids
        if batch and len(ids) + len(need) > REUSE_BODIES:
            out += text_reuse.reuse_between(session.articles_by_id(ids), batch)
            batch, ids, need = [], set(), set(pair)
        batch.append(pair)
        ids |= need
    if batch:
        out += text_reuse.reuse_between(session.articles_by_id(ids), batch)
    return out


def update_near_duplicates(session: CorpusSession, staging: Staging, full: bool = False) -> int:
    """Match the night's articles against the stored band keys; restage only what changes.

    New links are appended; the table is replaced only when a stored article gains a closer
    original.  Returns the number of links after the night.
    """
    if full or not session.keeps("near_duplicate_bands"):
        links, keys = near_duplicates_and_bands(session.corpus_articles())
        staging.replace("near_duplicates", rows.near_duplicate_rows(links))
        staging.replace("near_duplicate_bands", rows.article_values(keys, "band_key"))
        return len(links)
    new = session.new_corpus_articles()
    keys = band_keys(new)
    bands = rows.article_values(keys, "band_key")
    staging.write("near_duplicate_bands", bands)
    neighbours = session.band_neighbours(bands)
    stored = {d.article_id: d for d in session.stored_near_duplicates(neighbours)}
    known = session.articles_by_id({*neighbours, *(d.original_id for d in stored.values())})
    links = link_near_duplicates(new, known, stored)
    changed = {k: v for k, v in links.items() if k in keys or stored.get(k) != v}
    if any(k in stored for k in changed):  # a stored link moved: replace the table
        return staging.replace("near_duplicates",
                               session.near_duplicates_updated(rows.touched_links(changed)))
    added = staging.write("near_duplicates",
                          rows.near_duplicate_rows(d for d in changed.values() if d))
    return session.count("committed_near_duplicates") + added
