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

A big night's whole corpus step (settling included) also runs in a fresh process of its own
(``corpus_in_fresh_process``), so what it allocates (DuckDB's temporary tables, Arrow buffers,
sketches) goes back to the system when it ends: a night committed in parts would otherwise
start each part from the last one's high-water mark (on the 100,000-article benchmark the flow's
process grew by 60-90 MB a part, from 380 MB to 790 MB before the fifth part began).
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
# Articles a night's part ingests from which its whole corpus step runs in a fresh process.
FRESH_FROM_ARTICLES = 2000


@dataclass
class SimilarityOutcome:
    """What the similarity process staged and measured, for the run to adopt."""

    sizes: dict[str, int]
    staged: dict[str, list[str]]
    replaced: set[str]
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)

    def adopt_into(self, staging: Staging, clock: StageClock) -> None:
        """Take over what the process staged, and its stage times and peaks."""
        staging.adopt(self.staged, self.replaced)
        clock.merge(self.seconds, self.peak_mb)


@dataclass
class CorpusOutcome(SimilarityOutcome):
    """What a fresh process's whole corpus step staged and measured, and what it settled."""

    result: corpus.ConsolidateResult | None = None


def _spawned_pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


def corpus_job(location: str, version: int, parts: dict[str, list[str]], staging_path: str,
               run_id: str, based_on: int, workers: int, split_from: int) -> CorpusOutcome:
    """Settle a run's new rows and update every corpus table, in the process this runs in
    (splitting from ``split_from`` new articles, the run's ``SPLIT_FROM_ARTICLES``)."""
    staging = Staging.helper(staging_path, run_id, based_on)
    clock = StageClock()
    session = corpus.CorpusSession(Warehouse(location), parts, version)
    try:
        result, sizes = settle_and_update(session, staging, parts, clock, location, workers,
                                          split_from)
    finally:
        session.close()
    return CorpusOutcome(sizes=sizes, **_staged(staging, clock), result=result)


def settle_and_update(session: corpus.CorpusSession, staging: Staging,
                      parts: dict[str, list[str]], clock: StageClock, location: str,
                      workers: int, split_from: int | None = None
                      ) -> tuple[corpus.ConsolidateResult, dict[str, int]]:
    """Settle a run's new rows, then update the corpus tables (split over two processes from
    ``split_from`` new articles); sizes are empty when nothing was new."""
    with clock.stage("settle"):
        result = corpus.settle_new_rows(session, staging, parts)
    if not result.articles_new:
        return result, {}
    if worth_splitting(result.articles_new, workers, split_from):
        return result, update_corpus_split(session, staging, result, clock, location, parts)
    return result, corpus.update_corpus(session, staging, result, clock)


def _staged(staging: Staging, clock: StageClock) -> dict:
    """What a helper process's outcome reports of its staging and its clock."""
    return {"staged": {t: [str(p) for p in ps] for t, ps in staging.staged.items()},
            "replaced": set(staging.replaced), "seconds": clock.seconds,
            "peak_mb": clock.peak_mb}


def corpus_in_fresh_process(location: str, staging: Staging, parts: dict[str, list[str]],
                            clock: StageClock, workers: int
                            ) -> tuple[corpus.ConsolidateResult, dict[str, int]]:
    """``corpus_job`` in a spawned process over the manifest version the run is based on; the
    run adopts what it staged, and its stages' times.  ``corpus_process`` is the process's
    whole wall time, beside its own stages.  Returns what settling found and the corpus tables'
    sizes."""
    pool = _spawned_pool()
    try:
        with clock.stage("corpus_process"):  # the process's wall time; reaped inside, so its
            outcome = pool.submit(          # CPU is counted in this stage
                corpus_job, location, staging.based_on, parts, str(staging.path),
                staging.run_id, staging.based_on, workers, SPLIT_FROM_ARTICLES).result()
            pool.shutdown(wait=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    outcome.adopt_into(staging, clock)
    assert outcome.result is not None
    return outcome.result, outcome.sizes


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
    return SimilarityOutcome(sizes=sizes, **_staged(staging, clock))


def worth_a_fresh_process(articles: int) -> bool:
    """Whether a night's part that ingested ``articles`` runs its corpus step in a fresh
    process (a small night's step is small, and a process costs about a second to start)."""
    return articles >= FRESH_FROM_ARTICLES


def worth_splitting(articles: int, workers: int, split_from: int | None = None) -> bool:
    """Whether a night of ``articles`` new articles (or a full pass over that many) splits
    (from ``split_from`` articles; by default ``SPLIT_FROM_ARTICLES``)."""
    return workers > 1 and articles >= (SPLIT_FROM_ARTICLES if split_from is None else split_from)


def update_corpus_split(session: corpus.CorpusSession, staging: Staging,
                        result: corpus.ConsolidateResult, clock: StageClock, location: str,
                        parts: dict[str, list[str]], full: bool = False) -> dict[str, int]:
    """``corpus.update_corpus``, with text reuse and stories in a second process meanwhile.

    The run summary's text_reuse and stories seconds are the second process's;
    ``similarity_wait`` is how long this process waited for it after its own half.
    """
    pool = _spawned_pool()
    try:
        future = pool.submit(similarity_job, location, session.version, parts,
                             str(staging.path), staging.run_id, staging.based_on, full)
        corpus.resolve_entities_and_quotes(session, staging, result, clock, full)
        with corpus.corpus_stage(clock, "near_duplicates"):
            near = corpus.update_near_duplicates(session, staging, full)
        session.forget_corpus_articles()
        with clock.stage("similarity_wait"):
            outcome = future.result()
            pool.shutdown(wait=True)  # reaped inside the stage: its CPU is counted there
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    outcome.adopt_into(staging, clock)
    return {"near_duplicates": near, **outcome.sizes}


__all__ = ["FRESH_FROM_ARTICLES", "SPLIT_FROM_ARTICLES", "CorpusOutcome", "SimilarityOutcome",
           "corpus_in_fresh_process", "corpus_job", "settle_and_update", "similarity_job",
           "update_corpus_split", "worth_a_fresh_process", "worth_splitting"]
