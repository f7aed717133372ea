"""to_article end to end: text and HTML records, rejections, stable ids, the outlet view."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.clean import article as articles
from transforms.clean.article import article_id_for, extract_html, to_article, word_count
from transforms.clean.metadata import parse_published
from transforms.read.files import read_dump
from transforms.records import Article, RawArticle, Rejected

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
    "Sign up to our newsletter",
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
        TEXT, title="Flood barrier approved", url="https://tidewatch.example.org/news/x-rcna1",
        published="2024-03-13T10:00:00Z", outlet="Tidewatch", authors=("Jan Voss", "Marta Feld"),
        language="en-GB",
    ))
    assert isinstance(article, Article)
    assert article.title == "Flood barrier approved"
    assert article.outlet == "Tidewatch"
    assert article.author == "Jan Voss, Marta Feld"
    assert article.published_at == datetime(2024, 3, 13, 10, 0, tzinfo=UTC)
    assert article.url == "https://tidewatch.example.org/news/x-rcna1"
    assert article.language == "en"


@pytest.mark.parametrize(
    ("fields", "outlet"),
    [
        ({"url": "https://www.nbcnews.com/news/x"}, "NBC News"),
        ({"url": "https://tidewatch.example.org/x"}, "Harbour Gazette"),  # a name beats a domain
        ({"url": "https://www.nbcnews.com/news/x", "outlet": "Tidewatch"}, "NBC News"),  # table
        ({"url": "https://a.example/x", "outlet": "www.nytimes.com"}, "The New York Times"),
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


PAGES = Path(__file__).resolve().parent / "html"

# Per hand-made page: expected metadata, the first and last words of the body, and furniture
# (nav, cookie banner, share bar, related links, comments, footer) that must not survive.
PAGE_CASES = [
    (
        "harbour_barrier.html",
        {
            "title": "Council approves tidal flood barrier after decade of delays",
            "outlet": "Harbour Gazette",
            "author": "Anna Lindqvist",
            "published_at": datetime(2024, 3, 12, 8, 15, tzinfo=UTC),  # +01:00 in the page
            "url": "https://harbourgazette.example.com/news/2024/03/12/council-approves-flood-barrier",
            "language": "en",
        },
        ("A narrow vote ends a dispute", "during the permit process."),
        ("We use cookies", "Share on", "Join Our Newsletter", "Related stories",
         "Fishing cooperative elects", "Finally! My basement", "Leave a comment", "Copyright",
         "Ten years after the surge", "Tags:", "Search the Gazette"),
    ),
    (
        "valley_wind_farm.html",
        {
            "title": "Valley farmers split over plan for 40-turbine wind farm",
            "outlet": "The Ridge Courier",
            "author": "Luis Ortega",
            "published_at": datetime(2023, 10, 5, 21, 40, 12, tzinfo=UTC),  # -05:00 in the page
            "url": "https://ridgecourier.example.net/2023/10/05/valley-farmers-split-wind-farm/",
            "language": "en",
        },
        ("A proposal to build 40 wind turbines", "had seen no drawings of it."),
        ("This website uses cookies", "Share this", "Recent Posts", "Leave a Reply",
         "nobody even notices", "Harvest fair returns", "answerable only to our readers",
         "Posted in", "Proudly powered"),
    ),
    (
        "quarry_closure.html",
        {
            "title": "Quarry ordered shut after dust complaints",
            "outlet": "Eastshore Daily",
            "author": "Priya Natarajan",  # "By " taken off the meta tag
            "published_at": datetime(2022, 6, 21, 7, 30, tzinfo=UTC),
            "url": "https://www.eastshoredaily.example.org/local/quarry-ordered-shut",
            "language": "en",  # no lang attribute: guessed from the body
        },
        ("State environmental regulators on Monday", "before the 30-day deadline."),
        ("uses cookies", "Log in", "Advertisement", "Support independent local journalism",
         "More from Local", "Bridge repairs", "Comments (4)", "About time.", "Most read",
         "All rights reserved", "Tweet"),
    ),
]


@pytest.mark.parametrize(("name", "expected", "ends", "furniture"), PAGE_CASES)
def test_realistic_html_pages(
    name: str, expected: dict, ends: tuple[str, str], furniture: tuple[str, ...]
) -> None:
    article = to_article(raw((PAGES / name).read_text(encoding="utf-8"), content_type="html"))
    assert isinstance(article, Article)
    assert {key: getattr(article, key) for key in expected} == expected
    assert article.body.startswith(ends[0]) and article.body.endswith(ends[1])
    for text in furniture:
        assert text not in article.body
    assert article.title not in article.body  # the <h1> repeat is stripped
    assert "\n\n\n" not in article.body and article.word_count > 150


def test_html_record_fields_win_over_page_metadata() -> None:
    html = (PAGES / "quarry_closure.html").read_text(encoding="utf-8")
    article = to_article(raw(html, content_type="html", title="Redcliff quarry halted",
                             outlet="Tidewatch", authors=("Jan Voss",), url="https://a.example/q",
                             published="2022-06-22T10:00:00Z", language="en-GB"))
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.author, article.url, article.language) == (
        "Redcliff quarry halted", "Tidewatch", "Jan Voss", "https://a.example/q", "en")
    assert article.published_at == datetime(2022, 6, 22, 10, 0, tzinfo=UTC)


def test_html_page_tags_still_count_when_trafilatura_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("simulated extraction failure")

    monkeypatch.setattr(articles.trafilatura, "bare_extraction", broken)
    html = (PAGES / "harbour_barrier.html").read_text(encoding="utf-8")
    page = extract_html(html)
    assert page == {"date": "2024-03-12T09:15:00+01:00", "language": "en-GB"}
    result = to_article(raw(html, content_type="html"))
    assert isinstance(result, Rejected) and result.reason == "no_body"


def page_with(html_attrs: str, head: str, body: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return f"<html {html_attrs}><head>{head}</head><body><article>{body}{paragraphs}</article></body></html>"


@pytest.mark.parametrize(
    ("html", "date", "language"),
    [
        (page_with('lang="de"', '<meta property="article:published_time" content="soon">'
                   '<meta itemprop="datePublished" content="2024-03-12T09:15:00+01:00">'),
         "2024-03-12T09:15:00+01:00", "de"),  # an unparseable tag does not hide the next
        (page_with('lang="x"', '<meta property="og:locale" content="fr_FR">',
                   '<time itemprop="datePublished" datetime="2024-03-12">12 March</time>'),
         "2024-03-12", "fr_FR"),  # "x" is no language tag
        (page_with('xml:lang="nl"', '<meta name="dc.date" content="12.03.2024">'),
         "12.03.2024", "nl"),
        (page_with("", ""), None, None),
    ],
)
def test_page_tags_for_date_and_language(html: str, date: str | None, language: str | None) -> None:
    page = extract_html(html)
    assert (page["date"] if date else parse_published(page.get("date"))) == date
    assert page["language"] == language


@pytest.mark.parametrize(
    ("url", "published"),
    [
        (None, None),  # "the storm surge of 2014" in the prose is not a publication date
        ("https://gazette.example/2024/03/12/barrier", datetime(2024, 3, 12)),  # day only
    ],
)
def test_html_date_without_tags_comes_from_the_url_only(
    url: str | None, published: datetime | None
) -> None:
    article = to_article(raw(page_with("", ""), content_type="html", url=url))
    assert isinstance(article, Article)
    assert article.published_at == published


@pytest.mark.parametrize("markup", ["", "   ", "<html></html>", "\x00\x01", "<<<>>>"])
def test_unparseable_html_gives_an_empty_page(markup: str) -> None:
    assert extract_html(markup).get("text") is None


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


# Page shapes seen in text dumps, written for these tests: what each says about its outlet,
# title and date must be found by the general rules.
LEAD = ("The harbour city council voted 31 to 4 on Tuesday to fund a tidal flood barrier, "
        "ending a dispute that has stalled the project since the storm surge of 2014.")
TAIL = ("Construction is due to begin next spring, the planning chief told reporters, adding "
        "that the first gates would close by 2029 if the money arrives on time.")
PAGE_SHAPES = {
    # a question headline, comments furniture at the bottom, no outlet named anywhere
    "question": (
        (f"Will the flood barrier finally be built?\n\n{LEAD}\n\n{TAIL}\n\n"
         "Leave a comment below\n\nWe remove comments that break our rules; please stay civil."),
        "Will the flood barrier finally be built?", None, None),
    # the outlet asks for support and says it is reader-funded
    "appeal": (
        (f"Council Approves Flood Barrier After Long Delay\n\n\n{LEAD}\n\n{TAIL}\n\n"
         "Support Tidewatch\n\nTidewatch is reader-funded. Back independent journalism today.\n\n"
         "Sign up to our newsletter\n\nRelated Posts"),
        "Council Approves Flood Barrier After Long Delay", "Tidewatch", None),
    # copyright and a funding note above the headline
    "funded": (
        ("Copyright © 2022\n\nThe work of Harbour Gazette is supported by the Coastal Trust\n\n"
         "Privacy & Cookie Policy\n\nGazette: council backs flood barrier at last\n\n"
         f"{LEAD}\n\n{TAIL}"),
        "Gazette: council backs flood barrier at last", "Harbour Gazette", None),
    # a site domain and a section glued to the headline, a clean repeat under it
    "glued": (
        ("tidewatch.orgLocalCouncil backs the flood barrier\n\nCouncil backs the flood barrier"
         f"\n\n{LEAD}\n\n{TAIL}\n\nUpdated at 18:30. Adds the mayor's comment."),
        "Council backs the flood barrier", "tidewatch.org", None),
    # a section word glued to the headline, a credit line and a zoned dateline
    "dateline": (
        ("LocalCouncil backs the flood barrier\n\nCouncil backs the flood barrier\n\n"
         "Images source: © HARBOUR PHOTO | Gazette archive\n\ned. MTR\n\n"
         f"4:45 PM EDT, October 9, 2023\n\n{LEAD}\n\n{TAIL}\n\nRelated content"),
        "Council backs the flood barrier", None, datetime(2023, 10, 9, 20, 45, tzinfo=UTC)),
}


@pytest.mark.parametrize("shape", sorted(PAGE_SHAPES))
def test_page_shapes_give_title_outlet_and_date(shape: str) -> None:
    text, title, outlet, published = PAGE_SHAPES[shape]
    article = to_article(raw(text))
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.published_at) == (title, outlet, published)
    assert article.language == "en"
    assert article.body == f"{LEAD}\n\n{TAIL}"


@pytest.mark.parametrize("shape", sorted(PAGE_SHAPES))
def test_page_shapes_read_as_the_text_reader_gives_them(shape: str) -> None:
    text, title, outlet, _ = PAGE_SHAPES[shape]
    (item,) = read_dump(f"{shape}.txt", io.BytesIO(text.encode("utf-8")))  # title = first line
    assert isinstance(item, RawArticle)
    article = to_article(item)
    assert isinstance(article, Article)
    assert (article.title, article.outlet) == (title, outlet)
    whole = to_article(raw(text))  # no title split off
    assert (whole.title, whole.body) == (article.title, article.body)


HEADLINE = "Council approves flood barrier after decade of delays"


@pytest.mark.parametrize(
    ("given", "content", "expected"),
    [
        # breadcrumb or site name glued to the front, clean repeat in the text
        ("Local" + HEADLINE, f"{HEADLINE}\n\n{BODY}", HEADLINE),
        ("harbourgazette.example" + "Local" + HEADLINE, f"{HEADLINE}\n\n{BODY}", HEADLINE),
        ("News › Local › " + HEADLINE, f"By Anna Lindqvist\n\n{HEADLINE}\n\n{BODY}", HEADLINE),
        ("Breaking: " + HEADLINE, f"{HEADLINE}\n\n{BODY}", HEADLINE),
        # the title is furniture: the headline comes from the text
        ("Copyright © 2024", f"Privacy and Cookie Policies.\n\n{HEADLINE}\n\n{BODY}", HEADLINE),
        ("This article is licensed under a Creative Commons licence", f"{HEADLINE}\n\n{BODY}",
         HEADLINE),
        ("Home › News › Local", f"{HEADLINE}\n\n{BODY}", HEADLINE),
        ("By Anna Lindqvist", f"{HEADLINE}\n\n{BODY}", HEADLINE),
        # clean titles stay as given
        (HEADLINE, f"{HEADLINE}\n\n{BODY}", HEADLINE),
        (HEADLINE, BODY, HEADLINE),
        ("Flood  barrier\tapproved", BODY, "Flood barrier approved"),  # spaces collapsed
        ("By land and sea", BODY, "By land and sea"),  # not a byline: no capitalised name
        # a title that merely ends like a top line is not shortened
        ("The flood barrier vote", f"flood barrier vote\n\n{BODY}", "The flood barrier vote"),
        ("Harbour flood barrier vote", f"Flood barrier vote\n\n{BODY}",
         "Harbour flood barrier vote"),  # a space, not glue or a separator
        # nothing better in the text: keep what was given, never invent
        ("Copyright © 2024", BODY, "Copyright © 2024"),
        ("Local" + HEADLINE, BODY, "Local" + HEADLINE),
    ],
)
def test_title_furniture_and_glued_breadcrumbs(given: str, content: str, expected: str) -> None:
    article = to_article(raw(content, title=given))
    assert isinstance(article, Article)
    assert article.title == expected
    assert article.body.endswith(BODY.split("\n\n")[-1])
    assert HEADLINE not in article.body and "Copyright" not in article.body


def test_glued_site_name_in_title_names_the_outlet() -> None:
    article = to_article(raw(f"{HEADLINE}\n\n{BODY}", title="harbourgazette.comLocal" + HEADLINE))
    assert isinstance(article, Article)
    assert (article.title, article.outlet) == (HEADLINE, "harbourgazette.com")


def test_furniture_title_dateline_becomes_the_date() -> None:
    article = to_article(raw(f"{HEADLINE}\n\n{BODY}", title="9:15 AM CET, March 12, 2024"))
    assert isinstance(article, Article)
    assert article.title == HEADLINE
    assert article.published_at == datetime(2024, 3, 12, 8, 15, tzinfo=UTC)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=80), st.text(max_size=400))
def test_title_is_given_or_a_line_of_the_text(title: str, content: str) -> None:
    result = to_article(raw(content, title=title))
    if isinstance(result, Article) and result.title is not None:
        lines = {" ".join(line.split()) for line in content.splitlines()}
        assert result.title in lines | {" ".join(title.split())}


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
