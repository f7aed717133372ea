"""Property: whatever hazards a dump tree holds, the ingest finishes, every good article is
stored, and every path ends as articles, a quarantine row or a counted skip (issue 10)."""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.ingest import discover, ingest_files
from warehouse import Warehouse

HAZARDS = ("fifo", "dangling", "loop", "outside_file", "outside_dir", "binary", "empty",
           "hidden", "unsupported", "corrupt_gz", "bad_json")
WARC_PAGES = 50_000  # page numbers (and so bodies) apart from every other planted article
GOOD = ("txt", "jsonl", "jsonl_gz", "surrogate_json", "json_lines_u2028", "latin1_name",
        "warc_resync", "stray_tag", "brief")


@dataclass
class Tree:
    """What was planted: the titles that must be stored, and the paths that were made."""

    titles: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    hidden: int = 0


def body(n: int) -> str:
    return (f"The council of district {n} met on Tuesday. "
            + " ".join(f"item{n}x{k}" for k in range(30)) + " were approved by the members.")


def html_page(n: int) -> bytes:
    return f"<html><body><article><p>{body(n)}</p></article></body></html>".encode()


def warc_with_garbage(first: int) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    chunks = []
    for n in (first, first + 1):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/{n}", "response", payload=io.BytesIO(html_page(n)),
            http_headers=headers))
        chunks.append(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    return chunks[0] + b"\x00broken record\r\n" * 5 + chunks[1]


def plant(root: Path, outside: Path, kind: str, n: int, tree: Tree) -> None:
    """Write one good file or hazard numbered ``n`` under ``root``."""
    name = f"f{n}"
    path = root / name
    title = f"Title {n}"
    match kind:
        case "txt":
            path = path.with_suffix(".txt")
            path.write_text(f"{title}\n\n{body(n)}\n")
            tree.titles.add(title)
        case "jsonl" | "jsonl_gz" | "surrogate_json":
            raw_title = title + (" \ud83d" if kind == "surrogate_json" else "")
            data = (json.dumps({"title": raw_title, "text": body(n)}) + "\n").encode()
            if kind == "jsonl_gz":
                path, data = path.with_suffix(".jsonl.gz"), gzip.compress(data)
            else:
                path = path.with_suffix(".jsonl")
            path.write_bytes(data)
            tree.titles.add(title + (" \ufffd" if kind == "surrogate_json" else ""))
        case "json_lines_u2028":
            path = path.with_suffix(".json")
            lines = [json.dumps({"title": f"{title}.{k}", "text": f"Line\u2028{k}. " + body(n)},
                                ensure_ascii=False) for k in range(2)]
            path.write_text("\n".join(lines), encoding="utf-8")
            tree.titles |= {f"{title}.0", f"{title}.1"}
        case "latin1_name":
            raw = os.fsencode(root) + b"/" + f"f{n}-caf".encode() + b"\xe9.txt"
            Path(os.fsdecode(raw)).write_text(f"{title}\n\n{body(n)}\n")
            path = Path(os.fsdecode(raw))
            tree.titles.add(title)
        case "warc_resync":
            path = path.with_suffix(".warc")
            path.write_bytes(warc_with_garbage(WARC_PAGES + 2 * n))  # pages are checked by URL
        case "stray_tag":
            path = path.with_suffix(".jsonl")
            text = f"See <a href='https://e.org/{n}'>the minutes</a>. " + body(n)
            path.write_text(json.dumps({"title": title, "text": text}) + "\n")
            tree.titles.add(title)
        case "brief":
            path = path.with_suffix(".txt")
            path.write_text(f"{title}\n\nThe harbour {n} was closed on Monday after a storm.\n")
            tree.titles.add(title)
        case "fifo":
            path = path.with_suffix(".jsonl")
            os.mkfifo(path)
        case "dangling":
            path = path.with_suffix(".txt")
            path.symlink_to(root / "nowhere.txt")
        case "loop":
            path = path.with_suffix(".txt")
            path.symlink_to(path)
        case "outside_file":
            secret = outside / f"secret{n}.txt"
            secret.write_text(f"Secret {n}\n\n{body(n + 10_000)}\n")
            path = path.with_suffix(".txt")
            path.symlink_to(secret)
        case "outside_dir":
            path.symlink_to(outside)
        case "binary":
            path = path.with_suffix(".txt")
            path.write_bytes(b"\x00\x01\x02" * 100 + bytes([n % 256]))  # same bytes: read once
        case "empty":
            path = path.with_suffix(".jsonl")
            path.write_bytes(b"\n" * (n + 1))  # holds no record
        case "hidden":
            path = root / f".f{n}.txt"
            path.write_text(f"Hidden {n}\n\n{body(n + 20_000)}\n")
            tree.hidden += 1
            return
        case "unsupported":
            path = path.with_suffix(".docx")
            path.write_bytes(b"PK\x03\x04 not really %d" % n)
        case "corrupt_gz":
            path = path.with_suffix(".jsonl.gz")
            path.write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(64))
        case "bad_json":
            path = path.with_suffix(".jsonl")
            path.write_text(f'{{"title": "x{n}", "text": \n')
    tree.paths.add(path.name)


entries = st.lists(
    st.tuples(st.sampled_from(GOOD + HAZARDS), st.integers(min_value=0, max_value=2)),
    min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries)
def test_any_dump_tree_ends_with_every_good_article_stored(planted):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        dumps, outside = base / "dumps", base / "outside"
        outside.mkdir()
        tree = Tree()
        warc_urls = set()
        for n, (kind, depth) in enumerate(planted):
            folder = dumps.joinpath(*[f"d{k}" for k in range(depth)])
            folder.mkdir(parents=True, exist_ok=True)
            plant(folder, outside, kind, n, tree)
            if kind == "warc_resync":
                warc_urls |= {f"https://example.org/{WARC_PAGES + 2 * n + k}" for k in (0, 1)}

        wh = Warehouse(base / "wh")
        staging = wh.begin("r1")
        found = discover(dumps, set())
        result = ingest_files(found.files, staging.path, "r1", flush_rows=5)
        for table, parts in result.parts.items():
            for part in parts:
                staging.add(table, Path(part))
        wh.commit(staging)

        articles = wh.read("articles").to_pylist()
        assert tree.titles <= {a["title"] for a in articles}
        assert warc_urls <= {a["url"] for a in articles}
        assert not any(a["title"] and a["title"].startswith(("Secret", "Hidden")) for a in articles)
        accounted = ({a["source_path"].split("/")[-1] for a in wh.read("article_sources").to_pylist()}
                     | {q["path"].split("/")[-1] for q in wh.read("quarantine").to_pylist()}
                     | {d["path"].split("/")[-1] for d in wh.read("dump_files").to_pylist()})
        printable = {os.fsencode(p).decode("utf-8", "backslashreplace") for p in tree.paths}
        assert printable <= accounted
        assert found.skipped >= tree.hidden
