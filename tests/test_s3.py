"""Dumps and warehouse manifests on S3-compatible storage, against a real moto server on
127.0.0.1 (started and stopped here)."""

from __future__ import annotations

import threading

import pytest

from warehouse.manifest import CommitConflict, Manifest, ObjectManifestLog, Part
from warehouse.storage import is_remote, split

BUCKET = "newsledger-test"  # one server per test; moto keeps its state per process, so each
# test's bucket is emptied when it ends


@pytest.fixture
def s3(monkeypatch):
    """A moto S3 server on loopback with one bucket; the AWS environment points at it."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in {"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "test",
                        "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    import boto3

    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=BUCKET)
    fs, _ = split(f"s3://{BUCKET}")
    try:
        yield fs
    finally:
        fs.rm(BUCKET, recursive=True)
        server.stop()


def _manifest(version: int, run_id: str) -> Manifest:
    return Manifest(version=version, run_id=run_id, based_on=version - 1,
                    tables={"articles": [Part(f"articles/{run_id}-a.parquet", 10, "0" * 64)]})


def test_locations_are_local_paths_or_s3_urls(tmp_path):
    assert is_remote("s3://bucket/prefix") and not is_remote(str(tmp_path))
    _fs, path = split("s3://bucket/some/prefix/")
    assert path == "bucket/some/prefix"


def test_a_version_is_created_once_on_s3(s3):
    log = ObjectManifestLog(s3, f"{BUCKET}/wh")
    assert log.versions() == [] and log.latest_noted() is None
    log.create(_manifest(1, "a"))
    with pytest.raises(CommitConflict):
        log.create(_manifest(1, "b"))  # the conditional put refuses: version 1 exists
    assert log.read(1).run_id == "a"
    log.create(_manifest(2, "b"))
    assert log.versions() == [1, 2] and log.latest_noted() == 2
    log.remove(1)
    assert log.versions() == [2]
    assert log.read(2).tables["articles"][0].path == "articles/b-a.parquet"


def test_of_runs_racing_for_one_version_exactly_one_commits(s3):
    log = ObjectManifestLog(s3, f"{BUCKET}/race")
    outcomes: dict[str, str] = {}
    start = threading.Barrier(4)

    def commit(run_id: str) -> None:
        start.wait()
        try:
            log.create(_manifest(1, run_id))
            outcomes[run_id] = "committed"
        except CommitConflict:
            outcomes[run_id] = "conflict"

    threads = [threading.Thread(target=commit, args=(f"run{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["committed", "conflict", "conflict", "conflict"]
    winner = next(r for r, o in outcomes.items() if o == "committed")
    assert log.read(1).run_id == winner


# ---------------------------------------------------------------------- the nightly flow on S3


def _analysts_read_the_bucket(url: str, local, articles: int) -> None:
    """connect(), load() and `newsledger query` on the s3:// warehouse read the objects in the
    bucket through DuckDB's registered fsspec filesystem, with no extension and no local copy."""
    import io
    import json
    import shutil
    from contextlib import redirect_stdout

    from flows.cli import main
    from warehouse import Warehouse, connect, load

    shutil.rmtree(Warehouse(url).root)  # no cached parts: the views must read the bucket
    con = connect(url)
    try:
        assert con.execute("select count(*) from articles").fetchone()[0] == articles
        assert con.execute("select count(*) from quotes").fetchone()[0] == \
            connect(str(local)).execute("select count(*) from quotes").fetchone()[0]
        loaded = {name for (name,) in con.execute(
            "select extension_name from duckdb_extensions() where loaded").fetchall()}
        assert "httpfs" not in loaded
    finally:
        con.close()
    cached = [p for p in Warehouse(url).root.rglob("*.parquet") if "_empty" not in p.parts]
    assert cached == []
    frame = load("articles", url)
    assert sorted(frame["article_id"]) == sorted(load("articles", str(local))["article_id"])
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["query", "select count(*) as n from articles", "--warehouse", url,
                     "--format", "json"]) == 0
    assert json.loads(out.getvalue()) == [{"n": articles}]


