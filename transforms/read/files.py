"""Stream the records of one dump file as ``RawArticle``s, and bad input as ``Rejected``.

The caller opens the file and hands over a binary stream; nothing here touches paths.  Memory
stays flat whatever the dump size: JSON lines are read line by line, WARC record by record,
zip archives member by member and gzip as a stream.  Archives may wrap any supported format
(``older.jsonl.gz``, ``batch.zip!web/page.html``), nested up to ``MAX_NESTING`` levels.

Bad input is never fatal and never silently dropped: every unreadable file, member or record
comes out as a ``Rejected`` with a short reason, so the nightly run goes on and the quarantine
table says why something is missing.  Records read before an archive is cut short still come
out, followed by one ``truncated_archive``.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from transforms.read.archives import salvage_members
from transforms.read.decode import (
    SNIFF_BYTES,
    decode_text,
    header_charset,
    looks_binary,
    meta_charset,
    sample_of,
)
from transforms.read.inflate import MAX_RATIO, RATIO_CHECK_AFTER, Inflated, InflateLimit
from transforms.read.json_records import is_blank_markup, record_to_article, unwrap_container
from transforms.read.warc_split import Damage, split_records
from transforms.records import RawArticle, Reason, Rejected, Stage

LOGGER = logging.getLogger(__name__)

Item = RawArticle | Rejected

# Longest suffix first: ".warc.gz" is a WARC (warcio inflates it), not a gzip of something.
_SUFFIX_FORMATS: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".html", "html"),
    (".htm", "html"),
    (".warc", "warc"),
    (".txt", "txt"),
    (".gz", "gz"),
    (".zip", "zip"),
)
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(suffix for suffix, _ in _SUFFIX_FORMATS)

# Size caps: a single article/page/JSON document bigger than this is not an article but a
# mistake (or a decompression bomb), and reading it whole would break the flat-memory promise.
MAX_TEXT_BYTES = 64 * 1024 * 1024
MAX_JSON_BYTES = 256 * 1024 * 1024
MAX_LINE_BYTES = 64 * 1024 * 1024
MAX_NESTING = 4
_READ_CHUNK = 1024 * 1024


def _reject(
    path: str, record_no: int | None, reason: Reason, detail: str = "", sample: bytes | str = ""
) -> Rejected:
    return Rejected(path, record_no, reason, detail, sample_of(sample))


def dump_format(name: str) -> str | None:
    """'txt'|'jsonl'|'json'|'html'|'warc'|'gz'|'zip' for a supported file name, else None."""
    lowered = name.lower()
    for suffix, fmt in _SUFFIX_FORMATS:
        if lowered.endswith(suffix):
            return fmt
    return None


def read_dump(source_path: str, stream: BinaryIO) -> Iterator[RawArticle | Rejected]:
    """Stream the records of one dump file. Never raises for bad content: bad files/records
    come out as Rejected.  An ``OSError`` from the stream itself is raised, so the caller
    knows the file was not read to its end."""
    yield from _guarded(source_path, _read(source_path, source_path, stream, 0))


# --------------------------------------------------------------------------- dispatch


def _read(path: str, name: str, stream: BinaryIO, depth: int) -> Iterator[Item]:
    """Records of ``stream``, whose format is told by ``name`` and reported as ``path``."""
    fmt = dump_format(name)
    if fmt is None:
        yield _reject(path, None, Reason.UNSUPPORTED_FORMAT, f"no reader for {name!r}")
        return
    if depth > MAX_NESTING and fmt in ("gz", "zip"):
        yield _reject(path, None, Reason.TOO_DEEP, f"archives nested more than {MAX_NESTING} deep")
        return
    reader = _READERS[fmt]
    produced = False
    for item in reader(path, name, stream, depth):
        produced = True
        yield item
    if not produced:
        yield _reject(path, None, Reason.EMPTY_DUMP, f"{fmt} file holds no records")


def _guarded(path: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn whatever a stream raises into one final ``Rejected``, keeping what came before."""
    next_no: int | None = None
    try:
        for item in items:
            if item.source_path == path and item.record_no is not None:
                next_no = item.record_no + 1
            yield item
    except EOFError as exc:
        yield _reject(path, next_no, Reason.TRUNCATED_ARCHIVE, f"stream ended early: {exc}")
    except InflateLimit as exc:
        yield _reject(path, next_no, Reason.TOO_LARGE, str(exc))
    except (zlib.error, gzip.BadGzipFile, zipfile.BadZipFile, ArchiveLoadFailed) as exc:
        yield _reject(path, next_no, Reason.CORRUPT_ARCHIVE, f"{type(exc).__name__}: {exc}")
    except OSError:
        raise  # the file itself could not be read: not a content problem (see flows.ingest)
    except Exception as exc:  # noqa: BLE001 - a reader must never stop the nightly run
        LOGGER.warning("reading %s failed: %r", path, exc)
        yield _reject(path, next_no, Reason.READ_FAILED, f"{type(exc).__name__}: {exc}")


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read for sniffing: replays them, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            chunk, self._head = self._head[: len(buffer)], self._head[len(buffer) :]
        else:
            chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _sniffed(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first bytes of a stream, and a stream that still yields everything."""
    head = stream.read(SNIFF_BYTES)
    return head, io.BufferedReader(_Prefixed(head, stream))  # type: ignore[return-value]


def _read_capped(stream: BinaryIO, cap: int) -> bytes | None:
    """The whole stream, or None when it is bigger than ``cap`` bytes."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        return None
    stream.read(1)  # confirms the end: a compressed stream cut short raises EOFError here
    return data


# --------------------------------------------------------------------------- plain text


def _read_txt(path: str, name: str, stream: BinaryIO, depth: int) -> Iterator[Item]:
    """One article per file: the first non-empty line is the title, the rest the content."""
    data = _read_capped(stream, MAX_TEXT_BYTES)
    if data is None:
        yield _reject(path, None, Reason.TOO_LARGE, f"text file over {MAX_TEXT_BYTES} bytes")
        return
    text = _decoded(path, data)
    if isinstance(text, Rejected):
        yield text
        return
    title, content = _split_title(text)
    if title is None or not content.strip():
        yield _reject(path, 0, Reason.EMPTY_ARTICLE, "no text besides a title", text)
        return
    yield RawArticle(path, 0, content, "text", title=title)


def _split_title(text: str) -> tuple[str | None, str]:
    """Title = first non-empty line; content = everything after that line, untouched."""
    position = 0
    for line in text.splitlines(keepends=True):
        position += len(line)
        if line.strip():
            return line.strip(), text[position:]
    return None, ""


def _decoded(path: str, data: bytes, declared: str | None = None) -> str | Rejected:
    if looks_binary(data):
        return _reject(path, None, Reason.BINARY_CONTENT, "NUL or control bytes: not text", data)
    text = decode_text(data, declared)
    if text is None:
        return _reject(path, None, Reason.UNDECODABLE, "no encoding fits the bytes", data)
    return text


# --------------------------------------------------------------------------- html


def _read_html(path: str, name: str, stream: BinaryIO, depth: int) -> Iterator[Item]:
    """One page per file: the decoded markup; body extraction happens in transforms.clean.article."""
    data = _read_capped(stream, MAX_TEXT_BYTES)
    if data is None:
        yield _reject(path, None, Reason.TOO_LARGE, f"page over {MAX_TEXT_BYTES} bytes")
        return
    item = _html_article(path, 0, data)
    if isinstance(item, Rejected) and item.stage == Stage.DECODE:
        item = replace(item, record_no=None)  # the whole file is not text
    yield item


def _html_article(
    path: str, record_no: int, data: bytes, declared: str | None = None, url: str | None = None
) -> Item:
    if not data.strip():
        return _reject(path, record_no, Reason.EMPTY_ARTICLE, "page is empty")
    markup = _decoded(path, data, declared or meta_charset(data))
    if isinstance(markup, Rejected):
        return replace(markup, record_no=record_no)
    if is_blank_markup(markup):
        return _reject(path, record_no, Reason.EMPTY_ARTICLE, "page holds no text", markup)
    return RawArticle(path, record_no, markup, "html", url=url)


# --------------------------------------------------------------------------- json


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of a stream without reading it whole; None stands for an over-long line."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(_READ_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _json_record(path: str, record_no: int, raw: bytes | str) -> Item:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        return _reject(path, record_no, Reason.MALFORMED_JSON, str(exc)[:200], raw)
    return _value_to_item(path, record_no, value)


def _value_to_item(path: str, record_no: int, value: object) -> Item:
    if not isinstance(value, dict):
        return _reject(
            path, record_no, Reason.NOT_AN_OBJECT, f"JSON {type(value).__name__}", repr(value)
        )
    return record_to_article(path, record_no, value)


def _read_jsonl(path: str, name: str, stream: BinaryIO, depth: int) -> Iterator[Item]:
    """One record per line; a bad line is rejected and the others still come out."""
    head, stream = _sniffed(stream)
    if looks_binary(head) and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield _reject(path, None, Reason.BINARY_CONTENT, "NUL or control bytes: not JSON lines", head)
        return
    for line_no, line in enumerate(_lines(stream)):
        if line is None:
            yield _reject(path, line_no, Reason.TOO_LARGE, f"line over {MAX_LINE_BYTES} bytes")
            continue
        if not line.strip():
            continue
        if looks_binary(line):
            yield _reject(path, line_no, Reason.BINARY_CONTENT, "NUL or control bytes", line)
            continue
        try:
            text = line.decode("utf-8-sig" if line_no == 0 else "utf-8")
        except UnicodeDecodeError as exc:
            yield _reject(path, line_no, Reason.UNDECODABLE, f"JSON lines must be UTF-8: {exc}", line)
            continue
        yield _json_record(path, line_no, text)


def _read_json(path: str, name: str, stream: BinaryIO, depth: int) -> Iterator[Item]:
    """A JSON array of records, one record, a wrapped export, or (misnamed) JSON lines."""
    data = _read_capped(stream, MAX_JSON_BYTES)
    if data is None:
        yield _reject(path, None, Reason.TOO_LARGE, f"JSON file over {MAX_JSON_BYTES} bytes")
        return
    if not data.strip():
        return
    text = _decoded(path, data, "utf-8")
    if isinstance(text, Rejected):
        yield text
        return
    try:
        document = json.loads(text)
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError) and exc.msg == "Extra data":
            # JSON lines end at "\n" only: U+2028 and friends are legal inside JSON strings
            for line_no, line in enumerate(text.split("\n")):
                if line.strip():
                    yield _json_record(path, line_no, line)
            return
        yield _reject(path, None, Reason.MALFORMED_JSON, str(exc)[:200], data)
        return
    except RecursionError:
        yield _reject(path, None, Reason.MALFORMED_JSON, "nested too deeply", data)
        return
    records = document if isinstance(document, list) else None
    if isinstance(document, dict):
        records = unwrap_container(document)
        if records is None:
            yield record_to_article(path, 0, document)
            return
    if records is None:
        yield _value_to_item(path, 0, document)
        return
    for record_no, value in enumerate(records):
        yield _value_to_item(path, record_no, value)


