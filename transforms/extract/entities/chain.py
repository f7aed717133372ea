"""Viterbi decoding of a trained linear-chain CRF over many sentences at once, in numpy.

Why not ``pycrfsuite.Tagger.tag``: per token it receives some twenty feature strings, which
Python must build and crfsuite must look up one by one; that was half of the whole ingest's
CPU.  A token's features are the sum of parts that depend on one word type each (its own
word, each neighbour's word) plus a few positional flags, so the tagger can cache, per word
type, the summed weight vector of each part and score a token with five array rows.  What
is left per token is the Viterbi recursion, which this module runs for all sentences of a
batch of texts together: at step t only the sentences longer than t are updated, sorted
longest first so they are a prefix of the arrays.

The weights are read from the model crfsuite trained (``Tagger.info()``: state features and
transitions; crfsuite's 1-d CRF has no start or end weights), so training is unchanged and
the labels are crfsuite's own up to the dump's six decimals (ties within 1e-6 may differ).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np


class ChainWeights:
    """Label set, transition matrix and state-feature weight vectors of a trained CRF."""

    def __init__(self, labels: Sequence[str], transitions: np.ndarray,
                 state: dict[str, np.ndarray]):
        self.labels = tuple(labels)
        self.transitions = transitions  # [from, to]
        self.state = state
        self.zero = np.zeros(len(self.labels))

    @classmethod
    def from_crfsuite(cls, tagger) -> ChainWeights:
        """The weights of an opened ``pycrfsuite.Tagger``."""
        info = tagger.info()
        labels = tagger.labels()
        index = {lab: i for i, lab in enumerate(labels)}
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[index[a], index[b]] = w
        state: dict[str, np.ndarray] = {}
        for (attr, lab), w in info.state_features.items():
            vec = state.get(attr)
            if vec is None:
                vec = state[attr] = np.zeros(len(labels))
            vec[index[lab]] = w
        return cls(labels, trans, state)

    def score(self, features: Iterable[str]) -> np.ndarray:
        """The summed weight vector of a set of features (unknown features weigh nothing)."""
        out = self.zero.copy()
        get = self.state.get
        for f in features:
            vec = get(f)
            if vec is not None:
                out += vec
        return out


def viterbi(emissions: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
            transitions: np.ndarray) -> np.ndarray:
    """Best label index per token for sentences laid end to end in ``emissions``.

    ``emissions`` is (tokens, labels); sentence k occupies rows ``starts[k]`` to
    ``starts[k] + lengths[k]``.  Returns an int array of one label index per row (rows outside
    every sentence are left 0).
    """
    n_tokens, n_labels = emissions.shape
    out = np.zeros(n_tokens, dtype=np.intp)
    if not len(starts):
        return out
    order = np.argsort(-lengths, kind="stable")
    starts = starts[order]
    lengths = lengths[order]
    longest = int(lengths[0])
    # active[t]: how many sentences (a prefix, longest first) have a token at step t
    active = len(lengths) - np.searchsorted(lengths[::-1], np.arange(longest), side="right")
    back = np.zeros((n_tokens, n_labels), dtype=np.int8)
    delta = emissions[starts].copy()
    final = np.empty((len(starts), n_labels))
    trans = transitions[None, :, :]
    done = len(starts)
    for t in range(1, longest):
        n = int(active[t])
        if n < done:  # sentences of length t end here: keep their last scores
            final[n:done] = delta[n:done]
            done = n
        rows = starts[:n] + t
        cand = delta[:n, :, None] + trans  # [sentence, from, to]
        best = cand.argmax(axis=1)
        back[rows] = best
        delta = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0, :] + emissions[rows]
    final[:done] = delta[:done]
    labels = final.argmax(axis=1)
    out[starts + lengths - 1] = labels
    for t in range(longest - 1, 0, -1):
        n = int(active[t])
        rows = starts[:n] + t
        cur = out[rows]
        out[rows - 1] = back[rows, cur]
    return out


class TypeScores:
    """Token scores of a ``Featurizer``'s features, summed per word type and cached.

    Mirrors ``Featurizer.sequence`` (the training-time features, kept there): a token's
    features are its word type's own features, the previous word's "as word -1" features,
    the next word's "as word +1", the words two away, and the positional flags (sentence
    start and end, headline, "The" before, place-name marks).  ``tests/test_tagger_chain.py``
    checks that the two agree label for label.
    """

    # rows of a word type's scores: own, as -1, as +1, as -2, as +2
    OWN, PREV, NEXT, PREV2, NEXT2 = range(5)
    MAX_TYPES = 400_000  # a long-lived process starts its cache afresh beyond this

    def __init__(self, featurizer, weights: ChainWeights):
        self.featurizer = featurizer
        self.weights = weights
        self.index: dict[str, int] = {}
        self.table = np.zeros((1024, 5, len(weights.labels)))
        flag = weights.score
        self.first, self.last = flag(("^",)), flag(("$",))
        self.second, self.second_last = flag(("d:^",)), flag(("e:$",))
        self.headline, self.after_the = flag(("U",)), flag(("T",))
        self.place_first, self.place_rest = flag(("P",)), flag(("p",))

    def _add(self, word: str) -> int:
        """Cache one word type's five score rows; returns its row index."""
        feats = self.featurizer.type_features(word)
        i = len(self.index)
        if i == len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        score = self.weights.score
        for part, names in enumerate(feats):
            self.table[i, part] = score(names)
        self.index[word] = i
        return i

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(scores per token and label, sentence lengths) for sentences laid end to end."""
        featurizer = self.featurizer
        if len(self.index) >= self.MAX_TYPES:
            self.index.clear()
        index = self.index
        ids: list[int] = []
        headline: list[bool] = []
        marks: list[str] = []
        the_before: list[bool] = []
        lengths = []
        for words in sentences:
            heads = featurizer.is_headline(words)
            if heads:
                words = [featurizer.truecase(w) if w.isupper() else w for w in words]
            for w in words:
                i = index.get(w)
                ids.append(self._add(w) if i is None else i)
            n = len(words)
            lengths.append(n)
            headline.extend([heads] * n)
            if not heads and "The" in words:
                the_before.extend(i > 1 and words[i - 1] == "The" for i in range(n))
            else:
                the_before.extend([False] * n)
            if featurizer.places:
                marks.extend(featurizer.place_marks(words))
        lens = np.array(lengths, dtype=np.intp)
        tok = np.array(ids, dtype=np.intp)
        table = self.table
        scores = table[tok, self.OWN]
        pos = np.arange(len(tok)) - np.repeat(np.cumsum(lens) - lens, lens)
        size = np.repeat(lens, lens)
        for shift, part, where in ((1, self.PREV, pos >= 1), (2, self.PREV2, pos >= 2),
                                   (-1, self.NEXT, pos + 1 < size), (-2, self.NEXT2, pos + 2 < size)):
            rows = np.nonzero(where)[0]
            scores[rows] += table[tok[rows - shift], part]
        scores[pos == 0] += self.first
        scores[pos == 1] += self.second
        scores[pos == size - 1] += self.last
        scores[pos == size - 2] += self.second_last
        scores[np.array(headline, dtype=bool)] += self.headline
        scores[np.array(the_before, dtype=bool)] += self.after_the
        if marks:
            mark = np.array(marks)
            scores[mark == "P"] += self.place_first
            scores[mark == "p"] += self.place_rest
        return scores, lens


__all__ = ["ChainWeights", "TypeScores", "viterbi"]
