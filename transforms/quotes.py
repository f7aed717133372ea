"""Quotations and their speakers (placeholder until the quote extractor lands)."""

from __future__ import annotations

from collections.abc import Sequence

from transforms.records import EntityMention, QuoteMention


def extract_quotes(text: str, entities: Sequence[EntityMention] = ()) -> list[QuoteMention]:
    """Return the quotes in ``text``, speakers resolved against ``entities``, sorted by start."""
    return []
