"""Progress lines on stderr: stages and batches when the command line asks, nothing otherwise."""

from __future__ import annotations

from flows import progress
from flows.metrics import StageClock


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
