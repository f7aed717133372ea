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


def _art(article_id: str, body: str, days: float | None = None,
         outlet: str | None = None) -> CorpusArticle:
    when = None if days is None else DAY + timedelta(days=days)
    return CorpusArticle(article_id, body, None, outlet, when)


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
    [(0, 1, "a"), (3, 1, "b"), (None, 1, "b"), (1, None, "a")],
)
def test_earlier_side_by_publication_time(days_a, days_b, earlier) -> None:
    found = find_text_reuse([_art("a", REPRINT, days_a), _art("b", WIRE, days_b)])
    assert found and {p.earlier for p in found} == {earlier}


@pytest.mark.parametrize(("days_a", "days_b"), [(1, 1), (None, None)])
def test_undecided_dates_fall_back_to_a_consistent_tie_break(days_a, days_b) -> None:
    """Same date or none: the longer body is taken as the original, then the smaller id."""
    longer = "a" if len(REPRINT) > len(WIRE) else "b"
    found = find_text_reuse([_art("a", REPRINT, days_a), _art("b", WIRE, days_b)])
    assert found and {p.earlier for p in found} == {longer}
    same = find_text_reuse([_art("x", WIRE, days_a), _art("y", WIRE, days_b)])
    assert same and {p.earlier for p in same} == {"a"}


def test_record_date_orders_a_pair_whose_datelines_lack_a_year() -> None:
    """Text datelines like "May 2" carry no year; the record's published_at decides."""
    early = _art("zz-early", "HARBOURTON, May 2 — " + WIRE, 0)
    late = _art("aa-late", "HARBOURTON, May 3 — " + REPRINT, 1)
    found = find_text_reuse([late, early])
    assert found and {(p.article_a, p.earlier) for p in found} == {("aa-late", "b")}


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


# Invented site furniture: the same paragraph at the foot of every page of one magazine.
FOOTER = (
    "Get Harbour Crane Quarterly delivered to your door every season, with our free annual "
    "guide to the working ports of the northern coast, and save a third on the cover price "
    "when you subscribe for two years through our online shop today."
)


def test_footer_of_one_outlet_is_not_reuse_between_its_articles() -> None:
    own = [WIRE_1, UNRELATED, WIRE_3]
    arts = [_art(f"m{i}", f"{text}\n\n{FOOTER}", i, "Crane Quarterly") for i, text in enumerate(own)]
    assert find_text_reuse(arts) == []
    # two pages are not yet a pattern: below FURNITURE_ARTICLES the footer still pairs them
    assert len(find_text_reuse(arts[:2])) == 1


def test_an_outlets_versions_of_a_story_do_not_hide_another_outlets_reprint() -> None:
    """Furniture only unpairs articles of its own outlet: three updates of one wire story at
    one site hold all its fingerprints, yet another outlet's reprint still pairs with each."""
    versions = [_art(f"v{i}", f"Update {i}: {extra}\n\n{WIRE}", i, "Coast Post")
                for i, extra in enumerate(["first lines.", "more to follow.", "the full story."])]
    reprint = _art("r", REPRINT, 5, "Harbour Herald")
    pairs = {(p.article_a, p.article_b) for p in find_text_reuse([*versions, reprint])}
    assert pairs == {("r", "v0"), ("r", "v1"), ("r", "v2")}


def test_furniture_is_judged_per_outlet_and_articles_without_outlet_are_nobodys_site() -> None:
    arts = [_art(f"n{i}", f"{text}\n\n{FOOTER}", i) for i, text in enumerate([WIRE_1, UNRELATED, WIRE_3])]
    assert len(find_text_reuse(arts)) == 3  # no outlet: no furniture rule


