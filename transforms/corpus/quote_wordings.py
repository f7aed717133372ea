"""Wording diffs within groups of matched quotes: how each outlet's wording departs from the first.

The earliest dated wording of a group is the reference (undated ones come last, ties by quote
id), so a rerun over the same corpus gives the same diffs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from transforms.corpus.quote_matching import quote_diff

QuoteRow = tuple[str, str, str | None, datetime | None]  # quote_id, text, speaker, published_at


def wording_diffs(rows: Iterable[QuoteRow], canonical: Mapping[str, str]) -> dict[str, str]:
    """For each quote worded differently from its group's earliest wording, the diff."""
    groups: dict[str, list[tuple]] = {}
    for quote_id, text, _speaker, published in rows:
        groups.setdefault(canonical.get(quote_id, quote_id), []).append(
            (published is None, published or 0, quote_id, text))
    diffs = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        first_text = min(members)[3]
        for *_, quote_id, text in members:
            if text != first_text:
                diffs[quote_id] = quote_diff(first_text, text)
    return diffs