def _upload(fs, folder, prefix: str) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            fs.put_file(str(path), f"{prefix}/{path.relative_to(folder).as_posix()}")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLEDGER_CACHE", str(folder))
    return folder


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_a_run_on_s3_dumps_into_an_s3_warehouse_equals_the_local_run(s3, tmp_path, cache):
    from benchmarks.synthetic import write_synthetic_dumps
    from flows.nightly import nightly
    from tests.flow_helpers import snapshot
    from warehouse import Warehouse
    from warehouse.verify import verify

    dumps = tmp_path / "dumps"
    write_synthetic_dumps(dumps, 30, seed=4, bad_records=2)
    _upload(s3, dumps, f"{BUCKET}/dumps")
    local = tmp_path / "local"
    nightly(dumps=str(dumps), warehouse=str(local))

    url = f"s3://{BUCKET}/wh"
    summary = nightly(dumps=f"s3://{BUCKET}/dumps", warehouse=url)
    assert summary["status"] == "ok" and summary["articles_new"] > 0
    assert summary["dumps"] == f"s3://{BUCKET}/dumps" and summary["warehouse"] == url
    # the same rows; the ledger records the same relative paths and hashes
    assert snapshot(url) == snapshot(local)
    # committed in the bucket: the versions and parts are objects there; no staging is left
    assert s3.ls(f"{BUCKET}/wh/_manifests")
    assert not s3.exists(f"{BUCKET}/wh/_staging") or not s3.ls(f"{BUCKET}/wh/_staging")
    assert verify(Warehouse(url))[1] == []
    # verify reads the objects in the bucket, not the local cache
    first = Warehouse(url).manifest().parts("articles")[0]
    s3.pipe_file(f"{BUCKET}/wh/{first.path}", b"not parquet")
    assert [p.path for p in verify(Warehouse(url))[1]] == [first.path]
    assert [w.split(":")[0] for w in Warehouse(url).missing_files()] == [first.path]
    s3.put_file(str(Warehouse(url).root / first.path), f"{BUCKET}/wh/{first.path}")
    _analysts_read_the_bucket(url, local, summary["articles_new"])
    # a second night over the same dumps (the command: a quiet night, no Prefect) adds nothing
    # but its run row
    import io
    import json
    from contextlib import redirect_stdout

    from flows.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["run", "--dumps", f"s3://{BUCKET}/dumps", "--warehouse", url, "--json",
                     "--quiet"]) == 0
    again = json.loads(out.getvalue())
    assert (again["files_new"], again["files_seen"]) == (0, summary["files_seen"])
    assert snapshot(url) == snapshot(local)
    assert len(Warehouse(url).log.versions()) == 2


