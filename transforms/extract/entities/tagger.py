"""A learned named-entity tagger: a linear-chain CRF (python-crfsuite) over raw article text.

Why this shape: names that no word list knows (sports clubs, companies, foreign and historical
people) are found from how a word looks and what surrounds it, which a CRF trained on annotated
text learns.  ``scripts/train_ner.py`` trains the weights shipped in ``model/``; nothing is
downloaded at run time.  The step must run at >= 100k words/s per core, so every feature of a
word type (shape, affixes, learned word statistics) is built once per process and cached, and
only the window around each token is assembled per token.

Conventions:
- Tokens come from ``transforms.text.tokens`` (a possessive "'s" is its own token, so that
  "Clinton's" yields the name "Clinton"), sentences from ``transforms.text.sentences``.
- A sentence written entirely in capitals (a headline) is tagged on true-cased features: each
  word takes the casing it most often has in the training text (``vocab["case"]``), unknown
  words are treated as capitalised.
- Labels are BIO over PER, ORG, LOC and MISC; ``tag_text`` returns (start, end, label) spans
  with offsets into the text given, after a document-level consistency pass (a name tagged once
  keeps its label in the same text; a bare surname or a shortened organisation name after the
  full form is tagged like it) and document rules for what a sequence model sees too narrowly:
  firms written like people ("Pirelli SpA", "giant Pirelli", "Pirelli said it"), abbreviations
  of lower-case terms, citation authors, "A and B" pairs, interjections, months, and a travel
  guide's town (``transforms/lexicons/places.txt``) read as a person; then the rules on what
  kind of thing a name is (schools, places, works, awards, headings; ``name_kinds.py``).
- Optional features, used only when the vocab has them (``train_ner.py --clusters --places
  --unlabeled-case``; measured and not shipped, see docs/benchmarks.md): word clusters, a
  place gazetteer, the usual casing in unlabeled text.

This module is pure: no environment variables, no logging configuration, no I/O besides reading
its own package data.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from transforms.extract.entities.chain import ChainWeights, TypeScores, viterbi
from transforms.extract.entities.name_kinds import kinds_of_names
from transforms.lexicons import table as lexicon_table
from transforms.lexicons import words as lexicon_words
from transforms.text.sentences import split_sentences
from transforms.text.tokens import tokenize

MODEL_FILE = "ner.crfsuite"
VOCAB_FILE = "ner_vocab.json"
CARD_FILE = "ner_card.json"
LABELS = ("PER", "ORG", "LOC", "MISC")

# --------------------------------------------------------------------------- sentences


def sentences(text: str, toks: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first, last+1) token-index ranges of the sentences of ``text`` (the shared splitter)."""
    spans = split_sentences(text)
    out: list[tuple[int, int]] = []
    ends = spans.ends
    k = 0
    first = 0
    last = len(ends) - 1
    for i, (s, _) in enumerate(toks):
        if k < last and s >= ends[k]:
            while k < last and s >= ends[k]:
                k += 1
            if i > first:
                out.append((first, i))
            first = i
    if first < len(toks):
        out.append((first, len(toks)))
    return out


# --------------------------------------------------------------------------- features


def shape(word: str) -> str:
    """Compressed character classes: "McDonald" -> "XxXx", "1996-08-30" -> "d-d-d"."""
    out: list[str] = []
    last = ""
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out)[:6]


@lru_cache(maxsize=1)
def lexicon_classes() -> dict[str, str]:
    """Lower-cased word -> letters of the project's general word lists it is on.

    A small general gazetteer as a feature (the CRF learns how far to trust it): n given name,
    c country or place, t nationality, r role head, h honorific, o organisation head noun,
    v name particle ("von", "de").
    """
    from transforms.extract.entities import rules
    from transforms.lexicons import words

    classes: dict[str, str] = {}
    for letter, entries in (
        ("n", words("given_names.txt")), ("c", rules.COUNTRIES), ("t", rules.NATIONALITIES),
        ("r", rules.ROLE_HEADS), ("h", rules.HONORIFICS), ("o", frozenset(rules.ORG_HEADS)),
        ("v", rules.PARTICLES),
    ):
        for w in entries:
            if letter not in classes.get(w, ""):
                classes[w] = classes.get(w, "") + letter
    return classes


