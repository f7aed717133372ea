"""Word lists behind the figure extractor, kept apart from its logic.

Everything here is data: number words, scale words, currencies, unit nouns, qualifiers and the
cue words that decide a figure's kind.  ``alternation`` turns a list into a regex group and refuses
an empty alternative, because an empty branch would silently match everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
}
SCALE_SHORT: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
# Vague plural amounts -> (low, high).  "tens of thousands" is 10,000..99,999 and so on: the
# bounds are the smallest and largest number the phrase can literally denote.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    "dozens": (24, 143),
    "scores": (40, 199),
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

# --------------------------------------------------------------------------- money

CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₴": "UAH",
    "₽": "RUB",
    "¥": "JPY",
}
CURRENCY_CODES: tuple[str, ...] = (
    "USD",
    "EUR",
    "GBP",
    "UAH",
    "RUB",
    "CHF",
    "JPY",
    "CNY",
    "PLN",
    "CAD",
    "AUD",
)
CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnas": "UAH",
    "rubles": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rouble": "RUB",
    "yuan": "CNY",
    "zlotys": "PLN",
    "zloty": "PLN",
    "swiss francs": "CHF",
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

# --------------------------------------------------------------------------- units

# Surface noun -> canonical unit.  Plural forms only where a singular would be a count of one.
UNIT_NOUNS: dict[str, str] = {
    "people": "people",
    "persons": "people",
    "civilians": "people",
    "residents": "people",
    "refugees": "people",
    "lives": "people",
    "dead": "people",
    "deaths": "people",
    "casualties": "people",
    "victims": "people",
    "children": "people",
    "men": "people",
    "women": "people",
    "inhabitants": "people",
    "ukrainians": "people",
    "russians": "people",
    "americans": "people",
    "europeans": "people",
    "germans": "people",
    "britons": "people",
    "poles": "people",
    "israelis": "people",
    "palestinians": "people",
    "syrians": "people",
    "afghans": "people",
    "citizens": "people",
    "prisoners": "people",
    "troops": "troops",
    "soldiers": "troops",
    "servicemen": "troops",
    "personnel": "troops",
    "fighters": "troops",
    "servicemembers": "troops",
    "service members": "troops",
    "reservists": "troops",
    "recruits": "troops",
    "conscripts": "troops",
    "mercenaries": "troops",
    "nations": "countries",
    "countries": "countries",
    "states": "countries",
    "shells": "shells",
    "artillery shells": "shells",
    "rounds": "rounds",
    "artillery rounds": "rounds",
    "missiles": "missiles",
    "drones": "drones",
    "tanks": "tanks",
    "rockets": "rockets",
    "vehicles": "vehicles",
    "aircraft": "aircraft",
    "jets": "aircraft",
    "fighter jets": "aircraft",
    "howitzers": "howitzers",
    "barrels": "barrels",
    "tonnes": "tonnes",
    "tons": "tonnes",
    "square kilometres": "km2",
    "square kilometers": "km2",
    "sq km": "km2",
    "km2": "km2",
    "square miles": "sq mi",
    "kilometres": "km",
    "kilometers": "km",
    "km": "km",
    "miles": "miles",
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

# --------------------------------------------------------------------------- kinds

AID_CUES: tuple[str, ...] = (
    "sending",
    "supplies",
    "humanitarian",
    "relief",
    "earmarked",
    "cost",
    "costs",
    "reconstruction",
    "rebuild",
    "rebuilding",
    "aid",
    "assistance",
    "spent",
    "spend",
    "spending",
    "funding",
    "fund",
    "funds",
    "package",
    "budget",
    "pledged",
    "pledge",
    "allocated",
    "allocate",
    "approved",
    "loan",
    "loans",
    "grant",
    "grants",
    "tranche",
    "money",
    "support",
    "accounting error",
    "appropriated",
    "financing",
    "military support",
    "weapons",
    "donated",
    "sent",
    "send",
    "provide",
    "provided",
)
POLL_CUES: tuple[str, ...] = (
    "poll",
    "polls",
    "survey",
    "surveyed",
    "respondents",
    "polled",
    "voters",
    "approve",
    "approval",
    "disapprove",
    "support",
    "oppose",
    "favor",
    "favour",
    "think",
    "thinks",
    "say",
    "said",
    "saying",
    "believe",
    "believes",
    "want",
    "wants",
)
# Verbs right after a percentage that make it a share of people holding a view.
POLL_VERBS: tuple[str, ...] = (
    "said",
    "say",
    "says",
    "stated",
    "think",
    "thought",
    "believe",
    "believed",
    "support",
    "supported",
    "oppose",
    "opposed",
    "favour",
    "favoured",
    "favor",
    "favored",
    "want",
    "wanted",
    "back",
    "backed",
    "approve",
    "approved",
    "disapprove",
    "disapproved",
    "agree",
    "agreed",
    "disagree",
    "expect",
    "expected",
    "trust",
    "feel",
    "felt",
    "prefer",
    "preferred",
    "reject",
    "rejected",
)
POLL_POPULATIONS: tuple[str, ...] = (
    "Americans",
    "Ukrainians",
    "Russians",
    "Europeans",
    "Germans",
    "Britons",
    "Poles",
    "French",
    "Italians",
    "voters",
    "respondents",
    "adults",
    "Republicans",
    "Democrats",
    "independents",
    "people surveyed",
    "those surveyed",
    "those polled",
    "people polled",
    "likely voters",
    "registered voters",
    "U.S. adults",
    "US adults",
    "citizens",
    "residents",
    "Canadians",
)
TERRITORY_NOUNS: tuple[str, ...] = (
    "territory",
    "its territory",
    "the territory",
    "our territory",
    "their territory",
    "our state",
    "the state",
    "our country",
    "the country",
    "our land",
    "the land",
    "land",
    "Ukraine",
    "Ukraine's territory",
    "Crimea",
    "Donbas",
    "Donbass",
    "Donetsk",
    "Luhansk",
    "Zaporizhzhia",
    "Kherson",
    "the region",
    "the oblast",
    "the Donbas",
)
TERRITORY_CUES: tuple[str, ...] = (
    "territory",
    "occupied",
    "occupies",
    "occupy",
    "controls",
    "control",
    "land",
    "annexed",
    "seized",
    "captured",
    "liberated",
    "give away",
    "cede",
    "ceded",
)
CASUALTY_CUES: tuple[str, ...] = (
    "killed",
    "dead",
    "die",
    "died",
    "dying",
    "deaths",
    "death toll",
    "casualties",
    "casualty",
    "wounded",
    "injured",
    "lives",
    "losses",
    "lost",
    "slaughter",
    "perished",
    "fatalities",
    "killing",
    "massacre",
    "bodies",
)
CASUALTY_UNITS: frozenset[str] = frozenset({"casualties", "dead", "deaths", "lives", "victims"})
TROOP_UNITS: frozenset[str] = frozenset({"troops"})
PRODUCTION_CUES: tuple[str, ...] = (
    "produce",
    "produces",
    "produced",
    "producing",
    "production",
    "manufacture",
    "manufactures",
    "manufactured",
    "manufacturing",
    "output",
    "make",
    "makes",
    "build",
    "builds",
    "built",
    "capacity",
)
MUNITION_UNITS: frozenset[str] = frozenset(
    {
        "shells",
        "rounds",
        "missiles",
        "drones",
        "tanks",
        "rockets",
        "vehicles",
        "aircraft",
        "howitzers",
        "barrels",
        "tonnes",
    }
)

# --------------------------------------------------------------------------- context

ATTRIBUTION_VERBS: tuple[str, ...] = (
    "said",
    "says",
    "say",
    "estimated",
    "estimates",
    "estimate",
    "reported",
    "reports",
    "claimed",
    "claims",
    "claim",
    "told",
    "stated",
    "states",
    "announced",
    "announces",
    "wrote",
    "commented",
    "warned",
    "predicted",
    "tweeted",
    "posted",
    "writes",
    "noted",
    "added",
    "according",
    "put",
    "puts",
    "counted",
    "counts",
)
PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it", "we", "i"})
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
ABBREVIATIONS: tuple[str, ...] = (
    "U.S.",
    "U.K.",
    "U.N.",
    "E.U.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Gen.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Lt.",
    "Col.",
    "Sgt.",
    "St.",
    "No.",
    "vs.",
    "etc.",
    "e.g.",
    "i.e.",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Inc.",
    "Corp.",
    "Ltd.",
    "Co.",
    "Jr.",
    "Sr.",
    "a.m.",
    "p.m.",
    "approx.",
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
NAME_PARTICLES: tuple[str, ...] = ("of", "the", "de", "von", "van", "al")


def _trie_pattern(node: dict[str, dict], ends: str) -> str:
    """Regex for a character trie, so matching branches on one character instead of trying
    every word in turn (Python's ``re`` does not optimise long alternations itself)."""
    branches: list[str] = []
    optional = False
    for ch, child in sorted(node.items()):
        if ch == ends:
            optional = True
            continue
        piece = r"\s+" if ch == " " else re.escape(ch)
        sub = _trie_pattern(child, ends)
        branches.append(piece + sub)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body


def alternation(words: Iterable[str], *, boundary: bool = True) -> str:
    """A non-capturing regex group matching any of ``words`` (escaped, built as a trie).

    Refuses an empty alternative: an empty branch would make the group match the empty string.
    Spaces match any run of whitespace so line-wrapped text still matches.  The trie tries the
    longest word first at every branch, as a longest-first alternation would.
    """
    items = set(words)
    if not items or any(not w for w in items):
        raise ValueError("alternation needs non-empty words")
    ends = ""  # marks the end of a word inside the trie
    root: dict[str, dict] = {}
    for word in items:
        node = root
        for ch in " ".join(word.split()):
            node = node.setdefault(ch, {})
        node[ends] = {}
    body = f"(?:{_trie_pattern(root, ends)})"
    return rf"\b{body}\b" if boundary else body
