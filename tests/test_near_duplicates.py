"""Near-duplicates: light edits link to their closest original, never to themselves, no cycles."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.corpus.near_duplicates import find_near_duplicates
from transforms.records import CorpusArticle

DAY = datetime(2024, 3, 12, 8, 30, tzinfo=UTC)

# Hand-written base report (original prose) and an unrelated one.
BASE = (
    "The regional water authority approved a plan on Wednesday to build a desalination plant on "
    "the southern coast, ending two years of debate over how to secure supplies during "
    "increasingly frequent droughts. The plant will produce up to 90 million litres a day when "
    "it opens in 2028 and will cost about 640 million euros, most of it financed by a loan from "
    "the national infrastructure bank. Environmental groups warned that the brine discharged "
    "into the bay could harm seagrass meadows and said the authority had not studied cheaper "
    "options such as repairing leaking pipes, which lose nearly a quarter of treated water. "
    "The authority's chair, Marta Quintero, said the plant would run on electricity from a new "
    "solar farm and that the outflow pipe would be extended far offshore to dilute the brine. "
    "Farmers' associations welcomed the decision but asked for guarantees that irrigation quotas "
    "would not be cut again next summer. Construction is expected to begin in the autumn after "
    "a final environmental permit is issued."
)
OTHER = (
    "A touring exhibition of early photography opened at the city museum on Friday, bringing "
    "together more than two hundred prints made between 1840 and 1870. Curators spent three "
    "years tracing the images, many of which had been stored in private family albums and never "
    "shown in public. The show includes portraits of dock workers, views of the old harbour "
    "before the great fire and a rare set of stereoscopic cards. Visitors can also watch "
    "conservators at work in a glass-walled studio in the main hall. The exhibition runs until "
    "the end of August and will then travel to two other museums in the region."
)


def _edit(text: str, swaps: dict[str, str]) -> str:
    for old, new in swaps.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


LIGHT = _edit(BASE, {"Wednesday": "Tuesday", "approved": "backed", "cheaper": "less costly"})
TRIMMED = BASE.rsplit(" Construction", 1)[0]  # last sentence dropped
CREDITED = BASE + " Reporting by the regional desk."


def _art(article_id: str, body: str, days: float | None = None) -> CorpusArticle:
    when = None if days is None else DAY + timedelta(days=days)
    return CorpusArticle(article_id, body, None, None, when)


@pytest.mark.parametrize(
    ("copies", "expected"),
    [
        # dated: the earlier one is the original, whatever the ids or lengths
        ([_art("b", BASE, 0), _art("a", LIGHT, 1)], {"a": "b"}),
        ([_art("a", BASE, 2), _art("b", LIGHT, 1)], {"a": "b"}),
        # undated: the longer body is the original
        ([_art("a", TRIMMED), _art("b", BASE)], {"a": "b"}),
        ([_art("a", BASE), _art("b", CREDITED)], {"a": "b"}),
        # undated, equal length: the smaller id
        ([_art("x", BASE), _art("y", LIGHT.replace("backed", "okayed"))], {"y": "x"}),
        # a dated copy is more original than an undated one
        ([_art("a", CREDITED), _art("b", BASE, 0)], {"a": "b"}),
    ],
)
def test_links_to_the_more_original_copy(copies, expected) -> None:
    links = find_near_duplicates(copies + [_art("z", OTHER)])
    assert {d.article_id: d.original_id for d in links} == expected
    assert all(0.8 <= d.similarity <= 1.0 for d in links)


def test_each_copy_links_to_its_closest_original() -> None:
    # c is an edit of b, b an edit of a: c is closer to b than to a
    b_body = _edit(BASE, {"Wednesday": "Tuesday"})
    c_body = _edit(b_body, {"approved": "backed"})
    links = find_near_duplicates([_art("a", BASE, 0), _art("b", b_body, 1), _art("c", c_body, 2)])
    got = {d.article_id: d.original_id for d in links}
    assert got == {"b": "a", "c": "b"}


@pytest.mark.parametrize(
    ("threshold", "linked"),
    [(0.8, False), (0.3, True)],
)
def test_threshold_controls_how_heavy_an_edit_may_be(threshold: float, linked: bool) -> None:
    sentences = BASE.split(". ")
    heavy = ". ".join(sentences[: len(sentences) // 2]) + ". " + OTHER
    links = find_near_duplicates([_art("a", BASE, 0), _art("b", heavy, 1)], threshold=threshold)
    assert bool(links) is linked


@pytest.mark.parametrize("bad", [0.0, -0.5, 1.5])
def test_rejects_threshold_outside_unit_interval(bad: float) -> None:
    with pytest.raises(ValueError):
        find_near_duplicates([_art("a", BASE)], threshold=bad)


def test_unrelated_and_exact_same_id_are_not_linked() -> None:
    arts = [_art("a", BASE), _art("a", BASE, 1), _art("b", OTHER), _art("c", "")]
    assert find_near_duplicates(arts) == []


@pytest.mark.parametrize("seed", range(5))
def test_same_result_in_any_input_order(seed: int) -> None:
    arts = [
        _art("a", BASE, 0),
        _art("b", LIGHT, 1),
        _art("c", TRIMMED),
        _art("d", CREDITED, 3),
        _art("e", OTHER),
        _art("f", OTHER.replace("Friday", "Sunday")),
    ]
    expected = find_near_duplicates(arts)
    shuffled = arts[:]
    random.Random(seed).shuffle(shuffled)
    assert find_near_duplicates(shuffled) == expected
    assert {d.article_id for d in expected} == {"b", "c", "d", "f"}


def _assert_forest(links, ids) -> None:
    parent = {d.article_id: d.original_id for d in links}
    assert len(parent) == len(links)  # one original per article
    for child, orig in parent.items():
        assert child != orig and orig in ids
        seen = {child}
        while orig in parent:  # following links always ends: no cycles
            assert orig not in seen
            seen.add(orig)
            orig = parent[orig]


WORDS = st.sampled_from(
    [
        "the",
        "water",
        "plant",
        "coast",
        "drought",
        "brine",
        "farmers",
        "museum",
        "harbour",
        "quota",
        "bay",
        "solar",
        "2028",
        "l'eau",
        "Kyïv",
        "naïve",
        "—",
        ",",
        ".",
        "«",
        "»",
        "123",
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(WORDS, max_size=60).map(" ".join) | st.text(max_size=80),
            st.none() | st.integers(0, 5),
        ),
        max_size=8,
    ),
    st.floats(0.05, 1.0),
)
def test_never_crashes_and_links_form_a_forest(items, threshold: float) -> None:
    arts = [_art(f"id{n}", body, days) for n, (body, days) in enumerate(items)]
    links = find_near_duplicates(arts, threshold=threshold)
    _assert_forest(links, {a.article_id for a in arts})
    # similarity is stored rounded to 6 places: 1/3 is kept at threshold 1/3 and stored 0.333333
    assert all(threshold - 5e-7 <= d.similarity <= 1.0 for d in links)
