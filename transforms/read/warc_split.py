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

import base64
import hashlib
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
_NEXT_RECORD = b"\r\n\r\nWARC/1."
_BLOCK_DIGEST = re.compile(rb"^warc-block-digest\s*:\s*sha1:([A-Za-z2-7]{32})\s*$", re.IGNORECASE)
MAX_HEADER_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Damage:
    """A stretch of the stream that is not a complete record."""

    reason: Reason  # truncated_archive (the stream ended inside it) or corrupt_archive
    detail: str


def _overrun(headers: list[bytes], block: bytes) -> tuple[bytes | None] | None:
    """None when the block does not reach into another record (or cannot be checked); else
    ``(true block,)`` when its ``WARC-Block-Digest`` finds where it really ended (a
    ``Content-Length`` too long), or ``(None,)`` when nothing does."""
    if b"\nWARC/1." not in block:
        return None
    expected = next((m.group(1).upper() for h in headers
                     if (m := _BLOCK_DIGEST.match(h.rstrip(b"\r\n")))), None)
    if expected is None or _sha1(block) == expected:
        return None
    at = block.find(_NEXT_RECORD)
    while at >= 0:
        if _sha1(block[:at]) == expected:
            return (block[:at],)
        at = block.find(_NEXT_RECORD, at + 1)
    return (None,)


def _sha1(data: bytes) -> bytes:
    return base64.b32encode(hashlib.sha1(data).digest())


def _with_length(headers: list[bytes], length: int) -> bytes:
    return b"".join(b"Content-Length: %d\r\n" % length if _LENGTH.match(h.rstrip(b"\r\n"))
                    else h for h in headers)


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
        overrun = _overrun(headers, block)
        if not tail.strip() and overrun is None:
            yield b"".join(headers) + block + b"\r\n\r\n"
            continue
        if overrun is not None and overrun[0] is not None:
            true_block = overrun[0]
            source.unread(block[len(true_block) + 4:] + tail)
            yield _with_length(headers, len(true_block)) + true_block + b"\r\n\r\n"
            yield Damage(Reason.CORRUPT_ARCHIVE, "Content-Length ran into the next record: "
                         "the record was cut where its block digest matches")
            continue
        # the block did not end where Content-Length said: look for the next record
        # from just after this record's first line
        source.unread(b"".join(headers[1:]) + block + tail)
        yield Damage(Reason.CORRUPT_ARCHIVE, "record does not end where its Content-Length "
                     "says: resynchronised on the next record header")
