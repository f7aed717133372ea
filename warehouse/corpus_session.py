"""The DuckDB session of a run's corpus step: committed and staged tables side by side.

``committed_<table>`` views read the manifest's files (the newest row per key of a links
table; ``history_<table>`` every row of it), ``staged_<table>`` views the run's staged parts;
``new_<table>`` holds the night's new rows, ``all_<table>`` views put stored and new together
without copying the stored ones.  They are what the corpus algorithms read, and what their
results are joined back onto.  The SQL lives in ``warehouse/sql/``; the algorithms in ``transforms/corpus/``; ``flows/corpus.py`` wires them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.corpus.stories import (
    REUSE_MIN_SHARED,
    WINDOW_DAYS,
    Signature,
    StoryMember,
    StoryPair,
)
from transforms.records import CorpusArticle, NearDuplicate
from warehouse import rows
from warehouse.duck import parquet_source, table_sql
from warehouse.schemas import LATEST_BY, TABLES
from warehouse.sql import sql
from warehouse.store import Manifest, Staging, Warehouse, conform

SESSION_TABLES = ("articles", "mentions", "quotes", "figures", "citations")
# Matching state and the results it is matched into: a night reads them to update them.
STATE_TABLES = ("near_duplicates", "near_duplicate_bands", "text_reuse", "reuse_fingerprints",
                "story_terms", "story_keys", "story_labels", "story_pairs", "story_articles",
                "quote_links", "quote_bands", "quote_pairs", "entity_links")
APPEND_AS_IS = ("article_sources", "dump_files", "quarantine")
PER_ARTICLE = {"figures": "figure_id", "citations": "citation_id", "mentions": "mention_id",
               "quotes": "quote_id"}
RESOLVED_FACTS = ("mentions", "quotes")  # read whole by a full pass: all_mentions, all_quotes


class StoredStory(NamedTuple):
    """A stored article of a story block a night re-clusters: its link and what a story takes
    from it."""

    block: str | None
    story_id: str
    member: StoryMember


class StoryEvidence(NamedTuple):
    """What deciding a story pair needs of one stored article."""

    published_at: datetime | None
    signature: Signature
    fingerprints: np.ndarray


class StoredQuote(NamedTuple):
    """A stored quote of a block a night re-resolves: its current link and its words."""

    quote_id: str
    key: str
    surname: str | None
    block: str
    canonical_quote_id: str
    wording_diff: str | None
    text: str
    speaker: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class SettledCounts:
    """What settling staged: articles not stored before, and their figures."""

    articles_new: int
    figures: int


class CorpusSession:
    """A DuckDB session with ``committed_<table>`` and ``staged_<table>`` views for one run."""

    def __init__(self, warehouse: Warehouse, staged_parts: dict[str, list[str]],
                 version: int | None = None):
        self.con = duckdb.connect()
        self.con.execute("set preserve_insertion_order = false")
        self._corpus: list[CorpusArticle] | None = None
        manifest = Manifest() if version == 0 else warehouse.manifest(version)
        self.version = manifest.version  # what a second session of the same run must read
        self.stored = {table for table in TABLES if manifest.files(table)}
        for table in STATE_TABLES:
            committed = parquet_source(warehouse.table_paths(table, manifest))
            self.con.execute(f"create view committed_{table} as {table_sql(self.con, table, committed)}")
            if table in LATEST_BY:  # every row ever written, for what no version changes
                self.con.execute(f"create view history_{table} as select * from {committed}")
        for table in SESSION_TABLES:
            committed = parquet_source(warehouse.table_paths(table, manifest))
            self.con.execute(f"create view committed_{table} as select * from {committed}")
            staged = parquet_source(staged_parts.get(table) or [warehouse.empty_file(table)])
            self.con.execute(f"create view staged_{table} as select * from {staged}")

    def arrow(self, query: str) -> pa.Table:
        return self.con.execute(query).to_arrow_table()

    def count(self, relation: str) -> int:
        return self.con.execute(f"select count(*) from {relation}").fetchone()[0]

    def close(self) -> None:
        self.con.close()

    def settle_new_rows(self, staging: Staging, staged_parts: dict[str, list[str]]) -> SettledCounts:
        """Stage the truly new rows of every appended table; build ``all_*`` for the rest."""
        articles_new = self.night_articles()
        if articles_new:
            staging.write("articles", self.arrow("select * from new_articles"))
        for table in APPEND_AS_IS:
            for part in staged_parts.get(table, []):
                staging.add(table, Path(part))
        figures = 0
        for table, key in PER_ARTICLE.items():
            self.con.execute(f"create temp table new_{table} as "
                             + sql("new_article_rows", table=table, key=key))
            new_rows = self.arrow(f"select * from new_{table}")
            if new_rows.num_rows:
                staging.write(table, new_rows)
            if table == "figures":
                figures = new_rows.num_rows
        for table in RESOLVED_FACTS:
            self.con.execute(sql("all_facts", table=table))
        return SettledCounts(articles_new=articles_new, figures=figures)

    def night_articles(self) -> int:
        """``new_articles`` and ``all_articles`` (what the similarity steps read), staging
        nothing: a second session of the same run calls this instead of settling again.
        Returns the number of new articles."""
        self.con.execute(sql("new_articles"))
        self.con.execute(sql("all_articles"))
        return self.count("new_articles")

    def entity_names(self, night: bool = False) -> list[tuple[str, str, int]]:
        """(type, name, mentions) of every mention and quote speaker (``night``: of the night's
        new articles only), sorted; quote speakers count no mention."""
        prefix = "new" if night else "all"
        query = sql("entity_names", mentions=f"{prefix}_mentions", quotes=f"{prefix}_quotes")
        return sorted((t, n, int(c)) for t, n, c in self.con.execute(query).fetchall())

    def stored_entity_links(self, blocks: Iterable[str], batch: int) -> Iterator[list[tuple]]:
        """(block, type, name, mentions, entity_id, canonical, aliases) of the stored names in
        ``blocks``, in lists of whole blocks of about ``batch`` names (the last may be empty).
        Read it to the end before the next query: the rows stream from DuckDB."""
        with self._registered("wanted_blocks", _strings("block", blocks)):
            result = self.con.execute(sql("stored_entity_links"))
            pending: list[tuple] = []
            while chunk := result.fetchmany(batch):
                pending += chunk
                cut = len(pending)  # keep the last block whole: it may go on in the next chunk
                while cut and pending[cut - 1][0] == pending[-1][0]:
                    cut -= 1
                if cut:
                    yield pending[:cut]
                    pending = pending[cut:]
            yield pending

    def stage_entities(self, staging: Staging, version: int, entity_map: pa.Table | None = None,
                       changed_links: pa.Table | None = None,
                       touched: Iterable[str] = ()) -> None:
        """Stage people and organisations: all of them from a full ``entity_map`` (type, name,
        entity_id, canonical, aliases), or only the ``touched`` entity ids from the stored
        links with a night's ``changed_links`` over them, appended as their newest rows."""
        if entity_map is not None:
            self.con.register("entity_map", entity_map)
        else:
            self.con.register("changed_links", changed_links)
            with self._registered("touched_entities", _strings("entity_id", touched)):
                self.con.execute(sql("entity_map_updated"))
        self.con.execute(sql("resolved_mentions"))
        self.con.execute(sql("entity_facts"))
        publish = staging.replace if entity_map is not None else staging.append
        people = self.arrow(sql("entities", type="person", extra=sql("person_roles"),
                                extra_join=""))
        publish("people", _versioned(rows.fill_nulls(people, rows.PEOPLE_DEFAULTS), version))
        organisations = self.arrow(sql("entities", type="organisation",
                                       extra=sql("organisation_kind"),
                                       extra_join=sql("organisation_kind_join")))
        publish("organisations",
                _versioned(rows.fill_nulls(organisations, rows.ZERO_COUNTS), version))

    def quote_texts(self, night: bool = False) -> list[tuple]:
        """(quote_id, text, speaker, published_at) of every quote (``night``: of the night's
        new articles only), by quote id."""
        return self.con.execute(sql("quote_texts", quotes="new_quotes" if night else "all_quotes")
                                ).fetchall()

    def stored_quote_keys(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` that stored quotes already have."""
        with self._registered("wanted_keys", _strings("key", keys)):
            return {row[0] for row in self.con.execute(sql("stored_quote_keys")).fetchall()}

    def band_matches(self, new_bands: pa.Table) -> list[tuple[int, str]]:
        """(new key id, stored key) for stored quote keys sharing a band key with a new one."""
        with self._registered("new_quote_bands", new_bands):
            return self.con.execute(sql("quote_band_matches")).fetchall()

    def quote_block_members(self, keys: Iterable[str]) -> list[StoredQuote]:
        """Every stored quote of the blocks holding ``keys``."""
        with self._registered("wanted_keys", _strings("key", keys)):
            return [StoredQuote(*row) for row in
                    self.con.execute(sql("quote_block_members")).fetchall()]

    def stored_quote_pairs(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """The stored verified pairs of these keys (both keys of a pair share its block)."""
        with self._registered("wanted_keys", _strings("key", keys)):
            return self.con.execute(sql("stored_quote_pairs")).fetchall()

    def keeps(self, table: str) -> bool:
        """Whether the committed version holds ``table`` (a matching state a night can update)."""
        return table in self.stored

    def _articles(self, query: str) -> list[CorpusArticle]:
        return [
            CorpusArticle(article_id=a, body=b, title=t, outlet=o, published_at=p)
            for a, t, b, o, p in self.con.execute(query).fetchall()
        ]

    def corpus_articles(self) -> list[CorpusArticle]:
        """Every article of the corpus after this run, as the similarity steps read them (read
        once: a full pass's three steps share them until ``forget_corpus_articles``)."""
        if self._corpus is None:
            self._corpus = self._articles(sql("corpus_articles"))
        return self._corpus

    def article_ids_by_date(self) -> list[str]:
        """Every stored article id, oldest first (undated last): the order a rebuild replays."""
        return [row[0] for row in self.con.execute(
            "select article_id from committed_articles "
            "order by published_at nulls last, article_id").fetchall()]

    def fact_rows(self, table: str, article_ids: Iterable[str]) -> pa.Table:
        """The stored rows of a fact table (``SESSION_TABLES``) of these articles."""
        with self._registered("wanted_ids", _ids(article_ids)):
            return self.arrow(f"select * from committed_{table} "
                              "where article_id in (select article_id from wanted_ids)")

    def stage_current(self, warehouse: Warehouse, table: str, staging: Staging,
                      version: int) -> int:
        """Stage the current rows of a derived table of ``warehouse`` (its newest row per key,
        stamped ``version``) as the whole new contents of that table in ``staging``, streamed
        batch by batch; returns the rows."""
        source = table_sql(self.con, table, parquet_source(
            warehouse.table_paths(table) or [warehouse.empty_file(table)]))
        columns = ", ".join(f"{version}::bigint as resolved_in" if name == "resolved_in"
                            else name for name in TABLES[table].names)
        return staging.replace_batches(
            table, self.con.execute(f"select {columns} from ({source})").to_arrow_reader())

    def forget_corpus_articles(self) -> None:
        self._corpus = None

    def new_corpus_articles(self) -> list[CorpusArticle]:
        """The run's new articles, as the similarity steps read them."""
        return self._articles(sql("new_corpus_articles"))

    @contextmanager
    def _registered(self, name: str, table: pa.Table) -> Iterator[None]:
        """``table`` visible to the SQL as ``name`` for the length of one query."""
        self.con.register(name, table)
        try:
            yield
        finally:
            self.con.unregister(name)

    def articles_by_id(self, article_ids: Iterable[str]) -> list[CorpusArticle]:
        """The articles with these ids (stored or new), by id."""
        with self._registered("wanted_ids", _ids(article_ids)):
            return self._articles(sql("articles_by_id"))

    def band_neighbours(self, new_bands: pa.Table) -> list[str]:
        """Stored articles sharing a near-duplicate band key with the night's articles."""
        with self._registered("new_bands", new_bands):
            return [row[0] for row in self.con.execute(sql("band_neighbours")).fetchall()]

    def stored_near_duplicates(self, article_ids: Iterable[str]) -> list[NearDuplicate]:
        """The committed near-duplicate links of these articles."""
        with self._registered("wanted_ids", _ids(article_ids)):
            return [NearDuplicate(a, o, s) for a, o, s
                    in self.con.execute(sql("stored_near_duplicates")).fetchall()]

    def near_duplicates_updated(self, touched_links: pa.Table) -> pa.Table:
        """The committed near-duplicate links with the touched articles' links replaced."""
        with self._registered("touched_links", touched_links):
            return self.arrow(sql("near_duplicates_updated"))

    def reuse_pairs(self, new_fps: pa.Table, rare: int, most: int,
                    furniture: int) -> tuple[list[tuple[str, str]], pa.Table]:
        """(pairs with a new article to align, stored pairs that stop being candidates)."""
        limits = {"rare": str(rare), "most": str(most), "furniture": str(furniture)}
        with self._registered("new_fps", new_fps):
            new = [(a, b) for a, b in self.con.execute(sql("reuse_new_pairs", **limits)).fetchall()]
            dropped = self.arrow(sql("reuse_dropped_pairs", **limits))
        return new, dropped

    def text_reuse_updated(self, dropped_pairs: pa.Table, added: list[rows.Row]) -> pa.Table:
        """The stored passages without those of ``dropped_pairs``, plus the ``added`` ones."""
        with self._registered("dropped_pairs", dropped_pairs), \
                self._registered("added_passages", conform("text_reuse", added)):
            return self.arrow(sql("text_reuse_updated"))

    def story_candidates(self, night_keys: pa.Table, night_fps: pa.Table,
                         chunk: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """Pairs (smaller id first) of a night's article (of ``chunk``, by default any) and
        another that share a story key (``night_keys``: ``story_keys`` rows) or
        ``REUSE_MIN_SHARED`` reuse fingerprints (``night_fps``), within a story's span: a
        superset of the pairs that can link (``stories.linking_pairs`` decides)."""
        chunk_keys, chunk_fps = night_keys, night_fps
        if chunk is not None:
            wanted = pa.array(sorted(set(chunk)), pa.string())
            chunk_keys = night_keys.filter(pc.is_in(night_keys["article_id"], wanted))
            chunk_fps = night_fps.filter(pc.is_in(night_fps["article_id"], wanted))
        with self._registered("night_story_keys", night_keys), \
                self._registered("night_fps", night_fps), \
                self._registered("chunk_story_keys", chunk_keys), \
                self._registered("chunk_fps", chunk_fps):
            return self.con.execute(sql(
                "story_candidates", min_shared=str(REUSE_MIN_SHARED),
                window_seconds=repr(WINDOW_DAYS * 86400.0 + 1.0))).fetchall()

    def story_evidence(self, article_ids: Iterable[str]) -> dict[str, StoryEvidence]:
        """The stored signature, date and reuse fingerprints of these articles."""
        with self._registered("wanted_ids", _ids(article_ids)):
            dates = self.con.execute(sql("story_evidence_dates")).fetchall()
            terms = self.arrow(sql("story_evidence_terms"))
            prints = self.arrow(sql("story_evidence_prints"))
        term_rows = _grouped(terms, {"term": np.uint64, "weight": np.float64})
        print_rows = _grouped(prints, {"fingerprint": np.uint32})
        no_terms = (np.zeros(0, np.uint64), np.zeros(0, np.float64))
        no_prints = (np.zeros(0, np.uint32),)
        out = {}
        for article_id, published_at in dates:
            article_terms, weights = term_rows.get(article_id, no_terms)
            order = np.argsort(article_terms)
            out[article_id] = StoryEvidence(
                published_at, Signature(article_terms[order], weights[order]),
                print_rows.get(article_id, no_prints)[0])
        return out

    def story_block_members(self, article_ids: Iterable[str]) -> list[StoredStory]:
        """Every stored article of the story blocks holding these articles."""
        with self._registered("wanted_ids", _ids(article_ids)):
            return [StoredStory(block, story, StoryMember(article_id, published_at, outlet, label))
                    for article_id, block, story, published_at, outlet, label
                    in self.con.execute(sql("story_block_members")).fetchall()]

    def stored_story_pairs(self, article_ids: Iterable[str]) -> list[StoryPair]:
        """The stored story pairs of these articles (whole blocks give whole pairs)."""
        with self._registered("wanted_ids", _ids(article_ids)):
            return [StoryPair(*row) for row in
                    self.con.execute(sql("stored_story_pairs")).fetchall()]

    def story_count(self, night_links: pa.Table) -> int:
        """Stories after the night: the stored article links with ``night_links`` over them."""
        with self._registered("night_links", night_links):
            return self.con.execute(sql("story_count")).fetchone()[0]


def _grouped(table: pa.Table, columns: dict[str, type]) -> dict[str, tuple[np.ndarray, ...]]:
    """article_id -> its values of each of ``columns`` (name -> dtype; integers cast from the
    stored int64) as numpy arrays, from rows in article order."""
    if not table.num_rows:
        return {}
    ids = table.column("article_id").combine_chunks()
    starts = np.flatnonzero(np.asarray(pc.not_equal(ids[1:], ids[:-1]))) + 1
    split = []
    for column, dtype in columns.items():
        values = table.column(column).to_numpy()
        values = (values.astype(dtype) if dtype is np.float64
                  else values.astype(np.int64).astype(dtype))
        split.append(np.split(values, starts))
    return dict(zip(ids.take(np.concatenate([[0], starts])).to_pylist(), zip(*split),
                    strict=True))


def _versioned(table: pa.Table, version: int) -> pa.Table:
    """``table`` with ``resolved_in``: the version whose rows are the newest."""
    return table.append_column("resolved_in", pa.array([version] * table.num_rows, pa.int64()))


def _strings(column: str, values: Iterable[str]) -> pa.Table:
    return pa.table({column: pa.array(sorted(set(values)), pa.string())})


def _ids(article_ids: Iterable[str]) -> pa.Table:
    return _strings("article_id", article_ids)
