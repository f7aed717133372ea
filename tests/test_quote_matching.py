"""Canonical quotes across articles (match_quotes, normalise_quote, quote_diff) and the
quote views, the latter on an in-memory DuckDB with hand-made tables."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from transforms.corpus.quote_matching import canonical_id, match_quotes, normalise_quote, quote_diff
from transforms.extract.quotes.extractor import extract_quotes

VIEWS = Path(__file__).resolve().parents[1] / "warehouse" / "views"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("it does not do a lot of good", "it doesn’t do a lot of good"),
        ("“We won't back down,” ", '"We will not back down."'),
        ("There’s no plan B — none at all…", "there is no plan b none at all"),
        ("They’re READY to talk.", "they are ready to talk"),
        ("I can't see it", "I cannot see it"),
        # a quote split by its attribution: its pieces joined, as stored or as printed
        ("We are ready We have been ready.", "We are ready. We have been ready."),
        ("We are ready and have been.", "We are ready, and have been"),
    ],
)
def test_normalise_quote_makes_variants_equal(a: str, b: str) -> None:
    assert normalise_quote(a) == normalise_quote(b)


def test_words_between_inner_marks_are_the_speakers() -> None:
    """``text`` holds only the speaker's words, so nothing between marks inside it is dropped."""
    assert normalise_quote("They said “no” and then “yes” to us") == "they said no and then yes to us"


def test_split_quote_matches_the_same_words_printed_in_one_piece() -> None:
    text = "“We will not stop,” Ann Brook said. “We will build the bridge.”"
    split = extract_quotes(text)[0]
    assert split.text == "We will not stop. We will build the bridge."
    groups = match_quotes([("a", split.text, "Ann Brook"),
                           ("b", "We will not stop, we will build the bridge", "Ann Brook")])
    assert groups["a"] == groups["b"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("we will win this war", "we will lose this war"),
        ("the talks are over", "the talks are not over"),
    ],
)
def test_normalise_quote_keeps_meaningful_differences(a: str, b: str) -> None:
    assert normalise_quote(a) != normalise_quote(b)


VARIANTS = [
    # (text a, text b): the same quote as two outlets printed it
    (
        "but if they do not have competent forces to use them it does not do a lot of good",
        "if they don’t have competent forces to use them it doesn’t do a lot of good.",
    ),
    (
        "Our harbour has never been busier, and we are hiring every week,",
        "Our harbour has never been busier and we're hiring every week.",
    ),
    (
        "The council will vote on the plan in March, not before, and residents will be heard.",
        "The council will vote on the plan in March, not before",
    ),
    (
        "Nobody in that room wants to be the first to blink.",
        "nobody in that room wants to be first to blink",
    ),
]
UNRELATED = [
    (
        "The council will vote on the plan in March, not before.",
        "The council will not vote on anything until the audit is published.",
    ),
    (
        "We are not going back to coal, whatever the price of gas does.",
        "We are going back to the negotiating table on Friday morning.",
    ),
    (
        "Manpower is at the top of the administration's concerns right now",
        "Funding is at the top of the committee's agenda this week",
    ),
]


@pytest.mark.parametrize(("a", "b"), VARIANTS)
def test_variant_wordings_share_a_canonical_id(a: str, b: str) -> None:
    ids = match_quotes([("x1", a, "Maria Delgado"), ("x2", b, None)])
    assert ids["x1"] == ids["x2"]


@pytest.mark.parametrize(("a", "b"), UNRELATED)
def test_unrelated_quotes_stay_apart(a: str, b: str) -> None:
    ids = match_quotes([("x1", a, None), ("x2", b, None)])
    assert ids["x1"] != ids["x2"]


def test_different_named_speakers_never_merge() -> None:
    text = "We will not accept any deal that rewards the aggressor"
    ids = match_quotes(
        [("a", text, "Katrin Vogel"), ("b", text, "Rahul Mehta"), ("c", text, "one official")]
    )
    assert ids["a"] != ids["b"]
    assert ids["c"] in (ids["a"], ids["b"])


