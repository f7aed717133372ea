"""DuckDB over the committed Parquet files: one base view per table, one view per question.

Base views list the manifest's files explicitly (not a glob), so a half-finished run's files
are never visible.  Question views live in ``warehouse/views/*.sql``, one per file, named for
the question they answer, with a one-line ``-- name: description`` header.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.schemas import TABLES
from warehouse.store import Manifest, Warehouse

LOGGER = logging.getLogger(__name__)

VIEWS_DIR = Path(__file__).with_name("views")
DATABASE = "newsledger.duckdb"
_HEADER = re.compile(r"^--\s*(?P<name>[a-z_][a-z0-9_]*)\s*:\s*(?P<description>.+)$")


@dataclass(frozen=True)
class ViewFile:
    name: str
    description: str
    sql: str


def view_files(folder: Path = VIEWS_DIR) -> list[ViewFile]:
    """The question views, in file-name order, with their one-line descriptions."""
    views = []
    for path in sorted(folder.glob("*.sql")):
        sql = path.read_text()
        first = sql.lstrip().splitlines()[0] if sql.strip() else ""
        match = _HEADER.match(first)
        description = match.group("description").strip() if match else ""
        views.append(ViewFile(name=path.stem, description=description, sql=sql))
    return views


def parquet_source(paths: Iterable[str | os.PathLike[str]]) -> str:
    """SQL reading exactly these Parquet files (an explicit list, never a glob)."""
    quoted = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
    return f"read_parquet([{quoted}], union_by_name = true)"


def create_views(con: duckdb.DuckDBPyConnection, warehouse: Warehouse,
                 manifest: Manifest | None = None) -> None:
    """(Re)create every base view and question view on ``con``."""
    manifest = manifest or warehouse.manifest()
    for table in TABLES:
        source = parquet_source(warehouse.table_paths(table, manifest))
        con.execute(f"create or replace view {table} as select * from {source}")
    pending = view_files()
    # A view may build on another question view: retry until no progress is made.
    while pending:
        failed = []
        for view in pending:
            try:
                con.execute(view.sql)
            except duckdb.CatalogException:
                failed.append(view)
        if len(failed) == len(pending):
            con.execute(failed[0].sql)  # raise the real error
        pending = failed


def build_database(warehouse: Warehouse, manifest: Manifest | None = None) -> Path:
    """Write ``newsledger.duckdb`` afresh and swap it in, so readers never see it half-built.

    Each writer builds under its own temporary name (two runs may finish at once), and a
    build for a version older than the newest is dropped instead of replacing a newer one.
    """
    manifest = manifest or warehouse.manifest()
    target = warehouse.root / DATABASE
    tmp = warehouse.root / f".{DATABASE}.{uuid.uuid4().hex}.tmp"
    con = duckdb.connect(str(tmp))
    try:
        create_views(con, warehouse, manifest)
        con.execute("checkpoint")
    finally:
        con.close()
    if warehouse.manifest().version > manifest.version:
        tmp.unlink(missing_ok=True)  # a newer run commits and builds its own
    else:
        os.replace(tmp, target)
    return target


def database_is_stale(warehouse: Warehouse) -> bool:
    """True when the newest manifest is newer than the DuckDB file (or the file is missing)."""
    database = warehouse.root / DATABASE
    if not warehouse.manifest_path.exists():
        return not database.exists()
    return not database.exists() or database.stat().st_mtime < warehouse.manifest_path.stat().st_mtime


def connect(warehouse_dir: str | os.PathLike[str] | None = None,
            as_of: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with every view over the warehouse's committed data
    (the newest version, or the one run ``as_of`` committed)."""
    warehouse = Warehouse(_default_dir(warehouse_dir))
    manifest = warehouse.manifest_for_run(as_of) if as_of else warehouse.manifest()
    con = duckdb.connect()
    create_views(con, warehouse, manifest)
    return con


class WritingStatement(ValueError):
    """A query that would write, attach, install or change settings, run without permission."""


# Statement kinds that only read; everything else (COPY, ATTACH, INSTALL/LOAD, CREATE, SET,
# EXPORT, INSERT, ...) can change files or the session and needs ``allow_writes``.
READ_ONLY_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise ``WritingStatement`` unless every statement in ``sql`` only reads."""
    for statement in con.extract_statements(sql):
        kind = statement.type
        if kind not in READ_ONLY_STATEMENTS or (
            kind == duckdb.StatementType.EXPLAIN and re.search(r"\banalyze\b", statement.query, re.IGNORECASE)
        ):
            name = getattr(kind, "name", str(kind)).lower()
            raise WritingStatement(
                f"refusing a {name} statement: queries are read-only unless --allow-writes "
                f"is given ({statement.query.strip()[:80]!r})")


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """No extension downloads or loads behind a query's back, and no settings changed later."""
    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    con.execute("set lock_configuration = true")


def load(table: str, warehouse_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """A table or view as a pandas DataFrame."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", table):
        raise ValueError(f"not a table or view name: {table!r}")
    con = connect(warehouse_dir)
    try:
        return con.execute(f"select * from {table}").to_arrow_table().to_pandas()
    finally:
        con.close()


def _default_dir(warehouse_dir: str | os.PathLike[str] | None) -> str | os.PathLike[str]:
    return warehouse_dir if warehouse_dir is not None else default_warehouse_dir()


def default_warehouse_dir() -> str:
    """``$NEWSLEDGER_WAREHOUSE``, else ``./warehouse-data``: the nightly run needs no arguments."""
    return os.environ.get("NEWSLEDGER_WAREHOUSE") or "warehouse-data"
