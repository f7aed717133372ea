"""Benchmark: the learned entity step's speed on development text (words per second, one core).

The text is the CoNLL-2003 dev documents (detokenised as ../shared/eval/score_dev.py does) and
the GUM documents from ../shared/dev/, each document extracted separately as the nightly flow
does.  Three figures, best of --repeat runs, in process CPU time (the per-core speed on a shared
machine) and wall clock:
- tagger: tokenising, sentence splitting, CRF tagging and the document-consistency pass;
- entity step: ``extract_entities`` (the tagger plus names, roles, affiliations and kinds);
- cold: the tagger with its per-word-type feature cache emptied before every document.
The tagger's model is loaded before timing starts (it loads once per process).

    .venv/bin/python benchmarks/ner_bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from transforms.extract.entities.extractor import extract_entities
from transforms.extract.entities.tagger import default_tagger

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, EVAL / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def dev_texts() -> list[str]:
    """The CoNLL dev documents and the GUM documents, as plain text."""
    score_dev = _load("score_dev")
    sys.path.insert(0, str(EVAL))
    gum_gold = _load("gum_gold")
    texts = [score_dev.conll_text(d)[0] for d in score_dev.conll_docs(score_dev.DEV / "conll2003" / "dev.bio.txt")]
    texts += [gum_gold.parse(p)[0] for p in sorted((score_dev.DEV / "gum").glob("GUM_*.conllu"))]
    return texts


def _time(fn, texts: list[str], repeat: int, before=None) -> tuple[float, float]:
    best = best_cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for text in texts:
            if before is not None:
                before()
            fn(text)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = dev_texts()
    words = sum(len(t.split()) for t in texts)
    tagger = default_tagger()
    tagger.tag_text(texts[0])
    print(f"{len(texts)} documents, {words:,} words (CoNLL-2003 dev + GUM)")
    for label, fn, before in (
        ("tagger", tagger.tag_text, None),
        ("entity step", extract_entities, None),
        ("tagger, cold cache", tagger.tag_text, tagger.forget_words),
    ):
        wall, cpu = _time(fn, texts, args.repeat, before)
        print(f"{label:>20}: {words / cpu:>9,.0f} words/s CPU ({words / wall:,.0f} wall)")


if __name__ == "__main__":
    main()