# --------------------------------------------------------------------------- warc


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_warc(head: bytes) -> bool:
    """WARC files start with ``WARC/``, plain or inside gzip; warcio would read junk as ARC."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _read_warc(path: str, name: str, stream: BinaryIO, depth: int) -> Iterator[Item]:
    """HTML ``response`` records with a 2xx status; other records are skipped, not rejected.

    Records are cut apart first (``warc_split``) so a broken record costs only itself: the
    reader resynchronises on the next record header, and a cut file keeps its leading records.
    """
    head, stream = _sniffed(stream)
    if not head:
        return
    if not _is_warc(head):
        yield _reject(path, None, Reason.CORRUPT_ARCHIVE, "not a WARC file", head)
        return
    record_no = -1
    for piece in split_records(stream, MAX_TEXT_BYTES, gzipped=head.startswith(b"\x1f\x8b")):
        record_no += 1
        if isinstance(piece, Damage):
            yield _reject(path, record_no, piece.reason, piece.detail)
            continue
        try:
            record = next(iter(ArchiveIterator(io.BytesIO(piece))))
        except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on a bad record
            yield _reject(path, record_no, Reason.CORRUPT_ARCHIVE, f"{type(exc).__name__}: {exc}",
                          piece[:200])
            continue
        item = _warc_item(path, record_no, record)
        if item is not None:
            yield item


def _warc_item(path: str, record_no: int, record: ArcWarcRecord) -> Item | None:
    """The article in one WARC record, or None for records that hold no page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or not content_type.lower().startswith(_HTML_TYPES):
        LOGGER.debug("%s#%d: skipping %s %s", path, record_no, status, content_type)
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(MAX_TEXT_BYTES + 1)
    if len(body) > MAX_TEXT_BYTES:
        return _reject(path, record_no, Reason.TOO_LARGE, f"response over {MAX_TEXT_BYTES} bytes")
    return _html_article(path, record_no, body, header_charset(content_type), url)


