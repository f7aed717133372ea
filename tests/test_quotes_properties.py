"""Properties: extraction never crashes on arbitrary text and every offset is exact."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.corpus.quote_matching import match_quotes, normalise_quote, quote_diff
from transforms.extract.quotes.extractor import MAX_QUOTE_CHARS, extract_quotes
from transforms.records import QuoteMention

# Text made of the pieces that trouble quote extraction: marks of every kind, cue verbs,
# names, pronouns, line breaks, plus arbitrary unicode.
PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "«",
        "»",
        "„",
        "‹",
        "›",
        "\n",
        "\n\n",
        " ",
        ", ",
        ". ",
        ": ",
        "said",
        "told reporters",
        "he said",
        "she added",
        "denied that",
        "the official said",
        "Maria Delgado",
        "President Ana Ruiz",
        "one senior official",
        "the former aide",
        "We will win this",
        "it does not do a lot of good",
        "Citing ",
        "(",
        ")",
        "…",
        "—",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


def assert_exact(text: str, q: QuoteMention) -> None:
    """The offset contract: the pieces lie in order inside start/end, and ``text`` is their
    words joined by one space (the whole span when the quote is in one piece)."""
    pieces = q.pieces()
    assert pieces[0][0] == q.start and pieces[-1][1] == q.end
    assert all(a < b <= c < d for (a, b), (c, d) in pairwise(pieces))
    assert _joined(q.text, [text[a:b] for a, b in pieces])
    if len(pieces) == 1:
        assert text[q.start : q.end] == q.text


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_extract_quotes_never_crashes_and_offsets_are_exact(text: str) -> None:
    quotes = extract_quotes(text)
    assert quotes == sorted(quotes, key=lambda q: (q.start, q.end))
    for q in quotes:
        assert_exact(text, q)
        assert 0 <= q.start < q.end <= len(text)
        assert all(b - a <= MAX_QUOTE_CHARS for a, b in q.pieces())
        assert q.speaker_type in {"person", "organisation", "anonymous", "unknown"}
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(text)
        if not q.indirect:
            assert "\n" not in q.text  # pieces over paragraphs are joined by one space


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    for q in extract_quotes(text):
        assert_exact(text, q)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=40), st.one_of(st.none(), st.text(max_size=10))), max_size=12
    )
)
def test_match_quotes_covers_every_id_and_ignores_order(rows: list[tuple[str, str | None]]) -> None:
    quotes = [(f"q{i}", text, speaker) for i, (text, speaker) in enumerate(rows)]
    ids = match_quotes(quotes)
    assert set(ids) == {q[0] for q in quotes}
    assert match_quotes(list(reversed(quotes))) == ids


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_normalise_and_diff_never_crash(a: str, b: str) -> None:
    assert normalise_quote(normalise_quote(a)) == normalise_quote(a)
    assert isinstance(quote_diff(a, b), str)
    if "[" not in a:
        assert "[" not in quote_diff(a, a)  # no change, nothing marked


def _joined(quote_text: str, pieces: list[str]) -> bool:
    """``quote_text`` is the pieces in order, each joined to the next by one space, or by ". " or
    ", " where the attribution cut the piece's own closing punctuation."""
    import re

    sep = r"(?:[.,]? )"
    return re.fullmatch(sep.join(re.escape(p.strip()) for p in pieces), quote_text) is not None
