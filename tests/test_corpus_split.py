"""A big night runs the similarity steps in a second process (``flows.corpus_split``): what it
commits must be what one process commits, on a first night, a later night and a rebuild."""

from __future__ import annotations

import pytest

from benchmarks.synthetic import write_synthetic_dumps
from flows import corpus_split
from flows.nightly import nightly
from flows.rebuild import rebuild
from flows.settings import Settings
from tests.flow_helpers import snapshot

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def test_split_nights_and_rebuild_commit_what_one_process_commits(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    write_synthetic_dumps(first, 40, seed=31)
    write_synthetic_dumps(second, 25, seed=32)
    monkeypatch.setenv("NEWSLEDGER_WORKERS", "2")
    one, two = tmp_path / "one", tmp_path / "two"

    monkeypatch.setattr(corpus_split, "SPLIT_FROM_ARTICLES", 10**9)  # never split
    monkeypatch.setattr(corpus_split, "FRESH_FROM_ARTICLES", 10**9)  # all in the flow's process
    for dumps in (first, second):
        summary = nightly(dumps=str(dumps), warehouse=str(one), batch_mb=0.05)
        assert "similarity_wait" not in summary["stage_seconds"]

    # the whole corpus step in a fresh process (spawned), first unsplit, then split in two
    monkeypatch.setattr(corpus_split, "FRESH_FROM_ARTICLES", 1)
    fresh = tmp_path / "fresh"
    for dumps in (first, second):
        summary = nightly(dumps=str(dumps), warehouse=str(fresh), batch_mb=0.05)
        assert {"settle", "entities", "quotes", "stories"} <= set(summary["stage_seconds"])
        assert "similarity_wait" not in summary["stage_seconds"]
    assert snapshot(fresh) == snapshot(one)

    monkeypatch.setattr(corpus_split, "SPLIT_FROM_ARTICLES", 1)  # always split
    summary = nightly(dumps=str(first), warehouse=str(two), batch_mb=0.05)
    assert {"similarity_wait", "near_duplicates", "text_reuse", "stories"} <= set(
        summary["stage_seconds"])
    assert summary["stories"] > 0 and summary["text_reuse"] >= 0
    summary = nightly(dumps=str(second), warehouse=str(two), batch_mb=0.05)
    assert "similarity_wait" in summary["stage_seconds"]
    assert snapshot(two) == snapshot(one)

    rebuild(Settings(warehouse=str(two), workers=2))
    assert snapshot(two) == snapshot(one)
