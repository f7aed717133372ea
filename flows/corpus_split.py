"""The corpus steps on two cores: text reuse and stories in a second process, entities,
quotes and near-duplicates here.

Why: after the ingest, the corpus steps ran one after the other in the flow's process while the
second core idled.  Text reuse and stories read articles and write their own tables; entity
resolution, quote matching and near-duplicates read and write others; neither half reads what
the other writes.  So a big night runs text reuse and stories in a fresh process with its own
DuckDB session over the same manifest version and staged parts, writing its parts into the
run's staging folder, and the run adopts them: the staged result is the one a single process
would stage.  (Near-duplicates stay here: the halves then take about as long.)

Small nights stay in one process: a second process costs about a second to start.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from flows import corpus
from flows.metrics import StageClock
from warehouse import Warehouse
from warehouse.store import Staging

# New articles (or, for a full pass, articles in all) from which a run splits its corpus steps.
SPLIT_FROM_ARTICLES = 2000


@dataclass
class SimilarityOutcome:
    """What the similarity process staged and measured, for the run to adopt."""

    sizes: dict[str, int]
    staged: dict[str, list[str]]
    replaced: set[str]
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)


def similarity_job(location: str, version: int, parts: dict[str, list[str]], staging_path: str,
                   run_id: str, based_on: int, full: bool) -> SimilarityOutcome:
    """Text reuse and stories of one run, in the process this runs in."""
    wh = Warehouse(location)
    staging = Staging.helper(staging_path, run_id, based_on)
    clock = StageClock()
    session = corpus.CorpusSession(wh, parts, version)
    try:
        session.night_articles()
        sizes = corpus.update_reuse_and_stories(session, staging, clock, full)
    finally:
        session.close()
    return SimilarityOutcome(
        sizes=sizes, staged={t: [str(p) for p in ps] for t, ps in staging.staged.items()},
        replaced=set(staging.replaced), seconds=clock.seconds, peak_mb=clock.peak_mb)


def worth_splitting(articles: int, workers: int) -> bool:
    """Whether a night of ``articles`` new articles (or a full pass over that many) splits."""
    return workers > 1 and articles >= SPLIT_FROM_ARTICLES


def update_corpus_split(session: corpus.CorpusSession, staging: Staging,
                        result: corpus.ConsolidateResult, clock: StageClock, location: str,
                        parts: dict[str, list[str]], full: bool = False) -> dict[str, int]:
    """``corpus.update_corpus``, with text reuse and stories in a second process meanwhile.

    The run summary's text_reuse and stories seconds are the second process's;
    ``similarity_wait`` is how long this process waited for it after its own half.
    """
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        future = pool.submit(similarity_job, location, session.version, parts,
                             str(staging.path), staging.run_id, staging.based_on, full)
        corpus.resolve_entities_and_quotes(session, staging, result, clock, full)
        with clock.stage("near_duplicates"):
            near = corpus.update_near_duplicates(session, staging, full)
        session.forget_corpus_articles()
        with clock.stage("similarity_wait"):
            outcome = future.result()
            pool.shutdown(wait=True)  # reaped inside the stage: its CPU is counted there
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    staging.adopt(outcome.staged, outcome.replaced)
    for name, seconds in outcome.seconds.items():
        clock.seconds[name] = clock.seconds.get(name, 0.0) + seconds
        clock.peak_mb[name] = max(clock.peak_mb.get(name, 0.0), outcome.peak_mb.get(name, 0.0))
    return {"near_duplicates": near, **outcome.sizes}


__all__ = ["SPLIT_FROM_ARTICLES", "SimilarityOutcome", "similarity_job", "update_corpus_split",
           "worth_splitting"]