class Featurizer:
    """Builds crfsuite feature lists for token sequences, caching everything per word type.

    ``vocab`` holds the statistics learned from the training text: ``case`` (lower-cased word ->
    "l"/"t"/"u", its usual casing) and ``gaz`` (lower-cased word -> labels it mostly carries
    when capitalised, e.g. "P" or "OL").
    """

    def __init__(self, vocab: dict[str, dict[str, str]]):
        self.case: dict[str, str] = vocab.get("case", {})
        self.gaz: dict[str, str] = vocab.get("gaz", {})
        self.cluster: dict[str, str] = vocab.get("cluster", {})
        self.ucase: dict[str, str] = vocab.get("ucase", {})
        # place names (a general gazetteer built at training time), indexed by their first word
        self.places: dict[str, list[tuple[str, ...]]] = {}
        for name in vocab.get("place", ()):
            parts = tuple(name.split(" "))
            self.places.setdefault(parts[0], []).append(parts[1:])
        for rest in self.places.values():
            rest.sort(key=len, reverse=True)
        self.lex: dict[str, str] = lexicon_classes()
        self._cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    def _word(self, word: str) -> tuple[tuple[str, ...], ...]:
        """(own features, as word -1, as word +1, as word -2, as word +2) for one type (built
        anew: ``sequence`` caches them, the fast decoder keeps their summed weights)."""
        low = word.lower()
        shp = shape(word)
        g = self.gaz.get(low)
        own = ["w:" + low, "s:" + shp, "p:" + low[:3], "x:" + low[-3:], "y:" + low[-2:]]
        if len(low) > 4:
            own.append("z:" + low[-4:])
        if word[0].isupper():
            c = self.case.get(low)
            own.append("c:" + (c or "?"))  # usual casing: a capitalised common word is no name
            if self.ucase:  # the same in unlabeled modern news, when the model was trained with it
                own.append("C:" + self.ucase.get(low, "?"))
        if g is not None:
            own.append("g:" + g)
        if "-" in word:
            own.append("h:" + word.rsplit("-", 1)[-1].lower()[:5])
        if len(word) == 1:
            own.append("1")
        lx = self.lex.get(low)
        if lx is not None:
            own.append("l:" + lx)
        cl = self.cluster.get(low)
        if cl is not None:  # distributional classes: fine, middle, coarse
            fine, mid, coarse = cl.split(".")
            own += ("k:" + fine, "K:" + mid, "Q:" + coarse)
        own_t = tuple(own)
        gg = g or "-"
        m1 = ("a:" + low, "A:" + shp, "G:" + gg)
        p1 = ("b:" + low, "B:" + shp, "H:" + gg)
        if self.cluster:  # a neighbour's middle-level class
            mid = "-" if cl is None else cl.split(".")[1]
            m1 += ("j:" + mid,)
            p1 += ("J:" + mid,)
        if lx is not None:
            m1 += ("L:" + lx,)
            p1 += ("M:" + lx,)
        m2 = ("d:" + low, "D:" + shp)
        p2 = ("e:" + low, "E:" + shp)
        return own_t, m1, p1, m2, p2

    def truecase(self, word: str) -> str:
        """The usual casing of an all-capitals word ("THE" -> "the", "UNKNOWN" -> "Unknown")."""
        low = word.lower()
        c = self.case.get(low)
        if c == "l":
            return low
        if c == "u" or (c is None and len(word) <= 2) or not word[:1].isalpha():
            return word
        return word[:1] + low[1:]

    @staticmethod
    def is_headline(words: Sequence[str]) -> bool:
        """Whether a sentence is written in capitals (tagged on true-cased words)."""
        letters = [w for w in words if w[:1].isalpha()]
        return len(letters) >= 2 and all(w.isupper() or not w.isalpha() for w in letters) \
            and sum(len(w) > 1 for w in letters) >= 2

    def type_features(self, word: str) -> tuple[tuple[str, ...], ...]:
        """``_word``'s five feature tuples of a word type, not kept in ``sequence``'s cache
        (the fast decoder keeps their summed weights instead)."""
        return self._cache.get(word) or self._word(word)

    def place_marks(self, words: Sequence[str]) -> list[str]:
        """"P" on the first word of a known place name, "p" on its other words ("" elsewhere);
        the longest name starting at a capitalised word wins."""
        n = len(words)
        marks = [""] * n
        places = self.places
        i = 0
        while i < n:
            w = words[i]
            rests = places.get(w.lower()) if w[:1].isupper() else None
            if rests is not None:
                for rest in rests:
                    k = len(rest)
                    if i + k < n and all(words[i + 1 + j].lower() == rest[j] for j in range(k)):
                        marks[i] = "P"
                        for j in range(i + 1, i + 1 + k):
                            marks[j] = "p"
                        i += k
                        break
            i += 1
        return marks

    def sequence(self, words: Sequence[str]) -> list[list[str]]:
        """Feature lists for one sentence of words."""
        n = len(words)
        headline = self.is_headline(words)
        if headline:
            words = [self.truecase(w) if w.isupper() else w for w in words]
        cache = self._cache
        fs = [cache.get(w) or cache.setdefault(w, self._word(w)) for w in words]
        place = self.place_marks(words) if self.places else None
        out: list[list[str]] = []
        for i in range(n):
            f = list(fs[i][0])
            if place is not None and place[i]:
                f.append(place[i])
            if i > 0:
                f.extend(fs[i - 1][1])
                if i > 1:
                    f.extend(fs[i - 2][3])
                else:
                    f.append("d:^")
            else:
                f.append("^")  # first token of the sentence
            if i + 1 < n:
                f.extend(fs[i + 1][2])
                if i + 2 < n:
                    f.extend(fs[i + 2][4])
                else:
                    f.append("e:$")
            else:
                f.append("$")
            if headline:
                f.append("U")
            elif i > 1 and words[i - 1] == "The":
                f.append("T")  # "told The Economist": a capitalised article inside a sentence
            out.append(f)
        return out


