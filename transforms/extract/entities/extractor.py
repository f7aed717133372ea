"""People and organisation mentions in article text, with roles, from patterns and lexicons.

Why this shape: the nightly run must reach 100,000 words/s per core without downloading a
model, so one compiled regex finds runs of capitalised words ("Russian Defense Minister Sergey
Shoigu"), and each short run is cut into role words, organisations and names with set lookups.
A second pass maps bare surnames ("Arestovich") to the full name introduced in the same text.
Set ``NEWSLEDGER_NER_BACKEND=spacy:<model-or-path>`` to use a spaCy pipeline instead.
"""

from __future__ import annotations

import bisect
import logging
import os
import re
from dataclasses import dataclass

from transforms.corpus.entity_resolution import fold, given_compatible, split_person
from transforms.extract.entities import rules as lex
from transforms.records import EntityMention

LOGGER = logging.getLogger(__name__)

BACKEND_ENV = "NEWSLEDGER_NER_BACKEND"

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽА-ЯЁІЇЄҐ"
_WORD = r"[\w\-]"
# A capitalised token: initials ("U.S.", "R."), hyphenated words, O'Brien; never a possessive 's.
_TOKEN = rf"(?:[{_UPPER}]\.(?:[{_UPPER}]\.)+|[{_UPPER}]\.(?![\w])|[{_UPPER}]{_WORD}*(?:['’](?![sS]\b){_WORD}+)?)"
_CONNECT = "|".join(re.escape(c) for c in lex.RUN_CONNECTORS)
_RUN_RE = re.compile(rf"(?<![\w\-]){_TOKEN}(?:(?:[ \u00a0]+(?:(?:{_CONNECT})[ \u00a0]+)*){_TOKEN})*")
_TOKEN_RE = re.compile(_TOKEN)

_HEADS = lex.alternation(lex.ROLE_HEADS)
# Role heads also modify heads: "secretary general", "deputy head", "chief executive".
_MODS = lex.alternation(lex.ROLE_MODIFIERS | lex.ROLE_HEADS | lex.NATIONALITIES | lex.COUNTRIES)
_ROLE = rf"(?:(?:[\w\-]+['’]s[ \u00a0]+)?(?:(?:{_MODS})(?:['’]s)?[ \u00a0]+){{0,5}}(?:{_HEADS}))(?![\w\-])"
# A role phrase right before a name: "U.S. national security adviser ", "Deputy PM for X, ".
_ROLE_BEFORE_RE = re.compile(
    rf"(?<![\w\-.])({_ROLE}(?:[ \u00a0]+(?:for|of)[ \u00a0]+(?:the[ \u00a0]+)?{_TOKEN}"
    rf"(?:[ \u00a0]+{_TOKEN}){{0,3}})?),?[ \u00a0]*$",
    re.IGNORECASE,
)
# A role phrase in apposition after a name: ", spokesperson for the ".
_ROLE_AFTER_RE = re.compile(
    rf",[ \u00a0]+(?:the[ \u00a0]+|a[ \u00a0]+|an[ \u00a0]+)?({_ROLE})"
    rf"(?:[ \u00a0]+(?:for|of|at|to|with|in)[ \u00a0]+(?:the[ \u00a0]+)?)?",
    re.IGNORECASE,
)
_APPOSITION_RE = re.compile(r",[ \u00a0]+")
_ORG_DESCRIPTOR_RE = re.compile(rf"\b({lex.alternation(tuple(lex.ORG_DESCRIPTORS))})[ \u00a0]+$")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)$")
_ORG_DESCRIPTOR_AFTER_RE = re.compile(
    rf"[ \u00a0]+({lex.alternation(tuple(lex.ORG_DESCRIPTORS_AFTER))})\b"
)
_CUE_RE = re.compile(
    rf"[ \u00a0]+(?:has[ \u00a0]+|had[ \u00a0]+|also[ \u00a0]+|then[ \u00a0]+)?(?:{lex.alternation(lex.SPEECH_CUES)})\b"
)
# State bodies are found from their (rarer) noun, then the word before is checked.
_STATE_BODY_RE = re.compile(
    rf"(?<=[ \u00a0])(?:{lex.alternation(lex.STATE_BODY_NOUNS)})\b", re.IGNORECASE
)
_WORD_BEFORE_RE = re.compile(r"((?:[A-Za-z]\.)+|[\w\-]+)[ \u00a0]+$")
_STATES: frozenset[str] = lex.NATIONALITIES | lex.COUNTRIES
_ROLE_STRIP_RE = re.compile(
    rf"^(?:(?:the|a|an|his|her|its|their|our|[\w\-]+(?=['’]s)|{lex.alternation(lex.NATIONALITIES | lex.COUNTRIES)})(?:['’]s)?[ \u00a0]+)+",
    re.IGNORECASE,
)

