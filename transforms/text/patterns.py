"""Regex building shared by every rule module: one ``alternation`` for every word list."""

from __future__ import annotations

import re
from collections.abc import Iterable


def _trie_pattern(node: dict[str, dict], ends: str) -> str:
    """Regex for a character trie, so matching branches on one character instead of trying
    every word in turn (Python's ``re`` does not optimise long alternations itself)."""
    branches: list[str] = []
    optional = False
    for ch, child in sorted(node.items()):
        if ch == ends:
            optional = True
            continue
        piece = r"\s+" if ch == " " else re.escape(ch)
        sub = _trie_pattern(child, ends)
        branches.append(piece + sub)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body


def alternation(words: Iterable[str], *, boundary: bool = False) -> str:
    """A non-capturing regex group matching any of ``words`` (escaped, built as a trie).

    Refuses an empty alternative: an empty branch would make the group match the empty string.
    Spaces match any run of whitespace so line-wrapped text still matches.  The trie tries the
    longest word first at every branch, as a longest-first alternation would.
    """
    items = set(words)
    if not items or any(not w for w in items):
        raise ValueError("alternation needs non-empty words")
    ends = ""  # marks the end of a word inside the trie
    root: dict[str, dict] = {}
    for word in items:
        node = root
        for ch in " ".join(word.split()):
            node = node.setdefault(ch, {})
        node[ends] = {}
    body = f"(?:{_trie_pattern(root, ends)})"
    return rf"\b{body}\b" if boundary else body
