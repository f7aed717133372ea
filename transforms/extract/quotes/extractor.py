"""Quotations and their speakers: who said what, in which words.

Regex-driven on purpose: one pass pairs quote marks paragraph by paragraph (so an unbalanced
mark can never swallow the rest of an article), one pass over cue verbs ("said", "wrote", ...)
finds who speaks, and pronouns or role nouns ("he", "the finance minister") are resolved to
the most recent fitting named person.  Names come only from the entity mentions passed in
(canonical names, organisation types): a speaker no mention covers stays unknown.

One quotation is one record: a quote split by its attribution ("“A,” X said. “B.”") or run over
paragraphs keeps each quoted piece's offsets in ``segments``; its ``text`` is the pieces' words
joined by one space (what the speaker said, never the reporter's words between them) and
``start``/``end`` span the whole.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from transforms.extract.quotes.kinds import SpeakerKind, SpeakerType
from transforms.extract.quotes.marks import DOUBLE, MARK_RE, Span, inner, pair_marks, paragraphs_of
from transforms.extract.quotes.rules import (
    ABBREVIATIONS,
    ADVERBS,
    CUE_VERBS,
    DEFINITE_DETERMINERS,
    INDEFINITE_DETERMINERS,
    INDIRECT_CUES,
    NAME_GENDER,
    NAME_PARTICLES,
    NAMING_CUES,
    ORG_INTRODUCERS,
    OUTLET_NOUNS,
    PARTICIPLE_CUES,
    PRONOUN_GENDER,
    PRONOUNS,
    ROLE_NOUNS,
    ROLE_SYNONYMS,
    SOURCE_CUES,
    THOUGHT_CUES,
    TITLE_NOUNS,
    TITLE_SMALL_WORDS,
    TITLES,
    alternation,
)
from transforms.records import EntityMention, QuoteMention

LOGGER = logging.getLogger(__name__)

MAX_QUOTE_CHARS = 1500  # a longer "quote" is a stray mark: dropped, never swallowing text
MIN_WORDS = 3  # one- or two-word quotes are scare quotes ("stalemate"), not speech
SCARE_WORDS = 3  # ... and so are unattributed fragments this short inside a sentence
SUBHEAD_WORDS = 8  # a quote in single marks this short opening its paragraph may head it
PRONOUN_WINDOW = 3000  # how far back (chars) a pronoun may find its person
ORG_WINDOW = 1000  # how far back "the charity" may find the organisation that spoke
SUBJECT_WINDOW = 250  # a speaker phrase, appositives included, ends this close to its cue
SENTENCE_WINDOW = 600  # longest stretch (chars) treated as one sentence when looking around
POST_CUE_WINDOW = 100  # how far after a closing mark the cue may sit ("..., X Y said")

_SENT_END_RE = re.compile(r"[.!?…][\"”’»“)\]]*\s+(?=[\"“‘«„‹'(\[]?[A-Z0-9])")
_INITIAL_RE = re.compile(r"(?:\W*[A-Z]\.)+")
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_TOKEN_RE = re.compile(r"[\w’'.\-]+")

# Not inside a hyphenated word ("a so-called fuel", "a self-described fan").
_CUE_RE = re.compile(r"(?<![\w-])" + alternation(CUE_VERBS) + r"\b")
# Cues as they are found before their speaker too: capitalised at a sentence start ("According
# to the agency, ...", "Said Brook: ...").  Only the cue scan and the look-back before a quote
# use it; after a quote a capitalised cue opens a new sentence ("Asked about it, X said").
_ANY_CUE_RE = re.compile(
    r"(?<![\w-])" + alternation(CUE_VERBS | {c[:1].upper() + c[1:] for c in CUE_VERBS}) + r"\b"
)
_WHEN_WHERE = (
    r"(?:(?:on|in|at|earlier|last|this|late|during)\s+(?:(?:a|an|the)\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?"
)
_INDIRECT_THAT_RE = re.compile(
    r"\s+(?:(?:reporters|journalists|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+)?"
    + _WHEN_WHERE
    + r"that\s+"
)
_TOLD_THAT_RE = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their)\s+)?[\w-]+(?:\s+[A-Z][\w-]*)?\s+" + _WHEN_WHERE + r"that\s+"
)
_OBJECT_CUES = frozenset({"told", "tells", "warned", "assured", "reminded", "informed"})
_ADVERB_TAIL_RE = re.compile(
    r"(?:[\s,]+(?:(?i:" + alternation(ADVERBS) + r")|[a-z]+ly))+\s*$"  # "Reyes jokingly said"
)
_PRONOUN_TAIL_RE = re.compile(
    r"(?<![\w’'])(" + alternation(PRONOUNS | {"I"}) + r")\s*$", re.IGNORECASE
)
_NAME_WORD = r"(?:[A-Z][\w’'.\-]*|" + alternation(NAME_PARTICLES) + r"\b)"
_SP = r"[ \u00a0]+"  # names never run across a line break
_NAME_TAIL_RE = re.compile(r"(?<![\w’'.\-])((?:" + _NAME_WORD + _SP + r"){0,6}[A-Z][\w’'.\-]*)\s*$")
_NAME_HEAD_RE = re.compile(r"^((?:[A-Z][\w’'.\-]*)(?:" + _SP + _NAME_WORD + r"){0,6})")
_TITLE_BEFORE_RE = re.compile(
    r"\b" + alternation(TITLE_NOUNS) + r"[\s,:]*(?:(?:called|named)\s+)?$", re.IGNORECASE
)
_CITING_RE = re.compile(r"\s*Citing" + _SP + r"((?:" + _NAME_WORD + _SP + r"){0,4}[A-Z][\w’'.\-]*)")
_TITLED_NAME_RE = re.compile(
    r"(?<![\w])((?:[A-Z][\w.\-]*"
    + _SP
    + r"){0,3}?"
    + r"(?i:" + alternation(TITLES) + r")"
    + r")"
    + _SP
    + r"((?:[A-Z][\w’'\-]+)(?:"
    + _SP
    + _NAME_WORD
    + r"){1,3})"
)
_APPOSITIVE_RE = re.compile(
    r"(?<![\w])([A-Z][\w’'\-]+(?:"
    + _SP
    + _NAME_WORD
    + r"){1,3}),[ ]+((?:a|an|the)[ ]+[^,.;\n]{3,70}?)[,.;]"
)
_BUT_RE = re.compile(r",?\s+but\s+")
_AND_CUE_RE = re.compile(r",?\s+(?:and|but)\s+(?:also\s+)?" + alternation(CUE_VERBS) + r"\b")
_UNCLOSED_TAIL_RE = re.compile(
    r",[ \u00a0]+[^,;:“”\"«»\n]{1,60}?[ \u00a0]"
    + alternation(CUE_VERBS)
    + r"\b[^,;:“”\"«»\n]{0,40}$"
)
_LOWER_PREFIX_RE = re.compile(r"(?:[a-z][\w’'-]*[ \u00a0]+){1,4}")  # "union organiser "
_RELATIVE_TAIL_RE = re.compile(r"\b(?:who|which|that)\s+$")
_COORD_TAIL_RE = re.compile(r"\b(?:but|and)(?:\s+(?:has|have|had|also))?\s*$")
_PARTITIVE_WORDS = (
    DEFINITE_DETERMINERS | INDEFINITE_DETERMINERS | {"them", "us", "those", "present", "who"}
)
_POSTMOD_STARTS = frozenset(
    {
        "for",
        "of",
        "at",
        "from",
        "in",
        "with",
        "to",
        "familiar",
        "close",
        "aware",
        "who",
        "knowledgeable",
        "briefed",
    }
)
_SENTENCE_FINAL = frozenset(".!?")


@dataclass(frozen=True, slots=True)
class _Speaker:
    """A speaker phrase as found in the text, before pronouns are resolved."""

    name: str | None
    type: SpeakerType
    start: int
    end: int
    raw_start: int  # where the whole phrase (titles, determiners) begins
    kind: SpeakerKind


@dataclass(frozen=True, slots=True)
class _Person:
    pos: int
    name: str
    role: str  # lower-cased words describing the person ("finance minister")


# --------------------------------------------------------------------------- speakers


def _descriptor_tail(text: str, lo: int, hi: int) -> _Speaker | None:
    """An anonymous or role descriptor ending at ``hi`` ("one senior U.S. official")."""
    window = text[lo:hi]
    cut = max(window.rfind(c) for c in ',;:“”"()')
    base = lo + cut + 1
    tokens = [(m.group(), m.start()) for m in _TOKEN_RE.finditer(text, base, hi)][-12:]
    if not tokens:
        return None
    low = [t.lower().strip(".") for t, _ in tokens]
    if low[-1] in {"one", "another"}:
        t, s = tokens[-1]
        return _Speaker(t, SpeakerType.ANONYMOUS, s, s + len(t), s, SpeakerKind.DESCRIPTOR)
    partitive = next(
        (
            k
            for k in range(len(low) - 1, max(0, len(low) - 5), -1)
            if low[k] == "of" and low[k - 1] in INDEFINITE_DETERMINERS
        ),
        None,
    )
    if partitive is not None and all(
        w in _PARTITIVE_WORDS or w in ROLE_NOUNS for w in low[partitive + 1 :]
    ):
        # "one of them", "one of the two", "two of the officials"
        s, e = tokens[partitive - 1][1], tokens[-1][1] + len(tokens[-1][0])
        return _Speaker(text[s:e], SpeakerType.ANONYMOUS, s, e, s, SpeakerKind.DESCRIPTOR)
    for i in range(len(tokens)):  # leftmost: "the spokeswoman for the National Security Council"
        det = low[i]
        possessive = tokens[i][0].endswith(("’s", "'s")) and tokens[i][0][:1].isupper()
        if det not in DEFINITE_DETERMINERS and det not in INDEFINITE_DETERMINERS and not possessive:
            continue
        rest = low[i + 1 :]
        if rest and all(t[:1].isupper() for t, _ in tokens[i + 1 :]):
            continue  # "The Central Bank": a proper name, not a descriptor
        heads = [j for j, w in enumerate(rest) if w in ROLE_NOUNS or w in ORG_INTRODUCERS]
        if not heads:
            continue
        head = heads[0]
        while head + 1 in heads:  # "administration official": the last noun is the head
            head += 1
        tail = rest[head + 1 :]
        if tail and tail[0] not in _POSTMOD_STARTS:
            continue
        start = tokens[i][1]
        end = tokens[-1][1] + len(tokens[-1][0])
        kind = SpeakerKind.DEFINITE if det in DEFINITE_DETERMINERS else SpeakerKind.DESCRIPTOR
        typ = SpeakerType.ORGANISATION if rest[head] in ORG_INTRODUCERS else SpeakerType.ANONYMOUS
        return _Speaker(text[start:end], typ, start, end, start, kind)
    # Any short noun phrase opened by a determiner ("the board", "one senior Democrat",
    # "another New Hampshire Republican"): a descriptor even when its head is not listed.
    for i in range(max(0, len(tokens) - 5), len(tokens) - 1):
        if low[i] not in DEFINITE_DETERMINERS and low[i] not in INDEFINITE_DETERMINERS:
            continue
        if low[i] in ("that", "those"):
            continue
        rest = tokens[i + 1 :]
        if (
            all(_NP_WORD_RE.fullmatch(t) for t, _ in rest)
            and low[-1] not in _NOT_HEADS
            and low[-1] not in TITLE_SMALL_WORDS
        ):
            start, end = tokens[i][1], tokens[-1][1] + len(tokens[-1][0])
            kind = SpeakerKind.DEFINITE if low[i] in DEFINITE_DETERMINERS else SpeakerKind.DESCRIPTOR
            typ = SpeakerType.ORGANISATION if low[-1] in ORG_INTRODUCERS else SpeakerType.ANONYMOUS
            return _Speaker(text[start:end], typ, start, end, start, kind)
        break
    # Bare plural descriptors: "Analysts at Brennan & Cole", "officials said".
    for i, w in enumerate(low[:-1]):
        if w in ROLE_NOUNS and w.endswith("s") and low[i + 1] in _POSTMOD_STARTS:
            j = i
            while j > 0 and i - j < 3 and tokens[j - 1][0][:1].isupper():
                j -= 1
            start, end = tokens[j][1], tokens[-1][1] + len(tokens[-1][0])
            return _Speaker(text[start:end], SpeakerType.ANONYMOUS, start, end, start, SpeakerKind.DESCRIPTOR)
    if low[-1] in ROLE_NOUNS and low[-1].endswith(("s", "people")):
        i = len(tokens) - 1
        while (
            i > 0
            and len(tokens) - i < 5
            and (tokens[i - 1][0][:1].isupper() or low[i - 1] in ROLE_NOUNS)
        ):
            i -= 1
        start, end = tokens[i][1], tokens[-1][1] + len(tokens[-1][0])
        return _Speaker(text[start:end], SpeakerType.ANONYMOUS, start, end, start, SpeakerKind.DESCRIPTOR)
    return None


_PAREN_TAIL_RE = re.compile(r"[ \u00a0]*\([^()\n]{1,40}\)[ \u00a0]*$")  # "Paul Ryan (R-Wis.)"
_CUE_JUST_BEFORE_RE = re.compile(r"\b" + alternation(CUE_VERBS) + r"[ \u00a0]*[,:]?[ \u00a0]*$")
_BY_RE = re.compile(r"[ \u00a0]+by[ \u00a0]+")
_NP_WORD_RE = re.compile(r"[A-Za-z][\w-]*(?:[’']s)?|\d+-[a-z][\w-]*")  # "the 43-year-old"
_NOT_HEADS = frozenset(
    ["is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "also", "then", "who", "which", "that", "time", "day", "week", "year", "month", "night", "morning"]
) | PRONOUNS
# A mention inside a prepositional phrase ("the spokeswoman for the Harbour Authority", "analysts
# at Brennan & Cole"): not the head of the speaker phrase.
_PREP_BEFORE_RE = re.compile(
    r"\b(?:of|for|at|from|with|to|by)[ \u00a0]+(?:the[ \u00a0]+)?(?:(?:[A-Z][\w’'.-]*[ \u00a0]+){1,2}&[ \u00a0]+)?$"
)
_POSTMOD_RE = re.compile(r"[ \u00a0,]+(?:of|from|at|with|for|in)[ \u00a0][^,;:.!?\n]{1,60}$")
_INTRO_RE = re.compile(r"(?:[^\s,;:“”\"]+[ \u00a0]+){0,10}?[^\s,;:“”\"]+,[ \u00a0]+")  # "On Monday, "
_SUBORDINATORS = frozenset(
    ["when", "after", "as", "if", "although", "though", "while", "because", "since", "before", "until", "once", "unless"]
)
_PREFIX_WORDS_RE = re.compile(r"(?:[\w’'.&-]+[ \u00a0]+){0,5}")  # "former Wisconsin Gov. "
_COMMA_NAME_RE = re.compile(r",[ \u00a0]+(?=[A-Z])")
# A role in apposition before the name: "the mayor, Ann Brook, said", "a spokesman, Tom Reyes,"
_UNNAMED_PREFIX_RE = re.compile(r"(?:[A-Z][\w’'.-]*[ \u00a0]+){0,3}[A-Z][\w’'.-]*,[ \u00a0]+")
_ROLE_PREFIX_RE = re.compile(r"(?:[\w’'.&-]+[ \u00a0]+){0,5}[\w’'.&-]+,[ \u00a0]+")


# An appositive opened by a possessive name before a lower-case noun ("Twitter’s director").
_POSSESSIVE_OPENER_RE = re.compile(
    r"(?:[A-Z][\w.&-]*[ \u00a0]+){0,3}[A-Z][\w.&-]*(?:[’']s|s[’'])[ \u00a0]+[a-z]"
)


def _from_mention(ent: EntityMention, raw_start: int) -> _Speaker:
    return _Speaker(ent.name, ent.type, ent.start, ent.end, min(raw_start, ent.start), SpeakerKind.NAME)


def _named_tail(text: str, lo: int, end: int, resolver: _Resolver) -> _Speaker | None:
    """The entity mention that ends a speaker phrase ("campaign manager Jeff Weaver", "Rep.
    Tom Cole of Oklahoma"), or a bare surname standing for a person mentioned earlier."""
    mentions = resolver.mentions_in(lo, end)
    if mentions:
        last = mentions[-1]
        ends_on_it = not text[last.end : end].strip(" \u00a0.’'")
        if ends_on_it and not _PREP_BEFORE_RE.search(text, max(lo, last.start - 40), last.start):
            return _from_mention(last, last.start)
        for ent in mentions:  # "Mara Lind of the Ohio delegation"
            if (
                ent.type == SpeakerType.PERSON
                and _POSTMOD_RE.fullmatch(text, ent.end, end)
                and not _CUE_RE.search(text, ent.end, end)
            ):
                return _from_mention(ent, ent.start)
        if ends_on_it:
            return None  # "the spokeswoman for the Harbour Authority"
    m = _NAME_TAIL_RE.search(text, lo, end)
    if m:
        # A bare surname no mention covers, maybe after a capitalised opener ("Later Reyes"):
        # the full name of a person mentioned before, else nobody.
        word = m.group(1).split()[-1]
        if word != m.group(1) and word.rstrip(".’'").casefold() not in resolver.full_names:
            return None
        start = m.end(1) - len(word)
        sp = _Speaker(word.rstrip(".’'"), SpeakerType.PERSON, start, m.end(1), start, SpeakerKind.NAME)
        named = resolver.named(sp)
        return named if named.name else None
    return None


def _appositive_subject(text: str, lo: int, hi: int, resolver: _Resolver) -> _Speaker | None:
    """ "X, a former aide to Y, said" / "X, 57, said": the subject is the phrase before the
    appositives, which start lower-case, with a determiner or with a number."""
    cuts = [i for i in range(lo, hi) if text[i] == ","]
    bounds = [lo, *[c + 1 for c in cuts]]
    ends = [*cuts, hi]
    found: _Speaker | None = None
    for s, e in reversed(list(zip(bounds, ends))):
        seg = text[s:e].strip()
        paren = _PAREN_TAIL_RE.search(seg)
        if paren and paren.start() > 0:
            seg = seg[: paren.start()].rstrip()  # "Gov. Ann Brook (R-Ohio), said"
        if not seg:
            continue
        off = text.index(seg, s)
        first = seg.split()[0]
        low = first.lower()
        if (
            first[:1].islower()
            or first[:1].isdigit()
            or low in DEFINITE_DETERMINERS | INDEFINITE_DETERMINERS
            or _POSSESSIVE_OPENER_RE.match(seg)  # "X, Twitter’s director of advertising, said"
        ):
            if found is None:
                found = _descriptor_tail(text, off, off + len(seg))
                if found is not None and found.raw_start != off:
                    found = None
            continue
        if low.rstrip(".") in TITLES or low in ROLE_NOUNS:
            people = [m for m in resolver.mentions_in(off, off + len(seg)) if m.type == SpeakerType.PERSON]
            if not people or len(text[off : people[0].start].split()) > 4:
                continue  # "Deputy Head of the Office of the President": an appositive
        head = _subject_core(text, off, off + len(seg), resolver)
        return head or found
    return found


def _subject_core(text: str, lo: int, end: int, resolver: _Resolver) -> _Speaker | None:
    """A speaker phrase that ends at ``end``: a pronoun, a named mention, or a descriptor."""
    window = text[lo:end]
    m = _PRONOUN_TAIL_RE.search(window)
    if m:
        s = lo + m.start(1)
        return _Speaker(m.group(1), SpeakerType.UNKNOWN, s, lo + m.end(1), s, SpeakerKind.PRONOUN)
    named = _named_tail(text, lo, end, resolver)
    if named is not None:
        return named
    return _descriptor_tail(text, lo, end)


def _subject_before(text: str, lo: int, hi: int, resolver: _Resolver) -> _Speaker | None:
    """The speaker phrase ending at ``hi`` (just before a cue), not reaching back past ``lo``."""
    lo = max(lo, hi - SUBJECT_WINDOW)
    last_mark = max(text.rfind(c, lo, hi) for c in '“”"«»„')
    lo = max(lo, last_mark + 1)
    window = text[lo:hi]
    tail = _ADVERB_TAIL_RE.search(window)
    if tail:
        window = window[: tail.start()]
    window = window.rstrip()
    paren = _PAREN_TAIL_RE.search(window)
    if paren:
        window = window[: paren.start()].rstrip()
    end = lo + len(window)
    if end <= lo:
        return None
    if window.endswith(","):
        return _appositive_subject(text, lo, end - 1, resolver)
    if _COORD_TAIL_RE.search(window):
        return _speaker_after(text, lo, end, resolver)
    return _subject_core(text, lo, end, resolver)


def _sentence_subject(text: str, lo: int, hi: int, resolver: _Resolver) -> _Speaker | None:
    """The subject that opens the sentence at ``lo`` ("Mara Lind posted ..., saying"),
    after a short introductory phrase ("On Monday, ")."""
    while lo < hi and (text[lo].isspace() or text[lo] in "—–-(“\"'‘"):
        lo += 1
    for _ in range(3):
        intro = _INTRO_RE.match(text, lo, hi)
        if intro is None:
            break
        first = text[lo : intro.end()].split(None, 1)[0].lower()
        if first not in _SUBORDINATORS and resolver.mentions_in(lo, intro.end()):
            break  # "Okafor, a businessman, ...": the subject itself, not an introduction
        lo = intro.end()
    return _speaker_after(text, lo, hi, resolver)


def _speaker_after(text: str, lo: int, hi: int, resolver: _Resolver) -> _Speaker | None:
    """The speaker phrase that starts at ``lo``: after an inverted cue ("said Mara Lind,
    spokesperson for ...", "said former Gov. Jim Doyle") or opening a sentence."""
    while lo < hi and text[lo] in " \u00a0":
        lo += 1
    prefix = _PREFIX_WORDS_RE.match(text, lo, hi)
    reach = prefix.end() if prefix else lo
    for ent in resolver.mentions_in(lo, min(hi, reach + 80)):
        if ent.start > reach:
            break
        if _modifies_a_head(text, lo, ent):
            break  # "said a senior EU official": the official speaks, not the EU
        return _from_mention(ent, lo)
    seg_end = hi
    for i in range(lo, hi):
        if text[i] in ',;:“”"(' or (text[i] in ".!?" and (i + 1 >= hi or text[i + 1] in " \n\u00a0")):
            if text[i] == "." and text[max(lo, i - 4) : i + 1].split()[-1:] and (
                text[max(lo, i - 4) : i + 1].split()[-1] in _ABBREVIATIONS
            ):
                continue
            seg_end = i
            break
    seg = text[lo:seg_end]
    stripped = seg.rstrip()
    if not stripped:
        return None
    off = lo
    words = stripped.split()
    first = words[0].lower()
    if first in PRONOUNS:
        return _Speaker(words[0], SpeakerType.UNKNOWN, off, off + len(words[0]), off, SpeakerKind.PRONOUN)
    if first in INDEFINITE_DETERMINERS or first in DEFINITE_DETERMINERS or words[0].endswith(("’s", "'s")):
        heads = [
            j
            for j, w in enumerate(words)
            if w.lower() in ROLE_NOUNS or w.lower() in ORG_INTRODUCERS
        ]
        if not heads or heads[0] > 6:
            return _plain_descriptor(text, off, words, stripped)
        head = heads[0]
        while head + 1 in heads:
            head += 1
        if head + 1 < len(words) and words[head + 1].lower() in _POSTMOD_STARTS:
            end = off + len(stripped)
        else:
            end = off + len(" ".join(words[: head + 1]))
            end = off + stripped.index(words[head], end - off - len(words[head])) + len(words[head])
        kind = SpeakerKind.DEFINITE if first in DEFINITE_DETERMINERS else SpeakerKind.DESCRIPTOR
        typ = SpeakerType.ORGANISATION if words[head].lower() in ORG_INTRODUCERS else SpeakerType.ANONYMOUS
        if typ == SpeakerType.ANONYMOUS and end == off + len(stripped):
            # "said the mayor, Ann Brook." / "said a spokesman, Tom Reyes, who ...": the name
            # in apposition is the speaker.
            comma = _COMMA_NAME_RE.match(text, end)
            if comma:
                for ent in resolver.mentions_in(comma.end(), min(hi, comma.end() + 80)):
                    if ent.start == comma.end() and ent.type == SpeakerType.PERSON:
                        return _from_mention(ent, off)
                    break
        return _Speaker(text[off:end], typ, off, end, off, kind)
    m = _NAME_HEAD_RE.match(stripped)
    if m and " " not in m.group(1).strip():
        named = resolver.named(_Speaker(m.group(1).rstrip(".’'"), SpeakerType.PERSON, off, off + len(m.group(1).rstrip(".’'")), off, SpeakerKind.NAME))
        return named if named.name else None
    return None


_CLAUSE_BREAK_RE = re.compile(r"[,;:]")
_POSTMOD_START_RE = re.compile(r",|[ \u00a0]+(?:of|from|at|with)[ \u00a0]")  # after a name
_NOUN_BEFORE_RE = re.compile(r"(?:\w[’']s?|\b(?:his|her|their|its|our|my|your|the|a|an))[ \u00a0]+$")
_PASSIVE_RE = re.compile(
    r"\b(?:was|were|been|being|is|are|(?i:when|if|after|unless|until|as))[ \u00a0]+$"
)  # "Reyes was asked", "..., Le Pen said when asked": the question is someone else's
_FORMER = frozenset({"former", "ex", "onetime", "then"})
_POSSESSIVE_HEAD_RE = re.compile(r"[’']s[ \u00a0]+([a-z]+)")
_NEXT_WORD_RE = re.compile(r"[ \u00a0]+([a-z]+)")


def _modifies_a_head(text: str, lo: int, ent: EntityMention) -> bool:
    """A mention inside a descriptor, before its head noun ("a senior EU official", "the
    Brook campaign", "Brook’s spokesman"): the descriptor is the speaker, not the mention."""
    own = _POSSESSIVE_HEAD_RE.match(text, ent.end)
    if own and (own.group(1) in ROLE_NOUNS or own.group(1) in ORG_INTRODUCERS):
        return True  # "Brook’s campaign", "Brook’s spokesman"
    first = text[lo : ent.start].split(None, 1)
    if not first or first[0].lower() not in DEFINITE_DETERMINERS | INDEFINITE_DETERMINERS:
        return False
    nxt = _NEXT_WORD_RE.match(text, ent.end)
    return nxt is not None and (nxt.group(1) in ROLE_NOUNS or nxt.group(1) in ORG_INTRODUCERS)


_GENERIC_DETERMINERS = (DEFINITE_DETERMINERS | INDEFINITE_DETERMINERS) - {
    "that", "this", "these", "those", "his", "her", "their", "its", "our"
}


def _plain_descriptor(text: str, off: int, words: list[str], stripped: str) -> _Speaker | None:
    """ "said a narrator", "added another Ohio Republican", "said one donor familiar with the
    talks": a short determiner-led noun phrase after an inverted cue, head not listed."""
    if words[0].lower() not in _GENERIC_DETERMINERS:
        return None
    n = next((j for j, w in enumerate(words[1:], 1) if w.lower() in _POSTMOD_STARTS), len(words))
    np = [w.rstrip(".,") for w in words[1:n]]
    if not 1 <= len(np) <= 4 or not all(_NP_WORD_RE.fullmatch(w) for w in np):
        return None
    last = np[-1].lower()
    if last in _NOT_HEADS or last in TITLE_SMALL_WORDS or last in _POSTMOD_STARTS:
        return None
    end = off + len(stripped) if n < len(words) else off + len(stripped.rstrip("."))
    kind = SpeakerKind.DEFINITE if words[0].lower() in DEFINITE_DETERMINERS else SpeakerKind.DESCRIPTOR
    typ = SpeakerType.ORGANISATION if last in ORG_INTRODUCERS else SpeakerType.ANONYMOUS
    return _Speaker(text[off:end], typ, off, end, off, kind)


# --------------------------------------------------------------------------- resolution


class _Resolver:
    """Turns pronouns, role nouns and surnames into the fitting named person or organisation."""

    def __init__(self, text: str, entities: Sequence[EntityMention], sentences: _Sentences) -> None:
        self.text = text
        self.sentences = sentences
        self.entities = sorted(entities, key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]
        self.people: list[_Person] = []
        for e in self.entities:
            if e.type == SpeakerType.PERSON:
                self.people.append(
                    _Person(
                        e.start, e.name, " ".join(filter(None, [e.role, e.affiliation])).lower()
                    )
                )
        for m in _TITLED_NAME_RE.finditer(text):
            ent = self.entity_at(m.start(2), m.end(2))
            if ent is not None and ent.type == SpeakerType.PERSON:
                self.people.append(_Person(ent.start, ent.name, m.group(1).lower()))
        for m in _APPOSITIVE_RE.finditer(text):
            ent = self.entity_at(m.start(1), m.end(1))
            if ent is not None and ent.type == SpeakerType.PERSON:
                self.people.append(_Person(ent.start, ent.name, m.group(2).lower()))
        self.people.sort(key=lambda p: p.pos)
        self.speakers: list[_Person] = []  # named people seen as the subject of a cue
        self.groups: list[_Person] = []  # anonymous sources seen as the subject of a cue
        self.org_speakers: list[_Person] = []  # organisations seen as the subject of a cue
        self.orgs: list[_Person] = []  # organisations named (entities) or speaking; role = kind
        # People opening a sentence ("Okafor thought that was good. He also said ..."): a later
        # pronoun most likely continues with the sentence subject.
        self.subjects: list[_Person] = []
        for e in self.entities:
            if e.type == SpeakerType.ORGANISATION:
                self.orgs.append(_Person(e.start, e.name, e.org_kind or ""))
            elif e.type == SpeakerType.PERSON and not text[sentences.start_of(e.start) : e.start].strip(
                ' “"(—–-'
            ):
                self.subjects.append(_Person(e.start, e.name, ""))
        self.full_names: dict[str, str] = {}
        for p in self.people:
            self._learn(p.name)

    def _learn(self, name: str) -> None:
        parts = name.split()
        if len(parts) > 1:
            self.full_names[parts[-1].casefold()] = name

    def mentions_in(self, lo: int, hi: int) -> list[EntityMention]:
        """Person and organisation mentions lying wholly inside ``[lo, hi)``, in order."""
        i = bisect.bisect_left(self.entity_starts, lo)
        out = []
        while i < len(self.entities) and self.entities[i].start < hi:
            e = self.entities[i]
            if e.end <= hi and e.type in (SpeakerType.PERSON, SpeakerType.ORGANISATION):
                out.append(e)
            i += 1
        return out

    def entity_at(self, start: int, end: int) -> EntityMention | None:
        i = bisect.bisect_right(self.entity_starts, end) - 1
        while i >= 0 and self.entities[i].end > start - 200:
            e = self.entities[i]
            if e.start < end and e.end > start:
                return e
            i -= 1
        return None

    def named(self, sp: _Speaker) -> _Speaker:
        """The entity mention a named speaker phrase stands on, by its canonical name and type;
        a bare surname takes the full name of a person mentioned before. Names come only from
        the mentions: a phrase no mention covers leaves the speaker unknown."""
        ent = self.entity_at(sp.start, sp.end)
        if ent is not None and ent.type in (SpeakerType.PERSON, SpeakerType.ORGANISATION):
            name = ent.name
            if ent.type == SpeakerType.PERSON and " " not in name:
                name = self.full_names.get(name.casefold(), name)  # "Brennan" -> "Hal Brennan"
            return replace(sp, name=name, type=ent.type, start=ent.start, end=ent.end)
        if sp.name and " " not in sp.name and sp.name.casefold() in self.full_names:
            return replace(sp, name=self.full_names[sp.name.casefold()], type=SpeakerType.PERSON)
        if sp.name and self.full_names.get(sp.name.rsplit(None, 1)[-1].casefold()) == sp.name:
            return replace(sp, type=SpeakerType.PERSON)  # a surname already resolved to its person
        return replace(sp, name=None, type=SpeakerType.UNKNOWN)

    def note_speaker(self, sp: _Speaker) -> None:
        if sp.type == SpeakerType.ORGANISATION and sp.name and sp.kind == SpeakerKind.NAME:
            bisect.insort(self.orgs, _Person(sp.start, sp.name, ""), key=lambda p: p.pos)
            bisect.insort(self.org_speakers, _Person(sp.start, sp.name, ""), key=lambda p: p.pos)
        if sp.type == SpeakerType.PERSON and sp.name:
            bisect.insort(self.speakers, _Person(sp.start, sp.name, ""), key=lambda p: p.pos)
        elif sp.type == SpeakerType.ANONYMOUS and sp.name and sp.kind != SpeakerKind.PRONOUN:
            bisect.insort(self.groups, _Person(sp.start, sp.name, ""), key=lambda p: p.pos)

    def resolve(self, sp: _Speaker) -> _Speaker:
        """Resolve a pronoun or definite role noun to a person; other phrases pass through."""
        if sp.kind == SpeakerKind.NAME:
            return self.named(sp)
        if sp.kind == SpeakerKind.PRONOUN:
            if sp.name and sp.name.lower() == "they":
                group = self._latest(self.groups, sp.start)
                if group is not None:
                    return replace(sp, name=group.name, type=SpeakerType.ANONYMOUS)
            person = None
            gender = PRONOUN_GENDER.get((sp.name or "").lower())
            if gender is not None:
                # "she" never resolves to a man's name: the latest fitting speaker or sentence
                # subject, else the latest fitting person mentioned.
                fits = lambda p: _gender_of(p.name) in (gender, None)
                recent = [
                    self._latest(self.speakers, sp.start, fits),
                    self._latest(self.subjects, sp.start, fits),
                ]
                person = max(filter(None, recent), key=lambda p: p.pos, default=None)
                person = person or self._latest(self.people, sp.start, fits)
            if person is None:
                return replace(sp, name=None, type=SpeakerType.UNKNOWN)
            return replace(sp, name=person.name, type=SpeakerType.PERSON)
        if sp.kind == SpeakerKind.DEFINITE and sp.name and sp.type == SpeakerType.ORGANISATION:
            org = self._org_by_head(sp.name, sp.start)
            return replace(sp, name=org.name) if org is not None else sp
        if sp.kind == SpeakerKind.DEFINITE and sp.name:
            person = self._by_role(sp.name, sp.start)
            if person is not None:
                return replace(sp, name=person.name, type=SpeakerType.PERSON)
        return sp

    @staticmethod
    def _latest(
        people: list[_Person], pos: int, fits: Callable[[_Person], bool] | None = None
    ) -> _Person | None:
        """The last of ``people`` (sorted by position) before ``pos`` that ``fits``, if near."""
        i = bisect.bisect_left(people, pos, key=lambda p: p.pos) - 1
        while i >= 0 and pos - people[i].pos <= PRONOUN_WINDOW:
            if fits is None or fits(people[i]):
                return people[i]
            i -= 1
        return None

    def _org_by_head(self, phrase: str, pos: int) -> _Person | None:
        """ "the outlet" -> the latest news outlet named; "the ministry" -> the latest ministry."""
        head = phrase.split()[-1].lower()
        best = next(
            (
                org
                for org in _before(self.orgs, pos)
                if (head in OUTLET_NOUNS and org.role == "outlet")
                or head in org.name.lower().split()
            ),
            None,
        )
        # "Harbour Aid said ... The charity added": else the organisation that spoke last, if near.
        speaker = self._latest(self.org_speakers, pos)
        if best is None and speaker is not None and pos - speaker.pos <= ORG_WINDOW:
            best = speaker
        return best

    def _by_role(self, phrase: str, pos: int) -> _Person | None:
        words = [w.strip(".,").lower() for w in phrase.split()]
        heads = [w for w in words if w in ROLE_NOUNS]
        if not heads:
            return None
        head = heads[0]
        group = next((g for g in ROLE_SYNONYMS if head in g), frozenset({head}))
        adjectives = [
            w
            for w, raw in zip(words, phrase.split())
            if raw[:1].isupper() and w not in DEFINITE_DETERMINERS
        ]
        former = bool(_FORMER & set(words))
        for p in _before(self.people, pos):
            role_words = set(re.findall(r"[\w’'-]+", p.role))
            if (
                role_words & group
                and all(a in role_words for a in adjectives)
                and former == bool(_FORMER & role_words)  # "the former mayor" is not the mayor
            ):
                if _indefinite_head_re(group).search(self.text, self.sentences.end_of(p.pos), pos):
                    return None  # "Ann Brook, an aide, ... A committee aide said ... the aide"
                return p
        return None


@functools.cache
def _indefinite_head_re(heads: frozenset[str]) -> re.Pattern[str]:
    """An indefinite descriptor with one of ``heads`` ("a Republican committee aide"): a later
    "the aide" means that one, not a named aide before it."""
    return re.compile(
        r"\b(?i:a|an|another|one)[ \u00a0]+(?:[\w’'-]+[ \u00a0]+){0,3}(?i:"
        + alternation(heads)
        + r")\b(?![ \u00a0]+[A-Z])"
    )


def _gender_of(name: str) -> str | None:
    """ "f" or "m" when the given name tells, else None."""
    first = name.split()[0].casefold() if name else ""
    return NAME_GENDER.get(first)


def _before(people: list[_Person], pos: int, limit: int = 300) -> list[_Person]:
    """The last ``limit`` of ``people`` (sorted by position) before ``pos``, latest first."""
    i = bisect.bisect_left(people, pos, key=lambda p: p.pos)
    return people[max(0, i - limit) : i][::-1]


# --------------------------------------------------------------------------- extraction


class _Sentences:
    """Sentence boundaries, found once, looked up by bisection."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]) -> None:
        self.length = len(text)
        starts = {ps for ps, _ in paragraphs}
        for m in _SENT_END_RE.finditer(text):
            if text[m.start()] == ".":
                word = text[max(0, m.start() - 12) : m.start() + 1].split()[-1:]
                if word and (word[0] in ABBREVIATIONS or _INITIAL_RE.fullmatch(word[0])):
                    continue  # "Sen. Susan Collins", "Jeffrey M. Jones"
            starts.add(m.end())
        self.starts = sorted(starts)
        self.para_ends = sorted(pe for _, pe in paragraphs)

    def start_of(self, pos: int) -> int:
        """Start of the sentence holding ``pos``, at most SENTENCE_WINDOW back: an unpunctuated
        wall of text must not make every look-back scan it all (quadratic time)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return max(self.starts[i] if i >= 0 else 0, pos - SENTENCE_WINDOW)

    def end_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos)
        nxt = self.starts[i] if i < len(self.starts) else self.length
        j = bisect.bisect_left(self.para_ends, pos)
        pend = self.para_ends[j] if j < len(self.para_ends) else nxt
        return min(nxt, pend, pos + SENTENCE_WINDOW)


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def extract_quotes(text: str, entities: Sequence[EntityMention] = ()) -> list[QuoteMention]:
    """Return the quotes in ``text``, speakers resolved against ``entities``, sorted by start."""
    if not text or (not MARK_RE.search(text) and not _CUE_RE.search(text)):
        return []
    paragraphs = paragraphs_of(text)
    sentences = _Sentences(text, paragraphs)
    spans = pair_marks(text, paragraphs)
    resolver = _Resolver(text, entities, sentences)
    quoted = sorted((sp.open, sp.close + 1) for sp in spans)
    cue_subjects, indirect = _scan_cues(text, sentences, quoted, resolver)
    spoken: dict[int, str] = {}  # quotes a cue attributes directly: where the cue stands
    direct, meta = _direct_quotes(text, spans, paragraphs, sentences, cue_subjects, resolver, spoken)
    quotes = [
        q
        for q in _join_pieces(text, _share_speakers(text, direct, meta, indirect), meta)
        if _is_speech(q) or spoken.get(q.start) == "before" or (spoken.get(q.start) and not q.partial)
    ]
    # Indirect speech only where no direct quote already covers the words.
    taken = sorted((q.start, q.end) for q in quotes)
    starts = [s for s, _ in taken]
    for q in indirect:
        i = bisect.bisect_left(starts, q.end) - 1
        if i < 0 or taken[i][1] <= q.start:
            quotes.append(q)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _scan_cues(
    text: str, sentences: _Sentences, quoted: list[tuple[int, int]], resolver: _Resolver
) -> tuple[dict[int, _Speaker], list[QuoteMention]]:
    """Every cue verb outside quotation marks, in order: who speaks where (so pronouns find
    their person) and the indirect speech the cue introduces ("denied that ...")."""
    cue_subjects: dict[int, _Speaker] = {}
    indirect: list[QuoteMention] = []
    sentence_subject: dict[int, _Speaker] = {}  # the first speaker of each sentence
    for m in _ANY_CUE_RE.finditer(text):
        if _in_spans(m.start(), quoted):
            continue
        sent_start = sentences.start_of(m.start())
        cue = m.group().lower()
        if m.group()[:1].isupper() and (
            cue in PARTICIPLE_CUES or text[sent_start : m.start()].strip(" \u00a0—–-(“\"")
        ):
            continue  # "Saying he was tired, ...": a capitalised cue only opens its sentence
        if _NOUN_BEFORE_RE.search(text, max(sent_start, m.start() - 12), m.start()):
            continue  # "Reyes’s comments", "the remarks": a noun, not a verb
        if (
            not cue.endswith("ing")  # "Reyes was saying" is active
            and _PASSIVE_RE.search(text, max(sent_start, m.start() - 12), m.start())
            and not _BY_RE.match(text, m.end())
        ):
            continue  # "Reyes was asked, “...”": the question is someone else's
        if cue in SOURCE_CUES or m.group()[:1].isupper():
            # "According to the agency, “...”", "Said Brook: “...”": the speaker follows.
            subject = _speaker_after(text, m.end(), sentences.end_of(m.end()), resolver)
            if subject is None or subject.kind == SpeakerKind.PRONOUN:
                continue
            subject = resolver.resolve(subject)
            cue_subjects[m.start()] = subject
            resolver.note_speaker(subject)
            continue
        if m.group() in PARTICIPLE_CUES:
            # "Lind posted a comment of her own, saying, “...”": the sentence subject, or
            # the subject of the cue it extends ("..., Okafor said, adding, “...”").
            earlier = max((p for p in cue_subjects if sent_start <= p < m.start()), default=None)
            if earlier is not None:
                subject = cue_subjects[earlier]
            else:
                subject = _sentence_subject(text, sent_start, m.start(), resolver)
        else:
            subject = _subject_before(text, sent_start, m.start(), resolver)
        previous = sentence_subject.get(sent_start)
        if (
            previous is not None
            and _COORD_TAIL_RE.search(text, sent_start, m.start())
            and (subject is None or subject.start < previous.end)
        ):
            # "Owen Price said the plan was ... and warned that ...": the same subject again.
            subject = previous
        if subject is None and _BY_RE.match(text, m.end()):
            # "This was reported by the Harbour Times": the agent speaks.
            by = _BY_RE.match(text, m.end())
            subject = _speaker_after(text, by.end(), sentences.end_of(by.end()), resolver)
        if subject is None and text[sent_start : m.start()].rstrip(" \u00a0")[-1:] == ",":
            # "But, said Solovey, “...”", "The plan, said Sen. Lind, is dead": an inverted
            # cue between commas, its speaker the mention after it.
            after = _speaker_after(text, m.end(), sentences.end_of(m.end()), resolver)
            if (
                after is not None
                and after.kind == SpeakerKind.NAME
                and text[after.end : after.end + 1] in (",", ":")
            ):
                subject = after
        if subject is None and text[sent_start : m.start()].rstrip(" ,")[-1:] in ("”", '"', "»"):
            # "“...,” said Mara Lind." : the speaker follows; a quote opening the next
            # paragraph goes on in her words.
            subject = _speaker_after(text, m.end(), sentences.end_of(m.end()), resolver)
            if subject is not None:
                subject = resolver.resolve(subject)
                cue_subjects[m.start()] = subject
                resolver.note_speaker(subject)
            continue
        if subject is None:
            continue
        if subject is not previous:
            subject = resolver.resolve(subject)
        cue_subjects[m.start()] = subject
        sentence_subject.setdefault(sent_start, subject)
        resolver.note_speaker(subject)
        if m.group() in INDIRECT_CUES:
            that = _INDIRECT_THAT_RE.match(text, m.end())
            if that is None and m.group() in _OBJECT_CUES:
                that = _TOLD_THAT_RE.match(text, m.end())
            if that:
                q = _indirect_quote(text, that.end(), sentences, subject, m.group())
                if q is not None:
                    indirect.append(q)
    return cue_subjects, indirect


