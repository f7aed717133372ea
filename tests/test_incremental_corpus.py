"""An incremental night equals a recompute: batches A then B give what A+B at once gives.

Compared through the base views analysts read (``tests.flow_helpers.snapshot``): every table,
stories and their members included.

The article pool comes from generated dumps (``benchmarks.synthetic``: reprints, light edits,
paraphrases, quotes with speakers) read by the real ingest once; each night stages a subset of
its rows and runs the real corpus steps (``settle_and_resolve``) and commit, without Prefect's
engine.  ``newsledger rebuild`` must land on the same tables too.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import write_synthetic_dumps
from flows import ingest
from flows.metrics import StageClock
from flows.nightly import settle_and_resolve
from flows.rebuild import rebuild
from flows.settings import Settings
from tests.flow_helpers import snapshot
from transforms.corpus import text_reuse
from transforms.corpus.near_duplicates import find_near_duplicates, link_near_duplicates
from transforms.corpus.stories import find_stories
from transforms.records import CorpusArticle
from warehouse import Warehouse
from warehouse.duck import create_views
from warehouse.store import write_parquet

POOL_ARTICLES = 70
PER_ARTICLE = ("articles", "article_sources", "mentions", "quotes", "figures", "citations")


@pytest.fixture(scope="module")
def pool(tmp_path_factory) -> dict[str, pa.Table]:
    """Every per-article table of a generated corpus, read once by the real ingest."""
    root = tmp_path_factory.mktemp("pool")
    write_synthetic_dumps(root / "dumps", POOL_ARTICLES, seed=21)
    found = ingest.discover(root / "dumps", set())
    batch = ingest.ingest_files(found.files, root / "staged", "pool")
    tables = {t: pa.concat_tables([pq.read_table(p) for p in batch.parts[t]])
              for t in PER_ARTICLE if batch.parts.get(t)}
    tables["articles"] = pa.concat_tables([tables["articles"], _light_edits(tables["articles"])])
    return tables


def _light_edits(articles: pa.Table, every: int = 4) -> pa.Table:
    """Two copies of some articles, one with a credit line added and one without its last
    sentence, dated a little before and after, so that a later night may bring a copy more
    original than a stored article's original."""
    edits = []
    for n, row in enumerate(articles.to_pylist()[::every]):
        body = row["body"]
        for k, edited in enumerate((body + " Reporting by the night desk.",
                                    body.rsplit(". ", 1)[0] + ".")):
            when = row["published_at"] and row["published_at"] + timedelta(hours=(n + k) % 3 - 1)
            edits.append({**row, "body": edited, "published_at": when,
                          "article_id": hashlib.sha256(edited.encode()).hexdigest()[:16]})
    return pa.Table.from_pylist(edits, schema=articles.schema)


def _night(root: Path, pool: dict[str, pa.Table], ids: list[str], run_id: str) -> dict[str, int]:
    """Stage the pool's rows of ``ids`` as one night's ingest, run the corpus steps, commit;
    returns the corpus steps' sizes for the run summary."""
    root.mkdir(exist_ok=True)
    wh = Warehouse(root)
    staging = wh.begin(run_id)
    parts: dict[str, list[str]] = {}
    for table, data in pool.items():
        rows = data.filter(pc.is_in(data["article_id"], pa.array(ids, pa.string())))
        path = staging.path / "ingest" / table / f"{run_id}.parquet"
        write_parquet(table, rows, path)
        parts[table] = [str(path)]
    _, sizes = settle_and_resolve.fn(str(root), staging, parts, StageClock())
    wh.commit(staging)
    return sizes


def _article_ids(pool: dict[str, pa.Table]) -> list[str]:
    return sorted(set(pool["articles"].column("article_id").to_pylist()))


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_then_b_equals_a_and_b_at_once(pool, tmp_path_factory, data):
    ids = _article_ids(pool)
    in_b = data.draw(st.lists(st.booleans(), min_size=len(ids), max_size=len(ids)), label="in_b")
    batch_a = [i for i, b in zip(ids, in_b) if not b]
    batch_b = [i for i, b in zip(ids, in_b) if b]
    step = tmp_path_factory.mktemp("nights")
    _night(step / "incremental", pool, batch_a, "r1")
    _night(step / "incremental", pool, batch_b, "r2")
    _night(step / "at_once", pool, ids, "r1")
    incremental = snapshot(step / "incremental")
    assert incremental == snapshot(step / "at_once")
    rebuild(Settings(warehouse=str(step / "incremental")))
    assert snapshot(step / "incremental") == incremental


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_night_that_makes_a_fingerprint_common_retires_its_pairs(pool, tmp_path_factory,
                                                                    monkeypatch, data):
    """With tiny sharing limits, fingerprints cross them between nights: stored pairs must lose
    their passages exactly when a full pass would no longer pair them."""
    monkeypatch.setattr(text_reuse, "RARE_SHARING", 2)
    monkeypatch.setattr(text_reuse, "MAX_SHARING", 4)
    test_a_then_b_equals_a_and_b_at_once.hypothesis.inner_test(pool, tmp_path_factory, data)


