"""Money, poll shares, casualties and counts as comparable numbers.

Outlets retelling one report round, convert and hedge its numbers ("$43.9 billion", "more than
50 nations", "10s of thousands"); to compare them across articles every figure is normalised to a
number, a unit and a kind, with the sentence it came from kept for the reader.

Conventions (kept identical everywhere so figures can be compared in SQL):

* ``value`` is the number as stated, scaled ("$2 billion" -> 2e9); ``None`` for ranges and vague
  amounts.  Percentages stay in percent (``41``); fractions become percent ("a third" -> 33.33).
* ``low`` / ``high`` are the bounds the wording implies:
  exact figure -> ``low == high == value``;
  "more than", "over", "at least" -> ``low = value``, ``high = None``;
  "up to", "nearly", "almost", "fewer than" -> ``low = None``, ``high = value``;
  "about", "around", "an estimated", "some" -> ``low = high = None`` (no band is invented);
  ranges "10-15%" -> ``value = None``, ``low = 10``, ``high = 15``;
  vague amounts span every number the phrase can literally denote: "tens of thousands" (also
  "10s of thousands") -> 10,000..99,999, "hundreds of thousands" -> 100,000..999,999, "thousands"
  -> 1,000..9,999 (see ``VAGUE_AMOUNTS``); a qualifier then keeps only the bound it implies.
* ``unit``: ISO 4217 code for money, ``"percent"`` (``"percentage points"`` kept apart), or a
  canonical count noun ("people",
  "troops", "countries", "shells", "rounds", ...); ``None`` when nothing says what is counted.
* Not figures: years, dates, times, ordinals, ages in parentheses, numbers inside URLs or ids,
  phone numbers, hyphenated compounds ("500-character"), model names ("5+1"), durations ("two
  years") and single-digit counts of people ("two officials"): a data journalist compares none.
* ``per`` holds the period of a rate ("2 million shells per year" -> "year").

Speed: one compiled pattern, tried only at anchors (digits, currency signs, number words) and the
few words before them, then look-ups in the figure's sentence; no model, no per-call compiling.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from transforms.extract.figures import context, money
from transforms.extract.figures import rules as lex
from transforms.extract.figures.kinds import CATEGORY_KINDS, FigureKind
from transforms.extract.figures.measure import head_noun, measure_key
from transforms.extract.figures.numbers import bounds, scale_factor, to_float, word_value
from transforms.lexicons import table, words
from transforms.records import FigureMention
from transforms.text.patterns import alternation
from transforms.text.sentences import Sentences, split_sentences

LOGGER = logging.getLogger(__name__)

_I = re.IGNORECASE

# --------------------------------------------------------------------------- word tables

# counted noun as written -> (canonical unit, category); category -> kind via CATEGORY_KINDS
UNITS: dict[str, tuple[str, str]] = {
    " ".join(s.lower().split()): (unit, cat) for s, unit, cat in table("figure_units.tsv")
}
_DEMONYMS = words("nationalities.txt")
# "6 million Ukrainians": a plural demonym counts people
UNITS.update({d: ("people", "people") for d in _DEMONYMS if d.endswith("s") and d not in UNITS})
_KIND_CATEGORIES = {kind: category for category, kind in CATEGORY_KINDS.items()}
_CUES: dict[str, list[str]] = {}
for _cue, _what in table("figure_cues.tsv"):
    _CUES.setdefault(_what, []).append(_cue)

# --------------------------------------------------------------------------- patterns

_SIGN = money.sign_pattern()
_CURNAME = money.name_pattern()
_SCALE_WORDS = alternation(lex.SCALE_LONG, boundary=True)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_TOKENISED_DECIMAL = (  # "32 . 99 %", "1 . 6 billion", "$ 2 . 50": wire text split into tokens
    rf"\s\.\s\d+(?(cur)(?![\d,])|(?=\s?(?:%|percent\b|per\s+cent\b|{_SCALE_WORDS})))"
)
_SPACED_THOUSANDS = rf"\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?=\s?{_SIGN}|\s+{_CURNAME})"
_NUM = rf"(?:{_SPACED_THOUSANDS}|{_DIGITS}(?:\.\d+|{_TOKENISED_DECIMAL})?)"
_NUMWORD = alternation(lex.NUMBER_WORDS, boundary=True)
_MULTWORD = alternation((*lex.MULTIPLIER_WORDS, "dozen"), boundary=True)
_WORDNUM = (
    rf"(?:\b(?:a|an)\s+(?:dozen|hundred|thousand|million|billion)\b|{_NUMWORD})"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{_NUMWORD}|{_MULTWORD}))*"
)
_SCALE_FRACTION = (
    rf"{alternation(lex.SCALE_FRACTIONS, boundary=True)}\s+(?:of\s+an?\s+|an?\s+)?"
    rf"(?={_SCALE_WORDS})"
)
# Short scales ("$3m", "€4bn", "$2.174T") only with a currency: "10k", "5t" alone are not money.
_SCALE = (
    rf"(?:\s*{_SCALE_WORDS}"
    rf"|(?(cur)\s?{alternation(lex.SCALE_SHORT)}(?![\w])"
    rf"|\s?{alternation(lex.SCALE_SHORT)}(?=\s?{_SIGN}|\s+{_CURNAME})))"
)
_PCT = r"(?:\s?%|\s+(?:percentage\s+points?|percent|per\s+cent|pct)\b)"
_QUALS = alternation([q for q in lex.QUALIFIERS if q != "between"], boundary=True)
_MINOR_ONE = alternation([f"a {m}" for m in money.currencies().minors if len(m) > 2], boundary=True)

_RANGE = (
    rf"""(?:(?P<scale1>{_SCALE})?
               (?(btw)\s+and\s+|\s*(?:-|–|to\s)\s*){_SIGN}?\s?(?P<num2>{_NUM})(?![\d+]|[.,:]\d))?"""
)
_FIGURE = (
    rf"""
    (?<![\w/:+#@.,$€£₴₽¥&-])
    (?:(?P<btw>between)\s+|(?P<qual>{_QUALS})\s+)?
    (?:
        (?P<vague>{alternation(lex.VAGUE_AMOUNTS, boundary=True)})
      | (?P<frac>{alternation(lex.FRACTIONS, boundary=True)})(?=\s+of\b)(?!\s+of\s+an?\s+{_SCALE_WORDS})
      | (?P<one>{_MINOR_ONE})
      | (?P<cur>(?P<lead>{money.lead_pattern()})\s+(?=\d)|{_SIGN}\s?)?
        (?P<neg>[-−](?=\d))?
        (?:
            (?P<num>{_NUM})(?![\d+]|[.,:]\d)
            RANGE
          | (?P<sfrac>{_SCALE_FRACTION})
          | (?P<words>{_WORDNUM})
        )
        (?P<scale>{_SCALE})?
        (?:(?P<pct>{_PCT})|(?(cur)|(?P<cur2>\s?{_SIGN})(?P<scale2>\s+{_SCALE_WORDS})?))?
    )
    (?![\w+]|[.,:]\d)
    """
)
_FIGURE_RE = re.compile(_FIGURE.replace("RANGE", _RANGE), re.VERBOSE | _I)
# The same without ranges, for "rose from $350 to $680": a change between two figures
_SINGLE_RE = re.compile(
    _FIGURE.replace("RANGE", "(?P<scale1>(?!))?(?P<num2>(?!))?"), re.VERBOSE | _I
)
# "ranging from 5 to 7 percent", "anywhere from": a range after all
_SPAN_BEFORE = re.compile(rf"{alternation(lex.SPAN_CUES, boundary=True)}[^\S\n]+from[^\S\n]+$", _I)
# Words before "X to Y" that make it a change from X to Y, not a range
_CHANGE_BEFORE = re.compile(
    rf"{alternation(lex.CHANGE_VERBS, boundary=True)}[^\S\n]+(?:[a-z]+[^\S\n]+)?$",
    _I,
)

_SP = r"[^\S\n]+"  # what follows a number stays on its line ("Top 10\nCountries" is a heading)
_CUR_WORD_AFTER = re.compile(
    rf"(?:{_SP}|-)(?:of{_SP})?(?P<cw>(?:(?:u\.?s\.?|us){_SP})?{_CURNAME})", _I
)
_MINOR_AFTER = re.compile(
    rf"{_SP}(?:and{_SP})?(?P<n>\d{{1,2}}|{_WORDNUM})(?:{_SP}(?P<minor>{_CURNAME}))?"
    rf"(?:{_SP}(?P<n2>\d|{_NUMWORD})(?![\w.,]*{_SP}?(?:{_SIGN}|{_CURNAME})))?"
    rf"(?!\s?[\w$€£¥%]|[.,]\d|{_SP}(?:{_SIGN}|{_CURNAME}|{_SCALE_WORDS}|%|percent))",
    _I,
)
_UNIT_ALT = alternation(UNITS, boundary=True)
_UNIT_AFTER = re.compile(
    rf"(?:{_SP}of)?(?P<adj>(?:{_SP}(?!{_UNIT_ALT})[A-Za-z][\w’'.-]*){{0,2}}?){_SP}(?P<unit>{_UNIT_ALT})",
    _I,
)
# "2 million shells", "5,000 tanks": a plural noun right after a large or hedged number
_PLURAL_AFTER = re.compile(
    rf"(?:{_SP}(?P<mod>[a-z][a-z-]+))?{_SP}(?P<noun>[a-z][a-z-]{{2,}}[^s\W]s)\b(?![’'-])"
)
_NOT_COUNTED = frozenset(
    {*words("figure_not_counted.txt"), *lex.NON_FIGURE_NOUNS, *lex.SUBJECT_STOP, *lex.PHRASE_STOP}
)
_COMPARABLE_RATIO = 100  # how far apart a figure and a bare number compared with it may be
_LARGE = 1000  # from here a bare number followed by a plural noun counts it
_UNIT_BEFORE = re.compile(rf"(?P<unit>{_UNIT_ALT})", _I)
# "two years", "two full years"; not "400,000 this year" (a date for the figure, not a duration)
_NON_FIGURE_AFTER = re.compile(
    rf"(?:\s+(?!{alternation(lex.TIME_DETERMINERS, boundary=True)})[a-z]+)?\s+"
    rf"{alternation(lex.NON_FIGURE_NOUNS, boundary=True)}",
    _I,
)
_COMPARISON_TIME = r"(?!\s+(?:ago|earlier|before|later|after|on|back)\b)"
_GAP = rf"(?:{_SP}-?(?:{_SP})?|-)"  # " ", " - " (tokenised "70 - a - share"), "-"
_PER_AFTER = re.compile(
    rf"(?:(?:{_SP})?/(?P<p0>[a-z]+)\b"
    rf"|{_GAP}(?:(?:a|an|each|every){_GAP}(?P<p1>{alternation(lex.RATE_NOUNS)})\b{_COMPARISON_TIME}"
    rf"|per{_SP}(?P<p3>(?!cent\b)[a-z]+)\b"
    rf"|(?P<p2>annually|yearly|monthly|weekly|daily|apiece)\b))",
    _I,
)
_OF_AFTER = re.compile(r"\s+of\s+(?P<what>(?:[^,.;:!?()\n“”\"]|\.(?=\S)|(?<=\b[A-Z])\.){1,80})")
_MONTH_BEFORE = re.compile(rf"{alternation(lex.MONTHS, boundary=True)}\.?\s+(?:the\s+)?$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{alternation(lex.MONTHS, boundary=True)}\b")
# "up from 400,000": the number before named the unit
_COMPARED = re.compile(rf"\b{alternation(lex.COMPARISON_WORDS, boundary=True)}{_SP}$", _I)
_POPULATION_OF = re.compile(
    rf"^(?:all\s+)?(?:the\s+)?(?:{alternation(_CUES['population'], boundary=True)}"
    rf"|{alternation([d for d in _DEMONYMS if d.endswith('s')], boundary=True)})",
    _I,
)
_POLL_STRONG = re.compile(alternation(_CUES["poll"], boundary=True), _I)
# "26% favoured opening talks", "48% of people say": a share of people holding a view
_POLL_VERB_AFTER = re.compile(
    rf"(?:\s+of\s+(?:the\s+)?{alternation(lex.POLL_SHARE_OF, boundary=True)})?\s+(?:also\s+)?"
    rf"{alternation(_CUES['poll-verb'], boundary=True)}"
)
_CASUALTY_CUE = re.compile(alternation(_CUES["casualty"], boundary=True), _I)
# "737 Max jets", "Boeing 787 Dreamliner": a number naming a model, not a count
_MODEL_NAME_AFTER = re.compile(rf"{_SP}(?P<w>[A-Z][a-z][\w-]*)")
# "aged 18 to 29", "those over 60": ages, not counts
_AGE_BEFORE = re.compile(
    rf"{alternation(lex.AGE_CUES, boundary=True)}\s+(?:between\s+|over\s+|under\s+|of\s+)?$", _I
)

_ANCHOR_WORDS: tuple[str, ...] = tuple(
    sorted(
        {
            w
            for phrase in (
                *lex.NUMBER_WORDS,
                *lex.MULTIPLIER_WORDS,
                *lex.VAGUE_AMOUNTS,
                *lex.FRACTIONS,
                *lex.SCALE_FRACTIONS,
            )
            for w in re.split(r"[\s-]+", phrase.lower())
            if w not in ("a", "an", "of") and not w[0].isdigit()
        }
        | {m for m in money.currencies().minors if len(m) > 2}
    )
)
# Unanchored and run on lower-cased text, so ``re`` can skip ahead to a possible first character
# instead of trying the pattern at every position; digits cover every sign or code before them.
_ANCHOR_RE = re.compile(r"\d|" + alternation(_ANCHOR_WORDS, boundary=False))
_QUALIFIER_WORDS = 3  # "no fewer than", "in excess of": the longest qualifiers
_SIGN_REACH = 8  # "c $ ", "US$ ", "MEUR ": how far before its digits a currency sign starts
_TOKEN_REACH = 300  # longest token (URL) looked at around a number
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_WORD_RE = re.compile(r"[\w’'.-]+")

_NUMBER_BEFORE = re.compile(r"(?<![\w.,])\d[\d,]*[^\S\n]$")
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|my|our|your|his|her|its|their)\s+", _I)
_TIME_NOUNS = frozenset({*lex.NON_FIGURE_NOUNS, "time"})
_WEIGHT = re.compile(r"pounds?$", _I)
_WEIGHT_CONTEXT = re.compile(
    rf"{alternation(lex.WEIGHT_CUES, boundary=True)}[^.;\n]*$", _I
)
_COORDINATED = re.compile(r"[^\S\n]+(?P<c>and|or|&)[^\S\n]+(?:[a-z-]+[^\S\n]+)?(?P<w>[a-z][\w-]*)", _I)
_MONEY_PREPOSITION = re.compile(r"\s+(?:on|for|of|in)\s+")
_MULTIPLIER = re.compile(_SCALE_WORDS, _I)  # "two million", not "two hundred"
_MONEY_SUBJECT = re.compile(alternation(lex.MONEY_SUBJECTS, boundary=True), _I)
_LETTERS = re.compile(r"[a-z]+")
# The first words a figure may start with before its number: qualifiers, "between", signs and
# codes written with letters ("US$", "USD", "MEUR"), lead names, "a" ("a penny").
_START_WORDS = frozenset(
    w.lower()
    for phrase in (
        *lex.QUALIFIERS, *money.currencies().signs, *money.currencies().cased,
        *money.currencies().leads, "a", "an",
        *(f"m{code}" for code in money.currencies().codes),
    )
    for w in re.findall(r"[A-Za-z]+", phrase)[:1]
)  # fmt: skip
_CURRENCY_SIGNS = frozenset(
    s[0] for s in money.currencies().signs if not s[0].isalnum()
)


# --------------------------------------------------------------------------- helpers


def _phrase(text: str, pos: int, limit: int = 4) -> str | None:
    """Up to ``limit`` words after ``pos``, stopping at punctuation or a function word."""
    out: list[str] = []
    i = pos
    n = len(text)
    while len(out) < limit:
        while i < n and text[i] == " ":
            i += 1
        m = _WORD_RE.match(text, i)
        if not m:
            break
        word = m.group().rstrip(".")
        if word.lower() in lex.SUBJECT_STOP or word.lower() in lex.PHRASE_STOP or not word:
            break
        out.append(word)
        i = m.end()
        if m.group().endswith("."):
            break
    return " ".join(out) or None


# --------------------------------------------------------------------------- extraction


def extract_figures(text: str) -> list[FigureMention]:
    """Return the figures in ``text``, sorted by start, each with ``text[start:end]`` exact."""
    if not text:
        return []
    sentences: Sentences | None = None
    out: list[FigureMention] = []
    last_end = -1
    last_population: dict[int, str] = {}
    previous: FigureMention | None = None
    links = "://" in text or "www." in text or "@" in text
    for m in _candidates(text):
        if m.start() < last_end or (links and _in_url(text, m.start())):
            continue
        if sentences is None:
            sentences = split_sentences(text)
        fig = _figure(text, m, sentences, last_population, previous)
        if fig is not None:
            out.append(fig)
            last_end = fig.end
            previous = fig
    return out


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """Figure-regex matches, tried only where a number can start.

    Scanning every position with the full pattern is the slow part of the extractor, so anchors
    (digits and number words, found on lower-cased text) are located first and the pattern is
    matched at the anchor and at the few words before it (where a qualifier or sign sits).
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a case mapping changed length: offsets would drift
        yield from _FIGURE_RE.finditer(text)
        return
    n = len(lowered)
    reached = -1
    for m in _ANCHOR_RE.finditer(lowered):
        a, j = m.span()
        if a < reached:
            continue
        if lowered[a].isalpha() and not (
            (a == 0 or not lowered[a - 1].isalnum()) and (j >= n or not lowered[j].isalnum())
        ):
            continue  # a number word inside a longer word
        if lowered[a].isdigit() and a > 0 and lowered[a - 1].isdigit():
            continue
        for start in _starts_before(text, lowered, a, reached):
            fm = _FIGURE_RE.match(text, start)
            if fm and fm.group("num2") and _is_change(text, fm):
                fm = _SINGLE_RE.match(text, start)
            if fm and fm.start() <= a < fm.end():
                reached = fm.end()
                yield fm
                break


def _comparable(previous: FigureMention, value: float | None) -> bool:
    """Whether a bare number can repeat the unit of the figure before it: of a like size ("up
    from 400,000" after "700,000 shells"; not "from 27" after "500,000 soldiers")."""
    before = previous.value or previous.low or previous.high
    if not before or not value:
        return False
    return 1 / _COMPARABLE_RATIO <= value / before <= _COMPARABLE_RATIO


def _is_change(text: str, m: re.Match[str]) -> bool:
    """Whether "X to Y" reports a change ("rose from $350 to $680"), not a range."""
    sep = text[m.end("num") : m.start("num2")]
    before = text[max(0, m.start() - 30) : m.start()]
    return (
        "to" in sep.lower()
        and bool(_CHANGE_BEFORE.search(before))
        and not _SPAN_BEFORE.search(before)
    )


def _starts_before(text: str, lowered: str, anchor: int, floor: int) -> list[int]:
    """Where a match covering ``anchor`` may start, earliest first.

    That is the anchor, the rest of the token it sits in ("US$5", "*A") and the tokens of up to
    ``_QUALIFIER_WORDS`` words before it: every letter, digit or sign after a separator counts.
    """
    starts = [anchor]
    i = anchor
    words_seen = 0
    while words_seen < _QUALIFIER_WORDS:
        j = i - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if j < floor:
            break
        if j < i - 1:
            words_seen += 1  # a whole word before the anchor's token (not the token itself)
        k = j
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        starts.extend(
            p
            for p in range(j, max(k, floor) - 1, -1)
            if (text[p].isalnum() or text[p] in _CURRENCY_SIGNS or text[p] in "-−")
            and (p == k or not text[p - 1].isalnum())
        )
        if k <= floor:
            break
        i = k
    return sorted(
        {p for p in starts if p == anchor or not text[p].isalpha() or _starts_a_figure(lowered, p)}
    )


def _starts_a_figure(lowered: str, pos: int) -> bool:
    """Whether the word at ``pos`` can open a figure (a qualifier, a sign, a lead name), so the
    full pattern is not tried at every word before a number."""
    m = _LETTERS.match(lowered, pos)
    return m is not None and m.group() in _START_WORDS


def _in_url(text: str, pos: int) -> bool:
    """Whether ``pos`` sits in a URL or e-mail address (``rcna123628`` is not a figure)."""
    lo, hi = max(0, pos - _TOKEN_REACH), min(len(text), pos + _TOKEN_REACH)
    left = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos))
    left = lo if left < 0 else left + 1
    right = min(
        (k for k in (text.find(" ", pos, hi), text.find("\n", pos, hi)) if k >= 0), default=hi
    )
    token = text[left:right]
    return "://" in token or "www." in token or "@" in token


