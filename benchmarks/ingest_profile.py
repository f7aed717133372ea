"""Where the ingest's time goes: one batch of generated dumps through ``ingest_files`` in this
process, timed whole and, with ``--profile``, under cProfile by step.

    python -m benchmarks.ingest_profile --corpus real --n 1000             # CPU s, articles/s
    python -m benchmarks.ingest_profile --corpus real --n 1000 --profile   # + the steps

The steps are the ingest's own calls (reading, cleaning, the three extractors, citations, row
building, Parquet writing), each as its cumulative share of the profiled run; ``--top`` also
prints the most expensive functions by their own time.  Timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.flow_bench import CORPORA, write_corpus

# (label, file suffix, function name) of the steps reported from the profile
STEPS = (
    ("read dumps (formats, HTML extraction)", "transforms/read/files.py", "read_dump"),
    ("clean (to_article)", "transforms/clean/article.py", "to_article"),
    ("entities", "transforms/extract/entities/extractor.py", "extract_entities"),
    ("quotes", "transforms/extract/quotes/extractor.py", "extract_quotes"),
    ("figures", "transforms/extract/figures/extractor.py", "extract_figures"),
    ("citations", "transforms/clean/citations.py", "extract_citations"),
    ("rows", "warehouse/rows.py", "article_rows"),
    ("Parquet parts", "flows/ingest.py", "flush"),
)


def _step_seconds(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of each step's function (a generator's ``read_dump`` counts the time
    spent inside it across every resumption)."""
    found = dict.fromkeys((label for label, _, _ in STEPS), 0.0)
    for (path, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for label, suffix, function in STEPS:
            if name == function and path.endswith(suffix):
                found[label] += ct
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=CORPORA, default="real")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dumps", help="an existing dumps folder instead of generating one")
    parser.add_argument("--profile", action="store_true", help="run under cProfile, by step")
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    args = parser.parse_args(argv)

    from flows.ingest import discover, ingest_files

    work = Path(tempfile.mkdtemp(prefix="ingest-profile-"))
    try:
        dumps = Path(args.dumps) if args.dumps else work / "dumps"
        if not args.dumps:
            write_corpus(args.corpus, dumps, args.n, seed=args.seed)
        files = discover(dumps, set()).files
        profiler = cProfile.Profile() if args.profile else None
        cpu0, wall0 = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        result = ingest_files(files, work / "staging", "profile")
        if profiler:
            profiler.disable()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        print(f"{result.files} files, {result.records} records, {result.articles} articles: "
              f"{cpu:.2f} CPU s, {wall:.2f} s wall, {result.articles / cpu:.0f} articles per "
              f"CPU second (load average {os.getloadavg()[0]:.1f})")
        if profiler:
            stats = pstats.Stats(profiler)
            total = stats.total_tt  # type: ignore[attr-defined]
            print("\n| step | seconds (profiled) | share |\n|---|---|---|")
            for label, secs in _step_seconds(stats).items():
                print(f"| {label} | {secs:.2f} | {secs / total:.0%} |")
            print(f"| whole batch | {total:.2f} | 100% |")
            if args.top:
                print()
                stats.sort_stats("tottime").print_stats(args.top)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