def _direct_quotes(
    text: str,
    spans: list[Span],
    paragraphs: list[tuple[int, int]],
    sentences: _Sentences,
    cue_subjects: dict[int, _Speaker],
    resolver: _Resolver,
    spoken: dict[int, str],
) -> tuple[list[QuoteMention], list[tuple[Span, int]]]:
    """The quotations that are speech (not scare quotes or titles), each with its speaker,
    plus each one's span and sentence start for sharing speakers afterwards."""
    direct: list[QuoteMention] = []
    meta: list[tuple[Span, int]] = []
    for k, span in enumerate(spans):
        if not span.closed:
            # "“We will not comment, the club said." with the closing mark forgotten: the
            # attribution at the end of the paragraph is not part of the quote.
            tail = _UNCLOSED_TAIL_RE.search(text, span.open, span.close)
            if tail and tail.start() > span.open + 1:
                span.close, span.closed = tail.start(), True
        s, e = inner(text, span)
        if not _WORD_RE.search(text, s, e) or e - s > MAX_QUOTE_CHARS:
            continue  # short pieces stay until joining: "“They sue,” he said. “Everybody sues.”"
        ps, pe = paragraphs[span.para]
        if _TITLE_BEFORE_RE.search(text, max(ps, span.open - 40), span.open):
            continue
        if _is_subheading(text, span, ps, pe, s, e):
            continue
        title_like = _is_title_case(text[s:e])
        sent_start = max(sentences.start_of(span.open), ps)
        prev_close = spans[k - 1].close + 1 if k and spans[k - 1].para == span.para else ps
        speaker, cue = _attribute_before(text, max(sent_start, prev_close), span.open, cue_subjects)
        said = "before" if speaker is not None and _CUE_JUST_BEFORE_RE.search(text, ps, span.open) else None
        if speaker is not None and said is None and span.closed and text[span.close - 1] == ",":
            # "The veteran also believes Cruz can win. “...,” Perry said.": the cue after the
            # quote names its speaker, not a cue earlier in the sentence.
            after, after_cue = _attribute_after(text, e, span, sentences, cue_subjects, resolver)
            if after is not None and after.name is not None:
                speaker, cue = after, after_cue
        if speaker is None and span.closed:
            speaker, cue = _attribute_after(text, e, span, sentences, cue_subjects, resolver)
            said = "after" if speaker is not None else None
        if said and cue not in NAMING_CUES and cue not in THOUGHT_CUES:
            spoken[s] = said  # "a man yelled “Go home!”", "“Tuesday,” Lind said": speech
        elif _introduces_a_sentence(text, s, e, span, sent_start, speaker, cue):
            spoken[s] = "before"  # "Lind told the agency simply, “We lost.”": speech
        if speaker is None:
            speaker = _label_speaker(text, ps, span.open, resolver) or _colon_subject(
                text, sent_start, span.open, resolver
            )
        if speaker is None and span.open == ps and span.closed:
            speaker = _signature_speaker(text, span, paragraphs, resolver)
        if speaker is None and span.para > 0 and not text[ps : span.open].strip():
            # A quote opening its paragraph: introduced by the paragraph before ("Lind
            # continued:") or continuing the last speaker there ("..., Okafor said.").
            speaker, cue = _previous_paragraph_speaker(
                text, paragraphs[span.para - 1], sentences, cue_subjects, resolver
            )
        if (
            speaker is None
            and sent_start > ps
            and not text[sent_start : span.open].strip(" \u00a0(—–-")
            and not _QUOTE_MARK_RE.search(text, max(sentences.start_of(sent_start - 1), ps), sent_start)
            and not (span.closed and text[span.close - 1] == ",")  # "“...,” X said": X speaks
            and not _post_cue(text, span.close + 1, sentences.end_of(span.close + 1))
        ):
            # "Lind said in a statement. “...”": a quote opening a sentence goes on with the
            # speaker of the sentence before it in the paragraph, when that holds no quote.
            speaker, cue = _previous_paragraph_speaker(
                text, (ps, sent_start), sentences, cue_subjects, resolver
            )
        if speaker is not None and speaker.type == SpeakerType.ORGANISATION:
            speaker = _cited_person(text, sent_start, span.open, resolver) or speaker
        if title_like:
            continue  # “Rivers That Forgot the Sea”
        partial = _is_partial(text, s, span, sent_start, ps, cue)
        direct.append(_mention(text, s, e, speaker, cue, partial, False))
        meta.append((span, sent_start))
    return direct, meta