@dataclass(slots=True)
class _Draft:
    """A figure being built from one match: each step below fills or rejects part of it."""

    start: int
    end: int  # grows as the unit noun and rate are taken in
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_noun: str | None = None  # the counted noun as written, lower-cased ("lives")
    category: str | None = None  # the counted noun's category in figure_units.tsv
    counted: str | None = None  # what is counted, normalised, for the measure key
    is_money: bool = False
    is_pct: bool = False
    scaled: bool = False  # a scale word or vague amount ("million", "tens of thousands")
    kind: FigureKind = FigureKind.OTHER
    subject: str | None = None
    per: str | None = None
    population: str | None = None


def _figure(
    text: str,
    m: re.Match[str],
    sentences: Sentences,
    last_population: dict[int, str],
    previous: FigureMention | None,
) -> FigureMention | None:
    """Normalise one regex match, or ``None`` when it is not a figure worth a row."""
    g = m.groupdict()
    qual_text = g["qual"] or g["btw"]
    qualifier = " ".join(qual_text.lower().split()) if qual_text else None
    start = m.start()
    if g["btw"] and not g["num2"]:  # "between c $ 16.4 million": no range, and no qualifier
        qualifier, start = None, m.end("btw")
        while text[start].isspace():
            start += 1
    d = _amount(g, start, m.end(), lex.QUALIFIERS.get(qualifier) if qualifier else None)
    if d is None or _is_not_a_figure(text, g, d, qualifier):
        return None
    sent_start, sent_end = sentences.span(d.start)
    sentence = text[sent_start:sent_end]
    _take_unit(text, d, sent_start, counted=bool(qualifier or d.scaled))
    if (
        not (d.unit or d.is_pct)
        and previous is not None
        and previous.start >= sent_start
        and previous.unit not in (None, "percent", "percentage points")
        and _COMPARED.search(text, max(sent_start, d.start - 30), d.start)
        and _comparable(previous, d.value)
    ):
        d.unit, d.subject, d.per = previous.unit, previous.subject, d.per or previous.per
        d.is_money = previous.kind == FigureKind.MONEY
        d.category = _KIND_CATEGORIES.get(FigureKind(previous.kind))
    if d.is_pct:
        d.unit = "percentage points" if "point" in (g["pct"] or "").lower() else "percent"
        if context.is_margin_of_error(text, d.start):
            return None  # a property of the poll, carried by its shares
    if _is_noise(g, d, qualifier):
        return None
    facts = context.PollFacts()
    if d.is_money:
        _money_context(text, d, sentence)
    elif d.is_pct:
        if not _percent_context(text, g, d, m.end(), sentence, sent_start):
            return None
        if d.kind == FigureKind.POLL and d.population is None:
            d.population = last_population.get(context.line_start(text, d.start))
    elif not _count_kind(d, sentence):
        return None
    if d.kind == FigureKind.POLL:
        facts = context.poll_facts(text, d.start)
        if d.population:
            last_population[context.line_start(text, d.start)] = d.population
    when = context.time_reference(text, d.start, d.end, sent_start, sent_end)
    return FigureMention(
        start=d.start,
        end=d.end,
        text=text[d.start : d.end],
        value=d.value,
        low=d.low,
        high=d.high,
        unit=d.unit,
        qualifier=qualifier,
        kind=d.kind,
        subject=d.subject,
        attributed_to=context.claimant(text, d.start, sentences) or facts.pollster,
        sentence=sentence,
        per=d.per,
        population=d.population,
        pollster=facts.pollster,
        measure_key=measure_key(d.kind, d.unit, d.counted, d.per, when),
        time_ref=when,
        field_dates=facts.field_dates,
        margin_of_error=facts.margin_of_error,
    )