_ROLE_WINDOW = 90
_MAX_ORG_TOKENS = 7
_MAX_NAME_TOKENS = 4

_ORG_INDEX: dict[str, tuple[str, str]] = {
    " ".join(surface.lower().split()): (canonical, kind)
    for surfaces, canonical, kind in lex.KNOWN_ORGS
    for surface in surfaces
}
_ORG_FIRST: frozenset[str] = frozenset(k.split(" ", 1)[0] for k in _ORG_INDEX)
_FAMOUS_KEYS: frozenset[str] = frozenset(fold(n) for n in lex.FAMOUS_SURNAMES)
_NOT_NAME: frozenset[str] = (
    lex.STOP_CAPS | lex.MONTHS_DAYS | lex.COUNTRIES | lex.NATIONALITIES | lex.ROLE_HEADS
    | frozenset(lex.ORG_HEADS) | frozenset(k for k in _ORG_INDEX if " " not in k)
)
# Single capitalised words that can be neither a name nor an organisation on their own.
_INERT: frozenset[str] = (
    lex.STOP_CAPS | lex.MONTHS_DAYS | lex.COUNTRIES | lex.NATIONALITIES
) - frozenset(_ORG_INDEX) - lex.ROLE_HEADS - lex.GIVEN_NAMES
_TITLE_WORDS: frozenset[str] = lex.ROLE_HEADS | frozenset({"ex-president", "then-president"})


@dataclass(slots=True)
class _Tok:
    """One capitalised token of a run and the joiner text that precedes it."""

    start: int
    end: int
    low: str
    gap: str  # lower-case connector text before this token ("" for the first)
    acronym: bool  # all capitals, like "MSM" or "EDT": never part of a person's name


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    toks: list[_Tok] = []
    prev = start
    for m in _TOKEN_RE.finditer(text, start, end):
        gap = text[prev:m.start()].strip().lower() if toks else ""
        word = m.group()
        toks.append(_Tok(m.start(), m.end(), word.lower(), gap, len(word) > 1 and word.isupper()))
        prev = m.end()
    return toks


@dataclass(frozen=True, slots=True)
class _Span:
    """A match-like span: start(), end(), group()."""

    s: int
    e: int
    g: str

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self) -> str:
        return self.g


def _role_before(window: str) -> re.Match[str] | None:
    """The role phrase ending ``window``, if any; a cheap word check spares most regex runs."""
    tail = window[-60:].replace("’s", " ").replace("'s", " ").split()
    if not tail:
        return None
    if tail[-1].rstrip(",").lower() not in lex.ROLE_HEADS and not (
        ("for" in tail[-6:] or "of" in tail[-6:])
        and any(w.lower() in lex.ROLE_HEADS for w in tail[-7:])
    ):
        return None
    return _ROLE_BEFORE_RE.search(window)


def _name_like(tok: _Tok) -> bool:
    """A token that can be part of a person's name."""
    low = tok.low
    if low in _NOT_NAME:
        return False
    return len(low) > 1 and not tok.acronym


