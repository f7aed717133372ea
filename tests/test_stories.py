"""Stories: the five seed articles form one story; unrelated reports stay out of it."""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.shared_data import DEV, SEEDS, need
from tests.test_text_reuse import view_connection
from transforms.clean.article import to_article
from transforms.corpus.fingerprints import word_hash
from transforms.corpus.stories import (
    _NAME,
    DF_TABLE,
    candidate_pairs,
    find_stories,
    linking_pairs,
    resolve_stories,
    signature,
    story_blocks,
    story_facts,
    story_id,
    story_member,
    term_idf,
)
from transforms.read.files import read_dump
from transforms.records import CorpusArticle, Rejected

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample"

# Hand-written articles on other subjects (original prose).  "war" deliberately talks about
# Ukraine, Russia and NATO without being the peace-talks story.
UNRELATED: dict[str, tuple[str, str]] = {
    "sport": (
        "Harbour City edge Northvale in late thriller to reach cup final",
        (
            "Harbour City reached the national cup final on Saturday after a stoppage-time header "
            "from defender Tomas Varga settled a tense semi-final against Northvale at a packed "
            "Riverside Stadium. Northvale had equalised twice, first through a deflected free kick "
            "from captain Aaron Mbeki and then with a penalty after a handball in the box. Manager "
            "Elena Ruiz praised her squad's patience and said the final against Eastport would be "
            "the biggest match of the club's history. Varga, who joined from a second-division side "
            "in the summer, said he had practised the near-post run all week. Ticket sales for the "
            "final open on Monday, and the league confirmed the kickoff time after talks with "
            "broadcasters. Northvale's coach declined to blame the referee for the penalty decision."
        ),
    ),
    "merger": (
        "Corvane and Beltrix agree $18 billion merger to create packaging giant",
        (
            "Packaging makers Corvane and Beltrix agreed on Tuesday to combine in an all-stock deal "
            "valuing the merged company at about $18 billion, the boards of both firms announced. "
            "Corvane shareholders will own 55% of the new group, which will keep its headquarters in "
            "Rotterdam and list its shares in Amsterdam and New York. Chief executive Mirela Haas "
            "will lead the combined business and expects annual cost savings of $400 million within "
            "three years, mostly from shared plants and purchasing. Analysts said competition "
            "regulators in Brussels were likely to examine the overlap in food cartons closely. "
            "Beltrix shares jumped 12% in early trading while Corvane slipped slightly. Unions asked "
            "for guarantees that no factory would close before the integration plan is published."
        ),
    ),
    "weather": (
        "Storm Idris brings flooding and power cuts to the west coast",
        (
            "Storm Idris battered the west coast overnight with gusts above 120 kilometres an hour, "
            "leaving around 40,000 homes without electricity and flooding roads in several coastal "
            "towns. The national weather service kept its red warning in place until midday and "
            "urged residents to avoid travelling. Rail operators cancelled most morning services "
            "after fallen trees blocked the main line, and two ferry crossings were suspended. "
            "Emergency crews rescued a family from a car caught in floodwater near the estuary. "
            "Forecasters expect the wind to ease by the evening, but heavy rain will move inland "
            "and river levels are likely to keep rising into the weekend. The energy network said "
            "engineers were working to restore supply as quickly as conditions allowed."
        ),
    ),
    "war": (
        "Drone debris found in Romania as NATO steps up air patrols near Ukraine",
        (
            "Romanian authorities said fragments of a drone were found in a field near the Danube "
            "after an overnight Russian attack on Ukrainian ports across the river. NATO said it was "
            "increasing air patrols along its eastern flank and that allied jets had been scrambled "
            "during the strikes. Ukraine's air force reported shooting down most of the drones "
            "launched at the Izmail area, where grain terminals have been targeted repeatedly since "
            "the summer. The Romanian defence ministry said there was no evidence the debris came "
            "from a deliberate attack on its territory, but promised to build more shelters for "
            "villagers living along the border. Russia's defence ministry claimed its forces had "
            "hit fuel depots used by the Ukrainian military. Grain exports through the Danube "
            "corridor continued, though insurers raised premiums for ships calling at the ports."
        ),
    ),
    "aid": (
        "House speaker splits Israel funding from Ukraine package",
        (
            "The new House speaker moved on Monday to separate emergency funding for Israel from "
            "the White House request that bundled it with military aid for Ukraine, setting up a "
            "clash with the Senate. Republicans on the appropriations committee said the Israel "
            "bill would be paid for with cuts to the tax agency's budget, a condition Democrats "
            "called a poison pill. President Biden's budget office warned that delaying the "
            "Ukraine money would leave Kyiv short of air defence interceptors before winter. "
            "Senate leaders from both parties said they still wanted a single package and "
            "expected weeks of negotiation. A vote on the standalone Israel measure is planned "
            "for Thursday, and several moderate Republicans said they would support it while "
            "pressing for a separate vote on border security."
        ),
    ),
    "bank": (
        "Central bank holds interest rates as inflation cools",
        (
            "The central bank left its main interest rate unchanged at 4.5% on Thursday, saying "
            "inflation was cooling faster than expected but that wage growth remained strong. "
            "Governor Paul Lindqvist told reporters that the rate-setting committee was not yet "
            "ready to discuss cuts and would watch services prices closely through the winter. "
            "Consumer prices rose 3.1% in the year to October, down from 3.8% a month earlier. "
            "Markets had priced in a small chance of a cut, and the currency strengthened after the "
            "announcement. Mortgage lenders said fixed-rate deals had already become cheaper in "
            "recent weeks. Two committee members voted for a further increase, citing the risk that "
            "a tight labour market would keep inflation above target for longer."
        ),
    ),
    "tech": (
        "Lumora unveils folding laptop with all-day battery",
        (
            "Device maker Lumora unveiled a laptop with a folding screen on Wednesday, betting that "
            "professionals will pay a premium for a machine that opens into a 17-inch display and "
            "folds to the size of a paperback. The company said the battery lasts 14 hours in "
            "mixed use and that the hinge was tested for 50,000 folds. Pre-orders start next month "
            "at $2,499, with shipments planned for February. Reviewers who tried early units "
            "praised the screen but noted that the device weighs more than most ultrabooks. "
            "Lumora's chief product officer, Dana Okafor, said software partners had adapted their "
            "apps to switch between tablet and desktop layouts when the screen is folded."
        ),
    ),
}


