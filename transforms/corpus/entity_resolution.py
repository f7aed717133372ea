"""One identity per person or organisation across spellings, over the whole corpus.

Why folding and blocking: news in English transliterates names from other scripts in several
systems (Tkachenko / Tkatschenko, Yermakov / Jermakow / Ermakov), so names are compared on a
transliteration-folded key, blocked by the start of the folded surname (sub-quadratic), and only
merged when their given names are compatible, so "Anna Lindqvist" and "Erik Lindqvist" stay apart.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import CONSTANTS
from rapidfuzz import fuzz
from unidecode import unidecode

from transforms.lexicons import lines
from transforms.records import CanonicalEntity, EntityName

LOGGER = logging.getLogger(__name__)

# Ordered spelling folds: each pair maps one transliteration habit onto another.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("sch", "sh"), ("x", "ks"), ("kh", "h"), ("zh", "z"), ("tz", "c"), ("ts", "c"), ("ck", "k"),
    ("ph", "f"), ("w", "v"), ("j", "y"), ("ye", "e"), ("y", "i"), ("z", "s"), ("g", "h"),
)
_NON_LETTER = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_VOWEL_I = re.compile(r"(?:ei|ie|ii)$")

# Given names that are one name in different transliterations, languages or short forms.
_GIVEN_VARIANTS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group.split()) for group in lines("given_name_variants.txt")
)

# Surname particles ("von der", "van den") and titles, from nameparser's maintained lists.
_PARTICLES = frozenset(p for p in CONSTANTS.prefixes if p.isalpha())
_TITLES = frozenset(CONSTANTS.titles)
# Two to four plain words, no titles, suffixes, commas or initials: split without nameparser.
_PLAIN_NAME = re.compile(r"^[^\W\d_][^\s,.]+(?: [^\W\d_][^\s,.]*){1,3}$")
_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})  # suffixes that tell relatives apart
# "Given M. Surname", "Given M. K. Surname": split without nameparser when neither outer word is
# one nameparser treats apart (a title, particle, suffix or conjunction).  Such names are a
# tenth of a large warehouse's person names, and nameparser took a third of entity resolution.
_INITIALED_NAME = re.compile(r"^([^\W\d_][^\s,.]+)(?: [^\W\d_]\.){1,2} ([^\W\d_][^\s,.]+)$")
_NAMEPARSER_WORDS = frozenset(
    w.lower() for group in (CONSTANTS.titles, CONSTANTS.prefixes, CONSTANTS.suffix_acronyms,
                            CONSTANTS.suffix_not_acronyms, CONSTANTS.suffix_acronyms_ambiguous,
                            CONSTANTS.conjunctions, CONSTANTS.bound_first_names,
                            CONSTANTS.non_first_name_prefixes)
    for w in group)
_SURNAME_SIMILARITY = 88.0  # rapidfuzz ratio on folded surnames within a block
_DOMINANCE = 3.0  # a bare surname joins the most-mentioned full name when it leads by this factor
_BLOCK_PREFIX = 3


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Transliteration-folded key: 'Tkachenko' and 'Tkatschenko', 'Jermakow' and 'Ermakov' fold alike."""
    key = _NON_LETTER.sub("", unidecode(name).lower())
    for old, new in _FOLDS:
        key = key.replace(old, new)
    key = _DOUBLED.sub(r"\1", key)
    return _FINAL_VOWEL_I.sub("i", key)


_VARIANT_GROUP: dict[str, str] = {
    fold(spelling): fold(group[0]) for group in _GIVEN_VARIANTS for spelling in group
}


def given_key(given: str) -> str:
    """Fold a given name and map known variants (Valeri/Valery, Vladimir/Volodymyr) together."""
    key = fold(given)
    return _VARIANT_GROUP.get(key, key)


def given_compatible(a: str | None, b: str | None) -> bool:
    """Two given names can belong to one person: same key, a missing one, or a matching initial."""
    if not a or not b:
        return True
    ka, kb = given_key(a), given_key(b)
    if ka == kb:
        return True
    if len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1:
        return bool(ka) and bool(kb) and ka[0] == kb[0]
    return False


