"""Row builders: an article's extraction, the corpus steps' results and the run summary as rows
of their tables.

Each function maps typed results onto the columns of one table in ``warehouse/schemas.py``
(the write casts them), so the flows only pass results along and never name a column.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pyarrow as pa

from transforms.corpus.entity_resolution import entity_block
from transforms.corpus.quote_matching import QuoteKey, key_id
from transforms.corpus.stories import Signature, StoryFacts, StoryPair
from transforms.read.decode import scrub_surrogates
from transforms.records import (
    Article,
    CanonicalEntity,
    Extraction,
    FigureMention,
    NearDuplicate,
    Rejected,
    ReusePassage,
    Story,
)
from warehouse.schemas import TABLES

Row = dict[str, Any]

# Entities seen only as quote speakers have no mentions: zero counts, empty role lists.
ZERO_COUNTS: Row = {"mention_count": 0, "article_count": 0, "outlet_count": 0}
PEOPLE_DEFAULTS: Row = {**ZERO_COUNTS, "roles": []}


def stable_id(*parts: object) -> str:
    """16 hex chars over the parts: the same passage found again gets the same id."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def entity_map(resolved: Mapping[tuple[str, str], CanonicalEntity]) -> pa.Table:
    """(type, name) -> entity id, canonical name and aliases: the join table for mentions."""
    return pa.table({
        "type": [key[0] for key in resolved],
        "name": [key[1] for key in resolved],
        "entity_id": [entity.entity_id for entity in resolved.values()],
        "canonical": [entity.name for entity in resolved.values()],
        "aliases": [list(entity.aliases) for entity in resolved.values()],
    })


def entity_link_rows(counts: Mapping[tuple[str, str], int],
                     resolved: Mapping[tuple[str, str], CanonicalEntity], version: int) -> pa.Table:
    """One ``entity_links`` row per (type, name) of ``counts``: its mentions and its entity."""
    keys = sorted(counts)
    return pa.table({
        "type": [k[0] for k in keys],
        "name": [k[1] for k in keys],
        "mentions": [counts[k] for k in keys],
        "block": [entity_block(*k) for k in keys],
        "entity_id": [resolved[k].entity_id for k in keys],
        "canonical": [resolved[k].name for k in keys],
        "aliases": [list(resolved[k].aliases) for k in keys],
        "resolved_in": [version] * len(keys),
    }, schema=TABLES["entity_links"])


def quote_link_rows(items: Iterable[QuoteKey], blocks: Mapping[str, str],
                    canonical: Mapping[str, str], diffs: Mapping[str, str], version: int) -> pa.Table:
    """One ``quote_links`` row per quote: its key, block, canonical quote and wording diff."""
    items = sorted(items, key=lambda q: q.quote_id)
    return pa.table({
        "quote_id": [q.quote_id for q in items],
        "key": [q.key for q in items],
        "key_id": [key_id(q.key) for q in items],
        "surname": [q.surname for q in items],
        "block": [blocks[q.key] for q in items],
        "canonical_quote_id": [canonical[q.quote_id] for q in items],
        "wording_diff": [diffs.get(q.quote_id) for q in items],
        "resolved_in": [version] * len(items),
    }, schema=TABLES["quote_links"])


def quote_band_rows(keys: Sequence[str], bands: np.ndarray) -> pa.Table:
    """One ``quote_bands`` row per key and band (``bands``: one row of band keys per key)."""
    ids = np.array([key_id(k) for k in keys], dtype=np.int64)
    return pa.table({"key_id": np.repeat(ids, bands.shape[1] if bands.ndim == 2 else 0),
                     "band_key": bands.reshape(-1)}, schema=TABLES["quote_bands"])


def quote_pair_rows(pairs: Iterable[tuple[str, str]]) -> pa.Table:
    pairs = sorted(pairs)
    return pa.table({
        "key_a": [a for a, _ in pairs], "key_b": [b for _, b in pairs]},
                    schema=TABLES["quote_pairs"])


