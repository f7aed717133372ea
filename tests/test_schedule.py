"""The nightly schedule fires: a real Prefect server on loopback, `prefect.yaml` deployed as the
README says, and the scheduler service creates the 02:30 UTC runs.

This caught SQLAlchemy 2.1, under which Prefect 3.8's scheduler fails on every loop
("Can't evaluate bulk DML statement") and no run is ever created.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PREFECT = str(Path(sys.executable).with_name("prefect"))

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, body: dict | None = None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


@pytest.fixture
def prefect_server(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    log = open(tmp_path / "server.log", "w+")  # noqa: SIM115  the server writes it until the end
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(f"{api}/health")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"Prefect server did not start:\n{log.read()[-3000:]}")
                time.sleep(0.5)
        yield api, env, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_deployed_schedule_creates_the_nightly_runs(prefect_server):
    api, env, log = prefect_server
    for cmd in (
        [PREFECT, "work-pool", "create", "newsledger-local", "--type", "process"],
        [PREFECT, "--no-prompt", "deploy", "--all"],
    ):
        done = subprocess.run(cmd, cwd=ROOT, env={**env, "NEWSLEDGER_HOME": str(ROOT)},
                              capture_output=True, text=True, timeout=180, check=False)
        assert done.returncode == 0, done.stdout + done.stderr

    runs: list[dict] = []
    deadline = time.monotonic() + 60
    while not runs and time.monotonic() < deadline:
        time.sleep(1)
        runs = _get(f"{api}/flow_runs/filter", {"limit": 20})
    log.seek(0)
    server_log = log.read()
    assert "bulk DML" not in server_log, server_log[-3000:]
    assert runs, "the scheduler created no runs for the deployed schedule"
    assert {r["state_type"] for r in runs} == {"SCHEDULED"}
    assert all(r["expected_start_time"].endswith(("T02:30:00Z", "T02:30:00+00:00")) for r in runs)
