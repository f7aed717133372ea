"""Parquet storage: schema enforcement, staging invisibility, atomic commit, recovery.

The versioned commit protocol itself is tested in ``test_manifest.py``."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from warehouse import Warehouse, build_database, connect, load
from warehouse.duck import open_database
from warehouse.manifest import Retention
from warehouse.schemas import APPENDED, REBUILT, TABLES
from warehouse.store import SchemaMismatch, conform


def quarantine_row(path: str) -> dict:
    return {"run_id": "r1", "dump_sha256": "x", "path": path, "record_no": 1, "stage": "read",
            "reason": "binary_content", "detail": "", "sample": "",
            "quarantined_at": datetime(2024, 1, 1, tzinfo=UTC)}


def test_every_table_is_either_appended_or_rebuilt():
    assert set(APPENDED) | set(REBUILT) == set(TABLES)
    assert not set(APPENDED) & set(REBUILT)
    for required in ("articles", "mentions", "people", "organisations", "quotes", "figures",
                     "stories", "text_reuse", "runs", "quarantine", "dump_files"):
        assert required in TABLES


def test_conform_rejects_unknown_columns_and_fills_missing():
    with pytest.raises(SchemaMismatch):
        conform("quarantine", [{**quarantine_row("a"), "surprise": 1}])
    table = conform("near_duplicates", pa.table({"article_id": ["a"], "original_id": ["b"],
                                                 "similarity": [0.9]}))
    assert table.schema == TABLES["near_duplicates"]
    partial = conform("stories", [{"story_id": "s", "label": "l", "outlets": [], "article_count": 1}])
    assert partial.column("first_seen").to_pylist() == [None]


def test_staged_rows_are_invisible_until_commit(tmp_path):
    wh = Warehouse(tmp_path)
    staging = wh.begin("run1")
    staging.write("quarantine", [quarantine_row("a.txt")])
    assert wh.read("quarantine").num_rows == 0
    assert load("quarantine", tmp_path).empty
    manifest = wh.commit(staging)
    assert manifest.version == 1
    assert wh.read("quarantine").column("path").to_pylist() == ["a.txt"]
    assert load("quarantine", tmp_path)["path"].tolist() == ["a.txt"]


def test_appending_nothing_stages_no_part(tmp_path):
    wh = Warehouse(tmp_path)
    staging = wh.begin("run1")
    assert staging.append("quote_pairs", conform("quote_pairs", [])) == 0
    assert staging.append("quote_pairs", conform("quote_pairs", [{"key_a": "a", "key_b": "b"}])) == 1
    manifest = wh.commit(staging)
    assert len(manifest.parts("quote_pairs")) == 1


def test_rebuilt_tables_are_replaced_and_old_files_collected_after_retention(tmp_path):
    wh = Warehouse(tmp_path)
    for run, ids in (("r1", ["a", "b"]), ("r2", ["c"])):
        staging = wh.begin(run)
        staging.replace("story_articles", [{"story_id": "s", "article_id": i} for i in ids])
        staging.write("quarantine", [quarantine_row(run)])
        wh.finish(wh.commit(staging))
    assert wh.read("story_articles").column("article_id").to_pylist() == ["c"]
    assert sorted(wh.read("quarantine").column("path").to_pylist()) == ["r1", "r2"]
    assert len(list((tmp_path / "story_articles").iterdir())) == 2  # version 1 is still kept
    wh.finish(wh.manifest(), Retention(versions=1, hours=0))
    assert len(list((tmp_path / "story_articles").iterdir())) == 1


def test_killed_run_leaves_state_and_is_cleaned_up(tmp_path):
    wh = Warehouse(tmp_path)
    staging = wh.begin("r1")
    staging.write("quarantine", [quarantine_row("kept")])
    wh.commit(staging)
    doomed = wh.begin("r2")
    doomed.write("quarantine", [quarantine_row("lost")])
    # simulate a kill after files were moved into the table folder but before the commit
    orphan = tmp_path / "quarantine" / "r2-orphan.parquet"
    (doomed.staged["quarantine"][0]).rename(orphan)
    doomed.close()  # the lock goes with the process
    assert wh.read("quarantine").column("path").to_pylist() == ["kept"]
    os.utime(orphan, (0, 0))
    removed = wh.recover()
    assert str(orphan) in removed and not orphan.exists()
    assert not (tmp_path / "_staging" / "r2").exists()
    assert wh.read("quarantine").column("path").to_pylist() == ["kept"]


def test_database_file_has_base_views_for_every_table(tmp_path):

    wh = Warehouse(tmp_path)
    build_database(wh)
    con = open_database(tmp_path)
    names = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert set(TABLES) <= names
    assert con.execute("select count(*) from quotes").fetchone() == (0,)
    con.close()
    assert connect(tmp_path).execute("select count(*) from articles").fetchone() == (0,)
