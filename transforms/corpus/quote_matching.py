"""The same quote across articles: one canonical id for every wording of it.

Outlets re-type quotes: curly marks become straight, "does not" becomes "doesn't", a sentence is
cut short or a word dropped.  Quotes are compared on a normalised key (``normalise_quote``),
blocked with MinHash LSH over word shingles so the corpus pass stays sub-quadratic, and each
candidate pair is verified with rapidfuzz before the pairs are merged (union-find).  Canonical
ids hash a member's normalised text, so they are stable across runs and independent of order.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz
from unidecode import unidecode

from transforms.extract.quotes.rules import (
    APOSTROPHES,
    CONTRACTION_SUFFIXES,
    CONTRACTIONS,
    DASHES,
    QUOTE_CHARS,
    alternation,
)

LOGGER = logging.getLogger(__name__)

NUM_PERM = 64
LSH_THRESHOLD = 0.3  # loose on purpose: rapidfuzz verification decides
MIN_RATIO = 85.0  # whole-quote similarity for light edits
MIN_CONTAINED = 92.0  # a truncated quote must sit almost verbatim inside the longer one
MIN_CONTAINED_WORDS = 5  # ... and be long enough not to match by accident
EQUAL_RUN_KEPT = 8  # quote_diff elides longer unchanged runs

_APOS_TABLE = str.maketrans({c: "'" for c in APOSTROPHES})
_PUNCT_TABLE = str.maketrans({c: " " for c in QUOTE_CHARS + DASHES + "…"})
_WHOLE_RE = re.compile(r"\b" + alternation(CONTRACTIONS) + r"\b")
_SUFFIX_RE = re.compile(r"(?<=\w)" + alternation(CONTRACTION_SUFFIXES) + r"\b")
_NON_WORD_RE = re.compile(r"[^\w\s]+")
_SPACE_RE = re.compile(r"\s+")
_DIFF_KEY_RE = re.compile(r"[^\w]+")


def normalise_quote(text: str) -> str:
    """The matching key: casefolded, contractions expanded, marks and punctuation removed.

    ``text`` is the speaker's words only (a quote split by its attribution arrives as its
    pieces joined by one space), so every word in it counts."""
    s = text.translate(_APOS_TABLE).casefold()
    s = _WHOLE_RE.sub(lambda m: CONTRACTIONS[m.group()], s)
    s = _SUFFIX_RE.sub(lambda m: CONTRACTION_SUFFIXES[m.group()], s)
    s = unidecode(s.translate(_PUNCT_TABLE)).casefold()
    s = _NON_WORD_RE.sub(" ", s.replace("'s ", "s ").replace("'", ""))
    return _SPACE_RE.sub(" ", s).strip()


@lru_cache(maxsize=1)
def _lsh_params() -> tuple[int, int]:
    """Bands and rows for the threshold: datasketch integrates for them, so do it once."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """A MinHash whose permutations are reused: building them dominates small sketches."""
    return MinHash(num_perm=NUM_PERM, seed=1)


def _shingles(words: list[str]) -> set[bytes]:
    if len(words) < 3:
        return {w.encode() for w in words}
    return {f"{a} {b}".encode() for a, b in pairwise(words)}


def _same_quote(a: str, b: str) -> bool:
    """Light edit (high overall ratio) or truncation (the shorter sits inside the longer)."""
    if a == b:
        return True
    short, long_ = (a, b) if (len(a), a) <= (len(b), b) else (b, a)
    if not short:
        return False
    if fuzz.ratio(short, long_) >= MIN_RATIO:
        return True
    return (
        len(short.split()) >= MIN_CONTAINED_WORDS
        and fuzz.partial_ratio(short, long_) >= MIN_CONTAINED
    )


def _surname(speaker: str | None) -> str | None:
    """The last word of a named speaker; anonymous descriptors ("one official") have none."""
    if not speaker or not speaker[:1].isupper():
        return None
    words = normalise_quote(speaker).split()
    return words[-1] if words else None


def _clash(a: set[str], b: set[str]) -> bool:
    """Named speakers with different surnames ("Okafor" ~ "Okafor-Lind" is no clash)."""
    return any(fuzz.ratio(x, y) < 80 for x in a for y in b)


class _Components:
    """Union-find that refuses to join groups quoting different named people."""

    def __init__(self, surnames: list[str | None]) -> None:
        self.parent = list(range(len(surnames)))
        self.names = [{n} if n else set() for n in surnames]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or _clash(self.names[ra], self.names[rb]):
            return
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.names[ra] |= self.names[rb]


def canonical_id(normalised: str) -> str:
    """Stable id of a canonical quote: "q_" + 12 hex digits of its normalised text's hash."""
    return "q_" + hashlib.blake2b(normalised.encode("utf-8"), digest_size=6).hexdigest()


