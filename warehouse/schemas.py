"""The one place where every table's schema lives.

Every write is cast to these schemas (``warehouse.store``): a missing column becomes null, an
unexpected column fails loudly.  Offsets (``start``/``end``) are character offsets into
``articles.body``.
"""

from __future__ import annotations

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")
STR = pa.string()
I32 = pa.int32()
I64 = pa.int64()
F64 = pa.float64()
BOOL = pa.bool_()
STRS = pa.list_(pa.string())
SPANS = pa.list_(pa.struct([("start", I32), ("end", I32)]))  # offsets into articles.body


def _schema(*fields: tuple[str, pa.DataType, bool]) -> pa.Schema:
    return pa.schema([pa.field(name, typ, nullable=nullable) for name, typ, nullable in fields])


# Fact tables: appended once per run, never rewritten.
ARTICLES = _schema(
    ("article_id", STR, False),
    ("title", STR, True),
    ("body", STR, False),
    ("outlet", STR, True),
    ("author", STR, True),
    ("published_at", TS, True),
    ("url", STR, True),
    ("language", STR, True),
    ("word_count", I32, False),
    ("updated_note", STR, True),
    ("source_path", STR, False),
    ("record_no", I32, False),
    ("dump_sha256", STR, False),
    ("run_id", STR, False),
)

ARTICLE_SOURCES = _schema(  # every place an article was seen (duplicates are stored once)
    ("article_id", STR, False),
    ("dump_sha256", STR, False),
    ("source_path", STR, False),
    ("record_no", I32, False),
    ("title", STR, True),
    ("outlet", STR, True),
    ("url", STR, True),
    ("published_at", TS, True),
    ("run_id", STR, False),
)

DUMP_FILES = _schema(
    ("sha256", STR, False),
    ("path", STR, False),
    ("size_bytes", I64, False),
    ("format", STR, True),
    ("records", I64, False),
    ("articles", I64, False),
    ("quarantined", I64, False),
    ("run_id", STR, False),
    ("ingested_at", TS, False),
)

QUARANTINE = _schema(
    ("run_id", STR, False),
    ("dump_sha256", STR, True),
    ("path", STR, False),
    ("record_no", I32, True),
    ("stage", STR, False),
    ("reason", STR, False),
    ("detail", STR, True),
    ("sample", STR, True),
    ("quarantined_at", TS, False),
)

RUNS = _schema(
    ("run_id", STR, False),
    ("started_at", TS, False),
    ("finished_at", TS, False),
    ("status", STR, False),
    ("dumps_path", STR, False),
    ("files_seen", I64, False),
    ("files_new", I64, False),
    ("records", I64, False),
    ("articles_new", I64, False),
    ("duplicates", I64, False),
    ("quarantined", I64, False),
    ("mentions", I64, False),
    ("quotes", I64, False),
    ("figures", I64, False),
    ("seconds", F64, False),
    ("peak_rss_mb", F64, True),
    ("stage_seconds", STR, True),  # JSON: {"seconds": {stage: s}, "peak_mb": {stage: MB}}
    ("error", STR, True),  # why a failed run failed
)

FIGURES = _schema(
    ("figure_id", STR, False),
    ("article_id", STR, False),
    ("text", STR, False),
    ("start", I32, False),
    ("end", I32, False),
    ("value", F64, True),
    ("low", F64, True),
    ("high", F64, True),
    ("unit", STR, True),
    ("qualifier", STR, True),
    ("kind", STR, False),
    ("subject", STR, True),
    ("attributed_to", STR, True),
    ("sentence", STR, True),
    ("per", STR, True),
    ("population", STR, True),
    ("pollster", STR, True),
    ("measure_key", STR, True),
    ("time_ref", STR, True),
    ("field_dates", STR, True),
    ("margin_of_error", F64, True),
)

