"""A night bigger than ``part_mb`` is committed in parts, each an incremental night over the
ones before: the tables must be what one commit gives, a crash between parts must lose
nothing, and running the same dumps again must add nothing."""

from __future__ import annotations

import pytest

from benchmarks.synthetic import write_synthetic_dumps
from flows import corpus, ingest
from flows.cli import run_counts
from flows.nightly import nightly
from tests.flow_helpers import counts, snapshot
from warehouse import Warehouse

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


class Boom(RuntimeError):
    pass


def test_night_part_takes_the_first_megabytes_and_every_problem_file():
    def dump(rel: str, size: int, problem: bool = False) -> ingest.DumpFile:
        problem_of = ingest.Rejected(rel, None, ingest.Reason.UNREADABLE_FILE, "x") if problem else None
        return ingest.DumpFile(path=rel, rel=rel, sha256="0" * 64, size=size, format="jsonl",
                               problem=problem_of)

    mb = 1024 * 1024
    files = [dump("a", mb), dump("b", mb), dump("bad", 0, problem=True), dump("c.gz", mb),
             dump("d", mb)]
    part, left = ingest.night_part(files, 2.5)
    assert [f.rel for f in part] == ["bad", "a", "b"] and left == 2
    part, left = ingest.night_part(files[3:], 0.5)  # a file bigger than a part goes alone
    assert [f.rel for f in part] == ["c.gz"] and left == 1


def test_a_night_in_parts_commits_what_one_commit_does(tmp_path):
    dumps = tmp_path / "dumps"
    write_synthetic_dumps(dumps, 60, seed=41, bad_records=2)
    whole = nightly(dumps=str(dumps), warehouse=str(tmp_path / "one"), batch_mb=0.05)
    parts = nightly(dumps=str(dumps), warehouse=str(tmp_path / "two"), batch_mb=0.05,
                    part_mb=0.03)
    for key in ("files_new", "records", "articles_new", "duplicates", "quarantined", "figures",
                "mentions", "quotes", "stories", "text_reuse"):
        assert parts[key] == whole[key], key
    runs = Warehouse(tmp_path / "two").read("runs").num_rows
    assert runs > 2 and len(parts["part_runs"]) == runs  # committed as several runs
    added = {what: (n, total) for what, n, total in run_counts(str(tmp_path / "two"),
                                                               parts["part_runs"])}
    assert added["articles"] == (parts["articles_new"], parts["articles_new"])
    assert added["quotes"][0] == added["quotes"][1] > 0
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")
    again = nightly(dumps=str(dumps), warehouse=str(tmp_path / "two"), part_mb=0.03)
    assert again["files_new"] == 0 and again["articles_new"] == 0
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


def test_a_crash_between_parts_keeps_the_parts_committed_and_a_rerun_finishes(tmp_path,
                                                                               monkeypatch):
    dumps = tmp_path / "dumps"
    write_synthetic_dumps(dumps, 40, seed=43)
    nightly(dumps=str(dumps), warehouse=str(tmp_path / "one"), batch_mb=0.05)
    expected = snapshot(tmp_path / "one")

    real = corpus.update_similarity
    calls: list[int] = []

    def dies_in_the_second_part(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise Boom("killed in the second part's corpus step")
        return real(*args, **kwargs)

    crashy = tmp_path / "crashy"
    with monkeypatch.context() as patch:
        patch.setattr(corpus, "update_similarity", dies_in_the_second_part)
        with pytest.raises(Boom):
            nightly(dumps=str(dumps), warehouse=str(crashy), batch_mb=0.05, part_mb=0.03)
    first_part = counts(crashy)
    assert 0 < first_part["articles"] < len(expected["articles"])
    nightly(dumps=str(dumps), warehouse=str(crashy), batch_mb=0.05, part_mb=0.03)
    assert snapshot(crashy) == expected
