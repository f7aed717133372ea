"""Score the figure extractor on quantulum3's own English test cases, for money and percent.

quantulum3 ships its test cases inside the package (``_lang/en_US/tests/quantities.json``):
sentences with every quantity quantulum3 should find.  Only money (a currency unit, or a rate of
one such as "dollar per hour") and percentages are scored; other physical units are not what
newsledger extracts.

Conventions are translated, not argued with: quantulum3 reports a range ("$350 per kg to $680 per
kg") as its midpoint, so a gold value is also matched when the figures found inside its surface
span have that midpoint (``low``/``high`` of a range, or the two ends found as two figures);
figures inside a matched span are not counted as false positives.  A fraction ("two thirds of
the cake") is a percent to newsledger and a plain number to quantulum3, so it is not scored; an
amount in parentheses is an aside in news ("(approximately £15 million)"), not an accounting
negative as quantulum3 reads "($99.99)", and that one case stays a miss.

    .venv/bin/python benchmarks/figures_quantulum_cases.py [--errors]
"""

from __future__ import annotations

import argparse
import json
import math
import re
from dataclasses import dataclass
from importlib.resources import files

from transforms.extract.figures.extractor import extract_figures
from transforms.extract.figures.kinds import FigureKind
from transforms.records import FigureMention

_PERCENT = re.compile(r"%|\bper\s*cent\b|\bpct\b", re.IGNORECASE)
CASES = "_lang/en_US/tests/quantities.json"
CLASSES = ("money", "percent")


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates of one class."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_cases() -> list[dict]:
    """quantulum3's test cases, read from the installed package."""
    return json.loads(files("quantulum3").joinpath(CASES).read_text(encoding="utf-8"))


def _gold_class(unit: str, currency_units: set[str]) -> str | None:
    if unit in ("percentage", "percent"):
        return "percent"
    if unit.split(" per ")[0] in currency_units:
        return "money"
    return None


def _our_class(fig: FigureMention) -> str | None:
    """Money, or a percentage as written; a fraction ("two thirds of") is stored as percent
    here but is a plain number to quantulum3, so it is not scored."""
    if fig.kind == FigureKind.MONEY:
        return "money"
    if fig.unit == "percent" and _PERCENT.search(fig.text):
        return "percent"
    return None


def _near(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def score(errors: list[str] | None = None) -> dict[str, Score]:
    """Precision, recall and F1 per class over every case."""
    from quantulum3 import load

    units = load.units("en_US").names
    currency_units = {name for name, u in units.items() if u.entity.name == "currency"}
    counts = {c: [0, 0, 0] for c in CLASSES}  # tp, fp, fn
    for case in load_cases():
        text = case["req"]
        figs = [(f, _our_class(f)) for f in extract_figures(text)]
        figs = [(f, c) for f, c in figs if c]
        used: set[int] = set()
        for gold in case["res"]:
            cls = _gold_class(gold["unit"], currency_units)
            if cls is None:
                continue
            start = text.find(gold["surface"])
            end = start + len(gold["surface"])
            inside = [i for i, (f, c) in enumerate(figs)
                      if c == cls and start >= 0 and f.start < end and start < f.end]
            direct = [i for i in inside if _near(figs[i][0].value, gold["value"])]
            ends = [b for i in inside for b in (figs[i][0].low, figs[i][0].high, figs[i][0].value)
                    if b is not None]
            if direct or (len(ends) >= 2 and _near((min(ends) + max(ends)) / 2, gold["value"])):
                counts[cls][0] += 1
                used.update(inside)
            else:
                counts[cls][2] += 1
                if errors is not None:
                    errors.append(f"missed {cls} {gold['value']:g} ({gold['surface']!r}) in {text!r}")
        for i, (f, c) in enumerate(figs):
            if i not in used:
                counts[c][1] += 1
                if errors is not None:
                    errors.append(f"spurious {c} {f.text!r} = {f.value} in {text!r}")
    return {c: Score(*n) for c, n in counts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print each miss and false positive")
    args = ap.parse_args()
    errors: list[str] = []
    scores = score(errors)
    total = Score(*(sum(getattr(s, k) for s in scores.values()) for k in ("tp", "fp", "fn")))
    print("| class | gold | found right | false positives | precision | recall | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, s in (*scores.items(), ("money + percent", total)):
        print(f"| {name} | {s.tp + s.fn} | {s.tp} | {s.fp} | {s.precision:.2f} | {s.recall:.2f} "
              f"| {s.f1:.2f} |")
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
