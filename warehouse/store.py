"""Parquet storage with an atomic commit point.

Layout of a warehouse directory::

    DIR/_manifest.json          the committed state: table -> list of Parquet files
    DIR/<table>/<part>.parquet  immutable data files (zstd)
    DIR/_staging/<run_id>/      files written by a run that has not committed yet
    DIR/newsledger.duckdb       views over exactly the files the manifest lists

A run writes only under its staging directory.  ``commit`` moves the staged files into the
table directories (still invisible: nothing lists them) and then replaces the manifest with
one ``os.replace`` — the single atomic commit point.  Files that no manifest lists (left by a
killed run, or replaced by a rebuilt table) are deleted by ``recover``/``commit`` afterwards.
A run killed at any moment therefore leaves the previous manifest, and every reader that goes
through it, exactly as it was.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.schemas import APPENDED, REBUILT, TABLES

LOGGER = logging.getLogger(__name__)

MANIFEST = "_manifest.json"
STAGING = "_staging"
EMPTY = "_empty"
COMPRESSION = "zstd"


class SchemaMismatch(ValueError):
    """A write carried a column the table's schema does not know."""


def conform(table: str, data: pa.Table | Iterable[Mapping[str, Any]]) -> pa.Table:
    """Cast rows or an Arrow table to the table's schema; unknown columns fail loudly."""
    schema = TABLES[table]
    if not isinstance(data, pa.Table):
        rows = list(data)
        extra = {k for row in rows for k in row} - set(schema.names)
        if extra:
            raise SchemaMismatch(f"{table}: unexpected columns {sorted(extra)}")
        columns = {name: [row.get(name) for row in rows] for name in schema.names}
        return pa.Table.from_pydict(columns, schema=schema)
    extra = set(data.column_names) - set(schema.names)
    if extra:
        raise SchemaMismatch(f"{table}: unexpected columns {sorted(extra)}")
    arrays = [
        data.column(name) if name in data.column_names else pa.nulls(len(data), schema.field(name).type)
        for name in schema.names
    ]
    return pa.Table.from_arrays(arrays, schema=schema) if arrays else data


