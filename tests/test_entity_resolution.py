"""Unit tests for corpus-wide entity resolution (transforms.corpus.entity_resolution)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nameparser import HumanName

from transforms.corpus.entity_resolution import (
    fold,
    given_compatible,
    resolve_entities,
    split_person,
)
from transforms.records import EntityName


def _ids(*names: str | tuple[str, int]) -> dict[str, str]:
    items = [EntityName("person", n) if isinstance(n, str) else EntityName("person", *n) for n in names]
    resolved = resolve_entities(items)
    return {item.name: resolved[("person", item.name)].entity_id for item in items}


@pytest.mark.parametrize(
    "spellings",
    [
        ("Tkachenko", "Tkatschenko"),
        ("Yermakov", "Jermakow", "Ermakov"),
        ("Yarmolenko", "Jarmolenko", "Iarmolenko"),
        ("Horbenko", "Gorbenko"),
        ("Bilozersky", "Bilozerskyi"),
        ("Valery", "Valeri", "Valeriy", "Valerii"),
        ("Sergey", "Sergei", "Serhiy", "Serhii"),
        ("Aleksey", "Alexei", "Oleksii", "Oleksiy"),
        ("Volodymyr", "Vladimir"),
    ],
)
def test_transliteration_variants_fold_or_match(spellings: tuple[str, ...]) -> None:
    first = spellings[0]
    assert all(fold(s) == fold(first) or given_compatible(s, first) for s in spellings)


@pytest.mark.parametrize(
    "group",
    [
        ("Oleksandr Tkachenko", "Aleksandr Tkatschenko", "Olexandr Tkachenko", "Tkachenko"),
        ("Dmytro Yermakov", "Dmitry Jermakow", "Jermakow", "Dmytro Ermakov"),
        ("Valery Bilozersky", "Valeri Bilozerskyi", "General Valery Bilozersky", "Bilozerskyi"),
        ("Aleksey Kovalenko", "Oleksii Kowalenko", "Kovalenko"),
        ("Marie van der Berg", "Van der Berg"),
        ("J. Marlow", "Jane Marlow"),
    ],
)
def test_spellings_of_one_person_merge(group: tuple[str, ...]) -> None:
    assert len(set(_ids(*group).values())) == 1


@pytest.mark.parametrize(
    "names",
    [
        ("Erik Lindqvist", "Anna Lindqvist"),
        ("Jane Marlow", "John Marlow"),
        ("Dmitry Horbenko", "Dmitry Tkachenko"),
        ("Valery Bilozersky", "Valery Marchuk"),
        ("Andriy Melnyk", "Andriy Bondar"),
    ],
)
def test_different_people_stay_apart(names: tuple[str, ...]) -> None:
    assert len(set(_ids(*names).values())) == len(names)


def test_bare_surname_joins_the_unique_full_name() -> None:
    ids = _ids("Aleksey Kovalenko", "Kovalenko")
    assert ids["Kovalenko"] == ids["Aleksey Kovalenko"]


@pytest.mark.parametrize(
    ("joe", "hunter", "joins"),
    [(20, 2, "Erik Lindqvist"), (3, 2, None), (2, 20, "Anna Lindqvist")],
)
def test_bare_surname_joins_only_a_clearly_dominant_person(joe: int, hunter: int, joins: str | None) -> None:
    ids = _ids(("Erik Lindqvist", joe), ("Anna Lindqvist", hunter), ("Lindqvist", 5))
    if joins is None:
        assert ids["Lindqvist"] not in (ids["Erik Lindqvist"], ids["Anna Lindqvist"])
    else:
        assert ids["Lindqvist"] == ids[joins]


def test_canonical_name_is_the_most_frequent_full_spelling() -> None:
    resolved = resolve_entities([
        EntityName("person", "Oleksandr Tkachenko", 3),
        EntityName("person", "Aleksandr Tkatschenko", 5),
        EntityName("person", "Tkachenko", 40),
    ])
    entity = resolved[("person", "Tkachenko")]
    assert entity.name == "Aleksandr Tkatschenko"
    assert entity.aliases == ("Aleksandr Tkatschenko", "Oleksandr Tkachenko", "Tkachenko")


def test_entity_ids_are_stable_and_typed() -> None:
    first = resolve_entities([EntityName("person", "Jane Marlow"), EntityName("organisation", "NATO")])
    again = resolve_entities([EntityName("organisation", "NATO"), EntityName("person", "Jane Marlow")])
    assert first == again
    assert first[("person", "Jane Marlow")].entity_id.startswith("p_")
    assert first[("organisation", "NATO")].entity_id.startswith("o_")
    assert len(first[("person", "Jane Marlow")].entity_id) == 14


def test_id_does_not_depend_on_which_spelling_wins() -> None:
    a = resolve_entities([EntityName("person", "Oleksandr Tkachenko", 9), EntityName("person", "Aleksandr Tkatschenko")])
    b = resolve_entities([EntityName("person", "Oleksandr Tkachenko"), EntityName("person", "Aleksandr Tkatschenko", 9)])
    assert a[("person", "Aleksandr Tkatschenko")].name != b[("person", "Aleksandr Tkatschenko")].name
    assert a[("person", "Aleksandr Tkatschenko")].entity_id == b[("person", "Aleksandr Tkatschenko")].entity_id


@pytest.mark.parametrize(
    ("names", "merged"),
    [
        (("The Economist", "Economist"), True),
        (("NATO", "NBC News"), False),
        (("White House", "the White House"), True),
    ],
)
def test_organisations_merge_on_folded_name(names: tuple[str, str], merged: bool) -> None:
    resolved = resolve_entities(EntityName("organisation", n) for n in names)
    ids = {resolved[("organisation", n)].entity_id for n in names}
    assert (len(ids) == 1) is merged


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Marie van der Berg", ("Marie", "van der Berg")), ("Horbenko", (None, "Horbenko")),
     ("Van der Berg", (None, "Van der Berg")), ("Erik R. Lindqvist", ("Erik", "Lindqvist"))],
)
def test_split_person(name: str, expected: tuple[str | None, str]) -> None:
    assert split_person(name) == expected


_NAME = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["person", "organisation"]), _NAME,
                          st.integers(min_value=0, max_value=50)), max_size=25))
def test_every_input_key_is_answered(items: list[tuple[str, str, int]]) -> None:
    names = [EntityName(t, n, c) for t, n, c in items]
    resolved = resolve_entities(names)
    for item in names:
        entity = resolved[(item.type, item.name)]
        assert entity.type == item.type
        assert item.name in entity.aliases


# --------------------------------------------------------------------------- views

VIEWS = Path(__file__).resolve().parents[1] / "warehouse" / "views"


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse: three articles, two people, two organisations, two quotes."""
    db = duckdb.connect(":memory:")
    db.execute("""
        create table articles as select * from (values
            ('a1', 'NBC News', timestamp '2023-11-04 10:00'),
            ('a2', 'RT', timestamp '2023-11-05 10:00'),
            ('a3', 'NBC News', timestamp '2023-11-06 10:00')
        ) as t(article_id, outlet, published_at);
        create table mentions as select * from (values
            ('m1', 'a1', 'p_z', 'person', 'Tkatschenko', 'Oleksandr Tkachenko', 0, 9, 'President', null, null),
            ('m2', 'a2', 'p_z', 'person', 'Tkachenko', 'Tkachenko', 0, 8, null, null, null),
            ('m3', 'a1', 'o_n', 'organisation', 'NATO', 'NATO', 20, 24, null, null, 'alliance'),
            ('m4', 'a2', 'o_n', 'organisation', 'NATO', 'NATO', 30, 34, null, null, 'alliance'),
            ('m5', 'a1', 'p_w', 'person', 'Maria Lindahl', 'Maria Lindahl', 40, 55,
             'spokesperson', 'Harbour Safety Board', null),
            ('m6', 'a3', 'p_z', 'person', 'Tkachenko', 'Tkachenko', 0, 8, null, null, null),
            ('m7', 'a3', null, 'person', 'Someone Else', 'Someone Else', 9, 21, null, null, null)
        ) as t(mention_id, article_id, entity_id, type, surface, name, "start", "end", role,
               affiliation, org_kind);
        create table people as select * from (values
            ('p_z', 'Oleksandr Tkachenko', ['Oleksandr Tkachenko', 'Tkachenko'], ['President'],
             timestamp '2023-11-04 10:00', 3, 3, 2),
            ('p_w', 'Maria Lindahl', ['Maria Lindahl'], ['spokesperson'],
             timestamp '2023-11-04 10:00', 1, 1, 1)
        ) as t(entity_id, name, aliases, roles, first_seen, mention_count, article_count, outlet_count);
        create table organisations as select * from (values
            ('o_n', 'NATO', ['NATO'], 'alliance', timestamp '2023-11-04 10:00', 2, 2, 2),
            ('o_p', 'Pentagon', ['Pentagon'], 'government', null, 0, 0, 0)
        ) as t(entity_id, name, aliases, kind, first_seen, mention_count, article_count, outlet_count);
        create table quotes as select * from (values
            ('q1', 'a1', 'The barrier is ready', 'Oleksandr Tkachenko', 'person', 'p_z', 'q1'),
            ('q2', 'a2', 'The barrier is ready', 'Tkachenko', 'person', 'p_z', 'q1'),
            ('q3', 'a1', 'The gates will close by spring', 'Maria Lindahl', 'person', 'p_w', 'q3')
        ) as t(quote_id, article_id, text, speaker, speaker_type, speaker_entity_id, canonical_quote_id);
    """)
    for name in ("person_profile", "org_profile", "co_mentions"):
        db.execute((VIEWS / f"{name}.sql").read_text())
    return db


