"""Text reuse: shared passages aligned with exact offsets; stock phrases ignored."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tests.shared_data import SEEDS, need
from transforms.corpus.fingerprints import words
from transforms.corpus.text_reuse import find_text_reuse
from transforms.records import CorpusArticle

DAY = datetime(2024, 5, 2, 9, tzinfo=UTC)

# Hand-written wire report (original prose), in three paragraphs.
WIRE_1 = (
    "Port officials confirmed on Thursday that the container terminal will close for six weeks "
    "next spring while cranes are replaced, diverting roughly a third of the region's cargo to "
    "two smaller harbours along the coast. Shipping lines were told in a letter that the work "
    "cannot be postponed because the existing cranes no longer meet safety rules."
)
WIRE_2 = (
    "Hauliers said the diversion would add hours to each delivery and warned of queues on the "
    "coastal road, which already carries heavy traffic in the holiday season. The port company "
    "said it would pay for temporary parking areas and extend opening hours at the smaller "
    "harbours to absorb the extra trucks."
)
WIRE_3 = (
    "Local businesses that depend on the terminal, from ship chandlers to canteens, asked the "
    "city council for help with rent during the closure. The council said it would consider the "
    "request at its next meeting."
)
WIRE = f"{WIRE_1}\n\n{WIRE_2}\n\n{WIRE_3}"
# A reprint: its own intro, paragraph 1 verbatim, paragraph 2 lightly edited, its own ending.
EDITED_2 = (
    WIRE_2.replace("Hauliers said", "Haulage firms said")
    .replace("heavy traffic", "dense traffic")
    .replace("extend opening hours", "extend the opening hours")
)
REPRINT = (
    "Readers in the harbour district have been asking what the crane works mean for them. "
    "Here is what the wire service reported:\n\n"
    + WIRE_1
    + "\n\nOur own drivers' union, reached by phone, said it had heard nothing about the plan "
    "until this week and wanted a meeting.\n\n"
    + EDITED_2
    + "\n\nWe will follow the story and publish the council's answer when it comes."
)
UNRELATED = (
    "The city orchestra announced its new season on Monday with a cycle of symphonies by "
    "Sibelius and three world premieres by young composers from the region. Ticket prices will "
    "stay the same for a third year, and students can buy seats for five euros on the day of "
    "each concert. The conductor said the season was built around music about the sea."
)
STOCK = "Sign up for our newsletter to get the most important stories of the day in your inbox."


def _art(article_id: str, body: str, days: float | None = None) -> CorpusArticle:
    when = None if days is None else DAY + timedelta(days=days)
    return CorpusArticle(article_id, body, None, None, when)


def _check_offsets(passage, bodies: dict[str, str]) -> tuple[str, str]:
    a_text = bodies[passage.article_a][passage.a_start : passage.a_end]
    b_text = bodies[passage.article_b][passage.b_start : passage.b_end]
    assert passage.article_a < passage.article_b
    assert len(words(a_text)) == passage.words
    for body, start, end in (
        (bodies[passage.article_a], passage.a_start, passage.a_end),
        (bodies[passage.article_b], passage.b_start, passage.b_end),
    ):
        assert 0 <= start < end <= len(body)
        assert body[start].isalnum() and body[end - 1].isalnum()  # starts/ends on a word
        assert start == 0 or not body[start - 1].isalnum()
        assert end == len(body) or not body[end].isalnum()
    return a_text, b_text


def test_verbatim_and_edited_paragraphs_found_with_exact_offsets() -> None:
    arts = [_art("wire", WIRE, 0), _art("reprint", REPRINT, 1), _art("other", UNRELATED, 0)]
    bodies = {a.article_id: a.body for a in arts}
    found = find_text_reuse(arts)
    assert [(p.article_a, p.article_b) for p in found] == [("reprint", "wire")] * 2
    first, second = found
    a_text, b_text = _check_offsets(first, bodies)
    assert a_text == b_text == WIRE_1.rstrip(".")  # passages end on a word
    assert first.similarity == 1.0 and first.earlier == "b"
    a_text, b_text = _check_offsets(second, bodies)
    # the changed first words cannot be aligned; everything after them is one passage
    assert a_text.startswith("said the diversion") and EDITED_2.rstrip(".").endswith(a_text)
    assert b_text.startswith("said the diversion") and WIRE_2.rstrip(".").endswith(b_text)
    assert 0.8 < second.similarity < 1.0
    assert second.words == len(words(EDITED_2)) - 2  # minus "Haulage firms"


def test_short_insertion_inside_a_reprinted_block_keeps_one_passage() -> None:
    reprint = WIRE_1 + " Read on: " + WIRE_2
    found = find_text_reuse([_art("a", reprint), _art("b", WIRE)])
    assert len(found) == 1
    assert found[0].words == len(words(reprint))
    assert 0.9 < found[0].similarity < 1.0


@pytest.mark.parametrize(
    ("days_a", "days_b", "earlier"),
    [(0, 1, "a"), (3, 1, "b"), (1, 1, None), (None, 1, None), (None, None, None)],
)
def test_earlier_side_only_when_dates_tell(days_a, days_b, earlier) -> None:
    found = find_text_reuse([_art("a", REPRINT, days_a), _art("b", WIRE, days_b)])
    assert found and {p.earlier for p in found} == {earlier}


@pytest.mark.parametrize(
    ("shared_words", "min_words", "reported"),
    [(18, 25, False), (30, 25, True), (30, 40, False), (45, 40, True), (12, 10, True)],
)
def test_passages_shorter_than_min_words_are_not_reported(
    shared_words, min_words, reported
) -> None:
    shared = " ".join(words(WIRE)[:shared_words])
    a = UNRELATED + " " + shared + ". " + WIRE_3
    b = STOCK + " Meanwhile " + shared + ", she added. " + UNRELATED.split(". ", 1)[0]
    found = find_text_reuse([_art("a", a), _art("b", b)], min_words=min_words)
    # the orchestra sentence is shared too (about 30 words): look only at the planted passage
    planted = [p for p in found if "Port officials" in a[p.a_start : p.a_end]]
    assert bool(planted) is reported
    if reported:
        assert planted[0].words == shared_words


def test_stock_phrase_shared_by_many_articles_is_not_reuse() -> None:
    own = [WIRE_1, WIRE_2, WIRE_3, UNRELATED]
    arts = [_art(f"n{i}", f"{text} {STOCK}") for i, text in enumerate(own)]
    assert find_text_reuse(arts) == []


@pytest.mark.parametrize(("cap", "reported"), [(3, False), (5, True)])
def test_boilerplate_in_too_many_articles_is_skipped(monkeypatch, cap: int, reported: bool) -> None:
    monkeypatch.setattr("transforms.corpus.text_reuse.MAX_SHARING", cap)
    footer = " ".join(words(WIRE_2 + " " + WIRE_3))  # ~80 words shared by all four
    own = [WIRE_1, UNRELATED, STOCK, "A short note on the weather."]
    arts = [_art(f"n{i}", f"{text} {footer}") for i, text in enumerate(own)]
    assert bool(find_text_reuse(arts)) is reported


def test_invalid_min_words() -> None:
    with pytest.raises(ValueError):
        find_text_reuse([], min_words=0)


@pytest.mark.parametrize("seed", range(4))
def test_same_result_in_any_input_order(seed: int) -> None:
    arts = [_art("wire", WIRE, 0), _art("reprint", REPRINT, 1), _art("o", UNRELATED), _art("x", "")]
    expected = find_text_reuse(arts)
    shuffled = arts[:]
    random.Random(seed).shuffle(shuffled)
    assert find_text_reuse(shuffled) == expected


def _seed_bodies() -> dict[str, str]:
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) < 5:
        need(SEEDS)
    return {p.stem[:3]: p.read_text(encoding="utf-8").partition("\n")[2] for p in files}


@pytest.mark.parametrize(
    ("pair", "anchor", "min_len", "verbatim"),
    [
        (("000", "001"), "The conversations have included", 150, False),  # one edit, one insert
        (("000", "001"), "U.S. and European officials have begun", 40, True),
        (("001", "002"), "time to do a deal", 40, False),
    ],
)
def test_seed_reprints_found(pair, anchor, min_len, verbatim) -> None:
    bodies = _seed_bodies()
    arts = [_art(key, body) for key, body in bodies.items()]
    found = [p for p in find_text_reuse(arts) if (p.article_a, p.article_b) == pair]
    hits = [p for p in found if anchor in bodies[pair[0]][p.a_start : p.a_end]]
    assert len(hits) == 1
    a_text, b_text = _check_offsets(hits[0], bodies)
    assert hits[0].words >= min_len
    assert fuzz.ratio(a_text, b_text) >= 95
    assert (hits[0].similarity == 1.0) is verbatim


def test_paraphrasing_seeds_share_no_long_passage() -> None:
    bodies = _seed_bodies()
    found = find_text_reuse([_art(key, body) for key, body in bodies.items()])
    assert {(p.article_a, p.article_b) for p in found} <= {("000", "001"), ("001", "002")}


TOKENS = st.sampled_from(
    [
        "port",
        "crane",
        "cargo",
        "the",
        "a",
        "of",
        "harbour",
        "—",
        ",",
        ".",
        "l'eau",
        "Kyïv",
        "42",
        "ß",
        "İ",
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(TOKENS, max_size=80).map(" ".join) | st.text(max_size=60), max_size=6),
    st.integers(1, 30),
)
def test_never_crashes_and_offsets_are_exact(bodies: list[str], min_words: int) -> None:
    # repeat material so that reuse actually happens in random corpora
    arts = [_art(f"id{n}", body + " " + bodies[0]) for n, body in enumerate(bodies)]
    texts = {a.article_id: a.body for a in arts}
    for passage in find_text_reuse(arts, min_words=min_words):
        _check_offsets(passage, texts)
        assert passage.words >= min_words
        assert 0.0 < passage.similarity <= 1.0


VIEWS = Path(__file__).resolve().parents[1] / "warehouse" / "views"


def view_connection(view: str, setup_sql: str):
    """In-memory DuckDB with hand-made base tables and the view file ``view``.sql created."""
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.execute(setup_sql)
    sql = (VIEWS / f"{view}.sql").read_text(encoding="utf-8")
    assert sql.startswith(f"-- {view}: ")  # the one-line description
    con.execute(sql)
    return con


@pytest.fixture
def reuse_db():
    con = view_connection(
        "text_reuse_pairs",
        """
        create table articles as select * from (values
            ('a1', 'Wire', 'Port to close', timestamptz '2024-05-02 09:00:00+00', 200),
            ('a2', 'Herald', 'Crane works', timestamptz '2024-05-03 09:00:00+00', 100),
            ('a3', 'Daily', 'Harbour news', null, 400)
        ) as t(article_id, outlet, title, published_at, word_count);
        create table text_reuse as select * from (values
            ('r1', 'a1', 0, 300, 'a2', 10, 310, 50, 1.0, 'a'),
            ('r2', 'a1', 400, 600, 'a2', 320, 520, 30, 0.9, 'a'),
            ('r3', 'a2', 0, 200, 'a3', 50, 250, 40, 1.0, null)
        ) as t(reuse_id, article_a, a_start, a_end, article_b, b_start, b_end, words,
               similarity, earlier);
        """,
    )
    yield con
    con.close()


def test_text_reuse_pairs_view(reuse_db) -> None:
    rows = reuse_db.execute(
        "select article_a, article_b, outlet_a, outlet_b, passages, reused_words, similarity,"
        " share_of_a, share_of_b, earlier, reprinter_id, reprinter_outlet, original_id,"
        " original_outlet from text_reuse_pairs"
    ).fetchall()
    assert rows == [
        ("a1", "a2", "Wire", "Herald", 2, 80, 0.9625, 0.4, 0.8, "a", "a2", "Herald", "a1", "Wire"),
        ("a2", "a3", "Herald", "Daily", 1, 40, 1.0, 0.4, 0.1, None, None, None, None, None),
    ]


def test_a_long_passage_reprinted_by_many_outlets_is_still_found() -> None:
    """Past RARE_SHARING bodies a pair needs two shared fingerprints: a long block has them."""
    block = " ".join(words(WIRE_2 + " " + WIRE_3))  # ~80 words, several fingerprints
    arts = [_art(f"r{i:02d}", f"Outlet {i} adds its own opening line here. {block}") for i in range(12)]
    pairs = {(p.article_a, p.article_b) for p in find_text_reuse(arts)}
    assert len(pairs) == 12 * 11 // 2
