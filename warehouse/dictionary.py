"""The data dictionary: what every table, view and column means, from one data file.

``dictionary.tsv`` holds table and column meanings next to the schemas; each view describes
itself in the first comment line of its ``.sql``. ``comment_statements`` turns both into DuckDB
``COMMENT ON`` statements so any client (the DuckDB CLI, DBeaver, pandas) sees them, and
``newsledger describe`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import duckdb

from warehouse.sql import literal

WILDCARD = "*"
TABLE_LINE = "-"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    meaning: str | None


@dataclass(frozen=True, slots=True)
class Relation:
    """A table or view with its meaning and its columns' meanings."""

    name: str
    kind: str  # "table" or "view"
    meaning: str | None
    columns: tuple[Column, ...]


@cache
def _entries() -> dict[tuple[str, str], str]:
    text = files("warehouse").joinpath("dictionary.tsv").read_text(encoding="utf-8")
    out: dict[tuple[str, str], str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        table, column, meaning = line.split("\t", 2)
        out[(table, column)] = meaning.strip()
    return out


def meaning(relation: str, column: str | None = None) -> str | None:
    """The meaning of a table (``column`` None) or of one of its columns."""
    entries = _entries()
    if column is None:
        return entries.get((relation, TABLE_LINE)) or view_meaning(relation)
    found = entries.get((relation, column)) or entries.get((WILDCARD, column))
    if found:
        return found
    # a view column named after a table column means the same ("kind", "pollster")
    same = {m for (table, col), m in entries.items() if col == column and table != WILDCARD}
    if len(same) == 1:
        return same.pop()
    # pair views: "outlet_a" / "outlet_b" are the first and second side of the pair
    for suffix, side in (("_a", "first"), ("_b", "second")):
        base = column.removesuffix(suffix)
        if base != column and (inner := meaning(relation, base)):
            return f"{inner} ({side} of the pair)"
    return None


@cache
def view_meaning(view: str) -> str | None:
    """The first comment line of ``views/<view>.sql`` ("-- name: what it answers")."""
    try:
        sql = files("warehouse").joinpath("views", f"{view}.sql").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    first = sql.lstrip().splitlines()[0] if sql.strip() else ""
    if not first.startswith("--"):
        return None
    text = first[2:].strip()
    prefix = f"{view}:"
    return text[len(prefix):].strip() if text.startswith(prefix) else text


def relations(con: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Every user table and view of the connection, described."""
    rows = con.execute(
        "select table_name, 'table' from duckdb_tables() where not internal and schema_name = 'main'"
        " union all "
        "select view_name, 'view' from duckdb_views() where not internal and schema_name = 'main'"
        " order by 1"
    ).fetchall()
    out = []
    for name, kind in rows:
        cols = con.execute(
            "select column_name, data_type from duckdb_columns() where table_name = ? "
            "and schema_name = 'main' order by column_index", [name]
        ).fetchall()
        out.append(Relation(name, kind, meaning(name),
                            tuple(Column(c, t, meaning(name, c)) for c, t in cols)))
    return out


def comment_statements(con: duckdb.DuckDBPyConnection) -> list[str]:
    """``COMMENT ON`` statements for every described relation and column of ``con``."""
    out = []
    for rel in relations(con):
        kind = "VIEW" if rel.kind == "view" else "TABLE"
        if rel.meaning:
            out.append(f'COMMENT ON {kind} "{rel.name}" IS {literal(rel.meaning)}')
        for col in rel.columns:
            if col.meaning:
                out.append(f'COMMENT ON COLUMN "{rel.name}"."{col.name}" IS {literal(col.meaning)}')
    return out


def apply_comments(con: duckdb.DuckDBPyConnection) -> int:
    """Set the comments on ``con`` (a writable connection); returns how many were set."""
    statements = comment_statements(con)
    for statement in statements:
        con.execute(statement)
    return len(statements)


def render(rels: list[Relation]) -> str:
    """Plain-text listing for the command line."""
    lines: list[str] = []
    for rel in rels:
        lines.append(f"{rel.name} ({rel.kind}): {rel.meaning or '(no description)'}")
        width = max((len(c.name) for c in rel.columns), default=0)
        for col in rel.columns:
            lines.append(f"  {col.name:<{width}}  {col.type:<24}  {col.meaning or ''}".rstrip())
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