# --------------------------------------------------------------------------- archives


def _read_gz(path: str, name: str, stream: BinaryIO, depth: int) -> Iterator[Item]:
    """A gzip stream around any supported format, named by the suffix under ``.gz``.

    A stream cut short keeps every record before the cut (then ``truncated_archive``); a
    corrupt stretch is skipped up to the next gzip member.
    """
    inner = name[: -len(".gz")]
    inflated = Inflated(stream)
    produced = False
    for item in _read(path, inner, io.BufferedReader(inflated), depth + 1):  # type: ignore[arg-type]
        if not (inflated.produced == 0 and getattr(item, "reason", None) == Reason.EMPTY_DUMP):
            produced = True
            yield item
    if inflated.damaged:
        yield _reject(path, None, Reason.CORRUPT_ARCHIVE,
                      f"not gzip, or {inflated.damaged} corrupt stretch(es) skipped")
    elif inflated.truncated:  # cut where no complete byte came out of the last member
        yield _reject(path, None, Reason.TRUNCATED_ARCHIVE, "gzip stream cut short")
    elif not produced:
        yield _reject(path, None, Reason.EMPTY_DUMP, f"{inner} inside gzip holds no records")


def _seekable(stream: BinaryIO) -> BinaryIO | None:
    """zipfile needs to seek to the central directory at the end; buffer small streams."""
    try:
        if stream.seekable():
            return stream
    except (AttributeError, OSError, ValueError):
        pass
    data = _read_capped(stream, MAX_JSON_BYTES)
    return None if data is None else io.BytesIO(data)


