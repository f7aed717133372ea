"""Parquet storage with versioned, create-only commits.

Layout of a warehouse directory::

    DIR/_manifests/<version>.json  committed states, one file each (see ``warehouse.manifest``)
    DIR/<table>/<part>.parquet     immutable data files (zstd)
    DIR/_staging/<run_id>/         files written by a run that has not committed yet
    DIR/newsledger.duckdb          views over exactly the files the newest manifest lists

A run writes only under its staging directory, which it holds locked while it lives.
``commit`` moves the staged files into the table directories (still invisible: nothing lists
them) and then creates the next manifest version — the single atomic commit point.  A run that
finds a newer version than the one it began from gets ``CommitConflict`` and re-plans.

Nothing that a kept manifest version lists is ever deleted, and neither is anything a live run
owns: ``recover`` only removes staging folders whose run died and unlisted files older than
its own start; ``vacuum`` drops versions past the retention period and then their files.

On object storage the same protocol needs a create-only put for the manifest version (see
``warehouse.manifest``) and, in place of the ``flock`` run lock, a lease object the run renews;
parts are written once under their final, run-prefixed names instead of being moved.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.manifest import (
    CommitConflict,
    Manifest,
    ManifestLog,
    ManifestMissing,
    Part,
    Retention,
    WarehouseError,
)
from warehouse.schemas import APPENDED, REBUILT, TABLES
from warehouse.storage import is_remote, split

LOGGER = logging.getLogger(__name__)

STAGING = "_staging"
EMPTY = "_empty"
COMPRESSION = "zstd"
# File times come from a coarse kernel clock: a file written just after a scan began may look
# a little older than the scan.  Unknown files younger than this are never garbage.
CLOCK_SLACK_SECONDS = 2.0


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


def write_parquet_batches(table: str, batches: Iterable[pa.RecordBatch], path: Path) -> int:
    """``write_parquet`` for rows that come in batches (a table too big to hold whole), each
    cast to the table's types and conformed; returns the row count."""
    schema = TABLES[table]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    rows = 0
    with pq.ParquetWriter(tmp, schema, compression=COMPRESSION) as writer:
        for batch in batches:
            arrow = pa.Table.from_batches([batch])
            arrow = arrow.cast(pa.schema([schema.field(n) if n in schema.names else f
                                          for n, f in zip(arrow.column_names, arrow.schema)]))
            writer.write_table(conform(table, arrow))
            rows += batch.num_rows
    os.replace(tmp, path)
    return rows


def write_parquet_at(table: str, data: pa.Table | Iterable[Mapping[str, Any]], location: str) -> int:
    """``write_parquet`` to a local path or an object-storage URL; never over an existing file."""
    if not is_remote(location):
        path = Path(location)
        if path.exists():
            raise FileExistsError(f"refusing to overwrite staged part {path}")
        return write_parquet(table, data, path)
    arrow = conform(table, data)
    buffer = pa.BufferOutputStream()
    pq.write_table(arrow, buffer, compression=COMPRESSION)
    fs, key = split(location)
    fs.pipe_file(key, buffer.getvalue().to_pybytes(), mode="create")
    return arrow.num_rows


