"""Build the bundled sample dumps from the hand-written articles in ``sample/.src``.

Run from the repository root: ``.venv/bin/python scripts/make_sample.py``.  The outputs are
committed too, so ``make demo`` needs nothing but the checkout; re-running gives the same bytes.

The articles (written for this project, about invented events) are spread over every format the
readers support, and three deliberately bad files show quarantine at work: a JSON-lines file
with one malformed line, a gzip file cut short, and a binary file named ``.txt``.  The source
folder is hidden so the nightly flow, which skips hidden folders, does not ingest it twice.
"""

from __future__ import annotations

import gzip
import json
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import (  # importable once the repository root is on the path
    html_page,
    news_please_record,
    txt_dump,
    write_warc,
    zip_member,
)

HERE = Path(__file__).resolve().parents[1] / "sample"  # the dump folder it writes
SOURCES = HERE / ".src"


def load(path: Path) -> tuple[str, dict]:
    """One source file: ``key: value`` header lines, ``---``, the title line, the body."""
    header, _, rest = path.read_text("utf-8").partition("\n---\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    title, _, body = rest.partition("\n\n")
    article = {
        "title": title.strip(),
        "text": body.strip(),
        "url": fields["url"],
        "outlet": fields["outlet"],
        "published": fields["published"],
        "authors": [a.strip() for a in fields.get("authors", "").split(",") if a.strip()],
    }
    return fields["target"], article


def jsonl(records: list[dict]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def build() -> dict[str, int]:
    """Write every sample file; return how many articles went into each."""
    targets: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for path in sorted(SOURCES.glob("*.article")):
        target, article = load(path)
        outer, _, member = target.partition("!")
        targets[outer].append((member, article))
    for outer, entries in targets.items():
        out = HERE / outer
        out.parent.mkdir(parents=True, exist_ok=True)
        articles = [article for _, article in entries]
        if outer.endswith(".txt"):
            out.write_bytes(txt_dump(articles[0]))
        elif outer.endswith(".html"):
            out.write_bytes(html_page(articles[0]))
        elif outer.endswith(".jsonl"):
            out.write_bytes(jsonl([news_please_record(a, n) for n, a in enumerate(articles)]))
        elif outer.endswith(".jsonl.gz"):
            records = jsonl([news_please_record(a, 0) for a in articles])
            out.write_bytes(gzip.compress(records, mtime=0))
        elif outer.endswith(".warc.gz"):
            with out.open("wb") as stream:
                write_warc(stream, [(a["url"], html_page(a)) for a in articles])
        elif outer.endswith(".zip"):
            with zipfile.ZipFile(out, "w") as archive:
                for member, article in entries:
                    page = html_page(article) if member.endswith(".html") else txt_dump(article)
                    archive.writestr(zip_member(member), page)
    write_bad_files(targets["feeds/articles.jsonl"][0][1])
    return {outer: len(entries) for outer, entries in targets.items()}


def write_bad_files(reprinted: dict) -> None:
    """The quarantine demo: each file holds exactly one problem."""
    bad = HERE / "bad"
    bad.mkdir(exist_ok=True)
    # A feed re-export: the Harbor Times piece again (an exact duplicate) and a line cut short.
    copy = news_please_record({**reprinted, "url": reprinted["url"] + "?ref=feed"}, 1)
    broken = b'{"title": "Finance ministers sign off on Ukraine facility", "maintext": "BRUS'
    (bad / "partly-broken.jsonl").write_bytes(jsonl([copy]) + broken + b"\n")
    # A gzip download interrupted halfway: nothing inside can be recovered.
    text = txt_dump({"title": "Interrupted download", "text": "The transfer stopped. " * 200})
    packed = gzip.compress(text, mtime=0)
    (bad / "interrupted.txt.gz").write_bytes(packed[: len(packed) // 2])
    # A scanned image saved with the wrong extension.
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
    (bad / "scan-page-3.txt").write_bytes(png + bytes(range(256)) * 4)


if __name__ == "__main__":
    for name, count in build().items():
        print(f"{count:3d} article(s) -> sample/{name}")
