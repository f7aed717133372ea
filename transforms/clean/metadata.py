"""Article metadata from record fields and text: dates, outlets, authors, language.

Every guess here prefers ``None`` to an invention: a date needs a day, a month and a year, a
zone is applied only when the string names one, and a language is named only when enough
function words agree.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from functools import lru_cache

import dateparser

from transforms.clean.outlets import (
    decide_outlet,
    is_hostname,
    known_outlet,
    outlet_name,
)
from transforms.lexicons import table

try:  # the zone finder dateparser itself uses; tells "has a zone" from "has none"
    from dateparser.timezone_parser import pop_tz_offset_from_string
except ImportError:  # pragma: no cover - older/newer dateparser layouts
    pop_tz_offset_from_string = None

LOGGER = logging.getLogger(__name__)

MAX_DATE_CHARS = 100  # longer strings are sentences, not date fields
# Only absolute dates: "relative-time" would turn "today" into the run date (an invention).
_DATE_PARSERS = ["custom-formats", "absolute-time"]
_PRIMARY_LANGUAGES = ["en"]
_OTHER_LANGUAGES = ["de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk"]
LANGUAGE_MIN_WORDS = 8  # fewer matched function words than this: do not guess
LANGUAGE_MIN_LEAD = 1.5  # the winner needs this many times the runner-up's function words

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_DOTTED_RE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")  # 4.11.2023 is day.month.year
_HAS_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[^\W\d_]+")
_BYLINE_PREFIX_RE = re.compile(r"^\s*(?:by|written by|author:|words by)(?:\s+|$)", re.IGNORECASE)

# Language -> its most frequent function words, from ``lexicons/function_words.tsv``.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in table("function_words.tsv")
}
# Function word -> the languages it belongs to ("de" is Spanish, Portuguese and Dutch).
_WORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _lang, _words in FUNCTION_WORDS.items():
    for _word in _words:
        _WORD_LANGUAGES[_word] = (*_WORD_LANGUAGES.get(_word, ()), _lang)

def parse_published(value: str | None) -> datetime | None:
    """A publication date from a field or a dateline, or ``None`` if it is not a full date.

    Aware UTC when the string names a zone ("EDT", "+01:00", "Z"), naive otherwise, so a naive
    value never pretends to know its zone.
    """
    if not value:
        return None
    return _parse_published(" ".join(value.split()))


@lru_cache(maxsize=4096)
def _parse_published(text: str) -> datetime | None:
    """Cached: a dateline is parsed once to recognise it and again as the article's date."""
    if not text or len(text) > MAX_DATE_CHARS or not _HAS_DIGIT_RE.search(text):
        return None
    if _ISO_RE.match(text):
        try:
            return _to_utc(datetime.fromisoformat(text))
        except ValueError:
            pass
    has_zone = _has_zone(text)
    settings: dict[str, object] = {
        "PARSERS": _DATE_PARSERS,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": has_zone,
    }
    if has_zone:
        settings["TO_TIMEZONE"] = "UTC"
    if _DOTTED_RE.search(text):
        settings["DATE_ORDER"] = "DMY"
    for languages in (_PRIMARY_LANGUAGES, _OTHER_LANGUAGES):
        try:
            parsed = dateparser.parse(text, languages=languages, settings=settings)
        except Exception as exc:  # noqa: BLE001  dateparser raises assorted errors on odd input
            LOGGER.debug("dateparser failed on %r: %s", text, exc)
            parsed = None
        if parsed is not None:
            return _to_utc(parsed)
    return None


def _has_zone(text: str) -> bool:
    if pop_tz_offset_from_string is None:
        return False
    try:
        return pop_tz_offset_from_string(text)[1] is not None
    except Exception:  # noqa: BLE001  a failed zone search means no zone we can trust
        return False


def _to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: the table's name for its domain, else the domain itself."""
    return decide_outlet([url], [])


def outlet_display_name(name: str | None) -> str | None:
    """The display name for an outlet spelling or domain ("New York Times" -> "The New York Times",
    "www.nbcnews.com" -> "NBC News", "Tidewatch | Coast news" -> "Tidewatch"); ``None`` for
    what is no name ("Copyright 2014", "Hosted", "Nj").  An unknown hostname is returned as
    written: a hint of a domain, which ``decide_outlet`` turns into the outlet key.
    """
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    if is_hostname(name):
        return known_outlet(name) or name
    return outlet_name(name)


def clean_author(value: str | None) -> str | None:
    """An author string without its "By" prefix, or ``None`` when nothing is left."""
    if not value:
        return None
    text = _BYLINE_PREFIX_RE.sub("", " ".join(value.split())).strip(" ,;|")
    return text or None


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code when function words clearly point one way, else ``None``."""
    if not text:
        return None
    sample = text[:5000]
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for word in _WORD_RE.findall(sample.casefold()):
        for lang in _WORD_LANGUAGES.get(word, ()):
            counts[lang] += 1
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)
    best, second = counts[ranked[0]], counts[ranked[1]]
    if best < LANGUAGE_MIN_WORDS or best < LANGUAGE_MIN_LEAD * second:
        return None
    return ranked[0]
