"""Word lists shipped as data files (one entry per line, ``#`` comments), and their one loader.

A ``.tsv`` list keeps extra columns after a tab: ``words`` reads only the first column, and
``table`` returns every column.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def lines(name: str) -> tuple[str, ...]:
    """The entries of ``transforms/lexicons/<name>`` in file order, comments and blanks dropped."""
    text = files("transforms.lexicons").joinpath(name).read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def words(name: str) -> frozenset[str]:
    """The entries (first column) of a list, lower-cased, for case-insensitive membership tests."""
    return frozenset(entry.split("\t", 1)[0].strip().lower() for entry in lines(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a tab-separated list, each as its stripped columns."""
    return tuple(tuple(col.strip() for col in entry.split("\t")) for entry in lines(name))
