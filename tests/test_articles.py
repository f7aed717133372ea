"""to_article end to end: text and HTML records, rejections, stable ids, the outlet view."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.articles import article_id_for, to_article, word_count
from transforms.records import Article, RawArticle, Rejected

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
VIEW = Path(__file__).resolve().parents[1] / "warehouse" / "views" / "outlet_activity.sql"

BODY = (
    "The harbour city council voted 31 to 4 on Tuesday to fund a tidal flood barrier, ending a "
    "dispute that has stalled the project since the storm surge of 2014.\n\n"
    "Construction is due to begin next spring, the planning chief told reporters, adding that "
    "the first gates would close by 2029, according to Reuters."
)
PARTS = (
    "Copyright © 2024 Harbour Gazette",
    "The work of Harbour Gazette is supported by the Coastal Trust",
    "Council approves flood barrier",
    "By Anna Lindqvist",
    "9:15 AM CET, March 12, 2024",
    BODY,
    "Updated at 14:05. Adds reaction from the fishing cooperative.",
    "Join Our Newsletter",
    "Related Posts",
)
TEXT = "\n\n".join(PARTS)


def raw(content: str, content_type: str = "text", **fields: object) -> RawArticle:
    return RawArticle(source_path="dumps/a.jsonl", record_no=3, content=content,
                      content_type=content_type, **fields)


def test_text_article_furniture_out_metadata_in() -> None:
    article = to_article(raw(TEXT))
    assert isinstance(article, Article)
    assert article.body == BODY
    assert article.title == "Council approves flood barrier"
    assert article.outlet == "Harbour Gazette"
    assert article.author == "Anna Lindqvist"
    assert article.published_at == datetime(2024, 3, 12, 8, 15, tzinfo=UTC)
    assert article.updated_note.startswith("Updated at 14:05")
    assert article.language == "en"
    assert article.url is None
    assert article.word_count == word_count(BODY) > 40
    assert article.article_id == article_id_for(BODY)
    assert (article.source_path, article.record_no) == ("dumps/a.jsonl", 3)


def test_record_fields_win_over_guesses() -> None:
    article = to_article(raw(
        TEXT, title="Flood barrier approved", url="https://www.nbcnews.com/news/x-rcna1",
        published="2024-03-13T10:00:00Z", outlet="Tidewatch", authors=("Jan Voss", "Marta Feld"),
        language="en-GB",
    ))
    assert isinstance(article, Article)
    assert article.title == "Flood barrier approved"
    assert article.outlet == "Tidewatch"
    assert article.author == "Jan Voss, Marta Feld"
    assert article.published_at == datetime(2024, 3, 13, 10, 0, tzinfo=UTC)
    assert article.url == "https://www.nbcnews.com/news/x-rcna1"
    assert article.language == "en"


@pytest.mark.parametrize(
    ("fields", "outlet"),
    [
        ({"url": "https://www.nbcnews.com/news/x"}, "NBC News"),
        ({"url": "https://tidewatch.example.org/x"}, "example.org"),
        ({}, "Harbour Gazette"),  # from the furniture
    ],
)
def test_outlet_fallbacks(fields: dict, outlet: str) -> None:
    article = to_article(raw(TEXT, **fields))
    assert article.outlet == outlet


def test_unknown_metadata_stays_null() -> None:
    article = to_article(raw(BODY))
    assert isinstance(article, Article)
    assert (article.outlet, article.author, article.published_at, article.url) == (
        None, None, None, None)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "empty_article"),
        ("   \n\n  ", "empty_article"),
        ("Join Our Newsletter\n\nRelated Posts\n\nCopyright © 2024", "empty_article"),
        ("Short note.\n\nPlease enter your comment!", "empty_article"),
    ],
)
def test_rejected_when_nothing_is_left(content: str, reason: str) -> None:
    result = to_article(raw(content))
    assert isinstance(result, Rejected)
    assert (result.stage, result.reason, result.record_no) == ("clean", reason, 3)
    assert result.detail


def test_rejected_detail_says_what_was_left() -> None:
    result = to_article(raw("Council approves barrier\n\nThe vote was close.\n\nLeave a Reply"))
    assert isinstance(result, Rejected)
    assert "4 words" in result.detail


HTML = """<!doctype html>
<html lang="en-GB"><head>
<title>Council approves flood barrier | Harbour Gazette</title>
<meta property="og:title" content="Council approves flood barrier">
<meta property="og:site_name" content="Harbour Gazette">
<meta name="author" content="Anna Lindqvist">
<meta property="article:published_time" content="2024-03-12T08:15:00+00:00">
<link rel="canonical" href="https://harbourgazette.example.com/2024/03/barrier">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves flood barrier</h1>
<p>The harbour city council voted 31 to 4 on Tuesday to fund a tidal flood barrier, ending a
dispute that has stalled the project since the storm surge of 2014.</p>
<p>Construction is due to begin next spring, the planning chief told reporters, adding that
the first gates would close by 2029, according to Reuters.</p>
<p>Opponents, led by the fishing cooperative, said the barrier would silt up the inner harbour
and vowed to take the decision to the regional court.</p>
<p>Join Our Newsletter</p>
</article>
<footer>Copyright © 2024 Harbour Gazette. All rights reserved.</footer>
</body></html>"""


def test_html_article() -> None:
    article = to_article(raw(HTML, content_type="html"))
    assert isinstance(article, Article)
    assert article.body.startswith("The harbour city council voted")
    assert "fishing cooperative" in article.body
    assert "Newsletter" not in article.body and "Copyright" not in article.body
    assert "Home" not in article.body
    assert article.title == "Council approves flood barrier"
    assert article.outlet == "Harbour Gazette"
    assert article.author == "Anna Lindqvist"
    assert article.published_at == datetime(2024, 3, 12, 8, 15, tzinfo=UTC)  # time and zone kept
    assert article.language == "en"


def test_html_without_text_is_rejected() -> None:
    result = to_article(raw("<html><body><nav>Home</nav></body></html>", content_type="html"))
    assert isinstance(result, Rejected)
    assert result.reason in {"no_body", "empty_article"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Same text.\n\nTwo paragraphs.", "Same  text.\nTwo paragraphs. "),
        ("CASE does not matter", "case does not matter"),
        ("ﬁne ligature", "fine ligature"),  # NFKC
    ],
)
def test_article_id_ignores_spacing_case_and_compatibility_forms(a: str, b: str) -> None:
    assert article_id_for(a) == article_id_for(b)
    assert len(article_id_for(a)) == 16


def test_article_id_differs_for_different_text() -> None:
    assert article_id_for("The gates opened.") != article_id_for("The gates closed.")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=500), st.sampled_from(["text", "html"]))
def test_never_crashes(content: str, content_type: str) -> None:
    result = to_article(raw(content, content_type=content_type))
    assert isinstance(result, Article | Rejected)
    if isinstance(result, Article):
        assert result.word_count >= 20
        assert result.article_id == article_id_for(result.body)


@pytest.mark.parametrize(
    ("name", "outlet", "published"),
    [
        ("000_3ea20f8ea35621e6.txt", None, None),
        ("001_f0e561365508cab6.txt", "Countercurrents", None),
        ("002_87c491c99dcd62a3.txt", "Euromaidan Press", None),
        ("003_aa45f71569c94b10.txt", "GENERICO.ru", None),
        ("004_8eebfda767bfdce3.txt", None, datetime(2023, 11, 4, 17, 3, tzinfo=UTC)),
    ],
)
def test_seed_articles(name: str, outlet: str | None, published: datetime | None) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    article = to_article(raw((SEEDS / name).read_text(encoding="utf-8")))
    assert isinstance(article, Article)
    assert article.outlet == outlet
    assert article.published_at == published
    assert article.language == "en"
    assert article.title and article.title not in article.body
    assert "\n\n\n" not in article.body and article.body == article.body.strip()


# --------------------------------------------------------------------------- outlet_activity


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("set TimeZone = 'America/New_York'")  # the view must count UTC days anyway
    con.execute(
        "create table articles (article_id varchar, title varchar, body varchar, outlet varchar,"
        " author varchar, published_at timestamptz, url varchar, language varchar,"
        " word_count integer)"
    )
    con.executemany(
        "insert into articles values (?, null, 'b', ?, null, ?, null, 'en', ?)",
        [
            ("a1", "NBC News", datetime(2023, 11, 4, 23, 30, tzinfo=UTC), 100),
            ("a2", "NBC News", datetime(2023, 11, 4, 1, 0, tzinfo=UTC), 50),
            ("a3", "NBC News", datetime(2023, 11, 5, 2, 0, tzinfo=UTC), 7),
            ("a4", "Countercurrents", None, 30),
            ("a5", "Countercurrents", None, 20),
            ("a6", None, datetime(2023, 11, 4, 12, 0, tzinfo=UTC), 5),
        ],
    )
    con.execute(VIEW.read_text(encoding="utf-8"))
    yield con
    con.close()


def test_outlet_activity_view(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("select outlet, day, articles, words from outlet_activity").fetchall()
    by_key = {(r[0], r[1].isoformat() if r[1] else None): (r[2], r[3]) for r in rows}
    assert by_key == {
        ("NBC News", "2023-11-04"): (2, 150),
        ("NBC News", "2023-11-05"): (1, 7),
        ("Countercurrents", None): (2, 50),
        (None, "2023-11-04"): (1, 5),
    }


def test_outlet_activity_view_file_shape() -> None:
    sql = VIEW.read_text(encoding="utf-8")
    assert sql.splitlines()[0] == "-- outlet_activity: articles per outlet per day."
    assert "create or replace view outlet_activity as" in sql
    code = re.sub(r"'[^']*'", "''", "\n".join(
        line.split("--")[0] for line in sql.splitlines()))  # string literals may be any case
    assert code == code.lower()


def test_outlet_activity_keys_are_unique(con: duckdb.DuckDBPyConnection) -> None:
    dupes = con.execute(
        "select outlet, day, count(*) from outlet_activity group by all having count(*) > 1"
    ).fetchall()
    assert dupes == []
