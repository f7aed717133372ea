"""Ingest without Prefect: discovery by content hash, batching, bounded part writing, and the
hazards of issue 10 (paths that are not files, an honest ledger, good articles kept)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows import ingest
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
    found = discover(tmp_path, known=set())
    assert (found.seen, found.skipped) == (3, 1)  # the hidden file is a counted skip
    assert [f.rel for f in found.files] == ["a.txt", "b.txt"]
    assert discover(tmp_path, known={f.sha256 for f in found.files}).files == []


def test_symlinked_folders_are_followed_once_even_in_a_cycle(tmp_path):
    dumps = tmp_path / "dumps"
    real = dumps / "real"
    write(real / "x.txt", ARTICLE)
    (dumps / "link").symlink_to(real)
    (real / "loop").symlink_to(real)
    files = list(list_dump_files(dumps))
    assert [p.name for p in files] == ["x.txt"]
    found = discover(dumps, set())
    assert [(f.rel, f.problem.reason) for f in found.files if f.problem] == [
        ("link/loop", "link_loop")]
    assert found.skipped == 1  # real/ is reached a second time (first through "link")


def test_batches_respect_size_and_keep_big_files_alone(tmp_path):
    for i, size in enumerate([10, 10, 5000, 10]):
        write(tmp_path / f"f{i}.txt", str(i) * size)
    batches = plan_batches(discover(tmp_path, set()).files, batch_mb=0.002)
    assert [len(b) for b in batches] == [2, 1, 1]


def test_batches_are_cut_smaller_so_every_worker_gets_several(tmp_path):
    for i in range(8):  # 2.4 MB in all: one batch of the 64 MB default
        (tmp_path / f"f{i}.txt").write_bytes(str(i).encode() * 300_000)
    files = discover(tmp_path, set()).files
    assert [len(b) for b in plan_batches(files, batch_mb=64)] == [8]
    # two workers: a batch per worker would be 1.2 MB, four per worker 0.3 MB, the floor 1 MB
    assert [len(b) for b in plan_batches(files, batch_mb=64, workers=2)] == [3, 3, 2]
    assert [len(b) for b in plan_batches(files, batch_mb=0.002, workers=2)] == [1] * 8


def test_compressed_files_weigh_double_and_big_batches_go_first(tmp_path):
    write(tmp_path / "a.txt", "a" * 3000)
    write(tmp_path / "b.jsonl", "b" * 3000)
    (tmp_path / "c.jsonl.gz").write_bytes(b"c" * 3100)  # 6,200 bytes of work
    (tmp_path / "d.zip").write_bytes(b"d" * 1000)  # 2,000
    files = discover(tmp_path, set()).files
    one = plan_batches(files, batch_mb=0.006)  # one worker: file order kept
    assert [[f.rel for f in b] for b in one] == [["a.txt", "b.jsonl"], ["c.jsonl.gz"], ["d.zip"]]
    two = plan_batches(files, batch_mb=0.006, workers=2)
    assert [[f.rel for f in b] for b in two] == [["c.jsonl.gz"], ["a.txt", "b.jsonl"], ["d.zip"]]


def test_unsupported_and_bad_files_are_quarantined_with_reasons(tmp_path):
    write(tmp_path / "notes.docx", "not a dump")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    write(tmp_path / "good.txt", ARTICLE)
    result = ingest_files(discover(tmp_path, set()).files, tmp_path / "stage", "r1", flush_rows=1)
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
    result = ingest_files(discover(tmp_path, set()).files, tmp_path / "stage", "r1", flush_rows=2)
    assert result.articles == 5
    assert len(result.parts["articles"]) == 3


def test_batches_in_one_reused_process_never_overwrite_each_others_parts(tmp_path):
    """Pool processes are reused: two batches there must not pick the same part names."""
    paths = []
    for i in range(4):
        write(tmp_path / "d" / f"a{i}.txt", f"Headline {i}\n\n" + ARTICLE.replace("word", f"v{i}y"))
        files = discover(tmp_path / "d" / f"a{i}.txt", set()).files
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
    files = discover(tmp_path / "d", set()).files
    ingest_files(files, tmp_path / "stage", "r1", flush_rows=1)
    with pytest.raises(FileExistsError):
        ingest_files(files, tmp_path / "stage", "r1", flush_rows=1)


# ---------------------------------------------------------------------- hazards (issue 10)


def run_ingest(dumps: Path, stage: Path, known: frozenset[str] = frozenset()):
    """discover + ingest_files as the nightly flow does; returns (result, rows per table)."""
    found = discover(dumps, set(known))
    result = ingest_files(found.files, stage, "r1", flush_rows=50)
    tables = {t: [r for p in parts for r in pq.read_table(p).to_pylist()]
              for t, parts in result.parts.items()}
    return result, tables


def reasons(tables) -> set[tuple[str, str]]:
    return {(q["path"], q["reason"]) for q in tables.get("quarantine", [])}


def titles(tables) -> set[str]:
    return {a["title"] for a in tables.get("articles", [])}


def headline(n: int) -> str:
    return f"Headline {n}\n\n" + ARTICLE.replace("word", f"h{n}w")


def test_paths_that_are_not_regular_files_become_quarantine_rows_and_never_stop_the_run(tmp_path):
    dumps = tmp_path / "dumps"
    write(dumps / "good.txt", headline(1))
    os.mkfifo(dumps / "pipe.jsonl")  # opening it for reading would block forever
    (dumps / "dangling.txt").symlink_to(dumps / "gone.txt")
    (dumps / "loop-a.txt").symlink_to(dumps / "loop-b.txt")
    (dumps / "loop-b.txt").symlink_to(dumps / "loop-a.txt")
    write(tmp_path / "secret.txt", headline(99))
    (dumps / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (dumps / "escape-dir").symlink_to(tmp_path)
    result, tables = run_ingest(dumps, tmp_path / "stage")
    assert titles(tables) == {"Headline 1"}
    assert reasons(tables) == {
        ("pipe.jsonl", "not_a_regular_file"), ("dangling.txt", "dangling_link"),
        ("loop-a.txt", "link_loop"), ("loop-b.txt", "link_loop"),
        ("escape.txt", "outside_dumps"), ("escape-dir", "outside_dumps")}
    assert [r["path"] for r in tables["dump_files"]] == ["good.txt"]
    assert result.quarantined == 6


def test_unreadable_files_and_folders_are_quarantined(tmp_path, monkeypatch):
    from flows import dump_tree as tree

    dumps = tmp_path / "dumps"
    write(dumps / "good.txt", headline(1))
    write(dumps / "locked" / "inside.txt", headline(2))
    write(dumps / "secret.txt", headline(3))
    real_scandir, real_open = os.scandir, tree.open_regular

    def scandir(path):  # the tests run as root, for whom chmod 000 changes nothing
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def open_regular(path):
        if path.endswith("secret.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path)

    monkeypatch.setattr(tree.os, "scandir", scandir)
    monkeypatch.setattr(tree, "open_regular", open_regular)
    monkeypatch.setattr(ingest, "open_regular", open_regular)
    _, tables = run_ingest(dumps, tmp_path / "stage")
    assert titles(tables) == {"Headline 1"}
    assert reasons(tables) == {("locked", "unreadable_folder"), ("secret.txt", "unreadable_file")}


def test_a_file_name_that_is_not_utf8_is_stored_escaped(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (Path(os.fsdecode(bytes(dumps))) / os.fsdecode(b"caf\xe9.txt")).write_text(headline(1))
    _, tables = run_ingest(dumps, tmp_path / "stage")
    assert [a["source_path"] for a in tables["articles"]] == ["caf\\xe9.txt"]
    assert [r["path"] for r in tables["dump_files"]] == ["caf\\xe9.txt"]


def test_lone_surrogates_are_repaired_before_arrow_and_noted(tmp_path):
    dumps = tmp_path / "dumps"
    body = " ".join(f"word{i}" for i in range(40)) + "."
    write(dumps / "feed.jsonl", json.dumps({"title": "x \ud83d", "url": "https://e.org/\udc00",
                                            "author": "A \ud800", "text": body}) + "\n")
    result, tables = run_ingest(dumps, tmp_path / "stage")
    [article] = tables["articles"]
    assert article["title"] == "x \ufffd" and "\ufffd" in article["url"]
    assert reasons(tables) == {("feed.jsonl", "repaired_text")}
    assert result.quarantined == 0  # a repaired record is kept, only noted


def test_the_ledger_holds_the_hash_of_the_bytes_read_and_skips_files_not_read_as_listed(tmp_path):
    dumps = tmp_path / "dumps"
    write(dumps / "changed.jsonl", "".join(
        json.dumps({"title": f"T{i}", "text": headline(i)}) + "\n" for i in range(20)))
    write(dumps / "deleted.txt", headline(50))
    write(dumps / "steady.txt", headline(60))
    found = discover(dumps, set())
    # between discovery and reading: one file is rewritten with 5 of its 20 records, one deleted
    write(dumps / "changed.jsonl", "".join(
        json.dumps({"title": f"T{i}", "text": headline(i)}) + "\n" for i in range(5)))
    (dumps / "deleted.txt").unlink()
    result = ingest_files(found.files, tmp_path / "stage", "r1")
    ledger = pq.read_table(result.parts["dump_files"]).to_pylist()
    assert [(r["path"], r["sha256"]) for r in ledger] == [
        ("steady.txt", ingest.sha256_file(dumps / "steady.txt"))]
    quarantine = {(q["path"], q["reason"]) for q in pq.read_table(result.parts["quarantine"]).to_pylist()}
    assert quarantine == {("changed.jsonl", "changed_while_read"), ("deleted.txt", "unreadable_file")}
    # the next night finds both again (the deleted one once it is restored)
    write(dumps / "deleted.txt", headline(50))
    again = discover(dumps, {r["sha256"] for r in ledger})
    assert sorted(f.rel for f in again.files) == ["changed.jsonl", "deleted.txt"]


def test_a_read_error_midway_leaves_the_file_unseen(tmp_path, monkeypatch):
    from transforms.read import hashing

    dumps = tmp_path / "dumps"
    write(dumps / "feed.jsonl", "".join(
        json.dumps({"title": f"T{i}", "text": headline(i)}) + "\n" for i in range(200)))
    found = discover(dumps, set())
    calls = {"n": 0}
    real = hashing.HashingReader.readinto

    def failing(self, buffer):
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(5, "Input/output error")
        return real(self, buffer)

    monkeypatch.setattr(hashing.HashingReader, "readinto", failing)
    result = ingest_files(found.files, tmp_path / "stage", "r1")
    assert "dump_files" not in result.parts
    quarantine = pq.read_table(result.parts["quarantine"]).to_pylist()
    assert [(q["path"], q["reason"]) for q in quarantine][-1] == ("feed.jsonl", "unreadable_file")


def record_line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        # plain text with one leftover inline tag: HTML extraction finds no body
        ("tagged.jsonl", record_line(title="Tagged", text="The council met on Tuesday. "
                                     "See <a href='https://e.org/x'>the report</a> for details "
                                     "of what the members decided about the harbour wall."),
         "Tagged"),
        # 180 characters of Chinese: a real article, not 13 "words"
        ("chinese.jsonl", record_line(title="港口", text="市议会周二投票决定资助建设潮汐防洪屏障。" * 9),
         "港口"),
        # a short brief: a title and one sentence
        ("brief.txt", "Storm closes harbour\n\nThe harbour was closed on Monday after a storm.\n",
         "Storm closes harbour"),
    ],
)
def test_good_articles_that_used_to_be_rejected_are_kept(tmp_path, name, content, title):
    dumps = tmp_path / "dumps"
    write(dumps / name, content)
    result, tables = run_ingest(dumps, tmp_path / "stage")
    assert titles(tables) == {title}
    assert result.quarantined == 0


def test_a_short_brief_is_flagged_and_furniture_alone_still_rejected(tmp_path):
    dumps = tmp_path / "dumps"
    write(dumps / "brief.txt", "Storm closes harbour\n\nThe harbour was closed on Monday after a storm.\n")
    write(dumps / "furniture.txt", "Subscribe\n\nJoin Our Newsletter\n\nRelated Posts\n")
    _, tables = run_ingest(dumps, tmp_path / "stage")
    assert reasons(tables) == {("brief.txt", "short"), ("furniture.txt", "empty_article")}


def test_json_lines_in_a_json_file_are_split_on_newlines_only(tmp_path):
    dumps = tmp_path / "dumps"
    texts = [f"First part\u2028second part of story {i}. " + headline(i) for i in range(3)]
    write(dumps / "export.json", "".join(record_line(title=f"T{i}", text=t) for i, t in enumerate(texts)))
    result, tables = run_ingest(dumps, tmp_path / "stage")
    assert (result.records, titles(tables)) == (3, {"T0", "T1", "T2"})


def test_a_problem_path_is_reported_once_and_counted_as_skipped_after(tmp_path):
    from warehouse import Warehouse

    dumps = tmp_path / "dumps"
    write(dumps / "good.txt", headline(1))
    os.mkfifo(dumps / "pipe.jsonl")
    wh = Warehouse(tmp_path / "wh")
    for night in (1, 2):
        found = _ingest_night(dumps, wh, f"night{night}")
        if night == 2:
            assert (found.files, found.seen, found.skipped) == ([], 2, 1)
    assert [q["reason"] for q in wh.read("quarantine").to_pylist()] == ["not_a_regular_file"]


def _ingest_night(dumps: Path, wh, run_id: str):
    found = ingest.find_new(dumps, wh)
    staging = wh.begin(run_id)
    result = ingest_files(found.files, staging.path, staging.run_id)
    for table, parts in result.parts.items():
        for part in parts:
            staging.add(table, Path(part))
    wh.commit(staging)
    return found


def test_a_file_unchanged_since_its_ingestion_is_not_read_again(tmp_path, monkeypatch):
    """Same path, same size, last modified before it was ingested: known without hashing, so
    a night reads its new files only; a rewrite of the same size is read again."""
    from warehouse import Warehouse

    dumps = tmp_path / "dumps"
    old = write(dumps / "old.txt", ARTICLE)
    os.utime(old, (1_000_000_000, 1_000_000_000))  # written long before the night
    wh = Warehouse(tmp_path / "wh")
    assert [f.rel for f in _ingest_night(dumps, wh, "night1").files] == ["old.txt"]
    write(dumps / "new.txt", ARTICLE + "more")
    hashed = []
    real_hash = ingest.sha256_file
    monkeypatch.setattr(ingest, "sha256_file", lambda path: hashed.append(path) or real_hash(path))
    assert [f.rel for f in _ingest_night(dumps, wh, "night2").files] == ["new.txt"]
    assert [Path(p).name for p in hashed] == ["new.txt"]
    old.write_text(ARTICLE.replace("word1 ", "wordX "))  # same size, new bytes, new mtime
    assert [f.rel for f in ingest.find_new(dumps, wh).files] == ["old.txt"]


def test_a_dumps_folder_whose_own_name_is_not_utf8_is_logged_escaped(tmp_path):
    from flows.quiet_night import record_quiet_night
    from flows.settings import Settings
    from warehouse import Warehouse

    dumps = Path(os.fsdecode(bytes(tmp_path) + b"/dumps-\xff"))
    write(dumps / ".hidden.txt", headline(1))  # nothing new: a quiet night, no Prefect
    (tmp_path / "wh").mkdir()
    summary = record_quiet_night(Settings(dumps=str(dumps), warehouse=str(tmp_path / "wh")))
    assert summary is not None and summary["dumps"].endswith("dumps-\\xff")
    assert Warehouse(tmp_path / "wh").read("runs").column("dumps_path").to_pylist() == [
        summary["dumps"]]


def test_tagged_text_falls_back_to_paragraphs_of_plain_text():
    from transforms.clean.article import untagged

    assert untagged("<p>One &amp; two.</p><p>See <a href='x'>this</a>.</p>Tail<br>end") == (
        "One & two.\n\nSee this.\n\nTail\n\nend")


def test_an_article_whose_extraction_fails_is_quarantined_alone(tmp_path, monkeypatch):
    """Articles are extracted in groups; when a group fails, each is extracted alone, so only
    the failing one is quarantined (and still stored, with no extracted records)."""
    for i in range(4):
        write(tmp_path / "dumps" / f"a{i}.txt", headline(i))

    def broken_group(texts):
        raise RuntimeError("group failed")

    def broken_for_two(text):
        if "h2w" in text:
            raise RuntimeError("bad text")
        return ingest.Extraction()

    monkeypatch.setattr(ingest, "extract_many", broken_group)
    monkeypatch.setattr(ingest, "extract", broken_for_two)
    result, tables = run_ingest(tmp_path / "dumps", tmp_path / "stage")
    assert result.articles == 4 and len(tables["articles"]) == 4
    assert reasons(tables) == {("a2.txt", "extract_error")}
    ledger = {row["path"]: row["quarantined"] for row in tables["dump_files"]}
    assert ledger == {"a0.txt": 0, "a1.txt": 0, "a2.txt": 1, "a3.txt": 0}
