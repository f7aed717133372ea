"""The nightly flow: new dump files -> staged Parquet -> one atomic commit -> DuckDB views.

Tasks work on batches of files (never one task per article).  Only I/O tasks retry.  Nothing
becomes visible until ``publish`` swaps the manifest, so a run killed anywhere leaves the
warehouse as it was and the next run simply does the work again.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE as NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows import corpus, corpus_split, ingest, progress, quiet_night, runners
from flows.metrics import StageClock
from flows.settings import Settings
from flows.summary import RunSummary, markdown_cell  # noqa: F401  (re-exported)
from flows.summary import finish_summary as _finish_summary
from flows.summary import new_run_id as _new_run_id
from warehouse import Warehouse, build_database, rows
from warehouse.duck import database_is_stale
from warehouse.manifest import CommitConflict, Retention
from warehouse.report import write_run_report
from warehouse.store import Manifest, Staging

# A run that keeps losing the commit race to other runs gives up after this many plans.
MAX_ATTEMPTS = 3


# ---------------------------------------------------------------------- tasks


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def find_new_files(dumps: str, warehouse_dir: str) -> ingest.Discovery:
    """Hash every dump file; keep those the ledger (``dump_files``) has not seen."""
    return quiet_night.find_new_files(dumps, Warehouse(warehouse_dir))


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def ingest_batch(files: list[ingest.DumpFile], staging_dir: str, run_id: str,
                 flush_rows: int, pool: Executor | None = None) -> ingest.BatchResult:
    """Read, clean and extract one batch of files into staged Parquet parts.

    Extraction is CPU-bound pure Python, so with a process ``pool`` the batch runs in a
    worker process (the task itself only waits), which is how a run uses several cores.
    """
    if pool is None:
        return ingest.ingest_files(files, staging_dir, run_id, flush_rows)
    return pool.submit(ingest.ingest_files, files, staging_dir, run_id, flush_rows).result()


def _process_pool(workers: int, batches: int) -> ProcessPoolExecutor | None:
    """A pool of fresh ("spawn") worker processes when there is parallel work to share."""
    if workers <= 1 or batches <= 1:
        return None
    return ProcessPoolExecutor(max_workers=min(workers, batches),
                               mp_context=multiprocessing.get_context("spawn"))


@task(cache_policy=NO_CACHE)
def settle_and_resolve(warehouse_dir: str, staging: Staging, parts: dict[str, list[str]],
                       clock: StageClock, workers: int = 1, fresh_process: bool = False
                       ) -> tuple[corpus.ConsolidateResult, dict[str, int]]:
    """Whole-corpus steps: dedupe new rows, resolve entities and quotes, stories and reuse
    (a big night runs them in a fresh process, and the similarity half in a second one)."""
    if fresh_process:
        return corpus_split.corpus_in_fresh_process(warehouse_dir, staging, parts, clock,
                                                    workers)
    session = corpus.CorpusSession(Warehouse(warehouse_dir), parts)
    try:
        return corpus_split.settle_and_update(session, staging, parts, clock, warehouse_dir,
                                              workers)
    finally:
        session.close()


def _not_a_conflict(task, task_run, state) -> bool:
    """Retry a failed commit, but not a lost race: that needs a re-plan, not the same commit."""
    try:
        state.result()
    except CommitConflict:
        return False
    except Exception:  # noqa: BLE001  any other failure may be transient
        return True
    return True


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=_not_a_conflict, cache_policy=NO_CACHE)
def publish(warehouse_dir: str, staging: Staging) -> Manifest:
    """Commit the staged run as the next manifest version. Safe to retry (a second commit
    returns the first); ``CommitConflict`` when another run committed first."""
    return Warehouse(warehouse_dir).commit(staging)


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def refresh_views(warehouse_dir: str, manifest: Manifest, retention: Retention) -> str:
    """Rebuild the DuckDB file over the new version, then drop what retention lets go."""
    wh = Warehouse(warehouse_dir)
    database = build_database(wh, manifest)
    wh.finish(manifest, retention)
    return str(database)


# ---------------------------------------------------------------------- flow


@flow(name="newsledger-nightly", task_runner=ThreadPoolTaskRunner(max_workers=2))
def nightly(dumps: str | None = None, warehouse: str | None = None,
            batch_mb: float | None = None, dask: str | None = None,
            part_mb: float | None = None) -> dict:
    """Ingest the new files under ``dumps`` into ``warehouse`` (defaults from settings);
    with ``dask`` (a scheduler address) the ingest batches run on that Dask cluster.  A night
    of more than ``part_mb`` megabytes of dumps is committed in parts (``ingest.night_part``):
    each part is a run of its own in ``runs``, and the summary returned adds them up."""
    settings = Settings.from_env().override(dumps=dumps, warehouse=warehouse, batch_mb=batch_mb,
                                            dask=dask, part_mb=part_mb)
    logger = get_run_logger()
    if not ingest.dumps_exist(settings.dumps):
        raise FileNotFoundError(f"dumps folder not found: {settings.dumps}")
    wh = Warehouse(settings.warehouse)
    wh.root.mkdir(parents=True, exist_ok=True)
    if database_is_stale(wh):  # a previous run committed but died before refreshing the views
        build_database(wh)
    parts: list[RunSummary] = []
    attempted: set[str] = set()  # a file a part could not enter in the ledger waits a night
    while True:
        summary, manifest, left = _night_part(settings, wh, attempted, logger)
        parts.append(summary)
        if not left or not summary.files_new:
            break
        logger.info("run %s committed; %d new files left for the next part", summary.run_id, left)
    summary = combined(parts)
    logger.info("run %s summary: %s", summary.run_id, json.dumps(asdict(summary)))
    report = _write_report(wh, manifest, summary, logger)
    link = f"\n\nRun report: `{report}`" if report else ""
    create_markdown_artifact(markdown=summary.as_markdown() + link, key="newsledger-run-summary",
                             description=f"newsledger run {summary.run_id}")
    return asdict(summary)


def _night_part(settings: Settings, wh: Warehouse, attempted: set[str], logger
                ) -> tuple[RunSummary, Manifest, int]:
    """One commit: the new files up to ``settings.part_mb``, ingested, resolved, published
    and logged as a run.  Returns its summary, the manifest and how many new files are left."""
    started_at = datetime.now(UTC)
    t0 = time.perf_counter()
    clock = StageClock()
    run_id = _new_run_id()
    staging = wh.begin(run_id)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        summary = RunSummary(run_id=run_id, status="ok", dumps=ingest.dumps_name(settings.dumps),
                             warehouse=wh.location, database=str(wh.root / "newsledger.duckdb"))
        try:
            taken: set[str] = set()
            left = _ingest_and_resolve(settings, wh, staging, summary, clock, attempted, taken,
                                       logger)
            _finish_summary(summary, t0, clock)
            staging.write("runs", [rows.run_row(asdict(summary), started_at)])
            with clock.stage("publish"):
                manifest = publish(wh.location, staging)
                refresh_views(wh.location, manifest, settings.retention)
            attempted |= taken
            return summary, manifest, left
        except CommitConflict as exc:
            if attempt == MAX_ATTEMPTS:
                _record_failure(wh, summary, started_at, t0, clock, exc)
                raise
            # another run committed first: start again on top of it (files it read are now
            # in the ledger and are skipped)
            logger.warning("run %s: %s (attempt %d of %d)", run_id, exc, attempt, MAX_ATTEMPTS)
            staging.abandon()
            staging = wh.begin(run_id)
        except BaseException as exc:
            _record_failure(wh, summary, started_at, t0, clock, exc)
            raise
    raise AssertionError("unreachable: the last attempt returns or raises")


def combined(parts: list[RunSummary]) -> RunSummary:
    """One summary for a night committed in parts: counts added up, totals after the last
    part, seconds added up per stage, peaks the highest; the first part's run id."""
    if len(parts) == 1:
        return parts[0]
    first, last = parts[0], parts[-1]
    out = RunSummary(run_id=first.run_id, status=last.status, dumps=first.dumps,
                     warehouse=first.warehouse, database=first.database,
                     files_seen=first.files_seen, files_skipped=first.files_skipped,
                     mentions=last.mentions, quotes=last.quotes, stories=last.stories,
                     text_reuse=last.text_reuse, error=last.error,
                     part_runs=[p.run_id for p in parts])
    for name in ("files_new", "records", "articles_new", "duplicates", "quarantined", "figures"):
        setattr(out, name, sum(getattr(p, name) for p in parts))
    out.seconds = round(sum(p.seconds for p in parts), 3)
    out.peak_rss_mb = max(p.peak_rss_mb for p in parts)
    clock = StageClock()
    for p in parts:
        clock.merge(p.stage_seconds, p.stage_peak_mb)
    out.stage_seconds = {stage: round(secs, 3) for stage, secs in clock.seconds.items()}
    out.stage_peak_mb = clock.peak_mb
    return out


