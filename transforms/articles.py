"""One RawArticle in, one clean Article (or a Rejected) out: furniture out, metadata in.

HTML goes through trafilatura, which knows page structure; its body still passes the text
furniture stripper because prompts written as paragraphs slip through.  Record fields win over
anything guessed from the page or text, and every guess falls back to ``None``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

from transforms.furniture import strip_furniture
from transforms.metadata import (
    clean_author,
    guess_language,
    outlet_display_name,
    outlet_from_url,
    parse_published,
)
from transforms.records import Article, RawArticle, Rejected

LOGGER = logging.getLogger(__name__)

MIN_BODY_WORDS = 20  # fewer words than this after cleaning is not an article
SAMPLE_CHARS = 200
# trafilatura: False keeps more text (the furniture stripper runs afterwards anyway).
FAVOR_PRECISION = False

_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")

# trafilatura and its helpers log every page they find hard; one line per article is enough.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def article_id_for(body: str) -> str:
    """First 16 hex chars of sha256 over the normalised body.

    NFKC, casefolded and whitespace-collapsed, so one text read from two files or outlets,
    wrapped or spaced differently, gets one id.
    """
    key = " ".join(unicodedata.normalize("NFKC", body).casefold().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def word_count(text: str) -> int:
    """Words as a reader counts them: "don't" and "Russia-Ukraine" are one each."""
    return len(_WORD_RE.findall(text))


def to_article(raw: RawArticle) -> Article | Rejected:
    """Clean one RawArticle: furniture out, metadata in.

    Rejected(stage="clean") when nothing of substance is left: "empty_article" for a blank
    record or a body under ``MIN_BODY_WORDS`` words, "no_body" when HTML held no main text.
    """
    if not raw.content or not raw.content.strip():
        return _reject(raw, "empty_article", "record has no content")
    page: dict[str, Any] = {}
    text = raw.content
    if raw.content_type == "html":
        page = extract_html(raw.content, raw.url)
        text = page.get("text") or ""
        if not text.strip():
            return _reject(raw, "no_body", "HTML extraction found no main text")
    result = strip_furniture(text, title=raw.title or page.get("title"))
    words = word_count(result.body)
    if words < MIN_BODY_WORDS:
        detail = (
            f"{words} words left after removing {len(result.removed)} furniture lines"
            + (f": {result.body[:80]!r}" if result.body else "")
        )
        return _reject(raw, "empty_article", detail)

    url = _clean(raw.url) or _clean(page.get("url"))
    outlet = (
        outlet_display_name(raw.outlet)
        or outlet_display_name(page.get("sitename"))
        or outlet_from_url(url)
        or result.outlet_hint
    )
    author = (
        clean_author(", ".join(a for a in raw.authors if a and a.strip()))
        or clean_author(page.get("author"))
        or clean_author(result.byline)
    )
    published = (
        parse_published(raw.published)
        or parse_published(page.get("date"))
        or parse_published(result.dateline)
    )
    language = (
        _language_code(raw.language) or _language_code(page.get("language"))
        or guess_language(result.body)
    )
    return Article(
        article_id=article_id_for(result.body),
        body=result.body,
        title=_clean(raw.title) or _clean(page.get("title")) or result.title,
        outlet=outlet,
        author=author,
        published_at=published,
        url=url,
        language=language,
        source_path=raw.source_path,
        record_no=raw.record_no,
        updated_note=result.updated_note,
        word_count=words,
    )


def _reject(raw: RawArticle, reason: str, detail: str) -> Rejected:
    LOGGER.info("%s#%d rejected: %s (%s)", raw.source_path, raw.record_no, reason, detail)
    return Rejected(
        source_path=raw.source_path,
        record_no=raw.record_no,
        stage="clean",
        reason=reason,
        detail=detail,
        sample=(raw.content or "")[:SAMPLE_CHARS],
    )


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


def _language_code(value: str | None) -> str | None:
    """The primary subtag ("en-US" -> "en"); None for anything that is not a language tag."""
    value = _clean(value)
    if value is None or not _LANG_RE.match(value):
        return None
    return value.split("-")[0].split("_")[0].lower()


# --------------------------------------------------------------------------- HTML


def extract_html(html: str, url: str | None = None) -> dict[str, Any]:
    """Main text and page metadata: keys text, title, author, date, sitename, url, language.

    trafilatura when it imports; a small standard-library reader otherwise, so a broken
    optional dependency degrades extraction instead of failing the run.
    """
    trafilatura = _trafilatura()
    if trafilatura is None:
        return _basic_html(html)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=FAVOR_PRECISION,
        )
    except Exception as exc:  # noqa: BLE001  trafilatura raises assorted errors on broken markup
        LOGGER.warning("trafilatura failed on %s: %s", url or "<no url>", exc)
        doc = None
    if not doc:
        return _basic_html(html)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    page = {key: data.get(key) for key in ("title", "author", "sitename", "url")}
    # trafilatura ends each paragraph with one newline; the body separates them with a blank line
    page["text"] = "\n\n".join((data.get("text") or "").split("\n"))
    # trafilatura keeps the day only; a page's own published_time meta also has time and zone
    tags = _basic_html(html)
    page["date"] = tags.get("date") or data.get("date")
    page["language"] = data.get("language") or tags.get("language")
    return page


_TRAFILATURA: list[Any] = []  # [module or None] once the import has been tried


def _trafilatura() -> Any:
    """trafilatura, imported once; None (with one warning) when it cannot be imported."""
    if not _TRAFILATURA:
        try:
            import trafilatura
        except ImportError as exc:
            LOGGER.warning("trafilatura unavailable (%s); using the basic HTML reader", exc)
            trafilatura = None
        _TRAFILATURA.append(trafilatura)
    return _TRAFILATURA[0]


_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "form",
                        "noscript", "figure", "figcaption", "button", "select", "svg"})
_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre"})
_META_KEYS = {
    "og:site_name": "sitename", "og:title": "title", "author": "author",
    "article:author": "author", "article:published_time": "date", "og:url": "url",
    "date": "date", "dc.date": "date", "pubdate": "date",
}


class _BasicReader(HTMLParser):
    """Paragraph text outside navigation, plus the <title>, <meta> and <html lang> fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.paragraphs: list[str] = []
        self._skip = 0
        self._buffer: list[str] | None = None
        self._in_title = False
        self._title: list[str] = []
        self._in_h1 = False
        self.h1: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.meta.setdefault("language", values["lang"])
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in _META_KEYS and values.get("content"):
                self.meta.setdefault(_META_KEYS[key], values["content"])
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"])
        elif tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "h1" and not self._skip and not self.h1:
            self._flush()
            self._in_h1 = True  # the headline: a title, not body
        elif tag in _BLOCK_TAGS and not self._skip:
            self._flush()
            self._buffer = []
        elif tag == "br" and self._buffer is not None:
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._in_h1:
            self.h1.append(data)
        elif self._buffer is not None and not self._skip:
            self._buffer.append(data)

    def _flush(self) -> None:
        if self._buffer:
            text = " ".join("".join(self._buffer).split())
            if text:
                self.paragraphs.append(text)
        self._buffer = None


def _basic_html(html: str) -> dict[str, Any]:
    reader = _BasicReader()
    try:
        reader.feed(html)
        reader.close()
    except Exception as exc:  # noqa: BLE001  html.parser is lenient; this is a last line of defence
        LOGGER.warning("basic HTML reader failed: %s", exc)
    reader._flush()
    page: dict[str, Any] = dict(reader.meta)
    for candidate in (reader.h1, reader._title):
        page.setdefault("title", " ".join("".join(candidate).split()) or None)
        if page["title"] is None:
            del page["title"]
    page.setdefault("title", None)
    page["text"] = "\n\n".join(reader.paragraphs)
    return page
