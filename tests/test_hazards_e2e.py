"""The real nightly flow over a dumps folder full of hazards finishes, stores the good articles,
reports each hazard once, and a second night adds only its run row (issue 10)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flows.nightly import nightly
from tests.flow_helpers import counts
from warehouse import Warehouse

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def article(n: int) -> str:
    return (f"Harbour report {n}\n\nThe council of district {n} met on Tuesday. "
            + " ".join(f"item{n}x{k}" for k in range(30)) + " were approved by the members.\n")


def test_a_night_over_hazards_finishes_and_the_next_is_quiet(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "good.txt").write_text(article(1))
    (Path(os.fsdecode(bytes(dumps))) / os.fsdecode(b"caf\xe9.txt")).write_text(article(2))
    (dumps / "feed.jsonl").write_text(json.dumps(
        {"title": "Lone \ud83d surrogate", "text": article(3).split("\n\n", 1)[1]}) + "\n")
    os.mkfifo(dumps / "pipe.jsonl")
    (dumps / "dangling.txt").symlink_to(dumps / "gone.txt")
    (tmp_path / "secret.txt").write_text(article(4))
    (dumps / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (dumps / ".hidden.txt").write_text(article(5))
    wh = tmp_path / "wh"

    first = nightly(dumps=str(dumps), warehouse=str(wh))
    assert first["status"] == "ok"
    assert (first["files_new"], first["articles_new"], first["files_skipped"]) == (3, 3, 1)
    warehouse = Warehouse(wh)
    titles = set(warehouse.read("articles").column("title").to_pylist())
    assert titles == {"Harbour report 1", "Harbour report 2", "Lone \ufffd surrogate"}
    reasons = {(q["path"], q["reason"]) for q in warehouse.read("quarantine").to_pylist()}
    assert reasons == {("pipe.jsonl", "not_a_regular_file"), ("dangling.txt", "dangling_link"),
                       ("escape.txt", "outside_dumps"), ("feed.jsonl", "repaired_text")}

    before = counts(wh)
    second = nightly(dumps=str(dumps), warehouse=str(wh))
    assert (second["files_new"], second["articles_new"], second["files_skipped"]) == (0, 0, 4)
    after = counts(wh)
    assert after.pop("runs") == before.pop("runs") + 1 and after == before