# --------------------------------------------------------------------------- decoding


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last+1, type) token ranges from BIO labels (a stray I- opens a span)."""
    out: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for i, lab in enumerate(labels):
        if lab == "O":
            if cur:
                out.append(tuple(cur))  # type: ignore[arg-type]
                cur = None
            continue
        kind, typ = lab[0], lab[2:]
        if kind == "B" or cur is None or cur[2] != typ:
            if cur:
                out.append(tuple(cur))  # type: ignore[arg-type]
            cur = [i, i + 1, typ]
        else:
            cur[1] = i + 1
    if cur:
        out.append(tuple(cur))  # type: ignore[arg-type]
    return out


_DETERMINERS = frozenset({"The", "the", "THE"})
_LINKERS = frozenset({"of", "the", "for", "and", "de", "van", "von", "der", "du", "da", "la", "le", "al"})


_OUTVOTED = 3  # untagged uses of a word per tagged one beyond which its label is not spread


def _consistent(words: Sequence[str], labels: list[str], spans: list[tuple[int, int, str]]
                ) -> list[tuple[int, int, str]]:
    """Document-level consistency on token spans (``labels`` are the per-token BIO labels).

    1. A surface tagged as an entity keeps its majority label at its other, untagged,
       capitalised occurrences in the same text.
    2. A capitalised token left untagged that is the last (or first) word of a multi-word
       person name seen in the text is that person ("Simmons" after "Phil Simmons").
    Neither spreads a single word that the tagger left untagged much more often than it
    tagged it (a product named once in a heading like a person, then twenty times as a noun).
    """
    if not spans:
        return spans
    spans = _join_particles(words, labels, spans)
    votes: dict[tuple[str, ...], Counter[str]] = {}
    parts: set[str] = set()
    surnames: set[tuple[str, ...]] = set()
    for s, e, t in spans:
        key = tuple(words[s:e])
        votes.setdefault(key, Counter())[t] += 1
        if t == "PER" and e - s >= 2:
            for w in (words[s], words[e - 1]):
                if w[:1].isupper() and len(w) > 1:
                    parts.add(w)
            surnames.add((words[e - 1],))
    # "Arestovich" after "Aleksey Arestovich" is the person, whatever it was tagged
    relabel = {key: "PER" for key in surnames if key in votes}
    for key, c in votes.items():  # "Somerset" tagged ORG five times and LOC once: ORG
        if key not in relabel and len(c) > 1:
            (top, n1), (_, n2) = c.most_common(2)
            if n1 > n2:
                relabel[key] = top
    tagged: Counter[str] = Counter(w for s, e, _ in spans for w in words[s:e])
    untagged: Counter[str] = Counter(w for w, lab in zip(words, labels) if lab == "O" and w[:1].isupper())
    if relabel:
        spans = [(s, e, relabel.get(tuple(words[s:e]), t)) for s, e, t in spans]
        votes = {}
        for s, e, t in spans:
            votes.setdefault(tuple(words[s:e]), Counter())[t] += 1
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, c in votes.items():
        if not key[0][:1].isupper() or key[0].lower() in _LINKERS:
            continue
        label, _ = c.most_common(1)[0]
        by_first.setdefault(key[0], []).append((key, label))
    for lst in by_first.values():
        lst.sort(key=lambda kl: -len(kl[0]))
    added: list[tuple[int, int, str]] = []
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if labels[i] != "O":
            i += 1
            continue
        hit = None
        for key, label in by_first.get(w, ()):
            k = len(key)
            if tuple(words[i:i + k]) == key and all(lab == "O" for lab in labels[i:i + k]):
                # only whole words: the next token must not continue a capitalised run
                if i + k < n and words[i + k][:1].isupper() and labels[i + k] == "O":
                    continue
                if k == 1 and untagged[w] > _OUTVOTED * tagged[w]:
                    continue
                hit = (i, i + k, label)
                break
        if hit is None and w in parts and len(w) > 2 and untagged[w] <= _OUTVOTED * tagged[w]:
            prev_cap = i > 0 and words[i - 1][:1].isupper() and labels[i - 1] == "O"
            next_cap = i + 1 < n and words[i + 1][:1].isupper() and labels[i + 1] == "O"
            if not prev_cap and not next_cap:
                hit = (i, i + 1, "PER")
        if hit is not None:
            added.append(hit)
            i = hit[1]
            continue
        i += 1
    if not added:
        return spans
    return sorted(spans + added)


_SKIPPABLE = frozenset({"and", "of", "the", "for", "in", "on", "to", "a", "an", "&"})


def _spells(initials: Sequence[str], letters: str) -> bool:
    """Whether the initials of lower-case words, some small words optional, spell ``letters``."""
    if not letters:
        return not initials
    if not initials:
        return False
    word = initials[0]
    if word[0] == letters[0] and _spells(initials[1:], letters[1:]):
        return True
    return word in _SKIPPABLE and _spells(initials[1:], letters)


def _lowercase_abbreviations(words: Sequence[str]) -> set[str]:
    """Abbreviations the text defines from lower-case words: "sea surface salinity (SSS)",
    "large language models, LLMs".  They stand for common nouns, not for names."""
    out: set[str] = set()
    for i in range(1, len(words) - 1):
        if words[i] not in ("(", ","):
            continue
        abbr = words[i + 1]
        core = abbr[:-1] if abbr.endswith("s") and abbr[:-1].isupper() else abbr
        if not (2 <= len(core) <= 6 and core.isupper() and core.isalpha()):
            continue
        if words[i] == "(" and words[i + 2:i + 3] != [")"]:
            continue
        parts: list[str] = []
        j = i - 1
        while j >= 0 and len(parts) < 2 * len(core) + 2:
            w = words[j]
            if not w[:1].islower():
                break
            parts[:0] = [x for x in w.split("-") if x]
            j -= 1
        letters = core.lower()
        if any(_spells(parts[k:], letters) for k in range(len(parts))):
            out.add(core)
    return out


def _drop_abbreviations(words: Sequence[str], spans: list[tuple[int, int, str]]
                        ) -> list[tuple[int, int, str]]:
    """Spans that are only an abbreviation of lower-case words defined in the text are dropped."""
    if "(" not in words and "," not in words:
        return spans
    terms = _lowercase_abbreviations(words)
    if not terms:
        return spans
    forms = terms | {t + "s" for t in terms}
    return [(s, e, t) for s, e, t in spans if not (e - s == 1 and words[s] in forms)]


_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_CITE_SEPARATORS = frozenset({",", "&", "and"})


def _citation_authors(words: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of the authors of parenthesised citations: "(Li, Polat, & Bavelier, 2010;
    Filippini Fantoni et al., 2013)".  Every author is a person's name."""
    out: list[tuple[int, int]] = []
    n = len(words)
    for i, w in enumerate(words):
        if w != "(":
            continue
        j = i + 1
        while j < n and j - i < 60 and words[j] not in (")", "("):
            j += 1
        if j >= n or words[j] != ")" or not any(_YEAR.fullmatch(x) for x in words[i + 1:j]):
            continue
        k = i + 1
        while k < j:  # one citation per ";"
            end = k
            while end < j and words[end] != ";":
                end += 1
            year = next((m for m in range(k, end) if _YEAR.fullmatch(words[m])), None)
            if year is not None:
                first = k
                while first < year and words[first][:1].islower() and words[first] not in _CITE_SEPARATORS:
                    first += 1  # "see for example"
                names: list[tuple[int, int]] = []
                cur = None
                ok = first < year
                for m in range(first, year):
                    x = words[m]
                    if x in _CITE_SEPARATORS or x == ".":
                        cur = None
                    elif x == "et":
                        break
                    elif x[:1].isupper() and x[:1].isalpha():
                        if cur is None:
                            names.append((m, m + 1))
                            cur = len(names) - 1
                        else:
                            names[cur] = (names[cur][0], m + 1)
                    elif not (x.islower() and cur is not None and "v" in lexicon_classes().get(x, "")):
                        ok = False
                        break
                if ok:
                    out += names
            k = end + 1
    return out


