"""Ingest: find new dump files, and turn batches of them into staged Parquet parts.

Plain functions (no Prefect) so they can be tested directly; ``flows.nightly`` wraps them in
tasks.  Memory is bounded by ``flush_rows``: rows are written out as Parquet parts as they
accumulate, whatever the size of a dump.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import uuid
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows.dump_tree import FoundFile, Survey, open_regular, printable, survey
from transforms import extract
from transforms.clean.article import MIN_BODY_WORDS, to_article
from transforms.clean.citations import extract_citations
from transforms.extract.entities.extractor import use_backend
from transforms.extract.pipeline import extract_many
from transforms.read.decode import scrub_surrogates
from transforms.read.files import dump_format, read_dump
from transforms.read.hashing import HashingReader
from transforms.records import Article, Extraction, RawArticle, Reason, Rejected
from warehouse import rows
from warehouse.storage import is_remote, split
from warehouse.store import Warehouse, write_parquet_at

LOGGER = logging.getLogger(__name__)

_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class DumpFile:
    """One path under the dumps folder: a file identified by its content, or a problem."""

    path: str  # absolute path on disk, or the object's URL
    rel: str  # path relative to the dumps folder (printable): what the tables record
    sha256: str
    size: int
    format: str | None  # None: not a format we read
    problem: Rejected | None = None  # found unusable while walking: quarantined, never opened


@dataclass
class Discovery:
    """What discovery found: the work for this run, and how many paths it saw or skipped."""

    files: list[DumpFile]  # new files, and problem paths (each becomes a quarantine row)
    seen: int  # files and problem paths seen
    skipped: int = 0  # hidden names, folders reached twice, problems reported before


@dataclass
class BatchResult:
    """What one ingest batch staged: Parquet parts per table, and counts for the run log."""

    parts: dict[str, list[str]] = field(default_factory=dict)
    files: int = 0
    records: int = 0
    articles: int = 0
    quarantined: int = 0


def open_dump(path: str) -> Any:
    """A dump file opened for streaming: a regular local file, or an object read in blocks
    (never downloaded whole)."""
    if is_remote(path):
        fs, key = split(path)
        return fs.open(key, "rb", block_size=_HASH_CHUNK * 4, cache_type="readahead")
    return open_regular(path)


def dumps_exist(location: str) -> bool:
    """Whether the dumps folder (or prefix) is there: a local path, or objects under a URL."""
    if is_remote(location):
        fs, key = split(location)
        return bool(fs.exists(key))
    return os.path.exists(location)


def dumps_name(location: str) -> str:
    """The dumps location as the runs table records it (an absolute path, or the URL)."""
    return location if is_remote(location) else printable(str(Path(location).resolve()))


def sha256_file(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open_dump(os.fspath(path)) as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def list_dump_files(root: str | os.PathLike[str]) -> Iterator[Path]:
    """Every regular file under ``root`` that a run would read, in a stable order."""
    for found in survey(root).files:
        yield Path(found.path)


# Problems found while walking (no content to hash): once in the quarantine table, a later
# night counts the same path with the same problem as skipped instead of reporting it again.
WALK_REASONS = frozenset({Reason.NOT_A_REGULAR_FILE, Reason.DANGLING_LINK, Reason.LINK_LOOP,
                          Reason.OUTSIDE_DUMPS, Reason.UNREADABLE_FOLDER, Reason.UNREADABLE_FILE})


def find_new(root: str | os.PathLike[str], warehouse: Warehouse) -> Discovery:
    """``discover`` against what the warehouse has: the ledger, and the problems reported."""
    ledger = warehouse.read("dump_files", ["sha256", "path", "size_bytes", "ingested_at"]).to_pylist()
    known = {row["sha256"] for row in ledger}
    ingested: dict[tuple[str, int], float] = {}
    for row in ledger:
        key, when = (row["path"], row["size_bytes"]), row["ingested_at"].timestamp()
        ingested[key] = max(when, ingested.get(key, when))
    reported = {(row["path"], row["reason"])
                for row in warehouse.read("quarantine", ["path", "reason", "dump_sha256"]).to_pylist()
                if row["dump_sha256"] is None and row["reason"] in WALK_REASONS}
    return discover(root, known, reported, ingested)


# A file must have been last modified this long before its ingestion for its unchanged path,
# size and time to stand for its unchanged bytes (coarse file-system clocks, writes racing a run).
UNCHANGED_SLACK_SECONDS = 2.0


def discover(root: str | os.PathLike[str], known: set[str],
             reported: Collection[tuple[str, str]] = (),
             ingested: Mapping[tuple[str, int], float] | None = None) -> Discovery:
    """Files under ``root`` whose content hash is not in ``known``, and the paths that cannot
    be read at all (as problems, unless ``reported`` already holds their path and reason).
    A file seen twice in one run (same bytes, two names) is processed once.

    ``ingested`` maps (path, size) of ledger rows to when they were ingested (POSIX seconds):
    a file still at that path and size, last modified before then, is taken as known without
    reading it, as make and rsync do, so a night reads its new files, not the whole archive."""
    found = survey_objects(str(root)) if is_remote(root) else survey(root)
    new = [DumpFile("", p.source_path, "", 0, None, p) for p in found.problems
           if (p.source_path, p.reason) not in reported]
    repeated = len(found.problems) - len(new)
    hashes = set(known)
    ingested = ingested or {}
    for file in found.files:
        when = ingested.get((file.rel, file.size))
        if when is not None and file.mtime is not None \
                and file.mtime < when - UNCHANGED_SLACK_SECONDS:
            continue
        try:
            digest = sha256_file(file.path)
        except OSError as exc:
            new.append(DumpFile(file.path, file.rel, "", 0, None, Rejected(
                file.rel, None, Reason.UNREADABLE_FILE, f"{type(exc).__name__}: {exc.strerror or exc}")))
            continue
        if digest in hashes:
            continue
        hashes.add(digest)
        new.append(DumpFile(file.path, file.rel, digest, file.size, dump_format(file.rel)))
    return Discovery(new, len(found.files) + len(found.problems),
                     found.hidden + found.repeated + repeated)


def survey_objects(url: str) -> Survey:
    """The dump files under an object-storage prefix (or the one object it names), in a stable
    order; names with a part starting with "." are hidden, as on disk."""
    fs, base = split(url)
    found = Survey()
    scheme = url.split("://", 1)[0]
    try:
        info = fs.info(base)
    except FileNotFoundError:
        return found
    if info.get("type") != "directory":
        found.files.append(FoundFile(f"{scheme}://{base}", base.rsplit("/", 1)[-1],
                                     int(info.get("size") or 0), _modified(info)))
        return found
    for key, meta in sorted(fs.find(base, detail=True).items()):
        rel = key[len(base):].lstrip("/")
        if not rel or meta.get("type") == "directory":
            continue
        if any(part.startswith(".") for part in rel.split("/")):
            found.hidden += 1
            continue
        found.files.append(FoundFile(f"{scheme}://{key}", rel, int(meta.get("size") or 0),
                                     _modified(meta)))
    return found


def _modified(meta: Mapping[str, Any]) -> float | None:
    """An object's last-modified time in POSIX seconds, when its store says (s3fs: LastModified)."""
    stamp = meta.get("LastModified") or meta.get("mtime")
    if isinstance(stamp, datetime):
        return stamp.timestamp()
    return float(stamp) if isinstance(stamp, int | float) else None


