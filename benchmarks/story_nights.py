"""Benchmark: what a night's stories step costs as the warehouse grows.

    python -m benchmarks.story_nights --stored 10000 30000 100000 --night 100 [--dense]

For each size N, real-text articles (``benchmarks.realtext``, bodies as generated, no ingest)
are clustered by the full pass (``transforms.corpus.stories``), their story state is laid out
as the corpus session's committed tables in DuckDB, and ``flows.corpus.update_stories`` runs
its night path for the next ``--night`` articles: the CPU seconds reported are that step's,
SQL included; the night's articles are the N+1st to the N+night-th.  By default the
warehouse grows over time as the generator dates its feed (``realtext.PER_WEEK`` articles a
week, so as many articles share a week at any N); ``--dense`` squeezes every N into 8 weeks,
so a week holds N/10,000 times more articles and stories grow with N.  Timings belong here,
never in tests.
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime

import duckdb
import numpy as np
import pyarrow as pa

from benchmarks.realtext import _EPOCH, PER_WEEK, WEEKS, real_articles
from flows.corpus import update_stories
from transforms.corpus import stories
from transforms.records import CorpusArticle
from warehouse import rows
from warehouse.corpus_session import CorpusSession
from warehouse.schemas import TABLES


class _Staging:
    """Counts what the night would stage."""

    based_on = 1

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}

    def write(self, table: str, data) -> int:
        n = data.num_rows if isinstance(data, pa.Table) else len(data)
        self.rows[table] = self.rows.get(table, 0) + n
        return n

    append = replace = write


def _articles(n: int, dense: bool) -> list[CorpusArticle]:
    out = []
    for i, a in enumerate(real_articles(n, seed=1)):
        when = datetime.fromisoformat(a["published"])
        if dense:  # the feed's dates squeezed into WEEKS weeks
            when = _EPOCH + (when - _EPOCH) * min(1.0, WEEKS * PER_WEEK / n)
        out.append(CorpusArticle(f"a{i:07d}", "\n\n".join(a["paragraphs"]), a["title"],
                                 a["outlet"], when))
    return out


def _session(stored, night_articles) -> CorpusSession:
    """A corpus session over the stored articles' story state (a full pass over them)."""
    sigs = {f.article_id: stories.signature(f.terms, f.counts) for f in stored}
    prints = {f.article_id: f.fingerprints for f in stored}
    dates = {f.article_id: f.published_at for f in stored}
    pairs = stories.all_linking_pairs(sigs, prints, dates)
    clusters = stories.resolve_stories([stories.story_member(f) for f in stored], pairs)
    con = duckdb.connect()
    tables = {
        "story_terms": rows.story_term_rows(sigs),
        "story_keys": rows.article_values(
            {a: stories.story_keys(s) for a, s in sigs.items()}, "key"),
        "story_labels": pa.Table.from_pylist(rows.story_label_rows(stored),
                                             schema=TABLES["story_labels"]),
        "story_pairs": pa.Table.from_pylist(rows.story_pair_rows(pairs),
                                            schema=TABLES["story_pairs"]),
        "story_articles": rows.story_article_rows(
            clusters, stories.story_blocks(sigs, pairs), 1),
        "reuse_fingerprints": rows.article_values(prints, "fingerprint"),
    }
    for name, table in tables.items():
        con.register(f"_{name}", table)
        con.execute(f"create table committed_{name} as select * from _{name}")
    everyone = [*stored, *night_articles]
    con.register("_articles", pa.table({
        "article_id": [a.article_id for a in everyone],
        "title": [None] * len(everyone), "outlet": [a.outlet for a in everyone],
        "published_at": pa.array([a.published_at for a in everyone], pa.timestamp("us", "UTC"))}))
    con.execute("create table all_articles as select * from _articles")
    session = CorpusSession.__new__(CorpusSession)
    session.con, session.stored, session._corpus = con, set(TABLES), None
    return session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stored", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--night", type=int, default=100)
    parser.add_argument("--dense", action="store_true")
    args = parser.parse_args(argv)
    biggest = max(args.stored)
    articles = _articles(biggest + args.night, args.dense)
    t0 = time.process_time()
    facts = stories.story_facts(articles)
    print(f"facts of {len(facts)} articles: {time.process_time() - t0:.1f} CPU s", flush=True)
    by_id = {f.article_id: f for f in facts}
    print("| stored articles | full pass over them, CPU s | night of "
          f"{args.night}: stories CPU s | pairs, story links, story rows staged |")
    print("|---|---|---|---|")
    for n in sorted(args.stored):
        stored = [by_id[a.article_id] for a in articles[:n]]
        night = articles[n:n + args.night]
        t0 = time.process_time()
        session = _session(stored, night)
        full = time.process_time() - t0
        session.new_corpus_articles = lambda night=night: night
        staging = _Staging()
        t0 = time.process_time()
        update_stories(session, staging)
        cpu = time.process_time() - t0
        staged = staging.rows
        print(f"| {n:,} | {full:.2f} | {cpu:.3f} | {staged.get('story_pairs', 0)}, "
              f"{staged.get('story_articles', 0)}, {staged.get('stories', 0)} |", flush=True)
        session.con.close()
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    raise SystemExit(main())