def _introduces_a_sentence(
    text: str, s: int, e: int, span: Span, sent_start: int, speaker: _Speaker | None, cue: str | None
) -> bool:
    """A whole short sentence in marks after a comma or colon that closes a speech cue's
    clause ("told the agency simply, “We lost.”", "had one message: “Dump Trump.”")."""
    if not (span.closed and text[s : s + 1].isupper() and text[e - 1 : e] in ("." , "!", "?")):
        return False
    pre = text[sent_start : span.open].rstrip(" \u00a0")
    if pre.endswith(":"):
        return True
    return (
        pre.endswith(",")
        and speaker is not None
        and cue is not None
        and cue not in NAMING_CUES
        and cue not in THOUGHT_CUES
    )


def _is_subheading(text: str, span: Span, ps: int, pe: int, s: int, e: int) -> bool:
    """ "¶‘Relationships that last.’¶", "¶‘We are in shock’: A town in the spotlight": a short
    quote in single marks that opens its paragraph with no cue after it heads a section
    (American style keeps single marks for headlines and nested quotes)."""
    return (
        text[span.open] not in DOUBLE
        and span.closed
        and not text[ps : span.open].strip()
        and len(_WORD_RE.findall(text, s, e)) <= SUBHEAD_WORDS
        and (
            not text[span.close + 1 : pe].strip(" \u00a0.,;:!?")
            or not _CUE_RE.search(text, span.close + 1, pe)  # "‘A’ while B rises": a headline
        )
    )


