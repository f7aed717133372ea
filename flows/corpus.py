"""Whole-corpus steps: settle what a run adds, then recompute what depends on the whole corpus.

Appended tables get only what is new (an article already stored is not stored again; its new
source is).  Resolved tables — canonical entities, canonical quotes, stories, near-duplicates
and text reuse — are recomputed from all stored facts every run and staged as replacements,
so they are always consistent with the corpus and a rerun produces the same ids.

Wiring only: the SQL and the session live in ``warehouse.corpus_session``, the rows in
``warehouse.rows``, the algorithms in ``transforms.corpus``.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.corpus.entity_resolution import resolve_entities
from transforms.corpus.near_duplicates import find_near_duplicates
from transforms.corpus.quote_matching import match_quotes
from transforms.corpus.quote_wordings import wording_diffs
from transforms.corpus.stories import find_stories
from transforms.corpus.text_reuse import find_text_reuse
from transforms.records import EntityName
from warehouse import rows
from warehouse.corpus_session import CorpusSession
from warehouse.store import Staging

__all__ = [
    "ConsolidateResult", "CorpusSession", "rebuild_similarity", "resolve_corpus_entities",
    "resolve_corpus_quotes", "settle_new_rows",
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


def rebuild_similarity(session: CorpusSession, staging: Staging) -> dict[str, int]:
    """Near-duplicates, stories and text reuse over the whole corpus."""
    articles = session.corpus_articles()
    near = find_near_duplicates(articles)
    staging.replace("near_duplicates", rows.near_duplicate_rows(near))
    stories = find_stories(articles)
    staging.replace("stories", rows.story_rows(stories))
    staging.replace("story_articles", rows.story_article_rows(stories))
    reuse = find_text_reuse(articles)
    staging.replace("text_reuse", rows.text_reuse_rows(reuse))
    return {"near_duplicates": len(near), "stories": len(stories), "text_reuse": len(reuse)}
