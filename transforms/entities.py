"""People and organisation mentions (placeholder until the entity extractor lands)."""

from __future__ import annotations

from transforms.records import EntityMention


def extract_entities(text: str) -> tuple[list[EntityMention], list[EntityMention]]:
    """Return (people, organisations) mentioned in ``text``, sorted by start."""
    return [], []
