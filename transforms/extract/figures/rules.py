"""Word lists behind the figure extractor, kept apart from its logic.

Everything here is data: number words, scale words, qualifiers, time and attribution words.
Currencies, counted nouns and kind cues are data files in ``transforms/lexicons/``
(``currencies.tsv``, ``currency_minor.tsv``, ``figure_units.tsv``, ``figure_cues.tsv``); the
verbs that credit a figure come from the shared ``speech_cues.tsv``.  ``alternation`` turns a list into a regex group and refuses
an empty alternative, because an empty branch would silently match everywhere.
"""

from __future__ import annotations

from transforms.lexicons import table, words
from transforms.text.patterns import alternation  # noqa: F401  (re-exported for rule modules)

# --------------------------------------------------------------------------- numbers

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
# Multipliers inside a written-out number ("two hundred thousand").
MULTIPLIER_WORDS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Scale words after digits: "$2 billion", "€50bn", "£3m", "10k".
SCALE_LONG: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "lakh crore": 1e12,
}
SCALE_SHORT: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "trln": 1e12,
    "t": 1e12,
}
# A fraction of a scale word: "a quarter million", "three quarters billion", "half a million".
SCALE_FRACTIONS: dict[str, float] = {
    "quarter": 0.25,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "three quarter": 0.75,
    "three-quarters": 0.75,
    "half": 0.5,
    "half a": 0.5,
    "a half": 0.5,
}
# Vague plural amounts -> (low, high).  "tens of thousands" is 10,000..99,999 and so on: the
# bounds are the smallest and largest number the phrase can literally denote.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    "dozens": (24, 143),
    "hundreds": (100, 999),
    "thousands": (1_000, 9_999),
    "tens of thousands": (10_000, 99_999),
    "10s of thousands": (10_000, 99_999),
    "hundreds of thousands": (100_000, 999_999),
    "100s of thousands": (100_000, 999_999),
    "millions": (1_000_000, 999_999_999),
    "tens of millions": (10_000_000, 99_999_999),
    "hundreds of millions": (100_000_000, 999_999_999),
    "billions": (1e9, 999_999_999_999),
    "tens of billions": (1e10, 99_999_999_999),
    "hundreds of billions": (1e11, 999_999_999_999),
}
# Fractions are stored as percentages so "a third of" and "33%" compare.
FRACTIONS: dict[str, float] = {
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "one-third": 100 / 3,
    "two thirds": 200 / 3,
    "two-thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "one-quarter": 25.0,
    "three quarters": 75.0,
    "three-quarters": 75.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "one-fifth": 20.0,
}

# --------------------------------------------------------------------------- qualifiers

# qualifier -> how it bounds the stated value: "low" (value is a floor), "high" (a ceiling),
# "approx" (neither: no band is invented), "range" (two numbers follow).
QUALIFIERS: dict[str, str] = {
    "more than": "low",
    "over": "low",
    "at least": "low",
    "upwards of": "low",
    "in excess of": "low",
    "no fewer than": "low",
    "no less than": "low",
    "well over": "low",
    "up to": "high",
    "almost": "high",
    "nearly": "high",
    "fewer than": "high",
    "less than": "high",
    "under": "high",
    "at most": "high",
    "as many as": "high",
    "as much as": "high",
    "close to": "high",
    "just under": "high",
    "no more than": "high",
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "approx.": "approx",
    "an approximate": "approx",
    "just over": "low",
    "between": "range",
}