# An invented statement, quoted by two outlets with their own reporting around it.
STATEMENT = (
    "We have listened to the hauliers and to the families who live along the coastal road, and "
    "we will not let the crane works turn their summer into a queue, so the company will pay "
    "for every extra hour the drivers spend waiting at the smaller harbours"
)
QUOTING_A = (
    "The port's chief executive tried to calm the row on Friday. \u201c" + STATEMENT + ",\u201d "
    "she told reporters at the terminal gate. Unions were not convinced and asked for the "
    "promise in writing before the works begin."
)
QUOTING_B = (
    "Drivers queued for hours at the northern harbour this week. Asked about the delays, the "
    "head of the port company said: \u201c" + STATEMENT + ".\u201d The council meets on Monday "
    "to discuss parking."
)


def test_a_statement_both_outlets_quote_is_not_a_reprint() -> None:
    arts = [_art("qa", QUOTING_A, 0, "Coast Post"), _art("qb", QUOTING_B, 1, "Harbour Herald")]
    assert find_text_reuse(arts) == []


def test_a_statement_quoted_by_one_and_reprinted_as_prose_by_the_other_is_reuse() -> None:
    prose = "The company has made a promise. " + STATEMENT + ". Drivers remain sceptical."
    arts = [_art("qa", QUOTING_A, 0, "Coast Post"), _art("qp", prose, 1, "Harbour Herald")]
    assert len(find_text_reuse(arts)) == 1


def test_a_reprint_around_a_shared_quote_is_still_found() -> None:
    """The whole story copied, quote and all: the unquoted words make it a reprint."""
    reprint = "From our partners at the Coast Post:\n\n" + QUOTING_A + "\n\n" + WIRE_1
    original = QUOTING_A + "\n\n" + WIRE_1
    arts = [_art("orig", original, 0, "Coast Post"), _art("copy", reprint, 1, "Harbour Herald")]
    found = find_text_reuse(arts)
    assert len(found) == 1 and found[0].earlier == "b"
    assert found[0].words == len(words(original))


SERIES = (
    "This report belongs to our series on the working harbours of the northern coast, written "
    "with readers who sent us their memories of cranes, ferries and the people who keep the "
    "docks running through every season of the year."
)

GARDENS = (
    "The allotment society opened its spring fair on Saturday with seed swaps, a pie contest "
    "and a talk on growing beans in salty wind. Volunteers counted more visitors than last year."
)
BRIDGE = (
    "Repairs to the swing bridge over the inner basin finished two days early, the engineers "
    "said, and the first fishing boats passed under it before dawn on Tuesday."
)


