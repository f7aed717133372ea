"""A file stream that hashes the bytes as the readers consume them.

The ledger (``dump_files``) must hold the hash of what was actually read, not of what the file
held when it was listed: a file rewritten or cut during the run would otherwise be marked as
seen with records missing.  Readers mostly read front to back; the zip reader seeks, so only
bytes read in order are hashed as they pass and ``finish`` reads the rest of the file in order
(which also covers readers that stop early, e.g. at a size limit).
"""

from __future__ import annotations

import hashlib
import io
from typing import BinaryIO


class HashingReader(io.RawIOBase):
    """Wraps a raw binary file; ``finish()`` gives (sha256, bytes) of the whole file."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._digest = hashlib.sha256()
        self._hashed = 0  # bytes hashed so far, all from the start of the file in order
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._raw.seekable()

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._position = self._raw.seek(offset, whence)
        return self._position

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self._raw.readinto(buffer) or 0
        if count and self._position == self._hashed:
            self._digest.update(memoryview(buffer)[:count])
            self._hashed += count
        self._position += count
        return count

    def finish(self, chunk: int = 1 << 20) -> tuple[str, int]:
        """Hash whatever the reader left unread (raises ``OSError`` if that fails)."""
        if self._position != self._hashed:
            self._raw.seek(self._hashed)
            self._position = self._hashed
        while data := self._raw.read(chunk):
            self._digest.update(data)
            self._hashed += len(data)
            self._position += len(data)
        return self._digest.hexdigest(), self._hashed

    def close(self) -> None:
        self._raw.close()
        super().close()