def _scale_fraction(words: str) -> float:
    """The fraction of a "half a million" phrase; the match may hold the joining "(of) a"."""
    key = " ".join(words.lower().split())
    while key not in lex.SCALE_FRACTIONS and " " in key:
        key = key.rsplit(" ", 1)[0]
    return lex.SCALE_FRACTIONS.get(key, 0.5)


def _amount(g: dict[str, str | None], start: int, end: int, qual_kind: str | None) -> _Draft | None:
    """Value and bounds from the matched number, following the module's conventions."""
    d = _Draft(start, end, is_pct=bool(g["pct"]))
    sign_scale = 1.0
    if g["lead"]:
        d.unit = money.currencies().leads[money.key(g["lead"])]
    else:
        for sign in (g["cur"], g["cur2"]):
            if sign:
                d.unit, sign_scale = money.sign_code(sign)
    d.is_money = d.unit is not None
    scale = g["scale"] or g["scale2"]
    d.scaled = bool(g["vague"] or scale or sign_scale != 1.0)
    if g["vague"]:
        d.low, d.high = lex.VAGUE_AMOUNTS[" ".join(g["vague"].lower().split())]
        if qual_kind == "low":
            d.high = None
        elif qual_kind == "high":
            d.low = None
        return d
    if g["one"]:
        minor = money.currencies().minors[money.key(g["one"].split(None, 1)[1])]
        d.value, d.unit, d.is_money = 1.0, minor.unit, True
    elif g["frac"]:
        d.value = lex.FRACTIONS[" ".join(g["frac"].lower().split())]
        d.is_pct = True
    elif g["sfrac"]:
        d.value = _scale_fraction(g["sfrac"]) * scale_factor(scale)
        d.scaled = True
    elif g["words"]:
        d.value = word_value(g["words"]) * scale_factor(scale)
        d.scaled = d.scaled or bool(_MULTIPLIER.search(g["words"]))
    else:
        factor = scale_factor(scale) * sign_scale
        sign = -1.0 if g["neg"] else 1.0
        d.value = sign * to_float(g["num"]) * scale_factor(g["scale1"] or scale) * sign_scale
        if g["num2"]:
            second = to_float(g["num2"]) * factor
            if second < d.value:  # "2-3 million" scales both; "1,000-2" is not a range
                return None
            d.low, d.high, d.value = d.value, second, None
            return d
    d.low, d.high = bounds(d.value, qual_kind)
    return d


