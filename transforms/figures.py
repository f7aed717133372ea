"""Numbers with units (placeholder until the figure extractor lands)."""

from __future__ import annotations

from transforms.records import FigureMention


def extract_figures(text: str) -> list[FigureMention]:
    """Return the figures in ``text``, sorted by start."""
    return []
