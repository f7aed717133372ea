"""Benchmark: generated dumps through the real nightly flow, plus per-text extraction speed.

    python -m benchmarks.flow_bench --n 2000                   # synthetic corpus
    python -m benchmarks.flow_bench --n 10000 --corpus real    # real text (`make bench-real`)
    python -m benchmarks.flow_bench --n 10000 --keep           # keep bench-data/ for DuckDB

``--corpus synthetic`` writes ``benchmarks.synthetic``'s template corpus; ``--corpus real``
builds the articles from the shared dev texts (``benchmarks.realtext``).  Reports articles/s,
MB/s, wall and CPU seconds and peak memory per stage of the flow (CPU includes the ingest
worker processes; the peak is the flow process's, and the workers' highest apart), the same
for a second run over the same dumps (the ledger should make it near free), and the words/s of
each extractor on the stored bodies.  Timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CORPORA = ("synthetic", "real")


def write_corpus(corpus: str, out: Path, n: int, seed: int = 0, bad_records: int = 0,
                 after: int = 0) -> dict:
    """Write ``n`` articles of the named corpus as dumps under ``out``; counts per format.
    ``after``: the articles of earlier nights (real text: a later night's are dated after them
    and bring no document as written again; the synthetic corpus needs only another seed)."""
    if corpus == "real":
        from benchmarks.realtext import write_real_dumps
        return write_real_dumps(out, n, seed=seed, bad_records=bad_records, after=after)
    from benchmarks.synthetic import write_synthetic_dumps
    return write_synthetic_dumps(out, n, seed=seed, bad_records=bad_records)


def _cpu_seconds() -> float:
    """User + system CPU of this process and of its finished children (the ingest workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def children_peak_mb() -> float:
    """The highest peak RSS of any finished child process (an ingest worker), in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def tree_pss_mb() -> float:
    """Proportional memory (PSS: shared pages split between their sharers) of this process
    and every process under it, in MB: what the machine holds for the run."""
    import psutil  # a dependency of distributed

    total = 0
    for proc in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            total += proc.memory_full_info().pss
        except (psutil.Error, OSError):  # ended since it was listed
            continue
    return total / 2**20


@contextmanager
def tree_peak(interval: float = 0.25) -> Iterator[dict[str, float]]:
    """The highest ``tree_pss_mb`` seen while the block runs, sampled every ``interval``
    seconds (key ``mb``).  Each process's own peak misses the others beside it: the ingest
    workers, and the corpus step's two processes (entities and quotes beside stories and
    text reuse)."""
    import threading

    seen = {"mb": tree_pss_mb()}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(interval):
            seen["mb"] = max(seen["mb"], tree_pss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield seen
    finally:
        stop.set()
        sampler.join()


@contextmanager
def stage_cpu() -> Iterator[dict[str, float]]:
    """CPU seconds per flow stage, read at the stage hooks of ``flows.progress`` (worker
    processes count once they have exited: the ingest's pool closes inside its stage)."""
    from flows import progress

    cpu: dict[str, float] = {}
    started: dict[str, float] = {}
    old_start, old_done = progress.stage_started, progress.stage_done

    def on_start(name: str) -> None:
        started[name] = _cpu_seconds()
        old_start(name)

    def on_done(name: str, seconds: float) -> None:
        cpu[name] = cpu.get(name, 0.0) + _cpu_seconds() - started.pop(name, _cpu_seconds())
        old_done(name, seconds)

    progress.stage_started, progress.stage_done = on_start, on_done
    try:
        yield cpu
    finally:
        progress.stage_started, progress.stage_done = old_start, old_done


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
    parser.add_argument("--n", type=int, default=2000, help="articles to generate")
    parser.add_argument("--corpus", choices=CORPORA, default="synthetic",
                        help="template articles, or real text from ../shared/dev")
    parser.add_argument("--out", default="bench-data", help="work folder (recreated)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    args = parser.parse_args(argv)

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.nightly import nightly
    from warehouse import connect

    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    dumps, wh = out / "dumps", out / "warehouse"
    t0 = time.perf_counter()
    formats = write_corpus(args.corpus, dumps, args.n, seed=args.seed,
                           bad_records=max(1, args.n // 500))
    gen_s = time.perf_counter() - t0
    mb = _folder_mb(dumps)

    cpu0 = _cpu_seconds()
    with stage_cpu() as first_cpu:
        first = nightly(dumps=str(dumps), warehouse=str(wh))
    first_cpu_total = _cpu_seconds() - cpu0
    workers_mb = children_peak_mb()
    second = nightly(dumps=str(dumps), warehouse=str(wh))
    con = connect(wh)
    bodies = [r[0] for r in con.execute("select body from articles limit 500").fetchall()]
    con.close()
    speeds = extractor_speed(bodies)

    lines = [
        f"## flow benchmark: {args.n} {args.corpus} articles ({mb:.1f} MB of dumps, formats {formats})",
        "",
        (f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average {os.getloadavg()[0]:.1f} at the end; dump generation {gen_s:.1f} s; "
        f"first run {first_cpu_total:.1f} CPU s; ingest workers' peak RSS {workers_mb:.0f} MB"),
        "",
        "| run | seconds | records | articles new | records/s | articles new/s | MB/s | quarantined | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, s in (("first", first), ("second (same dumps)", second)):
        rate = s["records"] / s["seconds"] if s["seconds"] else 0
        new_rate = s["articles_new"] / s["seconds"] if s["seconds"] else 0
        lines.append(f"| {label} | {s['seconds']:.1f} | {s['records']} | {s['articles_new']} | "
                     f"{rate:.0f} | {new_rate:.0f} | "
                     f"{mb / s['seconds']:.2f} | {s['quarantined']} | {s['peak_rss_mb']:.0f} |")
    lines += ["", "| stage (first run) | seconds | CPU seconds | peak RSS MB |", "|---|---|---|---|"]
    for stage, secs in first["stage_seconds"].items():
        lines.append(f"| {stage} | {secs:.2f} | {first_cpu.get(stage, 0):.2f} | "
                     f"{first['stage_peak_mb'].get(stage, 0):.0f} |")
    lines += ["", "| extractor | words/s (one core) |", "|---|---|"]
    lines += [f"| {name} | {wps:,.0f} |" for name, wps in speeds.items()]
    print("\n".join(lines))
    print("\n" + json.dumps({"corpus": args.corpus, "first": first, "second": second,
                             "first_stage_cpu": first_cpu, "first_cpu": first_cpu_total,
                             "workers_peak_mb": workers_mb, "words_per_s": speeds},
                            default=str))
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
