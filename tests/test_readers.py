"""Dump readers: every format, every kind of bad input, streaming, and the seed articles."""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
import zlib
from hashlib import sha256
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.shared_data import SEEDS, need
from transforms.read import files as readers
from transforms.read.files import SUPPORTED_SUFFIXES, dump_format, read_dump
from transforms.records import REASON_STAGES, RawArticle, Reason, Rejected

STORY = (
    "Lawmakers in Brussels approved a 4.2 billion euro credit line on Tuesday after a "
    "three-hour debate, officials said.\n\n"
    '"This is a day the region will remember," the committee chair told reporters.\n'
)
PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>Vote passes</title></head>'
    f"<body><nav>Home | World</nav><article><p>{STORY}</p></article>"
    "<footer>All rights reserved</footer></body></html>"
)


def read(name: str, data: bytes) -> list[RawArticle | Rejected]:
    return list(read_dump(name, io.BytesIO(data)))


def articles(items: list[RawArticle | Rejected]) -> list[RawArticle]:
    return [item for item in items if isinstance(item, RawArticle)]


def reasons(items: list[RawArticle | Rejected]) -> list[tuple[int | None, str]]:
    return [(item.record_no, item.reason) for item in items if isinstance(item, Rejected)]


def jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def warc(responses: list[tuple[str, str, str, bytes]], *, compress: bool = True) -> bytes:
    """A WARC with a warcinfo record, a request, and (url, status, content-type, body) responses."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "pytest"}))
    for url, status, content_type, body in responses:
        request = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(url, "request", http_headers=request, payload=io.BytesIO())
        )
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return buffer.getvalue()


def record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {"title": "Vote passes", "maintext": STORY}
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "txt"),
        ("dir/A.TXT", "txt"),
        ("feed.jsonl", "jsonl"),
        ("feed.ndjson", "jsonl"),
        ("export.json", "json"),
        ("page.html", "html"),
        ("page.HTM", "html"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("older.jsonl.gz", "gz"),
        ("x.tar.gz", "gz"),
        ("batch.zip", "zip"),
        ("notes.md", None),
        ("picture.png", None),
        ("README", None),
        ("jsonl", None),
    ],
)
def test_dump_format(name: str, expected: str | None) -> None:
    assert dump_format(name) == expected


def test_every_supported_suffix_has_a_format() -> None:
    assert all(dump_format("x" + suffix) for suffix in SUPPORTED_SUFFIXES)


@pytest.mark.parametrize(
    ("data", "title", "content_start"),
    [
        (b"Vote passes\n" + STORY.encode(), "Vote passes", "Lawmakers"),
        (b"\n\n  Vote passes  \r\n\r\nBody line\n", "Vote passes", "\r\nBody line"),
        (
            "Caf\u00e9 owners protest\nThe caf\u00e9 closed.".encode("cp1252"),
            "Caf\u00e9 owners protest",
            "The caf\u00e9",
        ),
        (
            "Kyiv talks\n\u041a\u0438\u0457\u0432 said.".encode("utf-16"),
            "Kyiv talks",
            "\u041a\u0438\u0457\u0432",
        ),
        ("\ufeffBOM title\nText after the BOM.".encode(), "BOM title", "Text after"),
    ],
)
def test_txt_title_is_first_nonempty_line(data: bytes, title: str, content_start: str) -> None:
    [item] = read("story.txt", data)
    assert isinstance(item, RawArticle)
    assert (item.title, item.content_type, item.record_no) == (title, "text", 0)
    assert item.content.startswith(content_start)


def test_txt_content_is_untouched_after_the_title() -> None:
    [item] = read("story.txt", b"Title\n" + STORY.encode())
    assert isinstance(item, RawArticle)
    assert item.content == STORY


def test_jsonl_news_please_fields() -> None:
    line = record(
        url="https://example.org/vote",
        date_publish="2024-03-05 14:05:00",
        source_domain="example.org",
        authors=["Maria Lopez", "Jan de Vries"],
        language="en",
        description="A teaser that is not the text",
    )
    [item] = articles(read("feed.jsonl", jsonl(line)))
    assert item == RawArticle(
        "feed.jsonl",
        0,
        STORY,
        "text",
        title="Vote passes",
        url="https://example.org/vote",
        published="2024-03-05 14:05:00",
        outlet="example.org",
        authors=("Maria Lopez", "Jan de Vries"),
        language="en",
    )


@pytest.mark.parametrize(
    ("fields", "attribute", "expected"),
    [
        ({"link": "https://a.example/x"}, "url", "https://a.example/x"),
        ({"source_url": "https://b.example/y"}, "url", "https://b.example/y"),
        (
            {"pubDate": "Tue, 05 Mar 2024 14:05:00 GMT"},
            "published",
            "Tue, 05 Mar 2024 14:05:00 GMT",
        ),
        ({"published_at": 1709647500}, "published", "1709647500"),
        ({"publisher": {"name": "Daily Ledger"}}, "outlet", "Daily Ledger"),
        ({"site_name": "Ledger"}, "outlet", "Ledger"),
        ({"author": "Maria Lopez"}, "authors", ("Maria Lopez",)),
        ({"byline": "By Maria Lopez"}, "authors", ("By Maria Lopez",)),
        ({"authors": [{"name": "Ana Diaz"}, "", None]}, "authors", ("Ana Diaz",)),
        ({"lang": "de"}, "language", "de"),
        ({"title": None, "Headline": "Upper-case keys"}, "title", "Upper-case keys"),
        ({"PubDate": "5 March 2024"}, "published", "5 March 2024"),
    ],
)
def test_json_field_aliases(fields: dict[str, object], attribute: str, expected: object) -> None:
    [item] = articles(read("feed.jsonl", jsonl(record(**fields))))
    assert getattr(item, attribute) == expected


@pytest.mark.parametrize("text_field", ["text", "maintext", "body", "content", "article"])
def test_json_text_aliases(text_field: str) -> None:
    [item] = articles(read("feed.jsonl", jsonl({"title": "T", text_field: STORY})))
    assert item.content == STORY


@pytest.mark.parametrize(
    ("fields", "content_type"),
    [
        ({"maintext": "<p>One paragraph.</p><p>Another.</p>"}, "html"),
        ({"maintext": None, "html": "<html><body><p>Raw page</p></body></html>"}, "html"),
        ({"maintext": "Prices rose 3% as 2 < 3 and 5 > 4."}, "text"),
        ({"maintext": ["First paragraph.", "Second paragraph."]}, "text"),
    ],
)
def test_json_content_type(fields: dict[str, object], content_type: str) -> None:
    [item] = articles(read("feed.jsonl", jsonl(record(**fields))))
    assert item.content_type == content_type


def test_jsonl_malformed_line_among_good_ones() -> None:
    good = jsonl(record(url="u0"), record(url="u1"))
    data = good + b'{"title": "broken", "maintext": \n' + jsonl(record(url="u3"))
    items = read("feed.jsonl", data)
    assert [item.url for item in articles(items)] == ["u0", "u1", "u3"]
    assert [item.record_no for item in articles(items)] == [0, 1, 3]
    assert reasons(items) == [(2, "malformed_json")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"[1, 2, 3]", "not_an_object"),
        (b'"just a string"', "not_an_object"),
        (b'{"title": "No body", "description": "teaser only"}', "no_text"),
        (b'{"title": "Blank", "text": "   \\n  "}', "empty_article"),
        (b'{"title": "Same", "text": "Same"}', "empty_article"),
        (b'{"title": "Tags", "text": "<p> </p><div></div>"}', "empty_article"),
        (b'{"title": "Odd", "text": 42}', "empty_article"),
        (b'{"title": "caf\xe9", "text": "latin-1 bytes"}', "undecodable"),
        (b'{"title": "nul\x00\x00\x00", "text": "x"}', "binary_content"),
        (b"{" * 100_000, "malformed_json"),
    ],
)
def test_jsonl_bad_records(line: bytes, reason: str) -> None:
    items = read("feed.jsonl", jsonl(record()) + line + b"\n" + jsonl(record()))
    assert len(articles(items)) == 2
    assert reasons(items) == [(1, reason)]
    [rejected] = [item for item in items if isinstance(item, Rejected)]
    assert rejected.stage == REASON_STAGES[Reason(reason)] and rejected.source_path == "feed.jsonl"


def test_jsonl_blank_lines_are_skipped_but_counted() -> None:
    items = read("feed.jsonl", b"\n" + jsonl(record()) + b"   \n" + jsonl(record()))
    assert [item.record_no for item in items] == [1, 3]


def test_jsonl_overlong_line_is_rejected_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1000)
    huge = json.dumps(record(maintext="word " * 1000)).encode() + b"\n"
    items = read("feed.jsonl", jsonl(record()) + huge + jsonl(record()))
    assert [item.record_no for item in articles(items)] == [0, 2]
    assert reasons(items) == [(1, "too_large")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (json.dumps([record(url="a"), record(url="b")]).encode(), ["a", "b"]),
        (json.dumps(record(url="one")).encode(), ["one"]),
        (json.dumps({"articles": [record(url="w1"), record(url="w2")]}).encode(), ["w1", "w2"]),
        (jsonl(record(url="l1"), record(url="l2")), ["l1", "l2"]),
    ],
)
def test_json_shapes(data: bytes, expected: list[str]) -> None:
    assert [item.url for item in articles(read("export.json", data))] == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'[{"title": "x", "text": ', [(None, "malformed_json")]),
        (b"42", [(0, "not_an_object")]),
        (b'[{"text": "fine"}, "nope"]', [(1, "not_an_object")]),
        (b"", [(None, "empty_dump")]),
        (b"[]", [(None, "empty_dump")]),
    ],
)
def test_json_bad_files(data: bytes, expected: list[tuple[int | None, str]]) -> None:
    assert reasons(read("export.json", data)) == expected


def test_json_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_JSON_BYTES", 100)
    assert reasons(read("export.json", json.dumps([record()] * 5).encode())) == [
        (None, "too_large")
    ]


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (PAGE.encode(), "Lawmakers"),
        (
            (
                '<html><head><meta charset="windows-1251"></head><body><p>'
                "\u0417\u0435\u043b\u0435\u043d\u0441\u044c\u043a\u0438\u0439 said</p></body></html>"
            ).encode("cp1251"),
            "\u0417\u0435\u043b\u0435\u043d\u0441\u044c\u043a\u0438\u0439",
        ),
        (
            (
                "<html><body><p>Der B\u00fcrgermeister sagte, die Stra\u00dfe bleibe "
                "geschlossen, und die Gr\u00fcnen widersprachen.</p></body></html>"
            ).encode("latin-1"),
            "B\u00fcrgermeister",
        ),
        (
            (
                '<html><head><meta charset="utf-8"></head><body>caf\u00e9 au lait et cr\u00e8me '
                "br\u00fbl\u00e9e pour le d\u00e9jeuner du minist\u00e8re</body></html>"
            ).encode("cp1252"),
            "cr\u00e8me",
        ),
    ],
)
def test_html_is_decoded_markup(data: bytes, needle: str) -> None:
    [item] = read("web/page.html", data)
    assert isinstance(item, RawArticle)
    assert item.content_type == "html" and needle in item.content


def test_warc_reads_html_responses_only() -> None:
    data = warc(
        [
            ("https://example.org/a", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00"),
            ("https://example.org/gone", "404 Not Found", "text/html", b"<p>Not found</p>"),
            ("https://example.org/moved", "301 Moved", "text/html", b"<p>Moved</p>"),
            ("https://example.org/b", "200 OK", "application/xhtml+xml", PAGE.encode()),
        ]
    )
    items = read("crawl.warc.gz", data)
    assert [(type(item), item.url) for item in items] == [
        (RawArticle, "https://example.org/a"),
        (RawArticle, "https://example.org/b"),
    ]
    assert all(item.content == PAGE and item.content_type == "html" for item in articles(items))


@pytest.mark.parametrize("compress", [True, False])
def test_warc_empty_response_is_rejected(compress: bool) -> None:
    data = warc(
        [
            ("https://example.org/empty", "200 OK", "text/html", b""),
            ("https://example.org/a", "200 OK", "text/html", PAGE.encode()),
        ],
        compress=compress,
    )
    items = read("crawl.warc" + (".gz" if compress else ""), data)
    assert [item.reason for item in items if isinstance(item, Rejected)] == ["empty_article"]
    assert len(articles(items)) == 1


@pytest.mark.parametrize("compress", [True, False])
def test_warc_truncated_keeps_records_before_the_cut(compress: bool) -> None:
    pages = [
        (f"https://example.org/{n}", "200 OK", "text/html", PAGE.encode() * 5) for n in range(4)
    ]
    data = warc(pages, compress=compress)
    items = read("crawl.warc.gz" if compress else "crawl.warc", data[: int(len(data) * 0.8)])
    assert len(articles(items)) >= 2
    assert isinstance(items[-1], Rejected) and items[-1].reason == "truncated_archive"


@pytest.mark.parametrize(
    ("headers", "encode"),
    [
        ([("Content-Encoding", "gzip")], lambda body: gzip.compress(body, mtime=0)),
        (
            [("Transfer-Encoding", "chunked")],
            lambda body: b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body),
        ),
    ],
)
def test_warc_http_encodings_are_undone(headers: list[tuple[str, str]], encode: object) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], "HTTP/1.1")
    payload = io.BytesIO(encode(PAGE.encode()))  # type: ignore[operator]
    writer.write_record(
        writer.create_warc_record("https://example.org/z", "response", payload, http_headers=http)
    )
    [item] = read("crawl.warc.gz", buffer.getvalue())
    assert isinstance(item, RawArticle) and item.content == PAGE


def test_warc_with_only_warcinfo_is_reported() -> None:
    assert reasons(read("crawl.warc.gz", warc([]))) == [(None, "empty_dump")]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_junk_is_corrupt(name: str) -> None:
    assert reasons(read(name, b"this is not a web archive at all\n" * 20)) == [
        (None, "corrupt_archive")
    ]


def test_gz_wraps_jsonl() -> None:
    items = read("older.jsonl.gz", gz(jsonl(record(url="a"), record(url="b"))))
    assert [(item.source_path, item.url) for item in articles(items)] == [
        ("older.jsonl.gz", "a"),
        ("older.jsonl.gz", "b"),
    ]


def test_gz_truncated_keeps_records_before_the_cut() -> None:
    data = gz(jsonl(*[record(url=f"u{n}", maintext=f"{n} " + STORY * 20) for n in range(50)]))
    items = read("older.jsonl.gz", data[: len(data) // 2])
    assert 5 < len(articles(items)) < 50
    assert isinstance(items[-1], Rejected)
    assert (items[-1].reason, items[-1].record_no) == ("truncated_archive", len(items) - 1)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("older.jsonl.gz", b"plainly not gzip", "corrupt_archive"),
        (
            "older.jsonl.gz",
            gz(jsonl(record()) * 50)[:30] + b"\xff" * 10 + gz(jsonl(record()) * 50)[40:],
            "corrupt_archive",
        ),
        ("story.txt.gz", gz(b"Title\n" + STORY.encode())[:40], "truncated_archive"),
        ("archive.tar.gz", gz(b"anything"), "unsupported_format"),
        ("blank.jsonl.gz", gz(b""), "empty_dump"),
    ],
)
def test_gz_bad(name: str, data: bytes, reason: str) -> None:
    assert [item.reason for item in read(name, data) if isinstance(item, Rejected)] == [reason]


def test_zip_members_of_every_kind() -> None:
    data = zipped(
        {
            "txt/one.txt": b"Vote passes\n" + STORY.encode(),
            "web/two.html": PAGE.encode(),
            "feed/three.jsonl": jsonl(record(url="j0"), record(url="j1")),
            "notes/readme.md": b"not an article",
            "inner.zip": zipped({"deep.txt": b"Deep title\nDeep text."}),
            "crawl.warc.gz": warc(
                [("https://example.org/w", "200 OK", "text/html", PAGE.encode())]
            ),
        }
    )
    items = read("batch.zip", data)
    assert [(item.source_path, item.record_no) for item in articles(items)] == [
        ("batch.zip!txt/one.txt", 0),
        ("batch.zip!web/two.html", 0),
        ("batch.zip!feed/three.jsonl", 0),
        ("batch.zip!feed/three.jsonl", 1),
        ("batch.zip!inner.zip!deep.txt", 0),
        ("batch.zip!crawl.warc.gz", 2),
    ]
    assert [(item.source_path, item.reason) for item in items if isinstance(item, Rejected)] == [
        ("batch.zip!notes/readme.md", "unsupported_member")
    ]


def test_zip_corrupt_member_does_not_stop_the_others() -> None:
    good = b"Good title\n" + STORY.encode() * 3
    data = bytearray(
        zipped({"a.txt": good, "b.txt": good.replace(b"Good", b"Bad!"), "c.txt": good})
    )
    start = data.index(b"PK\x03\x04", data.index(b"PK\x03\x04") + 4)  # second member's header
    data[start + 60 : start + 80] = b"\x00" * 20  # flip its compressed bytes
    items = read("batch.zip", bytes(data))
    assert [item.source_path for item in articles(items)] == ["batch.zip!a.txt", "batch.zip!c.txt"]
    [bad] = [item for item in items if isinstance(item, Rejected)]
    assert bad.source_path == "batch.zip!b.txt" and bad.reason == "corrupt_archive"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (zipped({"a.txt": b"Title\nText."})[:30], "truncated_archive"),
        (b"PK\x05\x06" + b"\x00" * 4, "corrupt_archive"),
        (b"definitely not a zip", "corrupt_archive"),
        (zipped({}), "empty_dump"),
    ],
)
def test_zip_bad(data: bytes, reason: str) -> None:
    assert reasons(read("batch.zip", data)) == [(None, reason)]


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        (0.995, ["a.txt", "b.html", "c.jsonl", "c.jsonl"]),  # only the table of contents lost
        (0.6, ["a.txt", "b.html"]),  # cut inside the third member
    ],
)
def test_zip_cut_short_keeps_the_members_before_the_cut(keep: float, expected: list[str]) -> None:
    big = jsonl(
        *[record(url=f"u{n}", maintext=sha256(bytes([n])).hexdigest() * 40) for n in range(2)]
    )
    data = zipped({"a.txt": b"Title\n" + STORY.encode(), "b.html": PAGE.encode(), "c.jsonl": big})
    items = read("batch.zip", data[: int(len(data) * keep)])
    assert [item.source_path.split("!")[1] for item in articles(items)] == expected
    assert reasons(items) == [(None, "truncated_archive")]
    assert items[-1].source_path == "batch.zip"


def test_zip_inside_gz() -> None:
    data = gz(zipped({"one.txt": b"Nested title\nNested body text."}))
    [item] = read("bundle.zip.gz", data)
    assert isinstance(item, RawArticle)
    assert (item.source_path, item.title) == ("bundle.zip.gz!one.txt", "Nested title")


def test_nesting_is_capped() -> None:
    data = b"Title\nText."
    name = "a.txt"
    for _ in range(readers.MAX_NESTING + 2):
        data, name = gz(data), name + ".gz"
    assert [item.reason for item in read(name, data) if isinstance(item, Rejected)] == ["too_deep"]


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.jsonl", "a.json"])
@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(range(256)) * 8, "binary_content"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 200, "binary_content"),
    ],
)
def test_binary_junk_is_one_rejection(name: str, data: bytes, reason: str) -> None:
    items = read(name, data)
    assert [(item.record_no, item.reason) for item in items] == [(None, reason)]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.txt", b"", [(0, "empty_article")]),
        ("a.txt", b"  \n\n \t\n", [(0, "empty_article")]),
        ("a.txt", b"Only a title\n\n   \n", [(0, "empty_article")]),
        ("a.html", b"", [(0, "empty_article")]),
        ("a.jsonl", b"", [(None, "empty_dump")]),
        ("a.jsonl", b"\n\n", [(None, "empty_dump")]),
        ("a.json", b"   ", [(None, "empty_dump")]),
        ("a.pdf", b"%PDF-1.7", [(None, "unsupported_format")]),
    ],
)
def test_empty_and_unsupported_files(
    name: str, data: bytes, expected: list[tuple[int | None, str]]
) -> None:
    assert reasons(read(name, data)) == expected


def test_stream_errors_reach_the_caller_so_the_file_is_not_marked_as_read() -> None:
    """The ingest step turns them into ``unreadable_file`` and keeps the file out of the ledger."""

    class Failing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: object) -> int:
            raise OSError("disk went away")

    for name in ("a.txt", "a.jsonl", "a.warc.gz", "a.zip", "a.jsonl.gz"):
        with pytest.raises(OSError, match="disk went away"):
            list(read_dump(name, Failing()))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- streaming


class CountingStream(io.RawIOBase):
    """A stream that records how many bytes were handed out so far."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._inner.read(min(len(buffer), 64 * 1024))
        buffer[: len(chunk)] = chunk
        self.consumed += len(chunk)
        return len(chunk)