BATCHES_PER_WORKER = 4  # so the batches finishing last leave a core idle only briefly
MIN_BATCH_MB = 1.0  # a smaller batch costs more in a worker's start-up than it shares out
COMPRESSED_WORK = 2.0  # a compressed dump holds about twice the articles per byte


def _work(f: DumpFile) -> float:
    """A file's share of the ingest's work, in bytes of plain dump: a compressed file (gzip,
    zip, gzipped WARC) counts double."""
    return f.size * (COMPRESSED_WORK if f.rel.lower().endswith((".gz", ".zip")) else 1.0)


def night_part(files: list[DumpFile], part_mb: float) -> tuple[list[DumpFile], int]:
    """The files one commit of a night takes: the first ``part_mb`` megabytes of work (at
    least one file; files with a problem, which only need a quarantine row, all in the first
    part), and how many files are left for the next parts.

    Why parts: the corpus steps of a commit hold what they match in memory, so a first night
    of a hundred thousand articles would need gigabytes at once; as parts, each commit is an
    incremental night over the ones before, which gives the same tables (the incremental
    corpus steps equal a recompute) in bounded memory.  A crash between parts keeps the parts
    committed; the next run reads only the files they did not."""
    limit = max(part_mb, 0.001) * 1024 * 1024
    part = [f for f in files if f.problem is not None]
    size = 0.0
    left = 0
    for f in files:
        if f.problem is not None:
            continue
        if size and size + _work(f) > limit:
            left += 1
            continue
        part.append(f)
        size += _work(f)
    return part, left


