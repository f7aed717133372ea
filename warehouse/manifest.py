"""Versioned, create-only manifests: the commit protocol of the warehouse.

Each commit writes the next version as a new file and never touches an existing one::

    DIR/_manifests/00000000000000000007.json   version 7: every table's parts (path, size, sha256)

The current state is the highest version.  A version is created with a create-only write: the
JSON is written to a private temporary file, flushed, and then ``link``-ed to its final name,
which fails if that name exists (the effect of ``O_EXCL`` without ever exposing a half-written
manifest).  Two writers that both start from version 6 therefore cannot both publish version 7:
the loser gets ``CommitConflict`` and must re-plan on top of the winner.  Object storage offers
the same primitive (a conditional put with ``If-None-Match: *``); ``ManifestLog`` is the whole
surface such a backend has to provide (list, read, create-only write, delete).

Old versions stay readable for a retention period (``Retention``), so readers holding an older
version keep working and ``newsledger query --as-of RUN_ID`` can read one.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

MANIFESTS = "_manifests"
LEGACY_MANIFEST = "_manifest.json"
LATEST = "_latest"  # the newest version noted by a commit: a hint, never the commit point  # the single mutable manifest of warehouses before versions
FORMAT = 2
_VERSION_NAME = re.compile(r"^(\d{20})\.json$")


class WarehouseError(Exception):
    """Root of the warehouse's errors; ``path`` names the file or folder concerned."""

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None):
        super().__init__(message)
        self.path = None if path is None else str(path)


class ManifestUnreadable(WarehouseError):
    """A manifest exists but cannot be parsed: nothing may run until it is repaired."""


class ManifestMissing(WarehouseError):
    """Data files are present but no manifest says which are committed."""


class CommitConflict(WarehouseError):
    """Another run committed first: this run must re-plan on top of the newer version."""


@dataclass(frozen=True, slots=True)
class Part:
    """One committed Parquet file: where it is (relative to the warehouse) and its checksum."""

    path: str
    size: int | None = None  # None for parts committed before checksums were recorded
    sha256: str | None = None


@dataclass
class Manifest:
    """One committed state of the warehouse."""

    version: int = 0
    tables: dict[str, list[Part]] = field(default_factory=dict)
    run_id: str | None = None
    committed_at: str | None = None
    based_on: int | None = None

    def parts(self, table: str) -> list[Part]:
        return list(self.tables.get(table, []))

    def files(self, table: str) -> list[str]:
        return [part.path for part in self.tables.get(table, [])]

    def paths(self) -> set[str]:
        """Every file this version lists, relative to the warehouse root."""
        return {part.path for parts in self.tables.values() for part in parts}

    def committed(self) -> datetime | None:
        return datetime.fromisoformat(self.committed_at) if self.committed_at else None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": self.version, "based_on": self.based_on,
            "run_id": self.run_id, "committed_at": self.committed_at,
            "tables": {t: [{"path": p.path, "size": p.size, "sha256": p.sha256} for p in parts]
                       for t, parts in sorted(self.tables.items())},
        }

    @classmethod
    def from_json(cls, raw: Any) -> Manifest:
        """Parse a manifest (this format or the legacy one, whose tables list bare paths)."""
        if not isinstance(raw, dict) or not isinstance(raw.get("tables"), dict):
            raise TypeError("not a manifest: no 'tables' object")
        tables = {}
        for table, entries in raw["tables"].items():
            if not isinstance(entries, list):
                raise TypeError(f"table {table!r}: parts are not a list")
            tables[table] = [
                Part(e) if isinstance(e, str) else Part(str(e["path"]), e.get("size"), e.get("sha256"))
                for e in entries
            ]
        return cls(version=int(raw["version"]), tables=tables, run_id=raw.get("run_id"),
                   committed_at=raw.get("committed_at"), based_on=raw.get("based_on"))


@dataclass(frozen=True)
class Retention:
    """Which versions (and so which files) stay: the newest ``versions`` and any younger than
    ``hours``, so a reader that opened an older version keeps finding its files."""

    versions: int = 10
    hours: float = 24.0

    def kept(self, manifests: Iterable[Manifest], now: datetime | None = None) -> list[Manifest]:
        ordered = sorted(manifests, key=lambda m: m.version, reverse=True)
        cutoff = (now or datetime.now(UTC)) - timedelta(hours=self.hours)
        return [m for i, m in enumerate(ordered)
                if i < max(self.versions, 1) or (m.committed() or cutoff) > cutoff]