def _with_citations(words: Sequence[str], spans: list[tuple[int, int, str]]
                    ) -> list[tuple[int, int, str]]:
    """The tagger's spans with the authors of parenthesised citations as persons."""
    if "(" not in words:
        return spans
    authors = _citation_authors(words)
    if not authors:
        return spans
    kept = [sp for sp in spans if not any(a < sp[1] and sp[0] < b for a, b in authors)]
    return sorted(kept + [(a, b, "PER") for a, b in authors])


_LEGAL_FORMS = lexicon_words("legal_forms.txt")
_FIRM_NOUNS = lexicon_words("firm_nouns.txt")
# Words around a one-word name that say what it is ("X said", "X, who"; "X said it", "shares of X").
_NAME_CONTEXT = lexicon_table("name_context.tsv")


def _firm_forms(words: Sequence[str], spans: list[tuple[int, int, str]]
                ) -> list[tuple[int, int, str]]:
    """Person spans written like a firm are organisations: joined by "&" ("Douglas & Lomason"),
    ending in a legal form ("Pirelli SpA"), or right after a noun for a kind of organisation
    ("tyre and cables giant Pirelli", "news weekly Der Spiegel")."""
    from transforms.extract.entities.rules import ORG_DESCRIPTORS

    out = []
    for s, e, t in spans:
        if t == "PER" and ("&" in words[s:e] or (e - s > 1 and words[e - 1].rstrip(".").lower() in _LEGAL_FORMS) or (
                s > 0 and words[s - 1].islower()
                and (words[s - 1] in ORG_DESCRIPTORS or words[s - 1] in _FIRM_NOUNS))):
            t = "ORG"
        out.append((s, e, t))
    return out


