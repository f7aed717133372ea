"""The one word tokenizer: (start, end) offsets of the tokens of raw text.

Why offsets: every record points back into the text it came from, so tokens are spans, never
copies.  Conventions (close to the CoNLL/Penn ones the entity tagger was trained on):
- a possessive "'s" is its own token ("Clinton's" -> "Clinton", "'s"), "O'Brien" is one;
- hyphenated words, "AT&T", numbers with separators ("1,200", "3.5", "1996-08-30") are one;
- initialisms keep their periods ("U.S."), as do abbreviations from ``lexicons/abbreviations.txt``
  and single-letter initials ("J."); any other word's trailing period is its own token;
- any other non-space character is a token of its own.
"""

from __future__ import annotations

import re

from transforms.lexicons import lines

# Lower-cased, without their final period: "mr", "corp", "jan".
ABBREVIATIONS: frozenset[str] = frozenset(a.rstrip(".").lower() for a in lines("abbreviations.txt"))

_TOKEN_RE = re.compile(
    r"""
      (?:[^\W\d_]\.){2,}(?![^\W\d_])                     # initialisms: U.S., U.N., e.g.
    | \d+(?:[-.,:/]\d+)*(?:[^\W\d_]+)?                  # numbers: 1,200 3.5 10:30 1996-08-30 3rd
    | [^\W_]+(?:(?:[-–&/]|['’](?![sS]\b))[^\W_]+)*\.?   # words: Anglo-Dutch O'Brien AT&T, maybe "."
    | ['’][sS]\b                                       # possessive 's
    | \S                                               # any other single character
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the tokens of ``text``, in order."""
    out: list[tuple[int, int]] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        if e - s > 2 and text[e - 1] == "." and text[e - 2].isalpha() and text[s].isalpha() \
                and "." not in text[s:e - 1] and text[s:e - 1].lower() not in ABBREVIATIONS:
            append((s, e - 1))
            append((e - 1, e))
            continue
        append((s, e))
    return out


__all__ = ["ABBREVIATIONS", "tokenize"]