def _known_org(text: str, toks: list[_Tok], i: int) -> tuple[int, str, str] | None:
    """Longest lexicon organisation starting at token i: (end index, canonical, kind)."""
    if toks[i].low not in _ORG_FIRST:
        return None
    best = None
    for j in range(i, min(len(toks), i + _MAX_ORG_TOKENS)):
        if j > i and toks[j].gap == "and" and best is not None:
            break
        key = " ".join(text[toks[i].start:toks[j].end].lower().split())
        hit = _ORG_INDEX.get(key)
        if hit is not None:
            best = (j + 1, hit[0], hit[1])
    return best


def _generic_org(toks: list[_Tok], i: int) -> tuple[int, str] | None:
    """A phrase ending in an organisation head noun ("Defense Ministry", "Ministry of Defence")."""
    n = len(toks)
    for k in range(i, min(n, i + _MAX_ORG_TOKENS)):
        tok = toks[k]
        if k > i and tok.gap not in ("",):
            return None
        kind = lex.ORG_HEADS.get(tok.low)
        if kind is None:
            low = tok.low
            if (low in lex.ROLE_HEADS or low in lex.GIVEN_NAMES or low in lex.STOP_CAPS
                    or low in lex.MONTHS_DAYS) and not (low in lex.COUNTRIES or low in lex.NATIONALITIES):
                return None
            continue
        end = k + 1
        # "Ministry of Foreign Affairs", "Office of the Ukrainian President"
        while end < n and (
            toks[end].gap in ("of", "for", "of the", "for the")
            or (toks[end].gap in ("", "and") and end > k + 1)
        ):
            if (toks[end].low in lex.GIVEN_NAMES and toks[end].gap == "") or toks[end].low in lex.MONTHS_DAYS:
                break
            end += 1
        if end == i + 1:
            return None  # a lone head noun ("Administration officials") is not a name
        key = " ".join(t.low for t in toks[i:end])
        if key in lex.NOT_ORGS:
            return None
        return end, kind
    return None


def _take_name(toks: list[_Tok], i: int) -> int:
    """End index of a name starting at token i (given name or title already seen)."""
    j = i + 1
    while j < len(toks) and j - i < _MAX_NAME_TOKENS:
        tok = toks[j]
        if tok.gap and not all(w in lex.PARTICLES for w in tok.gap.split()):
            break
        if not (_name_like(tok) or (len(tok.low) == 2 and tok.low.endswith("."))):
            break
        j += 1
    return j


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    type: str
    name: str
    kind: str | None = None