@pytest.mark.parametrize(
    ("name", "encode"),
    [("big.jsonl", lambda data: data), ("big.jsonl.gz", gz)],
)
def test_jsonl_is_streamed(name: str, encode: object) -> None:
    data = jsonl(
        *[
            record(url=f"u{n}", maintext=sha256(str(n).encode()).hexdigest() * 20)
            for n in range(20_000)
        ]
    )
    payload = encode(data)  # type: ignore[operator]
    stream = CountingStream(payload)
    items = read_dump(name, io.BufferedReader(stream, 64 * 1024))  # type: ignore[arg-type]
    first = next(items)
    assert isinstance(first, RawArticle)
    assert stream.consumed < len(payload) / 4
    assert sum(1 for _ in items) == 19_999


def test_warc_is_streamed() -> None:
    pages = [
        (f"https://example.org/{n}", "200 OK", "text/html", PAGE.encode() * 20) for n in range(300)
    ]
    payload = warc(pages, compress=False)
    stream = CountingStream(payload)
    items = read_dump("big.warc", io.BufferedReader(stream))  # type: ignore[arg-type]
    assert isinstance(next(items), RawArticle)
    assert stream.consumed < len(payload) / 4
    assert sum(1 for _ in items) == 299


# --------------------------------------------------------------------------- seeds


