"""People and organisation mentions in article text: a learned tagger finds the names, rules
add roles, affiliations and organisation kinds.

Why this shape: word lists cannot know names nobody put on them (sports clubs, companies, most
foreign names), so what is a PER or ORG name is decided by the CRF tagger shipped with the
package (``tagger.py``, trained by ``scripts/train_ner.py``).  On top of its spans, the rules in
``rules.py`` give each person the role and affiliation written around the name ("Defence
Minister Anna Lind", "Hanna Koval, deputy director of the Harbour Port Authority"), each
organisation a kind from its head noun or a descriptor ("energy company DTEK"), and every mention
its canonical name within the text (a bare surname maps to the full name introduced earlier;
"Petro Kovalchuck" after "Petro Kovalchuk" takes the first spelling).  Honorifics (Mr., Dr.) are
neither roles nor part of a name.  Call ``use_backend("spacy:<model-or-path>")`` (the flow does, from ``NEWSLEDGER_NER_BACKEND``) to let
a spaCy pipeline find the spans instead; everything after the spans stays the same.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.corpus.entity_resolution import fold, given_compatible, split_person
from transforms.extract.entities import rules as lex
from transforms.extract.entities.tagger import tag_text, tag_texts
from transforms.records import EntityMention

LOGGER = logging.getLogger(__name__)


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
_ORG_DESCRIPTOR_AFTER_RE = re.compile(
    rf"[ \u00a0]+({lex.alternation(tuple(lex.ORG_DESCRIPTORS_AFTER))})\b"
)
_WORD_BEFORE_RE = re.compile(r"((?:[A-Za-z]\.)+|[\w\-]+)[ \u00a0]+$")
_STATES: frozenset[str] = lex.NATIONALITIES | lex.COUNTRIES
_ROLE_STRIP_RE = re.compile(
    rf"^(?:(?:the|a|an|his|her|its|their|our|[\w\-]+(?=['’]s)|{lex.alternation(lex.NATIONALITIES | lex.COUNTRIES)})(?:['’]s)?[ \u00a0]+)+",
    re.IGNORECASE,
)

_ROLE_WINDOW = 90

_ORG_INDEX: dict[str, tuple[str, str]] = {
    " ".join(surface.lower().split()): (canonical, kind)
    for surfaces, canonical, kind in lex.KNOWN_ORGS
    for surface in surfaces
}
# Tagger labels and the mention types they become (LOC and MISC are not kept).
_TYPES: dict[str, str] = {"PER": "person", "ORG": "organisation"}
# Words that stand before a name without being part of it or a role.
_TITLE_WORDS: frozenset[str] = lex.ROLE_HEADS | lex.HONORIFICS


@dataclass(slots=True)
class _Tok:
    """One capitalised token of a run and the joiner text that precedes it."""

    start: int
    end: int
    low: str
    gap: str  # lower-case connector text before this token ("" for the first)


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    toks: list[_Tok] = []
    prev = start
    for m in _TOKEN_RE.finditer(text, start, end):
        gap = text[prev:m.start()].strip().lower() if toks else ""
        toks.append(_Tok(m.start(), m.end(), m.group().lower(), gap))
        prev = m.end()
    return toks


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


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    type: str
    name: str
    kind: str | None = None


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


def _person_start(text: str, start: int, end: int) -> int:
    """Where a person's name starts once leading titles are cut ("Mr. Smith" -> "Smith")."""
    while True:
        m = _FIRST_WORD_RE.match(text, start, end)
        if m is None or m.end() >= end:
            return start
        word = m.group(1).lower()
        if word not in _TITLE_WORDS and word.rstrip(".") not in _TITLE_WORDS:
            return start
        start = m.end()


_FIRST_WORD_RE = re.compile(r"(\S+)\s+")


