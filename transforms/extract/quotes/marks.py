"""Quote marks paired into quotation spans, paragraph by paragraph.

One pass pairs the marks of each paragraph, judging every mark by its neighbours (an apostrophe
is no mark), so an unbalanced or mixed mark can never swallow the rest of an article; an open
double quote continues only into a paragraph that reopens with a mark (the news convention).
A single mark left open at its paragraph's end ("the '70s") is dropped and the paragraph paired
again; marks inside markup tags are attribute delimiters; AP style closes a nested quote with a
space between the marks ("'above the law,' \"").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ENGLISH_OPEN = frozenset('“"')
DOUBLE = frozenset('"“”„«»')
MARK_RE = re.compile("[\"“”„«»‘’'‹›‚]")
_OPEN_SPACE = frozenset("([{—–-/:\u00a0")
_CLOSE_SPACE = frozenset(".,;:!?)]}—–-…\u00a0")
_LINE_RE = re.compile(r"[^\n]+")
NEST_LOOKAHEAD = 1500  # chars searched for the closing marks of a nested double quote
MAX_REPAIRS = 3  # times a paragraph is paired again without a stray single mark
_TAG_RE = re.compile(r"<[A-Za-z/][\w:-]*(?:[ \n][^<>]{0,400})?>")

@dataclass(slots=True)
class Span:
    """A paired quotation: inner text offsets plus how it was delimited."""

    open: int
    close: int  # offset of the closing mark (or paragraph end when left open)
    para: int  # index of the paragraph
    chain: int  # spans of one continuation chain share this id
    closed: bool


def _mark_flags(ch: str, prev: str, nxt: str) -> tuple[bool, bool]:
    """Whether a quote mark can open and/or close, judged by its neighbours."""
    prev_space = prev == "" or prev.isspace() or prev in _OPEN_SPACE
    next_space = nxt == "" or nxt.isspace() or nxt in _CLOSE_SPACE
    if ch in "“„«‹‚":
        return (ch != "“" or not (not prev_space and next_space)), ch == "“" and not prev_space
    if ch in "”»›":
        return prev_space and not next_space, not (prev_space and not next_space)
    if ch == '"':
        return prev_space and not (nxt == "" or nxt.isspace()), not prev_space
    if ch in "‘’'":
        if prev.isalnum() and nxt.isalnum():
            return False, False  # an apostrophe ("don't", "Okafor’s")
        return prev_space and nxt.isalnum(), not prev_space and not nxt.isalnum()
    return False, False


def _nests(text: str, pos: int, pe: int) -> bool:
    """A second “ inside an open “ nests (the writer used doubles for the inner quote) when
    enough ” follow in the paragraph to close both; otherwise the first “ was stray. Only a
    quote's length ahead is counted, so a wall of marks stays linear."""
    end = min(pe, pos + 1 + NEST_LOOKAHEAD)
    return text.count("”", pos + 1, end) - text.count("“", pos + 1, end) >= 2


def pair_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[Span]:
    """Pair quote marks within each paragraph; an open quote continues only into a paragraph
    that reopens with a mark (the news convention), otherwise it ends with its paragraph."""
    spans: list[Span] = []
    chain_id = 0
    carried = False  # previous paragraph left a double quote open and this one reopens
    p_index = 0
    # Single marks found stray (left open at their paragraph's end) and marks inside markup
    # tags ('<tweet author="@x">'), which delimit attribute values, not quotations.
    skip: set[int] = set()
    if "<" in text:
        for tag in _TAG_RE.finditer(text):
            skip.update(m.start() for m in MARK_RE.finditer(text, tag.start(), tag.end()))
    repairs = 0
    while p_index < len(paragraphs):
        ps, pe = paragraphs[p_index]
        state = (len(spans), chain_id, carried)
        outer: tuple[bool, int] | None = None  # (is_double, position)
        nested = 0
        if not carried:
            chain_id += 1
        carried_now = carried
        carried = False
        for m in MARK_RE.finditer(text, ps, pe):
            pos = m.start()
            if pos in skip:
                continue
            ch = text[pos]
            can_open, can_close = _mark_flags(
                ch, text[pos - 1] if pos > ps else "", text[pos + 1] if pos + 1 < pe else ""
            )
            if (
                ch == '"'
                and text[pos - 2 : pos] in ("' ", "’ ")
                and not (pos + 1 < pe and text[pos + 1].isalnum())
            ):
                # "... 'above the law,' " said X": a space keeps the two closing marks apart.
                can_open, can_close = False, True
            is_double = ch in DOUBLE
            if outer is None:
                if can_open:
                    outer, nested = (is_double, pos), 0
                continue
            if is_double != outer[0]:
                if not outer[0] and is_double:  # doubles nested inside a single quote
                    nested += (
                        1 if can_open and not can_close else (-1 if nested and can_close else 0)
                    )
                continue
            if nested and can_close:
                nested -= 1
            elif can_close:
                if (
                    not carried_now
                    and spans
                    and spans[-1].chain == chain_id
                    and spans[-1].para != p_index
                ):
                    chain_id += 1  # a fresh quote after the continued one ends the chain
                spans.append(Span(outer[1], pos, p_index, chain_id, True))
                outer = None
                carried_now = False
            elif (
                can_open
                and nested == 0
                and ch in ENGLISH_OPEN
                and text[outer[1]] in ENGLISH_OPEN
                and not (ch == text[outer[1]] == "“" and _nests(text, pos, pe))
            ):
                # English nests with single marks, so a second “ means the first was stray:
                # restart here rather than swallow the real quote that follows.
                outer = (is_double, pos)
            elif can_open:
                nested += 1
        if outer is not None and not outer[0] and repairs < MAX_REPAIRS:
            # A single mark never closed ("the late '70s", a stray ‘) would hide the double
            # quotes after it: pair the paragraph again without it (a few times at most).
            skip.add(outer[1])
            del spans[state[0] :]
            chain_id, carried = state[1], state[2]
            repairs += 1
            continue
        repairs = 0
        if outer is not None and outer[0]:
            nxt = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            reopens = nxt is not None and text[nxt] in '“„«"'
            end = pe
            while end > outer[1] + 1 and text[end - 1].isspace():
                end -= 1
            spans.append(Span(outer[1], end, p_index, chain_id, False))
            carried = reopens
        p_index += 1
    return spans


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE_RE.finditer(text) if m.group().strip()]


def inner(text: str, span: Span) -> tuple[int, int]:
    s, e = span.open + 1, span.close
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e