def _segment(text: str, toks: list[_Tok], found: list[_Found], free: list[tuple[int, int]],
             run_end: int) -> None:
    """Cut one capitalised run into organisations, people and leftover tokens."""
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        hit = _known_org(text, toks, i)
        if hit is None and (tok.low in lex.COUNTRIES or tok.low in lex.NATIONALITIES) and i + 1 < n:
            hit = _known_org(text, toks, i + 1)  # "US National Security Council": the body only
            if hit is not None:
                tok = toks[i + 1]
        if hit is not None:
            j, canonical, kind = hit
            found.append(_Found(tok.start, toks[j - 1].end, "organisation", canonical, kind))
            i = j
            continue
        gen = _generic_org(toks, i)
        if gen is not None:
            j, kind = gen
            start = tok.start
            if tok.low == "the":
                start = toks[i + 1].start if i + 1 < j else start
            surface = text[start:toks[j - 1].end]
            found.append(_Found(start, toks[j - 1].end, "organisation", surface, kind))
            i = j
            continue
        low = tok.low
        if low in lex.GIVEN_NAMES and low not in lex.STOP_CAPS and i + 1 < n:
            j = _take_name(toks, i)
            if j > i + 1:
                found.append(_Found(tok.start, toks[j - 1].end, "person", ""))
                i = j
                continue
        before = text[max(0, tok.start - 40):tok.start] if i == 0 else ""
        if i == 0 and low not in lex.GIVEN_NAMES and (m := _ORG_DESCRIPTOR_RE.search(before)):
            j = i + 1  # "energy company DTEK", "aviation agency Rosaviatsia"
            while j < n and j - i < 4 and toks[j].gap == "" and _name_like(toks[j]) \
                    and toks[j].low not in lex.GIVEN_NAMES:
                j += 1
            surface = text[tok.start:toks[j - 1].end]
            found.append(_Found(tok.start, toks[j - 1].end, "organisation", surface,
                                lex.ORG_DESCRIPTORS[m.group(1)]))
            i = j
            continue
        if i == 0 and low not in lex.GIVEN_NAMES and _ORG_DESCRIPTOR_AFTER_RE.match(text, run_end) \
                and all(_name_like(t) and not t.gap and t.low not in lex.GIVEN_NAMES for t in toks[1:]):
            kind = lex.ORG_DESCRIPTORS_AFTER[_ORG_DESCRIPTOR_AFTER_RE.match(text, run_end).group(1)]
            found.append(_Found(tok.start, run_end, "organisation", text[tok.start:run_end], kind))
            break  # "the Anadolu news agency": the whole run names the organisation
        if _name_like(tok):
            titled = i > 0 and toks[i - 1].low in _TITLE_WORDS and toks[i].gap == ""
            if not titled and i == 0:
                titled = _role_before(before) is not None
            j = _take_name(toks, i)
            if not titled and j - i >= 2 and i == 0 and _SENTENCE_START_RE.search(before):
                j = i + 1  # "Later Arestovich said": a sentence-initial word is not a given name
            if any(t.low in lex.GIVEN_NAMES for t in toks[i + 1:j]):
                titled = False  # "Secretary of State Antony Blinken": the name starts at Antony
                j = i + 1
            elif titled and i == 0 and j - i < 2 and before.rstrip().endswith(","):
                titled = False  # "the minister, Budget ..." is not a name; "the minister, Ann Lee" is
            if not titled and j == n and j - i <= 3 and _CUE_RE.match(text, run_end):
                titled = j - i >= 2 or fold(text[tok.start:tok.end]) in _FAMOUS_KEYS
            if not titled and j == i + 1 and fold(text[tok.start:tok.end]) in _FAMOUS_KEYS:
                titled = True
            if titled:
                found.append(_Found(tok.start, toks[j - 1].end, "person", ""))
                i = j
                continue
        free.append((i, tok.start))
        i += 1


def _role_for(text: str, start: int, end: int, orgs: list[_Found],
              runs: list[tuple[int, int]], run_starts: list[int]) -> tuple[str | None, str | None]:
    """Role and affiliation given around a person mention, before the name or in apposition."""
    window = text[max(0, start - _ROLE_WINDOW):start]
    m = _role_before(window)
    if m is not None:
        raw = m.group(1)
        role = _ROLE_STRIP_RE.sub("", raw) or raw
        role_start = start - len(window) + m.start(1)
        affiliation = None
        k = bisect.bisect_left(orgs, role_start, key=lambda o: o.start)
        for org in orgs[max(0, k - 2):k]:  # orgs are disjoint: only the last ones can touch
            if org.end <= role_start and role_start - org.end <= 1:
                idx = bisect.bisect_right(run_starts, org.start) - 1
                affiliation = text[runs[idx][0]:org.end] if idx >= 0 else text[org.start:org.end]
        return role.strip(), affiliation
    m = _ROLE_AFTER_RE.match(text, end)
    if m is not None:
        role = _ROLE_STRIP_RE.sub("", m.group(1)) or m.group(1)
        return role.strip(), _affiliation_at(text, m.end(), orgs, runs, run_starts)
    m = _APPOSITION_RE.match(text, end)
    if m is not None:  # ", White House National Security Council Coordinator"
        idx = bisect.bisect_right(run_starts, m.end()) - 1
        if idx >= 0 and runs[idx][0] == m.end():
            toks = _tokens(text, *runs[idx])
            if len(toks) >= 2 and toks[-1].low in lex.ROLE_HEADS and toks[-1].low not in {"general"}:
                k = len(toks) - 1
                while k > 0 and toks[k - 1].low in lex.ROLE_MODIFIERS and toks[k].gap == "":
                    k -= 1
                aff_end = toks[k - 1].end if k > 0 else None
                if aff_end is not None and _org_within(orgs, m.end(), aff_end):
                    return text[toks[k].start:toks[-1].end], text[m.end():aff_end]
    return None, None


