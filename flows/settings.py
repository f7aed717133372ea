"""Run settings from environment variables, so the nightly deployment needs no arguments."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from warehouse import default_warehouse_dir


@dataclass(frozen=True)
class Settings:
    """Where the dumps are, where the warehouse goes, and how big a batch is.

    ``NEWSLEDGER_DUMPS`` (default ``./dumps``), ``NEWSLEDGER_WAREHOUSE`` (``./warehouse-data``),
    ``NEWSLEDGER_BATCH_MB`` (64: dump megabytes per ingest task), ``NEWSLEDGER_FLUSH_ROWS``
    (2000: articles buffered before a Parquet part is written, which bounds memory),
    ``NEWSLEDGER_WORKERS`` (up to 2: worker processes that ingest batches in parallel).
    """

    dumps: str = "dumps"
    warehouse: str = "warehouse-data"
    batch_mb: float = 64.0
    flush_rows: int = 2000
    workers: int = max(1, min(2, os.cpu_count() or 1))

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            dumps=env.get("NEWSLEDGER_DUMPS") or cls.dumps,
            warehouse=default_warehouse_dir(),
            batch_mb=float(env.get("NEWSLEDGER_BATCH_MB") or cls.batch_mb),
            flush_rows=int(env.get("NEWSLEDGER_FLUSH_ROWS") or cls.flush_rows),
            workers=int(env.get("NEWSLEDGER_WORKERS") or cls.workers),
        )

    def override(self, **values: object) -> Settings:
        """Settings with every non-None value in ``values`` replacing the current one."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})
