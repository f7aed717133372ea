"""Word lists behind the metadata guesses (language), kept apart from the logic.

A handful of very frequent function words per language is enough to tell English news prose
from German, French, Spanish, Italian, Portuguese, Dutch or Polish; Cyrillic texts are told
apart by letters only Ukrainian (or Russian) uses.
"""

from __future__ import annotations

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        ["the", "of", "and", "to", "in", "is", "that", "for", "on", "was", "with", "as", "by", "at", "from", "it", "his", "are", "be", "has", "have", "an", "said", "this", "not", "but", "were", "which", "their", "they", "been", "will", "who", "would", "its"]
    ),
    "de": frozenset(
        ["der", "die", "und", "das", "ist", "nicht", "ein", "eine", "den", "dem", "des", "mit", "sich", "auf", "für", "von", "zu", "auch", "wurde", "sind", "wie", "bei", "nach", "aus", "oder", "hat"]
    ),
    "fr": frozenset(
        ["le", "la", "les", "et", "des", "est", "un", "une", "du", "dans", "pour", "que", "qui", "pas", "sur", "au", "avec", "ce", "il", "elle", "sont", "par", "mais", "ont", "été", "aux"]
    ),
    "es": frozenset(
        ["el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "por", "con", "para", "es", "del", "se", "no", "al", "su", "lo", "como", "más", "pero", "fue", "han"]
    ),
    "it": frozenset(
        ["il", "la", "di", "che", "e", "è", "un", "una", "per", "non", "con", "del", "della", "sono", "gli", "le", "si", "da", "nel", "alla", "anche", "ha", "più"]
    ),
    "pt": frozenset(
        ["o", "a", "os", "as", "e", "de", "que", "em", "um", "uma", "para", "com", "não", "do", "da", "dos", "das", "por", "se", "mais", "foi", "ao", "na", "no", "são"]
    ),
    "nl": frozenset(
        ["de", "het", "een", "en", "van", "is", "dat", "op", "te", "in", "voor", "met", "niet", "zijn", "aan", "er", "ook", "als", "bij", "door", "maar", "werd"]
    ),
    "pl": frozenset(
        ["i", "w", "na", "nie", "się", "że", "z", "do", "to", "jest", "jak", "o", "co", "po", "ale", "za", "od", "przez", "jego", "tak", "być"]
    ),
}

# Letters that occur in Ukrainian but not Russian, and the reverse.
UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
RUSSIAN_LETTERS = frozenset("ыэъёЫЭЪЁ")