class ManifestLog:
    """The manifest versions of one warehouse on local disk."""

    def __init__(self, root: Path):
        self.root = root
        self.folder = root / MANIFESTS
        self.legacy = root / LEGACY_MANIFEST
        self.latest = self.folder / LATEST

    def path(self, version: int) -> Path:
        return self.folder / f"{version:020d}.json"

    def versions(self) -> list[int]:
        """Committed version numbers, oldest first."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        return sorted(int(m.group(1)) for n in names if (m := _VERSION_NAME.match(n)))

    def read(self, version: int) -> Manifest:
        return self._load(self.path(version))

    def read_legacy(self) -> Manifest | None:
        return self._load(self.legacy) if self.legacy.exists() else None

    def _load(self, path: Path) -> Manifest:
        try:
            return Manifest.from_json(json.loads(path.read_bytes()))
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ManifestUnreadable(
                f"manifest {path} is unreadable ({type(exc).__name__}: {exc}); no command will "
                "run until it is restored from a backup or moved away", path) from exc

    def create(self, manifest: Manifest) -> None:
        """Publish ``manifest`` under its version number, or raise ``CommitConflict`` if that
        version exists already (another run got there first)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(manifest.version)
        tmp = self.folder / f".{target.name}.{uuid.uuid4().hex}.tmp"
        with open(tmp, "w") as fh:
            json.dump(manifest.to_json(), fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, target)  # <- the commit point: create-only, atomic
        except FileExistsError:
            raise CommitConflict(
                f"version {manifest.version} was committed by another run while this run "
                f"worked from version {manifest.based_on}", target) from None
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_folder(self.folder)
        self._note_latest(manifest.version)

    def latest_noted(self) -> int | None:
        """The newest version a commit noted (a lower bound: a commit that dies right after its
        link has not noted itself), so a deleted newest version is noticed, not rolled back."""
        try:
            return int(self.latest.read_text().strip())
        except (OSError, ValueError):
            return None

    def _note_latest(self, version: int) -> None:
        if (self.latest_noted() or 0) >= version:
            return
        tmp = self.folder / f".{LATEST}.{uuid.uuid4().hex}.tmp"
        tmp.write_text(f"{version}\n")
        os.replace(tmp, self.latest)

    def remove(self, version: int) -> None:
        self.path(version).unlink(missing_ok=True)

    def has(self, version: int) -> bool:
        return self.path(version).exists()

    def has_legacy(self) -> bool:
        return self.legacy.exists()

    def drop_legacy(self) -> None:
        self.legacy.unlink(missing_ok=True)


class ObjectManifestLog:
    """The manifest versions of one warehouse on object storage (an fsspec filesystem).

    The same surface as ``ManifestLog``.  The commit point is a conditional put
    (``If-None-Match: *``, s3fs ``pipe_file(mode="create")``): the store refuses to create a
    version that exists, so of two runs both publishing version 7 one gets ``CommitConflict``.
    A put is atomic on S3, so no reader ever sees half a manifest.
    """

    def __init__(self, fs: Any, root: str):
        self.fs = fs
        self.root = root.rstrip("/")
        self.folder = f"{self.root}/{MANIFESTS}"
        self.legacy = f"{self.root}/{LEGACY_MANIFEST}"
        self.latest = f"{self.folder}/{LATEST}"

    def path(self, version: int) -> str:
        return f"{self.folder}/{version:020d}.json"

    def versions(self) -> list[int]:
        try:
            names = self.fs.ls(self.folder, detail=False, refresh=True)
        except FileNotFoundError:
            return []
        return sorted(int(m.group(1)) for n in names
                      if (m := _VERSION_NAME.match(n.rstrip("/").rsplit("/", 1)[-1])))

    def read(self, version: int) -> Manifest:
        return self._load(self.path(version))

    def read_legacy(self) -> Manifest | None:
        try:
            return self._load(self.legacy)
        except FileNotFoundError:
            return None

    def _load(self, path: str) -> Manifest:
        data = self.fs.cat_file(path)  # FileNotFoundError passes through, as on disk
        try:
            return Manifest.from_json(json.loads(data))
        except (ValueError, KeyError, TypeError) as exc:
            raise ManifestUnreadable(
                f"manifest {path} is unreadable ({type(exc).__name__}: {exc}); no command will "
                "run until it is restored from a backup or moved away", path) from exc

    def create(self, manifest: Manifest) -> None:
        """Publish ``manifest`` with a create-only put, or raise ``CommitConflict``."""
        target = self.path(manifest.version)
        data = json.dumps(manifest.to_json(), indent=1).encode()
        try:
            self.fs.pipe_file(target, data, mode="create")  # <- the commit point
        except Exception as exc:
            if not _precondition_failed(exc):
                raise
            raise CommitConflict(
                f"version {manifest.version} was committed by another run while this run "
                f"worked from version {manifest.based_on}", target) from None
        self._note_latest(manifest.version)

    def latest_noted(self) -> int | None:
        try:
            return int(self.fs.cat_file(self.latest).decode().strip())
        except (OSError, ValueError):
            return None

    def _note_latest(self, version: int) -> None:
        if (self.latest_noted() or 0) < version:
            self.fs.pipe_file(self.latest, f"{version}\n".encode())

    def remove(self, version: int) -> None:
        try:
            self.fs.rm_file(self.path(version))
        except FileNotFoundError:
            pass

    def has(self, version: int) -> bool:
        return bool(self.fs.exists(self.path(version)))

    def has_legacy(self) -> bool:
        return bool(self.fs.exists(self.legacy))

    def drop_legacy(self) -> None:
        try:
            self.fs.rm_file(self.legacy)
        except FileNotFoundError:
            pass


def _precondition_failed(exc: BaseException) -> bool:
    """Whether an object store refused a conditional put because the key exists (HTTP 412)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, FileExistsError):
            return True
        response = getattr(exc, "response", None)
        if isinstance(response, dict):
            error = response.get("Error", {})
            status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if error.get("Code") in ("PreconditionFailed", "412") or status == 412:
                return True
        if "PreconditionFailed" in str(exc) or "(412)" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _fsync_folder(folder: Path) -> None:
    """Make a new directory entry durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = ["CommitConflict", "Manifest", "ManifestLog", "ManifestMissing", "ManifestUnreadable",
           "ObjectManifestLog", "Part", "Retention", "WarehouseError"]