def _split_pairs(words: Sequence[str], spans: list[tuple[int, int, str]]
                 ) -> list[tuple[int, int, str]]:
    """ "Essex and Kent" is two names when either side is named alone elsewhere in the text
    ("Marks and Spencer", never named by halves, stays one)."""
    alone = {tuple(words[s:e]) for s, e, _ in spans}
    out = []
    for s, e, t in spans:
        cut = next((k for k in range(s + 1, e - 1) if words[k] in ("and", "AND")), None)
        if t in ("ORG", "PER") and cut is not None and (
                tuple(words[s:cut]) in alone or tuple(words[cut + 1:e]) in alone):
            out += [(s, cut, t), (cut + 1, e, t)]
            continue
        out.append((s, e, t))
    return out


_PERSON_AFTER = frozenset(w for where, w, kind in _NAME_CONTEXT
                          if where == "after" and kind == "person" and " " not in w)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    from transforms.lexicons import words

    return words("places.txt")


def _places_named_alone(words: Sequence[str], spans: list[tuple[int, int, str]]
                        ) -> list[tuple[int, int, str]]:
    """A one-word "person" used 3+ times in the text that is a known place name (a general
    gazetteer, ``transforms/lexicons/places.txt``) is the place (the town of a travel guide),
    unless the text names a person with it (a longer name, a given name, a role or honorific
    before it, "said" or "who" after it)."""
    single = Counter(words[s] for s, e, t in spans if t == "PER" and e - s == 1)
    cands = {w for w, k in single.items() if k >= 3 and w.lower() in _place_names()}
    if not cands:
        return spans
    lex = lexicon_classes()
    cands -= {w for s, e, t in spans if t == "PER" and e - s > 1 for w in words[s:e]}
    cands = {w for w in cands if "n" not in lex.get(w.lower(), "")}
    for i, w in enumerate(words):
        if w in cands and ((i + 1 < len(words) and words[i + 1] in _PERSON_AFTER) or (
                i > 0 and any(c in lex.get(words[i - 1].lower().rstrip("."), "") for c in "rh"))):
            cands.discard(w)
    if not cands:
        return spans
    return [(s, e, "LOC") if t == "PER" and e - s == 1 and words[s] in cands else (s, e, t)
            for s, e, t in spans]


