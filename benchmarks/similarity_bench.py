"""Benchmark: cost of near-duplicate, story and text-reuse detection at corpus scale.

Generates N synthetic articles (~600 words each) in groups that mimic real coverage: an
original report, light edits of it (near-duplicates), reprints that copy some paragraphs and
add their own (text reuse), and paraphrases that share only the event's vocabulary (stories).
Each function runs in its own forked process so its peak memory is measured on its own.

Usage:
    .venv/bin/python benchmarks/similarity_bench.py --n 10000
    .venv/bin/python benchmarks/similarity_bench.py --n 10000 --n 100000 --write docs/bench/similarity.md
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transforms.corpus.near_duplicates import find_near_duplicates
from transforms.records import CorpusArticle
from transforms.corpus.stories import find_stories
from transforms.corpus.text_reuse import find_text_reuse

VOCAB = 40_000
WORDS_PER_ARTICLE = 600
PARAGRAPH = 60
START = datetime(2024, 1, 1, tzinfo=UTC)
TOPIC_WORDS = 25
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"]
STEPS = ("near_duplicates", "stories", "text_reuse")


def _vocabulary(rng: np.random.Generator) -> tuple[list[str], np.ndarray]:
    words = set()
    while len(words) < VOCAB:
        n = int(rng.integers(1, 4))
        words.add("".join(SYLLABLES[int(i)] for i in rng.integers(0, len(SYLLABLES), n)))
    ranked = sorted(words)
    weights = 1.0 / np.arange(1, VOCAB + 1) ** 1.05  # Zipf-like, as in real text
    return ranked, weights / weights.sum()


def _new_words(rng: np.random.Generator, count: int) -> list[str]:
    return [
        "".join(SYLLABLES[int(i)] for i in rng.integers(0, len(SYLLABLES), 4)) for _ in range(count)
    ]


def synthetic_corpus(n: int, seed: int = 0) -> list[CorpusArticle]:
    """N articles in event groups of 1-8: original, light edits, reprints, paraphrases."""
    rng = np.random.default_rng(seed)
    vocab, p = _vocabulary(rng)
    out: list[CorpusArticle] = []
    while len(out) < n:
        size = int(min(n - len(out), rng.integers(1, 9)))
        day = START + timedelta(days=int(rng.integers(0, 365)))
        # event vocabulary: names and places of its own (new 4-syllable words), as real events
        topic = np.arange(len(vocab), len(vocab) + TOPIC_WORDS)
        vocab.extend(_new_words(rng, TOPIC_WORDS))
        base = rng.choice(VOCAB, WORDS_PER_ARTICLE, p=p)
        on_topic = rng.random(WORDS_PER_ARTICLE) < 0.12
        base[on_topic] = rng.choice(topic, int(on_topic.sum()))
        for member in range(size):
            kind = "original" if member == 0 else rng.choice(["edit", "reprint", "paraphrase"])
            if kind == "original":
                ids = base
            elif kind == "edit":
                ids = base.copy()
                change = rng.random(len(ids)) < 0.01
                ids[change] = rng.choice(VOCAB, int(change.sum()), p=p)
            elif kind == "reprint":
                own = rng.choice(VOCAB, WORDS_PER_ARTICLE, p=p)
                start = int(rng.integers(0, WORDS_PER_ARTICLE - 2 * PARAGRAPH))
                ids = np.concatenate([own[:200], base[start : start + 2 * PARAGRAPH], own[200:480]])
            else:
                ids = rng.choice(VOCAB, WORDS_PER_ARTICLE, p=p)
                mask = rng.random(len(ids)) < 0.12
                ids[mask] = rng.choice(topic, int(mask.sum()))
            body = " ".join(vocab[int(i)] for i in ids)
            title = " ".join(vocab[int(i)] for i in rng.choice(topic, 6)).capitalize()
            when = day + timedelta(hours=int(rng.integers(0, 72)))
            out.append(CorpusArticle(f"a{len(out):07d}", body, title, f"outlet{member}", when))
    return out


def _measure(name: str, arts: list[CorpusArticle], queue: mp.Queue) -> None:
    fn = {
        "near_duplicates": find_near_duplicates,
        "stories": find_stories,
        "text_reuse": find_text_reuse,
    }[name]
    t0, c0 = time.perf_counter(), _cpu_seconds()
    result = fn(arts)
    seconds, cpu = time.perf_counter() - t0, _cpu_seconds() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((name, seconds, cpu, peak_mb, len(result)))


def _cpu_seconds() -> float:
    """CPU time of this process: unlike wall time, not inflated by other jobs on a shared box."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(n: int) -> list[tuple[str, float, float, float, int]]:
    t0 = time.perf_counter()
    arts = synthetic_corpus(n)
    words = sum(len(a.body.split()) for a in arts)
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"n={n}: corpus of {words} words generated in {time.perf_counter() - t0:.1f}s, "
        f"process RSS {base_mb:.0f} MB",
        flush=True,
    )
    ctx = mp.get_context("fork")
    rows = []
    for name in STEPS:
        queue = ctx.Queue()
        proc = ctx.Process(target=_measure, args=(name, arts, queue))
        proc.start()
        row = queue.get()
        proc.join()
        rows.append(row)
        print(
            f"  {name:16s} {row[1]:8.1f} s wall {row[2]:8.1f} s CPU  peak RSS {row[3]:7.0f} MB"
            f"  ({row[3] - base_mb:+.0f} MB over the corpus)  {row[4]} results",
            flush=True,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--write", type=Path, help="write a Markdown report here")
    args = parser.parse_args()
    sizes = args.n or [10_000]
    results = {n: run(n) for n in sizes}
    if args.write:
        args.write.write_text(_report(results, sys.argv), encoding="utf-8")


def _report(results: dict[int, list[tuple[str, float, float, float, int]]], argv: list[str]) -> str:
    sizes = sorted(results)
    lines = [
        "# Similarity benchmark (near-duplicates, stories, text reuse)",
        "",
        "Command: `.venv/bin/python " + " ".join(argv) + "`",
        "",
        "Synthetic articles of 600 words in event groups of 1-8 (original, light edits, reprints",
        "of two paragraphs, paraphrases sharing the event vocabulary).  Each step runs in its own",
        "forked process; CPU seconds are the step's own (wall time on the shared 2-core machine",
        "also counts other jobs); peak RSS includes the corpus held in memory.",
        "",
        "| step | n | wall s | CPU s | peak RSS MB | results |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for k, name in enumerate(STEPS):
        for n in sizes:
            _, sec, cpu, mb, count = results[n][k]
            lines.append(f"| {name} | {n} | {sec:.1f} | {cpu:.1f} | {mb:.0f} | {count} |")
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        lines += ["", f"Growth n={lo} -> n={hi} ({hi / lo:.0f}x articles), CPU time:", ""]
        for k, name in enumerate(STEPS):
            lines.append(f"- {name}: {results[hi][k][2] / results[lo][k][2]:.1f}x")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
