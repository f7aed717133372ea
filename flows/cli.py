"""The ``newsledger`` command: a thin layer over the flow and the warehouse.

    newsledger run    [--dumps PATH] [--warehouse DIR]   run the nightly flow once, no server
    newsledger query  "SQL" [--warehouse DIR] [--format table|csv|json] [--as-of RUN_ID]
    newsledger views  [--warehouse DIR]                  list the question views
    newsledger verify [--warehouse DIR]                  check every part's size and checksum
    newsledger vacuum [--warehouse DIR]                  drop versions past the retention period
    newsledger rebuild [--warehouse DIR]                 recompute the corpus-wide tables
    newsledger rebuild-views [--warehouse DIR]           rewrite newsledger.duckdb's views
    newsledger describe [TABLE|VIEW] [--warehouse DIR]   what every table, view and column means

Errors are one line on stderr with exit status 2; ``-v`` shows the traceback.

Every command refuses a warehouse whose manifest is missing or unreadable, naming the file.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import time
from collections.abc import Sequence
from decimal import Decimal

_STARTED = time.perf_counter()  # the console script imports this module first: wall time


class CliError(Exception):
    """A user-facing error: printed without a traceback, exit status 2."""


def _add_warehouse(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warehouse", help="warehouse folder (default: $NEWSLEDGER_WAREHOUSE "
                        "or ./warehouse-data)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsledger", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest new dump files into the warehouse (one nightly run)")
    run.add_argument("--dumps", help="folder of article dumps (default: $NEWSLEDGER_DUMPS or ./dumps)")
    _add_warehouse(run)
    run.add_argument("--batch-mb", type=float, help="dump megabytes per ingest task")
    run.add_argument("--dask", metavar="ADDRESS", help="run the ingest batches on the Dask "
                     "cluster whose scheduler is at ADDRESS, e.g. tcp://host:8786 (default: "
                     "$NEWSLEDGER_DASK_ADDRESS, else this machine's worker processes)")
    run.add_argument("--json", action="store_true", help="print the run summary as JSON")
    run.add_argument("-q", "--quiet", action="store_true",
                     help="no progress lines on stderr (for cron; errors are still printed)")
    run.add_argument("-v", "--verbose", action="store_true",
                     help="show Prefect's log of every task (default: warnings only)")

    query = sub.add_parser("query", help="run SQL against the warehouse views")
    query.add_argument("sql", help="SQL text, e.g. \"select * from top_speakers limit 10\"")
    _add_warehouse(query)
    query.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help="output format (default: table)")
    query.add_argument("--max-width", type=int, default=60, help="table cell width (table format)")
    query.add_argument("--as-of", metavar="RUN_ID",
                       help="read the version that run committed (kept for the retention period)")
    query.add_argument("--allow-writes", action="store_true",
                       help="allow statements that write files or change the session "
                       "(COPY, ATTACH, INSTALL, CREATE, SET, ...); refused by default")

    views = sub.add_parser("views", help="list the question views and what they answer")
    _add_warehouse(views)

    verify = sub.add_parser("verify", help="check every committed file against its size and "
                            "checksum; exit 1 naming each damaged or missing file")
    _add_warehouse(verify)

    vacuum = sub.add_parser("vacuum", help="remove manifest versions past the retention period "
                            "and the files only they list")
    _add_warehouse(vacuum)
    vacuum.add_argument("--keep-versions", type=int,
                        help="newest versions to keep (default: $NEWSLEDGER_KEEP_VERSIONS or 10)")
    vacuum.add_argument("--keep-hours", type=float,
                        help="keep versions younger than this (default: $NEWSLEDGER_KEEP_HOURS "
                        "or 24)")
    rebuild = sub.add_parser("rebuild", help="recompute every corpus-wide table (entities, "
                             "quotes, near-duplicates, stories, reuse) from the stored facts, "
                             "after a rules or model change")
    _add_warehouse(rebuild)
    rebuild.add_argument("--json", action="store_true", help="print the run summary as JSON")

    views_db = sub.add_parser("rebuild-views", help="rewrite newsledger.duckdb over the newest "
                              "version (after moving the folder, or to pick up new views)")
    _add_warehouse(views_db)

    describe = sub.add_parser("describe", help="list tables, views and columns with what "
                              "each means (the data dictionary)")
    describe.add_argument("name", nargs="?", help="one table or view (default: all)")
    _add_warehouse(describe)

    for command in sub.choices.values():
        if not any("--verbose" in a.option_strings for a in command._actions):
            command.add_argument("-v", "--verbose", action="store_true",
                                 help="show the traceback of an error")
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    from flows.settings import Settings

    settings = Settings.from_env().override(dumps=args.dumps, warehouse=args.warehouse)
    from flows.ingest import dumps_exist

    if not dumps_exist(settings.dumps):
        raise CliError(f"dumps folder not found: {settings.dumps}")
    warehouse = _open_warehouse(settings.warehouse, must_exist=False)
    if warehouse is not None:
        warehouse.check()  # refuse before starting Prefect: missing files, no manifest
    if not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows import progress
    from flows.quiet_night import record_quiet_night  # nothing new: no Prefect start-up

    progress.enable(not args.quiet)
    progress.say(f"newsledger run: {settings.dumps} -> {settings.warehouse}")
    summary = record_quiet_night(settings)
    if summary is None:
        progress.say("new files: starting Prefect and its temporary API (takes a few seconds)")
        from flows.nightly import nightly  # imports Prefect: only when there is work to do

        summary = nightly(dumps=args.dumps, warehouse=args.warehouse, batch_mb=args.batch_mb,
                          dask=args.dask)
    wall = round(time.perf_counter() - _STARTED, 3)
    from warehouse.report import nothing_new

    counts = None
    # A night over nothing new leaves the totals as the last run printed them; counting them
    # again took 2.7 s of a 6 s quiet night at 100,000 articles.
    if not nothing_new(summary):
        try:
            counts = run_counts(summary["warehouse"],
                                summary.get("part_runs") or summary["run_id"])
        except Exception:  # noqa: BLE001  the run is committed; the summary can do without totals
            counts = None
    if args.json:
        summary = {**summary, "wall_seconds": wall,
                   "counts": {w: {"added": a, "total": n} for w, a, n in counts or []}}
        print(json.dumps(summary, indent=2, default=str))
        return 0
    print(format_summary(summary, counts, wall))
    return 0


def run_counts(warehouse_dir: str, run_id: str | list[str]) -> list[tuple[str, int | None, int]]:
    """What the run added beside the warehouse totals (``warehouse.report.run_counts``)."""
    from warehouse import connect
    from warehouse.report import run_counts as counts

    con = connect(warehouse_dir)
    try:
        return counts(con, run_id)
    finally:
        con.close()


def format_summary(summary: dict, counts: list[tuple[str, int | None, int]] | None = None,
                   wall_seconds: float | None = None) -> str:
    """The human summary printed after a run: what it read, what it added beside the
    warehouse totals, and the whole run's wall time (start-up included)."""
    lines = [
        f"newsledger run {summary['run_id']}: {summary['status']}",
        (f"  files          {summary['files_new']} new of {summary['files_seen']} seen, "
         f"{summary.get('files_skipped', 0)} skipped (hidden or reached twice)"),
        (f"  records        {summary['records']} read, {summary['duplicates']} already stored "
         f"or repeated"),
    ]
    if counts:
        lines.append(f"  {'':<14} {'added':>9} {'in warehouse':>13}")
        for what, added, total in counts:
            shown = "" if added is None else f"{added:,}"
            lines.append(f"  {what:<14} {shown:>9} {total:>13,}")
    else:
        lines.append(f"  articles       {summary['articles_new']} added")
    seconds = wall_seconds if wall_seconds is not None else summary["seconds"]
    lines += [
        f"  seconds        {seconds:.1f} wall   peak memory {summary['peak_rss_mb']:.0f} MB",
        f"  warehouse      {summary['warehouse']}",
        f"  duckdb         {summary['database']}",
        f"  report         {os.path.join(summary['warehouse'], 'report.html')}",
    ]
    return "\n".join(lines)


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    from warehouse import connect
    from warehouse.duck import WritingStatement, check_read_only, lock_down

    if not args.sql.strip():
        raise CliError("no SQL given: newsledger query \"select * from top_speakers limit 10\"")
    con = connect(args.warehouse, as_of=args.as_of)
    try:
        if not args.allow_writes:
            check_read_only(con, args.sql)
            lock_down(con)
        frame = con.execute(args.sql).to_arrow_table().to_pandas()
    except (duckdb.Error, WritingStatement) as exc:
        raise CliError(str(exc)) from exc
    finally:
        con.close()
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(frame.to_json(orient="records", date_format="iso", indent=1))
    else:
        print(format_table(frame, args.max_width) if len(frame) else "(no rows)")
    return 0


