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
