"""Where the ingest batches run: this machine's process pool (the default) or a Dask cluster.

With a Dask scheduler address (``newsledger run --dask tcp://host:8786`` or
``NEWSLEDGER_DASK_ADDRESS``) the batches become Prefect tasks of the nightly flow submitted
through ``prefect_dask.DaskTaskRunner`` connected to that cluster.  Each worker reads its dump
files and writes its staged Parquet parts itself, to storage every worker and the driver share
(a common folder or a bucket); only the ``BatchResult`` (part paths and counts) comes back.
"""

from __future__ import annotations

from typing import Any

from flows import ingest, progress


def run_on_dask(address: str, batch_task: Any, batches: list[list[ingest.DumpFile]],
                staging_dir: str, run_id: str, flush_rows: int) -> list[ingest.BatchResult]:
    """Run ``batch_task`` (a Prefect task taking ``files, staging_dir, run_id, flush_rows``)
    once per batch on the Dask cluster at ``address``; the results in batch order.

    Called inside the nightly flow: the task runs are that flow run's, the Prefect context
    (API address, settings) travels with each submission to the worker.
    """
    from prefect_dask import DaskTaskRunner  # only a run that asks for Dask needs it

    with DaskTaskRunner(address=address) as runner:
        futures = [runner.submit(batch_task, {"files": batch, "staging_dir": staging_dir,
                                              "run_id": run_id, "flush_rows": flush_rows})
                   for batch in batches]
        return list(progress.counted(futures, len(futures), "ingest batch (dask)",
                                     lambda future: future.result()))


__all__ = ["run_on_dask"]