def _unrelated() -> list[CorpusArticle]:
    day = datetime(2023, 11, 4, 12, tzinfo=UTC)
    return [
        CorpusArticle(f"u_{key}", body, title, f"outlet-{key}", day + timedelta(hours=n))
        for n, (key, (title, body)) in enumerate(UNRELATED.items())
    ]


def _seeds() -> list[CorpusArticle]:
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) < 5:
        need(SEEDS)
    out = []
    for path in files:
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        out.append(CorpusArticle(f"seed_{path.stem[:3]}", body, title.strip(), path.stem[4:], None))
    return out


def _story_of(stories, article_id: str):
    return next(s for s in stories if article_id in s.article_ids)


def test_seeds_form_one_story_and_unrelated_stay_apart() -> None:
    seeds = _seeds()
    stories = find_stories(seeds + _unrelated())
    seed_story = _story_of(stories, "seed_000")
    assert set(seed_story.article_ids) == {a.article_id for a in seeds}
    assert len(stories) == 1 + len(UNRELATED)


@pytest.mark.parametrize("key", sorted(UNRELATED))
def test_each_unrelated_article_is_its_own_story(key: str) -> None:
    stories = find_stories(_seeds() + _unrelated())
    story = _story_of(stories, f"u_{key}")
    assert story.article_ids == (f"u_{key}",)
    assert story.label == UNRELATED[key][0]
    assert story.outlets == (f"outlet-{key}",)


def _dated_seeds(offsets_days: list[float]) -> list[CorpusArticle]:
    day = datetime(2023, 11, 4, 9, tzinfo=UTC)
    return [
        CorpusArticle(a.article_id, a.body, a.title, a.outlet, day + timedelta(days=d))
        for a, d in zip(_seeds(), offsets_days, strict=True)
    ]


def test_seed_story_fields() -> None:
    seeds = _dated_seeds([0, 0.5, 1, 2, 3])
    story = _story_of(find_stories(seeds + _unrelated()), "seed_000")
    assert story.story_id == story_id("seed_000") and story.story_id.startswith("s_")
    assert len(story.story_id) == 14
    assert story.first_seen == seeds[0].published_at and story.last_seen == seeds[4].published_at
    assert story.label == seeds[0].title  # the earliest member's title
    assert story.outlets == tuple(sorted(a.outlet for a in seeds))
    assert story.article_ids == tuple(sorted(a.article_id for a in seeds))


