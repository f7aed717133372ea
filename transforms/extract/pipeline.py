"""One entry point for per-text extraction, used alike by the nightly flow and by analysts."""

from __future__ import annotations

import re

from transforms.extract.entities.extractor import extract_entities
from transforms.extract.figures.extractor import extract_figures
from transforms.extract.quotes.extractor import extract_quotes
from transforms.records import EntityMention, Extraction, QuoteMention

# A speaker phrase that is a bare name: capitalised words, possibly hyphenated or with
# particles, nothing else ("Katarzyna Tkalouk", "Tkalouk", "Ursula von der Leyen").
_NAME_PHRASE = re.compile(r"[A-Z][\w'’\-]+(?:\s+(?:(?:von|van|der|de|la|al|bin)\s+)*[A-Z][\w'’\-]+){0,3}")


def extract(text: str) -> Extraction:
    """People, organisations, quotes and figures in ``text``, each with offsets into it.

    Entities come first because quote attribution resolves speakers against them; a person
    the quote extractor names as a speaker, but the entity extractor missed, is added to the
    people so that every named speaker is also a mention.
    """
    people, organisations = extract_entities(text)
    quotes = extract_quotes(text, [*people, *organisations])
    people = _with_speakers(text, people, organisations, quotes)
    figures = extract_figures(text)
    return Extraction(
        people=people, organisations=organisations, quotes=quotes, figures=figures
    )


def _with_speakers(text: str, people: list[EntityMention], organisations: list[EntityMention],
                   quotes: list[QuoteMention]) -> list[EntityMention]:
    taken = [(m.start, m.end) for m in (*people, *organisations)]
    added: dict[tuple[int, int], EntityMention] = {}
    for q in quotes:
        if q.speaker_type != "person" or q.speaker is None or q.speaker_start is None:
            continue
        start, end = q.speaker_start, q.speaker_end or q.speaker_start
        phrase = text[start:end]
        if not _NAME_PHRASE.fullmatch(phrase) or (start, end) in added:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        added[(start, end)] = EntityMention(start=start, end=end, text=phrase, name=q.speaker,
                                            type="person")
    if not added:
        return people
    return sorted([*people, *added.values()], key=lambda m: (m.start, m.end))
