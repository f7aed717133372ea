"""The one sentence splitter: cheap spans over raw text, for bisecting an offset to its sentence.

Sentences end at ``.!?…`` before a capital or digit, or at a line break; abbreviations
(``lexicons/abbreviations.txt``) and initials do not end one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.lexicons import lines

_SENTENCE_REACH = 600  # longest stretch either side of an offset taken as its sentence
_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n\s*")
_ABBREV = frozenset(lines("abbreviations.txt"))
_INITIAL = re.compile(r"[A-Z]\.")


@dataclass(frozen=True, slots=True)
class Sentences:
    """Sentence spans of a text, for bisecting a figure's offset to its sentence."""

    starts: list[int]
    ends: list[int]

    def span(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos``, clipped to ``_SENTENCE_REACH`` characters either side
        (text without full stops would otherwise make one sentence of everything)."""
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return max(self.starts[i], pos - _SENTENCE_REACH), min(self.ends[i], pos + _SENTENCE_REACH)

    def previous(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.starts, pos) - 2
        if i < 0:
            return None
        return max(self.starts[i], self.ends[i] - _SENTENCE_REACH), self.ends[i]


@lru_cache(maxsize=4)
def split_sentences(text: str) -> Sentences:
    """Cheap sentence spans: ends at .!? before a capital or at a newline, abbreviations kept.

    Cached for the last few texts: the entity tagger and the figure extractor split the same
    body one after the other (callers only read the spans)."""
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.group().strip() and not m.group().startswith("\n"):
            word_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            token = text[word_start : m.start() + 1].lstrip("([\"“‘'")  # "(P. Simmons"
            if token in _ABBREV or token.capitalize() in _ABBREV or _INITIAL.fullmatch(token):
                continue
        end = m.end() if not m.group().startswith("\n") else m.start()
        _add_span(text, pos, end, starts, ends)
        pos = m.end()
    _add_span(text, pos, len(text), starts, ends)
    if not starts:
        starts, ends = [0], [len(text)]
    return Sentences(starts, ends)


def _add_span(text: str, start: int, end: int, starts: list[int], ends: list[int]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        starts.append(start)
        ends.append(end)
