"""The real nightly flow end to end: seeds, generated dumps, idempotency, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.synthetic import write_synthetic_dumps
from flows import corpus, ingest
from flows import nightly as nightly_module
from flows.nightly import nightly
from tests.flow_helpers import counts, snapshot
from warehouse import Warehouse, connect
from warehouse.duck import open_database

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def test_seeds_end_to_end(seed_dumps, tmp_path):
    wh = tmp_path / "wh"
    summary = nightly(dumps=str(seed_dumps), warehouse=str(wh))
    assert summary["status"] == "ok"
    assert (summary["files_new"], summary["articles_new"], summary["quarantined"]) == (5, 5, 0)
    report = (wh / "reports" / f"run-{summary['run_id']}.html").read_text()
    assert report == (wh / "report.html").read_text() and "Most quoted among new quotes" in report
    con = open_database(wh)
    try:
        titles = [r[0] for r in con.execute("select title from articles order by source_path").fetchall()]
        assert titles[0].startswith("Is the Russia-Ukraine conflict")
        assert con.execute("select count(*) from dump_files").fetchone() == (5,)
        # the five seeds are one story
        assert con.execute("select max(article_count) from stories").fetchone() == (5,)
        assert con.execute("select count(*) from quotes").fetchone()[0] > 10
        assert con.execute("select count(*) from figures").fetchone()[0] > 3
        assert con.execute("select count(*) from text_reuse").fetchone()[0] >= 1
        people = {r[0] for r in con.execute("select name from people").fetchall()}
        zelensky = [p for p in people if p.lower().startswith(("volodymyr zelensk", "zelensk"))]
        assert len(zelensky) == 1, f"Zelensky spellings not merged: {sorted(people)}"
        assert_warehouse_integrity(con)
    finally:
        con.close()


SPANS = {"quotes": "text", "figures": "text", "citations": "text", "mentions": "surface"}
KEYS = {"articles": "article_id", "quotes": "quote_id", "figures": "figure_id",
        "citations": "citation_id", "mentions": "mention_id", "people": "entity_id",
        "organisations": "entity_id", "stories": "story_id", "dump_files": "sha256",
        "text_reuse": "reuse_id"}


# A quote's text holds its pieces (segments) in order; start/end span them all.
QUOTE_PIECES = """
    select count(*) from quotes t join articles a using (article_id)
    where not list_bool_and(list_transform(t.segments,
              s -> contains(t.text, trim(substr(a.body, s.start + 1, s."end" - s.start)))))
       or t.segments[1].start <> t.start or t.segments[-1]."end" <> t."end"
