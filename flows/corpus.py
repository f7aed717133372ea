"""Whole-corpus steps: settle what a run adds, then update what depends on the whole corpus.

Appended tables get only what is new (an article already stored is not stored again; its new
source is).  Near-duplicates and text reuse follow the night: the new articles are matched
against the stored band keys (``near_duplicate_bands``) and fingerprints
(``reuse_fingerprints``), and only the links and passages they change are restaged, which
equals a recompute.  Stories cluster the stored per-article facts (``story_terms``,
``story_labels``) plus the night's, so no stored body is read, but the clustering itself is
still corpus-wide.  Canonical entities and canonical quotes are still recomputed from all
stored facts every run and staged as replacements.  ``full=True`` (a first night, a
warehouse without matching state, ``newsledger rebuild``) recomputes every step from the facts.

Wiring only: the SQL and the session live in ``warehouse.corpus_session``, the rows in
``warehouse.rows``, the algorithms in ``transforms.corpus``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.metrics import StageClock
from transforms.corpus import text_reuse
from transforms.corpus.entity_resolution import resolve_entities
from transforms.corpus.near_duplicates import (
    band_keys,
    find_near_duplicates,
    link_near_duplicates,
)
from transforms.corpus.quote_matching import match_quotes
from transforms.corpus.quote_wordings import wording_diffs
from transforms.corpus.stories import cluster_stories, story_facts
from transforms.records import EntityName
from warehouse import rows
from warehouse.corpus_session import CorpusSession
from warehouse.store import Staging

__all__ = [
    "ConsolidateResult", "CorpusSession", "resolve_corpus_entities", "resolve_corpus_quotes",
    "settle_new_rows", "update_corpus", "update_near_duplicates", "update_similarity",
    "update_stories", "update_text_reuse",
]


@dataclass
class ConsolidateResult:
    """Counts for the run summary: new articles and figures, and corpus-wide totals."""

    articles_new: int = 0
    mentions: int = 0
    quotes: int = 0
    figures: int = 0


def settle_new_rows(session: CorpusSession, staging: Staging,
                    staged_parts: dict[str, list[str]]) -> ConsolidateResult:
    """Stage the truly new rows of every appended table; define ``all_*`` tables for the rest."""
    settled = session.settle_new_rows(staging, staged_parts)
    return ConsolidateResult(articles_new=settled.articles_new, figures=settled.figures)


def resolve_corpus_entities(session: CorpusSession, staging: Staging) -> int:
    """Canonical people and organisations for every mention and quote speaker in the corpus."""
    resolved = resolve_entities(
        EntityName(entity_type, name, max(count, 1))
        for entity_type, name, count in session.entity_names()
    )
    session.stage_resolved_entities(rows.entity_map(resolved), staging)
    return len(resolved)


def resolve_corpus_quotes(session: CorpusSession, staging: Staging) -> int:
    """Canonical quote ids across the corpus, each speaker's entity id, and wording diffs."""
    quotes = session.quote_texts()
    canonical = match_quotes([(quote_id, text, speaker) for quote_id, text, speaker, _ in quotes])
    diffs = wording_diffs(quotes, canonical)
    return session.stage_resolved_quotes(rows.quote_map(canonical, diffs), staging)


def update_corpus(session: CorpusSession, staging: Staging, result: ConsolidateResult,
                  clock: StageClock, full: bool = False) -> dict[str, int]:
    """Every corpus-wide step after settling, timed per stage; fills ``result``'s totals."""
    with clock.stage("entities"):
        resolve_corpus_entities(session, staging)
    with clock.stage("quotes"):
        result.quotes = resolve_corpus_quotes(session, staging)
    result.mentions = session.count("all_mentions")
    return update_similarity(session, staging, clock, full)


def update_similarity(session: CorpusSession, staging: Staging, clock: StageClock,
                      full: bool = False) -> dict[str, int]:
    """Near-duplicates (incremental unless ``full``), stories and text reuse."""
    with clock.stage("near_duplicates"):
        near = update_near_duplicates(session, staging, full)
    with clock.stage("text_reuse"):
        reuse = update_text_reuse(session, staging, full)
    with clock.stage("stories"):
        stories = update_stories(session, staging, full)
    return {"near_duplicates": near, "stories": stories, "text_reuse": reuse}


def update_stories(session: CorpusSession, staging: Staging, full: bool = False) -> int:
    """Cluster every article into stories from the stored per-article facts plus the night's.

    The clustering itself is still corpus-wide (term weights are corpus idf), but it reads
    no stored body: only the night's articles are tokenised.  Returns the number of stories.
    """
    incremental = not full and all(
        session.keeps(t) for t in ("story_terms", "story_labels", "reuse_fingerprints"))
    if incremental:
        new = story_facts(session.new_corpus_articles())
        facts = session.stored_story_facts() + new
    else:
        new = facts = story_facts(session.corpus_articles())
    publish = staging.write if incremental else staging.replace
    publish("story_terms", rows.story_term_rows(new))
    publish("story_labels", rows.story_label_rows(new))
    stories = cluster_stories(facts)
    staging.replace("stories", rows.story_rows(stories))
    staging.replace("story_articles", rows.story_article_rows(stories))
    return len(stories)


def update_text_reuse(session: CorpusSession, staging: Staging, full: bool = False) -> int:
    """Pair the night's articles through the stored fingerprints and align only those pairs.

    A fingerprint the night makes common can retire a stored pair (it is no longer evidence
    of reuse, exactly as in a full pass): then the table is replaced without that pair's
    passages; otherwise the new passages are appended.  Returns the passages after the night.
    """
    if full or not session.keeps("reuse_fingerprints"):
        articles = session.corpus_articles()
        reuse = text_reuse.find_text_reuse(articles)
        staging.replace("text_reuse", rows.text_reuse_rows(reuse))
        staging.replace("reuse_fingerprints",
                        rows.article_values(text_reuse.reuse_fingerprints(articles), "fingerprint"))
        return len(reuse)
    new = session.new_corpus_articles()
    fingerprints = rows.article_values(text_reuse.reuse_fingerprints(new), "fingerprint")
    staging.write("reuse_fingerprints", fingerprints)
    rare, most = text_reuse.sharing_limits()
    pairs, dropped = session.reuse_pairs(fingerprints, rare=rare, most=most,
                                         furniture=text_reuse.FURNITURE_ARTICLES)
    known = session.articles_by_id({article_id for pair in pairs for article_id in pair})
    reuse = text_reuse.reuse_between(known, pairs)
    if dropped.num_rows:
        return staging.replace("text_reuse",
                               session.text_reuse_updated(dropped, rows.text_reuse_rows(reuse)))
    return session.count("committed_text_reuse") + staging.write("text_reuse",
                                                                 rows.text_reuse_rows(reuse))


def update_near_duplicates(session: CorpusSession, staging: Staging, full: bool = False) -> int:
    """Match the night's articles against the stored band keys; restage only what changes.

    New links are appended; the table is replaced only when a stored article gains a closer
    original.  Returns the number of links after the night.
    """
    if full or not session.keeps("near_duplicate_bands"):
        articles = session.corpus_articles()
        links = find_near_duplicates(articles)
        staging.replace("near_duplicates", rows.near_duplicate_rows(links))
        staging.replace("near_duplicate_bands", rows.article_values(band_keys(articles), "band_key"))
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
