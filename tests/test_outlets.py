"""Outlets: one display name per registered domain, whatever the input type; junk is no name.

Every page and record here is written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.clean.article import extract_html, to_article
from transforms.clean.citations import extract_citations
from transforms.clean.outlets import decide_outlet, outlet_name, registered_domain
from transforms.records import Article, RawArticle

LEAD = ("The harbour city council voted 31 to 4 on Tuesday to fund a tidal flood barrier, ending "
        "a dispute that has stalled the project since the storm surge.")
TAIL = ("Construction is due to begin next spring, the planning chief told reporters, adding that "
        "the first gates would close within five years if the money arrives on time.")
PARAGRAPHS = f"<p>{LEAD}</p><p>{TAIL}</p>"


def raw(content: str, content_type: str = "text", **fields: object) -> RawArticle:
    return RawArticle(source_path="dumps/x", record_no=0, content=content,
                      content_type=content_type, **fields)


def page(head: str, body: str = "", title: str = "Council backs the flood barrier") -> str:
    return (f"<html lang='en'><head><title>{title}</title>{head}</head><body>{body}"
            f"<article><h1>Council backs the flood barrier</h1>{PARAGRAPHS}</article></body></html>")


def outlet_of(item: RawArticle) -> str | None:
    article = to_article(item)
    assert isinstance(article, Article)
    return article.outlet


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # taglines after a separator are dropped
        ("Tidewatch | The coast's favourite news platform", "Tidewatch"),
        ("Harbour Gazette – News for the harbour towns", "Harbour Gazette"),
        ("Harbour Gazette - Your town, your paper", "Harbour Gazette"),
        ("Harbour Gazette: Independent local journalism", "Harbour Gazette"),
        ("Home | Harbour Gazette", "Harbour Gazette"),  # a generic first part is skipped
        ("The coast's favourite news platform | Tidewatch", "Tidewatch"),  # so is a slogan
        ("Your trusted source for local news", None),
        ("Corriere della Harbour", "Corriere della Harbour"),
        # spellings of a known outlet give its one name
        ("NYTimes", "The New York Times"),
        ("nytimes.com", "The New York Times"),
        ("The New York Times", "The New York Times"),
        ("@nytimes", "The New York Times"),
        # names stay as written
        ("The Ridge Courier", "The Ridge Courier"),
        ("Tidewatch", "Tidewatch"),
        ("7Days Harbour", "7Days Harbour"),
        # not names: copyright lines, years, generic words, region codes, hostnames, URLs
        ("Copyright 2014", None),
        ("© 2024 Harbour Gazette. All rights reserved.", None),
        ("Copyright Harbour Gazette", None),
        ("2019", None),
        ("Hosted", None),
        ("hosted", None),
        ("Home", None),
        ("News", None),
        ("Latest News", None),
        ("Nj", None),
        ("UK", None),
        ("www.harbourgazette.co.uk", None),
        ("harbourgazette.co.uk", None),
        ("https://www.facebook.com/harbourgazette", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_name(text: str | None, name: str | None) -> None:
    assert outlet_name(text) == name


@pytest.mark.parametrize(
    ("sources", "names", "outlet"),
    [
        # a known domain decides, whatever the page calls itself
        (["https://www.vox.com/a"], ["Vox Media Explainers"], "Vox"),
        (["https://www.nytimes.com/a"], ["Copyright 2014"], "The New York Times"),
        (["www.nytimes.com"], [], "The New York Times"),
        ([None], ["NYTimes"], "The New York Times"),
        # an unknown domain: the first real name, else the domain itself
        (["https://www.harbourgazette.co.uk/a"], ["Hosted", "Harbour Gazette | Local news"],
         "Harbour Gazette"),
        (["https://www.harbourgazette.co.uk/a"], ["Copyright 2014", "Nj", "Home"],
         "harbourgazette.co.uk"),
        ([None], ["www.harbourgazette.co.uk"], "harbourgazette.co.uk"),  # a hostname is a key
        ([None], ["Nj"], None),
        ([], [], None),
    ],
)
def test_decide_outlet(sources: list, names: list, outlet: str | None) -> None:
    assert decide_outlet(sources, names) == outlet


def test_hosts_of_one_registered_domain_share_a_key() -> None:
    keys = {registered_domain(u) for u in (
        "https://www.harbourgazette.co.uk/a", "harbourgazette.co.uk", "http://m.harbourgazette.co.uk/b",
        "WWW.HarbourGazette.co.uk")}
    assert keys == {"harbourgazette.co.uk"}


# --------------------------------------------------------------------------- across input types

TEXT = f"Council backs the flood barrier\n\n{LEAD}\n\n{TAIL}"


@pytest.mark.parametrize(
    "item",
    [
        raw(TEXT, outlet="www.vox.com"),  # a JSONL record's hostname "source"
        raw(TEXT, outlet="Vox", url="https://www.vox.com/policy/1"),
        raw(TEXT, url="https://www.vox.com/policy/1"),
        raw(page('<meta property="og:site_name" content="Vox">'), "html"),
        raw(page("", title="Council backs the flood barrier | Vox"), "html"),  # a title suffix only
        raw(page('<meta property="og:site_name" content="Vox - Understand the news">'
                 '<meta name="copyright" content="Copyright 2014">'), "html"),
        # the page's evidence conflicts with the table: the domain decides
        raw(page('<meta property="og:site_name" content="Hosted">'
                 '<link rel="canonical" href="https://www.vox.com/policy/1">'), "html"),
    ],
)
def test_one_known_site_has_one_name_whatever_the_input(item: RawArticle) -> None:
    assert outlet_of(item) == "Vox"


GAZETTE_URL = "https://www.harbourgazette.co.uk/news/2024/barrier"


@pytest.mark.parametrize(
    "item",
    [
        raw(TEXT, outlet="Harbour Gazette", url=GAZETTE_URL),
        raw(page('<meta property="og:site_name" content="Harbour Gazette | Your town, your paper">'),
            "html", url=GAZETTE_URL),
        raw(page("", title="Council backs the flood barrier - Harbour Gazette"), "html",
            url=GAZETTE_URL),  # the suffix spells the domain
        raw(page("", body="<footer>Harbour Gazette, 4 Quay Street</footer>",
                 title="Council backs the flood barrier | Harbour Gazette"), "html"),  # it recurs
        raw(page('<script type="application/ld+json">{"@context": "https://schema.org", '
                 '"@type": "NewsArticle", "publisher": {"@type": "Organization", '
                 '"name": "Harbour Gazette"}}</script>'), "html", url=GAZETTE_URL),
    ],
)
def test_one_unknown_site_has_one_name_from_its_evidence(item: RawArticle) -> None:
    assert outlet_of(item) == "Harbour Gazette"


@pytest.mark.parametrize(
    ("item", "outlet"),
    [
        # junk site names, nothing better: the registered domain, never the junk
        (raw(page('<meta name="copyright" content="Copyright 2014">'
                  '<meta name="application-name" content="Hosted">'
                  '<meta name="twitter:site" content="@nj">'), "html", url=GAZETTE_URL),
         "harbourgazette.co.uk"),
        (raw(page('<meta property="og:site_name" content="Nj">'), "html", url=GAZETTE_URL),
         "harbourgazette.co.uk"),
        (raw(TEXT, outlet="www.harbourgazette.co.uk"), "harbourgazette.co.uk"),
        # no domain, only junk: no outlet rather than a wrong one
        (raw(page('<meta property="og:site_name" content="Copyright 2014">'
                  '<meta name="application-name" content="Hosted">'), "html"), None),
        # a title suffix that neither recurs nor spells the domain is part of the headline
        (raw(page("", title="Council backs the flood barrier - What Happens Next"), "html"), None),
        # a site-first title: the last part is the headline, repeated only as the <h1>
        (raw(page("", title="Harbour Gazette | Council Backs The Flood Barrier").replace(
            "<h1>Council backs the flood barrier", "<h1>Council Backs The Flood Barrier"), "html"),
         None),
    ],
)
def test_junk_never_becomes_the_outlet(item: RawArticle, outlet: str | None) -> None:
    assert outlet_of(item) == outlet


def test_page_site_names_are_the_pages_own_claims_best_first() -> None:
    html = page('<meta name="application-name" content="Gazette App">'
                '<meta property="og:site_name" content="Harbour Gazette">'
                '<meta name="copyright" content="Copyright 2014 Harbour Gazette Ltd">')
    assert extract_html(html)["site_names"] == ["Harbour Gazette", "Gazette App"]


# --------------------------------------------------------------------------- citations


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The gates failed, according to a report by NYTimes.", "The New York Times"),
        ("Details: https://hosted.ap.org/article/harbour-gates-1", "Associated Press"),
        ("Details: https://www.harbourgazette.co.uk/news/1", "harbourgazette.co.uk"),
    ],
)
def test_citations_use_the_same_names(text: str, outlet: str) -> None:
    assert [c.cited_outlet for c in extract_citations(text)] == [outlet]


def test_a_generic_word_is_not_a_cited_outlet() -> None:
    assert extract_citations("Regional news site Home said the vote was rigged.") == []


# --------------------------------------------------------------------------- the nightly flow


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_one_outlet_per_site_in_outlet_activity(tmp_path: Path) -> None:
    from flows.nightly import nightly
    from warehouse.duck import open_database

    dumps = tmp_path / "dumps"
    (dumps / "web").mkdir(parents=True)
    records = [
        {"title": "Council backs the flood barrier", "maintext": f"{LEAD}\n\n{TAIL}",
         "url": "https://www.vox.com/policy/1", "source_domain": "www.vox.com"},
        {"title": "Harbour ferry fares to rise", "url": GAZETTE_URL + "-fares",
         "source": "Harbour Gazette",
         "maintext": ("Ferry fares across the harbour will rise by a tenth in April, the operator "
                      "said on Monday, blaming fuel costs and a shortage of crew.\n\nCommuters "
                      "said the rise would hit families who cross every day for work and school.")},
    ]
    (dumps / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (dumps / "web" / "vox.html").write_text(
        "<html><head><title>Fishermen vow to appeal barrier vote</title>"
        '<meta property="og:site_name" content="Vox - Understand the news">'
        '<meta name="copyright" content="Copyright 2014"></head><body><article>'
        "<p>Fishermen said the barrier would silt up the inner harbour and vowed to appeal the "
        "decision at the regional court before the end of the month.</p><p>Their cooperative "
        "has hired two lawyers and says it will raise the money from its members.</p>"
        "</article></body></html>", encoding="utf-8")
    (dumps / "web" / "gazette.html").write_text(
        "<html><head><title>Quay repairs delayed again - Harbour Gazette</title>"
        f'<link rel="canonical" href="{GAZETTE_URL}-quay"></head><body><article>'
        "<p>Repairs to the old quay have been delayed again after engineers found cracks in two "
        "of the supporting piers, the harbour board said on Friday.</p><p>The board said the "
        "work would now finish in the autumn, six months later than planned.</p>"
        "</article></body></html>", encoding="utf-8")
    summary = nightly(dumps=str(dumps), warehouse=str(tmp_path / "wh"))
    assert summary["articles_new"] == 4
    con = open_database(tmp_path / "wh")
    try:
        rows = con.execute(
            "select outlet, sum(articles) from outlet_activity group by outlet order by outlet"
        ).fetchall()
    finally:
        con.close()
    assert rows == [("Harbour Gazette", 2), ("Vox", 2)]
