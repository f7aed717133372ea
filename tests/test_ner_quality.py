"""Quality gate for people and organisations on public development sets nobody here annotated.

Runs the real scorer's functions (``../shared/eval/score_dev.py``) on ``transforms.extract``,
exactly as ``python ../shared/eval/score_dev.py conll gum`` does:
- CoNLL-2003 dev, exact-span PER/ORG F1;
- GUM, overlap F1 on the documents held out from training (listed in the model card), and
  on all GUM documents as the scorer reports it (inflated: most of them were trained on).
Minimums are pinned in tests/gold/ner_minimums.json (measured figures less about 0.01) and only
ever move up.  Missing ../shared fails under CI and skips elsewhere.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
from pathlib import Path

import pytest

from tests.shared_data import DEV, EVAL, need
from transforms import extract
from transforms.extract.entities.tagger import model_card

MINIMUMS = json.loads((Path(__file__).parent / "gold" / "ner_minimums.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def score_dev():
    need(EVAL / "score_dev.py")
    need(DEV / "conll2003" / "dev.bio.txt")
    need(DEV / "gum")
    spec = importlib.util.spec_from_file_location("score_dev_gate", EVAL / "score_dev.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _quiet(fn, *args):
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args)


@pytest.fixture(scope="module")
def scores(score_dev, tmp_path_factory) -> dict[str, float]:
    out = dict(_quiet(score_dev.score_conll, extract, 0, 0))
    out |= _quiet(score_dev.score_gum, extract, 0, 0)
    held = tmp_path_factory.mktemp("gum_heldout")
    (held / "gum").mkdir()
    for doc in model_card()["heldout_gum_documents"]:
        os.symlink(DEV / "gum" / f"{doc}.conllu", held / "gum" / f"{doc}.conllu")
    real = score_dev.DEV
    score_dev.DEV = held
    try:
        gum = _quiet(score_dev.score_gum, extract, 0, 0)
    finally:
        score_dev.DEV = real
    out |= {k.replace("gum_dev", "gum_heldout"): v for k, v in gum.items()}
    return out


@pytest.mark.parametrize("metric", sorted(MINIMUMS))
def test_dev_scores_meet_pinned_minimums(scores: dict[str, float], metric: str) -> None:
    assert scores[metric] >= MINIMUMS[metric], f"{metric}: {scores[metric]:.4f} < {MINIMUMS[metric]}"


def test_heldout_documents_are_not_trained_on() -> None:
    card = model_card()
    trained = set(card["training_data"]["gum"]["documents"])
    held = set(card["heldout_gum_documents"])
    assert held and not trained & held