def format_number(value: float) -> str:
    """Plain digits for the magnitudes news figures have (210,000,000,000, not 2.1e+11)."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_table(frame, max_width: int) -> str:
    """A table for the terminal: long cells cut to ``max_width`` with an ellipsis."""
    import pandas as pd

    def cut(value):
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return ""
        if isinstance(value, float | Decimal):
            return format_number(float(value))
        text = str(value)
        return text if len(text) <= max_width else text[: max(1, max_width - 1)] + "…"

    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else format_number(v))
        elif not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(cut)
    with pd.option_context("display.max_rows", None, "display.max_columns", None,
                           "display.width", 100_000, "display.max_colwidth", None):
        return shown.to_string(index=False)


def cmd_views(args: argparse.Namespace) -> int:
    from warehouse import view_files

    if args.warehouse is not None:
        _open_warehouse(args.warehouse)
    for view in view_files():
        print(f"{view.name:<24} {view.description}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from warehouse.verify import verify

    warehouse = _open_warehouse(args.warehouse)
    checked, problems = verify(warehouse)
    for problem in problems:
        print(f"DAMAGED {problem}")
    print(f"newsledger verify: {checked} file(s) checked, {len(problems)} problem(s) "
          f"in {warehouse.location}")
    return 1 if problems else 0


def cmd_vacuum(args: argparse.Namespace) -> int:
    from flows.settings import Settings
    from warehouse.manifest import Retention

    settings = Settings.from_env()
    retention = Retention(
        versions=args.keep_versions if args.keep_versions is not None else settings.keep_versions,
        hours=args.keep_hours if args.keep_hours is not None else settings.keep_hours)
    warehouse = _open_warehouse(args.warehouse)
    report = warehouse.vacuum(retention)
    print(f"newsledger vacuum: removed {len(report.versions)} version(s) and "
          f"{len(report.files)} file(s) from {warehouse.location}")
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    from flows.rebuild import rebuild
    from flows.settings import Settings

    warehouse = _open_warehouse(args.warehouse)
    warehouse.check()
    summary = rebuild(Settings.from_env().override(warehouse=warehouse.location))
    print(json.dumps(summary, indent=2, default=str) if args.json else format_summary(summary))
    return 0


def cmd_rebuild_views(args: argparse.Namespace) -> int:
    from warehouse import build_database

    warehouse = _open_warehouse(args.warehouse)
    print(f"newsledger rebuild-views: {build_database(warehouse)}")
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    from warehouse import connect, dictionary

    con = connect(args.warehouse)
    try:
        relations = dictionary.relations(con)
    finally:
        con.close()
    if args.name:
        relations = [r for r in relations if r.name == args.name]
        if not relations:
            raise CliError(f"no table or view named {args.name!r} (newsledger describe lists them)")
    print(dictionary.render(relations), end="")
    return 0


def _open_warehouse(folder: str | None, must_exist: bool = True):
    """The warehouse, after checking that its manifest can be read (raises naming the file)."""
    from warehouse import Warehouse, default_warehouse_dir

    path = folder if folder is not None else default_warehouse_dir()
    if "://" not in path and not os.path.isdir(path):  # a URL: reading the manifest tells
        if must_exist:
            raise CliError(f"warehouse folder not found: {path}")
        return None
    warehouse = Warehouse(path)
    warehouse.manifest()
    return warehouse


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from warehouse.manifest import WarehouseError

    args = build_parser().parse_args(argv)
    handlers = {"run": cmd_run, "query": cmd_query, "views": cmd_views, "verify": cmd_verify,
                "vacuum": cmd_vacuum, "rebuild": cmd_rebuild, "rebuild-views": cmd_rebuild_views,
                "describe": cmd_describe}
    try:
        return handlers[args.command](args)
    except BrokenPipeError:  # `newsledger query ... | head`
        sys.stderr.close()
        return 0
    except (CliError, FileNotFoundError, WarehouseError) as exc:
        if getattr(args, "verbose", False):
            raise
        print("newsledger: " + " ".join(str(exc).split()), file=sys.stderr)
        return 2
    except Exception as exc:  # one line, not a traceback, unless -v
        if getattr(args, "verbose", False):
            raise
        message = " ".join(str(exc).split())
        print(f"newsledger: {type(exc).__name__}: {message} (-v shows the traceback)",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
