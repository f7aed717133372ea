"""A warehouse folder can be moved or copied and still answers from its own files; a path that
is not a warehouse fails loudly; old parts without a newer column still answer."""

from __future__ import annotations

import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from warehouse import Warehouse, build_database, connect, load
from warehouse.duck import NotAWarehouse, open_database


def _one_article(root):
    wh = Warehouse(root)
    staging = wh.begin("r1")
    staging.write("articles", [{
        "article_id": "a1", "title": "T", "body": "Body text here.", "word_count": 3,
        "source_path": "x.txt", "record_no": 0, "dump_sha256": "f" * 64, "run_id": "r1"}])
    build_database(wh, wh.commit(staging))
    return wh


def test_a_moved_and_a_copied_warehouse_read_their_own_files(tmp_path, monkeypatch):
    original = tmp_path / "wh"
    _one_article(original)
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    moved = tmp_path / "moved"
    original.rename(moved)
    for folder in (moved, copy):
        monkeypatch.chdir(folder)  # as `duckdb newsledger.duckdb` run inside the folder
        con = duckdb.connect("newsledger.duckdb", read_only=True)
        assert con.execute("select title from articles").fetchall() == [("T",)]
        (sql,) = con.execute("select sql from duckdb_views() where view_name = 'articles'").fetchone()
        assert str(tmp_path) not in sql  # files are named relative to the warehouse folder
        con.close()
    # a copy never reads the original's files: remove the copy's part and it fails loudly
    for part in (copy / "articles").glob("*.parquet"):
        part.unlink()
    monkeypatch.chdir(copy)
    con = duckdb.connect("newsledger.duckdb", read_only=True)
    with pytest.raises(duckdb.IOException):
        con.execute("select * from articles").fetchall()
    con.close()
    monkeypatch.chdir(tmp_path)
    assert open_database(moved).execute("select count(*) from articles").fetchone() == (1,)


def test_database_carries_the_data_dictionary_as_comments(tmp_path):
    _one_article(tmp_path)
    con = open_database(tmp_path)
    (comment,) = con.execute("select comment from duckdb_columns() where table_name = 'articles' "
                             "and column_name = 'body'").fetchone()
    assert "furniture" in comment
    assert con.execute("select comment from duckdb_views() where view_name = 'top_speakers'"
                       ).fetchone()[0].startswith("who is quoted most")


@pytest.mark.parametrize("kind", ["missing", "file", "unrelated folder"])
def test_a_path_that_is_not_a_warehouse_is_refused(tmp_path, kind):
    path = tmp_path / "nope"
    if kind == "file":
        path.write_text("x")
    elif kind == "unrelated folder":
        path.mkdir()
        (path / "notes.txt").write_text("x")
    with pytest.raises(NotAWarehouse, match="no warehouse at"):
        connect(path)
    with pytest.raises(NotAWarehouse):
        load("quotes", path)
    assert kind != "missing" or not path.exists()  # reading never creates the folder


def test_parts_written_before_a_column_existed_still_answer(tmp_path):
    wh = _one_article(tmp_path)
    part = next((tmp_path / "articles").glob("*.parquet"))
    old = pq.read_table(part).drop_columns(["updated_note", "language"])
    pq.write_table(old, part)  # as written by an older release
    con = connect(tmp_path)
    row = con.execute("select title, updated_note, language from articles").fetchone()
    assert row == ("T", None, None)
    assert con.execute("select typeof(updated_note) from articles").fetchone() == ("VARCHAR",)
    assert wh.table_paths("articles") == [part.resolve()]
