"""Currencies as news writes them, read once from ``currencies.tsv`` and ``currency_minor.tsv``.

An amount's currency may be a sign before or after the digits ("$5", "5 €", "USD 5", "115USD",
"c $ 16.4 million" in tokenised wire text), a name after the number ("528 million francs",
"88 billion Hong Kong dollars") or, for a few names, before it ("dollar 22.5 million").  A
minor unit alone is reported as stated ("470 pence" is 470 of ``penny``), and after a main
amount it adds its fraction ("13 dollars and 45 cents" is 13.45 USD).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transforms.lexicons import table
from transforms.text.patterns import alternation


@dataclass(frozen=True, slots=True)
class MinorUnit:
    """A currency's subunit: what it is called in ``unit``, its main currency, its worth."""

    unit: str
    code: str
    ratio: float


@dataclass(frozen=True, slots=True)
class Currencies:
    """Look-ups from a surface form (lower-cased, spaces squeezed) to an ISO code."""

    signs: dict[str, str]  # symbols and codes: "$", "c$", "usd", "hk$"
    cased: dict[str, str]  # codes that are English words, only in capitals: "ALL", "TRY"
    names: dict[str, str]  # names after a number, singular and plural: "swiss francs"
    leads: dict[str, str]  # names that may also come before the number: "dollar"
    minors: dict[str, MinorUnit]
    codes: frozenset[str]  # every code a figure's ``unit`` may hold


def _plurals(name: str) -> tuple[str, ...]:
    """A name and its regular plural ("franc", "francs"); names ending in "s" stay as they are."""
    return (name,) if name.endswith(("s", "yen", "yuan", "won")) else (name, name + "s")


def key(surface: str) -> str:
    """The look-up form of a currency as written: lower case, whitespace squeezed."""
    return " ".join(surface.lower().split())


@cache
def currencies() -> Currencies:
    signs: dict[str, str] = {}
    cased: dict[str, str] = {}
    names: dict[str, str] = {}
    leads: dict[str, str] = {}
    for surface, code, where in table("currencies.tsv"):
        if where == "sign":
            signs[key(surface)] = code
        elif where == "cased":
            cased[surface] = code
        else:
            for form in _plurals(key(surface)):
                names.setdefault(form, code)
                if where == "lead":
                    leads[form] = code
    minors = {key(s): MinorUnit(unit, code, float(ratio))
              for s, unit, code, ratio in table("currency_minor.tsv")}
    codes = frozenset((*signs.values(), *cased.values(), *names.values()))
    return Currencies(signs, cased, names, leads, minors, codes)


def _sign_pattern(sign: str) -> str:
    """A sign as a regex.  Letters before "$" may stand apart from it in tokenised wire text
    ("us $", "c $"); a one-letter prefix other than C must be a capital touching the "$", since
    "a $5 rebate" is not Australian."""
    prefix = sign[:-1]
    if sign.endswith("$") and prefix and prefix.replace(".", "").isalpha():
        if len(prefix) == 1 and prefix != "c":
            return rf"(?-i:{re.escape(prefix.upper())})\$"
        return re.escape(prefix) + r"\s?\$"
    return re.escape(sign)


@cache
def sign_pattern() -> str:
    """Any currency sign or code, longest first, with word boundaries around alphabetic ones."""
    cur = currencies()
    alpha = [s for s in cur.signs if s[0].isalpha()]
    other = [s for s in cur.signs if not s[0].isalpha()]
    parts = sorted({_sign_pattern(s) for s in alpha}, key=len, reverse=True)
    symbols = "|".join(sorted((re.escape(s) for s in other), key=len, reverse=True))
    return (
        rf"(?:(?<![A-Za-z])(?:{'|'.join(parts)})(?![A-Za-z])"
        rf"|(?-i:(?<![A-Za-z])M?{alternation(cur.cased)}(?![A-Za-z]))"
        rf"|(?-i:(?<![A-Za-z])M(?={alternation(cur.signs.values())}){alternation(cur.signs.values())}(?![A-Za-z]))"
        rf"|{symbols})"
    )


def sign_code(sign: str) -> tuple[str | None, float]:
    """The ISO code of a sign as matched, and the scale an "M" prefix gives ("MEUR" = 1e6)."""
    cur = currencies()
    compact = sign.strip()
    if compact in cur.cased:
        return cur.cased[compact], 1.0
    if len(compact) == 4 and compact[0] == "M" and compact[1:].isupper():
        code = cur.cased.get(compact[1:]) or cur.signs.get(compact[1:].lower())
        if code:
            return code, 1e6
    k = key(compact).replace(" $", "$")
    return cur.signs.get(k) or cur.signs.get(key(compact)), 1.0


@cache
def name_pattern() -> str:
    """A currency name (main or minor unit), optionally led by "US"/"U.S."."""
    cur = currencies()
    return alternation((*cur.names, *cur.minors), boundary=True)


@cache
def lead_pattern() -> str:
    """A name before the number, in lower case only: "dollar 22.5 million", not "Euro 96"."""
    return f"(?-i:{alternation(currencies().leads, boundary=True)})"
