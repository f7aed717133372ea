"""Property tests: the figure extractor never crashes and its offsets are always exact."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.extract.figures.extractor import _FIGURE_RE, _candidates, extract_figures

_PIECES = st.sampled_from(
    [
        "more than ",
        "about ",
        "$",
        "€",
        "£",
        "UAH ",
        "1,000",
        "2.5",
        "10-15",
        "%",
        " percent",
        " billion",
        "bn",
        "m",
        " troops",
        " people",
        " of Ukraine",
        " of Americans",
        "tens of thousands",
        "a third of our state",
        " per year",
        "March 2022",
        "1:03 PM",
        "(44)",
        "5+1",
        ". ",
        "\n",
        "according to the Pentagon",
        " said",
        "A Gallup poll ",
        "two million",
        "-",
        "between 3 and ",
    ]
)
_TEXT = st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=25).map("".join))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_never_crashes_and_offsets_are_exact(text: str) -> None:
    figures = extract_figures(text)
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    for prev, cur in itertools.pairwise(figures):
        assert prev.end <= cur.start
    for f in figures:
        assert text[f.start : f.end] == f.text
        assert f.sentence is None or f.sentence in text
        assert f.sentence is None or f.text in f.sentence or "\n" in f.text
        assert f.value is not None or f.low is not None or f.high is not None
        if f.low is not None and f.high is not None:
            assert f.low <= f.high


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_anchored_scan_finds_what_a_full_scan_finds(text: str) -> None:
    """The speed-up (matching only near anchors) must not change what is found."""
    anchored = [m.span() for m in _candidates(text)]
    full = [m.span() for m in _FIGURE_RE.finditer(text)]
    assert anchored == full
