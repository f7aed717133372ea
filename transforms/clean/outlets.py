"""News outlets: one display name per registered domain, whatever the input type.

The key of an outlet is its registered domain ("www.vox.com/x" and "vox.com" -> "vox.com"); a
record's ``source``/``site`` field that is a hostname maps to the same key.  The display name of a
key is decided in this order, so one site's articles agree across input types and nights:

1. the known-outlets table (``lexicons/outlets.tsv``), whatever the page says;
2. otherwise the best site-name evidence (a record's own name field, ``og:site_name``, the
   publisher, a title suffix, a furniture line), cleaned of taglines ("Tidewatch | The coast's
   favourite news platform" -> "Tidewatch") and never a copyright line, a year, a generic word
   ("Hosted", "Home"), a two-letter region code ("Nj") or a bare hostname;
3. otherwise a readable form of the key itself ("vox.com").

Spellings in the table ("NYTimes", "nytimes.com", "New York Times") all map to its one name.  Used
by ``metadata``/``article`` for an article's own outlet and by ``citations`` for cited outlets.

Each article is decided alone, so for a domain outside the table a record that carries only a
hostname gets the domain while a page of the same site that names itself gets the name; a row in
the table makes them agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from transforms.lexicons import table, words

try:  # public-suffix-aware registered domains ("bbc.co.uk", not "co.uk")
    from tld import get_fld
except ImportError:  # pragma: no cover - tld ships with trafilatura's courlan
    get_fld = None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _outlet_rows() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    rows = []
    for row in table("outlets.tsv"):
        name, aliases, domains = (*row, "", "")[:3]
        if not name:
            raise ValueError(f"outlets.tsv: a row without a name: {row!r}")
        rows.append((name, _split(aliases), _split(domains)))
    return rows


_ROWS = _outlet_rows()

# Display name -> other spellings seen in text.  The display name itself always matches.
OUTLET_ALIASES: dict[str, tuple[str, ...]] = {name: aliases for name, aliases, _ in _ROWS}

# Domain -> display name.  Anything else is shown by its registered domain.
DOMAIN_OUTLETS: dict[str, str] = {domain: name for name, _, domains in _ROWS for domain in domains}

# Domains that host links but are not news outlets: a link there is not a citation.
NON_OUTLET_DOMAINS: frozenset[str] = words("link_platforms.txt")

# Words that alone (or together) never name an outlet: "Hosted", "Home", "News", "Latest news".
GENERIC_NAME_WORDS: frozenset[str] = words("outlet_generic_words.txt")

# Words a name may keep in lower case ("Times of India", "Corriere della Sera").
_NAME_SMALL_WORDS: frozenset[str] = (
    words("title_small_words.txt") | words("name_particles.txt") | {"della", "des", "du", "y", "&"}
)

# Any spelling (name, alias or domain), case-folded -> display name.
_SPELLINGS: dict[str, str] = {
    spelling.casefold(): name
    for name, aliases, domains in _ROWS
    for spelling in (name, *aliases, *domains)
}

# Documentation domains (RFC 2606, RFC 6761): each site under them is a different made-up
# outlet ("harbortimes.example.com", "tidewatch.example.org"), so the key keeps the site label.
_RESERVED_DOMAINS = frozenset({"example.com", "example.net", "example.org"})
_RESERVED_TLDS = frozenset({"example", "test", "invalid", "localhost"})

MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 8

_HOST_RE = re.compile(
    r"^(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\.?(?::\d+)?(?:/\S*)?$",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_COPYRIGHT_RE = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_LETTER_RE = re.compile(r"[^\W\d_]")
_SQUASH_RE = re.compile(r"[\W_]+")
# What follows these in a site name is a tagline: "Tidewatch | The coast's favourite platform",
# "Tidewatch – News for the coast", "Harbour Gazette: Your town, your paper".
_TAGLINE_SEP_RE = re.compile(r"\s+[|–—·•]\s+|\s+-\s+|\s*::\s*|:\s+")


@lru_cache(maxsize=8192)
def registered_domain(url: str | None) -> str | None:
    """The outlet key of ``url`` or a hostname ("www.bbc.co.uk/news" -> "bbc.co.uk"), or ``None``.

    Under a documentation domain the site's own label is kept ("a.example.org" ->
    "a.example.org"): those sites are not one outlet.
    """
    host = _host(url)
    if host is None:
        return None
    labels = host.split(".")
    if labels[-1] in _RESERVED_TLDS:
        return ".".join(labels[-2:]) if len(labels) > 1 else None
    fld = None
    if get_fld is not None:
        try:
            fld = get_fld(host, fix_protocol=True, fail_silently=True)
        except Exception:  # noqa: BLE001  tld raises on some malformed hosts despite fail_silently
            fld = None
        if not fld:
            return None
        fld = str(fld)
    else:  # pragma: no cover
        fld = ".".join(labels[-2:])
    if fld in _RESERVED_DOMAINS and len(labels) > 2:
        return ".".join(labels[-3:])
    return fld


def _host(url: str | None) -> str | None:
    if not url or not url.strip():
        return None
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if "." not in host or " " in host:
        return None
    return host.removeprefix("www.")


def is_hostname(text: str | None) -> bool:
    """ "www.vox.com", "NJ.com", "https://vox.com/": a host or URL, not a name."""
    if not text:
        return False
    text = text.strip()
    return bool(_HOST_RE.match(text) or _URL_RE.match(text)) and registered_domain(text) is not None


def known_outlet(spelling: str | None) -> str | None:
    """The table's display name for any spelling of a known outlet: its name, an alias, a domain or
    a host under its domain ("NYTimes", "www.nytimes.com" -> "The New York Times")."""
    if not spelling or not spelling.strip():
        return None
    spelling = " ".join(spelling.split())
    known = _SPELLINGS.get(spelling.casefold())
    if known:
        return known
    if is_hostname(spelling):
        host = _host(spelling) or ""
        return DOMAIN_OUTLETS.get(host) or DOMAIN_OUTLETS.get(registered_domain(spelling) or "")
    return None


def outlet_name(text: str | None) -> str | None:
    """A site name as evidence of an outlet: the table's name for a known spelling, else the name
    without its tagline, or ``None`` when it is not a name (a copyright line, a year, a generic
    word, a two-letter code, a hostname or URL, a sentence)."""
    if not text or not text.strip():
        return None
    text = " ".join(text.split()).strip(" @")
    known = known_outlet(text)
    if known:
        return known
    for part in _TAGLINE_SEP_RE.split(text):
        part = part.strip(" ,;.-|")
        known = known_outlet(part)
        if known:
            return known
        if _is_name(part):
            return part
        if _COPYRIGHT_RE.search(part):
            return None  # what follows a copyright line is no name either
    return None


def _is_name(text: str) -> bool:
    if not text or len(text) > MAX_NAME_CHARS or is_hostname(text) or _URL_RE.match(text):
        return False
    if _COPYRIGHT_RE.search(text) or _YEAR_RE.search(text):
        return False
    tokens = text.split()
    if len(tokens) > MAX_NAME_WORDS or not _LETTER_RE.search(text):
        return False
    if len(tokens) == 1 and len(_LETTER_RE.findall(text)) <= 2:  # "Nj", "UK", "A1"
        return False
    content = [t.casefold().strip(".,!?'’\"") for t in tokens]
    if all(t in GENERIC_NAME_WORDS for t in content):
        return False
    # a name is capitalised word by word; a slogan is not ("The coast's favourite platform")
    return all(
        t[0].isupper() or t[0].isdigit() or any(c.isupper() for c in t) or t.casefold() in
        _NAME_SMALL_WORDS or not _LETTER_RE.search(t)
        for t in tokens
    )


def _squashed(text: str) -> str:
    return _SQUASH_RE.sub("", text.casefold())


def spells_domain(name: str, key: str | None) -> bool:
    """ "Harbour Gazette" spells harbourgazette.com; "The Ridge Courier" spells ridgecourier.example.net."""
    if not key:
        return False
    squashed = _squashed(name)
    if not squashed:
        return False
    labels = key.split(".")
    site = [_squashed(label) for label in labels[:-1]] or labels
    without_the = squashed.removeprefix("the")
    return any(label and label in {squashed, without_the} for label in site)


def decide_outlet(sources: Iterable[str | None], names: Iterable[str | None]) -> str | None:
    """The display name of an article's outlet from its domain evidence and its name evidence.

    ``sources``: URLs and hostnames (the record's URL, a hostname ``source`` field, the page's
    canonical URL), best first; ``names``: site-name candidates, best first.  A known domain
    decides on its own; then the first name that is a name; then the first domain.
    """
    names = [n for n in names if n and n.strip()]
    keys = [registered_domain(s) for s in sources if s and s.strip()]
    keys += [registered_domain(n) for n in names if is_hostname(n)]
    keys = [k for k in keys if k]
    known = next((_key_outlets()[k] for k in keys if k in _key_outlets()), None)
    if known:
        return known
    for name in names:
        found = None if is_hostname(name) else outlet_name(name)
        if found:
            return found
    return keys[0] if keys else None  # readable as it is: "vox.com"


@lru_cache(maxsize=1)
def _key_outlets() -> dict[str, str]:
    """Outlet key -> the table's name: a listed host ("abcnews.go.com") names its whole domain."""
    by_key: dict[str, str] = {}
    for domain, name in DOMAIN_OUTLETS.items():
        key = registered_domain(domain)
        if key and (key == domain or key not in by_key):
            by_key[key] = name
    return by_key