CITATIONS = _schema(
    ("citation_id", STR, False),
    ("article_id", STR, False),
    ("cited_outlet", STR, True),
    ("url", STR, True),
    ("cue", STR, True),
    ("text", STR, False),
    ("start", I32, False),
    ("end", I32, False),
)

# Facts found in an article: appended with it, never rewritten.  Their resolved columns
# (entity ids, canonical quote ids, wording diffs) are read through ``entity_links`` and
# ``quote_links`` by the base views, so resolving them again rewrites no fact.
MENTIONS = _schema(
    ("mention_id", STR, False),
    ("article_id", STR, False),
    ("entity_id", STR, True),
    ("type", STR, False),
    ("surface", STR, False),
    ("name", STR, False),
    ("start", I32, False),
    ("end", I32, False),
    ("role", STR, True),
    ("affiliation", STR, True),
    ("org_kind", STR, True),
)

# Entities: a night appends the rows of the entities it touches (newest row per entity wins, as
# for links); the base views show only entities that some name still resolves to.
PEOPLE = _schema(
    ("entity_id", STR, False),
    ("name", STR, False),
    ("aliases", STRS, False),
    ("roles", STRS, False),
    ("first_seen", TS, True),
    ("mention_count", I64, False),
    ("article_count", I64, False),
    ("outlet_count", I64, False),
    ("resolved_in", I64, True),
)

ORGANISATIONS = _schema(
    ("entity_id", STR, False),
    ("name", STR, False),
    ("aliases", STRS, False),
    ("kind", STR, True),
    ("first_seen", TS, True),
    ("mention_count", I64, False),
    ("article_count", I64, False),
    ("outlet_count", I64, False),
    ("resolved_in", I64, True),
)

QUOTES = _schema(
    ("quote_id", STR, False),
    ("article_id", STR, False),
    ("text", STR, False),
    ("start", I32, False),
    ("end", I32, False),
    ("speaker", STR, True),
    ("speaker_type", STR, False),
    ("speaker_entity_id", STR, True),
    ("cue", STR, True),
    ("partial", BOOL, False),
    ("indirect", BOOL, False),
    ("canonical_quote_id", STR, False),
    ("speaker_start", I32, True),
    ("speaker_end", I32, True),
    ("wording_diff", STR, True),  # word diff from the earliest wording of the same quote
    ("segments", SPANS, True),  # each quoted piece (split by its attribution, over paragraphs)
)

# Stories: a night appends the rows of the stories in the blocks it re-clusters, and the links of
# the articles whose story moved (newest row per key wins, as for people); the base view shows
# only stories that some article still belongs to.
STORIES = _schema(
    ("story_id", STR, False),
    ("label", STR, False),
    ("first_seen", TS, True),
    ("last_seen", TS, True),
    ("outlets", STRS, False),
    ("article_count", I64, False),
    ("resolved_in", I64, True),
)

STORY_ARTICLES = _schema(
    ("story_id", STR, False),
    ("article_id", STR, False),
    ("block", STR, True),  # articles joined by story pairs: what a night re-clusters together
    ("resolved_in", I64, True),
)

NEAR_DUPLICATES = _schema(
    ("article_id", STR, False),
    ("original_id", STR, False),
    ("similarity", F64, False),
)

# Matching state: what the corpus steps match a night's new articles against (appended each
# night, replaced by ``newsledger rebuild``).
NEAR_DUPLICATE_BANDS = _schema(  # one row per article and MinHash LSH band
    ("article_id", STR, False),
    ("band_key", I64, False),
)

STORY_TERMS = _schema(  # one row per article and term of its story signature
    ("article_id", STR, False),
    ("term", I64, False),
    ("weight", F64, False),  # tf times the shipped idf, unit norm per article
)

STORY_KEYS = _schema(  # one row per article and pair of its heaviest signature terms (hashed)
    ("article_id", STR, False),
    ("key", I64, False),
)

