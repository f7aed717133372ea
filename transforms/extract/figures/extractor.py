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

from transforms.extract.figures import rules as lex
from transforms.records import FigureMention
from transforms.text.patterns import alternation
from transforms.text.sentences import Sentences, split_sentences

LOGGER = logging.getLogger(__name__)

_I = re.IGNORECASE

# --------------------------------------------------------------------------- patterns

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SYM = (
    "(?:"
    + "|".join(re.escape(s) for s in sorted(lex.CURRENCY_SYMBOLS, key=len, reverse=True))
    + ")"
)
_CODE = alternation(lex.CURRENCY_CODES, boundary=True)
_NUMWORD = alternation(lex.NUMBER_WORDS, boundary=True)
_MULTWORD = alternation((*lex.MULTIPLIER_WORDS, "dozen"), boundary=True)
_WORDNUM = (
    rf"(?:\b(?:a|an)\s+(?:dozen|hundred|thousand|million|billion)\b|{_NUMWORD})"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{_NUMWORD}|{_MULTWORD}))*"
)
_SCALE = (
    rf"(?:\s*{alternation(lex.SCALE_LONG, boundary=True)}"
    rf"|\s?{alternation(lex.SCALE_SHORT, boundary=False)}(?![\w]))"
)
_PCT = r"(?:\s?%|\s+(?:percentage\s+points?|percent|per\s+cent)\b)"
_QUALS = alternation([q for q in lex.QUALIFIERS if q != "between"], boundary=True)

_FIGURE_RE = re.compile(
    rf"""
    (?<![\w/:+#@.,$€£₴₽¥&-])
    (?:(?P<btw>between)\s+|(?P<qual>{_QUALS})\s+)?
    (?:
        (?P<vague>{alternation(lex.VAGUE_AMOUNTS, boundary=True)})
      | (?P<frac>{alternation(lex.FRACTIONS, boundary=True)})(?=\s+of\b)
      | (?P<cur>{_SYM}\s?|{_CODE}\s?)?
        (?:
            (?P<num>{_NUM})(?![\d+]|[.,:]\d)
            (?:(?P<scale1>{_SCALE})?
               (?(btw)\s+and\s+|\s*(?:-|–|to\s)\s*){_SYM}?(?P<num2>{_NUM})(?![\d+]|[.,:]\d))?
          | (?P<words>{_WORDNUM})
        )
        (?P<scale>{_SCALE})?
        (?P<pct>{_PCT})?
    )
    (?![\w+]|[.,:]\d)
    """,
    re.VERBOSE | _I,
)

_SP = r"[^\S\n]+"  # what follows a number stays on its line ("Top 10\nCountries" is a heading)
_CUR_WORD_AFTER = re.compile(rf"{_SP}(?:of{_SP})?(?P<cw>{alternation(lex.CURRENCY_WORDS, boundary=True)})", _I)
_UNIT_ALT = alternation(lex.UNIT_NOUNS, boundary=True)
_UNIT_AFTER = re.compile(
    rf"(?:{_SP}of)?(?P<adj>(?:{_SP}(?!{_UNIT_ALT})[A-Za-z][\w’'.-]*){{0,2}}?){_SP}(?P<unit>{_UNIT_ALT})",
    _I,
)
_UNIT_BEFORE = re.compile(rf"(?P<unit>{_UNIT_ALT})", _I)
# "two years", "two full years"; not "400,000 this year" (a date for the figure, not a duration)
_NON_FIGURE_AFTER = re.compile(
    rf"(?:\s+(?!{alternation(lex.TIME_DETERMINERS, boundary=True)})[a-z]+)?\s+"
    rf"{alternation(lex.NON_FIGURE_NOUNS, boundary=True)}",
    _I,
)
_PER_AFTER = re.compile(
    rf"{_SP}(?:(?:per|a|an|each|every){_SP}(?P<p1>year|month|week|day|annum)\b"
    rf"|(?P<p2>annually|yearly|monthly|weekly|daily)\b)",
    _I,
)
_OF_AFTER = re.compile(r"\s+of\s+(?P<what>(?:[^,.;:!?()\n“”\"]|\.(?=\S)|(?<=\b[A-Z])\.){1,80})")
_MONTH_BEFORE = re.compile(rf"{alternation(lex.MONTHS, boundary=True)}\.?\s+(?:the\s+)?$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{alternation(lex.MONTHS, boundary=True)}\b")
# "20% of Ukraine", but not "half of Ukraine's power capacity"
_TERRITORY_OF = re.compile(rf"^{alternation(lex.TERRITORY_NOUNS, boundary=True)}(?![’']s\b)", _I)
# "up from 400,000": the number before named the unit
_COMPARED = re.compile(rf"\b{alternation(lex.COMPARISON_WORDS, boundary=True)}{_SP}$", _I)
_POPULATION_OF = re.compile(rf"^(?:all\s+)?{alternation(lex.POLL_POPULATIONS, boundary=True)}", _I)