def _is_not_a_figure(text: str, g: dict[str, str | None], d: _Draft, qualifier: str | None) -> bool:
    """Dates, ages, compounds, model numbers and durations, told from the characters around."""
    start, end = d.start, d.end
    after = text[end : end + 120]
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha():
        return not (d.is_money or _CUR_WORD_AFTER.match(after))  # "500-character"; not "12-cent"
    if text[start].isdigit() and _NUMBER_BEFORE.search(text, max(0, start - 12), start):
        return True  # "245 23 yen": a run of bare numbers is a table row or an id
    plain = not (d.is_money or d.is_pct or g["scale"])
    if g["num"] and plain:
        if _MONTH_BEFORE.search(text[max(0, start - 16) : start]) or _MONTH_AFTER.match(after):
            return True  # "November 4, 2023", "4 November"
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            return True  # "Jane Doe (44)"
        years = _YEAR.fullmatch(g["num"]) and (not g["num2"] or _YEAR.fullmatch(g["num2"]))
        if years and (g["num2"] or qualifier in ("between", None)):
            return True  # "between 2009 and 2018", "2010-2015"
        if g["num2"] and re.fullmatch(r"\d{2}", g["num2"]) and _YEAR.fullmatch(g["num"]):
            return True  # "2013-14"
        model = _MODEL_NAME_AFTER.match(after)
        if (
            model
            and "," not in g["num"]
            and not g["num2"]
            and model.group("w").lower() not in _DEMONYMS
            and money.key(model.group("w")) not in UNITS
            and not _CUR_WORD_AFTER.match(after)
        ):
            return True  # "737 Max jets", "Galaxy S 24 Ultra"
        if _AGE_BEFORE.search(text[max(0, start - 20) : start]) and not _UNIT_AFTER.match(after):
            return True  # "aged 18 to 29", "those over 60"
    return (
        not (d.unit or d.is_pct)
        and not _PER_AFTER.match(after)
        and bool(_NON_FIGURE_AFTER.match(after))
    )  # "two years", "five points"