def test_label_is_the_earliest_title_not_the_smallest_id() -> None:
    seeds = _dated_seeds([5, 4, 3, 2, 1])
    story = _story_of(find_stories(seeds), "seed_000")
    assert story.label == seeds[4].title
    assert story.story_id == story_id("seed_000")  # the id still follows the smallest member id


def test_article_far_outside_the_date_window_starts_its_own_story() -> None:
    seeds = _dated_seeds([0, 1, 1, 2, 60])
    stories = find_stories(seeds)
    assert _story_of(stories, "seed_004").article_ids == ("seed_004",)
    assert len(_story_of(stories, "seed_000").article_ids) == 4


def test_naive_and_aware_dates_mix() -> None:
    seeds = _dated_seeds([0, 1, 1, 2, 3])
    naive = seeds[2].published_at.replace(tzinfo=None)
    seeds[2] = CorpusArticle(seeds[2].article_id, seeds[2].body, None, None, naive)
    story = _story_of(find_stories(seeds), "seed_000")
    assert len(story.article_ids) == 5 and story.first_seen == seeds[0].published_at


@pytest.mark.parametrize(
    ("title", "body", "label"),
    [
        (None, "First sentence here. Second one.", "First sentence here."),
        ("  ", "Only one sentence without end", "Only one sentence without end"),
        (None, "", "(untitled)"),
        (None, "word " * 100, ("word " * 23).strip() + "\u2026"),
    ],
)
def test_label_falls_back_to_first_sentence(title, body, label) -> None:
    (story,) = find_stories([CorpusArticle("x", body, title, None, None)])
    assert story.label == label and story.first_seen is None and story.outlets == ()


@pytest.mark.parametrize("seed", range(3))
def test_same_stories_in_any_input_order(seed: int) -> None:
    arts = _seeds() + _unrelated()
    expected = find_stories(arts)
    random.Random(seed).shuffle(arts)
    assert find_stories(arts) == expected


def test_empty_corpus() -> None:
    assert find_stories([]) == []


VOCAB = "Kyiv talks peace NBC storm cup merger — the a , . 42 l'eau ß"
TOKENS = st.sampled_from(VOCAB.split(" "))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(TOKENS, max_size=60).map(" ".join) | st.text(max_size=60),
            st.none() | st.text(max_size=20),
            st.none() | st.integers(0, 30),
        ),
        max_size=8,
    )
)
def test_every_article_in_exactly_one_story(items) -> None:
    day = datetime(2024, 1, 1, tzinfo=UTC)
    arts = [
        CorpusArticle(f"id{n}", body, title, None, None if d is None else day + timedelta(days=d))
        for n, (body, title, d) in enumerate(items)
    ]
    stories = find_stories(arts)
    members = [aid for s in stories for aid in s.article_ids]
    assert sorted(members) == sorted(a.article_id for a in arts)
    for story in stories:
        assert story.story_id == story_id(min(story.article_ids))
        assert story.label
        if story.first_seen is not None:
            assert story.first_seen <= story.last_seen


def _sample_articles() -> list[CorpusArticle]:
    """The bundled sample through the real readers and cleaning (``bad/`` and hidden skipped)."""
    out = []
    for path in sorted(SAMPLE.rglob("*")):
        rel = path.relative_to(SAMPLE)
        if not path.is_file() or rel.parts[0] == "bad" or any(p.startswith(".") for p in rel.parts):
            continue
        with path.open("rb") as stream:
            for item in read_dump(rel.as_posix(), stream):
                article = item if isinstance(item, Rejected) else to_article(item)
                if not isinstance(article, Rejected):
                    out.append(
                        CorpusArticle(
                            article.article_id,
                            article.body,
                            article.title,
                            article.outlet,
                            article.published_at,
                        )
                    )
    return out


# The sample's events, by a keyword of each member's title (the background piece on frozen
# assets is two weeks older than the vote: its own story).
SAMPLE_STORIES = {
    "aid vote": ("Parliament approves", "Kyiv hails", "lifeline for Kyiv", "in five numbers"),
    "poll": ("Poll: support", "growing weary", "young Europeans"),
    "geneva": ("resume ceasefire talks", "Kherson mourns", "prisoner swap deal", "After Geneva"),
    "grain": ("grain shipments",),
    "frozen assets": ("frozen Russian assets",),
}