_MONTHS = frozenset(row[0] for row in lexicon_table("figure_words.tsv") if row[1:2] == ("month",))


@lru_cache(maxsize=1)
def _interjections() -> frozenset[str]:
    from transforms.lexicons import words

    return words("interjections.txt")


# What is said of a firm and never of a person, next to its name: "X said it", "shares of X".
_FIRM_AFTER = tuple(tuple(w.split()) for where, w, kind in _NAME_CONTEXT
                    if where == "after" and kind == "firm")
_FIRM_BEFORE = tuple(tuple(w.split()) for where, w, kind in _NAME_CONTEXT
                     if where == "before" and kind == "firm")


def _firms_by_context(words: Sequence[str], spans: list[tuple[int, int, str]]
                      ) -> list[tuple[int, int, str]]:
    """A one-word "person" that the text elsewhere treats as a firm ("Comelf said it almost
    doubled ...", "shares of Jones") is an organisation at every use in the text; not when the
    word is part of a longer person name in the text."""
    single = {words[s] for s, e, t in spans if t == "PER" and e - s == 1}
    if not single:
        return spans
    single -= {w for s, e, t in spans if t == "PER" and e - s > 1 for w in words[s:e]}
    firms = set()
    for s, e, t in spans:
        w = words[s]
        if e - s != 1 or w not in single or w in firms:
            continue
        if any(tuple(words[e:e + len(c)]) == c for c in _FIRM_AFTER) or any(
                tuple(words[max(0, s - len(c)):s]) == c for c in _FIRM_BEFORE):
            firms.add(w)
    if not firms:
        return spans
    return [(s, e, "ORG") if t == "PER" and e - s == 1 and words[s] in firms else (s, e, t)
            for s, e, t in spans]


def _join_particles(words: Sequence[str], labels: list[str], spans: list[tuple[int, int, str]]
                    ) -> list[tuple[int, int, str]]:
    """ "Ursula" + "von der" + "Leyen": a person's name runs on over lower-case particles."""
    lex = lexicon_classes()
    out: list[tuple[int, int, str]] = []
    n = len(words)
    for s, e, t in spans:
        if out and t == "PER" and out[-1][2] == "PER":
            ps, pe, _ = out[-1]
            if pe < s and all("v" in lex.get(w, "") and w.islower() for w in words[pe:s]):
                out[-1] = (ps, e, "PER")
                continue
        if t == "PER":
            j = e
            while j < n and j - e < 3 and words[j].islower() and "v" in lex.get(words[j], ""):
                j += 1
            if e < j < n and words[j][:1].isupper() and labels[j] == "O":
                k = j + 1
                while k < n and words[k][:1].isupper() and labels[k] == "O" and k - j < 2:
                    k += 1
                e = k
        out.append((s, e, t))
    return out


