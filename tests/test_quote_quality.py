"""Quality gates for quote extraction: precision, recall and speaker accuracy on annotated texts.

Every gate runs the production path (``transforms.extract``: entities first, speakers from their
mentions).  On the hand-made and seed texts a predicted quote matches a gold quote when its text
starts with the gold anchor (the quote's first words); on PolNeAR (840 real political news
articles nobody here annotated) the shared scorer's own function decides.  Minimums live in
tests/gold/quotes_minimums.json, pinned a small tolerance below the measured figures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from unidecode import unidecode

from transforms.extract.entities.extractor import extract_entities
from transforms.extract.quotes.extractor import extract_quotes
from transforms.records import Extraction, QuoteMention

GOLD = Path(__file__).resolve().parent / "gold"
from tests.shared_data import DEV, EVAL, SEEDS, need

MINIMUMS = {
    k: v
    for k, v in json.loads((GOLD / "quotes_minimums.json").read_text(encoding="utf-8")).items()
    if k != "about"
}


def _fold(s: str) -> str:
    return unidecode(s).casefold().strip(" .,")


def speaker_ok(pred: QuoteMention, gold: dict) -> bool:
    """Same speaker type and, when there is a speaker, the same head (surname, noun)."""
    if pred.speaker_type != gold["speaker_type"]:
        return False
    if gold["speaker"] is None:
        return pred.speaker is None
    if pred.speaker is None:
        return False
    # Surnames compared loosely: entity resolution may spell "Zelensky" as "Zelenskyy".
    gold_words, pred_words = _fold(gold["speaker"]).split(), _fold(pred.speaker).split()
    return any(fuzz.ratio(gold_words[-1], w) >= 80 for w in pred_words) or any(
        fuzz.ratio(pred_words[-1], w) >= 80 for w in gold_words
    )


def _with_entities(text: str) -> list[QuoteMention]:
    """The production path (``transforms.extract``): speakers resolved against entities."""
    people, organisations = extract_entities(text)
    return extract_quotes(text, [*people, *organisations])


def score(cases: list[tuple[str, list[dict]]]) -> dict[str, float]:
    """Precision, recall, speaker accuracy (among matched) and partial/indirect flag accuracy."""
    predicted = gold_total = matched = speakers = flags = 0
    for text, golds in cases:
        preds = _with_entities(text)
        predicted += len(preds)
        gold_total += len(golds)
        used: set[int] = set()
        for g in golds:
            hit = next(
                (
                    i
                    for i, p in enumerate(preds)
                    if i not in used and p.text.startswith(g["anchor"])
                ),
                None,
            )
            if hit is None:
                continue
            used.add(hit)
            matched += 1
            speakers += speaker_ok(preds[hit], g)
            flags += preds[hit].partial == g["partial"] and preds[hit].indirect == g["indirect"]
    return {
        "precision": matched / predicted if predicted else 1.0,
        "recall": matched / gold_total if gold_total else 1.0,
        "speaker_accuracy": speakers / matched if matched else 0.0,
        "flag_accuracy": flags / matched if matched else 0.0,
    }


def _handmade(name: str = "handmade") -> list[tuple[str, list[dict]]]:
    doc = json.loads((GOLD / f"quotes_{name}.json").read_text(encoding="utf-8"))
    return [(t["text"], t["quotes"]) for t in doc["texts"]]


def _cases(corpus: str) -> list[tuple[str, list[dict]]]:
    """handmade: the development set; heldout, heldout2: annotated before the extractor ran."""
    name = corpus
    return _seeds() if name == "seeds" else _handmade(name)


def _seeds() -> list[tuple[str, list[dict]]]:
    if not SEEDS.is_dir():
        need(SEEDS)
    doc = json.loads((GOLD / "quotes_seeds.json").read_text(encoding="utf-8"))
    return [
        ((SEEDS / name).read_text(encoding="utf-8"), quotes)
        for name, quotes in doc["files"].items()
    ]


@pytest.mark.parametrize("corpus", sorted(set(MINIMUMS) - {"polnear"}))
def test_quality_meets_pinned_minimums(corpus: str) -> None:
    figures = score(_cases(corpus))
    print(corpus, {k: round(v, 3) for k, v in figures.items()})
    for metric, minimum in MINIMUMS[corpus].items():
        assert figures[metric] >= minimum, f"{corpus} {metric} {figures[metric]:.3f} < {minimum}"


@pytest.mark.parametrize("corpus", ["handmade", "heldout", "heldout2", "seeds"])
def test_gold_anchors_exist_in_their_texts(corpus: str) -> None:
    for text, golds in _cases(corpus):
        for g in golds:
            assert g["anchor"] in text, g["anchor"]
            assert len(g["anchor"].split()) <= 6


def test_minimums_are_demanding() -> None:
    """The issue's targets for hand-made texts: the gate must not be pinned below them."""
    hand = MINIMUMS["handmade"]
    assert hand["precision"] >= 0.9 and hand["recall"] >= 0.85 and hand["speaker_accuracy"] >= 0.8
    # Issue 12's targets on PolNeAR (recall 0.93, precision 0.95, speaker 0.88), less the band.
    pol = MINIMUMS["polnear"]
    assert pol["polnear_direct_recall"] >= 0.915 and pol["polnear_precision"] >= 0.935
    assert pol["polnear_speaker_acc"] >= 0.865


def test_polnear_quality_meets_pinned_minimums() -> None:
    """PolNeAR train through the shared scorer (its metric definitions, not a copy of them)."""
    need(DEV / "polnear" / "train")
    sys.path.insert(0, str(need(EVAL)))
    try:
        import score_dev
    finally:
        sys.path.remove(str(EVAL))
    # The scorer reads only ``quotes``; the figure stage is left out so that this gate measures
    # the quote path alone (entities, then quotes from their mentions, as transforms.extract).
    figures = score_dev.score_polnear(lambda text: Extraction(quotes=_with_entities(text)), 0, 0)
    for metric, minimum in MINIMUMS["polnear"].items():
        assert figures[metric] >= minimum, f"polnear {metric} {figures[metric]:.3f} < {minimum}"