def fill_nulls(table: pa.Table, defaults: Row) -> pa.Table:
    """``table`` with the nulls of each column in ``defaults`` replaced by its default."""
    for name, default in defaults.items():
        if name not in table.column_names:
            continue
        i = table.column_names.index(name)
        column = table.column(name)
        values = [default if v is None else v for v in column.to_pylist()]
        table = table.set_column(i, name, pa.array(values, column.type))
    return table


def near_duplicate_rows(pairs: Iterable[NearDuplicate]) -> list[Row]:
    return [
        {"article_id": d.article_id, "original_id": d.original_id, "similarity": d.similarity}
        for d in pairs
    ]


def article_values(values: Mapping[str, np.ndarray], column: str) -> pa.Table:
    """Matching-state rows (``near_duplicate_bands``, ``reuse_fingerprints``): one per article
    and value, the values as int64 under ``column``."""
    ids = sorted(values)
    return pa.table({
        "article_id": pa.array([a for a in ids for _ in range(len(values[a]))], pa.string()),
        column: pa.array(np.concatenate(
            [values[a].astype(np.int64) for a in ids] or [np.zeros(0, np.int64)]), pa.int64()),
    })


def story_term_rows(sigs: Mapping[str, Signature]) -> pa.Table:
    """``story_terms`` rows: one per article and signature term (hashes stored as int64)."""
    ids = sorted(sigs)
    return pa.table({
        "article_id": pa.array([a for a in ids for _ in range(len(sigs[a].terms))], pa.string()),
        "term": pa.array(np.concatenate([sigs[a].terms for a in ids] or [np.zeros(0, np.uint64)])
                         .astype(np.uint64).view(np.int64), pa.int64()),
        "weight": pa.array(np.concatenate([sigs[a].weights for a in ids] or [np.zeros(0)])
                           .astype(np.float64), pa.float64()),
    })


def story_pair_rows(pairs: Iterable[StoryPair]) -> list[Row]:
    return [p._asdict() for p in pairs]


def story_label_rows(facts: Sequence[StoryFacts]) -> list[Row]:
    return [{"article_id": f.article_id, "label": f.label} for f in facts]


def touched_links(links: Mapping[str, NearDuplicate | None]) -> pa.Table:
    """The night's links of every touched article (``original_id`` null: it links to none)."""
    ids = sorted(links)
    return pa.table({
        "article_id": pa.array(ids, pa.string()),
        "original_id": pa.array([d and d.original_id for d in map(links.get, ids)], pa.string()),
        "similarity": pa.array([d and d.similarity for d in map(links.get, ids)], pa.float64()),
    })


def story_rows(stories: Iterable[Story], version: int | None = None) -> list[Row]:
    return [
        {"story_id": s.story_id, "label": s.label, "first_seen": s.first_seen,
         "last_seen": s.last_seen, "outlets": list(s.outlets), "article_count": len(s.article_ids),
         "resolved_in": version}
        for s in stories
    ]


def story_article_rows(stories: Iterable[Story], blocks: Mapping[str, str],
                       version: int | None = None, only: Iterable[str] | None = None) -> pa.Table:
    """``story_articles`` rows (of the ``only`` articles, when given), by article id."""
    wanted = None if only is None else set(only)
    found = sorted((a, s.story_id) for s in stories for a in s.article_ids
                   if wanted is None or a in wanted)
    return pa.Table.from_pylist(
        [{"story_id": story, "article_id": a, "block": blocks[a], "resolved_in": version}
         for a, story in found], schema=TABLES["story_articles"])


def text_reuse_rows(passages: Iterable[ReusePassage]) -> list[Row]:
    return [
        {"reuse_id": stable_id(r.article_a, r.a_start, r.article_b, r.b_start),
         "article_a": r.article_a, "a_start": r.a_start, "a_end": r.a_end,
         "article_b": r.article_b, "b_start": r.b_start, "b_end": r.b_end, "words": r.words,
         "similarity": r.similarity, "earlier": r.earlier}
        for r in passages
    ]