def _start_run(tmp_path, dumps: str, warehouse: str, name: str):
    """A real `newsledger run` in its own process with its own cache (as on another machine)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "NEWSLEDGER_WORKERS": "1", "PREFECT_API_URL": PREFECT_API_URL.value(),
           "NEWSLEDGER_CACHE": str(tmp_path / f"cache-{name}")}
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--dumps", dumps, "--warehouse", warehouse,
         "--json"], env=env, stdout=subprocess.PIPE,
        stderr=(tmp_path / f"{name}.log").open("wb"), cwd=Path(__file__).resolve().parents[1])


def _finish(tmp_path, proc, name: str) -> dict:
    import json

    out, _ = proc.communicate()
    assert proc.returncode == 0, (tmp_path / f"{name}.log").read_text()[-3000:]
    return json.loads(out)


def _in_turn(tmp_path, s3, folders) -> dict:
    from flows.nightly import nightly
    from tests.flow_helpers import snapshot

    target = tmp_path / "in_turn"
    for folder in folders:
        nightly(dumps=str(folder), warehouse=str(target))
    return snapshot(target)


def _assert_sound(s3, url: str) -> None:
    from warehouse import Warehouse
    from warehouse.verify import verify

    assert verify(Warehouse(url))[1] == []
    assert not s3.exists(url.removeprefix("s3://") + "/_staging") or not s3.ls(
        url.removeprefix("s3://") + "/_staging")


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_a_run_overtaken_on_s3_re_plans_on_top_of_the_other(s3, tmp_path, cache, monkeypatch):
    """Run B has staged its files when run A (another process, another cache) commits to the
    same bucket: B's conditional put of the same version is refused and B re-plans."""
    from benchmarks.synthetic import write_synthetic_dumps
    from flows import nightly as nightly_module
    from flows.nightly import nightly
    from tests.flow_helpers import snapshot
    from warehouse import Warehouse

    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    write_synthetic_dumps(ours, 10, seed=1, bad_records=1)
    write_synthetic_dumps(theirs, 10, seed=2)
    _upload(s3, ours, f"{BUCKET}/ours")
    _upload(s3, theirs, f"{BUCKET}/theirs")
    url = f"s3://{BUCKET}/together"
    overtaken: list[dict] = []
    settle = nightly_module.settle_and_resolve

    def settle_after_another_run(warehouse_dir, staging, *args, **kwargs):
        if not overtaken:
            run = _start_run(tmp_path, f"s3://{BUCKET}/theirs", url, "a")
            overtaken.append(_finish(tmp_path, run, "a"))
        return settle(warehouse_dir, staging, *args, **kwargs)

    with monkeypatch.context() as patch:  # (undo() would drop the fixture's AWS environment)
        patch.setattr(nightly_module, "settle_and_resolve", settle_after_another_run)
        ours_summary = nightly(dumps=f"s3://{BUCKET}/ours", warehouse=url)
    [theirs_summary] = overtaken
    order = [m.run_id for m in Warehouse(url).manifests() if m.run_id]
    assert order == [theirs_summary["run_id"], ours_summary["run_id"]]
    assert snapshot(url) == _in_turn(tmp_path, s3, [theirs, ours])
    _assert_sound(s3, url)


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_two_runs_at_once_on_s3_equal_them_one_after_the_other(s3, tmp_path, cache):
    from benchmarks.synthetic import write_synthetic_dumps
    from tests.flow_helpers import snapshot
    from warehouse import Warehouse

    first, second = tmp_path / "d1", tmp_path / "d2"
    write_synthetic_dumps(first, 10, seed=3)
    write_synthetic_dumps(second, 10, seed=4, bad_records=1)
    _upload(s3, first, f"{BUCKET}/d1")
    _upload(s3, second, f"{BUCKET}/d2")
    url = f"s3://{BUCKET}/together"
    procs = {name: _start_run(tmp_path, f"s3://{BUCKET}/{name}", url, name)
             for name in ("d1", "d2")}
    summaries = {name: _finish(tmp_path, proc, name) for name, proc in procs.items()}
    order = [m.run_id for m in Warehouse(url).manifests() if m.run_id]
    by_run = {s["run_id"]: tmp_path / name for name, s in summaries.items()}
    assert sorted(order) == sorted(by_run)
    assert snapshot(url) == _in_turn(tmp_path, s3, [by_run[run] for run in order])
    _assert_sound(s3, url)


# ---------------------------------------------------------------------- the store on S3


def _quarantine_row(path: str) -> dict:
    from datetime import UTC, datetime

    return {"run_id": "r1", "dump_sha256": "x", "path": path, "record_no": 1, "stage": "read",
            "reason": "binary_content", "detail": "", "sample": "",
            "quarantined_at": datetime(2024, 1, 1, tzinfo=UTC)}


def test_retention_on_s3_drops_old_versions_and_their_objects(s3, cache):
    from warehouse import Warehouse

    wh = Warehouse(f"s3://{BUCKET}/kept")
    for run, ids in (("r1", ["a", "b"]), ("r2", ["c"])):
        staging = wh.begin(run)
        assert staging.location == f"s3://{BUCKET}/kept/_staging/{run}"
        staging.replace("story_articles", [{"story_id": "s", "article_id": i} for i in ids])
        staging.write("quarantine", [_quarantine_row(run)])
        wh.finish(wh.commit(staging))
    assert wh.read("story_articles").column("article_id").to_pylist() == ["c"]
    assert sorted(wh.read("quarantine").column("path").to_pylist()) == ["r1", "r2"]
    assert len(s3.ls(f"{BUCKET}/kept/story_articles")) == 2  # version 1 is still kept
    from flows.cli import main

    assert main(["verify", "--warehouse", f"s3://{BUCKET}/kept"]) == 0
    assert main(["vacuum", "--warehouse", f"s3://{BUCKET}/kept", "--keep-versions", "1",
                 "--keep-hours", "0"]) == 0
    assert wh.log.versions() == [2]
    assert len(s3.ls(f"{BUCKET}/kept/story_articles")) == 1
    assert sorted(wh.read("quarantine").column("path").to_pylist()) == ["r1", "r2"]


