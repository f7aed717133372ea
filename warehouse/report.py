"""The HTML run report: one self-contained page per run, written into the warehouse.

It answers what an operator asks the morning after: what was read, what was refused and why,
where the time and memory went, what was added, who was quoted, which figures outlets disagree
on. Charts are inline SVG (no script, no CDN), and every value taken from the data is escaped,
because article text is untrusted input.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.duck import create_views
from warehouse.sql import sql

REPORTS_DIR = "reports"
LATEST = "report.html"

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1d1d1f;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{padding:.25rem .5rem;
border-bottom:1px solid #eee;text-align:left;vertical-align:top}th{background:#f6f6f6}
td.n{text-align:right;font-variant-numeric:tabular-nums}.grid{display:grid;
grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem}.card{background:#f6f8fa;
border-radius:6px;padding:.5rem .75rem}.card b{display:block;font-size:1.3rem}
.muted{color:#777}.bad{color:#b00020}svg text{font:12px system-ui,sans-serif}
"""


@dataclass(frozen=True, slots=True)
class Section:
    """One titled block of the report; ``body`` is already-escaped HTML."""

    title: str
    body: str


def esc(value: object) -> str:
    """Escape any value for HTML text or attribute context."""
    if value is None:
        return '<span class="muted">–</span>'
    if isinstance(value, float):
        value = f"{value:,.2f}"
    elif isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:,}"
    return html.escape(str(value), quote=True)


def bar_chart(items: Sequence[tuple[str, float]], unit: str = "", width: int = 640) -> str:
    """A horizontal bar chart as inline SVG: one labelled bar per item, longest first."""
    items = [(label, float(v)) for label, v in items if v is not None][:20]
    if not items:
        return '<p class="muted">nothing to chart</p>'
    top = max(v for _, v in items) or 1.0
    label_w, row_h, bar_max = 220, 22, width - 220 - 90
    rows = []
    for i, (label, value) in enumerate(items):
        y = i * row_h
        w = max(1.0, bar_max * value / top)
        shown = f"{value:,.2f}".rstrip("0").rstrip(".") + unit
        rows.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{esc(label[:40])}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="#4878a8"><title>{esc(label)}: {esc(shown)}</title></rect>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{esc(shown)}</text>'
        )
    height = row_h * len(items)
    return (f'<svg class="chart" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
            + "".join(rows) + "</svg>")


def table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    rows = list(rows)
    if not rows:
        return '<p class="muted">none</p>'
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{esc(v)}</td>' if isinstance(v, int | float) and not isinstance(v, bool)
            else f"<td>{esc(v)}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _query(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def run_counts(con: duckdb.DuckDBPyConnection, run_id: str | Sequence[str]
               ) -> list[tuple[str, int | None, int]]:
    """(facts, added by ``run_id``, warehouse total) per kind of fact, read back from the
    committed tables, so "added tonight" and "in the warehouse" are never mixed.  A night
    committed in parts passes every part's run id."""
    runs = [run_id] if isinstance(run_id, str) else list(run_id)
    return [tuple(row) for row in con.execute(sql("run_counts"), {"runs": runs}).fetchall()]


def _guarded(title: str, build) -> Section:
    """A section whose query fails (an older warehouse, a view missing) says so instead of
    failing the run that writes the report."""
    try:
        return Section(title, build())
    except duckdb.Error as exc:
        return Section(title, f'<p class="bad">not available: {esc(exc)}</p>')


def nothing_new(summary: dict) -> bool:
    """Whether the run (a RunSummary dict) read no new file and no record: a quiet night."""
    return not summary.get("files_new") and not summary.get("records")


