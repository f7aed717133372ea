"""Synthetic news dumps for the benchmark and the end-to-end tests.

Articles come in *stories*: an original report and up to three rewrites by other outlets that
reprint some paragraphs verbatim, lightly edit others, keep or drop quotes, and spell people's
names the way each outlet transliterates them.  About 2% of articles are exact duplicates
filed again elsewhere.  So duplicate detection, story clustering, text reuse and entity
resolution all have real work to do, at any scale, deterministically for a given seed.

Files are written in batches (JSON lines of 1000 records, txt/html in folders of 1000, WARC
and zip files of 200) so that 100,000 articles take well under a minute to write.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import logging
import random
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import TypeVar

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from benchmarks import synthetic_lexicon as L

LOGGER = logging.getLogger(__name__)

BLOCK = 64  # article numbers split into story groups block by block (deterministic per block)
GROUP_SIZES = (1, 2, 3, 4, 5, 6, 7, 8)
GROUP_WEIGHTS = (38, 27, 15, 8, 5, 3, 2, 2)  # most stories get one to three articles
# Cumulative shares of a group's rewrites: near-duplicate, opening + own, reprint; rest paraphrase.
REWRITE_SHARES = (0.15, 0.35, 0.7)
VARIANTS = 512  # renderings kept per template (see _variants)
MAX_WORDS = 840  # the original report is written this long, and each outlet cuts it
DUPLICATE_SHARE = 0.02
JSONL_BATCH = 1000
FOLDER_BATCH = 1000
ARCHIVE_BATCH = 200
LEGACY_ENCODING_EVERY = 20  # one txt file in this many is windows-1252
# Share of articles per format (the rest of 1.0 goes to JSON lines).
FORMAT_SHARES: tuple[tuple[str, float], ...] = (
    ("jsonl.gz", 0.2),
    ("txt", 0.08),
    ("html", 0.06),
    ("warc.gz", 0.1),
    ("zip", 0.1),
)
_EPOCH = datetime(2024, 1, 8, 6, 0, tzinfo=UTC)
T = TypeVar("T")
_NOT_SLUG = re.compile(r"[^a-z0-9-]+")
_MARK = "\x00"  # person placeholder delimiter: rendered per outlet spelling


@dataclass(frozen=True, slots=True)
class _Event:
    """One story group's facts, shared by every article about it."""

    key: str  # "block.k": the group, unique within a corpus seed
    kind: str
    values: tuple[tuple[str, str], ...]  # template fillers: figures, places, name placeholders
    n_people: int
    paragraphs: tuple[str, ...]  # the original report, people as placeholders
    headline: str
    first_outlet: int
    published: datetime


def _pick(rng: random.Random, options: Sequence[T]) -> T:
    """``rng.choice`` without its rejection sampling: several times faster, same spread."""
    return options[int(rng.random() * len(options))]


