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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import TypeVar

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows import synthetic_lexicon as L

LOGGER = logging.getLogger(__name__)

EXTRA_PARAGRAPHS = 16
STORY_SPAN = 4  # consecutive article numbers that may belong to one story
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
class _Story:
    kind: str
    people: tuple[int, ...]  # indexes into L.PEOPLE
    values: tuple[tuple[str, str], ...]  # template fillers, without names
    paragraphs: tuple[str, ...]  # the original report, people as placeholders
    extras: tuple[str, ...]  # more paragraphs on the story, for outlets that write at length
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


def _story_values(rng: random.Random) -> dict[str, str]:
    low = _randint(rng, 2, 9) * 10_000
    drones_total = _randint(rng, 20, 90)
    return {
        "money": _money(rng, 1.5, 60),
        "money2": _money(rng, 0.2, 4),
        "pct": _pct(rng, 38, 71),
        "pct2": _pct(rng, 20, 65),
        "pct3": _pct(rng, 10, 45),
        "moe": str(_pick(rng, (2, 2.5, 3, 3.1))),
        "sample": f"{_randint(rng, 1000, 3000):,}",
        "votes_for": str(_randint(rng, 330, 480)),
        "votes_against": str(_randint(rng, 60, 190)),
        "abstain": str(_randint(rng, 5, 60)),
        "days": str(_randint(rng, 3, 120)),
        "hours": str(_randint(rng, 3, 14)),
        "km": str(_pick(rng, (5, 10, 15, 30))),
        "troops": f"{_pick(rng, ('about', 'more than', 'nearly'))} {_randint(rng, 20, 400) * 1000:,}",
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
        "year": str(_pick(rng, (2022, 2023))),
        "weekday": _pick(rng, L.WEEKDAYS),
        "city": _pick(rng, L.CITIES),
        "region": _pick(rng, L.REGIONS),
        "org": _pick(rng, L.ORGANISATIONS),
        "pollster": _pick(rng, L.POLLSTERS),
    }


def _clause(rng: random.Random, clause: str, n_people: int) -> str:
    """One sentence template: a clause, maybe framed by an opener or a closer.

    Framing multiplies the shapes a clause can take, so unrelated articles rarely share long
    verbatim runs (which would be false text reuse).
    """
    if "{person}" in clause:
        clause = clause.replace("{person}", f"{{p{int(rng.random() * n_people)}}}")
    roll = rng.random()
    if roll < 0.25:
        return f"{_pick(rng, L.OPENERS)} {clause}."
    if clause.startswith("{org}"):
        clause = "{Org}" + clause[5:]
    if roll < 0.45:
        clause = f"{clause}, {_pick(rng, L.CLOSERS)}"
    return clause[:1].upper() + clause[1:] + "."


def _clauses_paragraph(rng: random.Random, pool: list[str], n_people: int) -> str:
    return " ".join(
        _clause(rng, pool.pop(), n_people) for _ in range(min(len(pool), 2 + (rng.random() < 0.5)))
    )


def _quote_paragraph(rng: random.Random, kind: str, people: tuple[int, ...]) -> str:
    """A quotation template: attributed, surname-only, partial, or anonymous."""
    pool = L.QUOTES[kind]
    words = _pick(rng, pool)
    if rng.random() < 0.6:  # two sentences make a quote its speaker's own
        second = _pick(rng, pool)
        if second != words:
            words = f"{words}. {second}"
    cue = _pick(rng, L.CUES)
    shape = int(rng.random() * 5)
    if shape == 4:
        anonymous = _pick(rng, L.ANONYMOUS)
        return f"\u201c{words},\u201d {anonymous} {cue}, speaking on condition of anonymity."
    slot = int(rng.random() * len(people))
    role = L.PEOPLE[people[slot]][1]
    if shape == 0:
        return f"\u201c{words},\u201d {{p{slot}}}, the {role}, {cue} on {{weekday}}."
    if shape == 1:
        return f"{{p{slot}}}, the {role}, {cue}: \u201c{words}.\u201d"
    if shape == 2:
        partial = _pick(rng, L.PARTIALS)
        context = _clause(rng, _pick(rng, L.GENERIC), len(people))
        context = context[:1].lower() + context[1:]
        return f"{{p{slot}}} called the outcome \u201c{partial}\u201d and {cue} that {context}"
    follow = _pick(rng, L.QUOTES[kind])
    return f"\u201c{words},\u201d {cue} {{s{slot}}} in {{city}}. \u201c{follow}.\u201d"


