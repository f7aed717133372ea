"""Whole-corpus steps: settle what a run adds, then recompute what depends on the whole corpus.

Appended tables get only what is new (an article already stored is not stored again; its new
source is).  Resolved tables — canonical entities, canonical quotes, stories, near-duplicates
and text reuse — are recomputed from all stored facts every run and staged as replacements,
so they are always consistent with the corpus and a rerun produces the same ids.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from transforms.corpus.entity_resolution import resolve_entities
from transforms.corpus.near_duplicates import find_near_duplicates
from transforms.corpus.quote_matching import match_quotes, quote_diff
from transforms.records import CorpusArticle, EntityName
from transforms.corpus.stories import find_stories
from transforms.corpus.text_reuse import find_text_reuse
from warehouse.duck import parquet_source
from warehouse.store import Staging, Warehouse

LOGGER = logging.getLogger(__name__)

APPEND_AS_IS = ("article_sources", "dump_files", "quarantine")
PER_ARTICLE = {"figures": "figure_id", "citations": "citation_id"}


@dataclass
class ConsolidateResult:
    """Counts for the run summary: new articles and figures, and corpus-wide totals."""

    articles_new: int = 0
    mentions: int = 0
    quotes: int = 0
    figures: int = 0


class CorpusSession:
    """A DuckDB session with ``committed_<table>`` and ``staged_<table>`` views for one run."""

    def __init__(self, warehouse: Warehouse, staged_parts: dict[str, list[str]]):
        self.con = duckdb.connect()
        self.con.execute("set preserve_insertion_order = false")
        for table in ("articles", "mentions", "quotes", "figures", "citations"):
            committed = parquet_source(warehouse.table_paths(table))
            self.con.execute(f"create view committed_{table} as select * from {committed}")
            staged = parquet_source(staged_parts.get(table) or [warehouse.empty_file(table)])
            self.con.execute(f"create view staged_{table} as select * from {staged}")

    def arrow(self, sql: str) -> pa.Table:
        return self.con.execute(sql).to_arrow_table()

    def close(self) -> None:
        self.con.close()


def settle_new_rows(session: CorpusSession, staging: Staging,
                    staged_parts: dict[str, list[str]]) -> ConsolidateResult:
    """Stage the truly new rows of every appended table; define ``all_*`` views for the rest."""
    con = session.con
    result = ConsolidateResult()
    con.execute("""
        create temp table new_articles as
        select * from staged_articles
        where article_id not in (select article_id from committed_articles)
        qualify row_number() over (partition by article_id order by source_path, record_no) = 1
    """)
    result.articles_new = con.execute("select count(*) from new_articles").fetchone()[0]
    if result.articles_new:
        staging.write("articles", session.arrow("select * from new_articles"))
    for table in APPEND_AS_IS:
        for part in staged_parts.get(table, []):
            staging.add(table, Path(part))
    for table, key in PER_ARTICLE.items():
        rows = session.arrow(f"""
            select * from staged_{table}
            where article_id in (select article_id from new_articles)
            qualify row_number() over (partition by {key} order by {key}) = 1
        """)
        if rows.num_rows:
            staging.write(table, rows)
        if table == "figures":
            result.figures = rows.num_rows
    for table, key in (("mentions", "mention_id"), ("quotes", "quote_id")):
        con.execute(f"""
            create temp table all_{table} as
            select * from committed_{table}
            union all by name
            select * from staged_{table}
            where article_id in (select article_id from new_articles)
            qualify row_number() over (partition by {key} order by {key}) = 1
        """)
    con.execute("""
        create temp table all_articles as
        select article_id, title, body, outlet, published_at from committed_articles
        union all by name
        select article_id, title, body, outlet, published_at from new_articles
    """)
    return result


def resolve_corpus_entities(session: CorpusSession, staging: Staging) -> int:
    """Canonical people and organisations for every mention and quote speaker in the corpus."""
    con = session.con
    counts = con.execute(
        "select type, name, count(*) from all_mentions group by all "
        "union all "
        "select speaker_type, speaker, 0 from all_quotes "
        "where speaker_type in ('person', 'organisation') and speaker is not null group by all"
    ).fetchall()
    merged: dict[tuple[str, str], int] = {}
    for entity_type, name, n in counts:
        merged[(entity_type, name)] = merged.get((entity_type, name), 0) + n
    resolved = resolve_entities(EntityName(t, n, max(c, 1)) for (t, n), c in sorted(merged.items()))
    mapping = pa.table({
        "type": [k[0] for k in resolved],
        "name": [k[1] for k in resolved],
        "entity_id": [v.entity_id for v in resolved.values()],
        "canonical": [v.name for v in resolved.values()],
        "aliases": [list(v.aliases) for v in resolved.values()],
    })
    con.register("entity_map", mapping)
    con.execute("""
        create temp table resolved_mentions as
        select m.* replace (e.entity_id as entity_id)
        from all_mentions m left join entity_map e using (type, name)
    """)
    staging.replace("mentions", session.arrow("select * from resolved_mentions"))
    con.execute("""
        create temp table entity_facts as
        select m.*, a.outlet, a.published_at
        from resolved_mentions m join all_articles a using (article_id)
    """)
    # Lists are sorted and ties broken explicitly: a rerun must give identical rows.
    people = session.arrow(_ENTITY_SQL.format(
        type="person",
        extra="list_sort(coalesce(list(distinct role) filter (role is not null), [])) as roles",
        extra_join=""))
    staging.replace("people", _fill_nulls(people, {**_ZERO_COUNTS, "roles": []}))
    organisations = session.arrow(_ENTITY_SQL.format(
        type="organisation", extra="any_value(k.kind) as kind",
        extra_join="""left join (
            select entity_id, org_kind as kind from entity_facts
            where type = 'organisation' and org_kind is not null
            group by entity_id, org_kind
            qualify row_number() over (partition by entity_id order by count(*) desc, org_kind) = 1
        ) k using (entity_id)"""))
    staging.replace("organisations", _fill_nulls(organisations, _ZERO_COUNTS))
    return len(resolved)


_ZERO_COUNTS = {"mention_count": 0, "article_count": 0, "outlet_count": 0}

# One row per canonical entity of a type: names from resolution, counts from the mentions
# (an entity seen only as a quote speaker has no mentions, hence the left join).
_ENTITY_SQL = r"""
    with spellings as (
        -- every spelling: the resolved names and the surface forms in the text
        select entity_id, nfc_normalize(trim(regexp_replace(alias, '[\s\x{{00A0}}]+', ' ', 'g'))) as alias
        from (select entity_id, unnest(aliases) as alias from entity_map where type = '{type}')
        union
        select entity_id, nfc_normalize(trim(regexp_replace(surface, '[\s\x{{00A0}}]+', ' ', 'g')))
        from entity_facts where type = '{type}'
    ),
    entities as (
        select m.entity_id, any_value(m.canonical) as name,
               (select list_sort(list(distinct alias)) from spellings s
                where s.entity_id = m.entity_id) as aliases
        from entity_map m where m.type = '{type}' group by m.entity_id
    ),
    counted as (
        select entity_id, {extra}, min(published_at) as first_seen,
               count(*) as mention_count, count(distinct article_id) as article_count,
               count(distinct outlet) as outlet_count
        from entity_facts f {extra_join}
        where f.type = '{type}'
        group by entity_id
    )
    select e.entity_id, e.name, e.aliases, c.* exclude (entity_id)
    from entities e left join counted c using (entity_id)
