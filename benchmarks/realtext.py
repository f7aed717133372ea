"""Real-text benchmark corpus: N news articles built from the shared dev texts at bench time.

The sources are the 840 PolNeAR articles (``../shared/dev/polnear/train/text``) and the GUM
documents (their ``# text =`` lines, paragraphs at ``# newpar``).  Nothing of that text is in the
project: it is read from ``../shared`` each time and written to the benchmark's own dumps.

The first pass over the sources gives each document once as it is.  Later passes give each
document again as a *respun* article: its nouns, adjectives and proper names swapped, word type
by word type, for others of the same part of speech (a lexicon drawn from GUM's tags), and its
numbers redrawn; its function words are traded within their class ("the" for "this", "in" for
"at", "he" for "they": ``synthetic_lexicon.FUNCTION_CLASSES``).  Speech cues and the other words
the extractors key on (the project's cue lexicons) are kept, so every article keeps real
sentence shapes, quotes and attributions, while 8-word shingles rarely survive between two
respins of one document.  That matters at scale: at 100,000 articles each document is respun
about a hundred times, and if its respins shared word runs every article would be a rewrite of
a hundred others, which no news corpus is.  Text reuse and near-duplicates see only the
overlaps made on purpose:

- re-filings (2%): an article filed again, word for word, somewhere else;
- near-duplicates (6%): another outlet's copy with a few words changed, maybe cut short;
- reprints (10%): an article of its own with one to three paragraphs of a recent one.

Dates follow a feed of ``PER_WEEK`` articles a week (10,000 articles span eight weeks, 100,000
span eighty): a warehouse grows by adding days, not by packing the same weeks ever denser, so a
night's articles meet as many stored ones within a story's week at any size.  Each article is
dated up to a day either side of its place in the feed, copies follow their original within two
days, and a later night (``after``: the articles fed before it) is dated after them.  Outlets and
bylines rotate, furniture lines come and go as in ``benchmarks.synthetic``, whose writers put
the articles into the same dump formats (JSONL, gzipped JSONL, txt, HTML, WARC, zip).
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from benchmarks import synthetic_lexicon as L
from benchmarks.synthetic import _furniture, _pick, _randint, write_dumps

SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"
LEXICONS = Path(__file__).resolve().parents[1] / "transforms" / "lexicons"
# word tables that are data, not cues: place names are swapped like other names, and the story
# term table holds hashes
NOT_CUE_LEXICONS = frozenset({"places.txt", "story_term_df.tsv"})
_FUNCTION_CLASS: dict[str, tuple[str, ...]] = {}
for _members in L.FUNCTION_CLASSES:
    for _word in _members:
        _FUNCTION_CLASS.setdefault(_word, _members)  # a word in two classes trades in its first
SWAP_TAGS = frozenset({"NN", "NNS", "NNP", "JJ", "RB", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
SWAP_SHARE = 0.9  # share of a respun article's swappable word types that are swapped
FUNCTION_SWAP = 0.8  # share of a respun article's function word types traded in their class
REFILE_SHARE = 0.02
NEAR_DUPLICATE_SHARE = 0.06
REPRINT_SHARE = 0.10
RECENT = 50  # copies are made of the last RECENT articles
WEEKS = 8  # what 10,000 articles span
PER_WEEK = 1250  # the feed's articles a week
_EPOCH = datetime(2024, 3, 4, 6, 0, tzinfo=UTC)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*\d|\d")
_NOT_SLUG = re.compile(r"[^a-z0-9-]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class Source:
    """One dev document: where it came from (file stem), its title and its paragraphs."""

    label: str  # "polnear:nyt" or "gum:bio": the outlet or genre it came from
    title: str
    paragraphs: tuple[str, ...]


def polnear_sources(folder: Path) -> list[Source]:
    """PolNeAR articles: the first line is the title, paragraphs are split at blank lines."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        title, _, rest = text.strip().partition("\n")
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", rest) if p.strip())
        if paragraphs:
            out.append(Source(f"polnear:{path.name.split('_', 1)[0]}", title.strip(), paragraphs))
    return out