"""


def assert_warehouse_integrity(con) -> None:
    """dbt-style checks: unique keys, no orphans, every span equal to its slice of the body."""
    for table, key in KEYS.items():
        dupes = con.execute(f"select count(*) - count(distinct {key}) from {table}").fetchone()[0]
        assert dupes == 0, f"{table}.{key} is not unique"
    for table, column in SPANS.items():
        orphans = con.execute(f"select count(*) from {table} where article_id not in "
                              "(select article_id from articles)").fetchone()[0]
        assert orphans == 0, f"{table} rows without an article"
        bad = con.execute(f"""
            select count(*) from {table} t join articles a using (article_id)
            where substr(a.body, t.start + 1, t."end" - t.start) <> t.{column}
        """ if table != "quotes" else QUOTE_PIECES).fetchone()[0]
        assert bad == 0, f"{table}: {bad} spans differ from the body"
    for side in ("a", "b"):
        bad = con.execute(f"""
            select count(*) from text_reuse r left join articles x on x.article_id = r.article_{side}
            where x.article_id is null or r.{side}_end > length(x.body) or r.{side}_start < 0
        """).fetchone()[0]
        assert bad == 0, f"text_reuse side {side} out of range"
    unlinked = con.execute("""
        select count(*) from mentions m left join (
            select entity_id from people union all select entity_id from organisations) e
        using (entity_id) where e.entity_id is null
    """).fetchone()[0]
    assert unlinked == 0, "mentions whose entity is in neither people nor organisations"
    members = con.execute("select count(distinct article_id) from story_articles").fetchone()[0]
    assert members == con.execute("select count(*) from articles").fetchone()[0]


def test_generated_corpus_passes_integrity_checks(tmp_path):
    dumps, wh = tmp_path / "dumps", tmp_path / "wh"
    write_synthetic_dumps(dumps, 60, seed=11, bad_records=2)
    nightly(dumps=str(dumps), warehouse=str(wh))
    assert_warehouse_integrity(connect(wh))


def test_second_run_adds_only_a_run_row(seed_dumps, tmp_path):
    wh = tmp_path / "wh"
    nightly(dumps=str(seed_dumps), warehouse=str(wh))
    before, before_counts = snapshot(wh), counts(wh)
    again = nightly(dumps=str(seed_dumps), warehouse=str(wh))
    assert (again["files_new"], again["articles_new"]) == (0, 0)
    assert snapshot(wh) == before
    after_counts = counts(wh)
    assert after_counts["runs"] == before_counts["runs"] + 1
    assert {k: v for k, v in after_counts.items() if k != "runs"} == {
        k: v for k, v in before_counts.items() if k != "runs"}


def test_generated_dumps_with_bad_input_are_quarantined_and_the_run_goes_on(tmp_path):
    dumps, wh = tmp_path / "dumps", tmp_path / "wh"
    write_synthetic_dumps(dumps, 80, seed=3, bad_records=4)
    summary = nightly(dumps=str(dumps), warehouse=str(wh), batch_mb=0.05)
    assert summary["status"] == "ok"
    assert summary["quarantined"] >= 4
    q = connect(wh).execute("select path, stage, reason from quarantine").fetchall()
    assert len(q) == summary["quarantined"]
    assert all(path and stage and reason for path, stage, reason in q)
    assert summary["articles_new"] + summary["duplicates"] >= 70
    # a duplicate article is stored once with all its sources
    con = connect(wh)
    assert con.execute("select count(*) = count(distinct article_id) from articles").fetchone()[0]
    assert con.execute("select count(*) from article_sources").fetchone()[0] >= summary["articles_new"]


def test_changed_file_is_new_and_unchanged_files_are_skipped(seed_dumps, tmp_path):
    wh = tmp_path / "wh"
    nightly(dumps=str(seed_dumps), warehouse=str(wh))
    target = next((seed_dumps / "seeds").iterdir())
    target.write_text(target.read_text() + "\n\nAn editor's note added later with new words in it.\n")
    summary = nightly(dumps=str(seed_dumps), warehouse=str(wh))
    assert summary["files_new"] == 1
    assert counts(wh)["dump_files"] == 6


class Boom(RuntimeError):
    pass


def _fail_second_ingest(monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_WORKERS", "1")  # in-process batches, so the patch applies
    real = ingest.ingest_files
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise Boom("killed during ingest")
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "ingest_files", flaky)


def _fail_similarity(monkeypatch):
    def boom(*args, **kwargs):
        raise Boom("killed during corpus step")

    monkeypatch.setattr(corpus, "update_similarity", boom)


def _fail_after_commit(monkeypatch):
    def boom(*args, **kwargs):
        raise Boom("killed after the manifest swap, before the views")

    monkeypatch.setattr(nightly_module, "build_database", boom)


@pytest.mark.parametrize("inject", [_fail_second_ingest, _fail_similarity, _fail_after_commit])
def test_crash_then_rerun_gives_the_same_tables(inject, tmp_path, monkeypatch):
    dumps = tmp_path / "dumps"
    write_synthetic_dumps(dumps, 40, seed=5, bad_records=2)
    clean = tmp_path / "clean"
    nightly(dumps=str(dumps), warehouse=str(clean), batch_mb=0.05)
    expected = snapshot(clean)

    wh = tmp_path / "crashy"
    with monkeypatch.context() as patch:
        inject(patch)
        with pytest.raises(Boom):
            nightly(dumps=str(dumps), warehouse=str(wh), batch_mb=0.05)
    if inject is not _fail_after_commit:
        left = counts(wh)
        assert left.pop("runs") == 1, "the failed run is logged"
        assert left == {t: 0 for t in left}, "a failed run left rows behind"
        assert Warehouse(wh).read("runs").column("status").to_pylist() == ["failed"]
    nightly(dumps=str(dumps), warehouse=str(wh), batch_mb=0.05)
    assert snapshot(wh) == expected
    assert not list((wh / "_staging").glob("*"))


def test_killed_process_leaves_the_warehouse_as_it_was(tmp_path):
    """SIGKILL a real `newsledger run` mid-way; the warehouse must not change; a rerun completes."""
    dumps = tmp_path / "both"
    first, second = dumps / "d1", dumps / "d2"
    write_synthetic_dumps(first, 20, seed=1)
    write_synthetic_dumps(second, 300, seed=2)
    wh = tmp_path / "wh"
    nightly(dumps=str(first), warehouse=str(wh))
    before = snapshot(wh, skip=())

    env = {**os.environ, "NEWSLEDGER_FLUSH_ROWS": "20", "NEWSLEDGER_BATCH_MB": "0.2"}
    env.pop("PREFECT_API_URL", None)  # the child starts its own temporary API
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--dumps", str(dumps), "--warehouse", str(wh)],
        env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "child.log").open("wb"),
        start_new_session=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if list((wh / "_staging").glob("*/ingest/articles/*.parquet")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, (tmp_path / "child.log").read_text()[-3000:]
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert snapshot(wh, skip=()) == before
    summary = nightly(dumps=str(dumps), warehouse=str(wh))
    assert summary["files_new"] > 0 and summary["articles_new"] > 0
    assert not list((wh / "_staging").glob("*"))
    assert Warehouse(wh).read("dump_files").num_rows == counts(wh)["dump_files"]