_AID_CUE = re.compile(alternation(lex.AID_CUES, boundary=True), _I)
_POLL_STRONG = re.compile(alternation(lex.POLL_NOUNS, boundary=True), _I)
# "26% favoured opening talks", "48% of people say": a share of people holding a view
_POLL_VERB_AFTER = re.compile(
    rf"(?:\s+of\s+(?:the\s+)?{alternation(lex.POLL_SHARE_OF, boundary=True)})?\s+(?:also\s+)?"
    rf"{alternation(lex.POLL_VERBS, boundary=True)}"
)
_TERRITORY_CUE = re.compile(alternation(lex.TERRITORY_CUES, boundary=True), _I)
_CASUALTY_CUE = re.compile(alternation(lex.CASUALTY_CUES, boundary=True), _I)
_PRODUCTION_CUE = re.compile(alternation(lex.PRODUCTION_CUES, boundary=True), _I)

_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<who>[^,.;:”\"()\n]{2,80}?)(?=\s*[,.;:”\"()\n]|$)", _I
)
_ATTRIB_VERB = re.compile(alternation([v for v in lex.ATTRIBUTION_VERBS if v != "according"], boundary=True))
_NAME = rf"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|{alternation(lex.NAME_PARTICLES, boundary=True)})){{0,4}}"
_QUOTE_CREDIT = re.compile(
    rf"\s*[,–—-]?\s*(?:(?P<who>{_NAME}|(?:the|a|an|one)\s+[\w.’'\s-]{{2,40}}?)\s+"
    rf"{alternation(lex.ATTRIBUTION_VERBS, boundary=True)}"
    rf"|{alternation(lex.ATTRIBUTION_VERBS, boundary=True)}\s+(?P<who2>{_NAME}))"
)
_LEADING_NAME = re.compile(r"(?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w.’'-]*(?=\s+[a-z])")
_POLLSTER = re.compile(
    rf"(?P<p>(?!{alternation(lex.NOT_POLLSTERS, boundary=True)})[A-Z][\w&’'.-]*"
    r"(?:\s+(?:[A-Z][\w&’'.-]*|of|and|&))*?)\s+(?:poll|survey)\b"
    r"|\b(?:poll|survey)\s+(?:by|from|conducted\s+by|for)\s+(?:the\s+)?"
    r"(?P<q>[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*)"
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
            )
            for w in re.split(r"[\s-]+", phrase.lower())
            if w not in ("a", "an", "of") and not w[0].isdigit()
        }
        | {c.lower() for c in lex.CURRENCY_CODES}
    )
)
_CURRENCY_SIGNS = frozenset(s for s in lex.CURRENCY_SYMBOLS if len(s) == 1)
# Unanchored, case-sensitive and run on lower-cased text, so ``re`` can skip ahead to a possible
# first character instead of trying the pattern at every position.
_ANCHOR_RE = re.compile(r"[$€£₴₽¥]?\d|" + alternation(_ANCHOR_WORDS, boundary=False))
_QUALIFIER_WORDS = 3  # "no fewer than", "in excess of": the longest qualifiers
_CONTEXT = 1500  # how far a paragraph is searched for its poll, pollster or open quotation
_TOKEN_REACH = 300  # longest token (URL) looked at around a number
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_WORD_RE = re.compile(r"[\w’'.-]+")

