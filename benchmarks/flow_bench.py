"""Benchmark: synthetic dumps through the real nightly flow, plus per-text extraction speed.

    python -m benchmarks.flow_bench --n 2000            # what `make bench` runs
    python -m benchmarks.flow_bench --n 10000 --keep    # keep bench-data/ for a look in DuckDB

Reports articles/s, MB/s and peak memory per stage of the flow (from the run summary), the
same for a second run over the same dumps (the ledger should make it near free), and the
words/s of each extractor on the generated bodies.  Timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import time
from pathlib import Path


def _folder_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6


def extractor_speed(bodies: list[str], repeat: int = 3) -> dict[str, float]:
    """Words per second of each per-text extractor over ``bodies`` (best of ``repeat``)."""
    from transforms.extract.entities.extractor import extract_entities
    from transforms.extract.figures.extractor import extract_figures
    from transforms.extract.quotes.extractor import extract_quotes

    words = sum(len(b.split()) for b in bodies)
    speeds = {}
    for name, fn in (("entities", extract_entities), ("quotes", extract_quotes),
                     ("figures", extract_figures)):
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for body in bodies:
                fn(body)
            best = min(best, time.perf_counter() - t0)
        speeds[name] = words / best if best > 0 else float("inf")
    return speeds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="synthetic articles to generate")
    parser.add_argument("--out", default="bench-data", help="work folder (recreated)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    args = parser.parse_args(argv)

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from benchmarks.synthetic import write_synthetic_dumps
    from flows.nightly import nightly
    from warehouse import connect

    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    dumps, wh = out / "dumps", out / "warehouse"
    t0 = time.perf_counter()
    formats = write_synthetic_dumps(dumps, args.n, seed=args.seed, bad_records=max(1, args.n // 500))
    gen_s = time.perf_counter() - t0
    mb = _folder_mb(dumps)

    first = nightly(dumps=str(dumps), warehouse=str(wh))
    second = nightly(dumps=str(dumps), warehouse=str(wh))
    con = connect(wh)
    bodies = [r[0] for r in con.execute("select body from articles limit 500").fetchall()]
    con.close()
    speeds = extractor_speed(bodies)

    lines = [
        f"## flow benchmark: {args.n} synthetic articles ({mb:.1f} MB of dumps, formats {formats})",
        "",
        (f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"dump generation {gen_s:.1f} s"),
        "",
        "| run | seconds | articles new | articles/s | MB/s | quarantined | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, s in (("first", first), ("second (same dumps)", second)):
        rate = s["records"] / s["seconds"] if s["seconds"] else 0
        lines.append(f"| {label} | {s['seconds']:.1f} | {s['articles_new']} | {rate:.0f} | "
                     f"{mb / s['seconds']:.2f} | {s['quarantined']} | {s['peak_rss_mb']:.0f} |")
    lines += ["", "| stage (first run) | seconds | peak RSS MB |", "|---|---|---|"]
    for stage, secs in first["stage_seconds"].items():
        lines.append(f"| {stage} | {secs:.2f} | {first['stage_peak_mb'].get(stage, 0):.0f} |")
    lines += ["", "| extractor | words/s (one core) |", "|---|---|"]
    lines += [f"| {name} | {wps:,.0f} |" for name, wps in speeds.items()]
    print("\n".join(lines))
    print("\n" + json.dumps({"first": first, "second": second, "words_per_s": speeds},
                            default=str))
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
