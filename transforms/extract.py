"""One entry point for per-text extraction, used alike by the nightly flow and by analysts."""

from __future__ import annotations

from transforms.entities import extract_entities
from transforms.figures import extract_figures
from transforms.quotes import extract_quotes
from transforms.records import Extraction


def extract(text: str) -> Extraction:
    """People, organisations, quotes and figures in ``text``, each with offsets into it.

    Entities come first because quote attribution resolves speakers against them.
    """
    people, organisations = extract_entities(text)
    quotes = extract_quotes(text, [*people, *organisations])
    figures = extract_figures(text)
    return Extraction(
        people=people, organisations=organisations, quotes=quotes, figures=figures
    )
