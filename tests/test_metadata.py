"""Metadata guesses: dates (zone-aware only when a zone is named), outlets, authors, language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.clean.metadata import (
    clean_author,
    guess_language,
    outlet_display_name,
    outlet_from_url,
    parse_published,
)
from transforms.clean.outlets import registered_domain


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-11-04T13:03:00Z", datetime(2023, 11, 4, 13, 3, tzinfo=UTC)),
        ("2023-11-04T13:03:00+01:00", datetime(2023, 11, 4, 12, 3, tzinfo=UTC)),
        ("2023-11-04", datetime(2023, 11, 4)),
        ("2023-11-04 08:30", datetime(2023, 11, 4, 8, 30)),
        ("Nov 4, 2023", datetime(2023, 11, 4)),
        ("4 November 2023", datetime(2023, 11, 4)),
        ("4:45 PM EDT, October 9, 2023", datetime(2023, 10, 9, 20, 45, tzinfo=UTC)),
        ("Sat, 04 Nov 2023 13:03:00 +0100", datetime(2023, 11, 4, 12, 3, tzinfo=UTC)),
        ("March 12, 2024 9:15 AM UTC", datetime(2024, 3, 12, 9, 15, tzinfo=UTC)),
        ("4.11.2023", datetime(2023, 11, 4)),
        ("  Nov  4,\n2023 ", datetime(2023, 11, 4)),
    ],
)
def test_parse_published(value: str, expected: datetime) -> None:
    parsed = parse_published(value)
    assert parsed == expected
    assert (parsed.tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "today", "yesterday at noon", "last Tuesday", "November 2023", "2023",
     "hello world", "5", "Updated at 18:30", "x" * 500],
)
def test_parse_published_never_invents(value: str | None) -> None:
    assert parse_published(value) is None


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_parse_published_never_crashes(value: str) -> None:
    parsed = parse_published(value)
    assert parsed is None or isinstance(parsed, datetime)
    if parsed is not None and parsed.tzinfo is not None:
        assert parsed.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    ("url", "domain", "outlet"),
    [
        ("https://www.nbcnews.com/news/us-news/harbour-barrier-rcna1", "nbcnews.com", "NBC News"),
        ("https://www.bbc.co.uk/news/world-1", "bbc.co.uk", "BBC"),
        ("https://english.nv.ua/nation/x.html", "nv.ua", "The New Voice of Ukraine"),
        # a documentation domain holds many made-up sites: the site's label is kept
        ("http://harbour-gazette.example.org/a", "harbour-gazette.example.org",
         "harbour-gazette.example.org"),
        ("https://news.tidewatch.example.com/a", "tidewatch.example.com", "tidewatch.example.com"),
        ("https://www.vox.com/politics/1", "vox.com", "Vox"),
        ("https://hosted.ap.org/article/1", "ap.org", "Associated Press"),
        ("https://www.harbourgazette.co.uk/a", "harbourgazette.co.uk", "harbourgazette.co.uk"),
        ("www.reuters.com/world/", "reuters.com", "Reuters"),
        ("not a url", None, None),
        ("http://localhost:8000/x", None, None),
        (None, None, None),
    ],
)
def test_url_domain_and_outlet(url: str | None, domain: str | None, outlet: str | None) -> None:
    assert registered_domain(url) == domain
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("name", "display"),
    [("New York Times", "The New York Times"), ("NBC", "NBC News"), ("www.nbcnews.com", "NBC News"),
     ("english.nv.ua", "The New Voice of Ukraine"), ("harbourgazette.example", "harbourgazette.example"),
     ("Harbour Gazette",
     "Harbour Gazette"), ("  ", None), (None, None)],
)
def test_outlet_display_name(name: str | None, display: str | None) -> None:
    assert outlet_display_name(name) == display


@pytest.mark.parametrize(
    ("value", "expected"),
    [("By Anna Lindqvist", "Anna Lindqvist"), ("by  Jan Voss, ", "Jan Voss"),
     ("Marta Feld", "Marta Feld"), ("By ", None), (None, None)],
)
def test_clean_author(value: str | None, expected: str | None) -> None:
    assert clean_author(value) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (("The council voted on Tuesday to approve the budget, and the mayor said that it was "
         "the best plan they have had in years for the harbour."), "en"),
        (("Der Stadtrat hat am Dienstag den Haushalt beschlossen, und die Bürgermeisterin sagte, "
         "dass es der beste Plan sei, den die Stadt seit Jahren hat. Die Opposition ist nicht "
         "überzeugt und will mit dem Gericht drohen."), "de"),
        (("Le conseil municipal a voté mardi le budget et la maire a dit que c'est le meilleur "
         "plan pour le port depuis des années. Les pêcheurs ne sont pas contents et ont promis "
         "de saisir la justice."), "fr"),
        (("Міська рада у вівторок ухвалила бюджет, і мер заявила, що це найкращий план для "
         "гавані за останні роки. Рибалки незадоволені і пообіцяли звернутися до суду, "
         "бо вважають, що бар'єр шкодить їхній роботі."), "uk"),
        (("Городской совет во вторник утвердил бюджет, и мэр заявила, что это лучший план для "
          "гавани за последние годы. Рыбаки недовольны и обещали обратиться в суд, так как "
          "считают, что барьер мешает их работе."), "ru"),
        (("Общинският съвет прие бюджета във вторник и кметът каза, че това е най-добрият план "
          "за пристанището от години. Рибарите са недоволни и ще се обърнат към съда, защото "
          "смятат, че бариерата пречи на работата им."), "bg"),
        ("Flood barrier", None),
        ("", None),
    ],
)
def test_guess_language(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang
