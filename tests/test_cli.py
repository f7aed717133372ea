"""The CLI layer: queries in three formats, clear errors, help for every command and view."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from flows.cli import build_parser, main
from warehouse import Warehouse, view_files


@pytest.fixture
def small_warehouse(tmp_path):
    wh = Warehouse(tmp_path)
    staging = wh.begin("r1")
    staging.write("articles", [
        {"article_id": f"a{i}", "title": f"Title {i}", "body": "Body text here.",
         "outlet": "Example Times", "published_at": datetime(2024, 5, i + 1, tzinfo=UTC),
         "word_count": 3, "source_path": "x.txt", "record_no": i, "dump_sha256": "h",
         "run_id": "r1"}
        for i in range(3)
    ])
    wh.commit(staging)
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(small_warehouse, capsys, fmt):
    code = main(["query", "select article_id, outlet from articles order by article_id",
                 "--warehouse", str(small_warehouse), "--format", fmt])
    out = capsys.readouterr().out
    assert code == 0
    if fmt == "json":
        assert [r["article_id"] for r in json.loads(out)] == ["a0", "a1", "a2"]
    elif fmt == "csv":
        assert out.splitlines()[0] == "article_id,outlet"
        assert len(out.splitlines()) == 4
    else:
        assert "Example Times" in out and "a2" in out


def test_bad_sql_is_a_clear_error_not_a_traceback(small_warehouse, capsys):
    code = main(["query", "select nope from articles", "--warehouse", str(small_warehouse)])
    assert code == 2
    assert "nope" in capsys.readouterr().err


def test_missing_dumps_folder_is_a_clear_error(tmp_path, capsys):
    code = main(["run", "--dumps", str(tmp_path / "absent"), "--warehouse", str(tmp_path / "w")])
    assert code == 2
    assert "not found" in capsys.readouterr().err


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        helps = {a.dest: a.help for a in command._actions if a.dest != "help"}
        assert all(helps.values()), f"{name}: options without help: {helps}"
        assert sub._choices_actions and any(c.dest == name and c.help for c in sub._choices_actions)


def test_every_view_file_has_a_named_description():
    views = view_files()
    assert views, "no question views found"
    for view in views:
        assert view.description, f"{view.name}.sql lacks a '-- {view.name}: ...' first line"
        assert f"view {view.name} " in view.sql.replace("\n", " "), (
            f"{view.name}.sql must create the view named like its file")


def test_views_command_lists_views(capsys):
    assert main(["views"]) == 0
    out = capsys.readouterr().out
    assert all(v.name in out for v in view_files())


# ---------------------------------------------------------------------- issue 10


@pytest.mark.parametrize("sql", [
    "copy (select 1) to '{target}'",
    "attach '{target}' as other",
    "install httpfs",
    "load httpfs",
    "create table t as select 1",
    "set threads = 1",
    "select 1; copy articles to '{target}'",
    "explain analyze copy (select 1) to '{target}'",
])
def test_query_refuses_statements_that_write_or_attach(small_warehouse, tmp_path, capsys, sql):
    target = tmp_path / "written.csv"
    code = main(["query", sql.format(target=target), "--warehouse", str(small_warehouse)])
    assert code == 2 and "--allow-writes" in capsys.readouterr().err
    assert not target.exists()


def test_query_can_write_when_allowed(small_warehouse, tmp_path):
    target = tmp_path / "out.csv"
    assert main(["query", f"copy (select article_id from articles) to '{target}'",
                 "--warehouse", str(small_warehouse), "--allow-writes"]) == 0
    assert target.read_text().splitlines()[0] == "article_id"


def test_query_as_of_a_run_and_vacuum(small_warehouse, capsys):
    wh = Warehouse(small_warehouse)
    staging = wh.begin("r2")
    staging.replace("story_articles", [{"story_id": "s", "article_id": "a0"}])
    wh.commit(staging)
    assert main(["query", "select count(*) as n from story_articles", "--format", "csv",
                 "--warehouse", str(small_warehouse), "--as-of", "r1"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "0"
    assert main(["vacuum", "--keep-versions", "1", "--keep-hours", "0",
                 "--warehouse", str(small_warehouse)]) == 0
    assert "removed 1 version(s)" in capsys.readouterr().out
    assert main(["query", "select 1", "--warehouse", str(small_warehouse), "--as-of", "r1"]) == 2
    assert "r1" in capsys.readouterr().err


def test_verify_names_a_damaged_part(small_warehouse, capsys):
    assert main(["verify", "--warehouse", str(small_warehouse)]) == 0
    [part] = Warehouse(small_warehouse).manifest().files("articles")
    path = small_warehouse / part
    path.write_bytes(path.read_bytes()[:-20] + bytes(20))
    assert main(["verify", "--warehouse", str(small_warehouse)]) == 1
    assert f"DAMAGED {part}" in capsys.readouterr().out


@pytest.mark.parametrize("damage", ["garbled", "deleted"])
@pytest.mark.parametrize("command", [["query", "select 1"], ["views"], ["verify"], ["vacuum"],
                                     ["run", "--dumps", "."]])
def test_every_command_refuses_a_warehouse_whose_manifest_is_unreadable_or_missing(
        small_warehouse, capsys, command, damage):
    newest = Warehouse(small_warehouse).manifest_path
    if damage == "garbled":
        newest.write_text("{ not json")
        named = newest
    else:  # was: `rm _manifest.json; newsledger run` started from empty and deleted every part
        newest.unlink()
        named = newest.parent
    code = main([*command, "--warehouse", str(small_warehouse)])
    assert code == 2 and str(named) in capsys.readouterr().err
    assert list((small_warehouse / "articles").glob("*.parquet")), "nothing was deleted"


def test_the_run_artifact_escapes_every_value():
    from flows.nightly import RunSummary

    hostile = "/dumps/x | y\n| injected | row |<script>alert(1)</script>[link](http://e.org)"
    markdown = RunSummary(run_id="r1", status="ok", dumps=hostile, warehouse="w",
                          database="d").as_markdown()
    dumps_line = next(line for line in markdown.splitlines() if line.startswith("| dumps |"))
    assert dumps_line.count(" | ") == 1 and "<script>" not in markdown and "](" not in markdown
    assert len(markdown.splitlines()) == len(RunSummary.__dataclass_fields__) + 4


@pytest.mark.parametrize("command", [["query", "select 1"], ["views"], ["describe"],
                                     ["verify"], ["rebuild-views"]])
@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_wrong_warehouse_path_is_one_line_and_exit_2(tmp_path, capsys, command, kind):
    path = tmp_path / "nope-wh"
    if kind == "file":
        path.write_text("x")
    code = main([*command, "--warehouse", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and str(path) in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert kind == "file" or not path.exists(), "reading must not create the warehouse"


def test_empty_sql_is_a_clear_error(small_warehouse, capsys):
    assert main(["query", "  ", "--warehouse", str(small_warehouse)]) == 2
    assert "no SQL given" in capsys.readouterr().err


def test_unexpected_errors_are_one_line_unless_verbose(small_warehouse, capsys, monkeypatch):
    from flows import cli

    def boom(args):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(cli, "cmd_views", boom)
    assert main(["views"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "newsledger: RuntimeError: disk on fire second line (-v shows the traceback)"
    with pytest.raises(RuntimeError):
        main(["views", "-v"])


def test_table_output_prints_plain_numbers_and_honours_max_width(small_warehouse, capsys):
    code = main(["query", ("select 210000000000.0 as big, 1.5::double as x, 7 as n, "
                           "repeat('y', 50) as long, null::varchar as missing"), "--warehouse",
                 str(small_warehouse), "--max-width", "12"])
    out = capsys.readouterr().out
    assert code == 0 and "nan" not in out and "None" not in out
    assert "210,000,000,000" in out and "e+" not in out and "1.5" in out
    assert "y" * 11 + "…" in out and "y" * 12 not in out


def test_describe_lists_meanings_and_one_relation(small_warehouse, capsys):
    assert main(["describe", "articles", "--warehouse", str(small_warehouse)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("articles (view): one row per distinct article")
    assert "word_count" in out and "words in the body" in out
    assert main(["describe", "no_such", "--warehouse", str(small_warehouse)]) == 2


def test_rebuild_views_writes_a_database_that_reads_its_own_folder(small_warehouse, capsys):
    from warehouse.duck import open_database

    assert main(["rebuild-views", "--warehouse", str(small_warehouse)]) == 0
    con = open_database(small_warehouse)
    assert con.execute("select count(*) from articles").fetchone() == (3,)


def test_summary_separates_what_the_run_added_from_warehouse_totals(small_warehouse):
    from flows.cli import format_summary, run_counts

    wh = Warehouse(small_warehouse)
    staging = wh.begin("r2")
    staging.write("articles", [{
        "article_id": "b1", "title": "New", "body": "Another body.", "word_count": 2,
        "source_path": "y.txt", "record_no": 0, "dump_sha256": "h2", "run_id": "r2"}])
    wh.commit(staging)
    counts = {what: (added, total) for what, added, total in run_counts(str(small_warehouse), "r2")}
    assert counts["articles"] == (1, 4) and counts["quotes"] == (0, 0)
    summary = {"run_id": "r2", "status": "ok", "files_new": 1, "files_seen": 2, "records": 1,
               "duplicates": 0, "articles_new": 1, "seconds": 0.5, "peak_rss_mb": 100.0,
               "warehouse": str(small_warehouse), "database": "db"}
    text = format_summary(summary, list(run_counts(str(small_warehouse), "r2")), wall_seconds=7.25)
    assert "in warehouse" in text and "7.2 wall" in text
    assert [line.split() for line in text.splitlines() if line.strip().startswith("articles")] == [
        ["articles", "1", "4"]]