@lru_cache(maxsize=65536)
def split_person(name: str) -> tuple[str | None, str]:
    """(given name or None, surname) of a person name, surname particles kept ('von der Leyen')
    and a generational suffix too ('Quist Jr.'): a son is not his father."""
    tokens = name.split()
    if len(tokens) > 2 and tokens[-1].lower().strip(".,") in _GENERATIONAL:
        given, surname = split_person(" ".join(tokens[:-1]).rstrip(","))
        return given, f"{surname} {tokens[-1].strip(',')}"
    if len(tokens) <= 1 or tokens[0].lower() in _PARTICLES:
        return None, name
    if _PLAIN_NAME.match(name) and tokens[0].lower() not in _TITLES:  # the common case, without nameparser's cost
        k = len(tokens) - 1
        while k > 1 and tokens[k - 1].lower() in _PARTICLES:
            k -= 1
        return tokens[0], " ".join(tokens[k:])
    initialed = _INITIALED_NAME.match(name)
    if initialed and not _NAMEPARSER_WORDS & {initialed[1].lower(), initialed[2].lower()}:
        first, last = initialed[1], initialed[2]  # what nameparser gives for these
        return (None if fold(first) == fold(last) else first), last
    parsed = HumanName(name)
    last = parsed.last or tokens[-1]
    first = parsed.first or None
    if first and fold(first) == fold(last):
        first = None
    return first, last


def forget_caches() -> None:
    """Drop the per-name caches (see ``transforms.corpus.caches``)."""
    fold.cache_clear()
    split_person.cache_clear()


def entity_id(type_: str, key: str) -> str:
    """Stable id from the type and the folded canonical key: re-runs give the same id."""
    prefix = "p_" if type_ == "person" else "o_"
    return prefix + hashlib.sha256(f"{type_}|{key}".encode()).hexdigest()[:12]


@dataclass
class _Cluster:
    """Spellings found to name one entity, with their mention counts."""

    given: str | None
    surname_key: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def mentions(self) -> int:
        return sum(self.counts.values())


def _canonical_name(counts: dict[str, int], full: set[str]) -> str:
    """Most frequent full spelling (ties alphabetical), else most frequent spelling."""
    pool = [n for n in counts if n in full] or list(counts)
    return min(pool, key=lambda n: (-counts[n], n))


class _GivenIndex:
    """The clusters of one surname key by given-name key, so that the clusters a given name
    is compatible with (``given_compatible``) are found without testing each one."""

    def __init__(self) -> None:
        self.by_given: dict[str, dict[int, _Cluster]] = defaultdict(dict)
        self.by_first: dict[str, dict[int, _Cluster]] = defaultdict(dict)  # every cluster
        self.initials_by_first: dict[str, dict[int, _Cluster]] = defaultdict(dict)

    def add(self, at: int, cluster: _Cluster, gkey: str, initial: bool) -> None:
        self.by_given[gkey][at] = cluster
        if gkey:
            self.by_first[gkey[0]][at] = cluster
            if initial:
                self.initials_by_first[gkey[0]][at] = cluster

    def compatible(self, gkey: str, initial: bool) -> dict[int, _Cluster]:
        """Clusters (by place in the block) a given name of key ``gkey`` can join: the same
        key, or, when either side is an initial, the same first letter."""
        out = dict(self.by_given.get(gkey, {}))
        if gkey:
            out.update((self.by_first if initial else self.initials_by_first).get(gkey[0], {}))
        return out