def test_the_pool_has_near_duplicates_to_find(pool):
    """The property above is only worth something if there are links to get wrong."""
    assert len(find_near_duplicates(_pool_articles(pool))) >= 3


def _pool_articles(pool: dict[str, pa.Table]) -> list[CorpusArticle]:
    rows = pool["articles"].select(["article_id", "body", "title", "outlet", "published_at"])
    return [CorpusArticle(**r) for r in rows.to_pylist()]


def test_the_pool_has_stories_to_find_and_the_flow_finds_find_stories(pool, tmp_path):
    """The property is only worth something if stories have several members; and the
    warehouse's pairing (a join on signature terms) gives the stories the pure function gives."""
    expected = find_stories(_pool_articles(pool))
    assert sum(len(s.article_ids) > 1 for s in expected) >= 5
    _night(tmp_path / "wh", pool, _article_ids(pool), "r1")
    con = duckdb.connect()
    create_views(con, Warehouse(tmp_path / "wh"))
    got = con.execute("select story_id, label, first_seen, last_seen, outlets, "
                      "(select list(article_id order by article_id) from story_articles a "
                      " where a.story_id = s.story_id) from stories s order by story_id").fetchall()
    con.close()
    assert got == [(s.story_id, s.label, s.first_seen, s.last_seen, list(s.outlets),
                    list(s.article_ids)) for s in expected]


def _art(article_id: str, body: str) -> CorpusArticle:
    return CorpusArticle(article_id, body, None, None, None)


BASE = ("The ferry operator said on Monday that the evening crossing to the island would stop "
        "for three weeks while the landing ramp is rebuilt after storm damage, and that a bus "
        "link through the causeway town would carry foot passengers in the meantime.")


def test_a_stored_article_moves_its_link_to_a_closer_new_original():
    """A later night brings a copy that is more original and closer than the stored original."""
    first = _art("a", BASE[:-1] + " for now.")  # two words more: more original than b
    edit = _art("b", BASE)
    fuller = _art("c", BASE + " Nevertheless.")  # one word more, but longer still
    stored = {d.article_id: d for d in find_near_duplicates([first, edit])}
    assert stored["b"].original_id == "a"
    links = link_near_duplicates([fuller], [first, edit], stored)
    assert links["b"] is not None and links["b"].original_id == "c"
    merged = {**stored, **{k: v for k, v in links.items() if v is not None}}
    merged = {k: v for k, v in merged.items() if links.get(k, v) is not None}
    assert sorted(merged.values(), key=lambda d: d.article_id) == find_near_duplicates(
        [first, edit, fuller])


def test_rebuild_command_recomputes_and_logs_itself(pool, tmp_path, capsys):
    from flows.cli import main

    root = tmp_path / "wh"
    _night(root, pool, _article_ids(pool), "r1")
    before = snapshot(root)
    assert main(["rebuild", "--warehouse", str(root)]) == 0
    assert "rebuilt" in capsys.readouterr().out
    assert snapshot(root) == before
    assert Warehouse(root).read("runs").column("status").to_pylist() == ["rebuilt"]



def test_a_night_reports_the_totals_after_it(pool, tmp_path):
    """The run summary's links, stories and passages count the warehouse after the night (the
    stories as analysts see them: a night appends the rows of the stories it re-clusters)."""
    ids = _article_ids(pool)
    root = tmp_path / "wh"
    for night, batch in enumerate((ids[::2], ids[1::2][:-1], ids[-1:])):
        sizes = _night(root, pool, batch, f"r{night}")  # a big night, then a small one
        wh = Warehouse(root)
        assert sizes == {"near_duplicates": wh.read("near_duplicates").num_rows,
                         "stories": len(snapshot(root)["stories"]),
                         "text_reuse": wh.read("text_reuse").num_rows}
    assert sizes["near_duplicates"] and sizes["text_reuse"]


