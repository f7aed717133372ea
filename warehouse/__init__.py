"""Table schemas, Parquet storage with atomic commits, and DuckDB views.

Analysts use ``warehouse.connect(DIR)`` for SQL and ``warehouse.load("quotes", DIR)`` for pandas.
"""

from warehouse.duck import build_database, connect, default_warehouse_dir, load, view_files
from warehouse.store import Warehouse

__all__ = ["Warehouse", "build_database", "connect", "default_warehouse_dir", "load", "view_files"]