def _org_within(orgs: list[_Found], start: int, end: int) -> bool:
    """Whether an organisation (``orgs`` sorted by start) begins in [start, end)."""
    k = bisect.bisect_left(orgs, start, key=lambda o: o.start)
    return k < len(orgs) and orgs[k].start < end


def _affiliation_at(text: str, pos: int, orgs: list[_Found], runs: list[tuple[int, int]],
                    run_starts: list[int]) -> str | None:
    """The capitalised run from ``pos`` when it contains an organisation."""
    idx = bisect.bisect_right(run_starts, pos) - 1
    if idx < 0 or not runs[idx][0] <= pos < runs[idx][1]:
        return None
    run_end = runs[idx][1]
    if _org_within(orgs, pos, run_end):
        return text[pos:run_end]
    return None


def _surname_index(people: list[_Found]) -> dict[str, str]:
    """Folded surname -> the one full name that owns it in this text (ambiguous ones dropped)."""
    owners: dict[str, list[str]] = {}
    for p in people:
        if " " not in p.name:
            continue
        key = fold(split_person(p.name)[1])
        names = owners.setdefault(key, [])
        if p.name not in names:
            names.append(p.name)
    index: dict[str, str] = {}
    for key, names in owners.items():
        first_given = split_person(names[0])[0]
        if all(given_compatible(first_given, split_person(n)[0]) for n in names[1:]):
            index[key] = names[0]
    return index


def _extract_patterns(text: str) -> tuple[list[EntityMention], list[EntityMention]]:
    found: list[_Found] = []
    free: list[tuple[int, int, int]] = []  # (run index, token index, start) of unused tokens
    runs: list[tuple[int, int]] = []
    run_toks: list[list[_Tok]] = []
    for m in _RUN_RE.finditer(text):
        word = m.group()
        if word.lower() in _INERT and " " not in word:
            runs.append((m.start(), m.end()))  # "Ukraine", "The", "March": nothing to find
            run_toks.append([])
            continue
        toks = _tokens(text, m.start(), m.end())
        leftovers: list[tuple[int, int]] = []
        _segment(text, toks, found, leftovers, m.end())
        runs.append((m.start(), m.end()))
        run_toks.append(toks)
        free.extend((len(runs) - 1, i, s) for i, s in leftovers)
    taken = sorted((f.start, f.end) for f in found)
    for body in _STATE_BODY_RE.finditer(text):
        prev = _WORD_BEFORE_RE.search(text, max(0, body.start() - 24), body.start())
        if prev is None or prev.group(1).lower() not in _STATES:
            continue
        m = _Span(prev.start(), body.end(), text[prev.start():body.end()])
        k = bisect.bisect_left(taken, (m.start(), -1))
        overlaps = (k < len(taken) and taken[k][0] < m.end()) or (k > 0 and taken[k - 1][1] > m.start())
        if not overlaps:
            body = m.group().split(None, 1)[1].lower()
            kind = lex.STATE_BODY_KINDS.get(body, "government")
            found.append(_Found(m.start(), m.end(), "organisation", m.group(), kind))
    return _finish(text, found, runs, run_toks, free)