_MONEY_PREPOSITION = re.compile(r"\s+(?:on|for|of|in)\s+")
_MULTIPLIER = re.compile(alternation(lex.SCALE_LONG, boundary=True), _I)  # "two million", not "two hundred"
_MONEY_SUBJECT = re.compile(alternation(lex.MONEY_SUBJECTS, boundary=True), _I)


# --------------------------------------------------------------------------- helpers


def _to_float(digits: str) -> float:
    return float(digits.replace(",", ""))


def _word_value(words: str) -> float:
    """Value of a written-out number: "two hundred thousand" -> 200000, "a dozen" -> 12."""
    total = 0.0
    current = 0.0
    for tok in re.split(r"[\s-]+", words.lower()):
        if tok in ("a", "an"):
            current = 1.0
        elif tok == "and" or not tok:
            continue
        elif tok == "dozen":
            current = max(current, 1.0) * 12
        elif tok == "hundred":
            current = max(current, 1.0) * 100
        elif tok in lex.MULTIPLIER_WORDS:
            total += max(current, 1.0) * lex.MULTIPLIER_WORDS[tok]
            current = 0.0
        else:
            current += lex.NUMBER_WORDS.get(tok, 0)
    return total + current


def _scale_factor(scale: str | None) -> float:
    if not scale:
        return 1.0
    key = scale.strip().lower()
    return lex.SCALE_LONG.get(key) or lex.SCALE_SHORT.get(key, 1.0)


def _currency(prefix: str | None) -> str | None:
    if not prefix:
        return None
    key = prefix.strip()
    return lex.CURRENCY_SYMBOLS.get(key) or (
        key.upper() if key.upper() in lex.CURRENCY_CODES else None
    )


def _bounds(value: float | None, qual_kind: str | None) -> tuple[float | None, float | None]:
    if value is None:
        return None, None
    if qual_kind == "low":
        return value, None
    if qual_kind == "high":
        return None, value
    if qual_kind == "approx":
        return None, None
    return value, value


def _attribution(sentence: str) -> str | None:
    """Who the sentence credits: "according to X" first, else the phrase before a cue verb."""
    m = _ACCORDING.search(sentence)
    if m:
        who = m.group("who").strip()
        if len(who.split()) <= 8:
            return who
    for v in _ATTRIB_VERB.finditer(sentence):
        left = sentence[: v.start()]
        cut = max(left.rfind(c) for c in ',;:“”"(—–')
        phrase = left[cut + 1 :].strip()
        words = phrase.split()
        while words and words[0].lower() in lex.ATTRIBUTION_STOP:
            words = words[1:]
        if words and words[-1].lower() in lex.ATTRIBUTION_NOT_BEFORE_VERB:
            continue  # "hadn't said", "an estimated" (a qualifier, not a speaker)
        if any(ch.isdigit() for ch in phrase):
            continue  # the phrase holds the figure itself: "Only 10% of respondents said"
        if 1 <= len(words) <= 6 and (
            words[0][0].isupper() or words[0].lower() in lex.ATTRIBUTION_OPENERS
        ):
            return " ".join(words)
    return None