def run_row(summary: Mapping[str, Any], started_at: datetime) -> Row:
    """One ``runs`` row from a run summary (as a dict): every summary field that is a column of
    the table, the dumps path, the times, and the per-stage figures as one JSON column."""
    row: Row = {name: summary[name] for name in TABLES["runs"].names if name in summary}
    row.update(
        started_at=started_at,
        finished_at=datetime.now(UTC),
        dumps_path=summary["dumps"],
        stage_seconds=json.dumps({"seconds": summary["stage_seconds"],
                                  "peak_mb": summary["stage_peak_mb"]}),
    )
    return row


# --------------------------------------------------------------------- one article's rows


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _span_id(article_id: str, kind: str, start: int, end: int) -> str:
    return f"{article_id}-{kind}{start}-{end}"


# every FigureMention field is a column of ``figures``; read once (``asdict`` deep-copies, and
# was 6% of the ingest)
_FIGURE_FIELDS = tuple(f.name for f in fields(FigureMention))


def article_rows(article: Article, extraction: Extraction, citations: Iterable[Any],
                 dump_sha256: str, run_id: str) -> dict[str, list[Row]]:
    """Rows for every table that one cleaned article contributes to."""
    aid = article.article_id
    return {
        "articles": [{
            "article_id": aid, "title": article.title, "body": article.body,
            "outlet": article.outlet, "author": article.author,
            "published_at": _utc(article.published_at), "url": article.url,
            "language": article.language, "word_count": article.word_count,
            "updated_note": article.updated_note, "source_path": article.source_path,
            "record_no": article.record_no, "dump_sha256": dump_sha256, "run_id": run_id,
        }],
        "mentions": [
            {"mention_id": _span_id(aid, "m", m.start, m.end), "article_id": aid,
             "entity_id": None, "type": m.type, "surface": m.text, "name": m.name,
             "start": m.start, "end": m.end, "role": m.role, "affiliation": m.affiliation,
             "org_kind": m.org_kind}
            for m in (*extraction.people, *extraction.organisations)
        ],
        "quotes": [
            {"quote_id": _span_id(aid, "q", q.start, q.end), "article_id": aid, "text": q.text,
             "start": q.start, "end": q.end, "speaker": q.speaker,
             "speaker_type": q.speaker_type, "speaker_entity_id": None, "cue": q.cue,
             "partial": q.partial, "indirect": q.indirect,
             "canonical_quote_id": _span_id(aid, "q", q.start, q.end),
             "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
             "segments": [{"start": s, "end": e} for s, e in q.pieces()]}
            for q in extraction.quotes
        ],
        "figures": [
            {"figure_id": _span_id(aid, "f", f.start, f.end), "article_id": aid,
             **{name: getattr(f, name) for name in _FIGURE_FIELDS}}
            for f in extraction.figures
        ],
        "citations": [
            {"citation_id": _span_id(aid, "c", c.start, c.end), "article_id": aid,
             "cited_outlet": c.cited_outlet, "url": c.url, "cue": c.cue, "text": c.text,
             "start": c.start, "end": c.end}
            for c in citations
        ],
    }


def source_row(article: Article, dump_sha256: str, run_id: str) -> Row:
    """Where an article was seen (a duplicate adds a source, not an article)."""
    return {
        "article_id": article.article_id, "dump_sha256": dump_sha256,
        "source_path": article.source_path, "record_no": article.record_no,
        "title": article.title, "outlet": article.outlet, "url": article.url,
        "published_at": _utc(article.published_at), "run_id": run_id,
    }


def quarantine_row(rejected: Rejected, dump_sha256: str | None, run_id: str) -> Row:
    """A refused (or repaired) record with its stage, reason and a sample, text made safe."""
    return {
        "run_id": run_id, "dump_sha256": dump_sha256,
        "path": scrub_surrogates(rejected.source_path)[0], "record_no": rejected.record_no,
        "stage": str(rejected.stage), "reason": str(rejected.reason),
        "detail": scrub_surrogates(rejected.detail[:2000])[0],
        "sample": scrub_surrogates(rejected.sample[:200])[0], "quarantined_at": datetime.now(UTC),
    }