class WarehouseDamaged(WarehouseError):
    """Files the committed manifest lists are missing or wrong: runs refuse to start."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class VacuumReport:
    """What ``Warehouse.vacuum`` removed."""

    versions: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


class Warehouse:
    """A warehouse directory: read a committed version, stage a run, commit it.

    ``Warehouse("s3://bucket/prefix")`` gives the same warehouse on object storage
    (``warehouse.object_store.ObjectWarehouse``).
    """

    def __new__(cls, root: str | os.PathLike[str], *args: Any, **kwargs: Any) -> Self:
        if cls is Warehouse and is_remote(root):
            from warehouse.object_store import ObjectWarehouse

            return super().__new__(ObjectWarehouse)
        return super().__new__(cls)

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root).resolve()
        self.log = ManifestLog(self.root)

    @property
    def location(self) -> str:
        """Where the warehouse is, as given to ``Warehouse(...)`` again (a folder or a URL)."""
        return str(self.root)

    # ------------------------------------------------------------------ reading
    @property
    def manifest_path(self) -> Path:
        """The file of the newest version (or where version 1 will go)."""
        versions = self.log.versions()
        if versions:
            return self.log.path(versions[-1])
        return self.log.legacy if self.log.has_legacy() else self.log.path(1)

    def manifest(self, version: int | None = None) -> Manifest:
        """The newest committed version (or ``version``); refuses when data has no manifest."""
        versions = self.log.versions()
        if version is not None:
            if version not in versions:
                raise WarehouseError(f"version {version} is not kept in {self.log.folder}",
                                     self.log.folder)
            return self.log.read(version)
        noted = self.log.latest_noted()
        if noted is not None and noted > (versions[-1] if versions else 0):
            raise ManifestMissing(
                f"manifest version {noted} ({self.log.path(noted)}) is missing: it was committed "
                "but is gone, and older versions would lose its rows; restore it", self.log.path(noted))
        if versions:
            return self.log.read(versions[-1])
        legacy = self.log.read_legacy()
        if legacy is not None:
            return legacy
        if self.has_data():
            raise ManifestMissing(
                f"{self.root} holds Parquet data but no manifest ({self.log.folder} is missing "
                "or empty): refusing to treat it as empty; restore the manifest folder", self.log.folder)
        return Manifest()

    def manifests(self) -> list[Manifest]:
        """Every kept version, oldest first (the legacy manifest when there are none)."""
        kept = [self.log.read(v) for v in self.log.versions()]
        if not kept and (legacy := self.log.read_legacy()) is not None:
            kept = [legacy]
        return kept

    def manifest_for_run(self, run_id: str) -> Manifest:
        """The version committed by ``run_id`` (for ``query --as-of``)."""
        for manifest in reversed(self.manifests()):
            if manifest.run_id == run_id:
                return manifest
        raise WarehouseError(f"no kept version was committed by run {run_id!r} (older versions "
                             "are vacuumed after the retention period)", self.log.folder)

    def has_data(self) -> bool:
        """True when any table folder holds a Parquet file."""
        for table in TABLES:
            folder = self.root / table
            if folder.is_dir() and any(p.suffix == ".parquet" for p in folder.iterdir()):
                return True
        return False

    def table_paths(self, table: str, manifest: Manifest | None = None) -> list[Path]:
        """Absolute paths of the committed files of ``table`` (never empty: see ``empty_file``)."""
        manifest = manifest or self.manifest()
        files = [self.root / rel for rel in manifest.files(table)]
        return files or [self.empty_file(table)]

    def table_urls(self, table: str, manifest: Manifest | None = None) -> list[Any]:
        """Where the committed files of ``table`` are stored, for a reader that opens them
        there (on disk: ``table_paths``; on object storage: their ``s3://`` URLs)."""
        return self.table_paths(table, manifest)

    def attach(self, con: Any) -> None:
        """Let the DuckDB connection ``con`` read ``table_urls`` (nothing to do on disk)."""

    def empty_file(self, table: str) -> Path:
        """A zero-row file with the table's schema, so an empty table still has a typed view."""
        path = self.root / EMPTY / f"{table}.parquet"
        if not path.exists():
            tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.parquet")
            write_parquet(table, [], tmp)
            os.replace(tmp, path)
        return path

    def read(self, table: str, columns: list[str] | None = None,
             manifest: Manifest | None = None) -> pa.Table:
        """The committed contents of ``table`` as one Arrow table, cast to its schema."""
        parts = [pq.read_table(p, columns=columns) for p in self.table_paths(table, manifest)]
        schema = TABLES[table]
        if columns is not None:
            schema = pa.schema([schema.field(c) for c in columns])
        return pa.concat_tables([p.cast(schema) for p in parts]) if parts else schema.empty_table()

    def iter_batches(self, table: str, columns: list[str] | None = None,
                     batch_size: int = 10_000) -> Iterator[pa.RecordBatch]:
        """Stream the committed rows of ``table`` without loading it whole."""
        for path in self.table_paths(table):
            yield from pq.ParquetFile(path).iter_batches(batch_size=batch_size, columns=columns)

    def missing_files(self, manifest: Manifest | None = None) -> list[str]:
        """Listed files that are absent or whose size differs from the recorded one (cheap)."""
        manifest = manifest or self.manifest()
        wrong = []
        for part in sorted({p for parts in manifest.tables.values() for p in parts},
                           key=lambda p: p.path):
            try:
                size = self.part_size(part)
            except OSError:
                wrong.append(f"{part.path}: missing")
                continue
            if part.size is not None and size != part.size:
                wrong.append(f"{part.path}: {size} bytes, manifest says {part.size}")
        return wrong

    def part_size(self, part: Part) -> int:
        """The stored size of a committed part (``FileNotFoundError`` when it is gone)."""
        return (self.root / part.path).stat().st_size

    def open_part(self, part: Part) -> Any:
        """A committed part opened for reading, as stored (not a cached copy)."""
        return open(self.root / part.path, "rb")

    # ------------------------------------------------------------------ writing
    def begin(self, run_id: str) -> Staging:
        """Start staging a run on top of the newest version (after clearing dead runs' leftovers).

        Refuses when the newest version lists files that are gone: building on it would
        commit a state whose readers fail.
        """
        head = self.check()
        self.recover()
        return Staging(self, run_id, head.version)

    def check(self) -> Manifest:
        """The newest version, after a cheap check that every file it lists is there."""
        head = self.manifest()
        wrong = self.missing_files(head)
        if wrong:
            raise WarehouseDamaged(
                f"{self.root}: version {head.version} lists {len(wrong)} missing or changed "
                f"file(s), e.g. {wrong[0]}; run `newsledger verify` and restore them",
                self.root / wrong[0].split(":")[0])
        return head

    def recover(self) -> list[str]:
        """Delete what dead runs left: their staging folders and files no kept version lists."""
        started = time.time()
        live = self._live_runs()  # before reading versions: a run that ends now has committed
        removed = self._collect_garbage(self.manifests(), live, started)
        if removed:
            LOGGER.warning("recovered warehouse %s: removed %d leftovers", self.root, len(removed))
        return removed

    def _live_runs(self) -> set[str]:
        """Run ids whose staging folder is locked by a living process."""
        folder = self.root / STAGING
        if not folder.is_dir():
            return set()
        return {d.name for d in folder.iterdir() if d.is_dir() and not _lock_is_free(d)}

    def _collect_garbage(self, manifests: list[Manifest], live: set[str], started: float,
                         committed: set[str] | None = None) -> list[str]:
        """Remove dead runs' staging folders and files no kept version lists.

        Spared: anything a live run owns (its files start with its run id), and files of
        runs this scan knows nothing of that are younger than ``started`` (a run that began
        after ``live`` was taken may have committed since ``manifests`` were read).
        """
        listed = set().union(*(m.paths() for m in manifests))
        known = {m.run_id for m in manifests if m.run_id} | (committed or set())
        young = started - CLOCK_SLACK_SECONDS
        removed: list[str] = []
        staging = self.root / STAGING
        if staging.is_dir():
            for leftover in staging.iterdir():
                if leftover.name in live:
                    continue
                if not (leftover / _LOCK).exists() and _mtime(leftover) >= young:
                    continue  # just made: its run takes the lock right after the folder
                shutil.rmtree(leftover, ignore_errors=True)
                removed.append(str(leftover))
        if self.log.folder.is_dir():  # temporary files of commits killed before their link
            for path in self.log.folder.glob(".*.tmp"):
                if _mtime(path) < young:
                    path.unlink(missing_ok=True)
                    removed.append(str(path))
        for table in TABLES:
            folder = self.root / table
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if f"{table}/{path.name}" in listed or _owner(path.name, live):
                    continue
                if not _owner(path.name, known) and _mtime(path) >= young:
                    continue
                path.unlink(missing_ok=True)
                removed.append(str(path))
        return removed

    def commit(self, staging: Staging) -> Manifest:
        """Publish a staged run as the next version; ``CommitConflict`` if another run was first.

        Safe to retry: a run that already committed gets its own version back.
        """
        head = self.manifest()
        if head.run_id == staging.run_id and head.version > staging.based_on:
            return head  # already committed: a retried commit changes nothing
        if head.version != staging.based_on:
            raise CommitConflict(
                f"run {staging.run_id} began from version {staging.based_on} but version "
                f"{head.version} (run {head.run_id}) is newer: re-plan on top of it",
                self.log.path(head.version))
        tables = {t: head.parts(t) for t in TABLES}
        for table, staged in staging.staged.items():
            moved = [staging.publish_file(table, src) for src in staged]
            if table in REBUILT and table in staging.replaced:
                tables[table] = moved
            else:
                tables[table] = tables[table] + moved
        for table in staging.replaced:
            if table not in staging.staged:
                tables[table] = []
        new = Manifest(version=head.version + 1, tables=tables, run_id=staging.run_id,
                       committed_at=datetime.now(UTC).isoformat(), based_on=head.version)
        self.log.create(new)  # <- the commit point
        self.log.drop_legacy()  # versions supersede the legacy manifest
        staging.close()
        return new

    def finish(self, manifest: Manifest, retention: Retention | None = None) -> VacuumReport:
        """After the views are rebuilt: apply the retention policy."""
        return self.vacuum(retention or Retention())

    def vacuum(self, retention: Retention | None = None) -> VacuumReport:
        """Drop versions past ``retention`` (never the newest), then files no kept version lists."""
        retention = retention or Retention()
        started = time.time()
        live = self._live_runs()
        manifests = self.manifests()
        kept = {m.version for m in retention.kept(manifests)}
        report = VacuumReport()
        for manifest in manifests:
            if manifest.version not in kept and self.log.has(manifest.version):
                self.log.remove(manifest.version)
                report.versions.append(manifest.version)
        committed = {m.run_id for m in manifests if m.run_id}
        report.files = self._collect_garbage(self.manifests(), live, started, committed)
        return report


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def _owner(name: str, live: set[str]) -> bool:
    """Whether a table file belongs to a live run (published parts start with its run id)."""
    return any(name.startswith(run_id + "-") for run_id in live)


_LOCK = ".lock"


def _lock_is_free(folder: Path) -> bool:
    """True when no process holds ``folder``'s run lock (its run has died or finished)."""
    try:
        fd = os.open(folder / _LOCK, os.O_RDWR)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    finally:
        os.close(fd)  # closing releases a lock taken here
    return True


# Staging folders this process holds, so beginning the same run again releases the first.
_HELD: dict[Path, Staging] = {}


class Staging:
    """Files written by one run, invisible until ``Warehouse.commit``.

    The staging folder holds a lock for as long as the run lives (the kernel drops it when the
    process dies, even by SIGKILL), which is how other runs tell a live run from a dead one.
    """

    def __init__(self, warehouse: Warehouse, run_id: str, based_on: int = 0):
        self.warehouse = warehouse
        self.run_id = run_id
        self.based_on = based_on
        self.path = warehouse.root / STAGING / run_id
        if (earlier := _HELD.pop(self.path, None)) is not None:
            earlier.abandon()  # this process begins the same run again (e.g. to log a failure)
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock_fd: int | None = os.open(self.path / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        self.staged: dict[str, list[Path]] = {}
        self.replaced: set[str] = set()
        self.published: list[Path] = []
        _HELD[self.path] = self

    @classmethod
    def helper(cls, path: str | os.PathLike[str], run_id: str, based_on: int) -> Staging:
        """A second process's handle on a run's local staging folder: it writes parts there
        and records them, without the run's lock (the run's own process holds it); the run
        takes them over with ``adopt``."""
        staging = cls.__new__(cls)
        staging.warehouse = None  # type: ignore[assignment]  (a helper never commits)
        staging.run_id, staging.based_on, staging.path = run_id, based_on, Path(path)
        staging._lock_fd = None
        staging.staged, staging.replaced, staging.published = {}, set(), []
        return staging

    def adopt(self, staged: Mapping[str, Iterable[str]], replaced: Iterable[str]) -> None:
        """Take over the parts a ``helper`` staging wrote for this run."""
        for table, paths in staged.items():
            for path in paths:
                self.add(table, Path(path))
        self.replaced |= set(replaced)

    @property
    def location(self) -> str:
        """The staging folder as ingest workers address it (a path, or a URL on object storage)."""
        return str(self.path)

    def part_path(self, table: str) -> Path:
        if table not in TABLES:
            raise KeyError(f"unknown table {table!r}")
        return self.path / table / f"{self.run_id}-{uuid.uuid4().hex[:8]}.parquet"

    def local_parts(self, parts: dict[str, list[str]]) -> dict[str, list[str]]:
        """The ingest workers' staged parts as local files (they are, on disk)."""
        return parts

    def add(self, table: str, path: Path) -> None:
        """Register a file (already written under this staging dir) for ``table``."""
        self.staged.setdefault(table, []).append(path)

    def write(self, table: str, data: pa.Table | Iterable[Mapping[str, Any]]) -> int:
        """Stage rows for ``table``: appended, or (for rebuilt tables) the new full contents."""
        path = self.part_path(table)
        rows = write_parquet(table, data, path)
        self.add(table, path)
        return rows

    def append(self, table: str, data: pa.Table) -> int:
        """Stage rows to append to ``table``; no part at all when there are none (a night that
        changes nothing of a table must not leave an empty file per night behind)."""
        return self.write(table, data) if data.num_rows else 0

    def replace(self, table: str, data: pa.Table | Iterable[Mapping[str, Any]]) -> int:
        """Stage the complete new contents of a rebuilt table."""
        self._replacing(table)
        return self.write(table, data)

    def replace_batches(self, table: str, batches: Iterable[pa.RecordBatch]) -> int:
        """``replace`` with the contents streamed in batches, never held whole."""
        self._replacing(table)
        path = self.part_path(table)
        rows = write_parquet_batches(table, batches, path)
        self.add(table, path)
        return rows

    def _replacing(self, table: str) -> None:
        if table not in REBUILT:
            raise ValueError(f"{table} is append-only")
        self.replaced.add(table)

    def publish_file(self, table: str, src: Path) -> Part:
        """Move one staged file into its table folder (named for this run) with its checksum."""
        name = src.name if src.name.startswith(self.run_id + "-") else f"{self.run_id}-{src.name}"
        rel = f"{table}/{name}"
        dest = self.warehouse.root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.exists() or not dest.exists():  # a retried commit finds some files moved already
            os.replace(src, dest)
        self.published.append(dest)
        return Part(rel, dest.stat().st_size, sha256_of(dest))

    def close(self) -> None:
        """Remove the staging folder and release the run lock (after a commit)."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.published = []
        if _HELD.get(self.path) is self:
            del _HELD[self.path]
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def abandon(self) -> None:
        """Throw the run's work away (a conflict or a failure): staged and moved files alike."""
        for path in self.published:
            path.unlink(missing_ok=True)
        self.published = []
        self.close()


__all__ = ["APPENDED", "REBUILT", "CommitConflict", "Manifest", "ManifestMissing", "Retention",
           "SchemaMismatch", "Staging", "Warehouse", "WarehouseDamaged", "WarehouseError",
           "conform", "write_parquet", "write_parquet_at"]