def sections(con: duckdb.DuckDBPyConnection, summary: dict) -> list[Section]:
    """Every block of the report for the run described by ``summary`` (a RunSummary dict)."""
    run_id = summary.get("run_id")
    cards = [
        ("files seen", summary.get("files_seen")), ("files new", summary.get("files_new")),
        ("records read", summary.get("records")), ("articles added", summary.get("articles_new")),
        ("duplicates", summary.get("duplicates")), ("quarantined", summary.get("quarantined")),
        ("seconds in the flow", summary.get("seconds")),
        ("peak memory MB", summary.get("peak_rss_mb")),
    ]
    out = [Section("This run", '<div class="grid">' + "".join(
        f'<div class="card"><b>{esc(v)}</b>{esc(k)}</div>' for k, v in cards) + "</div>")]
    if nothing_new(summary):
        # every section below would be empty or as the last run's report has it, and the
        # warehouse totals alone took 2.5 s at 100,000 articles
        out.append(Section("Nothing new", "<p>No new dump file: the warehouse is as the "
                                          "previous run left it (see that run's report).</p>"))
        return out

    def added_and_totals() -> str:
        return table(["facts", "added by this run", "in the warehouse"],
                     run_counts(con, summary.get("part_runs") or run_id))

    out.append(_guarded("Added beside the warehouse totals", added_and_totals))
    stage_s = summary.get("stage_seconds") or {}
    stage_mb = summary.get("stage_peak_mb") or {}
    out.append(Section("Where the time went (seconds per stage)",
                       bar_chart(sorted(stage_s.items(), key=lambda kv: -kv[1]), " s")))
    out.append(Section("Peak memory per stage (MB)",
                       bar_chart(sorted(stage_mb.items(), key=lambda kv: -kv[1]), " MB")))

    def quarantine() -> str:
        rows = _query(con, "select stage, reason, count(*) as n from quarantine where run_id = ? "
                           "group by all order by n desc, reason", [run_id])
        return (bar_chart([(f"{r[1]} ({r[0]})", r[2]) for r in rows])
                + table(["stage", "reason", "records"], rows))

    def outlets() -> str:
        rows = _query(con, "select coalesce(outlet, '(unknown)'), count(*) as n from articles "
                           "where run_id = ? group by all order by n desc limit 20", [run_id])
        return bar_chart(rows)

    def speakers() -> str:
        rows = _query(con, """
            select coalesce(p.name, o.name, q.speaker) as speaker, q.speaker_type,
                   count(*) as quotes, count(distinct a.outlet) as outlets
            from quotes q join articles a using (article_id)
            left join people p on p.entity_id = q.speaker_entity_id
            left join organisations o on o.entity_id = q.speaker_entity_id
            where a.run_id = ? and q.speaker is not null and not q.indirect
            group by all order by quotes desc, speaker limit 15""", [run_id])
        return table(["speaker", "type", "quotes", "outlets"], rows)

    def quotes() -> str:
        rows = _query(con, """
            select q.speaker, q.cue, q.text, a.outlet
            from quotes q join articles a using (article_id)
            where a.run_id = ? and not q.indirect
            order by length(q.text) desc, q.quote_id limit 10""", [run_id])
        return table(["speaker", "cue", "quote", "outlet"], rows)

    def disagreements() -> str:
        cur = con.execute("select * from figure_disagreements limit 15")
        return table([d[0] for d in cur.description], cur.fetchall())

    out += [
        _guarded("Quarantined records by reason", quarantine),
        _guarded("Articles added by outlet", outlets),
        _guarded("Most quoted among new quotes", speakers),
        _guarded("New quotes (longest first)", quotes),
        _guarded("Figures outlets disagree on (whole warehouse)", disagreements),
    ]
    return out


def render(con: duckdb.DuckDBPyConnection, summary: dict) -> str:
    """The complete HTML page for one run."""
    title = f"newsledger run {summary.get('run_id', '')}"
    status = summary.get("status", "")
    head = (f"<h1>{esc(title)}</h1><p>status <b class=\"{'bad' if status != 'ok' else ''}\">"
            f"{esc(status)}</b> · dumps {esc(summary.get('dumps'))} · warehouse "
            f"{esc(summary.get('warehouse'))}</p>")
    if summary.get("error"):
        head += f'<p class="bad">{esc(summary["error"])}</p>'
    body = "".join(f"<section><h2>{esc(s.title)}</h2>{s.body}</section>"
                   for s in sections(con, summary))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}'
            f"</title><style>{_CSS}</style></head><body>{head}{body}</body></html>")


def write_report(root: Path, con: duckdb.DuckDBPyConnection, summary: dict) -> Path:
    """Write ``reports/run-<id>.html`` and refresh ``report.html`` (the latest), each atomically."""
    page = render(con, summary)
    folder = Path(root) / REPORTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"run-{summary.get('run_id', 'unknown')}.html"
    for path in (target, Path(root) / LATEST):
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, path)
    return target


def write_run_report(warehouse, manifest, summary: dict) -> Path:
    """The report of a committed run, over exactly the version it committed."""
    con = duckdb.connect()
    try:
        create_views(con, warehouse, manifest)
        return write_report(warehouse.root, con, summary)
    finally:
        con.close()
