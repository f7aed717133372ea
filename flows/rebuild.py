"""``newsledger rebuild``: every corpus-wide table recomputed from the stored facts.

Nights update the matching state (band keys and the links, clusters and canonical ids built on
it) from their new articles only.  After a change of rules or model, that state and what was
derived from it are stale; a rebuild recomputes them all from the stored articles, mentions and
quotes and commits them as one new version (logged in ``runs`` with status ``rebuilt``), exactly
what a fresh warehouse fed the same articles would hold.  No Prefect: there is nothing to
orchestrate, one process does it.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from datetime import UTC, datetime

from flows import corpus, corpus_split
from flows.metrics import StageClock
from flows.settings import Settings
from flows.summary import RunSummary, finish_summary, new_run_id
from warehouse import Warehouse, build_database, rows


def rebuild(settings: Settings) -> dict:
    """Recompute the corpus-wide tables of ``settings.warehouse``; returns the run summary."""
    started_at = datetime.now(UTC)
    t0 = time.perf_counter()
    clock = StageClock()
    wh = Warehouse(settings.warehouse)
    run_id = new_run_id()
    staging = wh.begin(run_id)
    summary = RunSummary(run_id=run_id, status="rebuilt", dumps="", warehouse=str(wh.root),
                         database=str(wh.root / "newsledger.duckdb"))
    try:
        session = corpus.CorpusSession(wh, {})
        try:
            with clock.stage("settle"):
                result = corpus.settle_new_rows(session, staging, {})
            if corpus_split.worth_splitting(session.count("all_articles"), settings.workers):
                sizes = corpus_split.update_corpus_split(session, staging, result, clock,
                                                         wh.location, {}, full=True)
            else:
                sizes = corpus.update_corpus(session, staging, result, clock, full=True)
        finally:
            session.close()
        summary.mentions, summary.quotes = result.mentions, result.quotes
        summary.stories, summary.text_reuse = sizes["stories"], sizes["text_reuse"]
        finish_summary(summary, t0, clock)
        staging.write("runs", [rows.run_row(asdict(summary), started_at)])
        with clock.stage("publish"):
            manifest = wh.commit(staging)
    except BaseException:
        staging.abandon()
        raise
    build_database(wh, manifest)
    wh.finish(manifest, settings.retention)
    return asdict(summary)