def match_quotes(quotes: Sequence[tuple[str, str, str | None]]) -> dict[str, str]:
    """(quote_id, text, speaker) for the whole corpus -> quote_id -> canonical_quote_id.

    Deterministic and independent of input order; the canonical id is derived from the
    smallest member (shortest normalised text, then alphabetical).  The same words from two
    different named people stay two quotes.
    """
    items = sorted(set(quotes), key=lambda q: q[0])
    keys = [normalise_quote(text) for _, text, _ in items]
    # Nodes: one per (normalised text, named surname); unnamed wordings join a named twin.
    node_of: dict[tuple[str, str | None], int] = {}
    for key, sn in sorted(
        {(k, _surname(sp)) for k, (_, _, sp) in zip(keys, items)},
        key=lambda ks: (ks[0], ks[1] or ""),
    ):
        node_of[(key, sn)] = len(node_of)
    named_by_key: dict[str, list[int]] = {}
    for (key, sn), n in node_of.items():
        if sn is not None:
            named_by_key.setdefault(key, []).append(n)
    for (key, sn), n in list(node_of.items()):
        if sn is None and key in named_by_key:
            node_of[(key, sn)] = named_by_key[key][0]
    nodes_of_key: dict[str, list[int]] = {}
    for (key, _), n in node_of.items():
        if n not in nodes_of_key.setdefault(key, []):
            nodes_of_key[key].append(n)
    surnames: list[str | None] = [None] * len(node_of)
    for (_, sn), n in node_of.items():
        if sn is not None:
            surnames[n] = sn
    comps = _Components(surnames)
    # Fuzzy candidates from LSH over word shingles, verified with rapidfuzz, in sorted order.
    distinct = sorted(nodes_of_key)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=_lsh_params())
    sketches: dict[str, MinHash] = {}
    for key in distinct:
        template = _template()
        mh = MinHash(
            num_perm=NUM_PERM, seed=1, permutations=template.permutations, scheme=template.scheme
        )
        mh.update_batch(list(_shingles(key.split())) or [b""])
        sketches[key] = mh
        lsh.insert(key, mh)
    for key in distinct:
        for other in sorted(lsh.query(sketches[key])):
            if other > key and _same_quote(key, other):
                for a in nodes_of_key[key]:
                    for b in nodes_of_key[other]:
                        comps.union(a, b)
    smallest: dict[int, tuple[int, str, str]] = {}
    for (key, _), n in node_of.items():
        root = comps.find(n)
        cand = (len(key), key, surnames[n] or "")
        if root not in smallest or cand < smallest[root]:
            smallest[root] = cand
    taken: dict[str, int] = {}
    for _, key, _ in smallest.values():
        taken[key] = taken.get(key, 0) + 1
    ids = {
        root: canonical_id(key if taken[key] == 1 else f"{key}|{sn}")
        for root, (_, key, sn) in smallest.items()
    }
    result = {
        qid: ids[comps.find(node_of[(key, _surname(sp))])] for (qid, _, sp), key in zip(items, keys)
    }
    LOGGER.info("matched %d quotes into %d canonical quotes", len(items), len(ids))
    return result


def _diff_key(word: str) -> str:
    return _DIFF_KEY_RE.sub("", word.translate(_APOS_TABLE).casefold())


def quote_diff(a: str, b: str) -> str:
    """A compact word-level diff showing how wording ``a`` became ``b``.

    "it does not do a lot of good" vs "it doesn't do a lot of good" ->
    "it [does not -> doesn't] do a lot of good"; long unchanged runs are elided with "…".
    """
    wa, wb = a.split(), b.split()
    matcher = difflib.SequenceMatcher(
        a=[_diff_key(w) for w in wa], b=[_diff_key(w) for w in wb], autojunk=False
    )
    parts: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            run = wa[i1:i2]
            if len(run) > EQUAL_RUN_KEPT:
                run = [*run[:3], "…", *run[-3:]]
            parts.extend(run)
        elif op == "replace":
            parts.append(f"[{' '.join(wa[i1:i2])} -> {' '.join(wb[j1:j2])}]")
        elif op == "delete":
            parts.append(f"[-{' '.join(wa[i1:i2])}]")
        else:
            parts.append(f"[+{' '.join(wb[j1:j2])}]")
    return " ".join(parts)