STORY_PAIRS = _schema(  # pairs of articles close enough to share a story (article_a < article_b)
    ("article_a", STR, False),
    ("article_b", STR, False),
    ("score", F64, False),  # cosine of their signatures: links are applied strongest first
)

STORY_LABELS = _schema(  # one row per article: the label a story takes from it
    ("article_id", STR, False),
    ("label", STR, False),
)

REUSE_FINGERPRINTS = _schema(  # one row per article and winnowed 8-word shingle hash
    ("article_id", STR, False),
    ("fingerprint", I64, False),
)

# Resolution links: one row per quote / per (type, name), appended when a night changes it; the
# newest row wins (``resolved_in`` is the manifest version that wrote it, see ``LATEST_BY``).
QUOTE_LINKS = _schema(
    ("quote_id", STR, False),
    ("key", STR, False),  # the normalised text quotes are matched on
    ("key_id", I64, False),  # 64-bit hash of ``key``, what ``quote_bands`` stores
    ("surname", STR, True),  # the named speaker's, which keeps two people's words apart
    ("block", STR, False),  # keys joined by verified pairs: what a night re-resolves together
    ("canonical_quote_id", STR, False),
    ("wording_diff", STR, True),
    ("resolved_in", I64, False),
)

QUOTE_BANDS = _schema(  # one row per distinct quote key and MinHash LSH band
    ("key_id", I64, False),
    ("band_key", I64, False),
)

QUOTE_PAIRS = _schema(  # verified pairs of quote keys (one quote, light edit or truncation)
    ("key_a", STR, False),
    ("key_b", STR, False),
)

ENTITY_LINKS = _schema(
    ("type", STR, False),
    ("name", STR, False),
    ("mentions", I64, False),  # mentions of this exact name (quote speakers count none)
    ("block", STR, False),  # names that can resolve together (a surname's start, an org key)
    ("entity_id", STR, False),
    ("canonical", STR, False),
    ("aliases", STRS, False),
    ("resolved_in", I64, False),
)

TEXT_REUSE = _schema(
    ("reuse_id", STR, False),
    ("article_a", STR, False),
    ("a_start", I32, False),
    ("a_end", I32, False),
    ("article_b", STR, False),
    ("b_start", I32, False),
    ("b_end", I32, False),
    ("words", I32, False),
    ("similarity", F64, False),
    ("earlier", STR, True),
)

APPENDED = {
    "articles": ARTICLES,
    "article_sources": ARTICLE_SOURCES,
    "dump_files": DUMP_FILES,
    "quarantine": QUARANTINE,
    "runs": RUNS,
    "figures": FIGURES,
    "citations": CITATIONS,
    "mentions": MENTIONS,
    "quotes": QUOTES,
}
REBUILT = {
    "people": PEOPLE,
    "organisations": ORGANISATIONS,
    "stories": STORIES,
    "story_articles": STORY_ARTICLES,
    "near_duplicates": NEAR_DUPLICATES,
    "text_reuse": TEXT_REUSE,
    "near_duplicate_bands": NEAR_DUPLICATE_BANDS,
    "reuse_fingerprints": REUSE_FINGERPRINTS,
    "story_terms": STORY_TERMS,
    "story_labels": STORY_LABELS,
    "story_keys": STORY_KEYS,
    "story_pairs": STORY_PAIRS,
    "quote_links": QUOTE_LINKS,
    "quote_bands": QUOTE_BANDS,
    "quote_pairs": QUOTE_PAIRS,
    "entity_links": ENTITY_LINKS,
}
TABLES: dict[str, pa.Schema] = {**APPENDED, **REBUILT}
# Tables whose newest row per key is the current one (older rows are history a rebuild drops).
LATEST_BY: dict[str, tuple[str, ...]] = {"quote_links": ("quote_id",),
                                         "entity_links": ("type", "name"),
                                         "people": ("entity_id",),
                                         "stories": ("story_id",),
                                         "story_articles": ("article_id",),
                                         "organisations": ("entity_id",)}