def _claimant(text: str, pos: int, sentences: Sentences) -> str | None:
    """Who the figure at ``pos`` is credited to.

    A figure inside a quotation belongs to whoever the quotation is credited to after it closes
    ("... 500,000 people are dead,” Emerald Robinson said); otherwise the sentence's own
    attribution, with "he"/"she" taken from the sentence before (usually the one that names them).
    """
    line_start = _line_start(text, pos)
    line_end = _line_end(text, pos)
    before = text[line_start:pos]
    if before.count("“") > before.count("”") or before.count('"') % 2:
        close = min(
            (k for k in (text.find("”", pos, line_end), text.find('"', pos, line_end)) if k >= 0),
            default=-1,
        )
        if close >= 0:
            m = _QUOTE_CREDIT.match(text, close + 1, line_end)
            if m:
                return m.group("who") or m.group("who2")
    start, end = sentences.span(pos)
    who = _attribution(text[start:end])
    if who and who.lower() in lex.PRONOUNS:
        prev = sentences.previous(pos)
        prev_text = text[prev[0] : prev[1]] if prev else ""
        earlier = _attribution(prev_text)
        if earlier and earlier.lower() not in lex.PRONOUNS:
            return earlier
        named = _LEADING_NAME.match(prev_text)  # "General Oleh Tkach spoke ... He estimated"
        return named.group() if named else None  # an unresolved "he" credits nobody
    return who


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
    for m in _candidates(text):
        if m.start() < last_end or _in_url(text, m.start()):
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
    (digits, currency signs, number words found with ``str.find``) are located first and the
    pattern is matched at the anchor and at the few words before it (where a qualifier sits).
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a case mapping changed length: offsets would drift
        yield from _FIGURE_RE.finditer(text)
        return
    anchors: list[int] = []
    n = len(lowered)
    for m in _ANCHOR_RE.finditer(lowered):
        i, j = m.span()
        whole_word = (i == 0 or not lowered[i - 1].isalnum()) and (
            j >= n or not lowered[j].isalnum()
        )
        if whole_word or not lowered[i].isalpha():  # digits and signs need no boundary
            anchors.append(i)
    reached = -1
    for a in anchors:
        if a < reached:
            continue
        for start in _starts_before(text, a, reached):
            m = _FIGURE_RE.match(text, start)
            if m and m.start() <= a < m.end():
                reached = m.end()
                yield m
                break


def _starts_before(text: str, anchor: int, floor: int) -> list[int]:
    """Where a match covering ``anchor`` may start, earliest first.

    That is the anchor, the rest of the token it sits in ("US$5", "*A") and the tokens of up to
    ``_QUALIFIER_WORDS`` words before it: every letter, digit or sign after a separator counts.
    """
    starts = [anchor]
    i = anchor
    words = 0
    while words < _QUALIFIER_WORDS:
        j = i - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if j < floor:
            break
        if j < i - 1:
            words += 1  # a whole word before the anchor's token (not the token itself)
        k = j
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        starts.extend(
            p
            for p in range(j, max(k, floor) - 1, -1)
            if (text[p].isalnum() or text[p] in _CURRENCY_SIGNS)
            and (p == k or not text[p - 1].isalnum())
        )
        if k <= floor:
            break
        i = k
    return starts[::-1]


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


def _line_start(text: str, pos: int) -> int:
    """Start of the paragraph holding ``pos``, looking back at most ``_CONTEXT`` characters so a
    text without line breaks does not make every figure rescan it."""
    lo = max(0, pos - _CONTEXT)
    k = text.rfind("\n", lo, pos)
    return k + 1 if k >= 0 else lo


def _line_end(text: str, pos: int) -> int:
    hi = min(len(text), pos + _CONTEXT)
    k = text.find("\n", pos, hi)
    return k if k >= 0 else hi


@dataclass(slots=True)
class _Draft:
    """A figure being built from one match: each step below fills or rejects part of it."""

    start: int
    end: int  # grows as the unit noun and rate are taken in
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_noun: str | None = None  # the noun as written, lower-cased ("lives", "soldiers")
    is_pct: bool = False
    scaled: bool = False  # a scale word or vague amount ("million", "tens of thousands")
    kind: str = "other"
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
    d = _amount(g, m.start(), m.end(), lex.QUALIFIERS.get(qualifier) if qualifier else None)
    if d is None or _is_not_a_figure(text, g, d):
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
    ):
        d.unit, d.subject, d.per = previous.unit, previous.subject, d.per or previous.per
    is_money = d.unit in lex.CURRENCY_CODES
    if d.is_pct:
        d.unit = "percentage points" if "point" in (g["pct"] or "").lower() else "percent"
    if _is_noise(g, d, is_money, qualifier):
        return None
    if is_money:
        _money_context(text, d, sentence, sentences)
    elif d.is_pct:
        if not _percent_context(text, g, d, m.end(), sentence, sent_start):
            return None
        if d.kind == "poll" and d.population is None:
            d.population = last_population.get(_line_start(text, d.start))
    elif not _count_kind(d, sentence):
        return None
    pollster = None
    if d.kind == "poll":
        para_start = _line_start(text, d.start)
        for pm in _POLLSTER.finditer(text, para_start, sent_end):
            pollster = pm.group("p") or pm.group("q")
        if d.population:
            last_population[para_start] = d.population
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
        attributed_to=_claimant(text, d.start, sentences) or pollster,
        sentence=sentence,
        per=d.per,
        population=d.population,
        pollster=pollster,
    )