def _org_kind(text: str, start: int, end: int, key: str) -> str:
    """An organisation's kind: from its head noun, else a descriptor around it, else "other"."""
    words = key.split()
    for w in reversed(words):  # "Defense Ministry", "Ministry of Defence"
        kind = lex.ORG_HEADS.get(w)
        if kind is not None and (w != words[0] or len(words) > 1):
            return kind
    m = _ORG_DESCRIPTOR_RE.search(text, max(0, start - 40), start)
    if m is not None:  # "energy company DTEK"
        return lex.ORG_DESCRIPTORS[m.group(1).lower()]
    m = _ORG_DESCRIPTOR_AFTER_RE.match(text, end)
    if m is not None:  # "the Anadolu news agency"
        return lex.ORG_DESCRIPTORS_AFTER[m.group(1).lower()]
    return "other"


def mentions_from_spans(
    text: str, spans: list[tuple[int, int, str]]
) -> tuple[list[EntityMention], list[EntityMention]]:
    """Turn (start, end, "person"|"organisation") name spans into mentions.

    Why: whichever recogniser finds the spans (the shipped tagger, a spaCy pipeline), naming
    within the text, roles, affiliations and organisation kinds are the same.
    """
    runs = [(m.start(), m.end()) for m in _RUN_RE.finditer(text)]
    found: list[_Found] = []
    for start, end, type_ in sorted(spans):
        if type_ == "person":
            found.append(_Found(_person_start(text, start, end), end, "person", ""))
            continue
        key = " ".join(text[start:end].lower().split())
        if key.startswith("the ") and key not in _ORG_INDEX:
            key = key[4:]
        canonical, kind = _ORG_INDEX.get(key, (" ".join(text[start:end].split()), None))
        if kind is None:
            kind = _org_kind(text, start, end, key)
            if kind == "government" and canonical == " ".join(text[start:end].split()):
                prev = _WORD_BEFORE_RE.search(text, max(0, start - 24), start)
                if prev is not None and prev.group(1).lower() in _STATES:
                    canonical = f"{prev.group(1)} {canonical}"  # "Defense Ministry" of Russia
        found.append(_Found(start, end, "organisation", canonical, kind))
    return _finish(text, found, runs)


def _finish(
    text: str, found: list[_Found], runs: list[tuple[int, int]]
) -> tuple[list[EntityMention], list[EntityMention]]:
    """Name people within the text, map bare surnames, attach roles, build the records."""
    people = [f for f in found if f.type == "person"]
    for p in people:
        p.name = " ".join(text[p.start:p.end].split())
    index = _surname_index(people)
    for p in people:  # "Petro Kovalchuck" after "Petro Kovalchuk": the first spelling in the text
        if " " in p.name:
            owner = index.get(fold(split_person(p.name)[1]))
            if owner is not None and given_compatible(split_person(owner)[0], split_person(p.name)[0]):
                p.name = owner
        elif index:  # a bare surname of a person named in full in the same text
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


# A wire dateline opening a line: the place in capitals, an optional region, then the date or
# the agency ("NEW YORK 1996-08-30", "NICE, France 1996-08-30", "KYIV, Nov 3 (Reuters) -").
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'\-]*(?:[ \t]+[A-Z][A-Z.'\-]*)*)"
    r"(?:,[ \t]*[A-Z][A-Za-z.'\-]*(?:[ \t]+[A-Z][A-Za-z.'\-]*)*)?,?[ \t]+"
    r"(?=\d{4}-\d{2}-\d{2}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d|\()",
    re.MULTILINE,
)


def _dateline_places(text: str) -> list[tuple[int, int]]:
    return [m.span("place") for m in _DATELINE.finditer(text)]


# A results line of a sports table: "Home Side 2 Away Side 1". The sides are teams (clubs are
# organisations even when named after their town), whatever the tagger made of the names.
_TEAM = r"[A-Z][\w.'&\-]*(?:[ \t]+[A-Z][\w.'&\-]*){0,3}"
_RESULT_LINE = re.compile(
    rf"^[ \t]*(?P<home>{_TEAM})[ \t]+\d{{1,3}}[ \t]+(?P<away>{_TEAM})[ \t]+\d{{1,3}}[ \t]*$",
    re.MULTILINE,
)


def _result_teams(text: str) -> list[tuple[int, int]]:
    """Team names in the results lines of sports tables."""
    return [m.span(side) for m in _RESULT_LINE.finditer(text) for side in ("home", "away")]


_NAME_WORD = re.compile(r"\S+")
_CONNECTORS = frozenset(lex.RUN_CONNECTORS)


