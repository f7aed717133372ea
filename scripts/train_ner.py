"""Train the named-entity tagger shipped in transforms/extract/entities/model/ (``make train-ner``).

Training data (read from ../shared/dev/, never copied into the project):
- CoNLL-2003 English train (Reuters news, 1996): PER, ORG, LOC, MISC;
- the GUM documents of our own training split (~80% per genre, chosen by hashing the document
  name with a fixed seed): PER and ORG name spans exactly as ../shared/eval/gum_gold.py defines
  them for the metric, plus places (LOC) by the same rules.

Both are detokenised the way the scorer does and re-tokenised with the tagger's own tokenizer,
so training sees the same tokens as inference on raw text.  The learned word statistics (usual
casing, labels a capitalised word mostly carries) are computed jackknife-style for training (each
fifth of the documents gets statistics from the other four fifths), so the CRF learns how far
to trust them on words it has not seen.

Tuning uses only CoNLL dev and the held-out GUM documents; figures go into ner_card.json.

usage: python scripts/train_ner.py [--c1 F] [--c2 F] [--iterations N] [--out DIR] [--eval-only]
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import hashlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from transforms.extract.entities import tagger as T

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MODEL_DIR = ROOT / "transforms" / "extract" / "entities" / "model"
SEED = "newsledger-ner-1"
HELDOUT_SHARE = 0.2
FOLDS = 5
MIN_COUNT = 2  # a word statistic needs this many occurrences


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- data


def _hash(name: str) -> str:
    return hashlib.sha1(f"{SEED}:{name}".encode()).hexdigest()


def gum_split(shared: Path) -> tuple[list[Path], list[Path]]:
    """(train, held-out) GUM documents: per genre, the ~20% with the smallest hashes are held out."""
    by_genre: dict[str, list[Path]] = defaultdict(list)
    for f in sorted((shared / "dev" / "gum").glob("GUM_*.conllu")):
        by_genre[f.stem.split("_")[1]].append(f)
    train, held = [], []
    for genre in sorted(by_genre):
        docs = sorted(by_genre[genre], key=lambda f: _hash(f.stem))
        k = max(1, round(HELDOUT_SHARE * len(docs)))
        held += docs[:k]
        train += docs[k:]
    return sorted(train), sorted(held)


def gum_docs(paths: list[Path], shared: Path) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """(text, spans) per GUM document, PER/ORG as the metric defines them, plus places as LOC."""
    gg = _load("gum_gold_ner", shared / "eval" / "gum_gold.py")
    gg.TYPES = {**gg.TYPES, "place": "LOC"}
    return [gg.parse(p) for p in paths]


def conll_docs(path: Path, shared: Path) -> list[tuple[str, list[tuple[str, int, int]]]]:
    sd = _load("score_dev_ner", shared / "eval" / "score_dev.py")
    return [sd.conll_text(d) for d in sd.conll_docs(path)]


def to_sentences(text: str, spans: list[tuple[str, int, int]]):
    """Sentences of (words, BIO labels) with labels projected from character spans."""
    toks = T.tokenize(text)
    labels = ["O"] * len(toks)
    starts = [s for s, _ in toks]
    for typ, s, e in sorted(spans, key=lambda x: (x[1], x[2])):
        i = bisect.bisect_right(starts, s) - 1
        if i < 0 or toks[i][1] <= s:
            i += 1
        first = True
        while i < len(toks) and toks[i][0] < e:
            if labels[i] == "O":
                labels[i] = ("B-" if first else "I-") + typ
            first = False
            i += 1
    words = [text[s:e] for s, e in toks]
    return [(words[a:b], labels[a:b]) for a, b in T.sentences(text, toks)]


# --------------------------------------------------------------------------- word statistics


def _headline(words: list[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    return len(letters) >= 2 and all(w.isupper() or not w.isalpha() for w in letters)


def word_stats(docs: list[list[tuple[list[str], list[str]]]]) -> dict[str, dict[str, str]]:
    """Usual casing and mostly-carried labels of the words in ``docs`` (lists of sentences)."""
    casing: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for words, labs in doc:
            head = _headline(words)
            for i, (w, lab) in enumerate(zip(words, labs)):
                if not w[:1].isalpha():
                    continue
                low = w.lower()
                if not head and i > 0:
                    casing[low]["u" if w.isupper() and len(w) > 1 else "t" if w[0].isupper() else "l"] += 1
                if w[0].isupper():
                    labels[low][lab[2:] or "O"] += 1
    case = {}
    for low, c in casing.items():
        if sum(c.values()) >= MIN_COUNT:
            case[low] = c.most_common(1)[0][0]
    gaz = {}
    for low, c in labels.items():
        n = sum(c.values())
        if n < MIN_COUNT:
            continue
        tags = "".join(t[0] for t in ("PER", "ORG", "LOC", "MISC") if c[t] >= 0.25 * n)
        if tags:
            gaz[low] = tags + ("o" if c["O"] >= 0.25 * n else "")
    return {"case": dict(sorted(case.items())), "gaz": dict(sorted(gaz.items()))}


# --------------------------------------------------------------------------- training


def train(docs, out_model: Path, c1: float, c2: float, iterations: int, min_freq: int,
          weights: dict[str, int]) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    folds = [[] for _ in range(FOLDS)]
    for name, sents in docs:
        folds[int(_hash(name), 16) % FOLDS].append((name, sents))
    n = 0
    for k in range(FOLDS):
        others = [d for j in range(FOLDS) if j != k for _, d in folds[j]]
        feat = T.Featurizer(word_stats(others))
        for name, doc in folds[k]:
            for words, labs in doc:
                xs = feat.sequence(words)
                for _ in range(weights.get(name, 1)):
                    trainer.append(xs, labs)
                n += len(words)
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": iterations,
        "feature.possible_transitions": True, "feature.minfreq": min_freq,
    })
    t0 = time.time()
    trainer.train(str(out_model))
    print(f"trained on {n:,} tokens in {time.time() - t0:.0f}s -> {out_model} "
          f"({out_model.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


# --------------------------------------------------------------------------- evaluation


def _extractor(tagger):
    def extract(text: str) -> dict:
        people, orgs = [], []
        for s, e, t in tagger.tag_text(text):
            if t == "PER":
                people.append({"start": s, "end": e})
            elif t == "ORG":
                orgs.append({"start": s, "end": e})
        return {"people": people, "organisations": orgs}
    return extract


def evaluate(tagger, shared: Path, held: list[Path], errors: int = 0) -> dict[str, float]:
    """CoNLL dev and held-out GUM scores, computed by the real scorer's functions."""
    sd = _load("score_dev_eval", shared / "eval" / "score_dev.py")
    ex = _extractor(tagger)
    out = {}
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        out |= sd.score_conll(ex, 0, errors)
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "gum").mkdir()
            for p in held:
                os.symlink(p.resolve(), Path(tmp) / "gum" / p.name)
            real = sd.DEV
            sd.DEV = Path(tmp)
            try:
                gum = sd.score_gum(ex, 0, errors)
            finally:
                sd.DEV = real
        out |= {k.replace("gum_dev", "gum_heldout"): v for k, v in gum.items()}
    text = buf.getvalue().replace("gum dev", "gum held-out")
    print(text, file=sys.stderr)
    lines = [ln for ln in text.splitlines() if " P " in ln]  # no timings: the card is reproducible
    return out, lines


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--c1", type=float, default=0.2)
    ap.add_argument("--c2", type=float, default=0.005)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--min-freq", type=int, default=1)
    ap.add_argument("--gum-weight", type=int, default=1,
                    help="times each GUM training sentence is shown (CoNLL: once)")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--eval-only", action="store_true", help="score the model in --out")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args(argv)
    shared = args.shared.resolve()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    gum_train, gum_held = gum_split(shared)
    model_path, vocab_path = out / T.MODEL_FILE, out / T.VOCAB_FILE

    if not args.eval_only:
        conll = conll_docs(shared / "dev" / "conll2003" / "train.bio.txt", shared)
        docs = [(f"conll-{i}", to_sentences(t, s)) for i, (t, s) in enumerate(conll)]
        docs += [(p.stem, to_sentences(t, s)) for p, (t, s) in zip(gum_train, gum_docs(gum_train, shared))]
        vocab = word_stats([d for _, d in docs])
        vocab_path.write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")) + "\n",
                              encoding="utf-8")
        weights = {p.stem: args.gum_weight for p in gum_train}
        train(docs, model_path, args.c1, args.c2, args.iterations, args.min_freq, weights)

    tagger = T.load_tagger(str(model_path), str(vocab_path))
    scores, lines = evaluate(tagger, shared, gum_held, args.errors)
    print(json.dumps(scores))
    if args.eval_only:
        return 0
    card = {
        "model": T.MODEL_FILE,
        "vocab": T.VOCAB_FILE,
        "kind": "linear-chain CRF (python-crfsuite, L-BFGS, L1+L2), BIO labels PER/ORG/LOC/MISC",
        "trained": date.today().isoformat(),
        "seed": SEED,
        "command": "make train-ner (python scripts/train_ner.py)",
        "params": {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                   "gum_weight": args.gum_weight,
                   "feature.minfreq": args.min_freq},
        "training_data": {
            "conll2003": "CoNLL-2003 English train (all of it)",
            "gum": {"documents": [p.stem for p in gum_train],
                    "labels": "PER/ORG as ../shared/eval/gum_gold.py; places as LOC by the same rules"},
        },
        "heldout_gum_documents": [p.stem for p in gum_held],
        "features": [
            "lower-cased word, compressed shape, prefix 3, suffixes 2/3/4, last hyphen part",
            ("usual casing of a capitalised word, labels it mostly carries (learned from the "
             "training text, jackknifed over 5 folds for training)"),
            ("the project's general word lists as a feature: given names, places, nationalities, "
             "role heads, honorifics, organisation head nouns, name particles"),
            "words, shapes +-2, learned labels and word-list classes +-1; sentence start/end",
            "a capitalised 'The' inside a sentence before the word",
            "all-capitals sentences tagged on true-cased words, with a headline flag",
            "document-level consistency after tagging (majority label per surface; bare surnames)",
        ],
        "dev_scores": scores,
        "dev_report": lines,
        "model_bytes": model_path.stat().st_size,
    }
    (out / T.CARD_FILE).write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