def _resolve_people(names: dict[str, int]) -> list[_Cluster]:
    """Cluster person names: full names by surname block and given names, then bare surnames."""
    full: dict[str, tuple[str, str]] = {}
    bare: dict[str, str] = {}
    for name in names:
        given, surname = split_person(name)
        if given is None:
            bare[name] = fold(surname)
        else:
            full[name] = (given, fold(surname))

    blocks: dict[str, list[_Cluster]] = defaultdict(list)
    # The same clusters indexed by block and surname key, then by given-name key: a name is
    # compared with its block's distinct surnames, and takes from the similar ones only the
    # clusters ``given_compatible`` would accept, in their order in the block (a block of a
    # common surname start holds thousands of clusters; the result is the same).
    by_key: dict[str, dict[str, _GivenIndex]] = defaultdict(dict)
    clusters: list[_Cluster] = []
    # Full given names first, initials last, so an initial never bridges two people.
    order = sorted(full, key=lambda n: (len(full[n][0].rstrip(".")) == 1, -names[n], n))
    for name in order:
        given, skey = full[name]
        block = skey[:_BLOCK_PREFIX]
        keyed = by_key[block]
        home = None
        gkey, initial = given_key(given), len(given.rstrip(".")) == 1
        found: dict[int, _Cluster] = {}
        for key, index in keyed.items():
            if key == skey or fuzz.ratio(key, skey) >= _SURNAME_SIMILARITY:
                found.update(index.compatible(gkey, initial))
        candidates = [found[i] for i in sorted(found)]
        if len(candidates) == 1 or (candidates and not initial):
            home = candidates[0]
        if home is None:
            home = _Cluster(given=given, surname_key=skey)
            keyed.setdefault(skey, _GivenIndex()).add(len(blocks[block]), home, gkey, initial)
            blocks[block].append(home)
            clusters.append(home)
        home.counts[name] = names[name]

    bare_clusters: dict[str, _Cluster] = {}
    for name in sorted(bare, key=lambda n: (-names[n], n)):
        skey = bare[name]
        matches = sorted(
            (c for c in blocks[skey[:_BLOCK_PREFIX]]
             if c.surname_key == skey or fuzz.ratio(c.surname_key, skey) >= _SURNAME_SIMILARITY),
            key=lambda c: -c.mentions,
        )
        if len(matches) == 1 or (
            len(matches) > 1 and matches[0].mentions >= _DOMINANCE * matches[1].mentions
        ):
            matches[0].counts[name] = names[name]
            continue
        if len(matches) > 1:
            LOGGER.debug("surname %r is ambiguous between %d people", name, len(matches))
        home = next(
            (c for k, c in bare_clusters.items()
             if k[:_BLOCK_PREFIX] == skey[:_BLOCK_PREFIX]
             and fuzz.ratio(k, skey) >= _SURNAME_SIMILARITY),
            None,
        )
        if home is None:
            home = _Cluster(given=None, surname_key=skey)
            bare_clusters[skey] = home
            clusters.append(home)
        home.counts[name] = names[name]
    return clusters


def _org_key(name: str) -> str:
    """Folded organisation key without a leading article ('The Economist' = 'Economist')."""
    words = name.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return fold(" ".join(words)) or name.lower()


def entity_block(type_: str, name: str) -> str:
    """The names a name can resolve with: people by the start of the folded surname, others by
    their folded key.  Resolution never looks across blocks, so a night re-resolves only the
    blocks of the names it brings, and gets what a pass over the whole corpus would."""
    if type_ == "person":
        return "person|" + fold(split_person(name)[1])[:_BLOCK_PREFIX]
    return f"{type_}|{_org_key(name)}"


def resolve_entities(names: Iterable[EntityName]) -> dict[tuple[str, str], CanonicalEntity]:
    """Map every input (type, name) to its canonical entity, joining spelling variants."""
    people: dict[str, int] = defaultdict(int)
    others: dict[tuple[str, str], int] = defaultdict(int)
    for item in names:
        if item.type == "person":
            people[item.name] += max(item.mentions, 1)
        else:
            others[(item.type, item.name)] += max(item.mentions, 1)

    result: dict[tuple[str, str], CanonicalEntity] = {}
    for cluster in _resolve_people(people):
        full_names = {n for n in cluster.counts if len(n.split()) > 1}
        canonical = _canonical_name(cluster.counts, full_names)
        given, _ = split_person(canonical)
        key = f"{given_key(given) if given else ''}|{cluster.surname_key}"
        entity = CanonicalEntity(
            entity_id=entity_id("person", key),
            type="person",
            name=canonical,
            aliases=tuple(sorted(cluster.counts)),
        )
        for name in cluster.counts:
            result[("person", name)] = entity

    groups: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (type_, name), count in others.items():
        groups[(type_, _org_key(name))][name] = count
    for (type_, key), counts in groups.items():
        entity = CanonicalEntity(
            entity_id=entity_id(type_, key),
            type=type_,
            name=_canonical_name(counts, set(counts)),
            aliases=tuple(sorted(counts)),
        )
        for name in counts:
            result[(type_, name)] = entity
    return result