def _take_unit(text: str, d: _Draft, sent_start: int, *, counted: bool) -> None:
    """The currency or count noun after the number (or, for a hedged amount with none, the
    count noun just before it), a minor-unit remainder ("15 dollars 50"), then a rate period."""
    end = d.end
    after = text[end : end + 120]
    if not d.unit and not d.is_pct:
        cm = _CUR_WORD_AFTER.match(after)
        if cm and _WEIGHT.match(cm.group("cw")) and (
            _WEIGHT_CONTEXT.search(text, max(0, d.start - 30), d.start)
            or after[cm.end() :].lstrip().startswith("of ")
        ):
            cm = None  # "weighs 200 pounds", "5 pounds of beef": a weight, not sterling
        if cm and cm.group("cw").split()[-1].islower():  # "Swiss francs", not "six Euro ties"
            name = money.key(re.sub(r"^(?:u\.?s\.?|us)\s+", "", cm.group("cw"), flags=_I))
            full = money.key(cm.group("cw"))
            cur = money.currencies()
            if name in cur.minors:
                d.unit = cur.minors[name].unit
            else:
                d.unit = cur.names.get(full) or cur.names.get(name)
            d.is_money = d.unit is not None
            d.end = end + cm.end()
    if d.is_money and d.value is not None and d.value == int(d.value) and d.low == d.high:
        _take_minor(text, d)
    if not d.unit and not d.is_pct:
        um = _UNIT_AFTER.match(after)
        if um and not any(
            w.lower() in lex.SUBJECT_STOP or w[0].isdigit() for w in um.group("adj").split()
        ):
            d.unit_noun = " ".join(um.group("unit").lower().split())
            d.unit, d.category = UNITS[d.unit_noun]
            d.end = end + um.end()
            adj = um.group("adj").strip()
            d.subject = " ".join(x for x in (adj, um.group("unit")) if x)
            kept = [w.lower() for w in adj.split() if w.lower() not in lex.PHRASE_STOP]
            # what is counted: the noun itself when its unit is as broad as "people"
            # ("230 prisoners" and "8,000 adults" are different measures)
            noun = d.unit if d.unit != "people" or d.unit_noun in lex.PEOPLE_NOUNS else d.unit_noun
            d.counted = " ".join((*kept, noun))
            more = _phrase(text, d.end, 3)
            if more:
                d.subject = f"{d.subject} {more}"
    if not d.unit and not d.is_pct and (counted or (d.value or 0) >= _LARGE):
        gm = _PLURAL_AFTER.match(after)
        if gm and not {gm.group("noun"), gm.group("mod")} & _NOT_COUNTED:
            d.unit_noun = d.unit = d.counted = gm.group("noun")
            d.category = "count"
            d.end = end + gm.end()
            noun = " ".join(gm.group().split())
            more = _phrase(text, d.end, 3)
            d.subject = f"{noun} {more}" if more else noun
    if not d.unit and not d.is_pct and counted:
        # "the number of troops ... to more than 300,000": the unit was named just before
        back = list(_UNIT_BEFORE.finditer(text, max(sent_start, d.start - 80), d.start))
        if back:
            d.unit_noun = " ".join(back[-1].group("unit").lower().split())
            d.unit, d.category = UNITS[d.unit_noun]
            d.subject = back[-1].group("unit")
    pm = _PER_AFTER.match(text, d.end)
    if pm and not (d.is_pct and pm.group("p0")):
        word = (pm.group("p0") or pm.group("p1") or pm.group("p2") or pm.group("p3")).lower()
        d.per = lex.PER_WORDS.get(word, word)
        d.end = pm.end()