@pytest.mark.parametrize("name", ["person_profile", "org_profile", "co_mentions"])
def test_view_files_have_a_description_header(name: str) -> None:
    first = (VIEWS / f"{name}.sql").read_text().splitlines()[0]
    assert first.startswith(f"-- {name}: ") and len(first) > len(name) + 10


def test_person_profile(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select name, mention_count, outlets, quote_count, quote_mentions, affiliations "
        "from person_profile").fetchall()
    assert rows == [
        ("Oleksandr Tkachenko", 3, ["NBC News", "RT"], 1, 2, []),
        ("Maria Lindahl", 1, ["NBC News"], 1, 1, ["Harbour Safety Board"]),
    ]


def test_org_profile(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("select name, kind, outlets, quote_count from org_profile").fetchall()
    assert rows == [("NATO", "alliance", ["NBC News", "RT"], 0), ("Pentagon", "government", [], 0)]


def test_co_mentions(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select name_a, name_b, type_a, type_b, shared_articles, article_ids from co_mentions"
    ).fetchall()
    assert rows == [
        ("NATO", "Oleksandr Tkachenko", "organisation", "person", 2, ["a1", "a2"]),
        ("Maria Lindahl", "Oleksandr Tkachenko", "person", "person", 1, ["a1"]),
        ("NATO", "Maria Lindahl", "organisation", "person", 1, ["a1"]),
    ]
    assert con.execute("select count(*) from co_mentions where entity_a >= entity_b").fetchone() == (0,)


def test_a_generational_suffix_tells_a_son_from_his_father():
    resolved = resolve_entities([EntityName("person", "Harold Quist", 5),
                                 EntityName("person", "Harold Quist Jr.", 2),
                                 EntityName("person", "Quist", 9),
                                 EntityName("person", "Ann Lee Marsh III")])
    assert resolved[("person", "Harold Quist Jr.")].entity_id != \
        resolved[("person", "Harold Quist")].entity_id
    assert resolved[("person", "Quist")].entity_id == resolved[("person", "Harold Quist")].entity_id
    assert split_person("Harold Quist, Jr.") == ("Harold", "Quist Jr.")
    assert split_person("Ann Lee Marsh III") == ("Ann", "Marsh III")


@pytest.mark.parametrize("name", [
    "Anna K. Holm", "Peter J. R. Varga", "Holm K. Holm", "Tomas B. Esquire", "Dr. Anna Holm",
    "Mira T. Phd", "Jan van der Berg", "Ola P. von Tak", "Lena S. Mrs", "Rui C. Abd",
])
def test_initialed_names_split_as_nameparser_splits_them(name):
    """The shortcut for "Given M. Surname" gives nameparser's answer, and leaves titles,
    particles and suffixes to it."""
    parsed = HumanName(name)
    last, first = parsed.last or name.split()[-1], parsed.first or None
    if first and fold(first) == fold(last):
        first = None
    assert split_person(name) == (first, last)
