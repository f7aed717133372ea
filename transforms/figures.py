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
* ``unit``: ISO 4217 code for money, ``"percent"``, or a canonical count noun ("people",
  "troops", "countries", "shells", "rounds", ...); ``None`` when nothing says what is counted.
* Not figures: years, dates, times, ordinals, ages in parentheses, numbers inside URLs or ids,
  phone numbers, hyphenated compounds ("500-character"), model names ("5+1"), durations ("two
  years") and single-digit counts of people ("two officials"): a data journalist compares none.
* ``per`` holds the period of a rate ("2 million shells per year" -> "year").

Everything is one compiled regex pass plus look-ups in the figure's sentence, so it is fast.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from transforms import figure_lexicon as lex
from transforms.records import FigureMention

LOGGER = logging.getLogger(__name__)

_I = re.IGNORECASE

# --------------------------------------------------------------------------- patterns

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SYM = (
    "(?:"
    + "|".join(re.escape(s) for s in sorted(lex.CURRENCY_SYMBOLS, key=len, reverse=True))
    + ")"
)
_CODE = lex.alternation(lex.CURRENCY_CODES)
_NUMWORD = lex.alternation(lex.NUMBER_WORDS)
_MULTWORD = lex.alternation((*lex.MULTIPLIER_WORDS, "dozen"))
_WORDNUM = (
    rf"(?:\b(?:a|an)\s+(?:dozen|hundred|thousand|million|billion)\b|{_NUMWORD})"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{_NUMWORD}|{_MULTWORD}))*"
)
_SCALE = (
    rf"(?:\s*{lex.alternation(lex.SCALE_LONG)}"
    rf"|\s?{lex.alternation(lex.SCALE_SHORT, boundary=False)}(?![\w]))"
)
_PCT = r"(?:\s?%|\s+(?:percentage\s+points?|percent|per\s+cent)\b)"
_QUALS = lex.alternation([q for q in lex.QUALIFIERS if q != "between"])

_FIGURE_RE = re.compile(
    rf"""
    (?<![\w/:+#@.,$€£₴₽¥&-])
    (?:(?P<btw>between)\s+|(?P<qual>{_QUALS})\s+)?
    (?:
        (?P<vague>{lex.alternation(lex.VAGUE_AMOUNTS)})
      | (?P<frac>{lex.alternation(lex.FRACTIONS)})(?=\s+of\b)
      | (?P<cur>{_SYM}\s?|{_CODE}\s?)?
        (?:
            (?P<num>{_NUM})(?![\d+]|[.,:]\d)
            (?:(?(btw)\s+and\s+|\s*(?:-|–|to\s)\s*){_SYM}?(?P<num2>{_NUM})(?![\d+]|[.,:]\d))?
          | (?P<words>{_WORDNUM})
        )
        (?P<scale>{_SCALE})?
        (?P<pct>{_PCT})?
    )
    (?![\w+]|[.,:]\d)
    """,
    re.VERBOSE | _I,
)

_CUR_WORD_AFTER = re.compile(rf"\s+(?:of\s+)?(?P<cw>{lex.alternation(lex.CURRENCY_WORDS)})", _I)
_UNIT_ALT = lex.alternation(lex.UNIT_NOUNS)
_UNIT_AFTER = re.compile(
    rf"(?:\s+of)?(?P<adj>(?:\s+(?!{_UNIT_ALT})[A-Za-z][\w’'.-]*){{0,2}}?)\s+(?P<unit>{_UNIT_ALT})",
    _I,
)
_UNIT_BEFORE = re.compile(rf"(?P<unit>{_UNIT_ALT})", _I)
_NON_FIGURE_AFTER = re.compile(rf"(?:\s+[a-z]+)?\s+{lex.alternation(lex.NON_FIGURE_NOUNS)}", _I)
_PER_AFTER = re.compile(
    r"\s+(?:(?:per|a|an|each|every)\s+(?P<p1>year|month|week|day|annum)\b"
    r"|(?P<p2>annually|yearly|monthly|weekly|daily)\b)",
    _I,
)
_OF_AFTER = re.compile(r"\s+of\s+(?P<what>(?:[^,.;:!?()\n“”\"]|\.(?=\S)|(?<=\b[A-Z])\.){1,80})")
_MONTH_BEFORE = re.compile(rf"{lex.alternation(lex.MONTHS)}\.?\s+(?:the\s+)?$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{lex.alternation(lex.MONTHS)}\b")
_TERRITORY_OF = re.compile(rf"^{lex.alternation(lex.TERRITORY_NOUNS)}", _I)
_POPULATION_OF = re.compile(rf"^(?:all\s+)?{lex.alternation(lex.POLL_POPULATIONS)}", _I)

