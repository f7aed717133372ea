"""Build ``transforms/lexicons/story_term_df.tsv``: how many documents use each content term.

Run from the repository root: ``.venv/bin/python scripts/build_story_df.py [--shared ../shared]``.

Story signatures weigh a term by its inverse document frequency.  Learned from the corpus
itself, one new article would change every signature a little, and a night could not cluster
only what it touches; learned once, offline, from the development *training* text, the weight
of a term is the same whatever the warehouse holds.  The sources are the PolNeAR training
articles (US political news), the GUM documents (eight other genres) and the CoNLL-2003
training documents (Reuters news), each document counted once.

The file holds the terms as the 64-bit hashes story facts store (``stories._term_hash``, a
BLAKE2b of the normalised word), never the words: no text of the sources is redistributed.
Terms used by a single document are left out (an unseen term weighs almost the same).
Re-running over the same sources gives the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.corpus.stories import DF_MIN_DOCUMENTS, DF_TABLE, document_terms

OUT = ROOT / "transforms" / "lexicons" / DF_TABLE


def polnear_documents(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def gum_documents(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("GUM_*.conllu")):
        yield "\n".join(line[len("# text = "):] for line in path.read_text(encoding="utf-8")
                        .splitlines() if line.startswith("# text = "))


def conll_documents(path: Path) -> Iterator[str]:
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        token = line.split(" ", 1)[0]
        if token == "-DOCSTART-":
            if tokens:
                yield " ".join(tokens)
            tokens = []
        elif token:
            tokens.append(token)
    if tokens:
        yield " ".join(tokens)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    dev = args.shared / "dev"
    sources = {
        "PolNeAR train": polnear_documents(dev / "polnear" / "train" / "text"),
        "GUM": gum_documents(dev / "gum"),
        "CoNLL-2003 train": conll_documents(dev / "conll2003" / "train.bio.txt"),
    }
    df: Counter[int] = Counter()
    sizes = {}
    for name, documents in sources.items():
        sizes[name] = 0
        for text in documents:
            df.update(document_terms(text))
            sizes[name] += 1
    total = sum(sizes.values())
    kept = sorted((term, n) for term, n in df.items() if n >= DF_MIN_DOCUMENTS)
    lines = [
        "# Document frequency of story content terms, built by scripts/build_story_df.py from "
        + ", ".join(f"{name} ({n} documents)" for name, n in sizes.items()) + ".",
        ("# Terms are 64-bit hashes of normalised words (hex), never the words; terms of fewer "
         f"than {DF_MIN_DOCUMENTS} documents are left out."),
        f"documents\t{total}",
        *(f"{term:016x}\t{n}" for term, n in kept),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(kept)} terms from {total} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