def _cited_person(
    text: str, sent_start: int, open_pos: int, resolver: _Resolver
) -> _Speaker | None:
    """ "Citing Mayor Ana Ruiz ..., the agency said: “...”": the outlet relays her words."""
    cited = _CITING_RE.match(text, sent_start, open_pos)
    if not cited:
        return None
    sp = _speaker_after(text, cited.start(1), cited.end(1), resolver)
    return sp if sp is not None and sp.type == SpeakerType.PERSON else None


def _is_title_case(quoted: str) -> bool:
    """“Rivers That Forgot the Sea”: a name of a work, movement or slogan, not speech."""
    words = _WORD_RE.findall(quoted)
    stripped = quoted.rstrip()
    if len(words) <= 6 and stripped.endswith(".") and not stripped.endswith(".."):
        stripped = stripped[:-1]  # “Meet the Press.”: American punctuation inside the mark
    if len(words) > 10 or stripped[-1:] in ".,;:!?…" or re.search(r"[.!?] ", stripped):
        return False
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return len(content) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _mention(
    text: str,
    s: int,
    e: int,
    speaker: _Speaker | None,
    cue: str | None,
    partial: bool,
    indirect: bool,
) -> QuoteMention:
    if speaker is None or speaker.name is None:
        return QuoteMention(
            s,
            e,
            text[s:e],
            None,
            SpeakerType.UNKNOWN,
            cue,
            partial,
            indirect,
            speaker.start if speaker else None,
            speaker.end if speaker else None,
            ((s, e),),
        )
    return QuoteMention(
        s,
        e,
        text[s:e],
        speaker.name,
        speaker.type,
        cue,
        partial,
        indirect,
        speaker.start,
        speaker.end,
        ((s, e),),
    )


