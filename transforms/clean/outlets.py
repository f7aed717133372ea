"""News outlets as typed lookups over ``lexicons/outlets.tsv`` (names, spellings, domains).

Used twice: ``metadata`` turns an article's URL domain into a display name, and ``citations``
recognises the outlets an article relies on.  The list is general knowledge of well-known
outlets; an outlet missing from it is still found by its domain or a cue ("news outlet X").
"""

from __future__ import annotations

from transforms.lexicons import table, words


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