def plan_batches(files: list[DumpFile], batch_mb: float, workers: int = 1) -> list[list[DumpFile]]:
    """Group files into batches of about ``batch_mb`` megabytes of work (a big file is its own
    batch; a compressed file weighs double, see ``_work``).

    With several ``workers``, batches are made smaller when that gives every worker about
    ``BATCHES_PER_WORKER`` of them (never below ``MIN_BATCH_MB``), so that a night of a few
    megabytes keeps every core busy instead of fitting one batch; and the biggest batches go
    first, so the last ones to finish are small and no core waits long for another."""
    if workers > 1:
        total_mb = sum(_work(f) for f in files) / (1024 * 1024)
        batch_mb = min(batch_mb, max(MIN_BATCH_MB, total_mb / (workers * BATCHES_PER_WORKER)))
    limit = max(batch_mb, 0.001) * 1024 * 1024
    batches: list[list[DumpFile]] = []
    current: list[DumpFile] = []
    size = 0.0
    for f in files:
        if current and size + _work(f) > limit:
            batches.append(current)
            current, size = [], 0.0
        current.append(f)
        size += _work(f)
    if current:
        batches.append(current)
    if workers > 1:
        batches.sort(key=lambda batch: -sum(_work(f) for f in batch))  # stable: ties keep order
    return batches


# ---------------------------------------------------------------------- batches