def test_match_quotes_is_order_independent_and_stable() -> None:
    rows = [(f"q{i}", a if i % 2 else b, None) for i, (a, b) in enumerate(VARIANTS + UNRELATED)]
    rows += [(f"r{i}", b, None) for i, (a, b) in enumerate(VARIANTS + UNRELATED)]
    first = match_quotes(rows)
    shuffled = rows[:]
    random.Random(3).shuffle(shuffled)
    assert match_quotes(shuffled) == first
    assert all(cid.startswith("q_") and len(cid) == 14 for cid in first.values())


def test_canonical_id_comes_from_the_smallest_member() -> None:
    long_, short = VARIANTS[2]
    ids = match_quotes([("a", long_, None), ("b", short, None)])
    assert ids["a"] == canonical_id(normalise_quote(short))


def test_match_quotes_empty() -> None:
    assert match_quotes([]) == {}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "it does not do a lot of good",
            "it doesn't do a lot of good",
            "it [does not -> doesn't] do a lot of good",
        ),
        ("we will try again on Friday", "we will try on Friday", "we will try [-again] on Friday"),
        ("the plan is dead", "the plan is dead for now", "the plan is dead [+for now]"),
        ("Same words here.", "same words here", "Same words here."),
    ],
)
def test_quote_diff(a: str, b: str, expected: str) -> None:
    assert quote_diff(a, b) == expected


def test_quote_diff_elides_long_unchanged_runs() -> None:
    a = "one two three four five six seven eight nine ten eleven twelve thirteen"
    diff = quote_diff(a, a.replace("thirteen", "fourteen"))
    assert "…" in diff and diff.endswith("[thirteen -> fourteen]")


def test_seed_variants_across_outlets_are_matched(seeds_dir: Path) -> None:
    """ "if they don’t have competent forces..." and the White House quote travel between seeds."""
    rows, where = [], {}
    for path in sorted(seeds_dir.glob("*.txt")):
        for q in extract_quotes(path.read_text(encoding="utf-8")):
            qid = f"{path.name[:3]}:{q.start}"
            rows.append((qid, q.text, q.speaker))
            where[qid] = q.text
    ids = match_quotes(rows)
    for anchor_a, anchor_b in [
        ("but if they do not have competent", "if they don’t have competent"),
        ("is not aware of any other", "is currently unaware of any other"),
        ("but there is a growing sense", "but there’s a growing sense"),
    ]:
        qa = next(q for q, t in where.items() if t.startswith(anchor_a))
        qb = next(q for q, t in where.items() if t.startswith(anchor_b))
        assert ids[qa] == ids[qb]
        assert "[" in quote_diff(where[qa], where[qb])
    # Quotes by different people never collapse into one.
    assert len(set(ids.values())) > len(rows) / 2


# --------------------------------------------------------------------------- views