"""


def _fill_nulls(table: pa.Table, defaults: dict[str, object]) -> pa.Table:
    """Entities seen only as quote speakers have no mentions: zero counts, empty role lists."""
    for name, default in defaults.items():
        if name not in table.column_names:
            continue
        i = table.column_names.index(name)
        column = table.column(name)
        values = [default if v is None else v for v in column.to_pylist()]
        table = table.set_column(i, name, pa.array(values, column.type))
    return table


def resolve_corpus_quotes(session: CorpusSession, staging: Staging) -> int:
    """Canonical quote ids across the corpus, each speaker's entity id, and wording diffs."""
    con = session.con
    rows = con.execute("""
        select q.quote_id, q.text, q.speaker, a.published_at
        from all_quotes q left join all_articles a using (article_id)
        order by q.quote_id
    """).fetchall()
    canonical = match_quotes([(q, t, s) for q, t, s, _ in rows])
    diffs = wording_diffs(rows, canonical)
    con.register("quote_map", pa.table({
        "quote_id": list(canonical.keys()),
        "canonical": list(canonical.values()),
        "wording_diff": [diffs.get(q) for q in canonical],
    }))
    quotes = session.arrow("""
        select q.* replace (
            coalesce(m.canonical, q.quote_id) as canonical_quote_id,
            e.entity_id as speaker_entity_id,
            m.wording_diff as wording_diff)
        from all_quotes q
        left join quote_map m using (quote_id)
        left join entity_map e on e.type = q.speaker_type and e.name = q.speaker
    """)
    staging.replace("quotes", quotes)
    return quotes.num_rows


def wording_diffs(rows: list[tuple], canonical: dict[str, str]) -> dict[str, str]:
    """For each quote worded differently from its canonical group's earliest wording, the diff."""
    groups: dict[str, list[tuple]] = {}
    for quote_id, text, _speaker, published in rows:
        groups.setdefault(canonical.get(quote_id, quote_id), []).append(
            (published is None, published or 0, quote_id, text))
    diffs = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        first_text = min(members)[3]
        for *_, quote_id, text in members:
            if text != first_text:
                diffs[quote_id] = quote_diff(first_text, text)
    return diffs


def _stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def rebuild_similarity(session: CorpusSession, staging: Staging) -> dict[str, int]:
    """Near-duplicates, stories and text reuse over the whole corpus."""
    articles = [
        CorpusArticle(article_id=a, body=b, title=t, outlet=o, published_at=p)
        for a, t, b, o, p in session.con.execute(
            "select article_id, title, body, outlet, published_at from all_articles "
            "order by article_id"
        ).fetchall()
    ]
    near = find_near_duplicates(articles)
    staging.replace("near_duplicates", [
        {"article_id": d.article_id, "original_id": d.original_id, "similarity": d.similarity}
        for d in near
    ])
    stories = find_stories(articles)
    staging.replace("stories", [
        {"story_id": s.story_id, "label": s.label, "first_seen": s.first_seen,
         "last_seen": s.last_seen, "outlets": list(s.outlets), "article_count": len(s.article_ids)}
        for s in stories
    ])
    staging.replace("story_articles", [
        {"story_id": s.story_id, "article_id": a} for s in stories for a in s.article_ids
    ])
    reuse = find_text_reuse(articles)
    staging.replace("text_reuse", [
        {"reuse_id": _stable_id(r.article_a, r.a_start, r.article_b, r.b_start),
         "article_a": r.article_a, "a_start": r.a_start, "a_end": r.a_end,
         "article_b": r.article_b, "b_start": r.b_start, "b_end": r.b_end, "words": r.words,
         "similarity": r.similarity, "earlier": r.earlier}
        for r in reuse
    ])
    return {"near_duplicates": len(near), "stories": len(stories), "text_reuse": len(reuse)}
