"""Benchmark: newsledger's figure extractor against quantulum3 on the same news sentences.

Splits the annotated texts (tests/gold/figures_handmade.json, figures_heldout*.json and the
seed articles named in tests/gold/figures_seeds.json) into sentences, runs both tools on every
sentence, and reports speed per core (sentences/s and words/s of this process's CPU time, best
of repeated runs) and accuracy against the gold on three classes: money (value and ISO
currency), percentages (value) and counts (value).  When
../shared is present it also times both tools on the Recognizers-Text currency dev sentences and
scores the money they find there.

    .venv/bin/python benchmarks/figures_vs_quantulum.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from transforms.extract.figures.extractor import extract_figures
from transforms.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SEEDS = ROOT.parent / "shared" / "seeds"
CURRENCY_DEV = ROOT.parent / "shared" / "dev" / "recognizers" / "CurrencyModel.dev.json"
CLASSES = ("money", "percent", "count")


@dataclass(frozen=True)
class Item:
    """One number a tool found (or the gold expects) in a sentence, reduced to what both share."""

    cls: str  # "money" | "percent" | "count"
    amount: float
    currency: str | None = None


def _gold_class(unit: str | None) -> str:
    if unit == "percent":
        return "percent"
    if unit and len(unit) == 3 and unit.isupper():
        return "money"
    return "count"


def load_sentences() -> list[tuple[str, list[Item]]]:
    """Every sentence of the gold texts with the gold items that fall inside it."""
    texts: list[tuple[str, list[dict]]] = []
    for name in ("handmade", "heldout", "heldout2"):
        data = json.loads((GOLD / f"figures_{name}.json").read_text(encoding="utf-8"))
        texts += [(p["text"], p["figures"]) for p in data["paragraphs"]]
    if SEEDS.is_dir():
        seeds = json.loads((GOLD / "figures_seeds.json").read_text(encoding="utf-8"))
        texts += [
            ((SEEDS / s["file"]).read_text(encoding="utf-8"), s["figures"]) for s in seeds["seeds"]
        ]
    out: list[tuple[str, list[Item]]] = []
    for text, golds in texts:
        spans = split_sentences(text)
        placed: dict[int, list[Item]] = {}
        for g in golds:
            pos = text.find(g["text"])
            start, _ = spans.span(pos)
            amount = g["value"] if g["value"] is not None else g["low"]
            cls = _gold_class(g["unit"])
            item = Item(cls, amount, g["unit"] if cls == "money" else None)
            placed.setdefault(start, []).append(item)
        for start, end in zip(spans.starts, spans.ends, strict=True):
            out.append((text[start:end], placed.get(start, [])))
    return out


def ours(sentence: str) -> list[Item]:
    items = []
    for f in extract_figures(sentence):
        amount = f.value if f.value is not None else f.low if f.low is not None else f.high
        cls = "money" if f.kind == "money" else _gold_class(f.unit)
        items.append(Item(cls, amount, f.unit if cls == "money" else None))
    return items


def make_quantulum() -> Callable[[str], list[Item]]:
    warnings.filterwarnings("ignore")
    logging.getLogger("quantulum3").setLevel(logging.ERROR)
    from quantulum3 import parser

    def run(sentence: str) -> list[Item]:
        items = []
        for q in parser.parse(sentence):
            entity = q.unit.entity.name
            if entity == "currency":
                items.append(Item("money", q.value, getattr(q.unit, "currency_code", None)))
            elif q.unit.name in ("percentage", "percent"):
                items.append(Item("percent", q.value))
            elif entity == "dimensionless":
                items.append(Item("count", q.value))
        return items

    return run


def _same(a: Item, b: Item) -> bool:
    return (
        a.cls == b.cls
        and a.currency == b.currency
        and math.isclose(a.amount, b.amount, rel_tol=1e-3)
    )


def score(tool: Callable[[str], list[Item]], data: list[tuple[str, list[Item]]]) -> dict:
    """Precision, recall and F1 per class: an item is right when class, amount, currency agree."""
    stats = {c: {"pred": 0, "tp_pred": 0, "gold": 0, "tp_gold": 0} for c in CLASSES}
    for sentence, golds in data:
        found = tool(sentence)
        for c in CLASSES:
            f_c = [f for f in found if f.cls == c]
            g_c = [g for g in golds if g.cls == c]
            s = stats[c]
            s["pred"] += len(f_c)
            s["gold"] += len(g_c)
            s["tp_pred"] += sum(any(_same(f, g) for g in g_c) for f in f_c)
            s["tp_gold"] += sum(any(_same(f, g) for f in f_c) for g in g_c)
    out = {}
    for c, s in stats.items():
        p = s["tp_pred"] / s["pred"] if s["pred"] else 1.0
        r = s["tp_gold"] / s["gold"] if s["gold"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[c] = {"precision": p, "recall": r, "f1": f1, "gold": s["gold"], "found": s["pred"]}
    return out


def speed(tool: Callable[[str], list[Item]], sentences: list[str], repeat: int) -> float:
    """Best CPU seconds of this process for one pass over all sentences: the per-core cost,
    which other jobs on the shared machine do not inflate the way they inflate wall time."""
    best = math.inf
    for _ in range(repeat):
        t0 = time.process_time()
        for s in sentences:
            tool(s)
        best = min(best, time.process_time() - t0)
    return best


def currency_cases() -> list[tuple[str, list[float]]]:
    """The Recognizers-Text currency dev cases: sentence and gold money values."""
    out = []
    for case in json.loads(CURRENCY_DEV.read_text(encoding="utf-8-sig")):
        values = []
        for r in case.get("Results", []):
            try:
                values.append(float(str(r["Resolution"]["value"]).replace(",", "")))
            except (KeyError, TypeError, ValueError):
                pass
        out.append((case["Input"], values))
    return out


def money_f1(tool: Callable[[str], list[Item]], cases: list[tuple[str, list[float]]]) -> float:
    """Value-level F1 of money found, as ``score_dev.py currency`` counts it."""
    tp = fp = fn = 0
    for sentence, gold in cases:
        found = [i.amount for i in tool(sentence) if i.cls == "money"]
        hit = sum(any(math.isclose(f, g, rel_tol=1e-6) for f in found) for g in gold)
        tp, fn, fp = tp + hit, fn + len(gold) - hit, fp + max(0, len(found) - hit)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="timed passes per tool (best kept)")
    args = ap.parse_args()
    data = load_sentences()
    sentences = [s for s, _ in data]
    words = sum(len(s.split()) for s in sentences)
    quantulum = make_quantulum()
    quantulum("warm up 5 dollars")
    tools = {"newsledger extract_figures": ours, "quantulum3 parser.parse": quantulum}
    print(
        f"{len(sentences)} sentences, {words} words, {sum(len(g) for _, g in data)} gold figures\n"
    )
    print("| tool | sentences/s | words/s |")
    print("| --- | ---: | ---: |")
    for name, tool in tools.items():
        secs = speed(tool, sentences, args.repeat)
        print(f"| {name} | {len(sentences) / secs:,.0f} | {words / secs:,.0f} |")
    if SEEDS.is_dir():
        articles = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        article_words = sum(len(a.split()) for a in articles)
        secs = speed(extract_figures, articles, args.repeat)
        print(
            f"\nWhole seed articles ({len(articles)}, {article_words} words), as the nightly flow "
            f"calls it: newsledger {article_words / secs:,.0f} words/s"
        )
    if CURRENCY_DEV.is_file():
        cases = currency_cases()
        texts = [t for t, _ in cases]
        cwords = sum(len(t.split()) for t in texts)
        print(f"\nRecognizers-Text currency dev ({len(cases)} sentences, {cwords} words):\n")
        print("| tool | words/s | money F1 |")
        print("| --- | ---: | ---: |")
        for name, tool in tools.items():
            secs = speed(tool, texts, args.repeat)
            print(f"| {name} | {cwords / secs:,.0f} | {money_f1(tool, cases):.2f} |")
    print("\n| tool | class | gold | found | precision | recall | F1 |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, tool in tools.items():
        for c, s in score(tool, data).items():
            print(
                f"| {name} | {c} | {s['gold']} | {s['found']} | {s['precision']:.2f} "
                f"| {s['recall']:.2f} | {s['f1']:.2f} |"
            )


if __name__ == "__main__":
    main()
