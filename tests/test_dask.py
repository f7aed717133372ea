"""The ingest batches on a real Dask cluster (scheduler and worker processes on 127.0.0.1, started
and stopped here) store the same tables as the default local run."""

from __future__ import annotations

import pytest

from benchmarks.synthetic import write_synthetic_dumps
from flows import runners
from flows.nightly import nightly
from tests.flow_helpers import snapshot
from tests.test_s3 import s3  # noqa: F401  (the moto S3 server fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture
def dask_cluster():
    """A scheduler and two single-threaded worker processes on loopback."""
    from distributed import LocalCluster

    cluster = LocalCluster(host="127.0.0.1", processes=True, n_workers=2, threads_per_worker=1,
                           dashboard_address=None, memory_limit="2GiB")
    try:
        yield cluster
    finally:
        cluster.close()


def test_dask_run_stores_the_same_tables_as_a_local_run(tmp_path, monkeypatch, dask_cluster):
    dumps = tmp_path / "dumps"
    write_synthetic_dumps(dumps, 40, seed=7, bad_records=2)
    local = tmp_path / "local"
    nightly(dumps=str(dumps), warehouse=str(local), batch_mb=0.005)

    calls = []
    real = runners.run_on_dask

    def spy(address, *args, **kwargs):
        calls.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(runners, "run_on_dask", spy)
    on_dask = tmp_path / "dask"
    summary = nightly(dumps=str(dumps), warehouse=str(on_dask), batch_mb=0.005,
                      dask=dask_cluster.scheduler_address)
    assert summary["status"] == "ok"
    assert calls == [dask_cluster.scheduler_address]
    # the batches were computed by the cluster's workers (the scheduler keeps a tally per task)
    ran = dask_cluster.scheduler.task_prefixes["ingest_batch"]
    assert ran.all_durations.get("compute", 0) > 0
    assert snapshot(on_dask) == snapshot(local)
    assert summary["articles_new"] > 0


def test_the_cluster_address_comes_from_the_command_or_the_environment(monkeypatch):
    from flows.cli import build_parser
    from flows.settings import Settings

    args = build_parser().parse_args(["run", "--dask", "tcp://127.0.0.1:8786"])
    assert args.dask == "tcp://127.0.0.1:8786"
    monkeypatch.delenv("NEWSLEDGER_DASK_ADDRESS", raising=False)
    assert Settings.from_env().dask is None  # the local process pool stays the default
    monkeypatch.setenv("NEWSLEDGER_DASK_ADDRESS", "tcp://127.0.0.1:9999")
    assert Settings.from_env().dask == "tcp://127.0.0.1:9999"
    assert Settings.from_env().override(dask="tcp://127.0.0.1:1").dask == "tcp://127.0.0.1:1"


def test_dask_workers_read_dumps_from_and_stage_parts_in_the_bucket(tmp_path, monkeypatch,
                                                                    s3):  # noqa: F811
    """End to end on loopback servers: dumps in a moto bucket, the warehouse in the bucket,
    the batches on a Dask cluster whose workers reach the bucket themselves; then a query."""
    from distributed import LocalCluster

    from tests.test_s3 import BUCKET, _upload
    from warehouse import connect

    monkeypatch.setenv("NEWSLEDGER_CACHE", str(tmp_path / "cache"))
    dumps = tmp_path / "dumps"
    write_synthetic_dumps(dumps, 24, seed=9, bad_records=1)
    _upload(s3, dumps, f"{BUCKET}/dumps")
    local = tmp_path / "local"
    nightly(dumps=str(dumps), warehouse=str(local), batch_mb=0.005)

    staged: list[str] = []
    real = runners.run_on_dask

    def spy(address, batch_task, batches, staging_dir, *args, **kwargs):
        results = real(address, batch_task, batches, staging_dir, *args, **kwargs)
        staged.extend(p for r in results for paths in r.parts.values() for p in paths)
        return results

    monkeypatch.setattr(runners, "run_on_dask", spy)
    url = f"s3://{BUCKET}/wh"
    # the workers start after the AWS environment is set, so they inherit it
    with LocalCluster(host="127.0.0.1", processes=True, n_workers=2, threads_per_worker=1,
                      dashboard_address=None, memory_limit="2GiB") as cluster:
        summary = nightly(dumps=f"s3://{BUCKET}/dumps", warehouse=url, batch_mb=0.005,
                          dask=cluster.scheduler_address)
    assert summary["status"] == "ok"
    assert staged and all(p.startswith(f"s3://{BUCKET}/wh/_staging/") for p in staged)
    assert snapshot(url) == snapshot(local)
    con = connect(url)
    try:
        assert con.execute("select count(*) from articles").fetchone()[0] == summary["articles_new"]
    finally:
        con.close()


def test_a_worker_killed_mid_run_loses_nothing(tmp_path, dask_cluster):
    """kill -9 of a Dask worker while it ingests a batch: the scheduler gives the batch to a
    worker again, and the run stores the same tables as a local run."""
    import os
    import signal
    import threading
    import time

    from distributed import Client

    dumps = tmp_path / "dumps"
    write_synthetic_dumps(dumps, 40, seed=12, bad_records=1)
    local = tmp_path / "local"
    nightly(dumps=str(dumps), warehouse=str(local), batch_mb=0.005)

    with Client(dask_cluster.scheduler_address) as client:
        pids = client.run(os.getpid)  # worker address -> process id
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 120  # bounded: gives up if no batch ever starts
        while time.monotonic() < deadline and not killed:
            try:  # the scheduler's loop changes its task table meanwhile
                tasks = list(dask_cluster.scheduler.tasks.values())
            except RuntimeError:
                continue
            for task in tasks:
                worker = task.processing_on
                if worker is not None and worker.address in pids:
                    os.kill(pids[worker.address], signal.SIGKILL)
                    killed.append(pids[worker.address])
                    return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
    killer.start()
    summary = nightly(dumps=str(dumps), warehouse=str(tmp_path / "dask"), batch_mb=0.005,
                      dask=dask_cluster.scheduler_address)
    killer.join(5)
    assert killed, "no worker was busy with a batch"
    assert summary["status"] == "ok"
    assert snapshot(tmp_path / "dask") == snapshot(local)