def test_a_small_night_rewrites_no_fact_and_links_only_what_it_touches(pool, tmp_path):
    """Quotes and mentions are appended, never restaged; links (and people) are appended for
    the night's quotes and names and the few stored ones they re-resolve, not for the whole
    corpus."""
    ids = _article_ids(pool)
    root = tmp_path / "wh"
    _night(root, pool, ids[:-3], "r1")
    first = Warehouse(root).manifest()
    _night(root, pool, ids[-3:], "r2")
    second = Warehouse(root).manifest()
    for table in ("quotes", "mentions"):
        assert second.parts(table)[: len(first.parts(table))] == first.parts(table)
    for table in ("quote_links", "entity_links", "people", "story_articles", "stories"):
        night_rows = sum(pq.read_metadata(root / p.path).num_rows
                         for p in second.parts(table)[len(first.parts(table)):])
        assert 0 < night_rows < pq.read_metadata(root / first.parts(table)[0].path).num_rows / 4
    assert snapshot(root)["quotes"]  # and the views read them resolved


def test_reuse_pairs_aligned_a_few_bodies_at_a_time_give_the_same_tables(pool, tmp_path,
                                                                          monkeypatch):
    """A night aligns its reuse pairs in batches of bodies (bounded memory when it pairs with
    much of the warehouse); with batches of two bodies the tables are those of one pass."""
    from flows import corpus

    monkeypatch.setattr(corpus, "REUSE_BODIES", 2)
    ids = _article_ids(pool)
    _night(tmp_path / "incremental", pool, ids[::3] + ids[1::3], "r1")
    _night(tmp_path / "incremental", pool, ids[2::3], "r2")
    _night(tmp_path / "at_once", pool, ids, "r1")
    tables = snapshot(tmp_path / "incremental")
    assert tables["text_reuse"] and tables == snapshot(tmp_path / "at_once")


@pytest.mark.parametrize("knob, table", [("STORY_CHUNK", "story_articles"),
                                         ("EVIDENCE_BATCH", "story_articles"),
                                         ("ENTITY_BATCH", "people"),
                                         ("QUOTE_KEY_BATCH", "quotes")])
def test_a_night_done_a_few_pieces_at_a_time_gives_the_same_tables(pool, tmp_path, monkeypatch,
                                                                   knob, table):
    """A night bounds its memory by doing some steps a piece at a time: it finds its story
    pairs a chunk of its articles at a time, in date order (``STORY_CHUNK``: a big night spread
    over months must not meet the whole warehouse at once) and decides them reading the
    evidence of a few stored articles at a time (``EVIDENCE_BATCH``), and re-resolves the stored names of
    the blocks it touches a few whole blocks at a time (``ENTITY_BATCH``: at 100,000 articles a
    night touches nearly all of them), and matches its new quote keys against the stored ones a
    few keys at a time (``QUOTE_KEY_BATCH``).  With pieces of three, pairs between chunks and with
    stored articles included, and a block never split, the tables are those of one pass."""
    from flows import corpus

    monkeypatch.setattr(corpus, knob, 3)
    ids = _article_ids(pool)
    _night(tmp_path / "incremental", pool, ids[::2], "r1")
    _night(tmp_path / "incremental", pool, ids[1::2], "r2")
    _night(tmp_path / "at_once", pool, ids, "r1")
    tables = snapshot(tmp_path / "incremental")
    assert tables[table] and tables == snapshot(tmp_path / "at_once")


def test_a_rebuild_replayed_as_small_nights_gives_the_tables_of_one_pass(pool, tmp_path,
                                                                         monkeypatch):
    """A big warehouse is rebuilt by replaying its stored facts as nights, oldest first, into
    a scratch warehouse (memory follows a night, not the warehouse); with nights of seven
    articles the rebuilt tables are those of one pass, and the rebuild stays one version."""
    from flows import rebuild as rebuild_module

    ids = _article_ids(pool)
    _night(tmp_path / "wh", pool, ids, "r1")
    one_pass = snapshot(tmp_path / "wh")
    monkeypatch.setattr(rebuild_module, "REPLAY_ARTICLES", 7)
    before = Warehouse(tmp_path / "wh").manifest().version
    summary = rebuild(Settings(warehouse=str(tmp_path / "wh")))
    assert summary["status"] == "rebuilt" and summary["stories"] > 0
    assert Warehouse(tmp_path / "wh").manifest().version == before + 1
    assert snapshot(tmp_path / "wh") == one_pass