# Words that make the noun after them a date, not a duration ("this year", "last month").
TIME_DETERMINERS: tuple[str, ...] = (
    "this",
    "that",
    "last",
    "next",
    "the",
    "per",
    "each",
    "every",
    "a",
    "an",
    "a",
    "in",
)
# Words after which a bare number repeats the unit of the figure before it ("up from 400,000").
COMPARISON_WORDS: tuple[str, ...] = (
    "from",
    "than",
    "versus",
    "vs.",
    "vs",
    "against",
    "compared with",
    "compared to",
)
# Nouns that make a number a duration or otherwise not a figure worth a row.
NON_FIGURE_NOUNS: frozenset[str] = frozenset(
    {
        "years",
        "year",
        "months",
        "month",
        "weeks",
        "week",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "minute",
        "seconds",
        "second",
        "decades",
        "decade",
        "centuries",
        "century",
        "times",
        "o'clock",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "points",
        "ways",
        "steps",
        "conversations",
        "shares",
        "comments",
        "views",
        "likes",
        "followers",
        "subscribers",
        "pages",
        "words",
        "characters",
        "things",
    }
)
MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
# Nouns a rate is per after "a"/"each" ("$4,000 a vehicle", "470 pence a share", "40,000 a year").
RATE_NOUNS: tuple[str, ...] = (
    "year", "month", "week", "day", "hour", "night", "share", "head", "person", "household",
    "barrel", "tonne", "ton", "kilo", "kg", "litre", "liter", "gallon", "ounce", "pound",
    "vehicle", "car", "unit", "ticket", "seat", "mile", "kilometre", "kilometer", "dose", "piece",
)  # fmt: skip
PER_WORDS: dict[str, str] = {
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
}

# --------------------------------------------------------------------------- context

# Verbs that credit a figure to someone: the project's speech cues (one table for every
# extractor) plus the verbs that report a number ("estimated", "put it at", "counted").
ATTRIBUTION_VERBS: tuple[str, ...] = tuple(
    sorted(
        {row[0] for row in table("speech_cues.tsv") if row[0] != "according to"}
        | {cue for cue, what in table("figure_cues.tsv") if what == "claim"}
        | {"according"}
    )
)
# Subject pronouns ("he estimated"): the shared table, plus "it" for an organisation.
PRONOUNS: frozenset[str] = frozenset({*words("pronouns.tsv"), "it"})
# Words that may not start an attribution phrase found before a cue verb.
ATTRIBUTION_STOP: frozenset[str] = frozenset(
    {
        "and",
        "but",
        "or",
        "so",
        "that",
        "which",
        "who",
        "it",
        "this",
        "there",
        "when",
        "while",
        "as",
        "if",
        "because",
        "than",
    }
)
SUBJECT_STOP: frozenset[str] = frozenset(
    {
        "in",
        "since",
        "according",
        "last",
        "this",
        "next",
        "by",
        "from",
        "before",
        "after",
        "when",
        "while",
        "and",
        "but",
        "or",
        "as",
        "than",
        "that",
        "which",
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "could",
        "had",
        "has",
        "have",
        "to",
        "with",
        "said",
        "says",
        "so",
        "until",
        "over",
        "during",
        "at",
        "on",
        "for",
        "of",
        "into",
        "because",
    }
)


# Stop words that end a subject phrase but may sit between a number and its unit ("500 more
# troops"), so they are kept apart from SUBJECT_STOP.
PHRASE_STOP: frozenset[str] = frozenset(
    {"per", "left", "later", "ago", "more", "earlier", "each", "every", "a"}
)
# Nouns that name an amount of money when nothing follows the figure.
MONEY_SUBJECTS: tuple[str, ...] = (
    "money",
    "aid",
    "assistance",
    "funding",
    "package",
    "budget",
    "loan",
    "grant",
)
# Words a speaker phrase never ends with: "hadn't said", "an estimated" (a qualifier).
ATTRIBUTION_NOT_BEFORE_VERB: frozenset[str] = frozenset(
    {"has", "had", "hadn’t", "hadn't", "also", "have", "an"}
)
# Lower-case first words a speaker phrase may start with ("the official", "two officials").
ATTRIBUTION_OPENERS: frozenset[str] = frozenset(
    {"the", "a", "an", "one", "two", "three", "some", "he", "she", "they", "officials"}
)
POLL_NOUNS: tuple[str, ...] = ("poll", "polls", "survey", "surveyed", "respondents", "polled")
# "48% of people say": the share's population, when generic.
POLL_SHARE_OF: tuple[str, ...] = ("people", "those", "them", "us", "adults", "voters")
# Capitalised words before "poll" that are not a pollster ("A poll", "The latest survey").
NOT_POLLSTERS: tuple[str, ...] = (
    "A",
    "An",
    "The",
    "This",
    "That",
    "New",
    "Latest",
    "Its",
    "His",
    "Her",
)
# Small words inside a claimant's name: name particles, and "of"/"the" inside organisations.
NAME_PARTICLES: tuple[str, ...] = (*words("name_particles.txt"), "of", "the")