def _name_part(text: str, start: int, end: int, organisation: bool) -> tuple[int, int] | None:
    """An organisation's span cut before its first lower-case word that is no name connector
    ("First Union bank in Philadelphia" -> "First Union"; "Bank of England" stays), and any
    span without the full stop that ends its line ("Lear Corp." closing a sentence)."""
    cut = end
    for word in _NAME_WORD.finditer(text, start, end):
        token = word.group()
        # people's names have lower-case particles of many languages ("dos", "ter", "y")
        if organisation and token[0].islower() and token.lower() not in _CONNECTORS:
            cut = word.start()
            break
    last = cut
    for word in _NAME_WORD.finditer(text, start, cut):  # no connector left dangling at the end
        if word.group().lower() not in _CONNECTORS:
            last = word.end()
    cut = min(cut, last)
    if cut == end and text[end - 1 : end] == "." and text[end : end + 1] in ("", "\n"):
        cut -= 1
    cut = len(text[:cut].rstrip(" ,;:"))
    return (start, cut) if cut > start else None


# "(R-Ky.)", "(D-Calif.)": a politician's party and state after the name, not an organisation.
_PARTY_TAG_RE = re.compile(r"[RDI]-[A-Z][A-Za-z]*\.?")


def _is_handle_or_party_tag(text: str, start: int, end: int) -> bool:
    """A social-media handle ("@HillaryClinton") names an account, not a person as written,
    and a party-and-state tag is the speaker's affiliation: neither is a name mention."""
    return (start > 0 and text[start - 1] == "@") or text[start:start + 1] == "@" or (
        start > 0 and text[start - 1] == "(" and _PARTY_TAG_RE.fullmatch(text[start:end]) is not None)


def _extract_tagged(text: str, tagged: list[tuple[int, int, str]] | None = None
                    ) -> tuple[list[EntityMention], list[EntityMention]]:
    """Mentions from the tagger's spans (``tagged``, when the caller tagged a batch)."""
    places = _dateline_places(text)
    teams = _result_teams(text)
    spans = []
    for s, e, label in tag_text(text) if tagged is None else tagged:
        if label not in _TYPES or any(a <= s and e <= b for a, b in places):
            continue
        if any(a < e and s < b for a, b in teams):
            continue
        if _is_handle_or_party_tag(text, s, e):
            continue
        if (part := _name_part(text, s, e, label == "ORG")) is not None:
            spans.append((*part, _TYPES[label]))
    spans += [(a, b, "organisation") for a, b in teams]
    spans.sort()
    return mentions_from_spans(text, spans)


_backend = ""  # "" for the shipped tagger, or "spacy:<model name or path>"


def use_backend(spec: str | None) -> None:
    """Choose the recogniser behind ``extract_entities`` for this process: the shipped tagger
    (``None`` or ""), or ``"spacy:<model name or path>"``. The caller (the flow, from
    ``NEWSLEDGER_NER_BACKEND``) decides; transforms never read the environment."""
    global _backend
    if spec and not spec.startswith("spacy:"):
        raise ValueError(f"unknown entity backend {spec!r}: use 'spacy:<model name or path>'")
    _backend = spec or ""


def extract_entities(text: str) -> tuple[list[EntityMention], list[EntityMention]]:
    """Return (people, organisations) mentioned in ``text``, each sorted by start."""
    if _backend.startswith("spacy:"):
        from transforms.extract.entities.spacy_backend import extract_with_spacy

        return extract_with_spacy(text, _backend.split(":", 1)[1])
    return _extract_tagged(text)


def extract_entities_many(texts: Sequence[str]
                          ) -> list[tuple[list[EntityMention], list[EntityMention]]]:
    """``extract_entities`` of each text; the shipped tagger decodes the texts together, which
    is several times faster than one at a time (the ingest hands over a few dozen)."""
    if _backend.startswith("spacy:"):
        return [extract_entities(text) for text in texts]
    return [_extract_tagged(text, spans) for text, spans in zip(texts, tag_texts(texts))]


__all__ = ["extract_entities", "extract_entities_many", "mentions_from_spans", "use_backend"]
