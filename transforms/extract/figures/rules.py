"""The figure extractor's word lists, read once from data files and kept apart from its logic.

Every list is a data file in ``transforms/lexicons/``: number and scale words with their values
(``figure_numbers.tsv``), qualifiers with the bound they imply (``figure_qualifiers.tsv``), the
words around a figure by role (``figure_words.tsv``), currencies (``currencies.tsv``,
``currency_minor.tsv``), counted nouns (``figure_units.tsv``) and kind cues
(``figure_cues.tsv``).  The verbs that credit a figure come from the shared ``speech_cues.tsv``,
pronouns and name particles from their shared tables.  Changing a rule's words is one line in
one of those files; this module only gives them typed names.
"""

from __future__ import annotations

from transforms.lexicons import table, words
from transforms.text.patterns import alternation  # noqa: F401  (re-exported for rule modules)


def _numbers(role: str) -> dict[str, float]:
    return {row[0]: float(row[2]) for row in table("figure_numbers.tsv") if row[1] == role}


def _role(role: str) -> tuple[str, ...]:
    """Words of one role in ``figure_words.tsv``, as written (case kept: months, pollsters)."""
    return tuple(row[0] for row in table("figure_words.tsv") if row[1] == role)


# --------------------------------------------------------------------------- numbers

NUMBER_WORDS: dict[str, float] = _numbers("number")
MULTIPLIER_WORDS: dict[str, float] = _numbers("multiplier")  # "two hundred thousand"
SCALE_LONG: dict[str, float] = _numbers("scale")  # "$2 billion", "35 lakh"
SCALE_SHORT: dict[str, float] = _numbers("short-scale")  # "€50bn", "£3m"
SCALE_FRACTIONS: dict[str, float] = _numbers("scale-fraction")  # "a quarter million"
# Vague plural amounts -> (low, high): every number the phrase can literally denote.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    row[0]: (float(row[2]), float(row[3]))
    for row in table("figure_numbers.tsv")
    if row[1] == "vague"
}
FRACTIONS: dict[str, float] = _numbers("fraction")  # stored as percent: "a third" -> 33.33

# --------------------------------------------------------------------------- qualifiers

# qualifier -> how it bounds the stated value: "low", "high", "approx" or "range"
QUALIFIERS: dict[str, str] = {row[0]: row[1] for row in table("figure_qualifiers.tsv")}

# --------------------------------------------------------------------------- around a figure

TIME_DETERMINERS: tuple[str, ...] = _role("time-determiner")
COMPARISON_WORDS: tuple[str, ...] = _role("comparison")
NON_FIGURE_NOUNS: frozenset[str] = frozenset(_role("non-figure"))
MONTHS: tuple[str, ...] = _role("month")
RATE_NOUNS: tuple[str, ...] = _role("rate-noun")
PER_WORDS: dict[str, str] = {row[0]: row[2] for row in table("figure_words.tsv") if row[1] == "per"}
SUBJECT_STOP: frozenset[str] = frozenset(_role("subject-stop"))
PHRASE_STOP: frozenset[str] = frozenset(_role("phrase-stop"))
MONEY_SUBJECTS: tuple[str, ...] = _role("money-subject")
POLL_SHARE_OF: tuple[str, ...] = _role("poll-share-of")
NOT_POLLSTERS: tuple[str, ...] = _role("not-pollster")
CHANGE_VERBS: tuple[str, ...] = _role("change-verb")
SPAN_CUES: tuple[str, ...] = _role("span-cue")
WEIGHT_CUES: tuple[str, ...] = _role("weight-cue")
AGE_CUES: tuple[str, ...] = _role("age-cue")
PEOPLE_NOUNS: frozenset[str] = frozenset(_role("same-people"))

# --------------------------------------------------------------------------- attribution

# Verbs that credit a figure to someone: the project's speech cues (one table for every
# extractor) plus the verbs that report a number ("estimated", "put it at", "counted").
ATTRIBUTION_VERBS: tuple[str, ...] = tuple(
    sorted(
        {
            row[0]
            for row in table("speech_cues.tsv")
            if row[0] != "according to" and row[1:2] != ("naming",)  # "described it as ..."
        }
        | {cue for cue, what in table("figure_cues.tsv") if what == "claim"}
        | {"according"}
    )
)
# Subject pronouns ("he estimated"): the shared table, plus "it" for an organisation.
PRONOUNS: frozenset[str] = frozenset({*words("pronouns.tsv"), "it"})
ATTRIBUTION_STOP: frozenset[str] = frozenset(_role("attribution-stop"))
ATTRIBUTION_NOT_BEFORE_VERB: frozenset[str] = frozenset(_role("not-before-verb"))
ATTRIBUTION_OPENERS: frozenset[str] = frozenset(_role("opener"))
# Small words inside a claimant's name: name particles, and "of"/"the" inside organisations.
NAME_PARTICLES: tuple[str, ...] = (*words("name_particles.txt"), "of", "the")
