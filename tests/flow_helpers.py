"""Helpers for end-to-end tests: compare warehouse contents independent of run ids and clocks."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse import Warehouse
from warehouse.duck import create_views
from warehouse.schemas import TABLES

# Columns that legitimately differ between two runs over the same data.
VOLATILE = {"run_id", "ingested_at", "quarantined_at", "started_at", "finished_at", "seconds",
            "peak_rss_mb", "stage_seconds",
            "resolved_in"}  # the version that last linked a quote or name: when, not what


def snapshot(root: Path, skip: tuple[str, ...] = ("runs",)) -> dict[str, list[tuple]]:
    """Every table's rows as analysts see them (the base views: quotes and mentions resolved
    through their links, the newest link per key), volatile columns dropped, sorted."""
    con = duckdb.connect()
    create_views(con, Warehouse(root))
    out = {}
    for table in TABLES:
        if table in skip:
            continue
        data = con.execute(f"select * from {table}").to_arrow_table()
        keep = [c for c in data.column_names if c not in VOLATILE]
        rows = data.select(keep).to_pylist()
        out[table] = sorted(tuple(repr(r[c]) for c in keep) for r in rows)
    con.close()
    return out


def counts(root: Path) -> dict[str, int]:
    wh = Warehouse(root)
    return {table: wh.read(table).num_rows for table in TABLES}
