"""Benchmark: people and organisation mention extraction speed (words per second, one core).

The corpus is the five seed articles (when /work/shared/seeds is present) plus the hand-written
gold paragraphs (tests/gold/entities_*.json), concatenated and repeated to about --words words.
Each article-sized piece is extracted separately, as the nightly flow does; the best of
--repeat timed runs is reported (wall clock and process CPU time: on a shared machine the CPU
figure is the per-core speed), with resolution timing over the distinct names found.  Names
repeat across a corpus, so the name-folding caches are warm after the first articles; run with
--cold to clear them before every text (a pessimistic bound).

    .venv/bin/python benchmarks/entities_bench.py [--words 300000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from transforms.extract.entities.extractor import extract_entities
from transforms.corpus.entity_resolution import fold, resolve_entities, split_person
from transforms.records import EntityName

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SEEDS = ROOT.parent / "shared" / "seeds"


def corpus_pieces() -> list[str]:
    """Article-sized texts: the seeds and the gold paragraphs."""
    pieces = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    for name in ("entities_handmade.json", "entities_heldout.json"):
        pieces.extend(d["text"] for d in json.loads((GOLD / name).read_text(encoding="utf-8"))["documents"])
    return pieces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="clear name caches before each text")
    args = parser.parse_args()

    base = corpus_pieces()
    base_words = sum(len(p.split()) for p in base)
    texts = base * max(1, args.words // base_words)
    words = sum(len(t.split()) for t in texts)

    best = best_cpu = float("inf")
    names: Counter[tuple[str, str]] = Counter()
    mentions = 0
    for _ in range(args.repeat):
        names.clear()
        mentions = 0
        started, started_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            if args.cold:
                fold.cache_clear()
                split_person.cache_clear()
            people, orgs = extract_entities(text)
            mentions += len(people) + len(orgs)
            for m in (*people, *orgs):
                names[(m.type, m.name)] += 1
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)

    started = time.perf_counter()
    resolved = resolve_entities(EntityName(t, n, c) for (t, n), c in names.items())
    resolve_seconds = time.perf_counter() - started

    print(f"texts: {len(texts)}  words: {words:,}  mentions: {mentions:,}")
    print(f"extract_entities: {best:.3f} s wall -> {words / best:,.0f} words/s; "
          f"{best_cpu:.3f} s CPU -> {words / best_cpu:,.0f} words/s per core (best of {args.repeat})")
    print(f"resolve_entities: {len(names)} distinct names -> "
          f"{len({e.entity_id for e in resolved.values()})} entities in {resolve_seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
