"""The figure views on real extraction: the seeds' story, the bundled sample, and text written
for the test, loaded as in-memory tables the way the warehouse holds them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import duckdb
import pytest

from tests.shared_data import SEEDS, need
from tests.test_stories import _sample_articles
from transforms.corpus.stories import find_stories
from transforms.extract.figures.extractor import extract_figures
from warehouse.schemas import FIGURES

VIEWS = Path(__file__).resolve().parents[1] / "warehouse" / "views"
FIGURE_VIEWS = ("figure_disagreements", "poll_results", "money_amounts", "casualty_claims")


def warehouse(articles: Iterable[tuple[str, str, str, str]]) -> duckdb.DuckDBPyConnection:
    """(article_id, outlet, story_id, body) rows -> a DuckDB with the figure views over them."""
    db = duckdb.connect(":memory:")
    db.execute(
        "create table articles (article_id varchar, title varchar, outlet varchar, "
        "published_at timestamp, url varchar)"
    )
    db.execute("create table story_articles (story_id varchar, article_id varchar)")
    columns = ", ".join(f'"{f.name}" {_sql_type(str(f.type))}' for f in FIGURES)
    db.execute(f"create table figures ({columns})")
    names = [f.name for f in FIGURES]
    for aid, outlet, story, body in articles:
        db.execute("insert into articles (article_id, outlet) values (?, ?)", [aid, outlet])
        db.execute("insert into story_articles values (?, ?)", [story, aid])
        for f in extract_figures(body):
            row = {"figure_id": f"{aid}:{f.start}", "article_id": aid, **asdict(f)}
            db.execute(
                f"insert into figures values ({', '.join('?' * len(names))})",
                [row[n] for n in names],
            )
    for name in FIGURE_VIEWS:
        db.execute((VIEWS / f"{name}.sql").read_text(encoding="utf-8"))
    return db


def _sql_type(arrow: str) -> str:
    return {"string": "varchar", "double": "double", "int32": "integer", "int64": "bigint"}.get(
        arrow, "varchar"
    )


def pairs(db: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return sorted(db.execute("select text_a, text_b from figure_disagreements").fetchall())


# --------------------------------------------------------------------------- hand-written


def test_a_qualifier_conflict_on_one_count_is_a_disagreement() -> None:
    db = warehouse([
        ("a1", "Herald", "s", "Envoys from more than 30 nations backing the plan met in Oslo."),
        ("a2", "Courier", "s", "Envoys from 30 countries backing the plan met in Oslo."),
        ("a3", "Post", "s", "Over 30 nations backing the plan sent envoys to Oslo."),
    ])  # fmt: skip
    # "more than 30" and "over 30" agree; a plain 30 contradicts both
    assert pairs(db) == [("30 countries", "Over 30 nations"), ("more than 30 nations", "30 countries")]


def test_rounding_is_not_a_disagreement_but_a_real_gap_is() -> None:
    db = warehouse([
        ("a1", "Herald", "s", "The city spent $12.4 billion on new schools."),
        ("a2", "Courier", "s", "The city spent $12 billion on new schools."),
        ("a3", "Post", "t", "The city spent $12.4 billion on new schools."),
        ("a4", "Times", "t", "The city spent $19 billion on new schools."),
    ])  # fmt: skip
    assert pairs(db) == [("$12.4 billion", "$19 billion")]


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("about 300 homes", "330 homes", False),  # "about" allows a tenth either way
        ("about 300 homes", "450 homes", True),
        ("between 200 and 400 homes", "350 homes", False),
        ("between 200 and 400 homes", "500 homes", True),
        ("up to 300 homes", "250 homes", False),
        ("up to 300 homes", "more than 300 homes", True),
        ("hundreds of homes", "2,000 homes", True),
        ("thousands of homes", "2,000 homes", False),
    ],
)
def test_bounds_conflict_only_when_they_exclude_each_other(
    first: str, second: str, conflict: bool
) -> None:
    db = warehouse([
        ("a1", "Herald", "s", f"The storm destroyed {first} in the valley."),
        ("a2", "Courier", "s", f"The storm destroyed {second} in the valley."),
    ])  # fmt: skip
    assert bool(pairs(db)) == conflict


def test_different_measures_are_never_compared() -> None:
    db = warehouse([
        ("a1", "Herald", "s", ("The pipeline runs more than 1,000 kilometres. Grants total €4.5 billion. "
                             "Sales were $350 million in 2021.")),
        ("a2", "Courier", "s", ("The depot is 15 kilometres away. Loans total €17 billion. "
                              "Sales were $500 million in 2023.")),
        ("a3", "Post", "s", "Between 2010 and 2015 some 3,000 homes were built."),
        ("a4", "Times", "s", "Some 9,000 workers were hired."),
    ])  # fmt: skip
    assert pairs(db) == []


def test_poll_results_carry_pollster_field_dates_and_margin() -> None:
    text = (
        "Backing for the tram plan fell to 44%, according to a survey published on Monday by "
        "the Harbour Research Group.\n"
        "The poll of 2,000 adults, carried out between March 3 and March 9, found that 31% of "
        "respondents would accept higher fares. The margin of error is 2.2 percentage points."
    )
    db = warehouse([("a1", "Herald", "s", text)])
    rows = db.execute(
        "select text, pollster, field_dates, margin_of_error from poll_results order by text"
    ).fetchall()
    assert rows == [
        ("31%", "Harbour Research Group", "March 3 and March 9", 2.2),
        ("44%", "Harbour Research Group", "March 3 and March 9", 2.2),
    ]


def test_money_amounts_and_casualty_claims_read_the_general_kinds() -> None:
    db = warehouse([
        ("a1", "Herald", "s", ("The carmaker cut prices by $4,000 a vehicle. Floods killed 120 people, "
                             "Governor Ana Ruiz said.")),
    ])  # fmt: skip
    money = db.execute("select currency, value, per from money_amounts").fetchall()
    assert money == [("USD", 4000.0, "vehicle")]
    claims = db.execute("select claimant, claimed_by_outlet, value from casualty_claims").fetchall()
    assert claims == [("Governor Ana Ruiz", False, 120.0)]


# --------------------------------------------------------------------------- real text


def test_seeds_show_the_disputed_count_of_nations() -> None:
    seeds = need(SEEDS)
    db = warehouse(
        (p.stem, p.stem[:3], "story", p.read_text(encoding="utf-8"))
        for p in sorted(seeds.glob("*.txt"))
    )
    rows = db.execute("select distinct unit, value_a, value_b from figure_disagreements").fetchall()
    assert rows and all(unit == "countries" for unit, _, _ in rows)
    assert {v for _, a, b in rows for v in (a, b)} == {50.0}
    polls = db.execute("select distinct pollster, population from poll_results").fetchall()
    assert polls == [("Gallup", "Americans")]


@pytest.fixture(scope="module")
def sample_db() -> duckdb.DuckDBPyConnection:
    arts = _sample_articles()
    assert len(arts) >= 13, "bundled sample missing"
    story_of = {aid: s.story_id for s in find_stories(arts) for aid in s.article_ids}
    return warehouse((a.article_id, a.outlet or "?", story_of[a.article_id], a.body) for a in arts)


def test_sample_disagreements_compare_like_with_like(sample_db: duckdb.DuckDBPyConnection) -> None:
    rows = sample_db.execute(
        "select measure_key, text_a, text_b from figure_disagreements"
    ).fetchall()
    assert rows == [], rows


def test_sample_poll_results(sample_db: duckdb.DuckDBPyConnection) -> None:
    rows = sample_db.execute(
        "select distinct pollster, margin_of_error from poll_results where pollster is not null"
    ).fetchall()
    assert ("Meridian Polling Institute", 1.1) in rows  # named in another paragraph
    assert all(m is None or m < 5 for _, m in rows)
    texts = [t for (t,) in sample_db.execute("select text from poll_results").fetchall()]
    assert not any("point" in t for t in texts)  # the margin of error is not a result