def _t(day: int) -> datetime:
    return datetime(2023, 11, day, 12, tzinfo=UTC)


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "create table articles (article_id varchar, title varchar, outlet varchar,"
        " published_at timestamptz, url varchar)"
    )
    con.executemany(
        "insert into articles values (?, ?, ?, ?, ?)",
        [
            ("a1", "Pier to close", "Harbour Times", _t(4), None),
            ("a2", "Pier closure", "Coast Daily", _t(5), None),
            ("a3", "Port news", "Coast Daily", _t(6), None),
            ("a4", "Talks", "Harbour Times", None, None),
        ],
    )
    con.execute(
        "create table quotes (quote_id varchar, article_id varchar, text varchar, start integer,"
        ' "end" integer, speaker varchar, speaker_type varchar, speaker_entity_id varchar,'
        " cue varchar, partial boolean, indirect boolean, canonical_quote_id varchar,"
        " speaker_start integer, speaker_end integer, wording_diff varchar)"
    )
    rows = [
        (
            "a1:10",
            "a1",
            "We cannot keep patching it",
            "Maria Delgado",
            "person",
            "p_md",
            "said",
            False,
            "q_1",
        ),
        (
            "a2:20",
            "a2",
            "We can't keep patching it",
            "Delgado",
            "person",
            "p_md",
            "said",
            False,
            "q_1",
        ),
        (
            "a3:30",
            "a3",
            "We cannot keep patching it",
            "Maria Delgado",
            "person",
            "p_md",
            "told",
            False,
            "q_1",
        ),
        (
            "a1:90",
            "a1",
            "the pier was unsafe",
            "Maria Delgado",
            "person",
            "p_md",
            "said",
            True,
            "q_2",
        ),
        (
            "a4:5",
            "a4",
            "There is no map yet",
            "one senior diplomat",
            "anonymous",
            None,
            "said",
            False,
            "q_3",
        ),
        (
            "a3:70",
            "a3",
            "Vaccination teams are everywhere",
            "the ministry",
            "organisation",
            None,
            "said",
            False,
            "q_4",
        ),
        ("a2:80", "a2", "This will not happen", None, "unknown", None, None, False, "q_5"),
    ]
    con.executemany(
        "insert into quotes values (?, ?, ?, 0, 1, ?, ?, ?, ?, false, ?, ?, null, null, null)", rows
    )
    con.execute("create table people (entity_id varchar, name varchar)")
    con.execute("insert into people values ('p_md', 'María Delgado')")  # the canonical spelling
    con.execute("create table organisations (entity_id varchar, name varchar)")
    for name in ("quote_spread", "quote_variants", "top_speakers", "sourcing_by_outlet"):
        con.execute((VIEWS / f"{name}.sql").read_text(encoding="utf-8"))
    return con


@pytest.mark.parametrize(
    "name", ["quote_spread", "quote_variants", "top_speakers", "sourcing_by_outlet"]
)
def test_view_files_follow_the_convention(name: str) -> None:
    sql = (VIEWS / f"{name}.sql").read_text(encoding="utf-8")
    assert sql.startswith(f"-- {name}: ") and sql.splitlines()[0].endswith(("?", "."))
    assert f"create or replace view {name} as" in sql
    assert sql == sql.lower() or "select" in sql  # keywords lower-case
    assert "SELECT" not in sql and "FROM" not in sql


def test_quote_spread(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select canonical_quote_id, speaker, text, outlets, outlet_count, articles, first_seen,"
        " wordings from quote_spread"
    ).fetchall()
    top = rows[0]
    # the resolved person's canonical name, whatever spelling each article used
    assert top[0] == "q_1" and top[1] == "María Delgado"
    assert top[2] == "We cannot keep patching it"  # the earliest wording
    assert top[3] == ["Coast Daily", "Harbour Times"] and top[4] == 2 and top[5] == 3
    assert top[6] == _t(4) and top[7] == 2
    assert {r[0] for r in rows} == {"q_1", "q_2", "q_3", "q_4", "q_5"}
    assert con.execute("select count(*) from quote_spread").fetchone()[0] == 5


def test_quote_variants(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select canonical_quote_id, text, differs, outlet from quote_variants"
    ).fetchall()
    assert {r[0] for r in rows} == {"q_1"}  # only quotes printed in more than one wording
    assert len(rows) == 3
    assert [r[2] for r in rows] == [False, True, False]
    assert rows[1][1] == "We can't keep patching it" and rows[1][3] == "Coast Daily"


def test_top_speakers(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select speaker, speaker_type, speaker_entity_id, quotes, direct_quotes, canonical_quotes,"
        " outlets, top_cue from top_speakers"
    ).fetchall()
    assert rows[0] == ("Maria Delgado", "person", "p_md", 4, 3, 2, 2, "said")
    assert all(r[0] is not None for r in rows)
    assert len(rows) == 3


def test_sourcing_by_outlet(con: duckdb.DuckDBPyConnection) -> None:
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "select outlet, quotes, named, anonymous, unknown, named_share, anonymous_share,"
            " unknown_share from sourcing_by_outlet"
        ).fetchall()
    }
    assert rows["Harbour Times"] == (3, 2, 1, 0, pytest.approx(0.667), pytest.approx(0.333), 0.0)
    assert rows["Coast Daily"] == (4, 3, 0, 1, 0.75, 0.0, 0.25)
