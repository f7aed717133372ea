"""Inflate a gzip stream without trusting it: cut short, corrupt, or a decompression bomb.

``gzip.GzipFile`` raises ``EOFError`` for a stream cut short and drops the bytes it inflated
in that same call, so the complete records before the cut were lost with it; it also inflates
whatever it is given.  ``Inflated`` hands out everything up to the cut and only then raises
``EOFError`` (so line readers get every complete line first), steps over a corrupt member to the next gzip header (``damaged``), and stops
with ``InflateLimit`` once the output is both large and implausibly compressible.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

_GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
# Text deflates about 3-10x and even repetitive dumps stay well under 100x; a bomb is ~1000x.
MAX_RATIO = 100
RATIO_CHECK_AFTER = 64 * 1024 * 1024  # inflated bytes before the ratio is checked


class InflateLimit(ValueError):
    """The stream inflates far beyond any real dump: a decompression bomb."""


class Inflated(io.RawIOBase):
    """The concatenated members of a gzip stream, read lazily."""

    def __init__(self, raw: BinaryIO, max_ratio: float = MAX_RATIO,
                 check_after: int = RATIO_CHECK_AFTER):
        self._raw = raw
        self._pending = b""  # compressed bytes not yet fed to the decompressor
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._out = b""
        self._done = False
        self._max_ratio = max_ratio
        self._check_after = check_after
        self.consumed = 0  # compressed bytes read
        self.produced = 0  # inflated bytes handed out
        self.truncated = False  # the stream ended inside a member
        self.damaged = 0  # corrupt stretches skipped

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._out and not self._done:
            self._fill()
        if not self._out and self.truncated:
            if self._eof_given:  # the first end is a short read, so buffered readers keep
                raise EOFError("compressed stream ended before the end of its last member")
            self._eof_given = True  # what they have; asking again means they needed more
            return 0
        count = min(len(buffer), len(self._out))
        buffer[:count] = self._out[:count]
        self._out = self._out[count:]
        self.produced += count
        if self.produced > self._check_after and self.produced > self._max_ratio * max(
                self.consumed, 1):
            raise InflateLimit(f"inflates to over {self.produced} bytes from {self.consumed}: "
                               "stopped as a decompression bomb")
        return count

    def _read_raw(self) -> bytes:
        data = self._raw.read(_CHUNK)
        self.consumed += len(data)
        return data

    def _fill(self) -> None:
        if not self._pending:
            self._pending = self._read_raw()
            if not self._pending:
                self._done = True
                # bytes fed since the last member ended mean that member was cut short
                self.truncated = self._started
                return
        data, self._pending = self._pending, b""
        if not self._started and not data.strip(b"\0"):
            return  # zero padding after the last member, as some writers leave
        try:
            self._out = self._inflater.decompress(data, _CHUNK)
        except zlib.error:
            self.damaged += 1
            self._resync(data[1:])
            return
        self._started = True
        self._pending = self._inflater.unconsumed_tail
        if self._inflater.eof:
            self._pending = self._inflater.unused_data + self._pending
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._started = False

    _started = False
    _eof_given = False

    def _resync(self, data: bytes) -> None:
        """Drop bytes up to the next gzip member header."""
        while True:
            at = data.find(_GZIP_MAGIC)
            if at >= 0:
                self._pending = data[at:]
                self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._started = False
                self._out = b"\n"  # ends whatever line the corrupt member was part of
                return
            keep = data[-(len(_GZIP_MAGIC) - 1):]
            more = self._read_raw()
            if not more:
                self._done = True
                return
            data = keep + more
