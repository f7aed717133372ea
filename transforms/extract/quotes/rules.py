"""Word lists and patterns for quote extraction, kept apart from the logic that uses them.

Every list is a data file under ``transforms/lexicons/`` read with the one loader, so adding a
cue verb or a source noun is one line in one file.  ``alternation`` refuses an empty list
because an empty regex group would match everywhere.
"""

from __future__ import annotations

from transforms.lexicons import lines, table, words
from transforms.text.patterns import alternation  # noqa: F401  (re-exported)

# Speech cues ("said", "told", "shot back", "according to") and how each reports speech.
_CUES: dict[str, str] = {row[0]: (row[1] if len(row) > 1 else "direct") for row in table("speech_cues.tsv")}
CUE_VERBS: frozenset[str] = frozenset(_CUES)
INDIRECT_CUES: frozenset[str] = frozenset(c for c, kind in _CUES.items() if kind == "that")
PARTICIPLE_CUES: frozenset[str] = frozenset(c for c, kind in _CUES.items() if kind == "participle")
NAMING_CUES: frozenset[str] = frozenset(c for c, kind in _CUES.items() if kind == "naming")
THOUGHT_CUES: frozenset[str] = frozenset({"believes", "believed", "thinks", "thought"})
SOURCE_CUES: frozenset[str] = frozenset(c for c, kind in _CUES.items() if kind == "source")

# Words that may stand between a speaker and the cue ("Okafor also said", "he has claimed").
ADVERBS: frozenset[str] = words("speech_adverbs.txt")

_PRONOUNS: dict[str, str] = {row[0]: row[1] for row in table("pronouns.tsv")}
PRONOUNS: frozenset[str] = frozenset(_PRONOUNS)
PERSON_PRONOUNS: frozenset[str] = frozenset(p for p, g in _PRONOUNS.items() if g in ("m", "f"))
PRONOUN_GENDER: dict[str, str] = {p: g for p, g in _PRONOUNS.items() if g in ("m", "f")}

# Given names that tell a person's gender (for "she" never resolving to a man's name).
NAME_GENDER: dict[str, str] = {row[0].casefold(): row[1] for row in table("given_name_genders.tsv")}

# Honorifics and role heads (shared with the entity extractor) and the words that modify them.
ROLE_HEADS: frozenset[str] = words("role_heads.txt")
ROLE_MODIFIERS: frozenset[str] = words("role_modifiers.txt")

# Heads of anonymous or role descriptors ("one senior U.S. official", "the former aide").
ROLE_NOUNS: frozenset[str] = words("source_nouns.txt") | frozenset(
    w for w in ROLE_HEADS if w.isalpha()
)

# Determiners that open a descriptor: definite ones may resolve to a named person.
INDEFINITE_DETERMINERS: frozenset[str] = frozenset(
    ["a", "an", "one", "two", "three", "four", "five", "six", "several", "some", "another", "other", "many", "both", "multiple", "few", "his", "her", "their", "its", "our"]
)
DEFINITE_DETERMINERS: frozenset[str] = frozenset({"the", "this", "that", "these", "those"})

# Descriptor heads that are equivalent when resolving "the former leader" to a name.
ROLE_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"president", "ruler", "leader"}),
    frozenset({"aide", "adviser", "advisor"}),
    frozenset({"spokesperson", "spokesman", "spokeswoman"}),
    frozenset({"minister"}),
    frozenset({"general", "commander"}),
)

# Titles standing before a name ("Finance Minister Ana Ruiz"), matched case-insensitively.
TITLES: frozenset[str] = frozenset(
    w for w in ROLE_HEADS | ROLE_MODIFIERS if w[:1].isalpha() and len(w) > 3 or w.endswith(".")
)

# Lower-case words that mark an organisation ("the ministry said", "news outlet Harbour Times").
ORG_INTRODUCERS: frozenset[str] = words("organisation_nouns.txt")

# Descriptors that stand for a news outlet ("the outlet wrote"): resolved to the latest outlet.
OUTLET_NOUNS: frozenset[str] = words("outlet_nouns.txt")

# Nouns that mark the quotation after them as the title of a work, not speech.
TITLE_NOUNS: frozenset[str] = words("title_nouns.txt")

# Small words left lower-case in Title Case ("Rivers That Forgot the Sea").
TITLE_SMALL_WORDS: frozenset[str] = words("title_small_words.txt")

# Name particles allowed inside a name ("Ursula von der Leyen").
NAME_PARTICLES: frozenset[str] = words("name_particles.txt")

ABBREVIATIONS: frozenset[str] = frozenset(lines("abbreviations.txt"))

# Contractions expanded before quotes are compared ("doesn't" == "does not").
CONTRACTIONS: dict[str, str] = {row[0]: row[1] for row in table("contractions.tsv") if not row[0].startswith("-")}
# Suffix contractions applied after the whole-word table ("they'll" -> "they will").
CONTRACTION_SUFFIXES: dict[str, str] = {
    row[0][1:]: " " + row[1] for row in table("contractions.tsv") if row[0].startswith("-")
}

# Typographic variants unified before comparison.
QUOTE_CHARS = '"“”„‟«»‹›「」『』'
APOSTROPHES = "'‘’‚‛`´ʼ"
DASHES = "‐‑‒–—―−"