def _take_minor(text: str, d: _Draft) -> None:
    """Add a minor-unit remainder to a whole main amount: "13 dollars and 45 cents" -> 13.45,
    "15 dollars 50" -> 15.5, "1 kuai and 5 mao 5" -> 1.55."""
    cur = money.currencies()
    ratios = sorted({m.ratio for m in cur.minors.values() if m.code == d.unit}, reverse=True)
    rm = _MINOR_AFTER.match(text, d.end)
    if not rm or not ratios or d.value is None:
        return
    n = to_float(rm.group("n")) if rm.group("n")[0].isdigit() else word_value(rm.group("n"))
    minor = cur.minors.get(money.key(rm.group("minor") or ""))
    if rm.group("minor") and (minor is None or minor.code != d.unit):
        return
    ratio = minor.ratio if minor else (0.01 if 0.01 in ratios else ratios[-1])
    if n * ratio >= 1:
        return
    value = d.value + n * ratio
    if rm.group("n2"):
        n2 = rm.group("n2")
        value += (float(n2) if n2.isdigit() else word_value(n2)) * ratio / 10
    d.value = d.low = d.high = round(value, 6)
    d.end = rm.end()


def _is_noise(g: dict[str, str | None], d: _Draft, qualifier: str | None) -> bool:
    """Numbers a data journalist would not compare: bare ids, years, social counts, "two
    officials"."""
    if not (d.is_money or d.is_pct or d.unit or d.scaled or qualifier):
        return True  # a bare number: ids, page numbers, years
    plain = g["num"] and not (d.is_money or d.is_pct or g["scale"] or g["num2"] or d.unit_noun)
    if plain and _YEAR.fullmatch(g["num"] or ""):
        return True
    scale = (g["scale"] or "").strip().lower()
    if scale in lex.SCALE_SHORT and not (d.is_money or d.unit_noun):
        return True  # "1.2k shares": social-media furniture, not reporting
    small = d.value is not None and d.value < 10
    return (
        small
        and not (d.is_money or d.is_pct or d.scaled or qualifier)
        and d.category not in ("countries", "measure")
    )  # "two officials", "one senior official", "two buildings"