class Tagger:
    """A trained CRF with its featurizer: text in, labelled character spans out."""

    def __init__(self, model: bytes, vocab: dict[str, dict[str, str]]):
        import pycrfsuite

        self._model = model  # crfsuite reads the weights from this buffer: keep it alive
        self._crf = pycrfsuite.Tagger()
        self._crf.open_inmemory(model)
        self.featurizer = Featurizer(vocab)
        self._scores: TypeScores | None = None  # the fast decoder, built on first use

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """BIO labels for one sentence of words, decoded by crfsuite itself (training and the
        decoder's agreement test use this; ``decode`` is the fast path)."""
        if not words:
            return []
        return self._crf.tag(self.featurizer.sequence(words))

    def forget_words(self) -> None:
        """Empty the per-word-type caches (the benchmark's cold-cache figure)."""
        self.featurizer._cache.clear()
        if self._scores is not None:
            self._scores.index.clear()

    def decode(self, sentences_words: Sequence[Sequence[str]]) -> list[str]:
        """BIO labels of many sentences at once, laid end to end (one label per word)."""
        if self._scores is None:
            self._scores = TypeScores(self.featurizer, ChainWeights.from_crfsuite(self._crf))
        scores, lengths = self._scores.emissions(sentences_words)
        if not len(lengths):
            return []
        best = viterbi(scores, np.cumsum(lengths) - lengths, lengths,
                       self._scores.weights.transitions)
        return np.array(self._scores.weights.labels)[best].tolist()

    def tag_text(self, text: str, consistency: bool = True) -> list[tuple[int, int, str]]:
        """(start, end, label) character spans of the entities in ``text``."""
        return self.tag_texts([text], consistency)[0]

    def tag_texts(self, texts: Sequence[str], consistency: bool = True
                  ) -> list[list[tuple[int, int, str]]]:
        """``tag_text`` of each text; the sentences of all of them are decoded together, which
        is what makes the decoder fast (give it a few dozen texts or more)."""
        docs = []
        batch: list[list[str]] = []
        for text in texts:
            toks = tokenize(text)
            words = [text[s:e] for s, e in toks]
            ranges = sentences(text, toks) if toks else []
            docs.append((text, toks, words, ranges))
            batch.extend(words[a:b] for a, b in ranges)
        labels = self.decode(batch)
        out = []
        at = 0
        for text, toks, words, ranges in docs:
            doc_labels = labels[at:at + len(words)]
            at += len(words)
            out.append(self._spans(text, toks, words, ranges, doc_labels, consistency)
                       if toks else [])
        return out

    def _spans(self, text: str, toks: Sequence[tuple[int, int]], words: Sequence[str],
               ranges: Sequence[tuple[int, int]], labels: list[str], consistency: bool
               ) -> list[tuple[int, int, str]]:
        """Labelled character spans of one text from its token labels, after the document
        rules."""
        spans: list[tuple[int, int, str]] = []
        for a, b in ranges:
            spans.extend((a + s, a + e, t) for s, e, t in bio_spans(labels[a:b]))
        spans = [(s + 1, e, t) if e - s > 1 and t != "LOC" and words[s] in _DETERMINERS else (s, e, t)
                 for s, e, t in spans]  # "the Commerce Department": names start after "the"
        # "Douglas & Lomason": an ampersand joins the names of a firm, never one person's name
        spans = _firm_forms(words, spans)
        if consistency:
            spans = _consistent(words, labels, spans)
        spans = _drop_abbreviations(words, _with_citations(words, spans))
        spans = _places_named_alone(words, _firms_by_context(words, _split_pairs(words, spans)))
        spans = kinds_of_names(words, toks, ranges, self.featurizer.case, spans)
        interjections = _interjections()
        n = len(words)
        spans = [sp for sp in spans if not (sp[1] - sp[0] == 1 and (
            words[sp[0]].lower() in interjections  # "Oh," opening a sentence
            or (words[sp[0]] in _MONTHS and sp[1] < n and words[sp[1]][:1].isdigit())))]  # "March 2009"
        return [(toks[s][0], toks[e - 1][1], t) for s, e, t in spans]


# --------------------------------------------------------------------------- package data


def _model_dir() -> Any:
    return resources.files(__package__ or __name__.rpartition(".")[0]).joinpath("model")


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The tagger shipped with the package, loaded once per process on first use."""
    d = _model_dir()
    model = d.joinpath(MODEL_FILE).read_bytes()
    vocab = json.loads(d.joinpath(VOCAB_FILE).read_text(encoding="utf-8"))
    return Tagger(model, vocab)


def load_tagger(model_path: str, vocab_path: str) -> Tagger:
    """A tagger from files on disk (training and evaluation use this)."""
    with open(model_path, "rb") as fh:
        model = fh.read()
    with open(vocab_path, encoding="utf-8") as fh:
        vocab = json.load(fh)
    return Tagger(model, vocab)


def model_card() -> dict[str, Any]:
    """The JSON card of the shipped model: training data, features, date, seed, dev scores."""
    return json.loads(_model_dir().joinpath(CARD_FILE).read_text(encoding="utf-8"))


def tag_text(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) spans of PER/ORG/LOC/MISC names in ``text`` (shipped model)."""
    return default_tagger().tag_text(text)


def tag_texts(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """``tag_text`` of each text, decoded together (faster than one at a time)."""
    return default_tagger().tag_texts(texts)


TagFn = Callable[[str], list[tuple[int, int, str]]]

__all__ = ["LABELS", "Featurizer", "Tagger", "bio_spans", "default_tagger", "load_tagger",
           "model_card", "sentences", "shape", "tag_text", "tag_texts", "tokenize"]
