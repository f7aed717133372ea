"""Property tests: ``read_dump`` never raises and only ever yields articles or rejections."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.read.files import SUPPORTED_SUFFIXES, read_dump
from transforms.records import REASON_STAGES, RawArticle, Reason, Rejected

SETTINGS = settings(
    max_examples=int(os.environ.get("HYPO_N", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["title", "text", "maintext", "url", "authors", "publisher", "date", "x"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


def check(name: str, data: bytes) -> list[RawArticle | Rejected]:
    items = list(read_dump(name, io.BytesIO(data)))
    assert items, f"{name}: nothing came out (bad input must be reported, not dropped)"
    for item in items:
        assert isinstance(item, RawArticle | Rejected)
        assert item.source_path.startswith(name)
        if isinstance(item, RawArticle):
            assert item.content.strip() and item.content_type in {"text", "html"}
        else:
            assert item.stage == REASON_STAGES[Reason(item.reason)]
    return items


@SETTINGS
@given(suffix=st.sampled_from(SUPPORTED_SUFFIXES), data=st.binary(max_size=2048))
def test_arbitrary_bytes_under_every_suffix(suffix: str, data: bytes) -> None:
    check("dump" + suffix, data)


@SETTINGS
@given(suffix=st.sampled_from(SUPPORTED_SUFFIXES), text=st.text(max_size=1500))
def test_arbitrary_text_under_every_suffix(suffix: str, text: str) -> None:
    check("dump" + suffix, text.encode("utf-8"))


@SETTINGS
@given(values=st.lists(json_values, max_size=6))
def test_arbitrary_json_lines(values: list[object]) -> None:
    data = b"".join(json.dumps(value).encode() + b"\n" for value in values)
    items = check("feed.jsonl", data)
    if values:
        assert len(items) == len(values)  # one outcome per line, good or bad


@SETTINGS
@given(
    inner=st.sampled_from([s for s in SUPPORTED_SUFFIXES if s not in (".gz", ".warc.gz")]),
    data=st.binary(max_size=1024),
    cut=st.integers(min_value=0, max_value=2000),
)
def test_archives_cut_anywhere(inner: str, data: bytes, cut: int) -> None:
    compressed = gzip.compress(data, mtime=0)
    check("dump" + inner + ".gz", compressed[:cut])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("member" + inner, data)
        archive.writestr("second.txt", b"Title\nSome text.")
    check("dump.zip", buffer.getvalue()[:cut])


@SETTINGS
@given(text=st.text(min_size=1, max_size=800))
def test_txt_title_and_content_come_from_the_text(text: str) -> None:
    for item in check("story.txt", text.encode("utf-8")):
        if isinstance(item, RawArticle):
            assert item.title and item.title in text
            assert text.endswith(item.content)
