"""The warehouse's SQL, one statement per ``.sql`` file, the one helper that loads it, and the
one way to write a string literal into SQL that cannot take parameters (DDL, settings).

Kept as files (like the views) so the SQL reads as SQL and the Python that runs it stays short.
Placeholders are ``str.format`` fields (``{table}``); a literal brace is written doubled.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def _text(name: str) -> str:
    return files("warehouse.sql").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def sql(name: str, **params: str) -> str:
    """The statement in ``warehouse/sql/<name>.sql`` with its ``{placeholders}`` filled."""
    return _text(name).format(**params)


def literal(value: object) -> str:
    """``value`` as a quoted SQL string literal (``'it''s'``)."""
    return "'" + str(value).replace("'", "''") + "'"
