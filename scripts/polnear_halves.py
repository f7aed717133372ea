"""Score quote extraction on two stable halves of PolNeAR train, to tune on one and check on the other.

Usage (from the repository root):
    .venv/bin/python scripts/polnear_halves.py [--errors K] [--cache PATH]

An article goes to half A or B by a stable hash of its file name (``half_of``), so the split never
changes between runs or machines.  Each half is scored by the shared scorer itself
(``../shared/eval/score_dev.py``, ``score_polnear``), pointed at a temporary folder of symbolic
links to that half's files: nothing is copied.  Error samples (``--errors``) are printed for half A
only: read errors there, and accept a change only if half B does not get worse.

Entity mentions do not depend on the quote extractor, so they are computed once and kept in a
cache file (``--cache``, default in the system temporary folder); quotes are then extracted from
those mentions exactly as ``transforms.extract`` does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.extract.entities.extractor import extract_entities
from transforms.extract.quotes.extractor import extract_quotes
from transforms.records import Extraction

SHARED = ROOT.parent / "shared"
TRAIN = SHARED / "dev" / "polnear" / "train"


def half_of(article: str) -> str:
    """ "A" or "B" for an article's file stem, by a stable hash of the name."""
    return "A" if int(hashlib.sha1(article.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def _link_half(half: str, root: Path) -> Path:
    """A folder laid out like ../shared/dev holding links to one half's PolNeAR train files."""
    dev = root / half / "dev"
    for sub in ("text", "attributions"):
        (dev / "polnear" / "train" / sub).mkdir(parents=True, exist_ok=True)
    for f in (TRAIN / "text").glob("*.txt"):
        if half_of(f.stem) == half:
            (dev / "polnear" / "train" / "text" / f.name).symlink_to(f)
    for f in (TRAIN / "attributions").glob("*.ann"):
        if half_of(f.stem.rsplit("_", 1)[0]) == half:
            (dev / "polnear" / "train" / "attributions" / f.name).symlink_to(f)
    return dev


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="error samples to print (half A only)")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "polnear_entities.pkl"))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED / "eval"))
    import score_dev

    cache_path = Path(args.cache)
    cache: dict[str, list] = pickle.loads(cache_path.read_bytes()) if cache_path.exists() else {}
    fresh = False

    def extract(text: str) -> Extraction:
        nonlocal fresh
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        if key not in cache:
            people, organisations = extract_entities(text)
            cache[key] = [*people, *organisations]
            fresh = True
        return Extraction(quotes=extract_quotes(text, cache[key]))

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for half in ("A", "B"):
            score_dev.DEV = _link_half(half, Path(tmp))
            print(f"--- half {half}")
            figures = score_dev.score_polnear(extract, 0, args.errors if half == "A" else 0)
            out[half] = figures
    if fresh:
        cache_path.write_bytes(pickle.dumps(cache))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