def _night_articles(tmp_path: Path) -> tuple[dict, dict[str, str]]:
    """Per-article tables of a small hand-written dump (real ingest), and key -> article id."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from flows import ingest

    records = {
        "m0": (GARDENS + "\n\n" + SERIES, "Crane Quarterly", "2024-05-01T08:00:00Z"),
        "m1": (UNRELATED + "\n\n" + SERIES, "Crane Quarterly", "2024-05-02T08:00:00Z"),
        "m2": (BRIDGE + "\n\n" + SERIES, "Crane Quarterly", "2024-05-03T08:00:00Z"),
        "qa": (QUOTING_A, "Coast Post", "2024-05-04T08:00:00Z"),
        "qb": (QUOTING_B, "Harbour Herald", "2024-05-05T08:00:00Z"),
        "wire": ("HARBOURTON, May 2 \u2014 " + WIRE, "Coast Post", "2024-05-02T09:00:00Z"),
        "copy": ("HARBOURTON, May 2 \u2014 " + REPRINT, "Harbour Herald", None),
        "anon": (GARDENS + " Seen elsewhere.\n\n" + SERIES, None, "2024-05-06T08:00:00Z"),
    }
    dump = tmp_path / "dumps" / "night.jsonl"
    dump.parent.mkdir(parents=True)
    with dump.open("w", encoding="utf-8") as out:
        for key, (body, outlet, date) in records.items():
            record = {"title": f"Harbour {key}", "text": body, "date_publish": date}
            if outlet:  # an article without outlet has no address either
                record |= {"source": outlet, "url": f"https://example.org/{key}"}
            out.write(json.dumps(record) + "\n")
    batch = ingest.ingest_files(ingest.discover(tmp_path / "dumps", set()).files,
                                tmp_path / "staged", "pool")
    tables = {t: pa.concat_tables([pq.read_table(p) for p in parts])
              for t, parts in batch.parts.items()
              if parts and t in ("articles", "article_sources", "mentions", "quotes", "figures",
                                 "citations")}
    ids = {row["title"].split()[-1]: row["article_id"] for row in tables["articles"].to_pylist()}
    return tables, ids


def test_nights_apply_the_furniture_and_quote_rules_as_a_full_pass(tmp_path) -> None:
    """Night 1 stores two pages sharing the series blurb (a pair: two pages are no pattern);
    night 2's third page makes the blurb furniture, so that stored pair retires, exactly as
    in one pass over everything and in a rebuild."""
    from flows.rebuild import rebuild
    from flows.settings import Settings
    from tests.flow_helpers import snapshot
    from tests.test_incremental_corpus import _night
    from warehouse import Warehouse

    pool, ids = _night_articles(tmp_path)
    assert len(ids) == 8
    first = [ids[k] for k in ("m0", "m1", "anon", "qa", "wire")]
    rest = [ids[k] for k in ("m2", "qb", "copy")]
    _night(tmp_path / "nights", pool, first, "r1")
    stored = Warehouse(tmp_path / "nights").read("text_reuse").to_pylist()
    assert {frozenset((r["article_a"], r["article_b"])) for r in stored} == {
        frozenset((ids[x], ids[y])) for x, y in (("m0", "m1"), ("m0", "anon"), ("m1", "anon"))}
    _night(tmp_path / "nights", pool, rest, "r2")
    _night(tmp_path / "at_once", pool, sorted(ids.values()), "r1")
    nights = snapshot(tmp_path / "nights")
    assert nights == snapshot(tmp_path / "at_once")
    rebuild(Settings(warehouse=str(tmp_path / "nights")))
    assert snapshot(tmp_path / "nights") == nights
    found = Warehouse(tmp_path / "nights").read("text_reuse").to_pylist()
    # the reprint is left, and the outlet-less page still pairs with the site's pages (the
    # blurb is furniture of that site only); the undated copy comes after the dated report
    pairs = {frozenset((r["article_a"], r["article_b"])) for r in found}
    assert pairs == {frozenset((ids["wire"], ids["copy"])),
                     *(frozenset((ids["anon"], ids[m])) for m in ("m0", "m1", "m2"))}
    reprint = [r for r in found if {r["article_a"], r["article_b"]} == {ids["wire"], ids["copy"]}]
    earlier = "a" if min(ids["wire"], ids["copy"]) == ids["wire"] else "b"
    assert {r["earlier"] for r in reprint} == {earlier}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sets(st.integers(0, 6), max_size=5),
                          st.sampled_from([None, "Coast Post", "Harbour Herald"])),
                max_size=9),
       st.integers(2, 5), st.integers(2, 4), st.integers(1, 2))
def test_candidate_pairs_match_the_rule_written_out(docs, most, furniture, min_shared) -> None:
    import numpy as np

    from transforms.corpus.text_reuse import candidate_pairs

    prints = [np.array(sorted(fps), dtype=np.uint32) for fps, _ in docs]
    outlets = [outlet for _, outlet in docs]
    holders = {f: [i for i, (fps, _) in enumerate(docs) if f in fps] for f in range(7)}
    expected = {}
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            same = outlets[i] is not None and outlets[i] == outlets[j]
            shared = [f for f in docs[i][0] & docs[j][0] if len(holders[f]) <= most
                      and not (same and sum(outlets[h] == outlets[i] for h in holders[f])
                               >= furniture)]
            if len(shared) >= min_shared:
                expected[(i, j)] = len(shared)
    assert candidate_pairs(prints, most, min_shared, outlets, furniture) == expected
