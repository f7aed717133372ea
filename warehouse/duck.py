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
import pyarrow as pa

from warehouse.dictionary import apply_comments
from warehouse.schemas import LATEST_BY, TABLES
from warehouse.sql import literal, sql
from warehouse.store import Manifest, Warehouse

LOGGER = logging.getLogger(__name__)

VIEWS_DIR = Path(__file__).with_name("views")
DATABASE = "newsledger.duckdb"
LINK_TABLES = ("quote_links", "entity_links", "story_articles")
RESOLVED_BY_LINKS = ("quotes", "mentions")
ENTITY_TABLES = ("people", "organisations")
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
    return f"read_parquet([{', '.join(literal(p) for p in paths)}], union_by_name = true)"


def _duck_type(typ: pa.DataType) -> str:
    if pa.types.is_list(typ):
        return _duck_type(typ.value_type) + "[]"
    if pa.types.is_timestamp(typ):
        return "TIMESTAMPTZ" if typ.tz else "TIMESTAMP"
    return {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT",
            pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN"}.get(typ, "VARCHAR")


def _columns_sql(con: duckdb.DuckDBPyConnection, table: str, source: str) -> str:
    present = {row[0] for row in con.execute(f"describe select * from {source}").fetchall()}
    return ", ".join(
        f'"{f.name}"' if f.name in present else f'cast(null as {_duck_type(f.type)}) as "{f.name}"'
        for f in TABLES[table]
    )


def table_sql(con: duckdb.DuckDBPyConnection, table: str, source: str,
              links: dict[str, str] | None = None, probe: str | None = None) -> str:
    """A query over one table's rows in ``source`` with every schema column, as analysts read it.

    Parts written before a column existed lack it: the query gives it as a typed NULL instead
    of failing every question view that names it (``probe``: where to find the columns when
    ``source`` names files relative to a folder).  A links table gives its newest row per key;
    quotes and mentions are joined to their links (``links``: table -> relation to read them
    from), so a night that re-resolves them rewrites no stored fact; people and organisations
    are those some name still resolves to.
    """
    query = f"select {_columns_sql(con, table, probe or source)} from {source}"
    if table in LATEST_BY:
        query = sql("latest_rows", source=f"({query})", keys=", ".join(LATEST_BY[table]))
        if table in ENTITY_TABLES and links is not None:
            query = sql("current_entities", latest=query, entity_links=links["entity_links"])
        elif table == "stories" and links is not None:
            query = sql("current_stories", latest=query, story_articles=links["story_articles"])
    elif table in RESOLVED_BY_LINKS and links is not None:
        query = sql(f"{table}_view", facts=query, **{t: links[t] for t in LINK_TABLES})
    return query


def base_view_sql(con: duckdb.DuckDBPyConnection, table: str, paths: list[Path],
                  root: Path | None = None) -> str:
    """The base view of ``table`` over exactly ``paths`` (see ``table_sql``).

    With ``root``, paths are written relative to it, so a moved or copied warehouse reads its
    own files (DuckDB resolves them against the working folder, then ``file_search_path``).
    The links tables' views must exist first: quotes and mentions read them.
    """
    listed = [p.relative_to(root) if root is not None else p for p in paths]
    query = table_sql(con, table, parquet_source(listed), {t: t for t in LINK_TABLES},
                      probe=parquet_source(paths))
    return f"create or replace view {table} as {query}"


def create_views(con: duckdb.DuckDBPyConnection, warehouse: Warehouse,
                 manifest: Manifest | None = None, relative: bool = False,
                 stored: bool = False) -> None:
    """(Re)create every base view and question view on ``con`` (paths relative to the
    warehouse folder with ``relative``, for the database file that travels with it; with
    ``stored``, over the files where they are stored, e.g. ``s3://`` objects read through the
    filesystem ``warehouse.attach`` registered, instead of local copies)."""
    manifest = manifest or warehouse.manifest()
    if relative:
        con.execute(f"set file_search_path = {literal(warehouse.root)}")
    for table in sorted(TABLES, key=lambda t: t not in LINK_TABLES):  # links first
        paths = (warehouse.table_urls if stored else warehouse.table_paths)(table, manifest)
        con.execute(base_view_sql(con, table, paths, warehouse.root if relative else None))
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
        create_views(con, warehouse, manifest, relative=True)
        apply_comments(con)
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
    warehouse = Warehouse(require_warehouse(_default_dir(warehouse_dir)))
    manifest = warehouse.manifest_for_run(as_of) if as_of else warehouse.manifest()
    con = duckdb.connect()
    warehouse.attach(con)  # object storage: DuckDB reads the bucket through fsspec
    create_views(con, warehouse, manifest, stored=True)
    return con


def open_database(warehouse_dir: str | os.PathLike[str], read_only: bool = True
                  ) -> duckdb.DuckDBPyConnection:
    """The warehouse's own ``newsledger.duckdb``, from any working folder (its views name their
    files relative to the warehouse folder, which is set as ``file_search_path``)."""
    root = Path(require_warehouse(warehouse_dir)).resolve()
    con = duckdb.connect(str(root / DATABASE), read_only=read_only)
    con.execute(f"set file_search_path = {literal(root)}")
    return con


class NotAWarehouse(FileNotFoundError):
    """A path that is not a newsledger warehouse: reading it would answer 0 rows silently."""


def require_warehouse(path: str | os.PathLike[str]) -> str | os.PathLike[str]:
    """``path`` if it holds a newsledger warehouse (a manifest or table data); only ``run``
    creates one, so a mistyped path fails loudly instead of reading as empty."""
    folder = Path(path)
    if "://" in str(path):
        return path  # object storage: the manifest read says whether it is one
    if not folder.exists():
        raise NotAWarehouse(f"no warehouse at {folder}: the folder does not exist "
                            "(newsledger run creates one)")
    if not folder.is_dir():
        raise NotAWarehouse(f"no warehouse at {folder}: it is a file, not a folder")
    markers = [folder / "_manifests", folder / "_manifest.json", folder / "_staging",
               folder / DATABASE]
    if not any(m.exists() for m in markers) and not Warehouse(folder).has_data():
        raise NotAWarehouse(f"no warehouse at {folder}: the folder holds no newsledger manifest "
                            "or tables")
    return path


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
