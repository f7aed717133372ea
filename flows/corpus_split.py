"""The corpus steps on two cores: similarity in a second process, entities and quotes here.

Why: after the ingest, the corpus steps ran one after the other in the flow's process while the
second core idled.  Near-duplicates, text reuse and stories read articles; entity resolution
and quote matching read mentions and quotes; neither half reads what the other writes.  So a
big night runs the similarity half in a fresh process with its own DuckDB session over the
same manifest version and staged parts, writing its parts into the run's staging folder, and
the run adopts them: the staged result is the one a single process would stage.

Small nights stay in one process: a second process costs about a second to start.
"""

from __future__ import annotations

import multiprocessing
import time
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
    cpu_seconds: float = 0.0


def similarity_job(location: str, version: int, parts: dict[str, list[str]], staging_path: str,
                   run_id: str, based_on: int, full: bool) -> SimilarityOutcome:
    """Near-duplicates, text reuse and stories of one run, in the process this runs in."""
    cpu = time.process_time()
    wh = Warehouse(location)
    staging = Staging.helper(staging_path, run_id, based_on)
    clock = StageClock()
    session = corpus.CorpusSession(wh, parts, version)
    try:
        session.night_articles()
        sizes = corpus.update_similarity(session, staging, clock, full)
    finally:
        session.close()
    return SimilarityOutcome(
        sizes=sizes, staged={t: [str(p) for p in ps] for t, ps in staging.staged.items()},
        replaced=set(staging.replaced), seconds=clock.seconds, peak_mb=clock.peak_mb,
        cpu_seconds=time.process_time() - cpu)


def worth_splitting(articles: int, workers: int) -> bool:
    """Whether a night of ``articles`` new articles (or a full pass over that many) splits."""
    return workers > 1 and articles >= SPLIT_FROM_ARTICLES


def update_corpus_split(session: corpus.CorpusSession, staging: Staging,
                        result: corpus.ConsolidateResult, clock: StageClock, location: str,
                        parts: dict[str, list[str]], full: bool = False) -> dict[str, int]:
    """``corpus.update_corpus``, with its similarity half in a second process meanwhile.

    The run summary's near_duplicates, text_reuse and stories seconds are the second
    process's; ``similarity_wait`` is how long this process waited for it after its own half.
    """
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        future = pool.submit(similarity_job, location, session.version, parts,
                             str(staging.path), staging.run_id, staging.based_on, full)
        corpus.resolve_entities_and_quotes(session, staging, result, clock, full)
        with clock.stage("similarity_wait"):
            outcome = future.result()
            pool.shutdown(wait=True)  # reaped inside the stage: its CPU is counted there
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    staging.adopt(outcome.staged, outcome.replaced)
    for name, seconds in outcome.seconds.items():
        clock.seconds[name] = clock.seconds.get(name, 0.0) + seconds
        clock.peak_mb[name] = max(clock.peak_mb.get(name, 0.0), outcome.peak_mb.get(name, 0.0))
    return outcome.sizes


__all__ = ["SPLIT_FROM_ARTICLES", "SimilarityOutcome", "similarity_job", "update_corpus_split",
           "worth_splitting"]
