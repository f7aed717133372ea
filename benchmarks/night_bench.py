"""Benchmark: what a night costs once the warehouse holds N articles.

    python -m benchmarks.night_bench --n 2000             # full night, 1% night, quiet night
    python -m benchmarks.night_bench --n 10000 --share 0.01 --corpus real

Night 1 ingests N generated articles (``--corpus synthetic`` or ``real``, see
``benchmarks.flow_bench``) through the real flow; night 2 brings ``share`` of that as
new files (another seed); night 3 brings nothing and runs as `newsledger run` in a fresh
process, so its wall time includes Python and import start-up.  Reports the seconds of every
stage of nights 1 and 2 (the corpus steps are the ones that should follow the night's size),
and a rebuild's, for comparison, the CPU seconds of each night and of its corpus steps, and
its peak memory: the highest of any one process, and of all its processes together (sampled
PSS: a big night part's corpus step runs in two processes at once).  Timings belong here,
never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.flow_bench import CORPORA, stage_cpu, tree_peak, write_corpus

CORPUS_STAGES = ("settle", "entities", "quotes", "near_duplicates", "stories", "text_reuse")
# CPU is counted per stage of the flow's process: a big night's text reuse and stories run in a
# second process (flows/corpus_split.py), whose CPU lands in similarity_wait, and a big night
# part's whole corpus step in a fresh process, whose CPU (the second's included) lands in
# corpus_process
CORPUS_CPU_STAGES = (*CORPUS_STAGES, "similarity_wait", "corpus_process")


def _quiet_night(dumps: Path, wh: Path) -> float:
    """Wall seconds of `newsledger run` over nothing new, from process start to exit."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "flows.cli", "run", "--dumps", str(dumps),
                    "--warehouse", str(wh)], check=True, stdout=subprocess.DEVNULL,
                   cwd=Path(__file__).resolve().parents[1])
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles of the first night")
    parser.add_argument("--share", type=float, default=0.01, help="new articles of night 2")
    parser.add_argument("--corpus", choices=CORPORA, default="synthetic")
    parser.add_argument("--out", default="bench-nights", help="work folder (recreated)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    args = parser.parse_args(argv)

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.nightly import nightly
    from flows.rebuild import rebuild
    from flows.settings import Settings

    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    dumps, wh = out / "dumps", out / "warehouse"
    write_corpus(args.corpus, dumps / "night1", args.n, seed=1)
    cpu: list[dict[str, float]] = []
    tree_mb: list[float] = []
    summaries = []
    for night in (1, 2):
        if night == 2:  # another seed; real text: respun from the same sources, dated after night 1
            write_corpus(args.corpus, dumps / "night2", max(1, round(args.n * args.share)), seed=2,
                         after=args.n)
        with stage_cpu() as stages, tree_peak() as memory:
            summaries.append(nightly(dumps=str(dumps), warehouse=str(wh)))
        cpu.append(stages)
        tree_mb.append(memory["mb"])
    first, second = summaries
    quiet = _quiet_night(dumps, wh)
    with stage_cpu() as stages, tree_peak() as memory:
        rebuilt = rebuild(Settings(warehouse=str(wh)))
    cpu.append(stages)
    tree_mb.append(memory["mb"])

    nights = (("night 1 (full)", first), (f"night 2 ({args.share:.0%} new)", second),
              ("rebuild", rebuilt))
    lines = [f"## nights over {args.n} articles", "",
             "| stage | " + " | ".join(label for label, _ in nights) + " | night 2 / night 1 |",
             "|---|" + "---|" * (len(nights) + 1)]
    for stage in (*CORPUS_STAGES, "ingest", "publish"):
        secs = [s["stage_seconds"].get(stage, 0.0) for _, s in nights]
        ratio = f"{secs[1] / secs[0]:.1%}" if secs[0] else "–"
        lines.append(f"| {stage} | " + " | ".join(f"{x:.2f}" for x in secs) + f" | {ratio} |")
    corpus = [sum(s["stage_seconds"].get(k, 0.0) for k in CORPUS_STAGES) for _, s in nights]
    lines.append("| corpus steps | " + " | ".join(f"{x:.2f}" for x in corpus)
                 + f" | {corpus[1] / corpus[0]:.1%} |")
    lines.append("| articles new | " + " | ".join(str(s["articles_new"]) for _, s in nights)
                 + " | |")
    corpus_cpu = [sum(c.get(k, 0.0) for k in CORPUS_CPU_STAGES) for c in cpu]
    all_cpu = [sum(c.values()) for c in cpu]
    for label, values in (("corpus steps, CPU s", corpus_cpu), ("all stages, CPU s", all_cpu)):
        ratio = f"{values[1] / values[0]:.1%}" if values[0] else "–"
        lines.append(f"| {label} | " + " | ".join(f"{x:.2f}" for x in values) + f" | {ratio} |")
    lines.append("| peak MB, highest one process (RSS) | "
                 + " | ".join(f"{max(s['stage_peak_mb'].values(), default=0):.0f}"
                              for _, s in nights) + " | |")
    lines.append("| peak MB, all processes together (PSS) | "
                 + " | ".join(f"{mb:.0f}" for mb in tree_mb) + " | |")
    lines += ["", f"quiet night (`newsledger run`, nothing new, fresh process): {quiet:.2f} s wall"]
    print("\n".join(lines))
    print("\n" + json.dumps({"corpus": args.corpus, "nights": dict(nights), "stage_cpu": cpu,
                             "quiet_seconds": quiet, "tree_peak_mb": tree_mb}, default=str))
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