def test_seeds_are_five_articles_titled_by_their_first_line() -> None:
    if not SEEDS.is_dir():
        need(SEEDS)
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        with path.open("rb") as stream:
            [item] = list(read_dump(path.name, stream))
        assert isinstance(item, RawArticle), item
        first_line = next(line for line in path.read_text("utf-8").splitlines() if line.strip())
        assert item.title == first_line.strip()
        assert item.content_type == "text" and len(item.content.split()) > 200


# --------------------------------------------------------------------------- bundled sample

SAMPLE = Path(__file__).resolve().parents[1] / "sample"


def read_sample() -> list[RawArticle | Rejected]:
    items: list[RawArticle | Rejected] = []
    for path in sorted(SAMPLE.rglob("*")):
        relative = path.relative_to(SAMPLE)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            with path.open("rb") as stream:
                items.extend(read_dump(relative.as_posix(), stream))
    return items


def test_sample_reads_back_with_exactly_the_planted_problems() -> None:
    items = read_sample()
    found = articles(items)
    assert len(found) == 14  # 13 articles, one of them filed twice
    texts = [item.content.strip() for item in found if item.content_type == "text"]
    assert (len(texts), len(set(texts))) == (9, 8)  # the duplicate is a text record
    assert {item.source_path.split("/")[0].split("!")[0] for item in found} >= {
        "txt",
        "feeds",
        "web",
        "archive",
        "bad",
    }
    assert sorted((i.source_path, i.reason) for i in items if isinstance(i, Rejected)) == [
        ("bad/interrupted.txt.gz", "truncated_archive"),
        ("bad/partly-broken.jsonl", "malformed_json"),
        ("bad/scan-page-3.txt", "binary_content"),
    ]