@pytest.fixture(scope="module")
def sample_stories() -> tuple[list[CorpusArticle], list]:
    arts = _sample_articles()
    assert len(arts) >= 13, "the bundled sample/ folder is part of the repository"
    return arts, find_stories(arts)


def _titled(arts: list[CorpusArticle], keyword: str) -> str:
    (found,) = [a.article_id for a in arts if keyword in (a.title or "")]
    return found


@pytest.mark.parametrize("event", sorted(SAMPLE_STORIES))
def test_sample_events_are_one_story_each(sample_stories, event: str) -> None:
    arts, stories = sample_stories
    ids = {_titled(arts, keyword) for keyword in SAMPLE_STORIES[event]}
    assert set(_story_of(stories, next(iter(ids))).article_ids) == ids


def test_sample_has_one_story_per_event(sample_stories) -> None:
    arts, stories = sample_stories
    assert len(stories) == len(SAMPLE_STORIES)
    assert sum(len(v) for v in SAMPLE_STORIES.values()) == len({a.article_id for a in arts})


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Delegations met in Geneva on Monday.", ["Geneva", "Monday"]),
        ("Talks began. Delegations met.", []),  # capitals that open a sentence
        ('He said: "Nobody expected it," said Ingrid Solberg.', ["Ingrid", "Solberg"]),
        ("GENEVA (Reuters) - The talks", []),  # after a bracket or a dash
        ("the envoy Leila Gasanova and the OSCE's team", ["Leila", "Gasanova", "OSCE's"]),
        ("from \u00c5land to \u00fcber Z\u00fcrich", ["\u00c5land", "Z\u00fcrich"]),
        ("first line\nSecond line", []),
    ],
)
def test_name_like_words(text: str, names: list[str]) -> None:
    assert [w for w in _NAME.findall(text) if w[0].isupper()] == names


def test_story_span_stays_within_the_window() -> None:
    """An undated member must not bridge two dated ones further apart than the window."""
    seeds = _dated_seeds([0, 0, 0, 0, 0])
    far = seeds[4].published_at + timedelta(days=20)
    seeds[1] = CorpusArticle(seeds[1].article_id, seeds[1].body, None, None, None)
    seeds[4] = CorpusArticle(seeds[4].article_id, seeds[4].body, seeds[4].title, None, far)
    stories = find_stories(seeds)
    assert _story_of(stories, "seed_004").article_ids == ("seed_004",)
    assert len(_story_of(stories, "seed_000").article_ids) == 4


@pytest.fixture
def coverage_db():
    con = view_connection(
        "story_coverage",
        """
        create table stories as select * from (values
            ('s_1', 'Talks begin', timestamptz '2023-11-04 10:00:00+00', timestamptz '2023-11-05 09:00:00+00',
             ['Daily', 'Herald', 'Wire'], 3),
            ('s_2', 'Storm hits coast', null, null, [], 1)
        ) as t(story_id, label, first_seen, last_seen, outlets, article_count);
        create table story_articles as select * from (values
            ('s_1', 'a1'), ('s_1', 'a2'), ('s_1', 'a3'), ('s_2', 'a4')
        ) as t(story_id, article_id);
        create table articles as select * from (values
            ('a1', 'Wire', timestamptz '2023-11-04 10:00:00+00'),
            ('a2', 'Herald', timestamptz '2023-11-05 09:00:00+00'),
            ('a3', 'Daily', timestamptz '2023-11-04 18:00:00+00'),
            ('a4', null, null)
        ) as t(article_id, outlet, published_at);
        create table citations as select * from (values
            ('c1', 'a2', 'Wire', null, 'according to', 'according to Wire', 0, 17),
            ('c2', 'a3', 'Wire', 'https://wire.example/x', 'link', 'Wire', 5, 9),
            ('c3', 'a3', 'Gazette', null, 'citing', 'citing the Gazette', 20, 38),
            ('c4', 'a3', 'Wire', null, 'report said', 'Wire report said', 50, 66)
        ) as t(citation_id, article_id, cited_outlet, url, cue, text, "start", "end");
        """,
    )
    yield con
    con.close()


