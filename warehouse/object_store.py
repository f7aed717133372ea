"""The warehouse on object storage (``s3://bucket/prefix``): the same protocol as on disk.

Layout in the bucket, as on disk::

    PREFIX/_manifests/<version>.json   committed states, created with a conditional put
    PREFIX/<table>/<run_id>-<part>.parquet   immutable data files, listed by a manifest
    PREFIX/_staging/<run_id>/          parts ingest workers wrote for a run not committed yet,
                                       and its ``.lease`` (renewed while the run lives)

What differs from a folder:

* The commit point is ``ObjectManifestLog.create``: a put with ``If-None-Match: *``, which the
  store refuses when another run created that version first (``CommitConflict``: re-plan).
* A run proves it is alive with a lease object it rewrites every ``LEASE_SECONDS / 4``;
  ``recover`` and ``vacuum`` treat a run whose lease is older than ``LEASE_SECONDS`` as dead
  (on disk the kernel's ``flock`` says so).
* Parts are immutable, so the driver keeps a local cache of the ones it read
  (``$NEWSLEDGER_CACHE``, default ``~/.cache/newsledger/<hash of the URL>``).  ``root`` is
  that cache: the corpus session, the views database ``newsledger.duckdb`` and the run
  report work on local files there, exactly as for a local warehouse.  Dump files are never
  cached: they are streamed.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warehouse.manifest import MANIFESTS, Manifest, ObjectManifestLog, Part
from warehouse.schemas import TABLES
from warehouse.storage import split
from warehouse.store import _HELD, STAGING, Staging, Warehouse, WarehouseError

LOGGER = logging.getLogger(__name__)

CACHE_ENV = "NEWSLEDGER_CACHE"
LEASE = ".lease"
LEASE_SECONDS = 120.0
CLOCK_SLACK_SECONDS = 5.0  # the store's clock and ours may differ a little


def cache_folder(url: str) -> Path:
    """The local cache of the warehouse at ``url``."""
    base = os.environ.get(CACHE_ENV) or os.path.join(os.path.expanduser("~"), ".cache",
                                                      "newsledger")
    return Path(base).resolve() / hashlib.sha256(url.encode()).hexdigest()[:16]


def _modified(info: dict[str, Any]) -> float:
    value = info.get("LastModified") or info.get("mtime") or info.get("created")
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


class ObjectWarehouse(Warehouse):
    """A warehouse under an object-storage URL (made by ``Warehouse("s3://...")``)."""

    def __init__(self, root: str | os.PathLike[str]):
        self.url = str(root).rstrip("/")
        self.fs, self.base = split(self.url)
        self.root = cache_folder(self.url)
        self.log = ObjectManifestLog(self.fs, self.base)

    def __repr__(self) -> str:
        return f"ObjectWarehouse({self.url!r})"

    @property
    def location(self) -> str:
        return self.url

    def key(self, rel: str) -> str:
        """The object key (``bucket/prefix/rel``) of a path relative to the warehouse."""
        return f"{self.base}/{rel}"

    # ------------------------------------------------------------------ reading
    @property
    def manifest_path(self) -> Path:
        """A local copy of the newest version, written when this machine first sees it (its
        time says when the views database last needed building)."""
        versions = self.log.versions()
        version = versions[-1] if versions else 0
        marker = self.root / MANIFESTS / f"{version:020d}.json"
        if version and not marker.exists():
            marker.parent.mkdir(parents=True, exist_ok=True)
            tmp = marker.with_name(f".{marker.name}.{uuid.uuid4().hex}.tmp")
            tmp.write_bytes(self.fs.cat_file(self.log.path(version)))
            os.replace(tmp, marker)
        return marker

    def has_data(self) -> bool:
        """True when a table folder holds a Parquet object no live run is publishing (a first
        commit uploads its parts before it creates version 1: those are not orphaned data)."""
        live: set[str] | None = None
        for table in TABLES:
            try:
                names = self.fs.ls(self.key(table), detail=False, refresh=True)
            except FileNotFoundError:
                continue
            parts = [n.rsplit("/", 1)[-1] for n in names if n.endswith(".parquet")]
            if parts and live is None:
                live = self._live_runs()
            if any(not _owner(name, live or set()) for name in parts):
                # a run may have created version 1 and let its lease go since the caller
                # listed the versions: that is committed data, not data without a manifest
                return not self.log.versions()
        return False

    def table_paths(self, table: str, manifest: Manifest | None = None) -> list[Path]:
        """Local copies of the committed files of ``table`` (fetched once: parts never change)."""
        manifest = manifest or self.manifest()
        files = [self.cached(part) for part in manifest.parts(table)]
        return files or [self.empty_file(table)]

    def table_urls(self, table: str, manifest: Manifest | None = None) -> list[Any]:
        manifest = manifest or self.manifest()
        urls = [f"s3://{self.key(rel)}" for rel in manifest.files(table)]
        return urls or [self.empty_file(table)]

    def attach(self, con: Any) -> None:
        """Register the bucket's fsspec filesystem on ``con``: ``s3://`` paths are read through
        it (ranged reads; no DuckDB extension is downloaded or loaded)."""
        con.register_filesystem(self.fs)

    def cached(self, part: Part) -> Path:
        """The local copy of one committed part, fetched when missing or of the wrong size."""
        local = self.root / part.path
        try:
            if part.size is None or local.stat().st_size == part.size:
                return local
        except FileNotFoundError:
            pass
        local.parent.mkdir(parents=True, exist_ok=True)
        tmp = local.with_name(f".{local.name}.{uuid.uuid4().hex}.tmp")
        try:
            self.fs.get_file(self.key(part.path), str(tmp))
            os.replace(tmp, local)
        finally:
            tmp.unlink(missing_ok=True)
        return local

    def part_size(self, part: Part) -> int:
        return int(self.fs.info(self.key(part.path))["size"])

    def open_part(self, part: Part) -> Any:
        """The committed object itself, streamed (for ``verify``)."""
        return self.fs.open(self.key(part.path), "rb")

    # ------------------------------------------------------------------ writing
    def begin(self, run_id: str) -> ObjectStaging:
        head = self.check()
        self.recover()
        return ObjectStaging(self, run_id, head.version)

    def _live_runs(self) -> set[str]:
        """Runs whose lease was renewed within ``LEASE_SECONDS`` (and those this process holds)."""
        live = {s.run_id for s in _HELD.values()
                if isinstance(s, ObjectStaging) and s.warehouse.url == self.url}
        now = time.time()
        for folder in self._ls(self.key(STAGING)):
            run_id = folder.rstrip("/").rsplit("/", 1)[-1]
            try:
                info = self.fs.info(f"{folder.rstrip('/')}/{LEASE}")
            except FileNotFoundError:
                continue
            if now - _modified(info) < LEASE_SECONDS:
                live.add(run_id)
        return live

    def _ls(self, key: str) -> list[str]:
        try:
            return self.fs.ls(key, detail=False, refresh=True)
        except FileNotFoundError:
            return []

    def _collect_garbage(self, manifests: list[Manifest], live: set[str], started: float,
                         committed: set[str] | None = None) -> list[str]:
        """As on disk: dead runs' staging prefixes and table objects no kept version lists."""
        listed = set().union(*(m.paths() for m in manifests))
        known = {m.run_id for m in manifests if m.run_id} | (committed or set())
        young = started - CLOCK_SLACK_SECONDS
        removed: list[str] = []
        for folder in self._ls(self.key(STAGING)):
            run_id = folder.rstrip("/").rsplit("/", 1)[-1]
            if run_id in live:
                continue
            objects = self.fs.find(folder, detail=True)
            has_lease = any(k.endswith("/" + LEASE) for k in objects)
            if not has_lease and any(_modified(i) >= young for i in objects.values()):
                continue  # just made: its run writes the lease first, but be safe
            self.fs.rm(folder, recursive=True)
            removed.append(folder)
        for table in TABLES:
            try:
                objects = self.fs.find(self.key(table), detail=True)
            except FileNotFoundError:
                continue
            for key, info in objects.items():
                name = key.rsplit("/", 1)[-1]
                if f"{table}/{name}" in listed or _owner(name, live):
                    continue
                if not _owner(name, known) and _modified(info) >= young:
                    continue
                self.fs.rm_file(key)
                removed.append(key)
        return removed


