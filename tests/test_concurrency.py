"""Two real runs at once on one warehouse end as the same two runs one after the other: the
loser of the commit race re-plans on top of the winner, and neither deletes the other's files
(issue 10, defect 1: the second run's recovery used to delete the first's staged files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synthetic import write_synthetic_dumps
from flows import nightly as nightly_module
from flows.nightly import nightly
from tests.flow_helpers import snapshot
from warehouse import Warehouse
from warehouse.verify import verify

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]

ROOT = Path(__file__).resolve().parents[1]


def start_run(tmp_path: Path, dumps: Path, warehouse: Path, name: str) -> subprocess.Popen:
    """A real `newsledger run` in its own process, reporting to the test's Prefect API."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "NEWSLEDGER_WORKERS": "1", "PREFECT_API_URL": PREFECT_API_URL.value()}
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--dumps", str(dumps), "--warehouse",
         str(warehouse), "--json"],
        env=env, stdout=subprocess.PIPE, stderr=(tmp_path / f"{name}.log").open("wb"), cwd=ROOT)


def finish(tmp_path: Path, proc: subprocess.Popen, name: str) -> dict:
    out, _ = proc.communicate()
    assert proc.returncode == 0, (tmp_path / f"{name}.log").read_text()[-3000:]
    return json.loads(out)


def commit_order(warehouse: Path) -> list[str]:
    return [m.run_id for m in Warehouse(warehouse).manifests() if m.run_id]


def one_after_the_other(warehouse: Path, dumps: list[Path]) -> dict:
    for folder in dumps:
        nightly(dumps=str(folder), warehouse=str(warehouse))
    return snapshot(warehouse)


def assert_sound(warehouse: Path) -> None:
    assert verify(Warehouse(warehouse))[1] == []
    assert not list((warehouse / "_staging").glob("*"))


@pytest.mark.parametrize("same_dumps", [True, False], ids=["same dumps", "different dumps"])
def test_a_run_overtaken_by_another_re_plans_on_top_of_it(tmp_path, monkeypatch, same_dumps):
    """Run B is mid-way (its files staged) when run A, another process, starts, recovers the
    warehouse and commits; B's commit then finds a newer version and B re-plans on top of it."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    write_synthetic_dumps(ours, 12, seed=1, bad_records=1)
    if same_dumps:
        theirs = ours
    else:
        write_synthetic_dumps(theirs, 12, seed=2)
    together = tmp_path / "together"
    overtaken: list[dict] = []
    settle = nightly_module.settle_and_resolve

    def settle_after_another_run(warehouse_dir, staging, *args, **kwargs):
        if not overtaken:
            overtaken.append(finish(tmp_path, start_run(tmp_path, theirs, together, "a"), "a"))
            assert staging.path.is_dir(), "the other run's recovery removed our staging"
        return settle(warehouse_dir, staging, *args, **kwargs)

    monkeypatch.setattr(nightly_module, "settle_and_resolve", settle_after_another_run)
    ours_summary = nightly(dumps=str(ours), warehouse=str(together))
    monkeypatch.undo()

    [theirs_summary] = overtaken
    assert commit_order(together) == [theirs_summary["run_id"], ours_summary["run_id"]]
    if same_dumps:  # everything was in the ledger when we re-planned
        assert (ours_summary["files_new"], ours_summary["articles_new"]) == (0, 0)
    assert snapshot(together) == one_after_the_other(tmp_path / "in_turn", [theirs, ours])
    assert_sound(together)


def test_two_runs_started_at_once_equal_them_one_after_the_other(tmp_path):
    first, second = tmp_path / "d1", tmp_path / "d2"
    write_synthetic_dumps(first, 12, seed=3)
    write_synthetic_dumps(second, 12, seed=4, bad_records=1)
    together = tmp_path / "together"
    procs = [start_run(tmp_path, first, together, "r1"), start_run(tmp_path, second, together, "r2")]
    summaries = [finish(tmp_path, proc, f"r{n + 1}") for n, proc in enumerate(procs)]
    order = commit_order(together)
    assert sorted(order) == sorted(s["run_id"] for s in summaries)
    by_run = {s["run_id"]: Path(s["dumps"]) for s in summaries}
    assert snapshot(together) == one_after_the_other(tmp_path / "in_turn",
                                                     [by_run[run] for run in order])
    assert_sound(together)
