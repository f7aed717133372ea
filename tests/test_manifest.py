"""The versioned commit protocol: create-only versions, conflicts, retention, refusal, checksums."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from warehouse import Warehouse, build_database, connect
from warehouse.duck import open_database
from warehouse.manifest import (
    CommitConflict,
    Manifest,
    ManifestMissing,
    ManifestUnreadable,
    Part,
    Retention,
)
from warehouse.store import WarehouseDamaged
from warehouse.verify import verify


def row(path: str, run: str = "r") -> dict:
    return {"run_id": run, "dump_sha256": "x", "path": path, "record_no": 1, "stage": "read",
            "reason": "binary_content", "detail": "", "sample": "",
            "quarantined_at": datetime(2024, 1, 1, tzinfo=UTC)}


def commit(wh: Warehouse, run: str, paths: list[str], story: list[str] | None = None) -> Manifest:
    staging = wh.begin(run)
    staging.write("quarantine", [row(p, run) for p in paths])
    if story is not None:
        staging.replace("story_articles", [{"story_id": "s", "article_id": a} for a in story])
    return wh.commit(staging)


def paths(wh: Warehouse, manifest: Manifest | None = None) -> list[str]:
    return sorted(wh.read("quarantine", manifest=manifest).column("path").to_pylist())


def test_each_commit_creates_the_next_version_and_never_rewrites_one(tmp_path):
    wh = Warehouse(tmp_path)
    first = commit(wh, "r1", ["a"])
    before = wh.log.path(1).read_bytes()
    second = commit(wh, "r2", ["b"])
    assert (first.version, second.version, second.based_on) == (1, 2, 1)
    assert wh.log.versions() == [1, 2]
    assert wh.log.path(1).read_bytes() == before
    assert paths(wh) == ["a", "b"] and paths(wh, wh.manifest(1)) == ["a"]


def test_a_run_that_finds_a_newer_version_gets_a_conflict_and_loses_nothing(tmp_path):
    wh = Warehouse(tmp_path)
    commit(wh, "r0", ["base"])
    slow, fast = wh.begin("slow"), wh.begin("fast")
    slow.write("quarantine", [row("slow")])
    fast.write("quarantine", [row("fast")])
    wh.commit(fast)
    with pytest.raises(CommitConflict, match="re-plan"):
        wh.commit(slow)
    slow.abandon()
    assert paths(wh) == ["base", "fast"]
    assert not wh.missing_files()
    # re-planned on top of the newer version, the slow run commits
    again = wh.begin("slow")
    again.write("quarantine", [row("slow")])
    assert wh.commit(again).version == 3
    assert paths(wh) == ["base", "fast", "slow"]


def test_the_version_file_is_created_only_once(tmp_path):
    wh = Warehouse(tmp_path)
    commit(wh, "r1", ["a"])
    with pytest.raises(CommitConflict):
        wh.log.create(Manifest(version=1, based_on=0, run_id="intruder"))
    assert wh.manifest().run_id == "r1"


def test_one_runs_recovery_never_touches_a_live_runs_files(tmp_path):
    wh = Warehouse(tmp_path)
    commit(wh, "r0", ["base"])
    live = wh.begin("live")
    live.write("quarantine", [row("live")])
    os.utime(live.path, (0, 0))  # old enough to look abandoned, but its lock is held
    wh.begin("other").abandon()  # begin() recovers
    assert live.path.is_dir() and all(p.exists() for p in live.staged["quarantine"])
    wh.commit(live)
    assert paths(wh) == ["base", "live"]


def test_a_dead_runs_staging_and_orphans_are_recovered(tmp_path):
    wh = Warehouse(tmp_path)
    commit(wh, "r0", ["kept"])
    script = ("import sys; from warehouse import Warehouse; s = Warehouse(sys.argv[1]).begin('dead');"
              "s.write('quarantine', [])")
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True,
                   cwd=Path(__file__).resolve().parents[1])
    dead = tmp_path / "_staging" / "dead"
    orphan = tmp_path / "quarantine" / "dead-orphan.parquet"
    next(dead.rglob("*.parquet")).rename(orphan)
    half_commit = wh.log.folder / ".00000000000000000002.json.1234.tmp"
    half_commit.write_text("{")
    for path in (dead, orphan, half_commit):
        os.utime(path, (0, 0))
    removed = wh.recover()
    assert {str(orphan), str(dead), str(half_commit)} <= set(removed)
    assert paths(wh) == ["kept"]


def test_old_versions_and_their_files_stay_for_held_readers_until_vacuumed(tmp_path):
    wh = Warehouse(tmp_path)
    commit(wh, "r1", [], story=["a", "b"])
    build_database(wh)
    held = open_database(tmp_path)
    try:
        for run in ("r2", "r3"):
            manifest = commit(wh, run, [], story=["c"])
            build_database(wh, manifest)
            wh.finish(manifest)
        # the held connection still reads the version it opened
        assert held.execute("select count(*) from story_articles").fetchone() == (2,)
    finally:
        held.close()
    assert len(list((tmp_path / "story_articles").iterdir())) == 3
    report = wh.vacuum(Retention(versions=1, hours=0))
    assert report.versions == [1, 2]
    assert len(list((tmp_path / "story_articles").iterdir())) == 1
    assert wh.read("story_articles").column("article_id").to_pylist() == ["c"]


def test_retention_keeps_the_newest_versions_or_the_recent_ones():
    now = datetime(2026, 1, 2, tzinfo=UTC)
    manifests = [Manifest(version=v, committed_at=(now - timedelta(hours=3 * (13 - v))).isoformat())
                 for v in range(1, 13)]  # version 1 is 36 h old, version 12 3 h
    kept = {m.version for m in Retention(versions=10, hours=24).kept(manifests, now)}
    assert kept == set(range(3, 13))  # the newest ten (which include every one under 24 h)
    kept = {m.version for m in Retention(versions=10, hours=34).kept(manifests, now)}
    assert kept == set(range(2, 13))  # and any younger than the period
    assert {m.version for m in Retention(versions=2, hours=0).kept(manifests, now)} == {11, 12}


def test_query_as_of_an_earlier_run(tmp_path):
    wh = Warehouse(tmp_path)
    commit(wh, "r1", ["a"])
    commit(wh, "r2", ["b"])
    con = connect(tmp_path, as_of="r1")
    try:
        assert con.execute("select path from quarantine").fetchall() == [("a",)]
    finally:
        con.close()


@pytest.mark.parametrize("damage", ["delete", "garble"])
def test_a_missing_or_unreadable_manifest_with_data_is_refused_naming_the_file(tmp_path, damage):
    wh = Warehouse(tmp_path)
    commit(wh, "r1", ["a"])
    newest = wh.log.path(1)
    if damage == "delete":
        newest.unlink()
        expected, named = ManifestMissing, str(wh.log.folder)
    else:
        newest.write_text('{"version": 1, "tables": ')
        expected, named = ManifestUnreadable, str(newest)
    for attempt in (wh.manifest, lambda: wh.begin("r2"), lambda: connect(tmp_path)):
        with pytest.raises(expected) as info:
            attempt()
        assert named in str(info.value)
    assert list((tmp_path / "quarantine").glob("*.parquet")), "no data was deleted"


def test_a_deleted_newest_version_is_refused_not_rolled_back(tmp_path):
    wh = Warehouse(tmp_path)
    commit(wh, "r1", ["a"])
    commit(wh, "r2", ["b"])
    wh.log.path(2).unlink()
    with pytest.raises(ManifestMissing) as info:
        wh.begin("r3")
    assert str(wh.log.path(2)) in str(info.value)
    assert len(list((tmp_path / "quarantine").glob("*.parquet"))) == 2, "nothing was deleted"


def test_an_empty_folder_is_an_empty_warehouse(tmp_path):
    assert Warehouse(tmp_path).manifest().version == 0


def test_a_legacy_single_manifest_is_read_and_superseded(tmp_path):
    wh = Warehouse(tmp_path)
    first = commit(wh, "r1", ["a"])
    legacy = {"version": 1, "run_id": "r1", "committed_at": first.committed_at,
              "tables": {t: [p.path for p in ps] for t, ps in first.tables.items()}}
    (tmp_path / "_manifest.json").write_text(json.dumps(legacy))
    shutil.rmtree(wh.log.folder)  # a warehouse from before versions has only _manifest.json
    assert paths(wh) == ["a"]
    assert commit(wh, "r2", ["b"]).version == 2
    assert not (tmp_path / "_manifest.json").exists()
    assert paths(wh) == ["a", "b"]


def test_parts_carry_size_and_checksum_and_verify_names_damage(tmp_path):
    wh = Warehouse(tmp_path)
    manifest = commit(wh, "r1", ["a"], story=["x"])
    [part] = manifest.parts("quarantine")
    target = tmp_path / part.path
    assert part.size == target.stat().st_size and len(part.sha256 or "") == 64
    assert verify(wh) == (2, [])
    data = bytearray(target.read_bytes())
    data[len(data) // 2: len(data) // 2 + 16] = bytes(16)  # zeroed bytes inside the part
    target.write_bytes(bytes(data))
    _, problems = verify(wh)
    assert [p.path for p in problems] == [part.path] and "sha256" in problems[0].what


def test_a_run_refuses_to_start_when_listed_files_are_missing(tmp_path):
    wh = Warehouse(tmp_path)
    manifest = commit(wh, "r1", ["a"])
    (tmp_path / manifest.files("quarantine")[0]).unlink()
    with pytest.raises(WarehouseDamaged, match="missing"):
        wh.begin("r2")
    assert verify(wh)[1][0].what == "missing"


def test_a_retried_commit_returns_the_same_version(tmp_path):
    wh = Warehouse(tmp_path)
    staging = wh.begin("r1")
    staging.write("quarantine", [row("a")])
    first = wh.commit(staging)
    assert wh.commit(staging).version == first.version == 1


def test_parts_from_before_checksums_are_still_verified_by_reading_them():
    part = Part("quarantine/x.parquet")
    assert (part.size, part.sha256) == (None, None)
