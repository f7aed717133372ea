"""The fast decoder (per-type cached weights + numpy Viterbi over many sentences) must give
crfsuite's own labels, and batch extraction the same records as text-by-text extraction."""

from __future__ import annotations

import numpy as np

from transforms.extract import extract
from transforms.extract.entities.chain import viterbi
from transforms.extract.entities.tagger import default_tagger, sentences
from transforms.extract.pipeline import extract_many
from transforms.text.tokens import tokenize

TEXTS = [
    "Maria Lopez, the mayor of Springfield, met officials of Harbour Logistics Ltd on Monday.",
    "STORM HITS COASTAL TOWNS AS GOVERNMENT PROMISES AID",
    "“We will rebuild,” said Tom O'Neill. O'Neill added that the Red Cross would help.",
    "Shares of Acme Corp. fell 4% after the company said its chief executive, Jane Doe, left.",
    "The Economist reported it. He told The Times that the University of Westford agreed.",
    "A",
    "",
    "Dr. Ng and Prof. Adeyemi wrote to the World Health Organization (WHO) in March 2020.",
    "One. Two three. Four five six seven eight nine ten eleven twelve thirteen fourteen.",
]


def _sentences(text: str) -> list[list[str]]:
    toks = tokenize(text)
    words = [text[s:e] for s, e in toks]
    return [words[a:b] for a, b in sentences(text, toks)] if toks else []


def test_the_fast_decoder_gives_crfsuites_labels():
    tagger = default_tagger()
    batch = [s for text in TEXTS for s in _sentences(text)]
    expected = [label for s in batch for label in tagger.tag_words(s)]
    assert tagger.decode(batch) == expected
    # one sentence at a time too (the shortest batches)
    assert [label for s in batch for label in tagger.decode([s])] == expected


def test_viterbi_finds_the_best_path_of_a_tiny_chain():
    """Two labels, strong transitions: the best path is not the per-token argmax."""
    emissions = np.array([[1.0, 0.0], [0.0, 0.4], [0.0, 0.4], [2.0, 0.0]])
    transitions = np.array([[1.0, -5.0], [-5.0, 0.0]])  # switching is expensive
    best = viterbi(emissions, np.array([0, 3]), np.array([3, 1]), transitions)
    assert best.tolist() == [0, 0, 0, 0]
    alone = viterbi(emissions[1:2], np.array([0]), np.array([1]), transitions)
    assert alone.tolist() == [1]


def test_extracting_many_texts_gives_what_extracting_each_gives():
    assert extract_many(TEXTS) == [extract(text) for text in TEXTS]
    assert extract_many([]) == []
