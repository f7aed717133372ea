"""Run settings from environment variables, so the nightly deployment needs no arguments."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from warehouse import default_warehouse_dir
from warehouse.manifest import Retention


@dataclass(frozen=True)
class Settings:
    """Where the dumps are, where the warehouse goes, and how big a batch is.

    ``NEWSLEDGER_DUMPS`` (default ``./dumps``), ``NEWSLEDGER_WAREHOUSE`` (``./warehouse-data``),
    ``NEWSLEDGER_BATCH_MB`` (64: dump megabytes per ingest task), ``NEWSLEDGER_FLUSH_ROWS``
    (2000: articles buffered before a Parquet part is written, which bounds memory),
    ``NEWSLEDGER_WORKERS`` (up to 2: worker processes that ingest batches in parallel),
    ``NEWSLEDGER_PART_MB`` (64: dump megabytes a night commits at once; a bigger night is
    committed in parts, each an incremental night over the ones before, so memory stays
    bounded),
    ``NEWSLEDGER_KEEP_VERSIONS`` (10) and ``NEWSLEDGER_KEEP_HOURS`` (24): a manifest version,
    and the files it lists, stays while it is among the newest this many or younger than
    this many hours, so readers holding it keep working.  ``NEWSLEDGER_DASK_ADDRESS``
    (e.g. ``tcp://host:8786``): ingest batches run on that Dask cluster instead of the local
    process pool.  Dumps and warehouse may be ``s3://bucket/prefix`` URLs (AWS_* variables;
    ``NEWSLEDGER_CACHE`` holds the driver's local copies, see ``warehouse.object_store``).
    """

    dumps: str = "dumps"
    warehouse: str = "warehouse-data"
    batch_mb: float = 64.0
    flush_rows: int = 2000
    part_mb: float = 64.0
    workers: int = max(1, min(2, os.cpu_count() or 1))
    keep_versions: int = 10
    keep_hours: float = 24.0
    dask: str | None = None  # a Dask scheduler address: the ingest batches run on that cluster

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            dumps=env.get("NEWSLEDGER_DUMPS") or cls.dumps,
            warehouse=default_warehouse_dir(),
            batch_mb=float(env.get("NEWSLEDGER_BATCH_MB") or cls.batch_mb),
            flush_rows=int(env.get("NEWSLEDGER_FLUSH_ROWS") or cls.flush_rows),
            part_mb=float(env.get("NEWSLEDGER_PART_MB") or cls.part_mb),
            workers=int(env.get("NEWSLEDGER_WORKERS") or cls.workers),
            keep_versions=int(env.get("NEWSLEDGER_KEEP_VERSIONS") or cls.keep_versions),
            keep_hours=float(env.get("NEWSLEDGER_KEEP_HOURS") or cls.keep_hours),
            dask=env.get("NEWSLEDGER_DASK_ADDRESS") or None,
        )

    @property
    def retention(self) -> Retention:
        return Retention(versions=self.keep_versions, hours=self.keep_hours)

    def override(self, **values: object) -> Settings:
        """Settings with every non-None value in ``values`` replacing the current one."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})
