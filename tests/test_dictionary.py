"""The data dictionary covers every table and view column, and reaches DuckDB as comments."""

from __future__ import annotations

import duckdb
import pytest

from warehouse import dictionary
from warehouse.schemas import TABLES


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_table_and_column_is_described(table):
    assert dictionary.meaning(table), f"{table}: add a '{table}\t-\t…' line to dictionary.tsv"
    missing = [f.name for f in TABLES[table] if not dictionary.meaning(table, f.name)]
    assert not missing, f"{table}: describe {missing} in warehouse/dictionary.tsv"


def test_views_describe_themselves_from_their_sql():
    assert dictionary.view_meaning("top_speakers").startswith("who is quoted most")
    assert dictionary.view_meaning("no_such_view") is None


def test_pair_columns_and_shared_names_fall_back_to_their_base_meaning():
    assert dictionary.meaning("some_pair_view", "outlet_a").endswith("(first of the pair)")
    assert dictionary.meaning("some_view", "article_id") == dictionary.meaning("articles", "article_id")
    assert dictionary.meaning("some_view", "no_such_column_anywhere") is None


def test_comments_reach_duckdb_and_quote_safely():
    con = duckdb.connect()
    con.execute("create table runs (run_id varchar, error varchar)")
    con.execute("create view top_speakers as select 'it''s' as speaker")
    assert dictionary.apply_comments(con) == 5
    assert con.execute("select comment from duckdb_views() where view_name = 'top_speakers'"
                       ).fetchone()[0].startswith("who is quoted most")
    comments = dict(con.execute("select table_name || '.' || column_name, comment "
                                "from duckdb_columns() where comment is not null").fetchall())
    assert comments["runs.error"] == dictionary.meaning("runs", "error")
    assert "top_speakers.speaker" in comments
    listing = dictionary.render(dictionary.relations(con))
    assert "runs (table): the run log" in listing
