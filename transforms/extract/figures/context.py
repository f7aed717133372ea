"""What a figure's sentence and paragraph say about it: who claims it, when it holds, and for
poll shares the pollster, field dates and margin of error.

Kept apart from the number patterns because these read the words around a figure, not the
figure itself; every function here takes the text and a position and returns plain values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.extract.figures import rules as lex
from transforms.text.patterns import alternation
from transforms.text.sentences import Sentences

_I = re.IGNORECASE
CONTEXT = 1500  # how far a paragraph is searched for its poll, pollster or open quotation
POLL_REACH = 2500  # how far from a poll share its pollster, dates and margin are looked for

_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<who>[^,.;:”\"()\n]{2,80}?)(?=\s*[,.;:”\"()\n]|$)", _I
)
_ATTRIB_VERB = re.compile(
    alternation([v for v in lex.ATTRIBUTION_VERBS if v != "according"], boundary=True)
)
_NAME = (
    rf"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|{alternation(lex.NAME_PARTICLES, boundary=True)}))"
    r"{0,4}"
)
_QUOTE_CREDIT = re.compile(
    rf"\s*[,–—-]?\s*(?:(?P<who>{_NAME}|(?:the|a|an|one)\s+[\w.’'\s-]{{2,40}}?)\s+"
    rf"{alternation(lex.ATTRIBUTION_VERBS, boundary=True)}"
    rf"|{alternation(lex.ATTRIBUTION_VERBS, boundary=True)}\s+(?P<who2>{_NAME}))"
)
_NAME_AFTER_VERB = re.compile(rf"\s+(?P<who>(?:the\s+|a\s+)?{_NAME})")
_NUMBER_WORD = re.compile(
    alternation(
        (*lex.NUMBER_WORDS, *lex.MULTIPLIER_WORDS, *lex.FRACTIONS, "percent", "half"),
        boundary=True,
    ),
    _I,
)
_LEADING_NAME = re.compile(r"(?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w.’'-]*(?=\s+[a-z])")
_ORG = r"[A-Z][\w&’'.-]*(?:\s+(?:[A-Z][\w&’'.-]*|of|and|&))*?"
_POLLSTER = re.compile(
    rf"(?P<p>(?!{alternation(lex.NOT_POLLSTERS, boundary=True)}){_ORG})\s+(?:poll|survey)\b"
    r"|\b(?:poll|survey)\b(?:[^.;\n]{0,40}?\b(?:by|from|for)|\s+(?:by|from|conducted\s+by|for))"
    r"\s+(?:the\s+)?(?P<q>[A-Z][\w&’'.-]*(?:\s+(?:[A-Z][\w&’'.-]*|of|and|&)){0,5}(?<![a-z&\s]))"
)
_MONTH = alternation(lex.MONTHS, boundary=True)
_DATE = rf"(?:{_MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_DAYS_OF_MONTH = (  # "3 to 9 March", "3-9 March 2024"
    rf"\d{{1,2}}\s*(?:and|to|through|-|–)\s*\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
)
_FIELD_DATES = re.compile(
    r"\b(?:carried\s+out|conducted|fielded|taken|done|held|surveyed|polled)\b[^.;\n]{0,30}?"
    rf"(?:between|from|on)?\s*(?P<dates>{_DAYS_OF_MONTH}|{_DATE}(?:\s*(?:and|to|through|until|-|–)"
    rf"\s*(?:{_DATE}|\d{{1,2}}\b))?(?:,?\s+\d{{4}}\b)?)",
)
_MARGIN = re.compile(
    r"\bmargin\s+of\s+(?:sampling\s+)?error\b[^.;\n]{0,40}?(?:±|\+/-|plus\s+or\s+minus\s+)?"
    r"(?P<m>\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent|percentage\s+points?|points?)",
    _I,
)
_TIME_REF = re.compile(
    r"\b(?P<t>(?:a|one)\s+(?:year|month|week|quarter)\s+(?:earlier|ago|before)"
    r"|(?:this|last|next|the\s+previous|the\s+same)\s+(?:year|month|week|quarter|spring|summer|"
    r"autumn|fall|winter)"
    rf"|(?:in|for|since|by|through|until)\s+(?:{_MONTH}\s+)?(?:1[89]|20)\d\d"
    rf"|(?:in|since)\s+{_MONTH}\b)",
    _I,
)
# How far after (or before) a figure a time expression in the same clause still dates it:
# "$1.17 billion a year earlier", "sales of $2 billion in 2023"; a date further away usually
# dates the event the sentence reports, not the figure.
_TIME_AFTER = 40
_TIME_BEFORE = 25


@dataclass(frozen=True, slots=True)
class PollFacts:
    """What a paragraph says about the poll its shares come from."""

    pollster: str | None = None
    field_dates: str | None = None
    margin_of_error: float | None = None


def line_start(text: str, pos: int) -> int:
    """Start of the paragraph holding ``pos``, looking back at most ``CONTEXT`` characters so a
    text without line breaks does not make every figure rescan it."""
    lo = max(0, pos - CONTEXT)
    k = text.rfind("\n", lo, pos)
    return k + 1 if k >= 0 else lo


def line_end(text: str, pos: int) -> int:
    hi = min(len(text), pos + CONTEXT)
    k = text.find("\n", pos, hi)
    return k if k >= 0 else hi


@lru_cache(maxsize=256)  # a sentence with several figures is read once
def attribution(sentence: str) -> str | None:
    """Who the sentence credits: "according to X" first, else the phrase before a cue verb."""
    m = _ACCORDING.search(sentence)
    if m:
        who = m.group("who").strip()
        if len(who.split()) <= 8:
            return who
    # the last cue first: "..., which officials described as delicate, ..., the officials said"
    for v in reversed(list(_ATTRIB_VERB.finditer(sentence))):
        left = sentence[: v.start()]
        cut = max(left.rfind(c) for c in ',;:“”"(—–')
        phrase = left[cut + 1 :].strip()
        words = phrase.split()
        while words and words[0].lower() in lex.ATTRIBUTION_STOP:
            words = words[1:]
        if not words:  # "..., said Ana Ruiz, the governor": the speaker follows the verb
            after = _NAME_AFTER_VERB.match(sentence, v.end())
            if after:
                return after.group("who")
            continue
        if words and (
            words[-1].lower() in lex.ATTRIBUTION_NOT_BEFORE_VERB
            or words[-1].lower() in lex.SUBJECT_STOP
        ):
            continue  # "hadn't said", "an estimated", "Support for continued": not a speaker
        if any(ch.isdigit() for ch in phrase) or _NUMBER_WORD.search(phrase):
            continue  # the phrase holds the figure itself: "Only 10% of respondents said"
        if 1 <= len(words) <= 6 and (
            words[0][0].isupper() or words[0].lower() in lex.ATTRIBUTION_OPENERS
        ):
            return " ".join(words)
    return None


def claimant(text: str, pos: int, sentences: Sentences) -> str | None:
    """Who the figure at ``pos`` is credited to.

    A figure inside a quotation belongs to whoever the quotation is credited to after it closes
    ("... 500,000 people are dead,” a named speaker said); otherwise the sentence's own
    attribution, with "he"/"she" taken from the sentence before (usually the one naming them).
    """
    start_of_line = line_start(text, pos)
    end_of_line = line_end(text, pos)
    before = text[start_of_line:pos]
    if before.count("“") > before.count("”") or before.count('"') % 2:
        close = min(
            (k for k in (text.find("”", pos, end_of_line), text.find('"', pos, end_of_line))
             if k >= 0),
            default=-1,
        )
        if close >= 0:
            m = _QUOTE_CREDIT.match(text, close + 1, end_of_line)
            if m:
                return _clean_name(m.group("who") or m.group("who2"))
    start, end = sentences.span(pos)
    who = attribution(text[start:end])
    if who and who.lower() in lex.PRONOUNS:
        prev = sentences.previous(pos)
        prev_text = text[prev[0] : prev[1]] if prev else ""
        earlier = attribution(prev_text)
        if earlier and earlier.lower() not in lex.PRONOUNS:
            return earlier
        named = _LEADING_NAME.match(prev_text)  # "General X spoke ... He estimated"
        return named.group() if named else None  # an unresolved "he" credits nobody
    return who


def time_reference(text: str, start: int, end: int, sent_start: int, sent_end: int) -> str | None:
    """The time expression nearest the figure in its sentence ("in 2023", "a year earlier"),
    lower-cased, so figures for different periods are not compared."""
    best: tuple[int, str] | None = None
    lo, hi = max(sent_start, start - _TIME_BEFORE), min(sent_end, end + _TIME_AFTER)
    for m in _TIME_REF.finditer(text, lo, hi):
        between = text[end : m.start()] if m.start() >= end else text[m.end() : start]
        if m.start() < end and m.end() > start or any(c in between for c in ",;:()—–"):
            continue  # overlapping, or in another clause
        gap = len(between)
        if best is None or gap < best[0]:
            best = (gap, " ".join(m.group("t").lower().split()))
    return best[1] if best else None


def poll_facts(text: str, pos: int) -> PollFacts:
    """The pollster, field dates and margin of error nearest ``pos`` within ``POLL_REACH``
    characters (articles name the poll in one paragraph and give its details in another)."""
    lo, hi = max(0, pos - POLL_REACH), min(len(text), pos + POLL_REACH)

    def nearest(pattern: re.Pattern[str], group: str) -> str | None:
        found = [(abs(m.start() - pos), m.group(group)) for m in pattern.finditer(text, lo, hi)
                 if m.group(group)]
        return min(found)[1] if found else None

    pollster = None
    found = [(abs(m.start() - pos), m.group("p") or m.group("q"))
             for m in _POLLSTER.finditer(text, lo, hi)]
    if found:
        pollster = _clean_name(min(found)[1])
    margin = nearest(_MARGIN, "m")
    dates = nearest(_FIELD_DATES, "dates")
    return PollFacts(pollster, dates, float(margin) if margin else None)


def _clean_name(name: str) -> str | None:
    """A name as matched, cut at a sentence end and stripped of trailing "of", "and"."""
    name = re.split(r"\.(?=\s)|\n", name)[0]
    if re.search(r"\w{3}\.$", name):  # "Ola Berg." ends a sentence; "Jr." stays
        name = name[:-1]
    words = name.split()
    while words and words[-1] in ("of", "and", "&"):
        words.pop()
    return " ".join(words) or None


def is_margin_of_error(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is a poll's margin of error (a property of the poll)."""
    lo = max(0, start - 60)
    return any(m.start("m") == start for m in _MARGIN.finditer(text, lo, start + 40))
