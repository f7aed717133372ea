"""Quality gate for people and organisation extraction and resolution.

Precision and recall on hand-annotated paragraphs (exact spans) and on the seed articles (distinct
names), plus a resolution check; minimums are pinned in tests/gold/entities_minimums.json and only
ever move up.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from transforms.corpus.entity_resolution import resolve_entities
from transforms.extract.entities.extractor import extract_entities
from transforms.records import EntityName

GOLD = Path(__file__).resolve().parent / "gold"
from tests.shared_data import SEEDS, need

MINIMUMS = json.loads((GOLD / "entities_minimums.json").read_text(encoding="utf-8"))


def _load(name: str) -> dict:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


def _pr(tp: int, predicted: int, expected: int) -> tuple[float, float]:
    return (tp / predicted if predicted else 1.0), (tp / expected if expected else 1.0)


def handmade_scores(gold_file: str = "entities_handmade.json") -> dict[str, float]:
    """Mention-level precision/recall by exact span and type, and role accuracy."""
    tp = predicted = expected = 0
    roles_right = roles_total = 0
    for doc in _load(gold_file)["documents"]:
        people, orgs = extract_entities(doc["text"])
        got = {(m.start, m.end, m.type): m for m in [*people, *orgs]}
        gold = {(g["start"], g["end"], g["type"]): g for g in doc["mentions"]}
        tp += len(got.keys() & gold.keys())
        predicted += len(got)
        expected += len(gold)
        for key, g in gold.items():
            if "role" in g:
                roles_total += 1
                found = got.get(key)
                roles_right += bool(found and (found.role or "").lower() == g["role"].lower())
    precision, recall = _pr(tp, predicted, expected)
    return {"precision": precision, "recall": recall, "role_accuracy": roles_right / roles_total}


def _norm(surface: str) -> str:
    return " ".join(surface.split())


def seed_scores() -> dict[str, float]:
    """Name-level precision/recall over the distinct surfaces named in each seed."""
    tp = predicted = expected = 0
    for name, gold in _load("entities_seeds.json")["seeds"].items():
        people, orgs = extract_entities((SEEDS / name).read_text(encoding="utf-8"))
        got = {(_norm(m.text), m.type) for m in [*people, *orgs]}
        want = {(_norm(s), t) for t, surfaces in gold.items() for s in surfaces}
        tp += len(got & want)
        predicted += len(got)
        expected += len(want)
    precision, recall = _pr(tp, predicted, expected)
    return {"precision": precision, "recall": recall}


def resolution_score() -> float:
    """Share of must-merge pairs merged and must-apart pairs kept apart."""
    gold = _load("entities_resolution.json")
    counts = gold["mentions"]
    names = {n for group in gold["merge"] for n in group} | {n for pair in gold["apart"] for n in pair}
    resolved = resolve_entities(EntityName("person", n, counts.get(n, 1)) for n in sorted(names))
    checks = [
        resolved[("person", a)].entity_id == resolved[("person", b)].entity_id
        for group in gold["merge"] for a, b in combinations(group, 2)
    ] + [resolved[("person", a)].entity_id != resolved[("person", b)].entity_id for a, b in gold["apart"]]
    return sum(checks) / len(checks)


HANDMADE = {"handmade": "entities_handmade.json", "heldout": "entities_heldout.json"}


@pytest.mark.parametrize("metric", ["precision", "recall", "role_accuracy"])
@pytest.mark.parametrize("gold", sorted(HANDMADE))
def test_handmade_quality(gold: str, metric: str) -> None:
    assert handmade_scores(HANDMADE[gold])[metric] >= MINIMUMS[gold][metric]


@pytest.mark.parametrize("metric", ["precision", "recall"])
def test_seed_quality(metric: str) -> None:
    if not SEEDS.is_dir():
        need(SEEDS)
    assert seed_scores()[metric] >= MINIMUMS["seeds"][metric]


def test_resolution_quality() -> None:
    assert resolution_score() >= MINIMUMS["resolution"]["pair_accuracy"]


@pytest.mark.parametrize("gold_file", sorted(HANDMADE.values()))
def test_gold_spans_are_exact(gold_file: str) -> None:
    for doc in _load(gold_file)["documents"]:
        for g in doc["mentions"]:
            assert doc["text"][g["start"]:g["end"]] == g["surface"]


if __name__ == "__main__":  # print the figures to pin: python tests/test_entity_quality.py
    for label, gold_file in HANDMADE.items():
        print(label, handmade_scores(gold_file))
    if SEEDS.is_dir():
        print("seeds", seed_scores())
    print("resolution", resolution_score())