def _randint(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint`` without its rejection sampling (the generator's hot path)."""
    return low + int(rng.random() * (high - low + 1))


def _random_key(rng: random.Random) -> Callable[[object], float]:
    """A sort key that shuffles: sorting by it is several times faster than ``rng.shuffle``."""
    draw = rng.random
    return lambda _item: draw()


def _money(rng: random.Random, low: float, high: float) -> str:
    amount = round(rng.uniform(low, high), 1)
    return _pick(
        rng,
        (
            f"€{amount} billion",
            f"{amount} billion euros",
            f"${amount}bn",
            f"${amount} billion",
            f"{int(amount * 1000):,} million euros",
        ),
    )


def _pct(rng: random.Random, low: int, high: int) -> str:
    value = _randint(rng, low, high)
    return _pick(rng, (f"{value}%", f"{value} percent", f"{value} per cent"))


# --------------------------------------------------------------------------- templates

_CHOICE = re.compile(r"\[([^\[\]]*)\]|<n:(\d+):(\d+)>")
_NUMBER = re.compile(r"<n:(\d+):(\d+)>")
_Parts = tuple[str | tuple[str, ...], ...]


@functools.lru_cache(maxsize=None)
def _parse(template: str) -> _Parts:
    """A template as literal runs and option tuples (``[a|@pool]``, ``<n:lo:hi>``), parsed once."""
    parts: list[str | tuple[str, ...]] = []
    last = 0
    for match in _CHOICE.finditer(template):
        parts.append(template[last : match.start()])
        if match.group(1) is None:
            low, high = int(match.group(2)), int(match.group(3))
            parts.append(tuple(str(n) for n in range(low, high + 1)))
        else:
            options: list[str] = []
            for option in match.group(1).split("|"):
                options.extend(L.POOLS[option[1:]] if option.startswith("@") else (option,))
            parts.append(tuple(options))
        last = match.end()
    parts.append(template[last:])
    return tuple(part for part in parts if part)


@functools.lru_cache(maxsize=None)
def _variants(template: str) -> tuple[str, ...]:
    """``VARIANTS`` renderings of a template's options (slots left open), drawn once.

    Picking one of them is a single draw instead of one per option: the generator's hot path.
    Seeded by the template itself, so the variants do not depend on the order of use.
    """
    rng = random.Random(template)
    parts = _parse(template)
    variants = ["".join(p if p.__class__ is str else _pick(rng, p) for p in parts) for _ in range(VARIANTS)]
    return tuple(_render_numbers(rng, variant) for variant in variants)


def _render_numbers(rng: random.Random, text: str) -> str:
    """``<n:lo:hi>`` left inside an option (options are not parsed twice) becomes a number."""
    if "<n:" not in text:
        return text
    return _NUMBER.sub(lambda m: str(_randint(rng, int(m.group(1)), int(m.group(2)))), text)


def _render(rng: random.Random, template: str, values: dict[str, str]) -> str:
    """One rendering of ``template``: options picked, then the story's slots filled."""
    variants = _variants(template)
    return variants[int(rng.random() * VARIANTS)].format_map(values)


@functools.lru_cache(maxsize=None)
def _capitalised(template: str) -> tuple[str, ...]:
    """The variants as sentence openings (``{org}`` becomes ``{Org}``: the slot is lower case)."""
    out = []
    for variant in _variants(template):
        if variant.startswith("{"):
            slot, rest = variant[1:].split("}", 1)
            variant = f"{{{CAPITAL_SLOTS.get(slot, slot)}}}{rest}"
        out.append(variant[:1].upper() + variant[1:])
    return tuple(out)


def _sentence(rng: random.Random, template: str) -> str:
    """A fact as a sentence, maybe opened by a time phrase or closed by an attribution; slots
    still open, so a whole paragraph is filled in one ``format_map``."""
    draw = rng.random
    roll = draw()
    if roll < 0.25:
        opener = _OPENERS[int(draw() * len(_OPENERS))]
        return f"{opener}, {_variants(template)[int(draw() * VARIANTS)]}."
    text = _capitalised(template)[int(draw() * VARIANTS)]
    if roll < 0.5:
        return f"{text}, {_ATTRIBUTIONS[int(draw() * len(_ATTRIBUTIONS))]}."
    return f"{text}."


_OPENERS = L.POOLS["Time"]
_ATTRIBUTIONS = L.POOLS["attrib"]
CAPITAL_SLOTS = {"org": "Org", "thing": "Thing"}


@functools.lru_cache(maxsize=4096)
def _person(index: int) -> tuple[tuple[str, ...], str]:
    """(spellings per outlet, role): the fixed cast first, then first name x surname x role."""
    if index < len(L.PEOPLE):
        spellings, role, _ = L.PEOPLE[index]
        return spellings, role
    index -= len(L.PEOPLE)
    first = L.FIRST_NAMES[index % len(L.FIRST_NAMES)]
    index //= len(L.FIRST_NAMES)
    last = L.SURNAMES[index % len(L.SURNAMES)]
    role = L.ROLES[(index // len(L.SURNAMES)) % len(L.ROLES)]
    count = max(len(first), len(last))
    return tuple(f"{first[k % len(first)]} {last[k % len(last)]}" for k in range(count)), role


_N_PEOPLE = len(L.PEOPLE) + len(L.FIRST_NAMES) * len(L.SURNAMES) * len(L.ROLES)


def _cast(rng: random.Random) -> tuple[int, ...]:
    """Three people with different surnames (``{s0}`` must name one person)."""
    people: list[int] = []
    surnames: set[str] = set()
    while len(people) < 3:
        index = (
            _randint(rng, 0, len(L.PEOPLE) - 1)
            if rng.random() < 0.1
            else _randint(rng, len(L.PEOPLE), _N_PEOPLE - 1)
        )
        surname = _person(index)[0][0].rsplit(" ", 1)[-1]
        if surname not in surnames:
            surnames.add(surname)
            people.append(index)
    return tuple(people)


def _event_values(rng: random.Random, kind: str, people: tuple[int, ...]) -> dict[str, str]:
    """The facts of one event: figures, places, actors (names as placeholders)."""
    low = _randint(rng, 2, 9) * 10_000
    drones_total = _randint(rng, 20, 90)
    city, city2 = rng.sample(L.CITIES, 2)
    region, region2 = rng.sample(L.REGIONS, 2)
    org = _pick(rng, L.ORGANISATIONS)
    thing = _pick(rng, L.THEMES[kind])
    values = {
        "money": _money(rng, 1.5, 60),
        "money2": _money(rng, 0.2, 4),
        "pct": _pct(rng, 38, 71),
        "pct2": _pct(rng, 20, 65),
        "pct3": _pct(rng, 10, 45),
        "moe": str(_pick(rng, (2, 2.5, 3, 3.1, 3.5, 4))),
        "sample": f"{_randint(rng, 1000, 3000):,}",
        "votes_for": str(_randint(rng, 330, 480)),
        "votes_against": str(_randint(rng, 60, 190)),
        "abstain": str(_randint(rng, 5, 60)),
        "days": str(_randint(rng, 3, 120)),
        "hours": str(_randint(rng, 3, 14)),
        "km": str(_randint(rng, 3, 40)),
        "troops": f"{_randint(rng, 20, 400) * 1000:,}",
        "monitors": f"{_randint(rng, 2, 15) * 100:,}",
        "killed": str(_randint(rng, 3, 60)),
        "wounded": str(_randint(rng, 10, 140)),
        "children": str(_randint(rng, 1, 9)),
        "drones": str(drones_total - _randint(rng, 1, 15)),
        "drones_total": str(drones_total),
        "homes": f"{_randint(rng, 5, 200) * 1000:,}",
        "refugees": f"{_randint(rng, 10, 900) * 1000:,}",
        "low": f"{low:,}",
        "high": f"{low + _randint(rng, 1, 5) * 10_000:,}",
        "year": str(_pick(rng, (2021, 2022, 2023))),
        "weekday": _pick(rng, L.WEEKDAYS),
        "city": city,
        "city2": city2,
        "region": region,
        "region2": region2,
        "org": org,
        "Org": org[:1].upper() + org[1:],
        "pollster": _pick(rng, L.POLLSTERS),
        "thing": thing,
        "Thing": thing[:1].upper() + thing[1:],
    }
    for slot, index in enumerate(people):
        values[f"p{slot}"] = f"{_MARK}{index}{_MARK}"
        values[f"s{slot}"] = f"{_MARK}{index}s{_MARK}"
        values[f"r{slot}"] = _person(index)[1]
    return values


def _facts_paragraph(rng: random.Random, deck: list[str], values: dict[str, str]) -> str:
    """Two or three sentences, taking templates off the article's shuffled ``deck``."""
    count = 2 + (rng.random() < 0.5)
    return " ".join([_sentence(rng, deck.pop()) for _ in range(count)]).format_map(values)


def _quote_paragraph(rng: random.Random, values: dict[str, str], n_people: int) -> str:
    """A quotation: attributed, surname-only, partial, or anonymous."""
    words = _render(rng, _pick(rng, L.QUOTE_BODIES), values)
    if rng.random() < 0.5:  # two sentences make a quote its speaker's own
        words = f"{words}. {_render(rng, _pick(rng, L.QUOTE_BODIES), values)}"
    cue = _pick(rng, L.CUES)
    shape = int(rng.random() * 5)
    if shape == 4:
        return f"\u201c{words},\u201d {_render(rng, _pick(rng, L.ANONYMOUS_TAILS), values)}."
    slot = int(rng.random() * n_people)
    name, surname, role = values[f"p{slot}"], values[f"s{slot}"], values[f"r{slot}"]
    weekday = values["weekday"]
    if shape == 0:
        return f"\u201c{words},\u201d {name}, the {role}, {cue} on {weekday}."
    if shape == 1:
        return f"{name}, the {role}, {cue}: \u201c{words}.\u201d"
    if shape == 2:
        fill = {
            **values,
            "name": name,
            "partial": _pick(rng, L.PARTIALS),
            "context": _render(rng, _pick(rng, L.GENERIC_FACTS), values),
            "outlet": _pick(rng, L.OUTLETS)[0],
        }
        text = _render(rng, _pick(rng, L.PARTIAL_SHAPES), fill)
        return f"{text[:1].upper()}{text[1:]}."
    follow = _render(rng, _pick(rng, L.QUOTE_BODIES), values)
    return f"\u201c{words},\u201d {cue} {surname} in {values['city']}. \u201c{follow}.\u201d"


def _paragraphs(rng: random.Random, kind: str, values: dict[str, str], words: int) -> list[str]:
    """Fresh paragraphs on the event, about ``words`` long: same facts, new sentences."""
    out: list[str] = []
    total = 0
    n_people = sum(1 for key in values if key[0] == "p" and key[1:].isdigit())
    deck: list[str] = []
    while total < words:
        if len(deck) < 3:  # every template once before any twice: no repetitive articles
            deck.extend(sorted((*L.FACTS[kind], *L.GENERIC_FACTS), key=_random_key(rng)))
        if rng.random() < 0.35:
            out.append(_quote_paragraph(rng, values, n_people))
        else:
            out.append(_facts_paragraph(rng, deck, values))
        total += out[-1].count(" ") + 1
    return out


@functools.lru_cache(maxsize=64)
def _groups(corpus_seed: int, block: int) -> tuple[tuple[int, int], ...]:
    """Group sizes filling one block of article numbers: per slot (group number, position)."""
    rng = random.Random(f"{corpus_seed}:block:{block}")
    slots: list[tuple[int, int]] = []
    group = 0
    while len(slots) < BLOCK:
        size = rng.choices(GROUP_SIZES, GROUP_WEIGHTS)[0]
        slots.extend((group, position) for position in range(size))
        group += 1
    return tuple(slots[:BLOCK])


@functools.lru_cache(maxsize=256)
def _event(corpus_seed: int, key: str) -> _Event:
    """The event of one story group and its original report (cached: its rewrites come next)."""
    rng = random.Random(f"{corpus_seed}:{key}")
    kind = _pick(rng, tuple(L.FACTS))
    people = _cast(rng)
    values = _event_values(rng, kind, people)
    lead = _render(rng, _pick(rng, L.LEADS), values)
    paragraphs = [f"{lead[:1].upper()}{lead[1:]}.", *_paragraphs(rng, kind, values, MAX_WORDS)]
    headline = _render(rng, _pick(rng, L.HEADLINES[kind]), values)
    published = _EPOCH + timedelta(hours=_randint(rng, 0, 24 * 500), minutes=_randint(rng, 0, 59))
    return _Event(
        key=key,
        kind=kind,
        values=tuple(values.items()),
        n_people=len(people),
        paragraphs=tuple(paragraphs),
        headline=headline[:1].upper() + headline[1:],
        first_outlet=rng.randrange(len(L.OUTLETS)),
        published=published,
    )


def _render_names(text: str, outlet: int) -> str:
    """Replace person placeholders by the outlet's spelling (full name, or ``s`` = surname)."""
    if _MARK not in text:
        return text
    parts = text.split(_MARK)
    for position in range(1, len(parts), 2):
        token = parts[position]
        surname_only = token.endswith("s")
        spellings = _person(int(token.rstrip("s")))[0]
        name = spellings[outlet % len(spellings)]
        parts[position] = name.rsplit(" ", 1)[-1] if surname_only else name
    return "".join(parts)


def _edit(paragraph: str, rng: random.Random) -> str:
    """A near-duplicate's light touch: one or two words swapped, quotes left alone."""
    if "\u201c" in paragraph:
        return paragraph
    words = paragraph.split(" ")
    for _ in range(1 + (rng.random() < 0.5)):
        at = int(rng.random() * len(words))
        for offset in range(len(words)):
            word = words[(at + offset) % len(words)]
            if word in L.SYNONYMS:
                words[(at + offset) % len(words)] = L.SYNONYMS[word]
                break
    return " ".join(words)


def _rewrite(event: _Event, rng: random.Random, target: int) -> list[str]:
    """Another outlet's article on the event: a near-duplicate, a reprint of some of the
    original's paragraphs among its own, the original's opening plus its own, or a paraphrase."""
    original = list(event.paragraphs)
    values = dict(event.values)
    roll = rng.random()
    if roll < REWRITE_SHARES[0]:  # near-duplicate
        return [_edit(paragraph, rng) for paragraph in original]
    if roll < REWRITE_SHARES[1]:  # the original's opening, then paragraphs of its own
        return [*original[: _randint(rng, 2, 4)], *_paragraphs(rng, event.kind, values, target)]
    source = L.OUTLETS[event.first_outlet][0]
    intro = _render(rng, _pick(rng, L.INTROS), {**values, "source": source})
    lead = _render(rng, _pick(rng, L.FACTS[event.kind]), values)
    own = [f"{intro} {lead}.", *_paragraphs(rng, event.kind, values, target)]
    if roll < REWRITE_SHARES[2]:  # reprint: 1-3 paragraphs copied word for word
        start = _randint(rng, 1, len(original) - 4)
        at = _randint(rng, 1, 3)
        own[at:at] = original[start : start + _randint(rng, 1, 3)]
    return own


def _sized(paragraphs: list[str], target: int) -> list[str]:
    """Cut the article to about ``target`` words (outlets vary, within bounds)."""
    out: list[str] = []
    words = 0
    for paragraph in paragraphs:
        if words >= target:
            break
        out.append(paragraph)
        words += paragraph.count(" ") + 1
    return out


def story_of(i: int, corpus_seed: int = 0) -> tuple[str, int]:
    """(story group id, position in the group) of article number ``i``: position 0 is the
    original report, the others rewrites of it; group members have consecutive numbers."""
    block, slot = divmod(i, BLOCK)
    group, position = _groups(corpus_seed, block)[slot]
    return f"{block}.{group}", position


def synthetic_article(rng: random.Random, i: int, *, corpus_seed: int = 0) -> dict:
    """Article number ``i``: {"title","text","url","outlet","published","authors","story"}.

    ``story`` names the article's story group (see ``story_of``); readers ignore it.
    """
    key, position = story_of(i, corpus_seed)
    event = _event(corpus_seed, key)
    outlet = (event.first_outlet + position * 3) % len(L.OUTLETS)
    outlet_name, domain = L.OUTLETS[outlet]
    published = event.published + timedelta(minutes=position * _randint(rng, 20, 1800))
    values = dict(event.values)
    if position == 0 or rng.random() < 0.3:
        title = event.headline
    else:
        title = _render(rng, _pick(rng, L.HEADLINES[event.kind]), values)
        title = title[:1].upper() + title[1:]
    target = _randint(rng, 400, 820)
    body = list(event.paragraphs) if position == 0 else _rewrite(event, rng, target)
    paragraphs = _sized(body, target)
    author = _pick(rng, L.AUTHORS)
    fill = {
        "hh": f"{published.hour:02d}",
        "mm": f"{published.minute:02d}",
        "author": author,
        "outlet": outlet_name,
        "year": str(published.year),
        "title_other": _render(rng, _pick(rng, L.HEADLINES[_pick(rng, tuple(L.FACTS))]), values),
    }
    lines = [
        *_furniture(rng, L.FURNITURE_TOP, fill),
        *paragraphs,
        *_furniture(rng, L.FURNITURE_BOTTOM, fill),
    ]
    title = _render_names(title, outlet)
    slug = _NOT_SLUG.sub("", "-".join(title.lower().split()[:8]))
    return {
        "title": title,
        "text": _render_names("\n\n".join(lines), outlet),
        "url": f"https://{domain}/{published:%Y/%m/%d}/{slug}-{i}",
        "outlet": outlet_name,
        "published": published.isoformat(),
        "authors": [author] if rng.random() < 0.85 else [],
        "story": f"{corpus_seed}:{key}",
    }


def _furniture(rng: random.Random, templates: tuple[str, ...], fill: dict[str, str]) -> list[str]:
    return [template.format(**fill) for template in rng.sample(templates, _randint(rng, 0, 2))]


# --------------------------------------------------------------------------- writing


def news_please_record(article: dict, style: int) -> dict:
    """The record as a crawler would export it, in one of three field-naming styles.

    ``style % 3``: 0 news-please, 1 CC-News-like, 2 an RSS/feed export (RFC 822 dates, byline).
    """
    if style % 3 == 2:
        return {
            "headline": article["title"],
            "body": article["text"],
            "link": article["url"],
            "pubDate": format_datetime(datetime.fromisoformat(article["published"])),
            "site_name": article["outlet"],
            "byline": "By " + " and ".join(article["authors"]) if article["authors"] else None,
            "lang": "en",
        }
    if style % 3 == 1:
        return {
            "title": article["title"],
            "text": article["text"],
            "url": article["url"],
            "published": article["published"],
            "publisher": {"name": article["outlet"]},
            "author": ", ".join(article["authors"]) or None,
            "lang": "en",
        }
    return {
        "title": article["title"],
        "maintext": article["text"],
        "url": article["url"],
        "date_publish": article["published"].replace("T", " ")[:19],
        "source_domain": article["url"].split("/")[2],
        "authors": article["authors"],
        "language": "en",
        "description": article["text"][:160],
    }


def _legacy(data: bytes) -> bytes:
    try:
        return data.decode("utf-8").encode("cp1252")
    except UnicodeEncodeError:
        return data


def txt_dump(article: dict) -> bytes:
    """The article as a plain-text dump: title line, blank line, body (as the seeds are)."""
    return f"{article['title']}\n\n{article['text']}\n".encode()


def html_page(article: dict) -> bytes:
    """A full page around the article (nav, byline, sidebar, footer), as a crawler saves it."""
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in article["text"].split("\n\n"))
    outlet = escape(article["outlet"])
    byline = escape(", ".join(article["authors"]) or outlet)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(article['title'])} | {outlet}</title>"
        f'<link rel="canonical" href="{escape(article["url"])}">'
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="og:title" content="{escape(article["title"])}">'
        f'<meta property="og:url" content="{escape(article["url"])}">'
        f'<meta name="author" content="{byline}">'
        f'<meta property="article:published_time" content="{article["published"]}">'
        "</head><body>"
        f'<header><nav><a href="/">{outlet}</a> <a href="/world">World</a> '
        '<a href="/politics">Politics</a> <a href="/subscribe">Subscribe</a></nav></header>'
        f"<main><article><h1>{escape(article['title'])}</h1>"
        f'<p class="byline">By {byline}</p>\n{paragraphs}\n</article></main>'
        '<aside><h3>Most read</h3><ul><li><a href="/a">Markets close mixed</a></li>'
        '<li><a href="/b">Weather warning issued</a></li></ul></aside>'
        f"<footer><p>&copy; {outlet}. All rights reserved.</p>"
        '<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>'
        "</body></html>\n"
    ).encode()


def write_warc(
    stream: io.BufferedIOBase,
    pages: list[tuple[str, bytes]],
    *,
    extras: bool = True,
    crawled: str = "2024-06-01T03:00:00Z",
) -> None:
    """Write (url, html bytes) pages as gzipped WARC responses, with a warcinfo record first.

    ``extras`` adds what a real crawl holds besides pages (a request, an image, a redirect),
    so readers are seen to skip them.  Record ids and dates are derived from the content, so
    the same pages always give the same bytes.
    """
    writer = WARCWriter(stream, gzip=True)

    def write(record: object, key: str) -> None:
        record.rec_headers.replace_header("WARC-Date", crawled)  # type: ignore[attr-defined]
        record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}>"
        record.rec_headers.replace_header("WARC-Record-ID", record_id)  # type: ignore[attr-defined]
        writer.write_record(record)

    info = {"software": "newsledger synthetic", "format": "WARC File Format 1.1"}
    write(writer.create_warcinfo_record("crawl.warc.gz", info), f"warcinfo:{pages[:1]!r}")
    for n, (url, body) in enumerate(pages):
        if extras and n % 50 == 0:
            host = [("Host", url.split("/")[2])]
            request = StatusAndHeaders("GET / HTTP/1.1", host, is_http_request=True)
            write(writer.create_warc_record(url, "request", http_headers=request), f"req:{url}")
            image = StatusAndHeaders(
                "200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1"
            )
            jpeg = io.BytesIO(b"\xff\xd8\xff\xe0" + bytes(64))
            record = writer.create_warc_record(
                url + "/lead.jpg", "response", payload=jpeg, http_headers=image
            )
            write(record, f"img:{url}")
            moved = StatusAndHeaders(
                "301 Moved Permanently", [("Location", url)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url + "?amp=1", "response", payload=io.BytesIO(b""), http_headers=moved
            )
            write(record, f"301:{url}")
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        write(record, f"page:{n}:{url}")


def zip_member(name: str) -> zipfile.ZipInfo:
    """A zip member with a fixed timestamp, so the same articles give the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 3, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


class _Writers:
    """Batches per format, flushed to files as they fill."""

    def __init__(self, out_dir: Path, rng: random.Random) -> None:
        self.out = out_dir
        self.rng = rng
        self.batches: dict[str, list[dict]] = {fmt: [] for fmt in ("jsonl", *dict(FORMAT_SHARES))}
        self.files: dict[str, int] = dict.fromkeys(self.batches, 0)
        self.counts: dict[str, int] = dict.fromkeys(self.batches, 0)
        self.bad_lines: list[bytes] = []

    def add(self, fmt: str, article: dict) -> None:
        self.counts[fmt] += 1
        batch = self.batches[fmt]
        batch.append(article)
        limit = JSONL_BATCH if fmt.startswith("jsonl") else ARCHIVE_BATCH
        if fmt in ("txt", "html"):
            self._single(fmt, article)
            batch.clear()
        elif len(batch) >= limit:
            self.flush(fmt)

    def _path(self, *parts: str) -> Path:
        path = self.out.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _single(self, fmt: str, article: dict) -> None:
        n = self.counts[fmt] - 1
        folder = f"{fmt}/{n // FOLDER_BATCH:04d}"
        data = txt_dump(article) if fmt == "txt" else html_page(article)
        if fmt == "txt" and n % LEGACY_ENCODING_EVERY == LEGACY_ENCODING_EVERY - 1:
            data = _legacy(data)  # old desktop exports: windows-1252, not UTF-8
        self._path(folder, f"{fmt}-{n:06d}.{fmt}").write_bytes(data)

    def flush(self, fmt: str) -> None:
        batch = self.batches[fmt]
        if not batch:
            return
        number = self.files[fmt]
        self.files[fmt] += 1
        if fmt.startswith("jsonl"):
            lines = [
                json.dumps(news_please_record(a, number), ensure_ascii=False).encode()
                for a in batch
            ]
            while self.bad_lines:
                lines.insert(self.rng.randrange(len(lines) + 1), self.bad_lines.pop())
            data = b"\n".join(lines) + b"\n"
            if fmt == "jsonl":
                self._path("feeds", f"feed-{number:04d}.jsonl").write_bytes(data)
            else:
                self._path("feeds-gz", f"older-{number:04d}.jsonl.gz").write_bytes(
                    gzip.compress(data, compresslevel=5, mtime=0)
                )
        elif fmt == "warc.gz":
            with self._path("crawl", f"crawl-{number:04d}.warc.gz").open("wb") as stream:
                write_warc(stream, [(a["url"], html_page(a)) for a in batch])
        elif fmt == "zip":
            with zipfile.ZipFile(
                self._path("archive", f"batch-{number:04d}.zip"), "w", zipfile.ZIP_DEFLATED
            ) as z:
                for n, article in enumerate(batch):
                    if n % 2:
                        z.writestr(zip_member(f"web/page-{n:04d}.html"), html_page(article))
                    else:
                        z.writestr(zip_member(f"text/story-{n:04d}.txt"), txt_dump(article))
        batch.clear()


def _write_bad(writers: _Writers, n: int, rng: random.Random) -> None:
    """Bad input number ``n``: each yields exactly one rejection when read."""
    kind = n % 6
    if kind == 0:
        writers.bad_lines.append(b'{"title": "Cut off mid-record", "maintext": "The vote')
    elif kind == 1:
        writers.bad_lines.append(
            json.dumps({"title": "Teaser only", "description": "No body."}).encode()
        )
    elif kind == 2:
        payload = gzip.compress(("Title\n\n" + "word " * 4000).encode(), mtime=0)
        writers._path("bad", f"cut-{n:04d}.txt.gz").write_bytes(payload[: len(payload) // 2])
    elif kind == 3:
        junk = bytes(rng.getrandbits(8) for _ in range(512))
        writers._path("bad", f"scan-{n:04d}.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + junk)
    elif kind == 4:
        writers._path("bad", f"headline-only-{n:04d}.txt").write_text(
            "A headline and nothing else\n"
        )
    else:
        with zipfile.ZipFile(writers._path("bad", f"mixed-{n:04d}.zip"), "w") as archive:
            archive.writestr(zip_member("scan.pdf"), b"%PDF-1.7 not an article")


def _pick_format(rng: random.Random) -> str:
    roll = rng.random()
    for fmt, share in FORMAT_SHARES:
        if roll < share:
            return fmt
        roll -= share
    return "jsonl"


def write_dumps(
    out_dir: Path, articles: Iterable[dict], rng: random.Random, *, bad_records: int = 0
) -> dict[str, int]:
    """Write ``articles`` (dicts as ``synthetic_article`` makes them) as dumps spread over
    several formats (txt, jsonl, jsonl.gz, html, warc.gz, zip) plus ``bad_records``
    deliberately bad records/files; return counts per format.  ``rng`` picks the formats."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    writers = _Writers(out_dir, rng)
    for n in range(bad_records):
        _write_bad(writers, n, rng)
    for article in articles:
        writers.add(_pick_format(rng), article)
    for fmt in writers.batches:
        writers.flush(fmt)
    if writers.bad_lines:  # fewer JSON lines batches than bad lines: give them their own file
        writers.bad_lines.append(b"")
        writers._path("bad", "leftover.jsonl").write_bytes(b"\n".join(writers.bad_lines))
        writers.bad_lines.clear()
    counts = {fmt: count for fmt, count in writers.counts.items() if count}
    counts["bad"] = bad_records
    return counts


def write_synthetic_dumps(
    out_dir: Path, n_articles: int, seed: int = 0, *, bad_records: int = 0
) -> dict[str, int]:
    """Write n_articles realistic synthetic articles as dumps spread over several formats (txt,
    jsonl, jsonl.gz, html, warc.gz, zip) plus `bad_records` deliberately bad records/files;
    return counts per format."""
    rng = random.Random(seed)

    def articles() -> Iterator[dict]:
        recent: list[dict] = []
        for i in range(n_articles):
            if recent and rng.random() < DUPLICATE_SHARE:
                article = _pick(rng, recent)  # filed again: same words, another place
            else:
                article = synthetic_article(rng, i, corpus_seed=seed)
                recent = [*recent[-49:], article]
            yield article

    counts = write_dumps(out_dir, articles(), rng, bad_records=bad_records)
    LOGGER.info("wrote %d synthetic articles to %s: %s", n_articles, out_dir, counts)
    return counts
