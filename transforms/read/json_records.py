"""Turn one JSON object (news-please / CC-News / feed export style) into a ``RawArticle``.

Field names vary by crawler; the alias table lives in ``transforms.json_fields``.  Values are
taken as the record states them (dates stay raw strings): interpretation happens later.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from transforms.read import json_fields as F
from transforms.read.decode import sample_of
from transforms.records import RawArticle, Reason, Rejected

LOGGER = logging.getLogger(__name__)

# Text that holds block-level markup is HTML and needs body extraction, not just cleaning.
_MARKUP = re.compile(
    r"<(?:p|div|br|html|body|article|section|span|a|h[1-6]|ul|ol|li|table|figure|main)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
MARKUP_SNIFF_CHARS = 4096


def _lowered(record: Mapping[Any, Any]) -> dict[str, Any]:
    """Keys folded to lower case, so ``pubDate``/``PubDate``/``pubdate`` all match."""
    return {key.lower(): value for key, value in record.items() if isinstance(key, str)}


def _as_text(value: Any) -> str | None:
    """A text field as one string: crawlers sometimes store paragraphs as a list."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(part, str) for part in value):
        return "\n\n".join(value)
    return None


def _name_of(value: Any) -> str | None:
    """A scalar or ``{"name": ...}`` object as a clean string, else None."""
    if isinstance(value, Mapping):
        for key in F.NAME_KEYS:
            if isinstance(value.get(key), str):
                value = value[key]
                break
        else:
            return None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)  # epoch timestamps are dates too
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _first(fields: Mapping[str, Any], aliases: Iterable[str]) -> str | None:
    for alias in aliases:
        name = _name_of(fields.get(alias.lower()))
        if name:
            return name
    return None


def _authors(fields: Mapping[str, Any]) -> tuple[str, ...]:
    for alias in F.AUTHOR_FIELDS:
        value = fields.get(alias)
        items = value if isinstance(value, list) else [value]
        names = tuple(name for name in map(_name_of, items) if name)
        if names:
            return names
    return ()


def is_blank_markup(html: str) -> bool:
    """True when markup holds no text at all (empty tags, whitespace, a lone BOM)."""
    return not _TAG.sub("", html).strip()


def record_to_article(
    source_path: str, record_no: int, record: Mapping[Any, Any]
) -> RawArticle | Rejected:
    """A ``RawArticle`` for a JSON object, or ``Rejected`` (``no_text`` / ``empty_article``)."""
    fields = _lowered(record)
    present = False
    content: str | None = None
    content_type = "text"
    for aliases, kind in ((F.TEXT_FIELDS, "text"), (F.HTML_FIELDS, "html")):
        for alias in aliases:
            if fields.get(alias) is None:
                continue
            present = True
            text = _as_text(fields[alias])
            if text and text.strip():
                content, content_type = text, kind
                break
        if content is not None:
            break
    title = _first(fields, F.TITLE_FIELDS)
    if content is None:
        reason = Reason.EMPTY_ARTICLE if present else Reason.NO_TEXT
        detail = "text field is blank or not text" if present else "record has no text field"
        return Rejected(source_path, record_no, reason, detail, sample_of(repr(record)))
    tagged_text = content_type == "text" and bool(_MARKUP.search(content[:MARKUP_SNIFF_CHARS]))
    if tagged_text:
        content_type = "html"
    if (content_type == "html" and is_blank_markup(content)) or (
        title is not None and content.strip() == title
    ):
        return Rejected(
            source_path,
            record_no,
            Reason.EMPTY_ARTICLE,
            "text is empty markup or only repeats the title",
            sample_of(content),
        )
    return RawArticle(
        source_path=source_path,
        record_no=record_no,
        content=content,
        content_type=content_type,
        title=title,
        url=_first(fields, F.URL_FIELDS),
        published=_first(fields, F.DATE_FIELDS),
        outlet=_first(fields, F.OUTLET_FIELDS),
        authors=_authors(fields),
        language=_first(fields, F.LANGUAGE_FIELDS),
        tagged_text=tagged_text,
    )


def unwrap_container(document: Mapping[Any, Any]) -> list[Any] | None:
    """The record list of a wrapped export (``{"articles": [...]}``), if the object is one."""
    fields = _lowered(document)
    if any(fields.get(alias) is not None for alias in (*F.TEXT_FIELDS, *F.HTML_FIELDS)):
        return None
    for alias in F.CONTAINER_FIELDS:
        if isinstance(fields.get(alias), list):
            return fields[alias]
    return None
