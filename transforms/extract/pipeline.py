"""One entry point for per-text extraction, used alike by the nightly flow and by analysts."""

from __future__ import annotations

from collections.abc import Sequence

from transforms.extract.entities.extractor import extract_entities, extract_entities_many
from transforms.extract.figures.extractor import extract_figures
from transforms.extract.quotes.extractor import extract_quotes
from transforms.records import EntityMention, Extraction


def extract(text: str) -> Extraction:
    """People, organisations, quotes and figures in ``text``, each with offsets into it.

    Entities come first because quote attribution takes its speakers from their mentions: a
    named speaker is always one of the people or organisations returned here, by the same
    canonical name, so the corpus step links it to the same ``entity_id``.
    """
    people, organisations = extract_entities(text)
    return _with_quotes_and_figures(text, people, organisations)


def extract_many(texts: Sequence[str]) -> list[Extraction]:
    """``extract`` of each text, the same records; the entity tagger decodes all the texts'
    sentences together, several times faster than text by text (batches of a few dozen)."""
    return [_with_quotes_and_figures(text, people, organisations)
            for text, (people, organisations) in zip(texts, extract_entities_many(texts))]


def _with_quotes_and_figures(text: str, people: list[EntityMention],
                             organisations: list[EntityMention]) -> Extraction:
    quotes = extract_quotes(text, [*people, *organisations])
    figures = extract_figures(text)
    return Extraction(people=people, organisations=organisations, quotes=quotes, figures=figures)
