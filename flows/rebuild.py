"""``newsledger rebuild``: every corpus-wide table recomputed from the stored facts.

Nights update the matching state (band keys and the links, clusters and canonical ids built on
it) from their new articles only.  After a change of rules or model, that state and what was
derived from it are stale; a rebuild recomputes them all from the stored articles, mentions and
quotes and commits them as one new version (logged in ``runs`` with status ``rebuilt``), exactly
what a fresh warehouse fed the same articles would hold.  No Prefect: there is nothing to
orchestrate.  A big warehouse is replayed as nights (``REPLAY_ARTICLES``) so that memory
follows a night's size, not the warehouse's.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime

from flows import corpus, corpus_split
from flows.metrics import StageClock
from flows.settings import Settings
from flows.summary import RunSummary, finish_summary, new_run_id
from warehouse import Warehouse, build_database, rows
from warehouse.corpus_session import SESSION_TABLES
from warehouse.schemas import REBUILT
from warehouse.store import Staging, write_parquet

# A rebuild over more stored articles than this replays them as nights of this many: one pass
# over 100,000 articles held 2.8 GB, a night part of 13,000 about 1.2 GB.
REPLAY_ARTICLES = 13_000


def _replayed(session: corpus.CorpusSession, staging: Staging, clock: StageClock,
              workers: int) -> dict[str, int]:
    """The derived tables recomputed by replaying the stored facts, oldest articles first, as
    nights of ``REPLAY_ARTICLES`` into a scratch warehouse (each night's corpus step in a fresh
    process, as a big night's parts are), then staged here as their whole new contents.  A
    night equals a full pass over what it has seen (``tests/test_incremental_corpus.py``), so
    the tables are the one pass's; only the rows' ``resolved_in`` is this rebuild's."""
    ids = session.article_ids_by_date()
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="newsledger-rebuild-") as scratch_dir:
        scratch = Warehouse(scratch_dir)
        for start in range(0, len(ids), REPLAY_ARTICLES):
            night = scratch.begin(new_run_id())
            parts = {}
            chunk = ids[start : start + REPLAY_ARTICLES]
            for table in SESSION_TABLES:
                path = night.path / "ingest" / table / f"{night.run_id}.parquet"
                write_parquet(table, session.fact_rows(table, chunk), path)
                parts[table] = [str(path)]
            _, sizes = corpus_split.corpus_in_fresh_process(scratch_dir, night, parts, clock,
                                                            workers)
            scratch.commit(night)
        with clock.stage("replay_tables"):
            for table in REBUILT:
                session.stage_current(scratch, table, staging, staging.based_on + 1)
    return sizes  # the last night's: the corpus after every article


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
            stored = session.count("all_articles")
            if stored > REPLAY_ARTICLES:
                sizes = _replayed(session, staging, clock, settings.workers)
            elif corpus_split.worth_splitting(stored, settings.workers):
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
