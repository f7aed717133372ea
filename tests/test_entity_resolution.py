"""Unit tests for corpus-wide entity resolution (transforms.entity_resolution)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.entity_resolution import fold, given_compatible, resolve_entities, split_person
from transforms.records import EntityName


def _ids(*names: str | tuple[str, int]) -> dict[str, str]:
    items = [EntityName("person", n) if isinstance(n, str) else EntityName("person", *n) for n in names]
    resolved = resolve_entities(items)
    return {item.name: resolved[("person", item.name)].entity_id for item in items}


@pytest.mark.parametrize(
    "spellings",
    [
        ("Zelensky", "Zelenskyy", "Zelenskyj", "Zelenskyi", "Zelenskiy", "Selenskyj"),
        ("Umyerov", "Umjerov", "Umjerow", "Umerov"),
        ("Zaluzhny", "Zaluzhnyi"),
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
        ("Volodymyr Zelenskyy", "Vladimir Zelensky", "Volodymyr Zelenskyj", "Zelensky", "Selenskyj"),
        ("Rustem Umyerov", "Rustem Umjerov", "Umjerow", "Rustem Umerov"),
        ("Valery Zaluzhny", "Valeri Zaluzhnyi", "General Valery Zaluzhny", "Zaluzhnyi"),
        ("Aleksey Arestovich", "Oleksii Arestovych", "Arestovich"),
        ("Ursula von der Leyen", "Von der Leyen"),
        ("J. Sullivan", "Jake Sullivan"),
    ],
)
def test_spellings_of_one_person_merge(group: tuple[str, ...]) -> None:
    assert len(set(_ids(*group).values())) == 1


@pytest.mark.parametrize(
    "names",
    [
        ("Joe Biden", "Hunter Biden"),
        ("Jake Sullivan", "John Sullivan"),
        ("Vladimir Putin", "Vladimir Zelensky"),
        ("Valery Zaluzhny", "Valery Gerasimov"),
        ("Andriy Yermak", "Andriy Sybiha"),
    ],
)
def test_different_people_stay_apart(names: tuple[str, ...]) -> None:
    assert len(set(_ids(*names).values())) == len(names)


def test_bare_surname_joins_the_unique_full_name() -> None:
    ids = _ids("Aleksey Arestovich", "Arestovich")
    assert ids["Arestovich"] == ids["Aleksey Arestovich"]


@pytest.mark.parametrize(
    ("joe", "hunter", "joins"),
    [(20, 2, "Joe Biden"), (3, 2, None), (2, 20, "Hunter Biden")],
)
def test_bare_surname_joins_only_a_clearly_dominant_person(joe: int, hunter: int, joins: str | None) -> None:
    ids = _ids(("Joe Biden", joe), ("Hunter Biden", hunter), ("Biden", 5))
    if joins is None:
        assert ids["Biden"] not in (ids["Joe Biden"], ids["Hunter Biden"])
    else:
        assert ids["Biden"] == ids[joins]


def test_canonical_name_is_the_most_frequent_full_spelling() -> None:
    resolved = resolve_entities([
        EntityName("person", "Volodymyr Zelenskyy", 3),
        EntityName("person", "Vladimir Zelensky", 5),
        EntityName("person", "Zelensky", 40),
    ])
    entity = resolved[("person", "Zelensky")]
    assert entity.name == "Vladimir Zelensky"
    assert entity.aliases == ("Vladimir Zelensky", "Volodymyr Zelenskyy", "Zelensky")


def test_entity_ids_are_stable_and_typed() -> None:
    first = resolve_entities([EntityName("person", "Jake Sullivan"), EntityName("organisation", "NATO")])
    again = resolve_entities([EntityName("organisation", "NATO"), EntityName("person", "Jake Sullivan")])
    assert first == again
    assert first[("person", "Jake Sullivan")].entity_id.startswith("p_")
    assert first[("organisation", "NATO")].entity_id.startswith("o_")
    assert len(first[("person", "Jake Sullivan")].entity_id) == 14


def test_id_does_not_depend_on_which_spelling_wins() -> None:
    a = resolve_entities([EntityName("person", "Volodymyr Zelenskyy", 9), EntityName("person", "Vladimir Zelensky")])
    b = resolve_entities([EntityName("person", "Volodymyr Zelenskyy"), EntityName("person", "Vladimir Zelensky", 9)])
    assert a[("person", "Vladimir Zelensky")].name != b[("person", "Vladimir Zelensky")].name
    assert a[("person", "Vladimir Zelensky")].entity_id == b[("person", "Vladimir Zelensky")].entity_id


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
    [("Ursula von der Leyen", ("Ursula", "von der Leyen")), ("Putin", (None, "Putin")),
     ("Von der Leyen", (None, "Von der Leyen")), ("Joe R. Biden", ("Joe", "Biden"))],
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
