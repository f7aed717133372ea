"""The typed vocabulary of quote attribution, defined once.

``SpeakerType`` values are the strings stored in the ``quotes.speaker_type`` column (a
``StrEnum`` member compares and serialises as its plain string), so the views keep working.
"""

from __future__ import annotations

from enum import StrEnum


class SpeakerType(StrEnum):
    PERSON = "person"  # a person mention of the entity extractor
    ORGANISATION = "organisation"  # an organisation mention ("Dick Clark Productions said")
    ANONYMOUS = "anonymous"  # a typed descriptor ("two people familiar with the matter")
    UNKNOWN = "unknown"  # no speaker found, or a pronoun with nobody to resolve to


class SpeakerKind(StrEnum):
    """How a speaker phrase was written, before resolution."""

    NAME = "name"  # stands on an entity mention
    PRONOUN = "pronoun"  # "he", "she", "they"
    DESCRIPTOR = "descriptor"  # "a senior official", "one of them"
    DEFINITE = "definite"  # "the governor", "the ministry": may resolve to a name
