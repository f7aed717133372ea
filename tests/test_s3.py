"""Dumps and warehouse manifests on S3-compatible storage, against a real moto server on
127.0.0.1 (started and stopped here)."""

from __future__ import annotations

import threading

import pytest

from warehouse.manifest import CommitConflict, Manifest, ObjectManifestLog, Part
from warehouse.storage import is_remote, split

BUCKET = "newsledger-test"


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