_AID_CUE = re.compile(lex.alternation(lex.AID_CUES), _I)
_POLL_STRONG = re.compile(r"\b(?:polls?|survey(?:ed)?|respondents|polled)\b", _I)
# "26% favoured opening talks", "48% of people say": a share of people holding a view
_POLL_VERB_AFTER = re.compile(
    rf"(?:\s+of\s+(?:the\s+)?(?:people|those|them|us|adults|voters)\b)?\s+(?:also\s+)?"
    rf"{lex.alternation(lex.POLL_VERBS)}"
)
_TERRITORY_CUE = re.compile(lex.alternation(lex.TERRITORY_CUES), _I)
_CASUALTY_CUE = re.compile(lex.alternation(lex.CASUALTY_CUES), _I)
_PRODUCTION_CUE = re.compile(lex.alternation(lex.PRODUCTION_CUES), _I)

_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<who>[^,.;:”\"()\n]{2,80}?)(?=\s*[,.;:”\"()\n]|$)", _I
)
_ATTRIB_VERB = re.compile(lex.alternation([v for v in lex.ATTRIBUTION_VERBS if v != "according"]))
_NAME = r"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|of|the|de|von|van|al)){0,4}"
_QUOTE_CREDIT = re.compile(
    rf"\s*[,–—-]?\s*(?:(?P<who>{_NAME}|(?:the|a|an|one)\s+[\w.’'\s-]{{2,40}}?)\s+"
    rf"{lex.alternation(lex.ATTRIBUTION_VERBS)}"
    rf"|{lex.alternation(lex.ATTRIBUTION_VERBS)}\s+(?P<who2>{_NAME}))"
)
_LEADING_NAME = re.compile(r"(?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w.’'-]*(?=\s+[a-z])")
_POLLSTER = re.compile(
    r"(?P<p>(?!(?:A|An|The|This|That|New|Latest|Its|His|Her)\b)[A-Z][\w&’'.-]*"
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
_ANCHOR_RE = re.compile(r"[$€£₴₽¥]?\d|" + lex.alternation(_ANCHOR_WORDS, boundary=False))
_QUALIFIER_WORDS = 3  # "no fewer than", "in excess of": the longest qualifiers
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_WORD_RE = re.compile(r"[\w’'.-]+")
_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n\s*")
_ABBREV = frozenset(lex.ABBREVIATIONS)

_PHRASE_STOP = frozenset({"per", "left", "later", "ago", "more", "earlier", "each", "every", "a"})
_MONEY_WORDS = ("money", "aid", "assistance", "funding", "package", "budget", "loan", "grant")


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True, slots=True)
class _Sentences:
    """Sentence spans of a text, for bisecting a figure's offset to its sentence."""

    starts: list[int]
    ends: list[int]

    def span(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.starts[i], self.ends[i]

    def previous(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.starts, pos) - 2
        return (self.starts[i], self.ends[i]) if i >= 0 else None


def _split_sentences(text: str) -> _Sentences:
    """Cheap sentence spans: ends at .!? before a capital or at a newline, abbreviations kept."""
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.group().strip() and not m.group().startswith("\n"):
            word_start = text.rfind(" ", 0, m.start()) + 1
            token = text[word_start : m.start() + 1]
            if token in _ABBREV or re.fullmatch(r"[A-Z]\.", token):
                continue
        end = m.end() if not m.group().startswith("\n") else m.start()
        _add_span(text, pos, end, starts, ends)
        pos = m.end()
    _add_span(text, pos, len(text), starts, ends)
    if not starts:
        starts, ends = [0], [len(text)]
    return _Sentences(starts, ends)


def _add_span(text: str, start: int, end: int, starts: list[int], ends: list[int]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        starts.append(start)
        ends.append(end)


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
        if words and words[-1].lower() in ("has", "had", "hadn’t", "hadn't", "also", "have", "an"):
            continue  # "hadn't said", "an estimated" (a qualifier, not a speaker)
        if any(ch.isdigit() for ch in phrase):
            continue  # the phrase holds the figure itself: "Only 10% of respondents said"
        if 1 <= len(words) <= 6 and (
            words[0][0].isupper()
            or words[0].lower()
            in (
                "the",
                "a",
                "an",
                "one",
                "two",
                "three",
                "some",
                "he",
                "she",
                "they",
                "officials",
            )
        ):
            return " ".join(words)
    return None


def _claimant(text: str, pos: int, sentences: _Sentences) -> str | None:
    """Who the figure at ``pos`` is credited to.

    A figure inside a quotation belongs to whoever the quotation is credited to after it closes
    ("... 500,000 people are dead,” Emerald Robinson said); otherwise the sentence's own
    attribution, with "he"/"she" taken from the sentence before (usually the one that names them).
    """
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
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
        if word.lower() in lex.SUBJECT_STOP or word.lower() in _PHRASE_STOP or not word:
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
    sentences: _Sentences | None = None
    out: list[FigureMention] = []
    last_end = -1
    last_population: dict[int, str] = {}
    for m in _candidates(text):
        if m.start() < last_end or _in_url(text, m.start()):
            continue
        if sentences is None:
            sentences = _split_sentences(text)
        fig = _figure(text, m, sentences, last_population)
        if fig is not None:
            out.append(fig)
            last_end = fig.end
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
    left = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    right = len(text)
    for sep in (" ", "\n"):
        k = text.find(sep, pos)
        if 0 <= k < right:
            right = k
    token = text[left:right]
    return "://" in token or "www." in token or "@" in token


def _figure(
    text: str, m: re.Match[str], sentences: _Sentences, last_population: dict[int, str]
) -> FigureMention | None:
    """Normalise one regex match, or ``None`` when it is not a figure worth a row."""
    g = m.groupdict()
    start, end = m.start(), m.end()
    qual_text = g["qual"] or g["btw"]
    qualifier = " ".join(qual_text.lower().split()) if qual_text else None
    qual_kind = lex.QUALIFIERS.get(qualifier) if qualifier else None
    after = text[end : end + 120]
    before = text[max(0, start - 16) : start]
    sent_start, sent_end = sentences.span(start)
    sentence = text[sent_start:sent_end]

    unit: str | None = _currency(g["cur"])
    value: float | None = None
    low: float | None = None
    high: float | None = None
    is_pct = bool(g["pct"])
    scale = g["scale"]
    vague_or_scaled = bool(g["vague"] or scale)

    if g["vague"]:
        key = " ".join(g["vague"].lower().split())
        low, high = lex.VAGUE_AMOUNTS[key]
        if qual_kind == "low":
            high = None
        elif qual_kind == "high":
            low = None
    elif g["frac"]:
        value = lex.FRACTIONS[" ".join(g["frac"].lower().split())]
        is_pct = True
    elif g["words"]:
        value = _word_value(g["words"]) * _scale_factor(scale)
        if re.search(r"thousand|million|billion|trillion", g["words"], _I):
            vague_or_scaled = True
    else:
        factor = _scale_factor(scale)
        first = _to_float(g["num"]) * factor
        if g["num2"]:
            second = _to_float(g["num2"]) * factor
            if second < first:  # "2-3 million" scales both; "1,000-2" is not a range
                return None
            low, high, value = first, second, None
        else:
            value = first
    if value is not None and not g["vague"] and not g["num2"]:
        low, high = _bounds(value, qual_kind)

    # ---- not figures
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha():
        return None  # "500-character", "one-on-one"
    if g["num"] and not (unit or is_pct or scale):
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            return None  # "November 4, 2023", "4 November"
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            return None  # "Volodymyr Zelenskyj (44)"
    if not (unit or is_pct) and not _PER_AFTER.match(after) and _NON_FIGURE_AFTER.match(after):
        return None  # "two years", "five points"

    # ---- unit after the number
    per: str | None = None
    subject: str | None = None
    population: str | None = None
    tail = end
    unit_noun: str | None = None
    if not unit and not is_pct:
        cm = _CUR_WORD_AFTER.match(after)
        if cm:
            unit = lex.CURRENCY_WORDS[" ".join(cm.group("cw").lower().split())]
            tail = end + cm.end()
    if not unit and not is_pct:
        um = _UNIT_AFTER.match(after)
        if um and not any(
            w.lower() in lex.SUBJECT_STOP or w[0].isdigit() for w in um.group("adj").split()
        ):
            unit_noun = " ".join(um.group("unit").lower().split())
            unit = lex.UNIT_NOUNS[unit_noun]
            tail = end + um.end()
            adj = um.group("adj").strip()
            subject = " ".join(x for x in (adj, um.group("unit")) if x)
            more = _phrase(text, tail, 3)
            if more:
                subject = f"{subject} {more}"
    if not unit and not is_pct and (qualifier or vague_or_scaled):
        # "the number of troops ... to more than 300,000": the unit was named just before
        back = [u for u in _UNIT_BEFORE.finditer(text, max(sent_start, start - 80), start)]
        if back:
            unit_noun = " ".join(back[-1].group("unit").lower().split())
            unit = lex.UNIT_NOUNS[unit_noun]
            subject = back[-1].group("unit")
    pm = _PER_AFTER.match(text, tail)
    if pm:
        per = lex.PER_WORDS[(pm.group("p1") or pm.group("p2")).lower()]
        tail = pm.end()

    is_money = unit in lex.CURRENCY_CODES
    if is_pct:
        points = g["pct"] and "point" in g["pct"].lower()
        unit = "percentage points" if points else "percent"
    bare = not (is_money or is_pct or unit or vague_or_scaled)
    if bare and not qualifier:
        return None  # a bare number: ids, page numbers, years
    plain = g["num"] and not (is_money or is_pct or scale or g["num2"] or unit_noun)
    if plain and _YEAR.fullmatch(g["num"]):
        return None  # a year
    if scale and scale.strip().lower() in lex.SCALE_SHORT and not (is_money or unit_noun):
        return None  # "1.2k shares": social-media furniture, not reporting
    small = value is not None and value < 10
    if small and not (is_money or is_pct or vague_or_scaled) and unit in (None, "people", "troops"):
        return None  # "two officials", "one senior official"

    # ---- kind
    of = _OF_AFTER.match(text, end)
    kind = "other"
    if is_money:
        prev = sentences.previous(start)
        cued = _AID_CUE.search(sentence) or (prev and _AID_CUE.search(text[prev[0] : prev[1]]))
        kind = "aid" if cued else "other"
        tail_phrase = _phrase(text, tail, 3)
        if tail_phrase:
            subject = tail_phrase
        else:
            om = re.match(r"\s+(?:on|for|of|in)\s+", text[tail:])
            subject = _phrase(text, tail + om.end(), 3) if om else None
        if subject is None:
            cue = next((w for w in _MONEY_WORDS if re.search(rf"\b{w}\b", sentence, _I)), None)
            subject = cue
    elif is_pct:
        what = of.group("what").strip() if of else ""
        if g["frac"] and not (_TERRITORY_OF.match(what) or _POPULATION_OF.match(what)):
            return None  # "half of the time": a fraction that measures nothing we compare
        if what and _TERRITORY_OF.match(what):
            kind = "territory"
            subject = _TERRITORY_OF.match(what).group()
            if g["frac"]:
                tail = end + of.start("what") - of.start() + len(subject)
        elif what and _POPULATION_OF.match(what):
            kind = "poll"
            population = _POPULATION_OF.match(what).group()
            subject = " ".join(what.split()[:8])
            if g["frac"]:
                tail = end + of.start("what") - of.start() + len(population)
        elif (
            _POLL_STRONG.search(sentence)
            or _POLL_STRONG.search(text[text.rfind("\n", 0, sent_start) + 1 : sent_start])
            or _POLL_VERB_AFTER.match(text, tail)
        ):
            kind = "poll"
            subject = _phrase(text, tail, 8)
        elif _TERRITORY_CUE.search(sentence):
            kind = "territory"
        if kind == "poll" and population is None:
            population = last_population.get(text.rfind("\n", 0, start))
    else:
        casualty = bool(_CASUALTY_CUE.search(sentence))
        if unit == "countries":
            kind = "countries"
        elif unit_noun in lex.CASUALTY_UNITS:
            kind = "casualties"
        elif unit in lex.TROOP_UNITS:
            kind = "casualties" if casualty else "troops"
        elif unit in lex.MUNITION_UNITS:
            kind = "production" if _PRODUCTION_CUE.search(sentence) else "other"
        elif casualty and unit in (None, "people"):
            kind = "casualties"
            unit = "people"
        if unit is None and not vague_or_scaled and kind == "other":
            return None  # "more than 300" with nothing measured and no context

    pollster = None
    if kind == "poll":
        para_start = text.rfind("\n", 0, start) + 1
        found = None
        for pm2 in _POLLSTER.finditer(text, para_start, sent_end):
            found = pm2.group("p") or pm2.group("q")
        pollster = found
        if population:
            last_population[para_start - 1] = population

    surface = text[start:tail]
    return FigureMention(
        start=start,
        end=tail,
        text=surface,
        value=value,
        low=low,
        high=high,
        unit=unit,
        qualifier=qualifier,
        kind=kind,
        subject=subject,
        attributed_to=_claimant(text, start, sentences) or pollster,
        sentence=sentence,
        per=per,
        population=population,
        pollster=pollster,
    )
