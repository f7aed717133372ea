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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
from datasketch import MinHash
from rapidfuzz import fuzz, process
from unidecode import unidecode

from transforms.corpus.fingerprints import band_keys_of, lsh_layout
from transforms.corpus.text_reuse import candidate_pairs as shared_hash_pairs
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
def _template() -> MinHash:
    """A MinHash whose permutations are reused: building them dominates small sketches."""
    return MinHash(num_perm=NUM_PERM, seed=1)


def _shingles(words: list[str]) -> set[bytes]:
    if len(words) < 3:
        return {w.encode() for w in words}
    return {f"{a} {b}".encode() for a, b in pairwise(words)}


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


@dataclass(frozen=True, slots=True)
class QuoteKey:
    """What matching knows of one quote: its normalised text and its named speaker's surname."""

    quote_id: str
    key: str
    surname: str | None


def quote_key(quote_id: str, text: str, speaker: str | None) -> QuoteKey:
    return QuoteKey(quote_id, normalise_quote(text), _surname(speaker))


def key_id(key: str) -> int:
    """64-bit id of a normalised quote: how band keys name it."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(),
                          "little", signed=True)


def key_bands(keys: Sequence[str]) -> np.ndarray:
    """The MinHash LSH band keys of normalised quotes, one row per key (what ``quote_bands``
    stores).

    Two keys share a band key exactly when datasketch's LSH would return one for the other,
    so candidates are found by an equality join, against stored keys as well as new ones."""
    template = _template()
    bands, rows = lsh_layout(LSH_THRESHOLD, NUM_PERM)
    out = np.zeros((len(keys), bands), dtype=np.int64)
    for n, key in enumerate(keys):
        mh = MinHash(num_perm=NUM_PERM, seed=1, permutations=template.permutations,
                     scheme=template.scheme)
        mh.update_batch(list(_shingles(key.split())) or [b""])
        out[n] = band_keys_of(mh.hashvalues, bands, rows)
    return out


def candidate_pairs(keys: Sequence[str], bands: np.ndarray) -> set[tuple[str, str]]:
    """Pairs of ``keys`` (smaller first) sharing at least one band key (rows of ``bands``),
    found with one sort of all band keys rather than a table of Python sets."""
    found = shared_hash_pairs([row for row in bands], max_sharing=max(len(keys), 2))
    return {(keys[i], keys[j]) if keys[i] < keys[j] else (keys[j], keys[i]) for i, j in found}


def verified_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The candidate pairs that are one quote (light edit or truncation), sorted.

    One quote: a light edit (whole-string ratio >= ``MIN_RATIO``) or a truncation (the
    shorter, of ``MIN_CONTAINED_WORDS`` words or more, sits inside the longer with a
    partial ratio >= ``MIN_CONTAINED``).  Scored over arrays: rapidfuzz element-wise in C
    (``cpdist``, on every core), since loose LSH hands over many more candidates than there
    are matches."""
    ordered = sorted({(a, b) if a < b else (b, a) for a, b in pairs if a != b})
    if not ordered:
        return []
    shorts, longs = zip(*(((a, b) if (len(a), a) <= (len(b), b) else (b, a)) for a, b in ordered))
    whole = process.cpdist(shorts, longs, scorer=fuzz.ratio, workers=-1)
    rest = [i for i, score in enumerate(whole)
            if score < MIN_RATIO and len(shorts[i].split()) >= MIN_CONTAINED_WORDS
            and _may_be_contained(score, len(shorts[i]), len(longs[i]))]
    contained = process.cpdist([shorts[i] for i in rest], [longs[i] for i in rest],
                               scorer=fuzz.partial_ratio, score_cutoff=MIN_CONTAINED,
                               workers=-1)
    keep = {i for i, score in enumerate(whole) if score >= MIN_RATIO and shorts[i]}
    keep.update(i for i, score in zip(rest, contained) if score >= MIN_CONTAINED)
    return [ordered[i] for i in sorted(keep)]


def _may_be_contained(ratio: float, short: int, long_: int) -> bool:
    """Whether ``partial_ratio`` can reach ``MIN_CONTAINED``, from the whole strings' ratio.

    ratio = 200 * LCS / (short + long), and no window of the longer string shares more with
    the shorter than the whole does; the best a window (of at most the shorter's length) can
    score is 2 * LCS / (short + LCS).  Most candidates fail this, and partial_ratio on long
    strings is the costliest thing quote matching does, so it is checked first (exact: a
    bound, with a margin for float rounding)."""
    lcs = ratio * (short + long_) / 200.0
    return 200.0 * lcs / (short + lcs) >= MIN_CONTAINED - 0.5 if short else False


def match_blocks(keys: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """key -> its matching block: connected keys through verified pairs, named after the
    smallest key.  Blocks only ever merge as nights add keys, and each block resolves on its
    own, so a night re-resolves just the blocks its quotes join."""
    parent: dict[str, str] = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {k: "qb_" + hashlib.blake2b(find(k).encode(), digest_size=6).hexdigest()
            for k in parent}


def resolve_quotes(items: Sequence[QuoteKey], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """quote_id -> canonical quote id, for whole blocks of quotes and their verified pairs.

    Deterministic and independent of input order; the canonical id is derived from the
    smallest member (shortest normalised text, then alphabetical).  The same words from two
    different named people stay two quotes.  Pairs are applied in sorted order, which makes
    the result of a block the same whether it is resolved alone or with the whole corpus.
    """
    items = sorted(set(items), key=lambda q: q.quote_id)
    # Nodes: one per (normalised text, named surname); unnamed wordings join a named twin.
    node_of: dict[tuple[str, str | None], int] = {}
    for key, sn in sorted({(q.key, q.surname) for q in items}, key=lambda ks: (ks[0], ks[1] or "")):
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
    for key, other in sorted(set(pairs)):
        if key in nodes_of_key and other in nodes_of_key:
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
    return {q.quote_id: ids[comps.find(node_of[(q.key, q.surname)])] for q in items}


def match_quotes(quotes: Sequence[tuple[str, str, str | None]]) -> dict[str, str]:
    """(quote_id, text, speaker) for the whole corpus -> quote_id -> canonical_quote_id.

    Fuzzy candidates come from LSH band keys over word shingles (sub-quadratic), verified
    with rapidfuzz; see ``resolve_quotes`` for how they are merged.
    """
    items = [quote_key(*q) for q in set(quotes)]
    distinct = sorted({q.key for q in items})
    pairs = verified_pairs(candidate_pairs(distinct, key_bands(distinct)))
    result = resolve_quotes(items, pairs)
    LOGGER.info("matched %d quotes into %d canonical quotes", len(result), len(set(result.values())))
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
