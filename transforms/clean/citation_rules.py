"""Cue patterns for citations of other outlets, kept apart from the matching logic.

Two kinds of outlet name fill the patterns: ``OUTLET`` (a known outlet from
``lexicons/outlets.tsv``) and ``NAME`` (any capitalised name).  A known outlet is trusted after any
cue; an unknown name only after cues that say it is a news organisation ("news outlet BelTA",
"Meduza reported"), because "according to" or "citing" are as often followed by a person or a
ministry.  Every pattern has a named group ``outlet`` (known) or ``name`` (unknown).
"""

from __future__ import annotations

import re

from transforms.clean.outlets import OUTLET_ALIASES
from transforms.lexicons import words
from transforms.text.patterns import alternation

# Words that say "the following capitalised name is a news outlet":
# "Belarusian news outlet X", "German newspaper X", "the US broadcaster X".
OUTLET_DESCRIPTORS: tuple[str, ...] = (
    "news outlet", "media outlet", "outlet", "newspaper", "news agency", "agency", "broadcaster",
    "news site", "news website", "website", "magazine", "daily", "weekly", "tabloid",
    "TV channel", "television channel", "channel", "publication", "news portal", "portal",
)
# ... and after it: "the X newspaper".
OUTLET_SUFFIX_NOUNS: tuple[str, ...] = (
    "newspaper", "news agency", "daily", "magazine", "tabloid", "broadcaster",
)

# Capitalised words that start a generic "<Name> reported" but are not outlets: pronouns,
# sources and offices here; places and nationalities from the shared lexicons.  Lower-case.
NOT_OUTLET_WORDS: frozenset[str] = frozenset({
    "the", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you",
    "officials", "official", "sources", "source", "media", "police", "white", "house", "state",
    "department", "ministry", "government", "army", "military", "president", "minister",
    "reports", "report", "earlier", "later", "previously", "recently", "also", "some", "many",
    "western", "eastern", "a", "an", "another", "local", "state-run", "both", "several",
    "other", "two", "three", "spokesman", "spokeswoman", "spokesperson", "prosecutors",
    "investigators", "researchers", "analysts", "witnesses", "residents",
    # seats of government named for the government ("a Pentagon report", "the Kremlin said")
    "pentagon", "kremlin", "congress", "senate", "parliament", "cabinet", "court", "council",
    "commission", "downing", "élysée", "elysee", "nato", "eu", "un",
}) | words("countries.txt") | words("nationalities.txt")

_SP = r"[ \t\u00a0]+"  # spaces inside a phrase; never a line break
OUTLET = alternation(
    [name for display, aliases in OUTLET_ALIASES.items() for name in (display, *aliases)],
    boundary=True,
)
_WORD = r"[A-Z][\w’'.&-]*[\w]|[A-Z]"
NAME = rf"\b(?:(?:The|the){_SP})?(?:{_WORD})(?:{_SP}(?:(?:of|de|der|di|la|le|the){_SP})?(?:{_WORD})){{0,4}}"
_REPORT_NOUN = r"(?:reports?|articles?|stor(?:y|ies)|publications?|investigations?|interview|pieces?|analysis|editorial)"
_DESCRIPTOR = alternation(OUTLET_DESCRIPTORS, boundary=True)
_SUFFIX = alternation(OUTLET_SUFFIX_NOUNS, boundary=True)
_VERB = (
    r"(?P<verb>reported|reports|said|says|wrote|writes|noted|notes|revealed|claimed|claims|"
    r"quoted|cited|learned|learnt|published|added|stated|indicated|confirmed)"
)
_ART = rf"(?:\b(?:[Aa](?:n(?:other)?|{_SP}(?:recent|new))?|[Tt]he){_SP})"

# Keywords that patterns with a name BEFORE the cue word are anchored on: such a pattern is
# only tried in a short window ending at each keyword, instead of at every capital letter.
_ANCHORS: dict[str, re.Pattern[str]] = {
    "report noun": re.compile(rf"\b{_REPORT_NOUN}\b"),
    "reported": re.compile(r"\breport(?:ed|s)?\b"),
}
ANCHOR_WINDOW_CHARS = 160  # longest name plus article before the keyword

# Words of which every match of a pattern holds at least one, as written: a body holding none
# of them is not scanned at all (a substring test costs far less than a regex pass).  A line
# start is written "\n" (the body is searched with a line break put in front).
_REPORT_WORDS = ("report", "article", "stor", "publication", "investigation", "interview",
                 "piece", "analysis", "editorial")
