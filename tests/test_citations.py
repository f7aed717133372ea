"""Citations of other outlets: cue phrases, links, what is not a citation, and exact offsets."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.clean.citations import extract_citations
from transforms.clean.furniture import strip_furniture


@pytest.mark.parametrize(
    ("text", "outlet", "cue", "span"),
    [
        ("The port will close in May, according to Reuters.", "Reuters", "according to",
         "according to Reuters"),
        ("According to NBC News, the talks began in October.", "NBC News", "according to",
         "According to NBC News"),
        ("The ferry was late, according to a report by Kommersant.", "Kommersant",
         "according to", "according to a report by Kommersant"),
        ("Ten boats sank, Ukrainska Pravda reported on Friday.", "Ukrainska Pravda", "reported",
         "Ukrainska Pravda reported"),
        ("The harbour flooded, NBC reports, citing two officials.", "NBC News", "reported",
         "NBC reports"),
        ("An NBC News report published on Friday said the gates failed.", "NBC News", "report",
         "An NBC News report"),
        ("The mayor resigned, citing a report by Le Figaro.", "Le Figaro",
         "citing", "citing a report by Le Figaro"),
        ("A report by Deutsche Welle said:", "Deutsche Welle", "report",
         "A report by Deutsche Welle"),
        ("Per Reuters:", "Reuters", "per", "Per Reuters:"),
        ("From Le Monde (translated):", "Le Monde", "from", "From Le Monde (translated):"),
        ("Chinese news agency Xinhua said the plant was ready.", "Xinhua", "outlet",
         "news agency Xinhua"),
        ("The minister told The Economist that the talks had stalled.", "The Economist", "told",
         "told The Economist"),
        ("The claim first appeared in the BILD newspaper last spring.", "Bild", "outlet",
         "the BILD newspaper"),
        ("The Harbour Tribune reported that the barrier leaked.", "The Harbour Tribune",
         "reported", "The Harbour Tribune reported"),
        ("Regional news site Tidewatch said the vote was rigged.", "Tidewatch", "outlet",
         "news site Tidewatch"),
        ("The closure was reported by Sky News, citing a port official.", "Sky News", "reported",
         "reported by Sky News"),
    ],
)
def test_cue_citations(text: str, outlet: str, cue: str, span: str) -> None:
    citations = extract_citations(text)
    assert [(c.cited_outlet, c.cue, c.text) for c in citations] == [(outlet, cue, span)]


@pytest.mark.parametrize(
    "text",
    [
        "The talks began, according to one senior port official.",
        "Casualties rose, according to the Pentagon.",
        "The mayor resigned, citing health reasons.",
        "Citing Marta Feld, the minister repeated the claim.",
        "Officials reported that the gates had failed.",
        "The paper's editor wrote online that the talks were over.",
        "Ukraine reported heavy shelling overnight.",
        "A Pentagon report said the stocks were low.",
        "See the thread at https://twitter.com/someone/status/1 for details.",
        "",
    ],
)
def test_not_a_citation(text: str) -> None:
    assert extract_citations(text) == []


def test_link_alone_is_a_citation() -> None:
    text = "Details are at https://www.reuters.com/world/europe/harbour-2024-03-12/."
    (citation,) = extract_citations(text)
    assert citation.cited_outlet == "Reuters"
    assert citation.cue == "link"
    assert citation.url == "https://www.reuters.com/world/europe/harbour-2024-03-12/"
    assert citation.text == citation.url


def test_link_to_unknown_outlet_names_its_domain() -> None:
    (citation,) = extract_citations("Source: http://tidewatch.example.net/story/77")
    assert citation.cited_outlet == "tidewatch.example.net"


def test_named_citation_and_its_link_merge() -> None:
    text = (
        "An NBC News report, “Harbour gates fail” (https://www.nbcnews.com/news/harbour-1), "
        "said on Friday that repairs would take a year."
    )
    (citation,) = extract_citations(text)
    assert citation.cited_outlet == "NBC News"
    assert citation.url == "https://www.nbcnews.com/news/harbour-1"
    assert citation.text.startswith("An NBC News report")
    assert citation.text.endswith("harbour-1")


def test_overlapping_cues_are_deduplicated_and_sorted() -> None:
    text = (
        "According to NBC News reports, the gates failed. Later, Reuters reported the same, "
        "and according to Reuters, repairs began."
    )
    citations = extract_citations(text)
    starts = [c.start for c in citations]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(citations):
        assert a.end <= b.start
    assert [c.cited_outlet for c in citations] == ["NBC News", "Reuters", "Reuters"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_and_offsets_exact(text: str) -> None:
    for citation in extract_citations(text):
        assert text[citation.start : citation.end] == citation.text


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([
    "according to Reuters", "NBC reported", "citing a report by TASS", " and ", ", ",
    "https://www.bbc.co.uk/news/1", "The ", "Officials said", "\n\n", "Per NBC News:",
]), max_size=12))
def test_offsets_exact_on_cue_rich_text(parts: list[str]) -> None:
    text = "".join(parts)
    for citation in extract_citations(text):
        assert text[citation.start : citation.end] == citation.text


# An aggregator's retelling, written for this test: it leans on several outlets, by cue phrases
# and by a link, and names people, offices and places that are not outlets.
RETELLING = """Ferry talks stall as union digs in

According to Reuters, port officials have quietly begun talks with the ferry union about the
new timetable, one senior official said.

Per Reuters:

The conversations have covered wages and the barrier works, and the Kremlin of the harbour
board, as staff call it, has said nothing.

Regional news site Tidewatch said the vote on the deal was delayed, citing a report by Le Monde.
The mayor told Deutsche Welle that the city would not pay. Officials reported that the gates
had failed twice, according to the Pentagon of the port police.

From Süddeutsche Zeitung (translated):

The union's chair said the strike would go on. The full story is at
https://www.theguardian.com/world/2024/mar/12/ferry-union-talks.

Copyright © 2024 Harbour Digest. All rights reserved.
"""
RETELLING_CITES = {"Reuters", "Tidewatch", "Le Monde", "Deutsche Welle", "Süddeutsche Zeitung",
                   "The Guardian"}


def test_a_retelling_cites_exactly_the_outlets_it_leans_on() -> None:
    body = strip_furniture(RETELLING).body
    citations = extract_citations(body)
    assert {c.cited_outlet for c in citations} == RETELLING_CITES
    for citation in citations:
        assert body[citation.start : citation.end] == citation.text
    assert any(c.url and "theguardian.com" in c.url for c in citations)