def _money_context(text: str, d: _Draft, sentence: str) -> None:
    """The subject is what follows the amount ("$6.2 billion accounting error", "$43.9 billion
    on security assistance"); its head noun is what the money counts."""
    d.kind = FigureKind.MONEY
    at = d.end
    d.subject = _phrase(text, at, 3)
    if d.subject is None:
        om = _MONEY_PREPOSITION.match(text, d.end)
        at = om.end() if om else at
        d.subject = _phrase(text, at, 3) if om else None
    if d.subject is None:
        cue = _MONEY_SUBJECT.search(sentence)
        d.subject = cue.group().lower() if cue else None
        return
    d.counted = head_noun(d.subject)
    # "€50 billion in grants and loans" counts both: not the same measure as "€17 billion in grants"
    more = _COORDINATED.match(text, text.find(d.subject, at) + len(d.subject))
    if more and d.counted:
        d.counted = f"{d.counted} {more.group('c').lower()} {more.group('w').lower()}"


def _percent_context(
    text: str, g: dict[str, str | None], d: _Draft, match_end: int, sentence: str, sent_start: int
) -> bool:
    """Poll ("41% of Americans", a poll in the paragraph, "26% favoured") or a share of
    something ("20% of the land"); ``False`` for a fraction of something we do not compare."""
    of = _OF_AFTER.match(text, match_end)
    what = of.group("what").strip() if of else ""
    population = _POPULATION_OF.match(what) if what else None
    if population:
        d.kind, d.population = FigureKind.POLL, population.group()
        d.subject = " ".join(what.split()[:8])
        if g["frac"]:
            d.end = match_end + of.start("what") - of.start() + len(d.population)
        return True
    if (
        _POLL_STRONG.search(sentence)
        or _POLL_STRONG.search(text, context.line_start(text, sent_start), sent_start)
        or _POLL_VERB_AFTER.match(text, d.end)
    ):
        d.kind, d.subject = FigureKind.POLL, _phrase(text, d.end, 8)
        return True
    d.kind = FigureKind.SHARE
    if what:
        noun = _noun_phrase(_DETERMINER.sub("", what))
        if noun and head_noun(noun) in _TIME_NOUNS:
            noun = None  # "half of the time", "a third of the year"
        if g["frac"]:
            if not noun:
                return False  # "half of the time"
            d.end = match_end + of.start("what") - of.start() + what.find(noun) + len(noun)
        d.subject = noun or what.split(",")[0][:60]
        d.counted = head_noun(noun)
    elif g["frac"]:
        return False
    return True


def _noun_phrase(text: str) -> str | None:
    """The noun phrase at the start of ``text``: up to four words, ending before a verb-like word
    or a number ("my crew comes from" -> "my crew", "those aged 18" -> "those aged")."""
    phrase = _phrase(text, 0, 4)
    if not phrase:
        return None
    kept: list[str] = []
    for word in phrase.split():
        if word.lower() in _NOT_COUNTED or any(ch.isdigit() for ch in word):
            break
        kept.append(word)
    return " ".join(kept) or None


def _count_kind(d: _Draft, sentence: str) -> bool:
    """Kind of a count from its noun's category and the sentence's cues; ``False`` when
    nothing is counted."""
    casualty = bool(_CASUALTY_CUE.search(sentence))
    if d.category == "people" and casualty:
        d.kind = FigureKind.CASUALTIES
    elif d.category:
        d.kind = CATEGORY_KINDS[d.category]
    elif casualty and d.unit is None:
        d.kind, d.unit = FigureKind.CASUALTIES, "people"
    if d.kind == FigureKind.MEASURE and d.counted:
        d.counted = None  # "1,000 km" says how far, not of what: never compared on its own
    return not (d.unit is None and not d.scaled and d.kind == FigureKind.OTHER)