def write_parquet(table: str, data: pa.Table | Iterable[Mapping[str, Any]], path: Path) -> int:
    """Write ``data`` conformed to ``table``'s schema; returns the row count."""
    arrow = conform(table, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(arrow, tmp, compression=COMPRESSION)
    os.replace(tmp, path)
    return arrow.num_rows


@dataclass
class Manifest:
    """The committed state of the warehouse."""

    version: int = 0
    tables: dict[str, list[str]] = field(default_factory=dict)
    run_id: str | None = None
    committed_at: str | None = None

    def files(self, table: str) -> list[str]:
        return list(self.tables.get(table, []))


class Warehouse:
    """A warehouse directory: read the committed state, stage a run, commit it atomically."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root).resolve()

    # ------------------------------------------------------------------ reading
    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def manifest(self) -> Manifest:
        try:
            raw = json.loads(self.manifest_path.read_text())
        except FileNotFoundError:
            return Manifest()
        return Manifest(
            version=raw["version"],
            tables={k: list(v) for k, v in raw["tables"].items()},
            run_id=raw.get("run_id"),
            committed_at=raw.get("committed_at"),
        )

    def table_paths(self, table: str, manifest: Manifest | None = None) -> list[Path]:
        """Absolute paths of the committed files of ``table`` (never empty: see ``empty_file``)."""
        manifest = manifest or self.manifest()
        files = [self.root / rel for rel in manifest.files(table)]
        return files or [self.empty_file(table)]

    def empty_file(self, table: str) -> Path:
        """A zero-row file with the table's schema, so an empty table still has a typed view."""
        path = self.root / EMPTY / f"{table}.parquet"
        if not path.exists():
            write_parquet(table, [], path)
        return path

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        """The committed contents of ``table`` as one Arrow table, cast to its schema."""
        parts = [pq.read_table(p, columns=columns) for p in self.table_paths(table)]
        schema = TABLES[table]
        if columns is not None:
            schema = pa.schema([schema.field(c) for c in columns])
        return pa.concat_tables([p.cast(schema) for p in parts]) if parts else schema.empty_table()

    def iter_batches(self, table: str, columns: list[str] | None = None,
                     batch_size: int = 10_000) -> Iterator[pa.RecordBatch]:
        """Stream the committed rows of ``table`` without loading it whole."""
        for path in self.table_paths(table):
            yield from pq.ParquetFile(path).iter_batches(batch_size=batch_size, columns=columns)

    # ------------------------------------------------------------------ writing
    def begin(self, run_id: str) -> Staging:
        """Start staging a run's output (after clearing whatever a killed run left)."""
        self.recover()
        return Staging(self, run_id)

    def recover(self) -> list[str]:
        """Delete leftovers of killed runs: staging dirs and files no manifest lists."""
        removed: list[str] = []
        staging = self.root / STAGING
        if staging.exists():
            for leftover in staging.iterdir():
                removed.append(str(leftover))
                shutil.rmtree(leftover, ignore_errors=True)
        removed += self._collect_garbage(self.manifest())
        if removed:
            LOGGER.warning("recovered warehouse %s: removed %d leftovers", self.root, len(removed))
        return removed

    def _collect_garbage(self, manifest: Manifest) -> list[str]:
        live = {self.root / rel for files in manifest.tables.values() for rel in files}
        removed = []
        for table in TABLES:
            folder = self.root / table
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path not in live:
                    path.unlink(missing_ok=True)
                    removed.append(str(path))
        return removed

    def commit(self, staging: Staging) -> Manifest:
        """Publish a staged run: the manifest swap is the only step a reader can observe."""
        old = self.manifest()
        if old.run_id == staging.run_id:
            return old  # already committed: a retried commit changes nothing
        tables = {t: old.files(t) for t in TABLES}
        for table, staged in staging.staged.items():
            moved = []
            for src in staged:
                rel = f"{table}/{src.name}"
                dest = self.root / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                if src.exists() or not dest.exists():  # a retry finds some files moved already
                    os.replace(src, dest)
                moved.append(rel)
            if table in REBUILT and table in staging.replaced:
                tables[table] = moved
            else:
                tables[table] = tables[table] + moved
        for table in staging.replaced:
            if table not in staging.staged:
                tables[table] = []
        new = Manifest(
            version=old.version + 1,
            tables=tables,
            run_id=staging.run_id,
            committed_at=datetime.now(UTC).isoformat(),
        )
        tmp = self.manifest_path.with_suffix(".tmp")
        with open(tmp, "w") as fh:
            json.dump(new.__dict__, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.manifest_path)  # <- the commit point
        shutil.rmtree(staging.path, ignore_errors=True)
        return new

    def finish(self, manifest: Manifest) -> None:
        """After the views are rebuilt: delete files the new manifest no longer lists."""
        self._collect_garbage(manifest)


class Staging:
    """Files written by one run, invisible until ``Warehouse.commit``."""

    def __init__(self, warehouse: Warehouse, run_id: str):
        self.warehouse = warehouse
        self.run_id = run_id
        self.path = warehouse.root / STAGING / run_id
        self.path.mkdir(parents=True, exist_ok=True)
        self.staged: dict[str, list[Path]] = {}
        self.replaced: set[str] = set()

    def part_path(self, table: str) -> Path:
        if table not in TABLES:
            raise KeyError(f"unknown table {table!r}")
        return self.path / table / f"{self.run_id}-{uuid.uuid4().hex[:8]}.parquet"

    def add(self, table: str, path: Path) -> None:
        """Register a file (already written under this staging dir) for ``table``."""
        self.staged.setdefault(table, []).append(path)

    def write(self, table: str, data: pa.Table | Iterable[Mapping[str, Any]]) -> int:
        """Stage rows for ``table``: appended, or (for rebuilt tables) the new full contents."""
        path = self.part_path(table)
        rows = write_parquet(table, data, path)
        self.add(table, path)
        return rows

    def replace(self, table: str, data: pa.Table | Iterable[Mapping[str, Any]]) -> int:
        """Stage the complete new contents of a rebuilt table."""
        if table not in REBUILT:
            raise ValueError(f"{table} is append-only")
        self.replaced.add(table)
        return self.write(table, data)


__all__ = ["APPENDED", "REBUILT", "Manifest", "SchemaMismatch", "Staging", "Warehouse", "conform",
           "write_parquet"]