class PartWriter:
    """Buffers rows per table and writes them as Parquet parts under a staging folder."""

    def __init__(self, folder: str, run_id: str, flush_rows: int):
        self.folder = folder
        self.run_id = run_id
        self.flush_rows = flush_rows
        self.buffers: dict[str, list[dict[str, Any]]] = {}
        self.parts: dict[str, list[str]] = {}
        self._articles_buffered = 0
        self._seq = 0
        self._token = uuid.uuid4().hex[:12]

    def add(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        self.buffers.setdefault(table, []).extend(rows)

    def article_done(self) -> None:
        self._articles_buffered += 1
        if self._articles_buffered >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        for table, buffered in self.buffers.items():
            if not buffered:
                continue
            self._seq += 1
            # unique per writer: pool processes are reused, so pid and id() can repeat
            path = f"{self.folder}/{table}/{self.run_id}-{self._token}-{self._seq}.parquet"
            write_parquet_at(table, buffered, path)  # refuses to overwrite
            self.parts.setdefault(table, []).append(path)
        self.buffers = {}
        self._articles_buffered = 0


def apply_extractor_settings() -> None:
    """Hand the extractors their settings from the environment (transforms never read it):
    ``NEWSLEDGER_NER_BACKEND=spacy:<model name or path>`` swaps the entity recogniser."""
    use_backend(os.environ.get("NEWSLEDGER_NER_BACKEND") or None)


def ingest_files(files: list[DumpFile], staging_dir: str | os.PathLike[str], run_id: str,
                 flush_rows: int = 2000) -> BatchResult:
    """Read, clean and extract a batch of dump files into staged Parquet parts.

    Bad files and records become quarantine rows; nothing here raises for bad content.
    An article seen twice within the batch is stored once, with both sources kept.  Only a
    file read to its end, with the bytes it was listed with, is entered in the ledger.
    """
    apply_extractor_settings()  # this may be a fresh worker process or a Dask worker
    writer = PartWriter(f"{os.fspath(staging_dir).rstrip('/')}/ingest", run_id, flush_rows)
    result = BatchResult()
    seen_ids: set[str] = set()
    pending = _PendingExtraction(writer)
    tallies: list[_FileIngest] = []
    for dump in files:
        tally = _FileIngest(dump, run_id, writer, seen_ids, pending)
        tally.run()
        tallies.append(tally)
    pending.drain()
    for tally in tallies:  # after the extraction, which may still quarantine an article
        if tally.read_sha256 is not None:
            writer.add("dump_files", [{
                "sha256": tally.read_sha256, "path": tally.dump.rel,
                "size_bytes": tally.read_bytes, "format": tally.dump.format,
                "records": tally.records, "articles": tally.articles,
                "quarantined": tally.quarantined, "run_id": run_id,
                "ingested_at": datetime.now(UTC),
            }])
        result.files += 1
        result.records += tally.records
        result.articles += tally.articles
        result.quarantined += tally.quarantined
    writer.flush()
    result.parts = writer.parts
    return result


# Cleaned articles are extracted this many at a time: the entity tagger decodes a group's
# sentences together (numpy over all of them), which is what makes it fast.
EXTRACT_GROUP = 64


@dataclass
class _PendingExtraction:
    """Cleaned, new articles waiting for extraction, with the file tally each came from."""

    writer: PartWriter
    items: list[tuple[Article, _FileIngest]] = field(default_factory=list)

    def add(self, article: Article, tally: _FileIngest) -> None:
        self.items.append((article, tally))
        if len(self.items) >= EXTRACT_GROUP:
            self.drain()

    def drain(self) -> None:
        """Extract every waiting article and stage its rows.  If the group fails as a whole,
        each article is extracted alone, so one bad text quarantines only itself."""
        items, self.items = self.items, []
        if not items:
            return
        try:
            extractions: list[Extraction | None] = extract_many([a.body for a, _ in items])
        except Exception:  # noqa: BLE001  found and quarantined article by article below
            LOGGER.warning("group extraction failed; extracting %d articles one by one",
                           len(items))
            extractions = [None] * len(items)
        for (article, tally), extraction in zip(items, extractions):
            tally.extracted(article, extraction)
            self.writer.article_done()


@dataclass
class _FileIngest:
    """One dump file through read -> clean -> extract, counting what happened to it."""

    dump: DumpFile
    run_id: str
    writer: PartWriter
    seen_ids: set[str]
    pending: _PendingExtraction
    records: int = 0
    articles: int = 0
    quarantined: int = 0
    read_sha256: str | None = None  # set only when the whole file was read as listed
    read_bytes: int = 0

    def run(self) -> None:
        dump = self.dump
        if dump.problem is not None:
            self.reject(dump.problem)
            return
        # Only reading may turn an OSError into a quarantine row; a failed *write* (disk
        # full, a part-name collision) must fail the task, not pass for a bad dump.
        try:
            raw = open_dump(dump.path)
        except OSError as exc:
            self.reject(Rejected(dump.rel, None, Reason.UNREADABLE_FILE, _os_detail(exc)))
            return
        hashing = HashingReader(raw)
        with io.BufferedReader(hashing) as stream:
            if not self._read(stream):
                return
            try:
                digest, size = hashing.finish()
            except OSError as exc:
                self.reject(Rejected(dump.rel, None, Reason.UNREADABLE_FILE, _os_detail(exc)))
                return
        if digest != dump.sha256:
            self.reject(Rejected(dump.rel, None, Reason.CHANGED_WHILE_READ,
                                 f"listed with sha256 {dump.sha256[:12]}, read as {digest[:12]}: "
                                 "not marked as seen, the next run reads it again"))
            return
        self.read_sha256, self.read_bytes = digest, size

    def _read(self, stream: io.BufferedReader) -> bool:
        """Feed the file's records on; False when reading failed before the end."""
        dump = self.dump
        if dump.format is None:
            self.reject(Rejected(dump.rel, None, Reason.UNSUPPORTED_FORMAT,
                                 f"no reader for file name {Path(dump.rel).name!r}"))
            return True
        items = read_dump(dump.rel, stream)
        while True:
            try:
                item = next(items)
            except StopIteration:
                return True
            except OSError as exc:
                self.reject(Rejected(dump.rel, None, Reason.UNREADABLE_FILE, _os_detail(exc)))
                return False
            self.records += 1
            if isinstance(item, Rejected):
                self.reject(item)
            else:
                self.article(item)

    def reject(self, rejected: Rejected) -> None:
        sha = (self.dump.sha256 or None) if self.dump else None
        self.writer.add("quarantine", [rows.quarantine_row(rejected, sha, self.run_id)])
        if not rejected.kept:
            self.quarantined += 1

    def article(self, item: RawArticle) -> None:
        item, repaired = _scrubbed(item)
        if repaired:
            self.reject(Rejected(item.source_path, item.record_no, Reason.REPAIRED_TEXT,
                                 f"{repaired} lone surrogate(s) replaced with U+FFFD; kept"))
        try:
            article = to_article(item)
        except Exception as exc:
            LOGGER.exception("cleaning failed for %s#%s", item.source_path, item.record_no)
            self.reject(Rejected(item.source_path, item.record_no, Reason.CLEAN_ERROR,
                                 repr(exc), item.content[:200]))
            return
        if isinstance(article, Rejected):
            self.reject(article)
            return
        if article.word_count < MIN_BODY_WORDS:
            self.reject(Rejected(article.source_path, article.record_no, Reason.SHORT,
                                 f"a brief of {article.word_count} words; kept",
                                 article.body[:200]))
        self.articles += 1
        self.writer.add("article_sources", [rows.source_row(article, self.dump.sha256, self.run_id)])
        if article.article_id in self.seen_ids:
            return
        self.seen_ids.add(article.article_id)
        self.pending.add(article, self)

    def extracted(self, article: Article, extraction: Extraction | None) -> None:
        """Stage a new article's rows (``extraction`` None: extract it here, alone)."""
        try:
            if extraction is None:
                extraction = extract(article.body)
            citations = extract_citations(article.body)
        except Exception as exc:
            LOGGER.exception("extraction failed for %s#%s", article.source_path,
                             article.record_no)
            self.reject(Rejected(article.source_path, article.record_no, Reason.EXTRACT_ERROR,
                                 repr(exc), article.body[:200]))
            extraction, citations = Extraction(), []
        rows_of = rows.article_rows(article, extraction, citations, self.dump.sha256, self.run_id)
        for table, table_rows in rows_of.items():
            self.writer.add(table, table_rows)


def _os_detail(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def _scrubbed(item: RawArticle) -> tuple[RawArticle, int]:
    """The record with lone surrogates (which Arrow cannot store) replaced, and how many."""
    changes: dict[str, Any] = {}
    repaired = 0
    for name in ("source_path", "content", "title", "url", "published", "outlet", "language"):
        value = getattr(item, name)
        if isinstance(value, str):
            clean, count = scrub_surrogates(value)
            if count:
                changes[name], repaired = clean, repaired + count
    authors = [scrub_surrogates(a) for a in item.authors]
    if any(count for _, count in authors):
        changes["authors"] = tuple(a for a, _ in authors)
        repaired += sum(count for _, count in authors)
    return (replace(item, **changes) if changes else item), repaired