@pytest.mark.parametrize(
    "spelling", ["Oleksandr Kovalenko", "Olexandr Kovalenko", "Aleksandr Kovalenko"]
)
def test_sample_spells_one_minister_three_ways(spelling: str) -> None:
    assert any(spelling in item.content for item in articles(read_sample()))


def test_sample_shares_no_text_with_the_seeds() -> None:
    if not SEEDS.is_dir():
        need(SEEDS)

    def shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
        words = text.lower().split()
        return {tuple(words[n : n + size]) for n in range(len(words) - size + 1)}

    seeds = set().union(*(shingles(p.read_text("utf-8")) for p in SEEDS.glob("*.txt")))
    for item in articles(read_sample()):
        assert not shingles(item.content) & seeds, item.source_path


@pytest.mark.parametrize("seed", range(6))
def test_windows_1252_wins_over_its_latin_lookalikes(seed: int) -> None:
    """charset_normalizer often calls short cp1252 text cp1250/cp1257/cp775: curly quotes break."""
    words = ["“We will rebuild,” the mayor said", "café owners", "€12 million", "Zoë’s report",
             "naïve hopes", "—", "Łódź"][: 4 + seed % 3]
    text = "Headline\n\n" + " ".join(words * (3 + seed)) + "."
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        data = text.replace("Łódź", "Lodz").encode("cp1252")
    [item] = list(read_dump("legacy.txt", io.BytesIO(data)))
    assert isinstance(item, RawArticle)
    assert data.decode("cp1252").endswith(item.content)


