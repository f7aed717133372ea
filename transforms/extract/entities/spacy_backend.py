"""Optional statistical recogniser: a spaCy pipeline the user installed, behind one interface.

Why optional: spaCy and its models are not dependencies of newsledger (no model download at run
time).  ``NEWSLEDGER_NER_BACKEND=spacy:<model-or-path>`` selects this backend; spaCy is imported
only then.  Spans come from the pipeline; names, roles and kinds from ``transforms.entities``.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from transforms.records import EntityMention

LOGGER = logging.getLogger(__name__)

# spaCy entity labels and the newsledger type they become (others are ignored).
LABELS: dict[str, str] = {"PERSON": "person", "PER": "person", "ORG": "organisation"}


class SpacyBackendError(RuntimeError):
    """spaCy or the requested pipeline is not available."""


@lru_cache(maxsize=2)
def load_pipeline(model: str) -> Any:
    """Load (once per process) a spaCy pipeline by package name or path."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SpacyBackendError("NEWSLEDGER_NER_BACKEND asks for spaCy, which is not installed") from exc
    try:
        return spacy.load(model)
    except OSError as exc:
        raise SpacyBackendError(f"spaCy pipeline {model!r} cannot be loaded: {exc}") from exc


def extract_with_nlp(text: str, nlp: Any) -> tuple[list[EntityMention], list[EntityMention]]:
    """(people, organisations) from the entities a spaCy ``nlp`` pipeline finds in ``text``."""
    from transforms.extract.entities.extractor import mentions_from_spans

    doc = nlp(text)
    spans = [
        (ent.start_char, ent.end_char, LABELS[ent.label_])
        for ent in doc.ents
        if ent.label_ in LABELS and ent.text.strip()
    ]
    return mentions_from_spans(text, spans)


def extract_with_spacy(text: str, model: str) -> tuple[list[EntityMention], list[EntityMention]]:
    """(people, organisations) in ``text`` using the spaCy pipeline ``model``."""
    return extract_with_nlp(text, load_pipeline(model))
