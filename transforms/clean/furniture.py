"""Site furniture out of plain-text article dumps, line by line.

Text dumps keep what a web page wraps around an article: copyright and reprint notes at the
top, newsletter, donation and comment prompts, "Related Posts" lists at the bottom, captions
and credits in between.  Two kinds of rules remove it:

* vocabulary rules (``furniture_rules``) match a short line anywhere, and an appeal for money
  is told by how many donation phrases one paragraph addressed to the reader holds;
* structural rules look at position: the headline and its repeats, breadcrumb-glued first
  lines and datelines at the top, headline-like lines caught between furniture at the bottom,
  the short link titles after a "Related Posts" heading.

Being wrong costs more one way than the other: a furniture line left in is noise, a body
sentence taken out is lost evidence.  So short lines inside the body ("And international law.",
an interview question, a section heading) are kept unless a rule names them.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from transforms.clean.furniture_rules import (
    APPEAL_CUES,
    APPEAL_MAX_WORDS,
    APPEAL_MIN_CUES,
    BREADCRUMB_SITE_RE,
    BYLINE_MAX_WORDS,
    BYLINE_RE,
    CAPTION_CREDIT_RE,
    CAPTION_MAX_WORDS,
    DATELINE_HINT_RE,
    DATELINE_MAX_WORDS,
    DATELINE_PREFIX_RE,
    GLUED_PREFIX_RE,
    LIST_HEADING_KINDS,
    OUTLET_HINT_RES,
    RULES,
    SECOND_PERSON_RE,
    SENTENCE_END,
    SITE_VOICE,
    UPDATED_MAX_WORDS,
    UPDATED_RE,
)
from transforms.clean.metadata import outlet_display_name, parse_published

LOGGER = logging.getLogger(__name__)

BODY_LINE_MIN_WORDS = 12  # a sentence-ending line this long marks the end of the top matter
TITLE_MAX_WORDS = 30
HEADLINE_MAX_WORDS = 20  # headline-like: this short and not ending like a sentence
TITLE_SIMILARITY = 80  # rapidfuzz score (0-100) above which a top line repeats the title
GLUED_TITLE_MIN_WORDS = 3  # a shorter line is too common to prove a title is glued
GLUED_PREFIX_MAX_CHARS = 60  # breadcrumbs and site names glued to a title are short


@dataclass(frozen=True, slots=True)
class FurnitureResult:
    """A text split into its body and what was taken out of it (kept for metadata)."""

    body: str
    removed: tuple[str, ...]  # every removed line, in text order (title and dateline included)
    outlet_hint: str | None  # outlet named by the furniture ("The work of X is supported by")
    updated_note: str | None  # "Updated at 09:12. Adds the mayor's reply."
    dateline: str | None  # "4:45 PM EDT, October 9, 2023"
    byline: str | None  # "By Jane Doe"
    title: str | None = None  # headline found in the text (None when a clean one was given)


@dataclass(slots=True)
class _Line:
    text: str
    block: int  # paragraph number: lines of one block were not separated by a blank line
    words: int
    kind: str | None = None  # None: body; else why the line is furniture or metadata


def normalise_text(text: str) -> str:
    """NFC, Unix newlines: the only character-level changes the body ever gets."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _norm_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _ends_like_sentence(text: str) -> bool:
    return bool(text) and text[-1] in SENTENCE_END


def _headline_like(line: _Line, max_words: int = HEADLINE_MAX_WORDS) -> bool:
    return line.words <= max_words and not _ends_like_sentence(line.text)


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            block += 1
            continue
        lines.append(_Line(stripped, block, len(stripped.split())))
    return lines


def _given_title_line(title: str | None) -> _Line | None:
    """The given title as a line that sits above the text (block -1), or None when blank."""
    if not title or not title.strip():
        return None
    text = " ".join(normalise_text(title).split())
    return _Line(text, -1, len(text.split()))


def _is_appeal(line: _Line) -> bool:
    """A paragraph spoken to the reader that holds several distinct donation phrases."""
    if line.words > APPEAL_MAX_WORDS or not SECOND_PERSON_RE.search(line.text):
        return False
    cues = 0
    for cue in APPEAL_CUES:
        if cue.search(line.text):
            cues += 1
            if cues >= APPEAL_MIN_CUES:
                return True
    return False


_RULE_WORD_LIMITS = sorted({rule.max_words for rule in RULES})
_SITE_VOICE_RE = re.compile(SITE_VOICE, re.IGNORECASE)


