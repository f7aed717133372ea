"""A night with no new dump file is logged without Prefect; any new file hands it to the flow."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from flows.quiet_night import record_quiet_night
from flows.settings import Settings
from warehouse import Warehouse
from warehouse.duck import open_database


def _ledgered(tmp_path: Path) -> tuple[Path, Path]:
    """A dump folder with one file and a warehouse whose ledger already lists it."""
    dumps, root = tmp_path / "dumps", tmp_path / "wh"
    dumps.mkdir()
    dump = dumps / "night.txt"
    dump.write_text("Harbour works resume\n\nThe crane crews went back to work on Monday.\n")
    wh = Warehouse(root)
    root.mkdir()
    staging = wh.begin("r1")
    staging.write("dump_files", [{
        "sha256": hashlib.sha256(dump.read_bytes()).hexdigest(), "path": "night.txt",
        "size_bytes": dump.stat().st_size, "format": "txt", "records": 1, "articles": 1,
        "quarantined": 0, "run_id": "r1", "ingested_at": datetime.now(UTC)}])
    wh.commit(staging)
    return dumps, root


def test_a_night_with_nothing_new_is_logged_as_a_run(tmp_path):
    dumps, root = _ledgered(tmp_path)
    summary = record_quiet_night(Settings(dumps=str(dumps), warehouse=str(root)))
    assert summary is not None
    assert (summary["status"], summary["files_seen"], summary["files_new"]) == ("ok", 1, 0)
    con = open_database(root)
    assert con.execute("select run_id, files_new from runs").fetchall() == [(summary["run_id"], 0)]
    assert Warehouse(root).manifest().run_id == summary["run_id"]


def test_a_new_file_leaves_the_night_to_the_flow(tmp_path):
    dumps, root = _ledgered(tmp_path)
    (dumps / "later.txt").write_text("Ferry timetable\n\nThe first ferry now leaves at six.\n")
    before = Warehouse(root).manifest().version
    assert record_quiet_night(Settings(dumps=str(dumps), warehouse=str(root))) is None
    assert Warehouse(root).manifest().version == before


def test_a_first_night_is_left_to_the_flow(tmp_path):
    dumps, _ = _ledgered(tmp_path)
    assert record_quiet_night(Settings(dumps=str(dumps), warehouse=str(tmp_path / "new"))) is None


def test_the_quiet_path_never_imports_prefect(tmp_path):
    dumps, root = _ledgered(tmp_path)
    code = (
        "import sys\n"
        "from flows.cli import main\n"
        f"assert main(['run', '--dumps', {str(dumps)!r}, '--warehouse', {str(root)!r}]) == 0\n"
        "assert 'prefect' not in sys.modules, 'the quiet night imported Prefect'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent, check=False)
    assert done.returncode == 0, done.stderr
    assert "0 new of 1 seen" in done.stdout