def _write_report(wh: Warehouse, manifest: Manifest, summary: RunSummary, logger) -> Path | None:
    """The HTML run report; the run is committed already, so a failure here is only logged."""
    try:
        return write_run_report(wh, manifest, asdict(summary))
    except Exception:  # a report must never fail a committed run
        logger.exception("run %s: could not write the run report", summary.run_id)
        return None


def _ingest_and_resolve(settings: Settings, wh: Warehouse, staging: Staging,
                        summary: RunSummary, clock: StageClock, attempted: set[str],
                        taken: set[str], logger) -> int:
    """Stage everything the run adds; nothing is visible until ``publish``.  Returns how many
    new files are left for the night's next part (files in ``attempted``, read by an earlier
    part of this night, wait for the next night; this part's files go into ``taken``)."""
    with clock.stage("discover"):
        found = find_new_files(settings.dumps, wh.location)
    new_files, left = ingest.night_part([f for f in found.files if f.rel not in attempted],
                                        settings.part_mb)
    taken.update(f.rel for f in new_files)
    summary.files_seen, summary.files_skipped = found.seen, found.skipped
    summary.files_new = sum(1 for f in new_files if f.problem is None)
    logger.info("run %s: %d files seen, %d new, %d of them in this part", summary.run_id,
                summary.files_seen, len(found.files), len(new_files))
    if not new_files:
        return 0
    parts: dict[str, list[str]] = {}
    accepted = 0
    batches = ingest.plan_batches(new_files, settings.batch_mb, settings.workers)
    with clock.stage("ingest"):
        for batch in _run_batches(settings, batches, staging.location, summary.run_id):
            summary.records += batch.records
            accepted += batch.articles
            summary.quarantined += batch.quarantined
            for table, paths in batch.parts.items():
                parts.setdefault(table, []).extend(paths)
    parts = staging.local_parts(parts)  # on object storage: fetched for the corpus session
    result, sizes = settle_and_resolve(wh.location, staging, parts, clock, settings.workers,
                                       corpus_split.worth_a_fresh_process(accepted))
    summary.articles_new = result.articles_new
    summary.duplicates = accepted - result.articles_new  # within the run and already stored
    summary.mentions, summary.quotes, summary.figures = (
        result.mentions, result.quotes, result.figures)
    summary.stories = sizes.get("stories", 0)
    summary.text_reuse = sizes.get("text_reuse", 0)
    return left