def test_a_dead_runs_leftovers_go_and_a_live_runs_stay(s3, cache, monkeypatch):
    from warehouse import Warehouse, object_store
    from warehouse.store import _HELD

    wh = Warehouse(f"s3://{BUCKET}/wh")
    staging = wh.begin("r1")
    staging.write("quarantine", [_quarantine_row("kept")])
    wh.commit(staging)
    live = wh.begin("r3")  # holds a fresh lease
    doomed = wh.begin("r2")
    # a run killed after its workers staged a part and after one upload, before its commit
    s3.pipe_file(f"{BUCKET}/wh/_staging/r2/ingest/quarantine/r2-x.parquet", b"staged")
    s3.pipe_file(f"{BUCKET}/wh/quarantine/r2-orphan.parquet", b"uploaded")
    doomed._closed.set()  # its lease is no longer renewed
    _HELD.pop(doomed.path)
    wh.recover()  # its lease is still fresh: as another machine's live run, it is left alone
    assert s3.exists(f"{BUCKET}/wh/_staging/r2/ingest/quarantine/r2-x.parquet")
    # the lease runs out (and the objects count as older than the scan)
    monkeypatch.setattr(object_store, "LEASE_SECONDS", 0.0)
    monkeypatch.setattr(object_store, "CLOCK_SLACK_SECONDS", -3600.0)
    removed = wh.recover()
    assert f"{BUCKET}/wh/quarantine/r2-orphan.parquet" in removed
    assert not s3.exists(f"{BUCKET}/wh/_staging/r2/ingest/quarantine/r2-x.parquet")
    assert s3.exists(f"{BUCKET}/wh/_staging/r3/.lease")  # this process holds r3: alive
    assert wh.read("quarantine").column("path").to_pylist() == ["kept"]
    live.close()


def test_a_first_commit_under_way_is_not_data_without_a_manifest(s3, cache):
    from warehouse import Warehouse
    from warehouse.manifest import ManifestMissing

    wh = Warehouse(f"s3://{BUCKET}/first")
    publishing = wh.begin("r1")  # live: its lease is fresh
    s3.pipe_file(f"{BUCKET}/first/quarantine/r1-a.parquet", b"uploaded before version 1")
    assert Warehouse(f"s3://{BUCKET}/first").manifest().version == 0
    publishing.close()  # gone without a commit: now the object is data with no manifest
    s3.pipe_file(f"{BUCKET}/first/quarantine/r1-a.parquet", b"uploaded before version 1")
    with pytest.raises(ManifestMissing):
        Warehouse(f"s3://{BUCKET}/first").manifest()


def test_dumps_in_a_bucket_are_listed_and_streamed_like_a_folder(s3, tmp_path):
    from flows.ingest import discover, dumps_exist, dumps_name, sha256_file

    s3.pipe_file(f"{BUCKET}/in/a/one.txt", b"Title\n\nA body of text.\n")
    s3.pipe_file(f"{BUCKET}/in/.hidden/two.txt", b"never read")
    s3.pipe_file(f"{BUCKET}/in/b/.three.txt", b"never read")
    found = discover(f"s3://{BUCKET}/in", set())
    assert [(f.rel, f.path, f.size) for f in found.files] == [
        ("a/one.txt", f"s3://{BUCKET}/in/a/one.txt", 23)]
    assert (found.seen, found.skipped) == (1, 2)
    assert found.files[0].sha256 == sha256_file(f"s3://{BUCKET}/in/a/one.txt")
    one = discover(f"s3://{BUCKET}/in/a/one.txt", set())  # a single object, like a single file
    assert [f.rel for f in one.files] == ["one.txt"]
    assert discover(f"s3://{BUCKET}/in", {found.files[0].sha256}).files == []
    assert dumps_exist(f"s3://{BUCKET}/in") and not dumps_exist(f"s3://{BUCKET}/nothing")
    assert dumps_name(f"s3://{BUCKET}/in") == f"s3://{BUCKET}/in"