# --------------------------------------------------------------------------- damage (issue 10)


def six_pages() -> list[tuple[str, str, str, bytes]]:
    return [(f"https://example.org/{n}", "200 OK", "text/html", PAGE.encode()) for n in range(6)]


def single_records(compress: bool) -> list[bytes]:
    """The six responses of ``six_pages`` as one WARC record each (with their requests)."""
    return [warc([page], compress=compress) for page in six_pages()]


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize(("damage", "lost"), [
    ("garbage", set()),  # bytes between two records
    ("too_long", set()),  # Content-Length runs into the next record: cut where the digest fits
    ("too_short", {2}),  # the record ends before its content does: it alone is lost
])
def test_warc_reading_resynchronises_after_a_broken_record(compress: bool, damage: str,
                                                            lost: set[int]) -> None:
    parts = single_records(compress)
    if damage == "garbage":
        parts.insert(3, b"\x00garbage that is no record at all\r\n" * 40)
    else:
        plain = parts[2] if not compress else gzip.decompress(parts[2])
        change = {"too_long": 300, "too_short": -30}[damage]
        plain = re.sub(rb"(WARC-Type: response.*?Content-Length: )(\d+)",
                       lambda m: m.group(1) + str(int(m.group(2)) + change).encode(), plain,
                       flags=re.DOTALL)
        parts[2] = gzip.compress(plain) if compress else plain
    items = read("crawl.warc.gz" if compress else "crawl.warc", b"".join(parts))
    kept = {item.url for item in articles(items)}
    assert kept == {f"https://example.org/{n}" for n in set(range(6)) - lost}
    assert {item.reason for item in items if isinstance(item, Rejected)} == {"corrupt_archive"}
    if damage == "too_long":
        page = next(item for item in articles(items) if item.url.endswith("/2"))
        assert page.content == PAGE  # exactly the page, nothing of the next record


