"""The reports an article relies on: "according to NBC News", "citing a report by ...", links.

Aggregators and commentary sites mostly retell other outlets' reporting; the citations table
records which outlet each article leans on, so a story can be traced back to its origin.
Only outlets count: "according to one senior official" names a source, not a report, and is
left to the quote extractor.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from transforms.clean.citation_rules import (
    ANCHOR_WINDOW_CHARS,
    CUE_PATTERNS,
    LINK_WINDOW_CHARS,
    NOT_OUTLET_WORDS,
    URL_RE,
)
from transforms.clean.outlets import (
    NON_OUTLET_DOMAINS,
    decide_outlet,
    outlet_name,
    registered_domain,
)
from transforms.records import Citation

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    outlet: str
    cue: str
    rank: int  # position of the pattern in CUE_PATTERNS: lower wins ties
    url: str | None = None


def _name_is_outlet(name: str) -> bool:
    """An unknown capitalised name may be an outlet unless it is a pronoun, place or office."""
    words = name.casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return False
    return words[0] not in NOT_OUTLET_WORDS and " ".join(words) not in NOT_OUTLET_WORDS and not all(
        w in NOT_OUTLET_WORDS for w in words)


def _matches(body: str, pattern: re.Pattern[str], windows: list[tuple[int, int]] | None
             ) -> Iterator[re.Match[str]]:
    """All matches, or only those in the windows around an anchor keyword (same result, far
    fewer attempts).

    A window may yield a match twice or cut one short at its right edge; ``_dedupe`` keeps
    the longest match at each start.
    """
    if windows is None:
        yield from pattern.finditer(body)
        return
    for start, end in windows:
        yield from pattern.finditer(body, start, end)


def _windows(body: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches of ``body`` around each hit of ``anchor`` that its patterns are tried in."""
    return [(max(0, hit.start() - ANCHOR_WINDOW_CHARS), hit.end() + ANCHOR_WINDOW_CHARS)
            for hit in anchor.finditer(body)]


def _cue_candidates(body: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    haystack = "\n" + body  # a needle "\n..." also finds the body's first line
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}  # per anchor, found once
    for rank, (cue, pattern, anchor, needles) in enumerate(CUE_PATTERNS):
        if needles is not None and not any(needle in haystack for needle in needles):
            continue  # no match can hold none of them
        if anchor is not None and anchor not in windows:
            windows[anchor] = _windows(body, anchor)
        for match in _matches(body, pattern, None if anchor is None else windows[anchor]):
            groups = match.groupdict()
            if groups.get("outlet"):
                outlet = outlet_name(groups["outlet"])
            elif groups.get("name") and _name_is_outlet(groups["name"]):
                outlet = outlet_name(groups["name"])
            else:
                continue
            if not outlet:  # "Home reported", "Copyright 2014": no outlet's name
                continue
            label = cue
            if cue == "said" and (groups.get("verb") or "").startswith("report"):
                label = "reported"
            found.append(_Candidate(match.start(), match.end(), outlet, label, rank))
    return found


def _link_candidates(body: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for match in URL_RE.finditer(body):
        url = match.group(0)
        domain = registered_domain(url)
        if domain is None or domain in NON_OUTLET_DOMAINS:
            continue
        outlet = decide_outlet([url], [])
        if outlet:
            found.append(_Candidate(match.start(), match.end(), outlet, "link", len(CUE_PATTERNS),
                                    url if "://" in url else f"http://{url}"))
    return found


def _dedupe(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest match first at each position; a match overlapping a kept one is dropped."""
    kept: list[_Candidate] = []
    last_end = -1
    for cand in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), c.rank)):
        if cand.start >= last_end:
            kept.append(cand)
            last_end = cand.end
    return kept


def _attach_links(body: str, named: list[_Candidate], links: list[_Candidate]) -> list[_Candidate]:
    """A link to the cited outlet just after its name is the same citation: merge the two."""
    result: list[_Candidate] = []
    used: set[int] = set()
    for cand in named:
        for i, link in enumerate(links):
            if i in used or link.outlet != cand.outlet or not (
                0 <= link.start - cand.end <= LINK_WINDOW_CHARS
            ):
                continue
            if "\n" in body[cand.end : link.start]:
                continue
            used.add(i)
            cand = _Candidate(cand.start, link.end, cand.outlet, cand.cue, cand.rank, link.url)
            break
        result.append(cand)
    result.extend(link for i, link in enumerate(links) if i not in used)
    return result


def extract_citations(body: str) -> list[Citation]:
    """Citations of other outlets in ``body``, sorted by offset, overlaps removed."""
    if not body:
        return []
    named = _dedupe(_cue_candidates(body))
    links = _link_candidates(body)
    links = [link for link in links if not any(
        c.start < link.end and link.start < c.end for c in named)]
    merged = _dedupe(_attach_links(body, named, links))
    return [
        Citation(
            start=c.start,
            end=c.end,
            text=body[c.start : c.end],
            cited_outlet=c.outlet or None,
            url=c.url,
            cue=c.cue,
        )
        for c in merged
    ]
