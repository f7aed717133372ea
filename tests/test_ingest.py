"""Ingest planning without Prefect: discovery by content hash, batching, bounded part writing."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows.ingest import discover, ingest_files, list_dump_files, plan_batches


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


ARTICLE = "A headline\n\n" + " ".join(f"word{i}" for i in range(60)) + ".\n"


def test_discover_skips_known_hashes_and_same_bytes_twice(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "sub" / "copy.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE + "more")
    write(tmp_path / ".hidden", "ignored")
    new, seen = discover(tmp_path, known=set())
    assert seen == 3
    assert [f.rel for f in new] == ["a.txt", "b.txt"]
    again, _ = discover(tmp_path, known={f.sha256 for f in new})
    assert again == []


def test_symlinked_folders_are_followed_once_even_in_a_cycle(tmp_path):
    real = tmp_path / "real"
    write(real / "x.txt", ARTICLE)
    (tmp_path / "dumps").mkdir()
    (tmp_path / "dumps" / "link").symlink_to(real)
    (real / "loop").symlink_to(real)
    files = list(list_dump_files(tmp_path / "dumps"))
    assert [p.name for p in files] == ["x.txt"]


def test_batches_respect_size_and_keep_big_files_alone(tmp_path):
    for i, size in enumerate([10, 10, 5000, 10]):
        write(tmp_path / f"f{i}.txt", str(i) * size)
    files, _ = discover(tmp_path, set())
    batches = plan_batches(files, batch_mb=0.002)
    assert [len(b) for b in batches] == [2, 1, 1]


def test_unsupported_and_bad_files_are_quarantined_with_reasons(tmp_path):
    write(tmp_path / "notes.docx", "not a dump")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    write(tmp_path / "good.txt", ARTICLE)
    files, _ = discover(tmp_path, set())
    result = ingest_files(files, tmp_path / "stage", "r1", flush_rows=1)
    assert (result.files, result.articles) == (3, 1)
    quarantine = pq.read_table(result.parts["quarantine"]).to_pylist()
    reasons = {(q["path"], q["reason"]) for q in quarantine}
    assert ("notes.docx", "unsupported_format") in reasons
    assert any(path == "junk.txt" for path, _ in reasons)
    ledger = pq.read_table(result.parts["dump_files"]).to_pylist()
    assert sorted(r["path"] for r in ledger) == ["good.txt", "junk.txt", "notes.docx"]


def test_rows_are_flushed_in_parts_so_memory_stays_bounded(tmp_path):
    for i in range(5):
        write(tmp_path / f"a{i}.txt", f"Headline {i}\n\n" + ARTICLE.replace("word", f"w{i}x"))
    files, _ = discover(tmp_path, set())
    result = ingest_files(files, tmp_path / "stage", "r1", flush_rows=2)
    assert result.articles == 5
    assert len(result.parts["articles"]) == 3


def test_batches_in_one_reused_process_never_overwrite_each_others_parts(tmp_path):
    """Pool processes are reused: two batches there must not pick the same part names."""
    paths = []
    for i in range(4):
        write(tmp_path / "d" / f"a{i}.txt", f"Headline {i}\n\n" + ARTICLE.replace("word", f"v{i}y"))
        files, _ = discover(tmp_path / "d" / f"a{i}.txt", set())
        result = ingest_files(files, tmp_path / "stage", "r1", flush_rows=1)
        paths += result.parts["articles"]
    assert len(set(paths)) == 4
    assert sum(pq.read_table(p).num_rows for p in paths) == 4


def test_a_part_name_collision_fails_loudly_instead_of_losing_rows(tmp_path, monkeypatch):
    from flows import ingest

    class Same:
        hex = "0" * 32

    monkeypatch.setattr(ingest.uuid, "uuid4", lambda: Same())
    write(tmp_path / "d" / "a.txt", ARTICLE)
    files, _ = discover(tmp_path / "d", set())
    ingest_files(files, tmp_path / "stage", "r1", flush_rows=1)
    with pytest.raises(FileExistsError):
        ingest_files(files, tmp_path / "stage", "r1", flush_rows=1)
