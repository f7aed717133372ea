"""Synthetic dumps: deterministic, realistic in shape, and read back whole by the readers."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import random
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import (
    news_please_record,
    story_of,
    synthetic_article,
    write_synthetic_dumps,
)
from transforms.read.files import read_dump
from transforms.records import RawArticle, Rejected


def tree_digest(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def read_back(root: Path) -> list[RawArticle | Rejected]:
    items: list[RawArticle | Rejected] = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            with path.open("rb") as stream:
                items.extend(read_dump(path.relative_to(root).as_posix(), stream))
    return items


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("synthetic")
    counts = write_synthetic_dumps(root, 400, seed=7, bad_records=6)
    return root, counts


@pytest.fixture(scope="module")
def items(dumps: tuple[Path, dict[str, int]]) -> list[RawArticle | Rejected]:
    return read_back(dumps[0])


def test_counts_add_up(dumps: tuple[Path, dict[str, int]]) -> None:
    _, counts = dumps
    assert counts["bad"] == 6
    assert sum(v for k, v in counts.items() if k != "bad") == 400
    assert {"jsonl", "jsonl.gz", "txt", "html", "warc.gz", "zip"} <= set(counts)


def test_everything_written_is_read_back(items: list[RawArticle | Rejected]) -> None:
    articles = [item for item in items if isinstance(item, RawArticle)]
    rejected = [item for item in items if isinstance(item, Rejected)]
    assert len(articles) == 400
    assert sorted(item.reason for item in rejected) == sorted(
        [
            "malformed_json",
            "no_text",
            "truncated_archive",
            "binary_content",
            "empty_article",
            "unsupported_member",
        ]
    )


@pytest.mark.parametrize(
    ("suffix", "expected_type"),
    [(".txt", "text"), (".jsonl", "text"), (".jsonl.gz", "text"), (".html", "html")],
)
def test_formats_carry_their_content_type(
    items: list[RawArticle | Rejected], suffix: str, expected_type: str
) -> None:
    found = [i for i in items if isinstance(i, RawArticle) and i.source_path.endswith(suffix)]
    assert found and all(item.content_type == expected_type for item in found)


def test_archives_hold_members_and_warc_responses(items: list[RawArticle | Rejected]) -> None:
    paths = [item.source_path for item in items if isinstance(item, RawArticle)]
    assert any(".zip!" in path and path.endswith(".html") for path in paths)
    assert any(".zip!" in path and path.endswith(".txt") for path in paths)
    warc = [i for i in items if isinstance(i, RawArticle) and i.source_path.endswith(".warc.gz")]
    assert warc and all(item.url and item.url.startswith("https://") for item in warc)


def test_jsonl_records_carry_metadata(items: list[RawArticle | Rejected]) -> None:
    feed = [i for i in items if isinstance(i, RawArticle) and ".jsonl" in i.source_path]
    assert all(item.title and item.url and item.published and item.outlet for item in feed)
    assert any(item.authors for item in feed)


def test_every_record_style_reads_back_the_same_article() -> None:
    article = synthetic_article(random.Random(5), 5, corpus_seed=5)
    for style in range(3):
        data = json.dumps(news_please_record(article, style)).encode()
        [item] = list(read_dump("feed.jsonl", io.BytesIO(data)))
        assert isinstance(item, RawArticle)
        assert (item.title, item.content, item.url) == (
            article["title"],
            article["text"],
            article["url"],
        )
        assert item.published and item.outlet


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    """(expected cp1252 text, text the reader decoded) of every windows-1252 txt file."""
    root = tmp_path_factory.mktemp("legacy")
    write_synthetic_dumps(root, 1000, seed=9)
    out = []
    for path in sorted((root / "txt").rglob("*.txt")):
        data = path.read_bytes()
        if _is_utf8(data):
            continue
        with path.open("rb") as stream:
            [item] = list(read_dump(path.name, stream))
        assert isinstance(item, RawArticle)
        out.append((data.decode("cp1252"), item.content))
    return out


def test_most_legacy_encoded_text_files_decode_to_the_same_words(
    legacy_files: list[tuple[str, str]],
) -> None:
    assert len(legacy_files) >= 3
    exact = sum(expected.endswith(content) for expected, content in legacy_files)
    assert exact >= len(legacy_files) * 0.6


def test_every_legacy_encoded_text_file_decodes_to_the_same_words(
    legacy_files: list[tuple[str, str]],
) -> None:
    assert all(expected.endswith(content) for expected, content in legacy_files)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    write_synthetic_dumps(tmp_path / "a", 60, seed=3, bad_records=2)
    write_synthetic_dumps(tmp_path / "b", 60, seed=3, bad_records=2)
    write_synthetic_dumps(tmp_path / "c", 60, seed=4, bad_records=2)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert tree_digest(tmp_path / "a") != tree_digest(tmp_path / "c")


@pytest.mark.parametrize("i", [0, 1, 2, 3, 17, 250, 9_999])
def test_article_shape(i: int) -> None:
    article = synthetic_article(random.Random(i), i, corpus_seed=1)
    assert set(article) == {"title", "text", "url", "outlet", "published", "authors", "story"}
    assert article["story"] == f"1:{story_of(i, 1)[0]}"
    assert 380 <= len(article["text"].split()) <= 950
    assert "\x00" not in article["text"] + article["title"]
    assert "{" not in article["text"] and "}" not in article["text"]
    assert article == synthetic_article(random.Random(i), i, corpus_seed=1)


@settings(max_examples=25, deadline=None)
@given(i=st.integers(0, 10**7), seed=st.integers(0, 10**4))
def test_any_article_is_well_formed(i: int, seed: int) -> None:
    article = synthetic_article(random.Random(i), i, corpus_seed=seed)
    key, position = story_of(i, seed)
    assert article["story"] == f"{seed}:{key}" and 0 <= position < 8
    text = article["text"] + article["title"]
    assert not re.search(r"[\x00{}\[\]<>|]", text.replace("Facebook | X | Email", ""))
    assert 380 <= len(article["text"].split()) <= 950
    assert article["title"][:1].isupper()


def corpus(n: int, seed: int = 2) -> list[dict]:
    rng = random.Random(seed)
    return [synthetic_article(rng, i, corpus_seed=seed) for i in range(n)]


def paragraphs(article: dict, min_words: int = 15) -> set[str]:
    return {p for p in article["text"].split("\n\n") if len(p.split()) >= min_words}


def shingles(article: dict, k: int = 12) -> set[str]:
    """Every k-word run inside one paragraph (runs across furniture lines are not text)."""
    out: set[str] = set()
    for paragraph in article["text"].split("\n\n"):
        words = paragraph.split()
        out.update(" ".join(words[j : j + k]) for j in range(len(words) - k + 1))
    return out


@pytest.fixture(scope="module")
def two_hundred() -> list[dict]:
    return corpus(200)


def test_unrelated_articles_share_no_long_passage(two_hundred: list[dict]) -> None:
    runs = [shingles(article) for article in two_hundred]
    pairs = [
        (a, b)
        for a, b in itertools.combinations(range(len(two_hundred)), 2)
        if two_hundred[a]["story"] != two_hundred[b]["story"]
    ]
    sharing = sum(bool(runs[a] & runs[b]) for a, b in pairs)
    assert len(pairs) > 15_000
    assert sharing <= len(pairs) * 0.005  # a stock phrase now and then, as in real news


def test_story_groups_have_realistic_sizes_and_dates(two_hundred: list[dict]) -> None:
    groups: dict[str, list[dict]] = {}
    for article in two_hundred:
        groups.setdefault(article["story"], []).append(article)
    sizes = Counter(len(members) for members in groups.values())
    assert max(sizes) <= 8 and sizes[1] > sizes[4] and sizes[1] + sizes[2] + sizes[3] > 0.7 * len(
        groups
    )
    assert 60 <= len(groups) <= 130
    days = [datetime.fromisoformat(a["published"]) for a in two_hundred]
    assert (max(days) - min(days)).days > 200  # unrelated stories spread over months
    for members in groups.values():
        dates = [datetime.fromisoformat(a["published"]) for a in members]
        assert (max(dates) - min(dates)).days <= 10


def test_rewrites_reprint_or_paraphrase_the_original(two_hundred: list[dict]) -> None:
    originals: dict[str, dict] = {}
    shared = paraphrased = 0
    for i, article in enumerate(two_hundred):
        key, position = story_of(i, 2)
        if position == 0:
            originals[key] = article
            continue
        if key not in originals:  # the group started before article 0
            continue
        original = originals[key]
        if shingles(original, 30) & shingles(article, 30):
            shared += 1
        else:
            paraphrased += 1
            # a paraphrase still reports the same event: same place and figures
            figures = set(re.findall(r"\d[\d,.]*\d", original["text"]))
            assert figures & set(re.findall(r"\d[\d,.]*\d", article["text"]))
    assert shared >= 20 and paraphrased >= 10


def test_near_duplicates_change_only_a_few_words() -> None:
    articles = corpus(400)
    originals = {a["story"]: a for i, a in enumerate(articles) if story_of(i, 2)[1] == 0}
    near = 0
    for i, article in enumerate(articles):
        original = originals.get(article["story"])
        if original is None or original is article:
            continue
        a, b = original["text"].split(), article["text"].split()
        pairs_a, pairs_b = set(itertools.pairwise(a)), set(itertools.pairwise(b))
        if len(pairs_a & pairs_b) >= 0.8 * min(len(pairs_a), len(pairs_b)) and a != b:
            near += 1
    assert near >= 5


def test_names_are_spelled_differently_by_different_outlets() -> None:
    text = " ".join(article["text"] for article in corpus(400))
    spellings = Counter(re.findall(r"\b(?:Ole[kx]sandr|Aleksandr) [A-Z][a-z]+\b", text))
    by_surname = Counter(name.split()[1] for name in spellings)
    assert max(by_surname.values()) >= 2, spellings


@pytest.mark.parametrize(
    "pattern",
    [
        r"[€$]\d+(?:\.\d)? ?(?:billion|bn)|\d billion euros",  # money with scale words
        r"\d+ ?(?:%|percent|per cent)",  # percentages
        r"between [\d,]+ and [\d,]+",  # ranges
        r"\u201c[^\u201d]+,\u201d [A-Z][a-z]+ [A-Z][a-z]+, the ",  # attributed quote
        r"a senior EU official|one senior U\.S\. official|a diplomat familiar",  # anonymous
        r"Join our newsletter|Related Posts|Leave a comment|All rights reserved|Updated at",
    ],
)
def test_corpus_has_the_features_extractors_look_for(pattern: str) -> None:
    text = "\n".join(article["text"] for article in corpus(200))
    assert re.search(pattern, text)


def test_some_articles_are_filed_twice(tmp_path: Path) -> None:
    write_synthetic_dumps(tmp_path, 500, seed=11)
    bodies = Counter(
        item.content.strip()
        for item in read_back(tmp_path)
        if isinstance(item, RawArticle) and item.content_type == "text"
    )
    assert 1 <= sum(count - 1 for count in bodies.values()) <= 25
