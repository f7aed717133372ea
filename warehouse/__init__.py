"""Table schemas, Parquet storage with atomic commits, and DuckDB views.

Analysts use ``warehouse.connect(DIR)`` for SQL and ``warehouse.load("quotes", DIR)`` for pandas;
``warehouse.open_database(DIR)`` opens the folder's own ``newsledger.duckdb`` from anywhere.
"""

from warehouse.duck import (
    build_database,
    connect,
    default_warehouse_dir,
    load,
    open_database,
    view_files,
)
from warehouse.store import Warehouse

__all__ = ["Warehouse", "build_database", "connect", "default_warehouse_dir", "load",
           "open_database", "view_files"]