def test_warc_gz_with_a_corrupt_member_keeps_the_others() -> None:
    parts = single_records(True)
    broken = bytearray(parts[1])
    broken[len(broken) // 2: len(broken) // 2 + 40] = bytes(40)
    parts[1] = bytes(broken)
    items = read("crawl.warc.gz", b"".join(parts))
    assert {item.url for item in articles(items)} == {f"https://example.org/{n}" for n in (0, 2, 3, 4, 5)}


@pytest.mark.parametrize("name", ["story.jsonl.gz", "crawl.warc.gz"])
def test_a_truncated_gzip_keeps_its_leading_complete_records(name: str) -> None:
    if name == "story.jsonl.gz":
        data = gz(jsonl(*[record(url=f"u{n}", maintext=sha256(str(n).encode()).hexdigest() * 8)
                          for n in range(10)]))
    else:
        data = b"".join(single_records(True))  # one gzip member per record, as crawlers write
    cut = len(data) * 3 // 4
    if data[cut:cut + 3] == b"\x1f\x8b\x08":  # a cut between two members truncates nothing
        cut -= 5  # (WARC ids and dates vary the members' sizes from run to run)
    items = read(name, data[:cut])
    assert len(articles(items)) >= 3
    assert items[-1].reason == "truncated_archive"


def test_a_gzip_bomb_stops_at_the_size_limit() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"a" * (1 << 20)
    bomb = b"".join(packer.compress(chunk) for _ in range(200)) + packer.flush()  # 200 MB of 'a'
    stream = CountingStream(bomb)
    items = read_dump("bomb.jsonl.gz", io.BufferedReader(stream))  # type: ignore[arg-type]
    assert [item.reason for item in items] == ["too_large"]
    assert stream.consumed < len(bomb)  # stopped before inflating it all


def test_a_json_file_of_json_lines_is_split_on_newlines_only() -> None:
    lines = [json.dumps(record(url=f"u{n}", maintext=f"Part one\u2028part two {n}. " + STORY),
                        ensure_ascii=False) for n in range(3)]
    items = read("export.json", "\n".join(lines).encode())
    assert [item.url for item in articles(items)] == ["u0", "u1", "u2"]
    assert "\u2028" in articles(items)[0].content


def test_plain_text_with_a_stray_tag_is_marked_for_a_text_fallback() -> None:
    [item] = read("feed.jsonl", jsonl(record(maintext="See <a href='x'>this</a>. " + STORY)))
    assert isinstance(item, RawArticle) and item.content_type == "html" and item.tagged_text


def test_a_zip_bomb_member_is_rejected_without_inflating_it() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.jsonl", "w", force_zip64=True) as member:
            for _ in range(80):
                member.write(b"a" * (1 << 20))
        archive.writestr("good.jsonl", jsonl(record()))
    items = read("batch.zip", buffer.getvalue())
    assert reasons(items) == [(None, "too_large")] and len(articles(items)) == 1
