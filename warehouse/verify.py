"""Check every file the kept manifest versions list against its recorded size and checksum.

Damage inside a Parquet part (zeroed bytes, a truncated copy) otherwise shows only when some
query happens to read the broken column; ``newsledger verify`` finds it up front and names
the file.  Parts committed before checksums were recorded are read in full instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyarrow.parquet as pq

from warehouse.manifest import ManifestUnreadable, Part
from warehouse.store import Warehouse


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the warehouse: which file, and what."""

    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


def verify(warehouse: Warehouse) -> tuple[int, list[Problem]]:
    """(files checked, problems) over every kept version; no problems means all is well."""
    try:
        manifests = warehouse.manifests()
        warehouse.manifest()  # data without any manifest is a problem too
    except ManifestUnreadable as exc:
        return 0, [Problem(exc.path or str(warehouse.root), str(exc))]
    except Exception as exc:  # noqa: BLE001  report, do not crash: this is the diagnosis tool
        return 0, [Problem(getattr(exc, "path", None) or str(warehouse.root), str(exc))]
    parts: dict[str, Part] = {}
    for manifest in manifests:
        for table_parts in manifest.tables.values():
            for part in table_parts:
                parts.setdefault(part.path, part)
    problems = [p for part in sorted(parts.values(), key=lambda p: p.path)
                if (p := _check(warehouse, part)) is not None]
    return len(parts), problems


def _check(warehouse: Warehouse, part: Part) -> Problem | None:
    """One part as stored (in the folder, or the object in the bucket), streamed."""
    try:
        size = warehouse.part_size(part)
    except FileNotFoundError:
        return Problem(part.path, "missing")
    except OSError as exc:
        return Problem(part.path, f"cannot be read: {exc}")
    if part.size is not None and size != part.size:
        return Problem(part.path, f"size {size} bytes, manifest says {part.size}")
    try:
        with warehouse.open_part(part) as fh:
            if part.sha256 is not None:
                digest = hashlib.sha256()
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
                actual = digest.hexdigest()
                if actual != part.sha256:
                    return Problem(part.path,
                                   f"sha256 {actual[:12]}…, manifest says {part.sha256[:12]}…")
            else:
                pq.read_table(fh)
    except OSError as exc:
        return Problem(part.path, f"cannot be read: {exc}")
    except Exception as exc:  # noqa: BLE001  pyarrow raises assorted errors on damaged files
        return Problem(part.path, f"not a readable Parquet file: {exc}")
    return None