def _amount(g: dict[str, str | None], start: int, end: int, qual_kind: str | None) -> _Draft | None:
    """Value and bounds from the matched number, following the module's conventions."""
    d = _Draft(start, end, unit=_currency(g["cur"]), is_pct=bool(g["pct"]))
    scale = g["scale"]
    d.scaled = bool(g["vague"] or scale)
    if g["vague"]:
        d.low, d.high = lex.VAGUE_AMOUNTS[" ".join(g["vague"].lower().split())]
        if qual_kind == "low":
            d.high = None
        elif qual_kind == "high":
            d.low = None
        return d
    if g["frac"]:
        d.value = lex.FRACTIONS[" ".join(g["frac"].lower().split())]
        d.is_pct = True
    elif g["words"]:
        d.value = _word_value(g["words"]) * _scale_factor(scale)
        d.scaled = d.scaled or bool(_MULTIPLIER.search(g["words"]))
    else:
        factor = _scale_factor(scale)
        d.value = _to_float(g["num"]) * _scale_factor(g["scale1"] or scale)
        if g["num2"]:
            second = _to_float(g["num2"]) * factor
            if second < d.value:  # "2-3 million" scales both; "1,000-2" is not a range
                return None
            d.low, d.high, d.value = d.value, second, None
            return d
    d.low, d.high = _bounds(d.value, qual_kind)
    return d


def _is_not_a_figure(text: str, g: dict[str, str | None], d: _Draft) -> bool:
    """Dates, ages, compounds and durations, told from the characters around the number."""
    start, end = d.start, d.end
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha():
        return True  # "500-character", "one-on-one"
    after = text[end : end + 120]
    if g["num"] and not (d.unit or d.is_pct or g["scale"]):
        if _MONTH_BEFORE.search(text[max(0, start - 16) : start]) or _MONTH_AFTER.match(after):
            return True  # "November 4, 2023", "4 November"
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            return True  # "Volodymyr Zelenskyj (44)"
    return (
        not (d.unit or d.is_pct)
        and not _PER_AFTER.match(after)
        and bool(_NON_FIGURE_AFTER.match(after))
    )  # "two years", "five points"


def _take_unit(text: str, d: _Draft, sent_start: int, *, counted: bool) -> None:
    """The currency word or count noun after the number (or, for a hedged amount with none, the
    count noun just before it), then a rate period ("per year")."""
    end = d.end
    after = text[end : end + 120]
    if not d.unit and not d.is_pct:
        cm = _CUR_WORD_AFTER.match(after)
        if cm:
            d.unit = lex.CURRENCY_WORDS[" ".join(cm.group("cw").lower().split())]
            d.end = end + cm.end()
    if not d.unit and not d.is_pct:
        um = _UNIT_AFTER.match(after)
        if um and not any(
            w.lower() in lex.SUBJECT_STOP or w[0].isdigit() for w in um.group("adj").split()
        ):
            d.unit_noun = " ".join(um.group("unit").lower().split())
            d.unit = lex.UNIT_NOUNS[d.unit_noun]
            d.end = end + um.end()
            adj = um.group("adj").strip()
            d.subject = " ".join(x for x in (adj, um.group("unit")) if x)
            more = _phrase(text, d.end, 3)
            if more:
                d.subject = f"{d.subject} {more}"
    if not d.unit and not d.is_pct and counted:
        # "the number of troops ... to more than 300,000": the unit was named just before
        back = list(_UNIT_BEFORE.finditer(text, max(sent_start, d.start - 80), d.start))
        if back:
            d.unit_noun = " ".join(back[-1].group("unit").lower().split())
            d.unit = lex.UNIT_NOUNS[d.unit_noun]
            d.subject = back[-1].group("unit")
    pm = _PER_AFTER.match(text, d.end)
    if pm:
        d.per = lex.PER_WORDS[(pm.group("p1") or pm.group("p2")).lower()]
        d.end = pm.end()