def _run_batches(settings: Settings, batches: list[list[ingest.DumpFile]], staging_dir: str,
                 run_id: str) -> list[ingest.BatchResult]:
    """Every batch ingested: on the Dask cluster when one is set, else in the process pool."""
    if settings.dask:
        return runners.run_on_dask(settings.dask, ingest_batch, batches, staging_dir, run_id,
                                   settings.flush_rows)
    with _process_pool(settings.workers, len(batches)) or nullcontext() as pool:
        futures = [ingest_batch.submit(b, staging_dir, run_id, settings.flush_rows, pool)
                   for b in batches]
        return list(progress.counted(futures, len(futures), "ingest batch",
                                     lambda future: future.result()))


def _record_failure(wh: Warehouse, summary: RunSummary, started_at: datetime, t0: float,
                    clock: StageClock, exc: BaseException) -> None:
    """Log a failed run in ``runs`` (and nothing else): the staged data is thrown away."""
    if wh.manifest().run_id == summary.run_id:
        return  # the run itself was committed; only refreshing the views failed
    summary.status = "failed"
    summary.error = f"{type(exc).__name__}: {exc}"[:2000]
    _finish_summary(summary, t0, clock)
    try:
        staging = wh.begin(summary.run_id)
        staging.write("runs", [rows.run_row(asdict(summary), started_at)])
        wh.commit(staging)
    except Exception:  # noqa: BLE001  the warehouse itself may be what failed: the flow's error says why
        get_run_logger().exception("could not record the failed run %s", summary.run_id)


if __name__ == "__main__":
    nightly()
