"""Document rules on what kind of thing a tagged name is, run after the tagger (``tagger.py``).

A sequence model trained on news sees each sentence alone and knows names by their look; these
rules read the whole text and general word lists (``transforms/lexicons/``) to correct the kind
of a name:
- organisations: a "person" holding a school's or institute's head word ("Lattice Lab",
  ``institution_nouns.txt``); an organisation head closing a capitalised run or standing alone
  in a sentence ("Cambridge Whig Club", "the Society"; ``organisation_heads.txt``); a name after
  "teach at", "graduated from" ... (``school_cues.txt``); an abbreviation in brackets spelling an
  organisation's initials; a nationality and "Consulate";
- places: a name ending in a place's or a building's last word ("George Washington Bridge",
  ``place_nouns.tsv``), a known place or a name opening like one listed next to a place, a
  region after "Town,", a name the text describes as a place ("the island of X", "X is a city";
  ``place_kinds.txt``), a country or a known place after "in" tagged as an organisation;
- MISC: titles of works ("the film Watchmen", ``work_nouns.txt``; lists of works with years),
  awards, battles and laws (``event_words.tsv``);
- no names: acronyms of things (``common_acronyms.txt``), currency codes after amounts, common
  words capitalised by position (opening a sentence, in a title-case heading) that the text also
  writes in lower case, a lone role word ("the Tsar");
- two authors, not a firm: "Carrano & Biewener [7]".
Each rule was kept only when the GUM cross-validation did not fall and CoNLL dev did not lose,
and was read change by change on political news (docs/benchmarks.md).

Spans are (first, last+1, label) token ranges over the text's words.  Pure: no I/O besides the
word lists.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from transforms.extract.entities.rules import HONORIFICS, ROLE_HEADS
from transforms.lexicons import table as lexicon_table
from transforms.lexicons import words as lexicon_words

_GIVEN_NAMES = lexicon_words("given_names.txt")
_PLACES = lexicon_words("places.txt")
_ROLES = ROLE_HEADS | HONORIFICS
_INSTITUTIONS = lexicon_words("institution_nouns.txt")
_PLACE_NOUNS = {row[0].lower(): row[1] for row in lexicon_table("place_nouns.tsv")}
_PLACE_KINDS = lexicon_words("place_kinds.txt")
_WORK_NOUNS = lexicon_words("work_nouns.txt")
_EVENT_WORDS = {(row[1], row[0].lower()) for row in lexicon_table("event_words.tsv")}
_ORG_NOUNS = lexicon_words("organisation_nouns.txt")
_ACRONYMS = lexicon_words("common_acronyms.txt")
_SCHOOL_CUES = tuple(tuple(cue.split()) for cue in sorted(lexicon_words("school_cues.txt")))
_COUNTRIES = lexicon_words("countries.txt")
_NATIONALITIES = lexicon_words("nationalities.txt")
_ORG_HEADS = lexicon_words("organisation_heads.txt")
_CAPITAL_HEADS = frozenset(w[:1].upper() + w[1:] for w in _ORG_HEADS)  # as written inside a name
_LINKS = frozenset({"of", "for", "de", "du", "des", "di", "do"})  # "Club for Growth"
_AMOUNT = re.compile(r"\d[\d,.]*")
_ENGLISH_FUNCTION_WORDS = frozenset(next(row[1] for row in lexicon_table("function_words.tsv") if row[0] == "en").split())
_CURRENCY_CODES = frozenset(row[1] for row in lexicon_table("currencies.tsv") if row[2:3] == ("sign",))


def _kinds_by_head(words: Sequence[str], spans: list[tuple[int, int, str]]
                   ) -> list[tuple[int, int, str]]:
    """A "person" holding the head word of a school or an institute is an organisation
    ("Lattice Lab", "Webber Douglas Academy", "Universidad ..."); a "person" of several words
    ending in the last word of a place's or a building's name is a place ("George Washington
    Bridge", "Englewood Cliffs"), and so is an "organisation" ending in a street's, a
    building's or a country's ("Cannon Office Building", "United Kingdom";
    transforms/lexicons/place_nouns.tsv)."""
    out = []
    for s, e, t in spans:
        last = _PLACE_NOUNS.get(words[e - 1].lower()) if e - s > 1 else None
        if last == "opener":
            last = None
        if t == "PER" and any(w.lower() in _INSTITUTIONS for w in words[s:e]):
            t = "ORG"
        elif (t == "PER" and last is not None) or (t == "ORG" and last in ("street", "country")):
            t = "LOC"
        out.append((s, e, t))
    return out


_YEAR_ONLY = re.compile(r"(?:1[6-9]|20)\d\d")
_TITLE_SMALL = frozenset({"the", "a", "an", "of", "in", "on", "and", "to", "at", "for", "with", "from", "'s"})


def _titles_of_works(words: Sequence[str], spans: list[tuple[int, int, str]]
                     ) -> list[tuple[int, int, str]]:
    """Titles of works read as persons become MISC: a name right after a lower-case noun for a
    kind of work ("the superhero film Watchmen", "drama Burning Man"; ``work_nouns.txt``), and
    the names in a list of three or more works with their years when one of them reads like a
    title ("Stoker (2013), Belle (2013), The Imitation Game (2014)"; cited surnames with years
    stay persons)."""
    n = len(words)
    years = [i for i in range(n - 2) if words[i] == "(" and words[i + 2] == ")" and _YEAR_ONLY.fullmatch(words[i + 1])]
    listed: set[int] = set()  # the "(" of each "(year)" in a list of works
    run: list[int] = []
    titled = False  # an item reads like a title ("The Imitation Game", "Me and You")
    for a, b in zip(years, [*years[1:], None]):
        run.append(a)
        item = words[a + 4:b] if b is not None else []
        if b is not None and 0 < len(item) <= 7 and words[a + 3] in (",", "and") and all(
                w[:1].isupper() or w in _TITLE_SMALL for w in item):
            titled = titled or any(w in _TITLE_SMALL or w in ("The", "A", "An") for w in item)
            continue
        if len(run) >= 3 and titled:
            listed.update(run)
        run = []
        titled = False
    out = []
    for s, e, t in spans:
        if t == "PER" and ((s > 0 and words[s - 1].islower() and words[s - 1] in _WORK_NOUNS) or e in listed):
            t = "MISC"
        out.append((s, e, t))
    return out


def _places_in_lists(words: Sequence[str], spans: list[tuple[int, int, str]]
                     ) -> list[tuple[int, int, str]]:
    """A one-word "person" or "organisation" that is a known place name (places.txt), or a
    name opening like a place's ("Saint Lucia"; ``place_nouns.tsv``), listed next to a place
    ("Grenada (60 days), Liechtenstein", "Warsaw and Wroclaw") is a place;
    not in a list with a person, nor a word the text uses in a longer person name, after a role
    or an honorific, or before "said", "who" ... ("Clinton", "Obama" are towns too)."""
    places = _PLACES
    out = list(spans)
    persons = {w for s, e, t in spans if t == "PER" and e - s > 1 for w in words[s:e]}  # "Marco Rubio"
    persons |= {words[s] for s, e, t in spans if (e < len(words) and words[e] in _PERSON_AFTER) or (
        s > 0 and words[s - 1].lower().rstrip(".") in _ROLES)}  # "Obama said", "Dr. Carson"
    for _ in range(2):  # along the list both ways
        for k in range(len(out)):
            s, e, t = out[k]
            if t not in ("PER", "ORG") or not ((e - s == 1 and words[s].lower() in places) or (
                    e - s > 1 and _PLACE_NOUNS.get(words[s].lower()) == "opener")):
                continue
            near = [out[j] for j in (k - 1, k + 1) if 0 <= j < len(out) and _listed(words, out[j], out[k])]
            if (e - s == 1 and words[s] in persons) or any(x[2] == "PER" for x in near) or (
                    e < len(words) and words[e] not in (",", ".", ";", ")", "(", "and", "or")
                    and (s == 0 or words[s - 1] not in ("and", "or"))):
                continue  # a list of people, or no list item ("At the Oval, Surrey captain X")
            for j in (k - 1, k + 1):
                if not 0 <= j < len(out) or out[j][2] != "LOC":
                    continue
                if _listed(words, out[j], out[k]):
                    out[k] = (s, e, "LOC")
                    break
    return out


_LIST_GAPS = ([","], ["and"], ["or"], [",", "and"], [",", "or"])


def _listed(words: Sequence[str], one: tuple[int, int, str], other: tuple[int, int, str]) -> bool:
    """Whether two spans are neighbours in a list ("A, B", "A and B", "A (28 days), B")."""
    (_, b, _), (c, _, _) = sorted((one, other))
    gap = list(words[b:c])
    if gap[:1] == ["("] and ")" in gap:  # "Barbados (28 days), Benin"
        gap = gap[gap.index(")") + 1:]
    return gap in _LIST_GAPS


def _regions_after_places(words: Sequence[str], spans: list[tuple[int, int, str]]
                          ) -> list[tuple[int, int, str]]:
    """A one-word "person" right after a place and a comma, closing the phrase, is the place's
    region ("born in Exeter, Devon."), and so is a two-capital "organisation" there ("Paramus,
    NJ")."""
    n = len(words)
    persons = {w for s, e, t in spans if t == "PER" and e - s > 1 for w in words[s:e]}
    out = list(spans)
    for k in range(1, len(out)):
        s, e, t = out[k]
        ps, pe, pt = out[k - 1]
        code = t == "ORG" and len(words[s]) == 2 and words[s].isupper()  # "Paramus, NJ"
        if ((t == "PER" or code) and e - s == 1 and pt == "LOC" and pe == s - 1 and words[pe] == ","
                and (ps == 0 or words[ps - 1] != ",")  # no list of names: "Breen, Staunton, Irwin"
                and (code or e == n or words[e] in (".", ")", ";", "[")) and words[s] not in persons
                and words[s].lower() not in _GIVEN_NAMES):
            out[k] = (s, e, "LOC")
    return out


def _events(words: Sequence[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names of awards, contests, battles and laws are MISC ("Teen Choice Awards for Best
    Actor", "Battle of X", "a nomination for Best Actor"; ``event_words.tsv``)."""
    return [(s, e, "MISC") if t in ("PER", "ORG") and e - s > 1 and (
        ("last", words[e - 1].lower()) in _EVENT_WORDS or ("first", words[s].lower()) in _EVENT_WORDS
        or any(("any", words[k].lower()) in _EVENT_WORDS and words[k + 1] == "for" for k in range(s, e - 1))
        or ("any", words[e - 1].lower()) in _EVENT_WORDS
        or (("category", words[s].lower()) in _EVENT_WORDS and s > 0 and words[s - 1] == "for")
    ) else (s, e, t) for s, e, t in spans]


def _currency_codes(words: Sequence[str], spans: list[tuple[int, int, str]]
                    ) -> list[tuple[int, int, str]]:
    """A three-capital "organisation" right after an amount and closing the phrase is a
    currency code ("25 CUC)", "40 CUC for a visa"; not "the 1996 FEC opinion", "1 in 10 GOP
    voters"), and so is a known code right before an amount ("USD 25"; ``currencies.tsv``; a
    team before its time in a results table, "TVM 9", stays)."""
    n = len(words)
    return [(s, e, t) for s, e, t in spans if not (
        t == "ORG" and e - s == 1 and len(words[s]) == 3 and words[s].isupper() and words[s].isalpha()
        and ((s > 0 and _AMOUNT.fullmatch(words[s - 1]) is not None and not _YEAR_ONLY.fullmatch(words[s - 1])
              and (e == n or not words[e][:1].isalpha() or words[e] in _ENGLISH_FUNCTION_WORDS
                   or words[s] in _CURRENCY_CODES))  # "225 DKK per hour"
             or (e < n and words[e][:1].isdigit() and words[s] in _CURRENCY_CODES)))]


def _cited_pairs(words: Sequence[str], spans: list[tuple[int, int, str]]
                 ) -> list[tuple[int, int, str]]:
    """ "Carrano & Biewener [7]", "(Makel & Plucker, 2014": two surnames joined by "&" and cited
    with a reference number or a year are two authors, not a firm, wherever the text names
    the pair."""
    n = len(words)
    pairs = set()
    for s, e, t in spans:
        if t in ("PER", "ORG") and e - s == 3 and words[s + 1] == "&" and e + 1 < n and (
                (words[e] == "[" and words[e + 1][:1].isdigit())
                or (words[e] in ("(", ",") and _YEAR_ONLY.match(words[e + 1]))):
            pairs.add((words[s], words[s + 2]))
    if not pairs:
        return spans
    out = []
    for s, e, t in spans:
        if e - s == 3 and words[s + 1] == "&" and (words[s], words[s + 2]) in pairs:
            out += [(s, s + 1, "PER"), (s + 2, e, "PER")]
        else:
            out.append((s, e, t))
    return out


def _schools(words: Sequence[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A capitalised name right after words that say it is a school ("to teach at Harvard",
    "graduated from Wesleyan"; ``school_cues.txt``) is an organisation, not its town, and so
    is the same name as a place or untagged elsewhere in the text."""
    n = len(words)
    first = {cue[0] for cue in _SCHOOL_CUES}
    hits = [i for i, w in enumerate(words) if w in first]
    if not hits:
        return spans
    starts = {s: k for k, (s, _, _) in enumerate(spans)}
    covered = {i for s, e, _ in spans for i in range(s, e)}
    out = list(spans)
    names: set[tuple[str, ...]] = set()
    for i in hits:
        for cue in _SCHOOL_CUES:
            j = i + len(cue)
            if tuple(words[i:j]) != cue:
                continue
            if j < n and words[j] in ("The", "the"):  # "teaching at The Ohio State University"
                j += 1
            if j >= n or not words[j][:1].isupper():
                break
            if j in starts:
                k = starts[j]
                s, e, t = out[k]
                if t in ("LOC", "MISC", "ORG"):
                    out[k] = (s, e, "ORG")
                    names.add(tuple(words[s:e]))
            elif j not in covered:
                e = j + 1
                while e < n and e - j < 4 and words[e][:1].isupper() and e not in covered:
                    e += 1
                out.append((j, e, "ORG"))
                names.add(tuple(words[j:e]))
            break
    if not names:
        return spans
    out = [(s, e, "ORG") if t == "LOC" and tuple(words[s:e]) in names else (s, e, t) for s, e, t in out]
    singles = {name[0] for name in names if len(name) == 1}
    covered = {i for s, e, _ in out for i in range(s, e)}
    out += [(i, i + 1, "ORG") for i, w in enumerate(words) if w in singles and i not in covered
            and not (i + 1 < n and words[i + 1][:1].isupper()) and not (i > 0 and words[i - 1][:1].isupper())]
    return sorted(out)


def _starts_sentence(words: Sequence[str], i: int) -> bool:
    """Whether the word at ``i`` opens a sentence (after a full stop, a colon, a quote ...)."""
    return i == 0 or words[i - 1] in _SENTENCE_ENDS


def _headed_organisations(words: Sequence[str], spans: list[tuple[int, int, str]]
                          ) -> list[tuple[int, int, str]]:
    """A capitalised noun that closes an organisation's name ("Club", "Society", "College";
    ``organisation_heads.txt``) makes one of it and the capitalised words before it, whatever
    they were tagged ("Cambridge" + "Whig" + "Club" -> "Cambridge Whig Club"); alone and
    capitalised inside a sentence it names one ("the Society", "told Parliament"), with the
    name after "of", "for" ... ("Club for Growth")."""
    n = len(words)
    cands = [i for i, w in enumerate(words) if w in _CAPITAL_HEADS and i > 0]
    if not cands:
        return spans
    label = [""] * n
    ends = set()
    for s, e, t in spans:
        ends.add(e - 1)
        for i in range(s, e):
            label[i] = t
    heads = [i for i in cands if label[i] != "ORG" and (not label[i] or i in ends)]
    made = []
    for i in cands:
        if label[i] or _starts_sentence(words, i) or words[i - 1][:1].isupper():
            continue
        e = i + 1
        if e + 1 < n and words[e] in _LINKS and words[e + 1][:1].isupper():  # "Club for Growth"
            e += 2
            while e < n and e - i < 6 and words[e][:1].isupper() and label[e] != "ORG":
                e += 1
        if e == n or not (words[e][:1].isupper() or (  # "Farm to Freezer": a longer title
                words[e] in _TITLE_SMALL and e + 1 < n and words[e + 1][:1].isupper())):
            made.append((i, e))
    if not heads and not made:
        return spans
    for i in heads:
        a = i
        while a > 0 and i - a < 4 and words[a - 1][:1].isupper() and words[a - 1].isalpha() \
                and label[a - 1] in ("", "LOC", "MISC", "PER") and words[a - 1] not in ("The", "A", "An"):
            a -= 1
        if a < i and not (label[a] == "MISC" and words[a].lower() in _NATIONALITIES):
            made.append((a, i + 1))
    if not made:
        return spans
    inside = {k for a, b in made for k in range(a, b)}
    out = [sp for sp in spans if not any(k in inside for k in range(sp[0], sp[1]))]
    return sorted(out + [(a, b, "ORG") for a, b in made])


_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z&]+[a-z]?")


def _initials(name: Sequence[str]) -> str:
    """The initials of the capitalised words of a name ("National Association of Purchasing
    Management" -> "NAPM")."""
    return "".join(w[0] for w in name if w[:1].isupper())


def _organisation_acronyms(words: Sequence[str], spans: list[tuple[int, int, str]]
                           ) -> list[tuple[int, int, str]]:
    """An abbreviation given in brackets right after an organisation's name and spelling its
    capitalised words' initials ("Undergraduate Student Government (U.S.G.)") is that
    organisation wherever the text uses it."""
    n = len(words)
    short = {words[e + 1] for s, e, t in spans if t == "ORG" and e + 2 < n and words[e] == "("
             and words[e + 2] == ")" and _ABBREVIATION.fullmatch(words[e + 1])
             and _initials(words[s:e]) == words[e + 1].replace(".", "").replace("&", "")}
    if not short:
        return spans
    covered = {i for s, e, _ in spans for i in range(s, e)}
    out = [(s, e, "ORG") if e - s == 1 and words[s] in short else (s, e, t) for s, e, t in spans]
    out += [(i, i + 1, "ORG") for i, w in enumerate(words) if w in short and i not in covered]
    return sorted(out)


def _things(words: Sequence[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Acronyms of things ("DNA", "GPS", "500 BC"; ``common_acronyms.txt``) are no names, and a
    country named as an "organisation" is the country (a national team is a place in CoNLL's
    convention too), and so is a known place named as one right after "in" or "near"."""
    out = []
    for s, e, t in spans:
        if t in ("PER", "ORG") and e - s == 1 and words[s].isupper() and words[s].lower() in _ACRONYMS:
            continue
        if t == "ORG" and (" ".join(words[s:e]).lower() in _COUNTRIES or (
                e - s == 1 and s > 0 and words[s - 1] in ("in", "near") and words[s].lower() in _PLACES)):
            t = "LOC"
        out.append((s, e, t))
    return out


def _national_bodies(words: Sequence[str], spans: list[tuple[int, int, str]]
                     ) -> list[tuple[int, int, str]]:
    """A nationality tagged MISC and the capitalised noun for an organisation after it are one
    organisation ("the Cuban Consulate", "the French Embassy")."""
    out = []
    taken = {i for s, e, _ in spans for i in range(s, e)}
    for s, e, t in spans:
        if t == "MISC" and e - s == 1 and e < len(words) and e not in taken and words[e][:1].isupper() \
                and words[e].lower() in _ORG_NOUNS:
            t, e = "ORG", e + 1
        out.append((s, e, t))
    return out


def _described_places(words: Sequence[str], spans: list[tuple[int, int, str]]
                      ) -> list[tuple[int, int, str]]:
    """A "person" or "organisation" that the text describes as a place ("the island of X", "the
    people of X", "X is in the province of ...", "X is a diverse city", "X as a city") is that
    place at all its uses, unless it is a one-word given name."""
    keys: dict[str, set[tuple[str, ...]]] = {}
    for s, e, t in spans:
        if t in ("PER", "ORG") and not (e - s == 1 and words[s].lower() in _GIVEN_NAMES):
            keys.setdefault(words[s], set()).add(tuple(words[s:e]))
    found: set[tuple[str, ...]] = set()
    for s in [i for i, w in enumerate(words) if w in keys]:  # every use, however it was tagged
        for key in keys[words[s]]:
            e = s + len(key)
            if key not in found and tuple(words[s:e]) == key and _described(words, s, e):
                found.add(key)
    if not found:
        return spans
    return [(s, e, "LOC") if t in ("PER", "ORG") and tuple(words[s:e]) in found else (s, e, t)
            for s, e, t in spans]


def _described(words: Sequence[str], s: int, e: int) -> bool:
    """Whether the words around ``words[s:e]`` describe it as a place."""
    n = len(words)
    if s > 1 and words[s - 1] == "of" and words[s - 2] in _PLACE_KINDS:
        return True
    if e + 2 < n and words[e] in ("is", "as"):  # "X is a city", "X as a city"
        rest = words[e + 1:e + 5]
        if rest[:2] == ["in", "the"] and rest[2:3] and rest[2] in _PLACE_KINDS:  # "X is in the province of"
            return True
        if rest[0] in ("a", "an"):  # "X is a (culturally diverse) city"
            for x in rest[1:]:
                if x in _PLACE_KINDS:
                    return True
                if not x.isalpha():
                    break
    return False


_PERSON_AFTER = frozenset(w for where, w, kind in lexicon_table("name_context.tsv")
                          if where == "after" and kind == "person" and " " not in w)
_HEADING_MAX = 14  # tokens of a heading line at most
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", '"', "“", "”"})


_ADDRESS_MARKS = frozenset({".", "@", "/", ":", "_"})


def _in_address(words: Sequence[str], i: int) -> bool:
    """Whether the lower-case word at ``i`` is part of an e-mail or web address
    ("thierry.poibeau@ens.fr"), not of running text."""
    before = words[i - 1] if i > 0 else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    return before in _ADDRESS_MARKS or (after in _ADDRESS_MARKS and words[i + 2:i + 3] != []
                                        and words[i + 2][:1].islower())


def _common_words(words: Sequence[str], toks: Sequence[tuple[int, int]],
                  ranges: Sequence[tuple[int, int]], case: dict[str, str],
                  spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Common words capitalised by position are no names: a one-word name opening a sentence
    ("Stir the oil ...", "Frozen foods ...", "Furthermore,") and a name in a title-case heading
    ("Basic Vanilla Vegan Cupcakes") whose words the text also writes in lower case (or that
    are usually lower-case, ``case``) and never capitalised inside running text.

    A line starts a sentence or follows a blank line (a gap of two or more characters between
    tokens); a heading is a line of at most 14 tokens, not ending like a sentence, whose words
    of four letters or more are all capitalised."""
    n = len(words)
    lines = {a for a, _ in ranges}
    lines.update(i for i, (p, q) in enumerate(pairwise(toks), 1) if q[0] - p[1] >= 2)
    lines.add(n)
    bounds = sorted(lines)

    def start(i: int) -> bool:
        return i in lines or words[i - 1] in _SENTENCE_ENDS

    headings: dict[int, bool] = {}

    def heading(i: int) -> bool:
        k = bisect_right(bounds, i)
        a, b = (bounds[k - 1] if k else 0), bounds[k]
        if a not in headings:
            line = words[a:b]
            headings[a] = b - a <= _HEADING_MAX and line[-1] not in (".", "!", "?", ",") and any(
                w[:1].isalpha() for w in line) and not any(
                len(w) > 3 and w[:1].islower() and w.isalpha() for w in line)
        return headings[a]

    cands = []
    for k, (s, e, t) in enumerate(spans):
        if t not in ("PER", "ORG"):
            continue
        alone = e - s == 1 and start(s) and not (e < n and words[e][:1].isdigit())
        head = heading(s)
        if alone or head:
            cands.append((k, alone, head))
    if not cands:
        return spans
    forms = {w for k, _, _ in cands for w in words[spans[k][0]:spans[k][1]] if w[:1].isalpha()}
    forms |= {w.lower() for w in forms}
    lower: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for i in [i for i, w in enumerate(words) if w in forms]:
        w = words[i]
        if w[:1].islower():
            if not _in_address(words, i):
                lower[w] += 1
        elif not start(i) and not heading(i):
            inside[w.lower()] += 1

    def common(w: str, times: int = 0) -> bool:
        """Written in lower case at least ``times`` times as often as capitalised in running
        text (0: never capitalised there)."""
        low = w.lower()
        if times == 0:
            return not inside[low] and (lower[low] > 0 or case.get(low) == "l")
        return lower[low] > 0 and lower[low] >= times * inside[low]

    named = {w for s, e, t in spans if t == "PER" and e - s > 1 for w in words[s:e]}
    drop = set()
    for k, alone, head in cands:
        s, e, _ = spans[k]
        if (alone and words[s] not in named and common(words[s])) or (
                head and all(common(w, 1) for w in words[s:e] if w[:1].isalpha())):
            drop.add(k)
    return [sp for k, sp in enumerate(spans) if k not in drop]


def _role_words(words: Sequence[str], spans: list[tuple[int, int, str]]
                ) -> list[tuple[int, int, str]]:
    """A one-word "person" that is a role or an honorific ("the Tsar", "Senator,") is no name,
    unless a role word is a surname too: part of a longer person name in the text, or before
    "said", "who" ... ("King said")."""
    n = len(words)
    named = {w for s, e, t in spans if t == "PER" and e - s > 1 for w in words[s:e]}
    return [sp for sp in spans if not (
        sp[2] == "PER" and sp[1] - sp[0] == 1 and words[sp[0]].lower() not in _GIVEN_NAMES
        and (words[sp[0]].lower() in _ROLES or words[sp[0]].lower().rstrip(".") in _ROLES)
        and (words[sp[0]].lower().rstrip(".") in HONORIFICS or words[sp[0]].lower() in HONORIFICS
             or (words[sp[0]] not in named and not (sp[1] < n and words[sp[1]] in _PERSON_AFTER))))]


def kinds_of_names(words: Sequence[str], toks: Sequence[tuple[int, int]],
                   ranges: Sequence[tuple[int, int]], case: dict[str, str],
                   spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The rules of this module on (first, last+1, label) token spans of one text: ``toks``
    are its tokens' character offsets, ``ranges`` its sentences' token ranges, ``case`` the
    usual casing of words in the training text."""
    spans = _titles_of_works(words, _events(words, _kinds_by_head(words, spans)))
    spans = _organisation_acronyms(words, _headed_organisations(words, spans))
    spans = _schools(words, _things(words, _currency_codes(words, _national_bodies(words, _cited_pairs(words, spans)))))
    spans = _described_places(words, _regions_after_places(words, _places_in_lists(words, spans)))
    spans = _role_words(words, spans)
    return _common_words(words, toks, ranges, case, spans)
