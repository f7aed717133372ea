"""Speed of quote extraction (words/s) and corpus-wide quote matching (quotes/s).

Usage: .venv/bin/python benchmarks/quotes_bench.py [--rounds N] [--quotes N]

Extraction is timed given the entity mentions (computed once beforehand, as the pipeline hands
them over) over the PolNeAR articles (../shared/dev/polnear, 840 real political news articles),
else the seed articles (../shared/seeds), else hand-written paragraphs from the quality gold;
matching runs over synthetic quotes printed three times each (verbatim, truncated, contracted or
re-cased) so that LSH blocking has real work.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.corpus.quote_matching import match_quotes
from transforms.extract.entities.extractor import extract_entities
from transforms.extract.quotes.extractor import extract_quotes

SEEDS = ROOT.parent / "shared" / "seeds"
POLNEAR = ROOT.parent / "shared" / "dev" / "polnear" / "train" / "text"
GOLD = ROOT / "tests" / "gold" / "quotes_handmade.json"


def _texts() -> list[str]:
    if POLNEAR.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    if SEEDS.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [t["text"] for t in json.loads(GOLD.read_text(encoding="utf-8"))["texts"]]


def bench_extract(texts: list[str], rounds: int) -> tuple[int, float, float]:
    """Words, wall seconds and CPU seconds (the per-core figure on a shared machine)."""
    words = sum(len(t.split()) for t in texts) * rounds
    mentions = []
    for text in texts:
        people, organisations = extract_entities(text)
        mentions.append([*people, *organisations])
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for text, found in zip(texts, mentions):
            extract_quotes(text, found)
    return words, time.perf_counter() - started, time.process_time() - cpu


def _variant(words: list[str], rng: random.Random) -> str:
    """One outlet's wording: verbatim, truncated, contracted or re-cased."""
    choice = rng.randrange(4)
    if choice == 0 and len(words) > 8:
        words = words[: len(words) * 2 // 3]
    text = " ".join(words)
    if choice == 1:
        return text.replace("do not", "don't").replace("is not", "isn't") + "."
    if choice == 2:
        return text.capitalize() + ","
    return text


def bench_match(n: int) -> tuple[int, float, float, int]:
    """``n`` quotes: n/3 distinct quotes of 6-25 words, each printed three times."""
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(5000)] + ["do not", "is not", "the", "a", "of", "to"] * 200
    rows = []
    for family in range(n // 3):
        words = rng.choices(vocab, k=rng.randint(6, 25))
        for copy in range(3):
            rows.append((f"q{family}_{copy}", _variant(words, rng), None))
    started, cpu = time.perf_counter(), time.process_time()
    ids = match_quotes(rows)
    return (
        len(rows),
        time.perf_counter() - started,
        time.process_time() - cpu,
        len(set(ids.values())),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the texts")
    parser.add_argument("--quotes", type=int, default=20000, help="quotes to match")
    args = parser.parse_args()
    texts = _texts()
    extract_quotes(texts[0])  # warm up regex caches
    words, wall, cpu = bench_extract(texts, args.rounds)
    print(
        f"extract_quotes: {words} words, wall {wall:.2f} s ({words / wall:,.0f} words/s),"
        f" CPU {cpu:.2f} s ({words / cpu:,.0f} words/s per core)"
    )
    n, wall, cpu, groups = bench_match(args.quotes)
    print(
        f"match_quotes: {n} quotes -> {groups} canonical, wall {wall:.2f} s"
        f" ({n / wall:,.0f} quotes/s), CPU {cpu:.2f} s ({n / cpu:,.0f} quotes/s per core)"
    )


if __name__ == "__main__":
    main()
