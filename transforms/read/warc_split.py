"""Cut a WARC stream into records, resynchronising on the next record header after damage.

warcio parses a record well but stops for good at the first one that is broken (a wrong
``Content-Length``, garbage between records, a corrupt gzip member), dropping every record
after it.  Here the stream is cut into records first — a record starts at a ``WARC/1.x`` line,
its headers end at a blank line and its block is ``Content-Length`` bytes followed by a blank
line — and each complete record is handed to warcio on its own.  When a record does not end
where its length says, it is reported and the search for the next ``WARC/1.x`` line starts
again right after the broken record's first line.  Gzip-per-record files (``.warc.gz``) are
inflated member by member (``Inflated``); a corrupt member is skipped up to the next one.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from transforms.read.archives import skip_bytes
from transforms.read.inflate import Inflated
from transforms.records import Reason

_RECORD_START = re.compile(rb"^WARC/1\.[0-9]\r?\n$")
_LENGTH = re.compile(rb"^content-length\s*:\s*(\d+)\s*$", re.IGNORECASE)
MAX_HEADER_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Damage:
    """A stretch of the stream that is not a complete record."""

    reason: Reason  # truncated_archive (the stream ended inside it) or corrupt_archive
    detail: str


class _Pushback:
    """Line and block reads over a stream, with bytes that can be given back."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._back = b""

    def unread(self, data: bytes) -> None:
        self._back = data + self._back

    def readline(self, limit: int) -> bytes:
        if self._back:
            end = self._back.find(b"\n", 0, limit)
            if end >= 0 or len(self._back) >= limit:
                cut = end + 1 if end >= 0 else limit
                line, self._back = self._back[:cut], self._back[cut:]
                return line
            line, self._back = self._back, b""
            return line + self._stream.readline(limit - len(line))
        return self._stream.readline(limit)

    def read(self, size: int) -> bytes:
        head, self._back = self._back[:size], self._back[size:]
        parts = [head]
        missing = size - len(head)
        while missing > 0:
            chunk = self._stream.read(min(missing, 1 << 20))
            if not chunk:
                break
            parts.append(chunk)
            missing -= len(chunk)
        return b"".join(parts)


def split_records(stream: BinaryIO, max_bytes: int, gzipped: bool = False
                  ) -> Iterator[bytes | Damage]:
    """Complete records (headers + block, as bytes) in order, and ``Damage`` between them.

    A record whose block is over ``max_bytes`` is skipped (reported as ``too_large``)
    without being held in memory.
    """
    inflated = Inflated(stream) if gzipped else None
    if inflated is not None:
        stream = io.BufferedReader(inflated)  # type: ignore[arg-type]
    source = _Pushback(stream)
    skipped = False
    damaged = 0
    while True:
        line = source.readline(MAX_HEADER_BYTES)
        if inflated is not None and inflated.damaged > damaged:
            damaged = inflated.damaged
            yield Damage(Reason.CORRUPT_ARCHIVE, "corrupt gzip member: skipped to the next one")
        if not line:
            if inflated is not None and inflated.truncated:
                yield Damage(Reason.TRUNCATED_ARCHIVE, "gzip stream cut short")
            return
        if not _RECORD_START.match(line):
            if line.strip() and not skipped:
                skipped = True
                yield Damage(Reason.CORRUPT_ARCHIVE, "bytes that are not a WARC record: skipped "
                             "to the next record header")
            continue
        skipped = False
        headers = [line]
        length: int | None = None
        while True:
            header = source.readline(MAX_HEADER_BYTES)
            headers.append(header)
            if not header or header in (b"\r\n", b"\n"):
                break
            if (match := _LENGTH.match(header.rstrip(b"\r\n"))) is not None:
                length = int(match.group(1))
        if not headers[-1]:
            yield Damage(Reason.TRUNCATED_ARCHIVE, "stream ended inside a record header")
            return
        if length is None:
            yield Damage(Reason.CORRUPT_ARCHIVE, "record without Content-Length")
            source.unread(b"".join(headers[1:]))
            continue
        if length > max_bytes:
            yield Damage(Reason.TOO_LARGE, f"record over {max_bytes} bytes: skipped")
            if not skip_bytes(source, length):
                return
            continue
        block = source.read(length)
        if len(block) < length:
            yield Damage(Reason.TRUNCATED_ARCHIVE, "WARC record cut short")
            return
        tail = source.readline(4) + source.readline(4)
        if not tail.strip():
            yield b"".join(headers) + block + b"\r\n\r\n"
            continue
        # the block did not end where Content-Length said: look for the next record
        # from just after this record's first line
        source.unread(b"".join(headers[1:]) + block + tail)
        yield Damage(Reason.CORRUPT_ARCHIVE, "record does not end where its Content-Length "
                     "says: resynchronised on the next record header")
