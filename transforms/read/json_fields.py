"""Field-name aliases for JSON article records, kept apart from the reader logic.

Dumps come from different crawlers (news-please, CC-News, feed exporters, hand-made exports) that
name the same thing differently.  Each tuple is tried in order and the first key holding a usable
value wins, so the most specific / most common name goes first.  ``description`` is deliberately
*not* a text alias: it is a teaser, and treating it as the article would store summaries as bodies.
"""

from __future__ import annotations

TEXT_FIELDS: tuple[str, ...] = (
    "text",
    "maintext",
    "body",
    "content",
    "article",
    "article_text",
    "full_text",
    "fulltext",
)
# Raw page markup some exporters store next to (or instead of) the extracted text.
HTML_FIELDS: tuple[str, ...] = ("html", "raw_html", "content_html", "body_html")

TITLE_FIELDS: tuple[str, ...] = ("title", "headline", "title_page", "title_rss")
URL_FIELDS: tuple[str, ...] = ("url", "link", "source_url", "canonical_url", "uri")
DATE_FIELDS: tuple[str, ...] = (
    "date_publish",
    "published",
    "date",
    "publish_date",
    "pubDate",
    "published_at",
    "date_published",
    "datePublished",
    "date_modify",
)
OUTLET_FIELDS: tuple[str, ...] = (
    "source",
    "outlet",
    "source_domain",
    "site_name",
    "publisher",
    "domain",
)
AUTHOR_FIELDS: tuple[str, ...] = ("authors", "author", "byline", "creator")
LANGUAGE_FIELDS: tuple[str, ...] = ("language", "lang", "locale")

# Keys under which a nested object (e.g. ``{"publisher": {"name": "..."}}``) keeps its name.
NAME_KEYS: tuple[str, ...] = ("name", "title", "domain", "url")

# A whole ``.json`` file may wrap its records: ``{"articles": [...]}``.
CONTAINER_FIELDS: tuple[str, ...] = ("articles", "items", "records", "data", "results", "docs")
