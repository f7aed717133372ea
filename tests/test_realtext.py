"""The real-text benchmark corpus: built from ../shared/dev at bench time, deterministic, read
back whole by the readers, with respun (not copied) later passes and later nights."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

import pytest

from benchmarks.realtext import (
    RealCorpus,
    Respin,
    load_sources,
    real_articles,
    write_real_dumps,
)
from tests.shared_data import DEV, need
from tests.test_synthetic import read_back, tree_digest
from transforms.records import RawArticle, Rejected


@pytest.fixture(scope="module")
def sources():
    need(DEV / "polnear" / "train" / "text")
    need(DEV / "gum")
    return load_sources(DEV)


def _shingles(text: str, k: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def test_dumps_are_deterministic_and_read_back_whole(tmp_path, sources):
    counts = write_real_dumps(tmp_path / "a", 60, seed=3, bad_records=2, shared_dev=DEV)
    write_real_dumps(tmp_path / "b", 60, seed=3, bad_records=2, shared_dev=DEV)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    items = read_back(tmp_path / "a")
    assert sum(isinstance(i, RawArticle) for i in items) == 60
    assert sum(isinstance(i, Rejected) for i in items) == counts["bad"] == 2


def test_a_respun_document_keeps_its_shape_but_few_of_its_word_runs(sources):
    corpus = RealCorpus(sources, DEV / "gum", seed=0)
    n = len(sources)
    articles = [corpus.article(i) for i in range(n * 3 // 2)]
    by_title = {s.title: s for s in sources}
    first = [a for a in articles[: n // 2] if a["title"] in by_title]
    assert len(first) > n // 3  # the first pass gives documents as written
    respun = articles[-40:]  # the second pass (every document once more, respun)
    originals = [_shingles(" ".join(s.paragraphs)) for s in sources]
    shared = []
    for article in respun:
        mine = _shingles("\n".join(article["paragraphs"]))
        shared.append(max(len(mine & o) for o in originals) / max(1, len(mine)))
    shared.sort()
    assert shared[len(shared) // 4] < 0.5  # most respins are not copies of any source
    assert len({a["outlet"] for a in articles}) > 4
    days = {a["published"][:10] for a in articles}
    assert len(days) > 7  # the feed's 1,250 articles a week: 1,500 span over a week


def test_dates_follow_the_feed_so_a_week_holds_as_many_articles_at_any_size():
    dates = [datetime.fromisoformat(a["published"]) for a in real_articles(3000, shared_dev=DEV)]
    weeks = (max(dates) - min(dates)) / timedelta(weeks=1)
    assert 2.0 < weeks < 3.0  # 3,000 articles at 1,250 a week, copies a little later
    later = [datetime.fromisoformat(a["published"])
             for a in real_articles(100, seed=2, shared_dev=DEV, after=3000)]
    assert min(later) > max(dates) - timedelta(days=3)  # the next night's, not spread back


def test_a_later_night_brings_no_document_again(sources):
    first = {a["text"] for a in real_articles(len(sources) + 50, seed=1, shared_dev=DEV)}
    later = list(real_articles(50, seed=2, shared_dev=DEV, after=len(sources) + 50))
    assert not any(a["text"] in first for a in later)


def test_two_respins_of_one_document_are_not_rewrites_of_each_other(sources):
    """At 100,000 articles each document is respun about a hundred times: if its respins shared
    word runs, text reuse would rightly pair every article with a hundred others."""
    rng = random.Random(4)
    mine = theirs = 0
    for source in rng.sample(sources, 30):
        a, b = (_shingles(" ".join(Respin(random.Random(rng.random()), DEV / "gum").text(p)
                                   for p in source.paragraphs)) for _ in range(2))
        mine += len(a)
        theirs += len(a & b)
    assert theirs < 0.01 * mine
