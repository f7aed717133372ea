"""What a figure measures, as one comparable key: figures in one story with the same key are
the same measure stated by different outlets, so a conflict between them is a disagreement."""

from __future__ import annotations

import re

from transforms.extract.figures.kinds import FigureKind


def head_noun(phrase: str | None) -> str | None:
    """The last word of a noun phrase, lower-cased, without a possessive: what it names."""
    if not phrase:
        return None
    last = re.sub(r"[’']s$", "", phrase.split()[-1].lower()).strip(".,;:")
    return last if last.isalpha() else None


def measure_key(
    kind: FigureKind, unit: str | None, counted: str | None, per: str | None, when: str | None
) -> str | None:
    """What a figure measures, as one comparable string: kind, unit, counted thing, rate period
    and time reference.  ``None`` when the text does not say what is counted, so that figure is
    never compared with another."""
    if not counted:
        return None
    return "|".join((str(kind), unit or "", counted, per or "", when or ""))