def _is_noise(g: dict[str, str | None], d: _Draft, is_money: bool, qualifier: str | None) -> bool:
    """Numbers a data journalist would not compare: bare ids, years, social counts, "two
    officials"."""
    if not (is_money or d.is_pct or d.unit or d.scaled or qualifier):
        return True  # a bare number: ids, page numbers, years
    plain = g["num"] and not (is_money or d.is_pct or g["scale"] or g["num2"] or d.unit_noun)
    if plain and _YEAR.fullmatch(g["num"] or ""):
        return True
    scale = (g["scale"] or "").strip().lower()
    if scale in lex.SCALE_SHORT and not (is_money or d.unit_noun):
        return True  # "1.2k shares": social-media furniture, not reporting
    small = d.value is not None and d.value < 10
    return (
        small and not (is_money or d.is_pct or d.scaled) and d.unit in (None, "people", "troops")
    )  # "two officials", "one senior official"


def _money_context(text: str, d: _Draft, sentence: str, sentences: Sentences) -> None:
    """Aid or spending when the sentence (or the one before) talks of aid; the subject is what
    follows the amount ("$6.2 billion accounting error", "$43.9 billion on security assistance")."""
    prev = sentences.previous(d.start)
    cued = _AID_CUE.search(sentence) or (prev and _AID_CUE.search(text[prev[0] : prev[1]]))
    d.kind = "aid" if cued else "other"
    d.subject = _phrase(text, d.end, 3)
    if d.subject is None:
        om = _MONEY_PREPOSITION.match(text, d.end)
        d.subject = _phrase(text, om.end(), 3) if om else None
    if d.subject is None:
        cue = _MONEY_SUBJECT.search(sentence)
        d.subject = cue.group().lower() if cue else None


def _percent_context(
    text: str, g: dict[str, str | None], d: _Draft, match_end: int, sentence: str, sent_start: int
) -> bool:
    """Territory ("20% of Ukraine"), poll ("41% of Americans", a poll in the paragraph, "26%
    favoured") or other; ``False`` for a fraction of something we do not compare."""
    of = _OF_AFTER.match(text, match_end)
    what = of.group("what").strip() if of else ""
    territory = _TERRITORY_OF.match(what) if what else None
    population = _POPULATION_OF.match(what) if what else None
    if g["frac"] and not (territory or population):
        return False  # "half of the time"
    if territory:
        d.kind, d.subject = "territory", territory.group()
        if g["frac"]:
            d.end = match_end + of.start("what") - of.start() + len(d.subject)
    elif population:
        d.kind, d.population = "poll", population.group()
        d.subject = " ".join(what.split()[:8])
        if g["frac"]:
            d.end = match_end + of.start("what") - of.start() + len(d.population)
    elif (
        _POLL_STRONG.search(sentence)
        or _POLL_STRONG.search(text, _line_start(text, sent_start), sent_start)
        or _POLL_VERB_AFTER.match(text, d.end)
    ):
        d.kind, d.subject = "poll", _phrase(text, d.end, 8)
    elif _TERRITORY_CUE.search(sentence):
        d.kind = "territory"
    return True


def _count_kind(d: _Draft, sentence: str) -> bool:
    """Kind of a count from its unit and the sentence's cues; ``False`` when nothing is counted."""
    casualty = bool(_CASUALTY_CUE.search(sentence))
    if d.unit == "countries":
        d.kind = "countries"
    elif d.unit_noun in lex.CASUALTY_UNITS:
        d.kind = "casualties"
    elif d.unit in lex.TROOP_UNITS:
        d.kind = "casualties" if casualty else "troops"
    elif d.unit in lex.MUNITION_UNITS:
        d.kind = "production" if _PRODUCTION_CUE.search(sentence) else "other"
    elif casualty and d.unit in (None, "people"):
        d.kind, d.unit = "casualties", "people"
    return not (d.unit is None and not d.scaled and d.kind == "other")  # "more than 300" alone