@cache
def _rules_pattern(size: int, headline: bool, voice: bool
                   ) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The vocabulary rules a line may match as one pattern, a branch per rule in their order
    (so the first rule that matches wins, as when tried one by one), and the kind of each
    branch by its group name.  ``size``: the line's word count as the number of rule word
    limits below it; ``headline``: the line does not end like a sentence; ``voice``: the line
    is in the site's voice (a rule that asks for it cannot match another line)."""
    rules = [rule for rule in RULES if bisect.bisect_left(_RULE_WORD_LIMITS, rule.max_words) >= size
             and (headline or not rule.headline_only)
             and (voice or not rule.pattern.pattern.startswith(SITE_VOICE))]
    if not rules:
        return None, {}
    pattern = "|".join(f"(?P<r{n}>{rule.pattern.pattern})" for n, rule in enumerate(rules))
    return re.compile(pattern, re.IGNORECASE), {f"r{n}": rule.kind for n, rule in enumerate(rules)}


def _lexicon_kind(line: _Line) -> str | None:
    text = line.text
    pattern, kinds = _rules_pattern(bisect.bisect_left(_RULE_WORD_LIMITS, line.words),
                                    not _ends_like_sentence(text),
                                    _SITE_VOICE_RE.match(text) is not None)
    match = pattern.match(text) if pattern is not None else None
    if match is not None:
        return kinds[match.lastgroup]  # type: ignore[index]
    if _is_appeal(line):
        return "donation"
    if line.words <= UPDATED_MAX_WORDS and UPDATED_RE.match(text):
        return "updated"
    if line.words <= CAPTION_MAX_WORDS and CAPTION_CREDIT_RE.fullmatch(text):
        return "caption"
    return None


def _furniture_kind(line: _Line) -> str | None:
    """A lexicon kind, or "supported_by" for a line that names the outlet in furniture."""
    kind = _lexicon_kind(line)
    if kind is None and any(p.search(line.text) for p in OUTLET_HINT_RES):
        kind = "supported_by"
    return kind


def _outlet_hint(lines: list[_Line]) -> str | None:
    """The outlet named by the most trusted furniture pattern, earliest line first."""
    for pattern in OUTLET_HINT_RES:
        for line in lines:
            if line.words > 30:
                continue
            match = pattern.search(line.text)
            if match:
                return outlet_display_name(match.group("outlet").strip())
    for line in lines:  # least trusted: a domain glued to the front of a breadcrumb
        if line.kind == "breadcrumb":
            match = BREADCRUMB_SITE_RE.match(line.text)
            if match:
                return outlet_display_name(match.group("outlet"))
    return None


def _top_end(lines: list[_Line]) -> int:
    """Index of the first body-looking line: everything before it is top matter."""
    for i, line in enumerate(lines):
        if line.kind is None and line.words >= BODY_LINE_MIN_WORDS and _ends_like_sentence(
            line.text
        ):
            return i
    return len(lines)


def _similar(a: str, b: str) -> bool:
    ka, kb = _norm_key(a), _norm_key(b)
    return max(fuzz.ratio(ka, kb), fuzz.token_sort_ratio(ka, kb)) >= TITLE_SIMILARITY


def _top_kind(line: _Line) -> str | None:
    """"dateline" or "byline" for a short top line that is one, else None."""
    if (
        line.words <= DATELINE_MAX_WORDS
        and DATELINE_HINT_RE.search(line.text)
        and parse_published(DATELINE_PREFIX_RE.sub("", line.text)) is not None
    ):
        return "dateline"
    if line.words <= BYLINE_MAX_WORDS and BYLINE_RE.fullmatch(line.text):
        return "byline"
    return None


def _mark_top(lines: list[_Line], title: str | None) -> str | None:
    """Mark headline, its repeats, breadcrumbs, datelines and bylines; return the headline."""
    end = _top_end(lines)
    for line in lines[:end]:
        if line.kind is None:
            line.kind = _top_kind(line)
    free = [i for i in range(end) if lines[i].kind is None]
    found: str | None = None
    if title is None and free:
        first = free[0]
        cand = lines[first]
        nxt = lines[free[1]] if len(free) > 1 else None
        if nxt is not None and cand.text != nxt.text and _norm_key(cand.text).endswith(
            _norm_key(nxt.text)
        ):
            cand.kind = "breadcrumb"  # "LocalCouncil votes ..." glued to the headline
            cand, nxt = nxt, (lines[free[2]] if len(free) > 2 else None)
        same_block_next = nxt if nxt is not None and nxt.block == cand.block else None
        if (
            cand.words <= TITLE_MAX_WORDS
            and not cand.text.endswith(".")
            and (same_block_next is None or _ends_like_sentence(same_block_next.text))
        ):
            cand.kind = "title"
            found = " ".join(cand.text.split())  # metadata: spaces collapsed
    # Consecutive identical short lines: an image's alt text and caption, a doubled heading.
    for prev, line in itertools.pairwise(lines):
        if _norm_key(prev.text) == _norm_key(line.text) and _headline_like(line):
            prev.kind = prev.kind or "duplicate"
            line.kind = line.kind or "duplicate"
    reference = title or found
    if reference:
        for i in range(end):
            line = lines[i]
            if line.kind is not None or not _headline_like(line, TITLE_MAX_WORDS):
                continue
            key = _norm_key(line.text)
            if _similar(line.text, reference) or (
                len(key) > len(_norm_key(reference)) and key.endswith(_norm_key(reference))
            ):
                line.kind = "title_repeat"
    return found