_NEEDLES: dict[str, tuple[str, ...]] = {
    "according to": ("According", "according"),
    "citing": ("Citing", "citing"),
    "report noun": _REPORT_WORDS,
    "reported by": ("reported",),
    "per": ("\nPer", "\nper"),
    "from": ("\nFrom",),
    "told": ("told",),
    "descriptor": tuple(sorted({d.split()[-1] for d in OUTLET_DESCRIPTORS})),  # spaces may wrap
    "suffix": tuple(sorted({d.split()[-1] for d in OUTLET_SUFFIX_NOUNS})),
    "reported": ("report",),
}

# (cue, pattern, anchor, needles).  Earlier patterns win ties between overlapping matches of
# equal length.  No needles (None): the pattern is tried on every body.
CUE_PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None,
                          tuple[str, ...] | None], ...] = tuple(
    (cue, re.compile(pattern), _ANCHORS[anchor] if anchor else None,
     _NEEDLES[needles] if needles else None)
    for cue, pattern, anchor, needles in (
        (
            "according to",
            (
                rf"\b[Aa]ccording{_SP}to{_SP}(?:(?:the|a|an){_SP})?"
                rf"(?:{_REPORT_NOUN}{_SP}(?:by|in|from|of){_SP}(?:the{_SP})?)?(?P<outlet>{OUTLET})"
            ),
            None,
            "according to",
        ),
        (
            "according to",
            (
                rf"\b[Aa]ccording{_SP}to{_SP}(?:(?:a|an|the){_SP})?{_REPORT_NOUN}{_SP}"
                rf"(?:by|in|from){_SP}(?P<name>{NAME})"
            ),
            None,
            "according to",
        ),
        (
            "citing",
            (
                rf"\b[Cc]iting{_SP}(?:(?:the|a|an){_SP})?(?:{_REPORT_NOUN}{_SP}"
                rf"(?:by|in|from|of){_SP}(?:the{_SP})?)?(?P<outlet>{OUTLET})"
            ),
            None,
            "citing",
        ),
        (
            "citing",
            (
                rf"\b[Cc]iting{_SP}(?:(?:a|an|the){_SP})?{_REPORT_NOUN}{_SP}(?:by|in|from)"
                rf"{_SP}(?P<name>{NAME})"
            ),
            None,
            "citing",
        ),
        (
            "report",
            (
                rf"{_ART}?(?:{_REPORT_NOUN}){_SP}(?:by|in|from|for|with|of){_SP}"
                rf"(?:the{_SP})?(?P<outlet>{OUTLET})"
            ),
            "report noun",
            "report noun",
        ),
        (
            "report",
            (
                rf"{_ART}(?:{_REPORT_NOUN}){_SP}by{_SP}(?P<name>{NAME})"
                rf"(?={_SP}(?:said|says|reported|wrote|claimed|found)\b|\s*:)"
            ),
            "report noun",
            "report noun",
        ),
        ("report", rf"{_ART}(?P<outlet>{OUTLET})(?:[’']s)?{_SP}{_REPORT_NOUN}\b", "report noun", "report noun"),
        ("reported", rf"\breported{_SP}by{_SP}(?:the{_SP})?(?P<outlet>{OUTLET})", None, "reported by"),
        (
            "reported",
            (
                rf"\breported{_SP}by{_SP}(?:the{_SP})?(?P<name>{NAME})"
                rf"(?=,|\.|{_SP}(?:on|in|citing)\b)"
            ),
            None,
            "reported by",
        ),
        ("said", rf"(?P<outlet>{OUTLET}){_SP}{_VERB}\b", None, None),
        ("per", rf"(?:^|(?<=\n))[Pp]er{_SP}(?P<outlet>{OUTLET}|{NAME})\s*:", None, "per"),
        (
            "from",
            (
                rf"(?:^|(?<=\n))From{_SP}(?P<outlet>{OUTLET}|{NAME})"
                rf"(?:{_SP}\((?:translated|in translation|via [^)]{{1,40}})\))?\s*:"
            ),
            None,
            "from",
        ),
        ("told", rf"\btold{_SP}(?:the{_SP})?(?P<outlet>{OUTLET})\b", None, "told"),
        ("outlet", rf"\b{_DESCRIPTOR}{_SP}(?P<outlet>{OUTLET})", None, "descriptor"),
        ("outlet", rf"\b{_DESCRIPTOR}{_SP}(?P<name>{NAME})", None, "descriptor"),
        ("outlet", rf"\b(?:the{_SP})(?P<outlet>{OUTLET}){_SP}{_SUFFIX}", None, "suffix"),
        ("reported", rf"(?P<name>{NAME}){_SP}(?:reported|reports)\b", "reported", "reported"),
        ("report", rf"{_ART}(?P<name>{NAME}){_SP}report\b", "reported", "reported"),
    )
)

URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”()\[\]]+[^\s<>\"“”()\[\].,;:!?’']")

# How far after a named citation a link to the same outlet still belongs to it.
LINK_WINDOW_CHARS = 400