def _skipped_member(name: str) -> bool:
    return name.endswith("/") or name.startswith("__MACOSX/")


def _read_zip(path: str, name: str, stream: BinaryIO, depth: int) -> Iterator[Item]:
    """Member by member; a bad member is rejected and the others still come out."""
    seekable = _seekable(stream)
    if seekable is None:
        yield _reject(path, None, Reason.TOO_LARGE, "unseekable zip stream too big to buffer")
        return
    head = seekable.read(4)
    seekable.seek(0)
    try:
        archive = zipfile.ZipFile(seekable)
    except zipfile.BadZipFile as exc:
        if head == b"PK\x03\x04":  # members but no table of contents: the archive was cut
            seekable.seek(0)
            yield from _salvage_zip(path, seekable, depth, str(exc))
        else:
            yield _reject(path, None, Reason.CORRUPT_ARCHIVE, str(exc), head)
        return
    with archive:
        for info in archive.infolist():
            if _skipped_member(info.filename):
                continue
            member_path = f"{path}!{info.filename}"
            if dump_format(info.filename) is None:
                yield _reject(member_path, None, Reason.UNSUPPORTED_MEMBER, "no reader for this suffix")
                continue
            if info.flag_bits & 0x1:
                yield _reject(member_path, None, Reason.ENCRYPTED_MEMBER, "password-protected member")
                continue
            if info.file_size > RATIO_CHECK_AFTER and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1):
                yield _reject(member_path, None, Reason.TOO_LARGE,
                              f"inflates to {info.file_size} bytes from {info.compress_size}: "
                              "a decompression bomb")
                continue
            yield from _guarded(member_path, _read_member(archive, info, member_path, depth))


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, member_path: str, depth: int
) -> Iterator[Item]:
    with archive.open(info) as member:
        yield from _read(member_path, info.filename, member, depth + 1)  # type: ignore[arg-type]


def _salvage_zip(path: str, stream: BinaryIO, depth: int, error: str) -> Iterator[Item]:
    """The complete members before the cut, then one ``truncated_archive`` for the file."""
    salvaged = 0
    for member in salvage_members(stream, MAX_TEXT_BYTES):
        member_path = f"{path}!{member.name}"
        if _skipped_member(member.name):
            continue
        if member.data is None:
            if member.problem != Reason.TRUNCATED_ARCHIVE:
                yield _reject(member_path, None, member.problem or Reason.CORRUPT_ARCHIVE, member.detail)
            continue
        salvaged += 1
        if dump_format(member.name) is None:
            yield _reject(member_path, None, Reason.UNSUPPORTED_MEMBER, "no reader for this suffix")
            continue
        member_stream = io.BytesIO(member.data)
        yield from _guarded(member_path, _read(member_path, member.name, member_stream, depth + 1))
    detail = f"{error}; {salvaged} complete member(s) recovered before the cut"
    yield _reject(path, None, Reason.TRUNCATED_ARCHIVE, detail)


_READERS = {
    "txt": _read_txt,
    "jsonl": _read_jsonl,
    "json": _read_json,
    "html": _read_html,
    "warc": _read_warc,
    "gz": _read_gz,
    "zip": _read_zip,
}
