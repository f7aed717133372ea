"""Salvage the members of a zip archive that was cut short.

A zip file keeps its table of contents (the central directory) at the very end, so an
interrupted download cannot be opened by ``zipfile`` at all, although every member before the
cut is intact.  Each member also starts with a local header that states its name and sizes;
walking those headers from the front recovers the complete members, as ``unzip``'s recovery
mode does.  Members written in streaming mode (sizes only in a trailing data descriptor)
cannot be delimited this way, so the walk stops there.
"""

from __future__ import annotations

import logging
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from transforms.records import Reason

LOGGER = logging.getLogger(__name__)

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_FLAG_ENCRYPTED = 0x1
_FLAG_DESCRIPTOR = 0x8
_FLAG_UTF8 = 0x800
_STORED, _DEFLATED = 0, 8


@dataclass(frozen=True, slots=True)
class SalvagedMember:
    """A member recovered from the front of a damaged archive, or why it could not be."""

    name: str
    data: bytes | None
    problem: Reason | None = None  # why ``data`` is None
    detail: str = ""


def salvage_members(stream: BinaryIO, max_bytes: int) -> Iterator[SalvagedMember]:
    """Members of a zip stream read front to back through their local headers.

    Ends at the first thing that is not a local header (normally the central directory), at a
    member cut short (reported with problem ``truncated_archive``), or at a streamed member.
    """
    while True:
        header = stream.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL_SIGNATURE):
            return
        _, _, flags, method, _, _, crc, size, _, name_len, extra_len = _LOCAL_HEADER.unpack(header)
        raw_name = stream.read(name_len)
        stream.read(extra_len)
        name = raw_name.decode("utf-8" if flags & _FLAG_UTF8 else "cp437", "replace")
        if len(raw_name) < name_len:
            yield SalvagedMember(name, None, Reason.TRUNCATED_ARCHIVE, "cut inside a member header")
            return
        if flags & _FLAG_DESCRIPTOR:
            yield SalvagedMember(
                name, None, Reason.TRUNCATED_ARCHIVE, "streamed member: its end cannot be found"
            )
            return
        if size > max_bytes:
            yield SalvagedMember(name, None, Reason.TOO_LARGE, f"member over {max_bytes} bytes")
            if not skip_bytes(stream, size):
                return
            continue
        packed = stream.read(size)
        if len(packed) < size:
            yield SalvagedMember(name, None, Reason.TRUNCATED_ARCHIVE, "member cut short")
            return
        yield _unpack(name, packed, flags, method, crc, max_bytes)


def skip_bytes(stream: BinaryIO, size: int) -> bool:
    """Move past ``size`` bytes without holding them; False when the stream ends first."""
    while size > 0:
        chunk = stream.read(min(size, 1 << 20))
        if not chunk:
            return False
        size -= len(chunk)
    return True


def _unpack(
    name: str, packed: bytes, flags: int, method: int, crc: int, max_bytes: int
) -> SalvagedMember:
    if flags & _FLAG_ENCRYPTED:
        return SalvagedMember(name, None, Reason.ENCRYPTED_MEMBER, "password-protected member")
    if method == _STORED:
        data = packed
    elif method == _DEFLATED:
        try:
            data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(packed, max_bytes + 1)
        except zlib.error as exc:
            return SalvagedMember(name, None, Reason.CORRUPT_ARCHIVE, f"inflate failed: {exc}")
        if len(data) > max_bytes:
            return SalvagedMember(name, None, Reason.TOO_LARGE, f"member over {max_bytes} bytes")
    else:
        return SalvagedMember(name, None, Reason.CORRUPT_ARCHIVE, f"compression method {method}")
    if zlib.crc32(data) != crc:
        return SalvagedMember(name, None, Reason.CORRUPT_ARCHIVE, "CRC mismatch")
    return SalvagedMember(name, data)