def gum_sources(folder: Path) -> list[Source]:
    """GUM documents: ``# meta::title`` and the ``# text =`` sentences, grouped at ``# newpar``."""
    out = []
    for path in sorted(folder.glob("*.conllu")):
        title = ""
        paragraphs: list[list[str]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# meta::title = "):
                title = line.split(" = ", 1)[1].strip()
            elif line.startswith("# newpar") and not line.startswith("# newpar_"):
                paragraphs.append([])
            elif line.startswith("# text = "):
                if not paragraphs:
                    paragraphs.append([])
                paragraphs[-1].append(line.split(" = ", 1)[1].strip())
        body = tuple(" ".join(p) for p in paragraphs if p)
        if body:
            genre = path.stem.split("_")[1] if path.stem.count("_") >= 2 else "gum"
            out.append(Source(f"gum:{genre}", title or body[0][:80], body))
    return out


def _lexicon_words() -> frozenset[str]:
    """Every word of the project's cue lexicons (cues, roles, honorifics ...): never swapped
    (function words apart: see ``Respin``)."""
    words: set[str] = set()
    for path in LEXICONS.glob("*.*"):
        if path.name in NOT_CUE_LEXICONS:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                words.update(w.lower() for w in re.findall(r"[A-Za-z']+", line))
    return frozenset(words)


@dataclass(frozen=True)
class SwapClasses:
    """Which words a respin may swap, and for what."""

    tag_of: dict[str, str]  # word GUM tags (mostly) as one SWAP_TAGS tag -> that tag
    members: dict[str, tuple[str, ...]]  # tag -> its words
    fixed: frozenset[str]  # lower-cased words never swapped: GUM's others, the project lexicons

    def tag(self, token: str) -> str | None:
        """The tag to swap ``token`` within; a word GUM lacks by its look (a capitalised one
        is a name; -ly, -ing, -ed, -s endings), None to keep it."""
        lower = token.lower()
        tag = self.tag_of.get(token) or self.tag_of.get(lower)
        if tag is not None or lower in self.fixed or len(token) < 4 or not token.isalpha():
            return tag
        if token[0].isupper():
            return "NNP" if token[1:].islower() else None  # not acronyms
        for suffix, guess in _SUFFIX_TAGS:
            if lower.endswith(suffix):
                return guess
        return "NN"


_SUFFIX_TAGS = (("ly", "RB"), ("ing", "VBG"), ("ed", "VBD"), ("ss", "NN"), ("s", "NNS"))


@lru_cache(maxsize=4)
def swap_classes(gum_folder: Path) -> SwapClasses:
    """The words GUM tags mostly as one SWAP_TAGS tag, by tag; the other words GUM has are
    kept, as are the project lexicons' words.  Common words are looked up lower-cased, proper
    names (NNP) as written."""
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    for path in sorted(gum_folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 5 or not cols[0].isdigit() or not cols[1].isalpha():
                continue
            form = cols[1] if cols[4] == "NNP" else cols[1].lower()
            tags[form][cols[4]] += 1
    kept = _lexicon_words()
    tag_of: dict[str, str] = {}
    for form, counts in tags.items():
        tag, n = counts.most_common(1)[0]
        if (tag in SWAP_TAGS and n >= 0.8 * sum(counts.values()) and len(form) > 2
                and form.lower() not in kept and (tag == "NNP") == form[:1].isupper()):
            tag_of[form] = tag
    members: dict[str, list[str]] = defaultdict(list)
    for form, tag in sorted(tag_of.items()):
        members[tag].append(form)
    fixed = kept | {form.lower() for form in tags if form not in tag_of}
    return SwapClasses(tag_of, {tag: tuple(words) for tag, words in members.items()},
                       frozenset(fixed - {form.lower() for form in tag_of}))


class Respin:
    """One respun article's word map: each swappable word type always becomes the same word."""

    def __init__(self, rng: random.Random, gum_folder: Path) -> None:
        self.rng = rng
        self.classes = swap_classes(gum_folder)
        self.chosen: dict[str, str] = {}

    def _swap(self, match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0].isdigit():
            return token if _YEAR.fullmatch(token) else self._number(token)
        chosen = self.chosen.get(token)
        if chosen is None:
            chosen = self.chosen[token] = self._choose(token)
        return chosen

    def _choose(self, token: str) -> str:
        trades = _FUNCTION_CLASS.get(token.lower())
        if trades is not None:
            if self.rng.random() >= FUNCTION_SWAP:
                return token
            word = _pick(self.rng, trades)
            return word[:1].upper() + word[1:] if token[:1].isupper() else word
        tag = self.classes.tag(token)
        if tag is None or self.rng.random() >= SWAP_SHARE:
            return token
        word = _pick(self.rng, self.classes.members[tag])
        if tag != "NNP" and token[:1].isupper():  # a common word opening a sentence
            word = word[:1].upper() + word[1:]
        return word

    def _number(self, token: str) -> str:
        draw = self.rng.random
        return token[0] + "".join(str(int(draw() * 10)) if c.isdigit() else c for c in token[1:])

    def text(self, text: str) -> str:
        return _TOKEN.sub(self._swap, text)


def _light_edit(paragraphs: list[str], rng: random.Random) -> list[str]:
    """A near-duplicate's changes: a word or two swapped for its neighbour, maybe the end cut."""
    out = list(paragraphs)
    for _ in range(_randint(rng, 1, 3)):
        at = int(rng.random() * len(out))
        words = out[at].split(" ")
        if len(words) > 3:
            k = _randint(rng, 0, len(words) - 2)
            words[k], words[k + 1] = words[k + 1], words[k]
            out[at] = " ".join(words)
    if len(out) > 6 and rng.random() < 0.4:
        out = out[: _randint(rng, len(out) * 2 // 3, len(out) - 1)]
    return out


class RealCorpus:
    """Articles number 0.. from the dev sources, deterministically for a seed."""

    def __init__(self, sources: list[Source], gum_folder: Path, seed: int = 0,
                 after: int = 0) -> None:
        if not sources:
            raise FileNotFoundError("no real-text sources found (is ../shared/dev there?)")
        self.sources = sources
        self.gum_folder = gum_folder
        self.seed = seed
        self.labels = sorted({s.label for s in sources})
        self.rng = random.Random(f"realtext:{seed}")
        self.recent: list[dict] = []
        # fresh articles made so far: the next source and pass; a later night starts with the
        # respins (the documents as written came with the first), dated after the feed so far
        self.fresh = max(after, len(sources)) if after else 0
        self.after = after
        self._pass, self._shuffled = -1, list[int]()

    def _order(self, rnd: int) -> list[int]:
        """The sources in the order pass ``rnd`` takes them (shuffled per pass)."""
        if self._pass != rnd:
            self._pass, self._shuffled = rnd, list(range(len(self.sources)))
            random.Random(f"realtext:{self.seed}:pass:{rnd}").shuffle(self._shuffled)
        return self._shuffled

    def article(self, i: int) -> dict:
        roll = self.rng.random()
        if self.recent and roll < REFILE_SHARE:
            return _pick(self.rng, self.recent)  # filed again: same record, another file
        if self.recent and roll < REFILE_SHARE + NEAR_DUPLICATE_SHARE:
            made = self._near_duplicate(i)
        elif self.recent and roll < REFILE_SHARE + NEAR_DUPLICATE_SHARE + REPRINT_SHARE:
            made = self._fresh(i, reprint=True)
        else:
            made = self._fresh(i)
        self.recent = [*self.recent[1 - RECENT:], made]
        return made

    def _fresh(self, i: int, reprint: bool = False) -> dict:
        rnd, k = divmod(self.fresh, len(self.sources))
        self.fresh += 1
        source = self.sources[self._order(rnd)[k]]
        rng = random.Random(f"realtext:{self.seed}:{i}")
        title, paragraphs = source.title, list(source.paragraphs)
        if rnd:
            respin = Respin(rng, self.gum_folder)
            title, paragraphs = respin.text(title), [respin.text(p) for p in paragraphs]
            if len(paragraphs) > 8:  # outlets cut a long piece at different lengths
                paragraphs = paragraphs[: _randint(rng, len(paragraphs) * 3 // 4, len(paragraphs))]
        published = _EPOCH + timedelta(weeks=(self.after + i) / PER_WEEK,
                                       minutes=_randint(rng, -24 * 60, 24 * 60))
        outlet = (self.labels.index(source.label) + 3 * rnd) % len(L.OUTLETS)
        if reprint:
            other = _pick(rng, self.recent)
            start = _randint(rng, 0, max(0, len(other["paragraphs"]) - 3))
            copied = other["paragraphs"][start : start + _randint(rng, 1, 3)]
            at = _randint(rng, 1, max(1, len(paragraphs) - 1))
            paragraphs[at:at] = copied
            published = datetime.fromisoformat(other["published"]) + timedelta(
                minutes=_randint(rng, 30, 2 * 24 * 60))
            outlet = (L.OUTLETS.index(_outlet(other)) + _randint(rng, 1, 7)) % len(L.OUTLETS)
        return _article(rng, i, title, paragraphs, outlet, published)

    def _near_duplicate(self, i: int) -> dict:
        rng = random.Random(f"realtext:{self.seed}:{i}")
        other = _pick(rng, self.recent)
        published = datetime.fromisoformat(other["published"]) + timedelta(
            minutes=_randint(rng, 20, 2 * 24 * 60))
        outlet = (L.OUTLETS.index(_outlet(other)) + _randint(rng, 1, 7)) % len(L.OUTLETS)
        paragraphs = _light_edit(other["paragraphs"], rng)
        return _article(rng, i, other["title"], paragraphs, outlet, published)


def _outlet(article: dict) -> tuple[str, str]:
    return next(o for o in L.OUTLETS if o[0] == article["outlet"])


def _article(rng: random.Random, i: int, title: str, paragraphs: list[str], outlet: int,
             published: datetime) -> dict:
    """The article dict the dump writers take (see ``benchmarks.synthetic.synthetic_article``)."""
    outlet_name, domain = L.OUTLETS[outlet]
    author = _pick(rng, L.AUTHORS)
    fill = {"hh": f"{published.hour:02d}", "mm": f"{published.minute:02d}", "author": author,
            "outlet": outlet_name, "year": str(published.year), "title_other": title}
    lines = [*_furniture(rng, L.FURNITURE_TOP, fill), *paragraphs,
             *_furniture(rng, L.FURNITURE_BOTTOM, fill)]
    slug = _NOT_SLUG.sub("", "-".join(title.lower().split()[:8]))
    return {
        "title": title,
        "text": "\n\n".join(lines),
        "paragraphs": paragraphs,  # for copies; the writers ignore it
        "url": f"https://{domain}/{published:%Y/%m/%d}/{slug}-{i}",
        "outlet": outlet_name,
        "published": published.isoformat(),
        "authors": [author] if rng.random() < 0.85 else [],
    }


def load_sources(shared_dev: Path = SHARED_DEV) -> list[Source]:
    return [*polnear_sources(shared_dev / "polnear" / "train" / "text"),
            *gum_sources(shared_dev / "gum")]


def real_articles(n: int, seed: int = 0, shared_dev: Path = SHARED_DEV, *,
                  after: int = 0) -> Iterator[dict]:
    """``n`` articles from the dev texts (see the module docstring); ``after``: the articles
    fed before these, which a later night's are dated after; none of a later night's articles
    is a document as written (those come with the first night)."""
    corpus = RealCorpus(load_sources(shared_dev), shared_dev / "gum", seed, after)
    for i in range(n):
        yield corpus.article(i)


def write_real_dumps(out_dir: Path, n_articles: int, seed: int = 0, *, bad_records: int = 0,
                     shared_dev: Path = SHARED_DEV, after: int = 0) -> dict[str, int]:
    """Write ``n_articles`` real-text articles as dumps in the synthetic corpus's formats."""
    rng = random.Random(seed)
    return write_dumps(out_dir, real_articles(n_articles, seed, shared_dev, after=after), rng,
                       bad_records=bad_records)