def _mark_lists(lines: list[_Line]) -> None:
    """After a "Related Posts" heading, the run of short link titles is furniture too."""
    for i, line in enumerate(lines):
        if line.kind not in LIST_HEADING_KINDS:
            continue
        for follower in lines[i + 1 :]:
            if follower.kind is not None:
                continue
            if not _headline_like(follower):
                break
            follower.kind = "list_item"


def _mark_tail(lines: list[_Line]) -> None:
    """Headline-like lines caught between furniture at the end (teasers) are furniture."""
    seen_furniture = False
    for line in reversed(lines):
        if line.kind is not None:
            seen_furniture = True
            continue
        if seen_furniture and _headline_like(line):
            line.kind = "teaser"
            continue
        break


def _dateline(line: str | None) -> str | None:
    """The date itself, without a "Published:" label, so it parses as it stands."""
    if not line:
        return None
    return DATELINE_PREFIX_RE.sub("", line).strip() or None


def _glued_repeat(given: _Line, lines: list[_Line], end: int) -> _Line | None:
    """The top line that ``given`` repeats with a breadcrumb or site name glued to its front.

    "LocalCouncil votes ..." over "Council votes ...": the prefix must be short and either
    glued on without a space or cut off by a breadcrumb separator, so an ordinary title
    ("The vote in the council") is never shortened to a line that merely ends the same way.
    """
    for line in lines[:end]:
        if line.kind is not None or line.words < GLUED_TITLE_MIN_WORDS:
            continue
        if not _headline_like(line, TITLE_MAX_WORDS):
            continue
        tail = " ".join(line.text.split())
        if len(tail) >= len(given.text) or not given.text.endswith(tail):
            continue
        if tail[0].isalpha() and not tail[0].isupper():
            continue  # a headline starts with a capital; "s vote on ..." is a coincidence
        prefix = given.text[: len(given.text) - len(tail)]
        if len(prefix) <= GLUED_PREFIX_MAX_CHARS and GLUED_PREFIX_RE.fullmatch(prefix):
            return line
    return None


def strip_furniture(text: str, title: str | None = None) -> FurnitureResult:
    """Split ``text`` into body and furniture.

    ``title`` is the headline a record field (or a reader's "first line") gave.  A clean one is
    trusted: its repeats are removed and no other headline is guessed (``result.title`` stays
    None).  One that is furniture itself ("Copyright © 2021") is set aside and the headline is
    guessed from the text; one with a breadcrumb glued to its front is replaced by the clean
    repeat found in the text.  In both cases ``result.title`` is the headline found, and the
    given line joins the furniture so it still yields metadata (an outlet named in it).
    Without ``title``, a short first line that does not end in a full stop is the headline.
    """
    lines = _split_lines(normalise_text(text))
    for line in lines:
        line.kind = _furniture_kind(line)
    given = _given_title_line(title)
    reference: str | None = None
    glued = False
    if given is not None:
        given.kind = _furniture_kind(given) or _top_kind(given)
        repeat = None if given.kind else _glued_repeat(given, lines, _top_end(lines))
        glued = repeat is not None
        if repeat is not None:
            given.kind, repeat.kind = "breadcrumb", "title"
            reference = " ".join(repeat.text.split())
        if given.kind is None:
            reference = given.text  # trusted as it is
            given = None
        else:
            LOGGER.debug("furniture: given title %r is %s", given.text, given.kind)
            lines.insert(0, given)
    found_title = _mark_top(lines, reference)
    if glued:
        found_title = reference
    _mark_lists(lines)
    _mark_tail(lines)
    outlet_hint = _outlet_hint(lines)

    def first(kind: str) -> str | None:
        return next((line.text for line in lines if line.kind == kind), None)

    blocks: dict[int, list[str]] = {}
    for line in lines:
        if line.kind is None:
            blocks.setdefault(line.block, []).append(line.text)
    body = "\n\n".join("\n".join(block) for block in blocks.values())
    removed = tuple(line.text for line in lines if line.kind is not None)
    LOGGER.debug("furniture: removed %d of %d lines", len(removed), len(lines))
    return FurnitureResult(
        body=body,
        removed=removed,
        outlet_hint=outlet_hint,
        updated_note=first("updated"),
        dateline=_dateline(first("dateline")),
        byline=first("byline"),
        title=found_title,
    )
