"""Progress lines on stderr: stages and batches when the command line asks, nothing otherwise."""

from __future__ import annotations

import time

from flows import progress
from flows.metrics import StageClock
from flows.summary import RunSummary, finish_summary


def test_stages_and_batches_report_on_stderr_when_enabled(capsys):
    progress.enable(True)
    try:
        with StageClock().stage("ingest"):
            done = list(progress.counted([1, 2, 3], 3, "ingest batch", lambda x: x * 2))
    finally:
        progress.enable(False)
    captured = capsys.readouterr()
    assert done == [2, 4, 6] and captured.out == ""
    lines = captured.err.splitlines()
    assert [line.split("] ", 1)[1] for line in lines[:2]] == ["ingest …", "ingest batch 1/3"]
    assert lines[-1].split("] ", 1)[1].startswith("ingest done in ")


def test_silent_when_not_enabled(capsys):
    progress.enable(False)
    with StageClock().stage("discover"):
        list(progress.counted([1], 1, "batch"))
    assert capsys.readouterr().err == ""


def test_a_runs_peak_memory_is_its_highest_stage_not_its_last():
    """Each stage resets the kernel's peak mark, so the peak read at the end is the last
    stage's; the run reports the highest stage peak instead."""
    clock = StageClock()
    clock.peak_mb.update({"ingest": 1.0, "quotes": 987654.0, "stories": 2.0})
    summary = RunSummary(run_id="r", status="ok", dumps="d", warehouse="w", database="db")
    finish_summary(summary, time.perf_counter(), clock)
    assert summary.peak_rss_mb == 987654.0