def _values_with_people(values: dict[str, str], people: tuple[int, ...]) -> dict[str, str]:
    """Template fillers plus name placeholders (``p0`` full name, ``s0`` surname)."""
    names = {f"p{slot}": f"{_MARK}{index}{_MARK}" for slot, index in enumerate(people)}
    surnames = {f"s{slot}": f"{_MARK}{index}s{_MARK}" for slot, index in enumerate(people)}
    org = values["org"]
    return {**values, **names, **surnames, "Org": org[:1].upper() + org[1:]}


@functools.lru_cache(maxsize=256)
def _story(corpus_seed: int, key: str) -> _Story:
    """The original report of one story: cached, since its rewrites are generated next to it."""
    rng = random.Random(f"{corpus_seed}:{key}")
    kind = _pick(rng, tuple(L.HEADLINES))
    people = tuple(rng.sample(range(len(L.PEOPLE)), 3))
    values = _values_with_people(_story_values(rng), people)
    pool = [*L.BACKGROUND[kind], *L.GENERIC]
    pool.sort(key=_random_key(rng))
    lead = pool.pop().replace("{person}", "{p0}")
    templates = [f"{_pick(rng, L.OPENERS)} {lead}, {_pick(rng, L.CLOSERS)}."]
    while pool:
        if rng.random() < 0.4:
            templates.append(_quote_paragraph(rng, kind, people))
        else:
            templates.append(_clauses_paragraph(rng, pool, len(people)))
    original = len(templates)
    for _ in range(EXTRA_PARAGRAPHS):
        if rng.random() < 0.25:
            templates.append(_quote_paragraph(rng, kind, people))
        else:
            if len(pool) < 3:
                pool = [*L.BACKGROUND[kind], *L.GENERIC]
                pool.sort(key=_random_key(rng))
            templates.append(_clauses_paragraph(rng, pool, len(people)))
    headline = _pick(rng, L.HEADLINES[kind]).replace("{person}", "{p0}")
    text = "\n\n".join([headline, *templates]).format(**values)
    headline, *paragraphs = text.split("\n\n")
    published = _EPOCH + timedelta(hours=_randint(rng, 0, 24 * 500), minutes=_randint(rng, 0, 59))
    return _Story(
        kind=kind,
        people=people,
        values=tuple(values.items()),
        paragraphs=tuple(paragraphs[:original]),
        extras=tuple(paragraphs[original:]),
        headline=headline,
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
        spellings = L.PEOPLE[int(token.rstrip("s"))][0]
        name = spellings[outlet % len(spellings)]
        parts[position] = name.rsplit(" ", 1)[-1] if surname_only else name
    return "".join(parts)


def _edit(paragraph: str, rng: random.Random) -> str:
    """A rewriting outlet's light touch: a couple of word swaps, quotes left alone."""
    if "\u201c" in paragraph:
        return paragraph
    for old, new in sorted(L.EDITS, key=_random_key(rng))[:3]:
        paragraph = paragraph.replace(old, new, 1)
    return paragraph


def _fresh(rng: random.Random, story: _Story, templates: list[str]) -> list[str]:
    """Format paragraph templates with the story's names and figures, in one call."""
    return "\n\n".join(templates).format(**dict(story.values)).split("\n\n")


def _body_paragraphs(story: _Story, position: int, rng: random.Random) -> list[str]:
    """Original (position 0) or a rewrite: verbatim reprint of a passage, or a paraphrase."""
    original = list(story.paragraphs)
    if position == 0:
        return original
    source = L.OUTLETS[story.first_outlet][0]
    clause = _pick(rng, L.BACKGROUND[story.kind]).replace("{person}", "{p0}")
    intro = f"{source} reported on {{weekday}} that {clause}."
    [intro] = _fresh(rng, story, [intro])
    if rng.random() < 0.5:  # reprint: a run of paragraphs copied word for word
        start = rng.randrange(1, max(2, len(original) - 4))
        kept = original[start : start + _randint(rng, 3, 6)]
        return [intro, *kept, *(_edit(p, rng) for p in original[1:start])]
    return [intro, *(_edit(p, rng) for p in original[1:] if rng.random() < 0.8)]


def _sized(paragraphs: list[str], target: int, story: _Story, rng: random.Random) -> list[str]:
    """Cut or pad the article to about ``target`` words (outlets vary, within bounds)."""
    out: list[str] = []
    words = 0
    for paragraph in paragraphs:
        if words >= target:
            break
        out.append(paragraph)
        words += paragraph.count(" ") + 1
    extras = list(story.extras)
    extras.sort(key=_random_key(rng))
    while words < target and extras:
        out.append(extras.pop())
        words += out[-1].count(" ") + 1
    return out


def synthetic_article(rng: random.Random, i: int, *, corpus_seed: int = 0) -> dict:
    """Article number ``i``: {"title","text","url","outlet","published","authors"}.

    Articles ``i`` that share ``i // STORY_SPAN`` (and ``corpus_seed``) tend to be one story:
    the first is the original report, the next ones rewrites of it by other outlets.
    """
    group, position = divmod(i, STORY_SPAN)
    size = random.Random(f"{corpus_seed}:size:{group}").choice((2, 3, 4, 4, 4))
    if position >= size:  # a story of its own
        key, position = f"{group}.{position}", 0
    else:
        key = str(group)
    story = _story(corpus_seed, key)
    outlet = (story.first_outlet + position * 3) % len(L.OUTLETS)
    outlet_name, domain = L.OUTLETS[outlet]
    published = story.published + timedelta(minutes=position * _randint(rng, 30, 1200))
    if position == 0 or rng.random() < 0.3:
        title = story.headline
    else:
        title = _fresh(
            rng, story, [_pick(rng, L.HEADLINES[story.kind]).replace("{person}", "{p0}")]
        )[0]
    target = _randint(rng, 400, 820)
    paragraphs = _sized(_body_paragraphs(story, position, rng), target, story, rng)
    author = _pick(rng, L.AUTHORS)
    fill = {
        "hh": f"{published.hour:02d}",
        "mm": f"{published.minute:02d}",
        "author": author,
        "outlet": outlet_name,
        "year": str(published.year),
        "title_other": _pick(rng, L.HEADLINES[story.kind]).format(
            **dict(story.values), person="officials"
        ),
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


def write_synthetic_dumps(
    out_dir: Path, n_articles: int, seed: int = 0, *, bad_records: int = 0
) -> dict[str, int]:
    """Write n_articles realistic synthetic articles as dumps spread over several formats (txt,
    jsonl, jsonl.gz, html, warc.gz, zip) plus `bad_records` deliberately bad records/files;
    return counts per format."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    writers = _Writers(out_dir, rng)
    recent: list[dict] = []
    for n in range(bad_records):
        _write_bad(writers, n, rng)
    for i in range(n_articles):
        if recent and rng.random() < DUPLICATE_SHARE:
            article = _pick(rng, recent)  # filed again: same words, another place
        else:
            article = synthetic_article(rng, i, corpus_seed=seed)
            recent = [*recent[-49:], article]
        writers.add(_pick_format(rng), article)
    for fmt in writers.batches:
        writers.flush(fmt)
    if writers.bad_lines:  # fewer JSON lines batches than bad lines: give them their own file
        writers.bad_lines.append(b"")
        writers._path("bad", "leftover.jsonl").write_bytes(b"\n".join(writers.bad_lines))
        writers.bad_lines.clear()
    counts = {fmt: count for fmt, count in writers.counts.items() if count}
    counts["bad"] = bad_records
    LOGGER.info("wrote %d synthetic articles to %s: %s", n_articles, out_dir, counts)
    return counts