def mentions_from_spans(
    text: str, spans: list[tuple[int, int, str]]
) -> tuple[list[EntityMention], list[EntityMention]]:
    """Turn (start, end, "person"|"organisation") spans from another recogniser into mentions.

    Why: an optional statistical backend finds the spans; naming within the text, roles,
    affiliations and organisation kinds stay the same for every backend.
    """
    runs = [(m.start(), m.end()) for m in _RUN_RE.finditer(text)]
    found: list[_Found] = []
    for start, end, type_ in sorted(spans):
        if type_ == "person":
            found.append(_Found(start, end, "person", ""))
        else:
            key = " ".join(text[start:end].lower().split())
            if key.startswith("the ") and key not in _ORG_INDEX:
                key = key[4:]
            canonical, kind = _ORG_INDEX.get(key, (" ".join(text[start:end].split()), None))
            if kind is None:
                last = key.rsplit(" ", 1)[-1]
                kind = lex.ORG_HEADS.get(last, "other")
            found.append(_Found(start, end, "organisation", canonical, kind))
    return _finish(text, found, runs, [], [])


def _finish(
    text: str,
    found: list[_Found],
    runs: list[tuple[int, int]],
    run_toks: list[list[_Tok]],
    free: list[tuple[int, int, int]],
) -> tuple[list[EntityMention], list[EntityMention]]:
    """Name people within the text, map bare surnames, attach roles, build the records."""
    people = [f for f in found if f.type == "person"]
    for p in people:
        p.name = " ".join(text[p.start:p.end].split())
    index = _surname_index(people)
    for p in people:  # "Rustem Umjerov" after "Rustem Umyerov": the first spelling in the text
        if " " in p.name:
            owner = index.get(fold(split_person(p.name)[1]))
            if owner is not None and given_compatible(split_person(owner)[0], split_person(p.name)[0]):
                p.name = owner
    # Second pass: bare surnames of people named in full elsewhere in the text.
    if index:
        claimed = {(f.start) for f in found}
        for ridx, i, start in free:
            if start in claimed:
                continue
            toks = run_toks[ridx]
            for j in range(min(len(toks), i + 3), i, -1):
                if j - 1 > i and not all(w in lex.PARTICLES for w in toks[j - 1].gap.split()):
                    continue
                key = fold(text[toks[i].start:toks[j - 1].end])
                if key in index:
                    found.append(_Found(toks[i].start, toks[j - 1].end, "person", index[key]))
                    claimed.update(t.start for t in toks[i:j])
                    break
        for p in people:
            if " " not in p.name:
                p.name = index.get(fold(p.name), p.name)

    run_starts = [r[0] for r in runs]
    orgs = sorted((f for f in found if f.type == "organisation"), key=lambda f: f.start)
    out_people: list[EntityMention] = []
    out_orgs: list[EntityMention] = []
    for f in sorted(found, key=lambda f: f.start):
        surface = text[f.start:f.end]
        if f.type == "person":
            role, affiliation = _role_for(text, f.start, f.end, orgs, runs, run_starts)
            out_people.append(EntityMention(f.start, f.end, surface, f.name or surface, "person",
                                            role, affiliation))
        else:
            out_orgs.append(EntityMention(f.start, f.end, surface, f.name, "organisation",
                                          org_kind=f.kind))
    return out_people, out_orgs


def extract_entities(text: str) -> tuple[list[EntityMention], list[EntityMention]]:
    """Return (people, organisations) mentioned in ``text``, each sorted by start."""
    backend = os.environ.get(BACKEND_ENV, "")
    if backend.startswith("spacy:"):
        from transforms.extract.entities.spacy_backend import extract_with_spacy

        return extract_with_spacy(text, backend.split(":", 1)[1])
    return _extract_patterns(text)


__all__ = ["BACKEND_ENV", "extract_entities", "mentions_from_spans"]
