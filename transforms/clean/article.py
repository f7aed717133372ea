"""One RawArticle in, one clean Article (or a Rejected) out: furniture out, metadata in.

HTML goes through trafilatura, which knows page structure; its body still passes the text
furniture stripper because prompts written as paragraphs slip through.  Record fields win over
anything guessed from the page or text, and every guess falls back to ``None``; the outlet is the
exception: a known domain names it whatever the record says (see ``outlets``), so one site has one
name across input types.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import trafilatura
from trafilatura.settings import set_date_params

from transforms.clean.furniture import strip_furniture
from transforms.clean.metadata import clean_author, guess_language, parse_published
from transforms.clean.outlets import (
    decide_outlet,
    is_hostname,
    known_outlet,
    registered_domain,
    spells_domain,
)
from transforms.records import Article, RawArticle, Reason, Rejected

LOGGER = logging.getLogger(__name__)

MIN_BODY_WORDS = 20  # fewer words than this is a brief, kept only with a title and a sentence
MIN_BRIEF_WORDS = 5  # a brief's one sentence has at least this many words
SAMPLE_CHARS = 200
# trafilatura: False keeps more text (the furniture stripper runs afterwards anyway).
FAVOR_PRECISION = False

_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
# Scripts written without spaces between words: every character counts toward a length limit.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff]"
)
_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)(?:\s|$)")
_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK_TAG = re.compile(r"<(?:/?(?:p|div|li|h[1-6]|tr|article|section|blockquote)|br)\b[^>]{0,2000}>",
                        re.IGNORECASE)
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")



def article_id_for(body: str) -> str:
    """First 16 hex chars of sha256 over the normalised body.

    NFKC, casefolded and whitespace-collapsed, so one text read from two files or outlets,
    wrapped or spaced differently, gets one id.
    """
    key = " ".join(unicodedata.normalize("NFKC", body).casefold().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def word_count(text: str) -> int:
    """Words as a reader counts them: "don't" and "Russia-Ukraine" are one each; in scripts
    written without spaces (Chinese, Japanese, Thai, ...) each character counts as one."""
    unspaced = len(_UNSPACED.findall(text))
    return unspaced + len(_WORD_RE.findall(_UNSPACED.sub(" ", text) if unspaced else text))


def is_brief(body: str, title: str | None) -> bool:
    """A short news brief worth keeping: a title and at least one whole sentence."""
    return bool(title) and word_count(body) >= MIN_BRIEF_WORDS and bool(
        _SENTENCE_END.search(body))


def untagged(text: str) -> str:
    """Text with its tags dropped: block tags end a paragraph, inline tags leave their words."""
    paragraphs = _BLOCK_TAG.sub("\n\n", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(_TAG.sub("", paragraphs))).strip()


def to_article(raw: RawArticle) -> Article | Rejected:
    """Clean one RawArticle: furniture out, metadata in.

    Rejected(stage="clean") when nothing of substance is left: "empty_article" for a blank
    record or a body under ``MIN_BODY_WORDS`` words that is not a brief (a title and one
    sentence), "no_body" when HTML held no main text.
    """
    if not raw.content or not raw.content.strip():
        return _reject(raw, Reason.EMPTY_ARTICLE, "record has no content")
    page: dict[str, Any] = {}
    text = raw.content
    if raw.content_type == "html":
        page = extract_html(raw.content, raw.url)
        text = page.get("text") or ""
        if not text.strip() and raw.tagged_text:
            # plain text with a stray inline tag, not a page: clean it as text
            page, text = {}, untagged(raw.content)
        if not text.strip():
            return _reject(raw, Reason.NO_BODY, "HTML extraction found no main text")
    given_title = _clean(raw.title) or _clean(page.get("title"))
    result = strip_furniture(text, title=given_title)
    words = word_count(result.body)
    if words < MIN_BODY_WORDS and not is_brief(result.body, result.title or given_title):
        detail = (
            f"{words} words left after removing {len(result.removed)} furniture lines"
            + (f": {result.body[:80]!r}" if result.body else "")
        )
        return _reject(raw, Reason.EMPTY_ARTICLE, detail)

    url = _clean(raw.url) or _clean(page.get("url"))
    outlet = article_outlet(raw, page, result.outlet_hint)
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
        title=result.title or given_title,  # furniture/breadcrumb-glued titles replaced
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


def article_outlet(raw: RawArticle, page: dict[str, Any], hint: str | None = None) -> str | None:
    """One display name per registered domain (see ``outlets``): the record's URL and a hostname
    ``source`` field, then the page's own URL, are the domain evidence; the record's name field,
    the page's site names and the furniture's hint are the name evidence, in that order."""
    record_outlet = _clean(raw.outlet)
    sources = [raw.url, page.get("url")]
    names: list[str | None] = []
    if record_outlet and is_hostname(record_outlet):
        sources.insert(1, record_outlet)
    else:
        names.append(record_outlet)
    names += page.get("site_names") or []
    names.append(hint)
    return decide_outlet(sources, names)


def _reject(raw: RawArticle, reason: Reason, detail: str) -> Rejected:
    LOGGER.info("%s#%d rejected: %s (%s)", raw.source_path, raw.record_no, reason, detail)
    return Rejected(
        source_path=raw.source_path,
        record_no=raw.record_no,
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

# The page's own publication-time claims, most specific first: trafilatura (via htmldate)
# keeps only the day, and a dump's timeline needs the hour and zone when the page gives them.
_DATE_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//time[@itemprop="datePublished"]/@datetime',
    '//meta[@name="pubdate" or @name="publishdate" or @name="date"]/@content',
    '//meta[@name="dc.date" or @name="DC.date" or @name="dcterms.created"]/@content',
)
_LANGUAGE_XPATHS = (
    "/html/@lang",
    '/html/@*[name()="xml:lang"]',  # the HTML parser keeps the prefix as part of the name
    '//meta[@http-equiv="content-language" or @http-equiv="Content-Language"]/@content',
    '//meta[@property="og:locale"]/@content',
)


def extract_html(html: str, url: str | None = None) -> dict[str, Any]:
    """Main text and page metadata: keys text, title, author, date, site_names, url, language.

    trafilatura finds the main text and most metadata; the publication time and language are
    read from the page's own tags first (see ``_DATE_XPATHS``).  Paragraphs are separated by
    a blank line, as in text dumps, so the furniture stripper sees the same shape of input.
    An empty dict when the markup cannot be parsed.
    """
    try:
        tree = trafilatura.load_html(html)
    except Exception as exc:  # noqa: BLE001  lxml raises assorted errors on broken markup
        LOGGER.warning("unparseable HTML at %s: %s", url or "<no url>", exc)
        tree = None
    if tree is None:
        return {}
    page: dict[str, Any] = {
        "date": _first_xpath(tree, _DATE_XPATHS, parse_published),
        "language": _first_xpath(tree, _LANGUAGE_XPATHS, _language_code),
    }
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=FAVOR_PRECISION,
            # htmldate's extensive search turns a year in the prose ("the surge of 2014")
            # into a publication date of 1 January; tags and URL dates only
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # noqa: BLE001  trafilatura raises assorted errors on odd pages
        LOGGER.warning("trafilatura failed on %s: %s", url or "<no url>", exc)
        doc = None
    if not doc:
        return page
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    page.update({key: data.get(key) for key in ("title", "author", "url")})
    page["site_names"] = site_names(tree, page.get("url") or url)
    # trafilatura ends each paragraph with one newline; the body separates them with a blank line
    page["text"] = "\n\n".join((data.get("text") or "").split("\n"))
    page["date"] = page["date"] or data.get("date")
    page["language"] = page["language"] or data.get("language")
    return page


def _first_xpath(tree: Any, xpaths: tuple[str, ...], usable: Callable[[str], Any]) -> str | None:
    """The first value any of ``xpaths`` finds in ``tree`` that ``usable`` makes sense of.

    A page that says "article:published_time" = "soon" must not hide its datePublished.
    """
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            value = " ".join(str(value).split())
            if value and usable(value) is not None:
                return value
    return None


# The page's claims about the site's name, most trusted first.  Not meta "copyright" (a line,
# not a name), not twitter:site (a handle, "@nj"), not trafilatura's sitename (it title-cases
# handles and falls back to a piece of the URL: "Nj", "Hosted").
_OG_SITE_NAME_XPATH = '//meta[@property="og:site_name" or @name="og:site_name"]/@content'
_SITE_NAME_XPATHS = (
    '//meta[@name="application-name" or @name="apple-mobile-web-app-title"]/@content',
    '//meta[@name="publisher" or @name="dc.publisher" or @name="dcterms.publisher"]/@content',
)
_LD_JSON_XPATH = '//script[@type="application/ld+json"]/text()'
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•]|-{1,2}|::)\s+")
TITLE_SUFFIX_MAX_WORDS = 5
_OUTSIDE_HEADINGS_XPATH = (
    "//body//text()[not(ancestor::h1 or ancestor::h2 or ancestor::h3 or ancestor::script"
    " or ancestor::style)]|//body//img/@alt"
)


def site_names(tree: Any, url: str | None = None) -> list[str]:
    """Site-name evidence of a page, best first: og:site_name, the JSON-LD publisher, the
    application name and publisher tags, then a title suffix ("... | Harbour Gazette") that is
    trustworthy (a known outlet, the domain spelled out, or repeated elsewhere on the page)."""
    found = [str(v) for v in tree.xpath(_OG_SITE_NAME_XPATH)] + _ld_publishers(tree)
    for xpath in _SITE_NAME_XPATHS:
        found += [str(v) for v in tree.xpath(xpath)]
    suffix = _title_suffix(tree, url)
    if suffix:
        found.append(suffix)
    return [" ".join(name.split()) for name in found if name and name.strip()]


def _ld_publishers(tree: Any) -> list[str]:
    """``publisher.name`` of the JSON-LD objects on the page (``@graph`` included)."""
    names: list[str] = []

    def walk(node: Any, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            publisher = node.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.append(publisher["name"])
            elif isinstance(publisher, str):
                names.append(publisher)
            elif isinstance(publisher, list):
                walk([{"publisher": p} for p in publisher], depth + 1)
            walk(node.get("@graph"), depth + 1)

    for script in tree.xpath(_LD_JSON_XPATH):
        try:
            walk(json.loads(str(script)))
        except (ValueError, RecursionError):
            continue
    return names


def _title_suffix(tree: Any, url: str | None) -> str | None:
    titles = [" ".join(str(t).split()) for t in tree.xpath("//head/title/text()|//title/text()")]
    if not titles or not titles[0]:
        return None
    parts = _TITLE_SEPARATOR.split(titles[0])
    if len(parts) < 2:
        return None
    suffix = parts[-1].strip()
    if not suffix or len(suffix.split()) > TITLE_SUFFIX_MAX_WORDS:
        return None
    if known_outlet(suffix) or is_hostname(suffix):
        return suffix
    if spells_domain(suffix, registered_domain(url)):
        return suffix
    # repeated outside the title and the headline: a logo, a footer, a copyright line
    page_text = " ".join(str(t) for t in tree.xpath(_OUTSIDE_HEADINGS_XPATH))
    return suffix if suffix in page_text else None