def test_story_coverage_view(coverage_db) -> None:
    rows = coverage_db.execute(
        "select story_id, outlet_count, articles, article_ids, cited_outlets, top_cited_outlet,"
        " cited_urls, citations, citing_articles from story_coverage"
    ).fetchall()
    assert rows == [
        (
            "s_1",
            3,
            3,
            ["a1", "a3", "a2"],
            ["Wire", "Gazette"],
            "Wire",
            ["https://wire.example/x"],
            4,
            2,
        ),
        ("s_2", 0, 1, ["a4"], [], None, [], 0, 0),
    ]


def test_story_coverage_one_row_per_story(coverage_db) -> None:
    total, distinct = coverage_db.execute(
        "select count(*), count(distinct story_id) from story_coverage"
    ).fetchone()
    assert total == distinct == 2


# --- what makes stories follow the night: nothing about a pair depends on the other articles


def _facts_by_id(arts: list[CorpusArticle]) -> dict:
    return {f.article_id: f for f in story_facts(arts)}


def test_weights_do_not_depend_on_the_corpus() -> None:
    """An article's signature is the same alone and beside other articles (the idf is shipped,
    not counted over the warehouse), so a new article changes no stored signature."""
    seeds, others = _seeds(), _unrelated()
    alone = _facts_by_id(seeds[:1])["seed_000"]
    among = _facts_by_id(seeds + others)["seed_000"]
    a, b = signature(alone.terms, alone.counts), signature(among.terms, among.counts)
    assert np.array_equal(a.terms, b.terms) and np.array_equal(a.weights, b.weights)
    assert np.isclose(np.dot(a.weights, a.weights), 1.0)


def test_shipped_idf_weighs_common_words_below_rare_ones() -> None:
    common, unseen = (word_hash(w) for w in ("government", "zqxwvortelmund"))
    idf = term_idf(np.array([common, unseen], dtype=np.uint64))
    assert 1.0 < idf[0] < idf[1]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.booleans(), min_size=12, max_size=12))
def test_a_pair_links_by_its_two_articles_alone(keep) -> None:
    """The linking pairs among any subset of articles are the full set's pairs within it, and
    every linking pair is a candidate (what lets a night join only its own keys), with the
    date window or without."""
    arts = _dated_seeds([0, 1, 1, 2, 9]) + _unrelated()
    arts[2] = CorpusArticle(arts[2].article_id, arts[2].body, arts[2].title, None, None)
    facts = _facts_by_id(arts)
    sigs = {a: signature(f.terms, f.counts) for a, f in facts.items()}
    prints = {a: f.fingerprints for a, f in facts.items()}
    dates = {a: f.published_at for a, f in facts.items()}
    everything = linking_pairs(itertools.combinations(sorted(sigs), 2), sigs, prints, dates)
    assert everything == linking_pairs(candidate_pairs(sigs, prints), sigs, prints, dates)
    assert everything == linking_pairs(candidate_pairs(sigs, prints, dates), sigs, prints, dates)
    assert any(p.article_a == "seed_002" or p.article_b == "seed_002" for p in everything)
    subset = {a.article_id for a, k in zip(arts, keep) if k}
    part = {a: sigs[a] for a in subset}
    assert linking_pairs(candidate_pairs(part, prints, dates), part, prints, dates) == [
        p for p in everything if p.article_a in subset and p.article_b in subset]


def test_stories_of_blocks_are_the_full_passs() -> None:
    """Clustering each block on its own gives the stories of the whole corpus."""
    arts = _dated_seeds([0, 1, 1, 2, 9]) + _unrelated()
    facts = _facts_by_id(arts)
    sigs = {a: signature(f.terms, f.counts) for a, f in facts.items()}
    prints = {a: f.fingerprints for a, f in facts.items()}
    pairs = linking_pairs(candidate_pairs(sigs, prints), sigs, prints,
                          {a: f.published_at for a, f in facts.items()})
    blocks = story_blocks(sigs, pairs)
    per_block = []
    for block in set(blocks.values()):
        members = [story_member(facts[a]) for a in sorted(blocks) if blocks[a] == block]
        per_block += resolve_stories(members, [p for p in pairs if blocks[p.article_a] == block])
    assert sorted(per_block, key=lambda s: s.story_id) == find_stories(arts)


def test_the_shipped_df_table_is_what_its_script_builds(tmp_path) -> None:
    need(DEV)
    out = tmp_path / "df.tsv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_story_df.py"), "--shared",
                    str(DEV.parent), "--out", str(out)], check=True, capture_output=True)
    shipped = ROOT / "transforms" / "lexicons" / DF_TABLE
    assert out.read_bytes() == shipped.read_bytes()