def _owner(name: str, runs: set[str]) -> bool:
    return any(name.startswith(run_id + "-") for run_id in runs)


class ObjectStaging(Staging):
    """A run's staged work on object storage.

    Parts the ingest workers write go under ``location`` in the bucket; parts the driver
    writes (the corpus steps) go to a local folder in the cache.  ``publish_file`` uploads
    each under its final, run-prefixed name; only the manifest version makes them visible.
    """

    def __init__(self, warehouse: ObjectWarehouse, run_id: str, based_on: int = 0):
        self.warehouse = warehouse
        self.run_id = run_id
        self.based_on = based_on
        self.path = warehouse.root / STAGING / run_id
        self.remote = warehouse.key(f"{STAGING}/{run_id}")
        if (earlier := _HELD.pop(self.path, None)) is not None:
            earlier.abandon()
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock_fd = None
        self.staged: dict[str, list[Path]] = {}
        self.replaced: set[str] = set()
        self.published: list[str] = []  # type: ignore[assignment]
        self._closed = threading.Event()
        self._interval = LEASE_SECONDS / 4
        self._renew()
        self._lease_thread = threading.Thread(target=self._keep_lease, daemon=True,
                                              name=f"lease-{run_id}")
        self._lease_thread.start()
        _HELD[self.path] = self

    @property
    def location(self) -> str:
        return f"s3://{self.remote}"

    def _renew(self) -> None:
        self.warehouse.fs.pipe_file(f"{self.remote}/{LEASE}",
                                    datetime.now(UTC).isoformat().encode())

    def _keep_lease(self) -> None:
        while not self._closed.wait(self._interval):
            try:
                self._renew()
            except Exception:
                LOGGER.warning("run %s: could not renew its lease", self.run_id, exc_info=True)

    def local_parts(self, parts: dict[str, list[str]]) -> dict[str, list[str]]:
        """Local copies of the parts ingest workers staged in the bucket (for the corpus
        session, which reads them with DuckDB); the local copy is what gets published."""
        fs = self.warehouse.fs
        out: dict[str, list[str]] = {}
        for table, paths in parts.items():
            for path in paths:
                key = path.split("://", 1)[-1]
                local = self.path / "ingest" / table / key.rsplit("/", 1)[-1]
                local.parent.mkdir(parents=True, exist_ok=True)
                fs.get_file(key, str(local))
                out.setdefault(table, []).append(str(local))
        return out

    def publish_file(self, table: str, src: Path) -> Part:
        name = src.name if src.name.startswith(self.run_id + "-") else f"{self.run_id}-{src.name}"
        rel = f"{table}/{name}"
        key = self.warehouse.key(rel)
        fs = self.warehouse.fs
        if src.exists():
            fs.put_file(str(src), key)
            size, digest = src.stat().st_size, _sha256_local(src)
            cached = self.warehouse.root / rel  # the cache gets the part without a download
            cached.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, cached)
        else:  # a retried commit: uploaded already
            size = fs.info(key)["size"]
            with fs.open(key, "rb") as fh:
                digest = _sha256_stream(fh)
        self.published.append(key)
        return Part(rel, size, digest)

    def close(self) -> None:
        self._closed.set()
        shutil.rmtree(self.path, ignore_errors=True)
        try:
            self.warehouse.fs.rm(self.remote, recursive=True)
        except FileNotFoundError:
            pass
        except Exception:
            LOGGER.warning("run %s: could not remove its staging prefix", self.run_id,
                           exc_info=True)
        self.published = []
        if _HELD.get(self.path) is self:
            del _HELD[self.path]

    def abandon(self) -> None:
        for key in self.published:
            try:
                self.warehouse.fs.rm_file(key)
            except FileNotFoundError:
                pass
        self.published = []
        self.close()


def _sha256_local(path: Path) -> str:
    with open(path, "rb") as fh:
        return _sha256_stream(fh)


def _sha256_stream(fh: io.BufferedIOBase | Any) -> str:
    digest = hashlib.sha256()
    while chunk := fh.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


__all__ = ["CACHE_ENV", "LEASE_SECONDS", "ObjectStaging", "ObjectWarehouse", "WarehouseError",
           "cache_folder"]