def _attribute_before(
    text: str, lo: int, hi: int, cue_subjects: dict[int, _Speaker]
) -> tuple[_Speaker | None, str | None]:
    """ "Lind told reporters, “..." / "said the ministry “...": last cue with a subject."""
    cues = [m for m in _ANY_CUE_RE.finditer(text, lo, hi)]
    for thought_too in (False, True):  # "officials say the mayor believes ... “...”": the sayers
        for m in reversed(cues):
            if m.group() in THOUGHT_CUES and not thought_too:
                continue
            subject = cue_subjects.get(m.start())
            # A participle's subject opens the sentence, maybe before an earlier quote in it
            # ("X wrote, calling her “Hillary” and telling her, “...”").
            if subject is not None and (subject.start >= lo - 1 or m.group() in PARTICIPLE_CUES):
                cue = m.group().lower()
                if cue in SOURCE_CUES and _CLAUSE_BREAK_RE.search(
                    text[m.end() : hi].rstrip(" \u00a0").rstrip(",:")
                ):
                    continue  # "According to NBC, officials expect ... “...,” X said"
                return subject, cue
    return None, None


def _post_cue(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first cue after a quote that is not inside a relative clause ("who asked not to")."""
    for m in _CUE_RE.finditer(text, lo, hi):
        if not _RELATIVE_TAIL_RE.search(text, max(lo, m.start() - 8), m.start()):
            return m
    return None


def _attribute_after(
    text: str,
    e: int,
    span: Span,
    sentences: _Sentences,
    cue_subjects: dict[int, _Speaker],
    resolver: _Resolver,
) -> tuple[_Speaker | None, str | None]:
    """ "“...,” he said." / "“...,” said Mara Lind": the cue right after the quote."""
    lo = span.close + 1
    probe = lo
    while probe < len(text) and text[probe] in " \u00a0":
        probe += 1  # "?” Okafor said." starts a sentence of its own after the mark
    hi = min(sentences.end_of(probe), lo + 2 * POST_CUE_WINDOW) if probe < len(text) else lo
    reach = lo + POST_CUE_WINDOW
    first = resolver.mentions_in(probe, min(hi, probe + 80))
    if first and first[0].start == probe and _POSTMOD_START_RE.match(text, first[0].end):
        reach = hi  # "“...,” Tom Reyes, director of a long-named institute, said"
    if text[e - 1 : e] in _SENTENCE_FINAL and text[span.close - 1 : span.close] != ",":
        nxt = text[lo:hi].lstrip(" ,")
        if nxt[:1].isupper() and not nxt.startswith(("I ",)):
            # "“... end.” Next sentence": only an inverted cue or a name + cue may follow.
            m = _post_cue(text, lo, min(hi, reach))
            if m is None or (
                text[lo : m.start()].strip(" ,—–-") and m.start() - lo > 40 and reach == lo + POST_CUE_WINDOW
            ):
                return None, None
    m = _post_cue(text, lo, min(hi, reach))
    if m is None:
        return None, None
    last_mark = max(text.rfind(c, lo, m.start()) for c in DOUBLE)
    if last_mark >= 0:
        # "a “quick fix” is nothing but an “illusion,” Lind said": the cue after the
        # last (scare) quote of the sentence attributes them all.
        if text[lo:last_mark].count(" ") > 12:
            return None, None
        lo = last_mark + 1
    between = text[lo : m.start()]
    lead = len(between) - len(between.lstrip(" ,—–-\u00a0"))
    if not between.strip(" ,—–-\u00a0"):
        sp = _speaker_after(text, m.end(), hi, resolver)
        return (resolver.resolve(sp), m.group()) if sp else (None, None)
    subject = cue_subjects.get(m.start()) or _subject_before(text, lo + lead, m.start(), resolver)
    if subject is None or (
        subject.raw_start > lo + lead
        and not _LOWER_PREFIX_RE.fullmatch(text, lo + lead, subject.raw_start)
        and not _PREFIX_WORDS_RE.fullmatch(text, lo + lead, subject.raw_start)
        and not (
            # "“...,” Ann Brook, a top adviser, said" with no mention on the name: the
            # descriptor in apposition still tells who speaks.
            subject.kind in (SpeakerKind.DESCRIPTOR, SpeakerKind.DEFINITE)
            and _UNNAMED_PREFIX_RE.fullmatch(text, lo + lead, subject.raw_start)
        )
        and not (
            subject.kind == SpeakerKind.NAME
            and _ROLE_PREFIX_RE.fullmatch(text, lo + lead, subject.raw_start)
            and not _CUE_RE.search(text, lo + lead, subject.raw_start)
        )
    ):
        return None, None
    if m.start() not in cue_subjects:
        subject = resolver.resolve(subject)
    return subject, m.group()


def _previous_paragraph_speaker(
    text: str,
    para: tuple[int, int],
    sentences: _Sentences,
    cue_subjects: dict[int, _Speaker],
    resolver: _Resolver,
) -> tuple[_Speaker | None, str | None]:
    """The speaker a paragraph hands on to a quote opening the next one: the subject of its
    last cue, or, when it ends with a colon, the subject of its last sentence."""
    ps, pe = para
    end = pe
    while end > ps and text[end - 1].isspace():
        end -= 1
    last = max((pos for pos in cue_subjects if ps <= pos < end), default=None)
    if text[end - 1 : end] == ":":
        sent_start = max(sentences.start_of(end - 1), ps)
        if last is not None and last >= sent_start:
            return cue_subjects[last], _ANY_CUE_RE.match(text, last).group().lower()
        subject = _sentence_subject(text, sent_start, end, resolver)
        return (resolver.resolve(subject), None) if subject is not None else (None, None)
    if last is None or last < max(sentences.start_of(end - 1), ps) or text[end - 1 : end] in "”\"":
        return None, None  # only a cue in the paragraph's last sentence, outside any quote
    return cue_subjects[last], _ANY_CUE_RE.match(text, last).group().lower()


_QUOTE_MARK_RE = re.compile("[" + "".join(sorted(DOUBLE)) + "]")
_DASH_END_RE = re.compile(r"(?:^|[-–—])[ \u00a0]*$")
_DASH_START_RE = re.compile(r"[ \u00a0]*[-–—][ \u00a0]*")


def _label_speaker(text: str, ps: int, open_pos: int, resolver: _Resolver) -> _Speaker | None:
    """ "Tom Reyes: “...”", "A HEADLINE - Tom Reyes: “...”": a name standing alone before the
    colon, at the paragraph's start or after a dash, labels the quote (digests, transcripts)."""
    pre = text[ps:open_pos].rstrip(" \u00a0")
    if not pre.endswith(":"):
        return None
    colon = ps + len(pre) - 1
    mentions = resolver.mentions_in(max(ps, colon - 120), colon)
    if not mentions or text[mentions[-1].end : colon].strip():
        return None
    ent = mentions[-1]
    if not _DASH_END_RE.search(text[ps : ent.start]):
        return None
    return _from_mention(ent, ent.start)


def _signature_speaker(
    text: str, span: Span, paragraphs: list[tuple[int, int]], resolver: _Resolver
) -> _Speaker | None:
    """ "“...”¶- Tom Reyes.": a signature line after a paragraph that is all quote."""
    if span.para + 1 >= len(paragraphs):
        return None
    if text[span.close + 1 : paragraphs[span.para][1]].strip(" .\u00a0"):
        return None
    ns, ne = paragraphs[span.para + 1]
    dash = _DASH_START_RE.match(text, ns)
    if dash is None:
        return None
    for ent in resolver.mentions_in(dash.end(), min(ne, dash.end() + 80)):
        if len(text[dash.end() : ent.start].split()) > 2:  # "-Former Gov. Ann Brook"
            return None
        return _from_mention(ent, dash.end())
    return None


def _colon_subject(
    text: str, sent_start: int, open_pos: int, resolver: _Resolver
) -> _Speaker | None:
    """ "Okafor backed up his claim ...: “...": the sentence subject speaks."""
    pre = text[sent_start:open_pos].rstrip()
    if pre.endswith(","):
        # "Trump issued a statement, “We must act.”": a named sentence subject speaks a
        # whole sentence set off by a comma, unless asked it ("X was asked, “...?”").
        if any(
            _PASSIVE_RE.search(text, max(sent_start, m.start() - 12), m.start())
            for m in _CUE_RE.finditer(text, sent_start, open_pos)
        ):
            return None
        subject = _sentence_subject(text, sent_start, open_pos, resolver)
        nxt = text[open_pos + 1 : open_pos + 3].lstrip()
        if subject is None or subject.kind != SpeakerKind.NAME or not nxt[:1].isupper():
            return None
        return resolver.resolve(subject)
    if not pre.endswith(":"):
        return None
    subject = _sentence_subject(text, sent_start, open_pos, resolver)
    return resolver.resolve(subject) if subject is not None else None


def _is_partial(text: str, s: int, span: Span, sent_start: int, ps: int, cue: str | None) -> bool:
    """A fragment woven into the reporter's sentence, not a quoted sentence of its own."""
    first = next((c for c in text[s : s + 20] if c.isalpha()), "")
    if first.islower():
        return True
    pre = text[sent_start : span.open].strip()
    if not pre or pre in {"(", "—", "–", "-"} or span.open == ps:
        return False
    if pre.endswith(":"):
        return False
    # "Lind told reporters, “We ...”": a cue among the last words before the comma.
    last_words = [w.rstrip(",") for w in pre.split()[-4:]]
    return not (pre.endswith(",") and cue is not None and cue in last_words)


def _indirect_quote(
    text: str, clause_start: int, sentences: _Sentences, subject: _Speaker, cue: str
) -> QuoteMention | None:
    """ "Okafor also denied that <clause>": the clause, to the end of the sentence."""
    end = sentences.end_of(clause_start)
    chained = _AND_CUE_RE.search(text, clause_start, end)
    if chained:  # "warned that <clause>, and predicted that ...": one clause per cue
        end = chained.start()
    clause = text[clause_start:end]
    mark = next((i for i, c in enumerate(clause) if c in DOUBLE), -1)
    if mark >= 0:
        # "noted that <clause>, but said the White House “...”": keep the clause before "but".
        cut = _BUT_RE.search(clause, 0, mark)
        if cut is None:
            return None
        end = clause_start + cut.start()
        clause = text[clause_start:end]
    e = clause_start + len(clause.rstrip())
    while e > clause_start and text[e - 1] in ".!?;:, ":
        e -= 1
    if len(_WORD_RE.findall(text, clause_start, e)) < 4 or (
        subject.name is None and subject.type == SpeakerType.UNKNOWN
    ):
        return None
    return _mention(text, clause_start, e, subject, cue, False, True)


def _is_speech(q: QuoteMention) -> bool:
    """Not a scare quote: three words or more, and a fragment of three words woven into the
    reporter's sentence ("the “law and order” issue") only when someone is said to say it."""
    words = len(_WORD_RE.findall(q.text))
    if words < MIN_WORDS:
        return False
    return not (q.partial and words <= SCARE_WORDS and q.speaker is None and q.cue is None)


def _opens_paragraph(text: str, pos: int) -> bool:
    return pos == 0 or not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


def _share_speakers(
    text: str,
    direct: list[QuoteMention],
    meta: list[tuple[Span, int]],
    indirect: list[QuoteMention],
) -> list[QuoteMention]:
    """Quotes left without a speaker take it from their continuation chain, their sentence,
    the nearest attributed quote earlier in the paragraph (split quotes), or an indirect
    statement just before them in the paragraph."""
    out = list(direct)
    sentence_of: dict[tuple[int, int], list[int]] = {}
    chain_of: dict[int, list[int]] = {}
    for i, (span, sent) in enumerate(meta):
        sentence_of.setdefault((span.para, sent), []).append(i)
        chain_of.setdefault(span.chain, []).append(i)
    reported = sorted((q for q in indirect if q.speaker is not None), key=lambda q: q.end)
    reported_ends = [q.end for q in reported]
    for _ in range(2):
        last_in_para: dict[int, int] = {}  # paragraph -> last attributed quote so far
        for i, q in enumerate(out):
            span, sent = meta[i]
            if q.speaker is None:
                # Continuation chains run across paragraphs; within one, the sentence decides.
                members = chain_of[span.chain]
                single_para = meta[members[0]][0].para == meta[members[-1]][0].para
                chain = [] if single_para else [j for j in members if meta[j][0].para != span.para]
                group = sorted({*chain, *sentence_of[(span.para, sent)]} - {i})
                donor = next((out[j] for j in group if out[j].speaker is not None), None)
                if donor is None and span.para in last_in_para:
                    donor = out[last_in_para[span.para]]
                if donor is None:
                    k = bisect.bisect_right(reported_ends, q.start) - 1
                    near = k >= 0 and q.start - reported[k].end < 200
                    if near and "\n" not in text[reported[k].end : q.start]:
                        donor = reported[k]
                if donor is None and i + 1 < len(out) and out[i + 1].speaker is not None:
                    # "“A.”¶“B,” said X.": a quote paragraph without attribution, followed by
                    # a quote that opens the next paragraph and names its speaker.
                    nspan = meta[i + 1][0]
                    whole = not text[q.end : span.close + 1].strip(" ,.!?”\"»\u00a0")
                    if nspan.para == span.para + 1 and whole and _opens_paragraph(text, nspan.open):
                        donor = out[i + 1]
                if donor is not None:
                    out[i] = replace(
                        q,
                        speaker=donor.speaker,
                        speaker_type=donor.speaker_type,
                        cue=q.cue or donor.cue,
                        speaker_start=donor.speaker_start,
                        speaker_end=donor.speaker_end,
                    )
            if out[i].speaker is not None:
                last_in_para[span.para] = i
    return out


# The gap between two pieces of one quote: the closing mark, the attribution (which may hold a
# short quoted title: 'Reyes told NBC's "Meet the Press." "...'), the opening mark.
_SPLIT_GAP_RE = re.compile(
    r"([,?!—–…-]?)[ \u00a0]*[”\"»“][ \u00a0]*"
    r"((?:[^“”\"«»\n]|[“\"«][^“”\"«»\n]{1,60}[”\"»]){1,250}?)"
    r"[ \u00a0]*([.,]?)[ \u00a0]*[“\"«]"
)
_PURE_ATTRIBUTION_RE = re.compile(
    r"(?:[\w’'.-]+[ \u00a0]+){0,4}" + alternation(CUE_VERBS) + r"(?:[ \u00a0]+[\w’'-]+){0,2}"
)  # "Reyes continued", "Brook pressed on"
_AND_TAIL_RE = re.compile(r",[ \u00a0]+(?:and|but|or)$")
_NEW_SENTENCE_RE = re.compile(r"(\S+)[.!?][ \u00a0]+[A-Z]")
_ABBREVIATIONS = ABBREVIATIONS


def _has_sentence_break(clause: str) -> bool:
    """Whether a sentence ends inside ``clause`` (not at "Gov. Lind" or "J. Okafor")."""
    for m in _NEW_SENTENCE_RE.finditer(clause):
        word = m.group(1).rsplit(" ", 1)[-1]
        if not (word + "." in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            return True
    return False


def _splits_one_quote(text: str, a: QuoteMention, b: QuoteMention) -> bool:
    """ "“A,” X said. “B.”": one quotation interrupted by its attribution."""
    m = _SPLIT_GAP_RE.fullmatch(text, a.end, b.start)
    if m is None:
        return False
    clause = m.group(2)
    lead = m.group(1) or text[a.end - 1]
    if (
        not m.group(3)
        and not clause.rstrip().endswith(("”", '"', "»"))
        and not (_AND_TAIL_RE.search(clause) and text[b.start : b.start + 1].islower())
    ):
        # "“A,” X said “B”" without punctuation: two fragments; but "“A,” she said, and
        # “b.”" goes on with the same sentence.
        return False
    if (
        lead not in ",?!—–-…"
        and not clause[:1].islower()
        and not (m.group(3) == "." and _PURE_ATTRIBUTION_RE.fullmatch(clause))
    ):
        return False  # "“A.” He added, “B.”": a new sentence introduces a new quote
    if len(clause.split()) > 30 or _has_sentence_break(clause):
        return False
    return _CUE_RE.search(clause) is not None


def _joined_words(text: str, segments: list[tuple[int, int]]) -> str:
    """The pieces of one quotation as one run of the speaker's words. A piece cut by its
    attribution lost its closing punctuation (the reporter's comma): a next piece that opens
    with a capital starts a new sentence (". "), one that opens in lower case goes on (", ")."""
    out = ""
    for a, b in segments:
        piece = text[a:b].strip()
        if not piece:
            continue
        if out and out[-1] not in ".!?…:;,-—":
            out += ". " if piece[0].isupper() else ", "
        elif out:
            out += " "
        out += piece
    return out


def _join_pieces(
    text: str, quotes: list[QuoteMention], meta: list[tuple[Span, int]]
) -> list[QuoteMention]:
    """One quotation, one record: pieces split by their attribution ("“A,” X said. “B.”") and
    paragraphs that continue an unclosed quote become one quote spanning them all."""
    out: list[QuoteMention] = []
    last_span: Span | None = None
    for q, (span, _) in zip(quotes, meta):
        prev = out[-1] if out else None
        joined = prev is not None and last_span is not None and (
            (last_span.chain == span.chain and not last_span.closed and last_span.para != span.para)
            or (last_span.para == span.para and _splits_one_quote(text, prev, q))
        )
        if joined and (prev.speaker is None or q.speaker is None or prev.speaker == q.speaker):
            donor = prev if prev.speaker is not None else q
            segments = prev.pieces() + q.pieces()
            out[-1] = replace(
                prev,
                end=q.end,
                text=_joined_words(text, segments),  # the speaker's words only
                segments=segments,
                speaker=donor.speaker,
                speaker_type=donor.speaker_type,
                cue=prev.cue or q.cue,
                speaker_start=donor.speaker_start,
                speaker_end=donor.speaker_end,
            )
        else:
            out.append(q)
        last_span = span
    return out
