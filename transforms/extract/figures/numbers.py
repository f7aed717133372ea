"""Numbers as written, to values: digits with separators, number words, scale words, and the
bounds a qualifier implies (see the conventions in ``extractor``)."""

from __future__ import annotations

import re

from transforms.extract.figures import rules as lex


def to_float(digits: str) -> float:
    """"1,234.5", "10 000", tokenised "32 . 99" -> a float."""
    return float(re.sub(r"[,\s\u00a0\u202f]", "", digits.replace(" . ", ".")))


def word_value(text: str) -> float:
    """Value of a written-out number: "two hundred thousand" -> 200000, "a dozen" -> 12."""
    total = 0.0
    current = 0.0
    for tok in re.split(r"[\s-]+", text.lower()):
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


def scale_factor(scale: str | None) -> float:
    if not scale:
        return 1.0
    key = scale.strip().lower()
    return lex.SCALE_LONG.get(key) or lex.SCALE_SHORT.get(key, 1.0)


def bounds(value: float | None, qual_kind: str | None) -> tuple[float | None, float | None]:
    if value is None:
        return None, None
    if qual_kind == "low":
        return value, None
    if qual_kind == "high":
        return None, value
    if qual_kind == "approx":
        return None, None
    return value, value
