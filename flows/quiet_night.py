"""A night that brings no new dump file: logged in ``runs`` without starting Prefect.

Most of a run's fixed cost is Prefect itself: importing it and starting its temporary local API
server (about 10 s of a 12 s run over nothing new, measured in docs/benchmarks.md).  A night
with nothing to ingest has no tasks worth orchestrating, so ``newsledger run`` first looks for
new files here and only hands the night to the flow when there is work.  The record it commits
is the one the flow would have committed: a ``runs`` row through the same staged commit, then
the views rebuilt over the new version.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from datetime import UTC, datetime

from flows import ingest
from flows.metrics import StageClock
from flows.settings import Settings
from flows.summary import RunSummary, finish_summary, new_run_id
from warehouse import Warehouse, build_database, rows
from warehouse.duck import database_is_stale
from warehouse.manifest import CommitConflict
from warehouse.report import write_run_report

LOGGER = logging.getLogger(__name__)


def find_new_files(dumps: str, wh: Warehouse) -> ingest.Discovery:
    """Hash every dump file; keep those the ledger (``dump_files``) has not seen, and paths
    with a problem not reported yet."""
    return ingest.find_new(dumps, wh)


def record_quiet_night(settings: Settings) -> dict | None:
    """Log a run over no new files and return its summary; ``None`` when there is work
    (or another run committed meanwhile): then the nightly flow must run."""
    started_at = datetime.now(UTC)
    t0 = time.perf_counter()
    clock = StageClock()
    wh = Warehouse(settings.warehouse)
    if not wh.root.is_dir():
        return None  # a first night
    with clock.stage("discover"):
        found = find_new_files(settings.dumps, wh)
    if found.files:
        return None
    if database_is_stale(wh):  # a previous run committed but died before refreshing the views
        build_database(wh)
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id, status="ok", dumps=ingest.dumps_name(settings.dumps),
                         warehouse=str(wh.root), database=str(wh.root / "newsledger.duckdb"),
                         files_seen=found.seen, files_skipped=found.skipped)
    staging = wh.begin(run_id)
    finish_summary(summary, t0, clock)
    staging.write("runs", [rows.run_row(asdict(summary), started_at)])
    try:
        with clock.stage("publish"):
            manifest = wh.commit(staging)
    except CommitConflict:
        staging.abandon()
        return None
    build_database(wh, manifest)
    wh.finish(manifest, settings.retention)
    try:
        write_run_report(wh, manifest, asdict(summary))
    except Exception:  # a report must never fail a committed run
        LOGGER.exception("run %s: could not write the run report", run_id)
    LOGGER.info("run %s: nothing new in %s (%d files seen)", run_id, settings.dumps, found.seen)
    return asdict(summary)
