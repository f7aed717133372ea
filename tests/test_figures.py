"""Figure extraction: normalisation, non-figures, context, and the SQL views over figures."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from transforms.extract.figures.extractor import extract_figures
from transforms.extract.figures.kinds import FigureKind
from transforms.records import FigureMention

VIEWS = Path(__file__).resolve().parents[1] / "warehouse" / "views"
FIGURE_COLUMNS = [
    "figure_id", "article_id", "text", "start", "end", "value", "low", "high", "unit",
    "qualifier", "kind", "subject", "attributed_to", "sentence", "per", "population", "pollster",
]  # fmt: skip


def only(text: str) -> FigureMention:
    figs = extract_figures(text)
    assert len(figs) == 1, [f.text for f in figs]
    return figs[0]


def same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b))


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high", "unit", "qualifier"),
    [
        (
            "Delegates from more than 50 nations met.",
            "more than 50 nations",
            50,
            50,
            None,
            "countries",
            "more than",
        ),
        (
            "The bill adds about $2 billion in aid.",
            "about $2 billion",
            2e9,
            None,
            None,
            "USD",
            "about",
        ),
        ("Kyiv expects up to €4bn in loans.", "up to €4bn", 4e9, None, 4e9, "EUR", "up to"),
        ("The fund pays £3m for the aid.", "£3m", 3e6, 3e6, 3e6, "GBP", None),
        (
            "The package is worth $1.5 trillion in aid.",
            "$1.5 trillion",
            1.5e12,
            1.5e12,
            1.5e12,
            "USD",
            None,
        ),
        ("The city gets UAH 100 million in aid.", "UAH 100 million", 1e8, 1e8, 1e8, "UAH", None),
        ("Tokyo adds US$ 400 million.", "US$ 400 million", 4e8, 4e8, 4e8, "USD", None),
        (
            "Kyiv sets aside 2.5 trillion hryvnias.",
            "2.5 trillion hryvnias",
            2.5e12,
            2.5e12,
            2.5e12,
            "UAH",
            None,
        ),
        (
            "It cost 1.2 million rubles, officials said.",
            "1.2 million rubles",
            1.2e6,
            1.2e6,
            1.2e6,
            "RUB",
            None,
        ),
        ("Some 10-15% of voters back the plan.", "Some 10-15%", None, 10, 15, "percent", "some"),
        (
            "It needs between $1bn and $2bn in aid.",
            "between $1bn and $2bn",
            None,
            1e9,
            2e9,
            "USD",
            "between",
        ),
        (
            "Some 2-3 million people fled.",
            "Some 2-3 million people",
            None,
            2e6,
            3e6,
            "people",
            "some",
        ),
        (
            "Tens of thousands of people were killed.",
            "Tens of thousands of people",
            None,
            10_000,
            99_999,
            "people",
            None,
        ),
        (
            "But 10s of thousands had to die.",
            "10s of thousands",
            None,
            10_000,
            99_999,
            "people",
            None,
        ),
        (
            "Hundreds of thousands of casualties later.",
            "Hundreds of thousands of casualties",
            None,
            100_000,
            999_999,
            "people",
            None,
        ),
        ("A dozen countries abstained.", "A dozen countries", 12, 12, 12, "countries", None),
        (
            "Two million shells per year could be made, the plant produces them.",
            "Two million shells per year",
            2e6,
            2e6,
            2e6,
            "shells",
            None,
        ),
        (
            "After 500,000 people are dead, talks begin.",
            "500,000 people",
            5e5,
            5e5,
            5e5,
            "people",
            None,
        ),
        ("Russia may be satisfied with 20% of Ukraine.", "20%", 20, 20, 20, "percent", None),
        (
            "Must we give away a third of our state?",
            "a third of our state",
            100 / 3,
            100 / 3,
            100 / 3,
            "percent",
            None,
        ),
        (
            "Nearly 40,000 soldiers were wounded.",
            "Nearly 40,000 soldiers",
            40_000,
            None,
            40_000,
            "troops",
            "nearly",
        ),
        (
            "At least 1,200 civilians have been killed.",
            "At least 1,200 civilians",
            1200,
            1200,
            None,
            "people",
            "at least",
        ),
        (
            "Losses were between 50,000 and 70,000 troops.",
            "between 50,000 and 70,000 troops",
            None,
            50_000,
            70_000,
            "troops",
            "between",
        ),
    ],
)
def test_normalises_value_bounds_unit_and_qualifier(
    text: str,
    surface: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str,
    qualifier: str | None,
) -> None:
    fig = only(text)
    assert fig.text == surface
    assert same(fig.value, value) and same(fig.low, low) and same(fig.high, high)
    assert fig.unit == unit
    assert fig.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The ministry has spent $43 billion on security assistance.", "money"),
        ("The carmaker raised the list price to $52,000.", "money"),
        ("A YouGov poll found 41% of Britons back more sanctions.", "poll"),
        ("The company now controls almost 18% of the market.", "share"),
        ("Officials said 6,000 troops were killed in the assault.", "casualties"),
        ("Floods killed at least 140 people in the valley.", "casualties"),
        ("The alliance will put 300,000 troops on high readiness.", "people"),
        ("Some 6 million people have moved abroad.", "people"),
        ("The factory will produce 50,000 drones per month.", "count"),
        ("The builder finished 1,200 homes last year.", "count"),
        ("The mint struck 40,000 silver coins.", "count"),
        ("Voters in 11 states go to the polls.", "count"),
        ("Representatives of over 40 countries attended.", "countries"),
        ("The motion passed by 312 votes to 250.", "votes"),
        ("The new line runs for 140 kilometres.", "measure"),
        ("The champion weighs 240 pounds.", "measure"),
        ("The court fined him 240 pounds.", "money"),
        ("Exports rose to 1.4 million tonnes.", "measure"),
        ("A separate question found 26% favoured opening talks.", "poll"),
        ("Tens of thousands gathered in the square.", "other"),
    ],
)
def test_kind(text: str, kind: str) -> None:
    fig = only(text)
    assert fig.kind == kind
    assert FigureKind(fig.kind) is fig.kind


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Bonds worth $ 75 million were sold.", "$ 75 million", 75e6, "USD"),
        ("The offer is worth 528 million francs.", "528 million francs", 528e6, "CHF"),
        ("The ministers received five million yen.", "five million yen", 5e6, "JPY"),
        ("It bid 470 pence a share.", "470 pence a share", 470, "penny"),
        ("It pays a 12-cent-a-share dividend.", "12-cent-a-share", 12, "cent"),
        ("Reserves reached 88 billion Hong Kong dollars.", "88 billion Hong Kong dollars", 88e9, "HKD"),
        ("The fine was 2,500 rupees.", "2,500 rupees", 2500, "INR"),
        ("Tickets cost 300 pesos.", "300 pesos", 300, "MXN"),
        ("The loan is 35 lakh rupees.", "35 lakh rupees", 3.5e6, "INR"),
        ("The grant is €4.5bn in total.", "€4.5bn", 4.5e9, "EUR"),
        ("The deal values it at c $ 16.4 million .", "c $ 16.4 million", 16.4e6, "CAD"),
        ("Shares fell to HK$12.30 on Friday.", "HK$12.30", 12.3, "HKD"),
        ("The budget is USD 200 this year.", "USD 200", 200, "USD"),
        ("The bill came to 115USD in the end.", "115USD", 115, "USD"),
        ("The cost rose to 40 million USD.", "40 million USD", 40e6, "USD"),
        ("The fund manages 120 MEUR now.", "120 MEUR", 120e6, "EUR"),
        ("It only cost thirteen dollars and forty-five cents", "thirteen dollars and forty-five cents", 13.45, "USD"),
        ("It costs 15 dollars 50.", "15 dollars 50", 15.5, "USD"),
        ("The tab was quarter million US dollars.", "quarter million US dollars", 250e3, "USD"),
        ("A dollar is worth 143.80 yen today.", "143.80 yen", 143.8, "JPY"),
        ("The wallet held 10000 bitcoins.", "10000 bitcoins", 1e4, "BTC"),
        ("It lost -15€ on the trade.", "-15€", -15, "EUR"),
        ("The GDP is $2.174T.", "$2.174T", 2.174e12, "USD"),
        ("profit was 300 mln stg in the half", "300 mln stg", 3e8, "GBP"),
        ("sales of dlrs 5 mln were booked", "dlrs 5 mln", 5e6, "USD"),
        ("it fell to $ 2 . 50 on friday", "$ 2 . 50", 2.5, "USD"),
        ("The plan costs ₹3.5 lakh crore.", "₹3.5 lakh crore", 3.5e12, "INR"),
        ("He owes me 20 bucks.", "20 bucks", 20, "USD"),
        ("The fee is 5 Swiss francs.", "5 Swiss francs", 5, "CHF"),
        ("Bonds worth 1.2 billion Czech crowns were sold.", "1.2 billion Czech crowns", 1.2e9, "CZK"),
        ("A pint is five pounds 20 pence.", "five pounds 20 pence", 5.2, "GBP"),
    ],
)  # fmt: skip
def test_money_as_news_and_wire_text_write_it(text: str, surface: str, value: float, unit: str) -> None:
    fig = only(text)
    assert (fig.text, fig.unit, fig.kind) == (surface, unit, "money")
    assert math.isclose(fig.value, value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Turnout fell by twenty percent in the city.", 20, "percent"),
        ("Inflation reached 5 per cent in May.", 5, "percent"),
        ("the stake is 32 . 99 % of the company .", 32.99, "percent"),
        ("Unemployment rose 1.5 percentage points.", 1.5, "percentage points"),
    ],
)
def test_percent_in_words_and_tokens(text: str, value: float, unit: str) -> None:
    fig = only(text)
    assert math.isclose(fig.value, value) and fig.unit == unit


@pytest.mark.parametrize(
    ("text", "per", "when"),
    [
        ("Sales rose to $1.2 billion from $1.1 billion a year earlier.", None, "a year earlier"),
        ("Median pay was $41,200 a year ago.", None, "a year ago"),
        ("Rents rose 6.1 percent a year earlier.", None, "a year earlier"),
        ("The plant makes 40,000 cars a year.", "year", None),
        ("Crude traded at $81 per barrel.", "barrel", None),
    ],
)
def test_a_year_ago_is_a_comparison_time_not_a_rate(text: str, per: str | None, when: str | None) -> None:
    fig = extract_figures(text)[-1]
    assert (fig.per, fig.time_ref) == (per, when)


@pytest.mark.parametrize(
    "text",
    [
        "The talks began in March 2022 and resumed in 2023.",
        "It was published at 1:03 PM EDT, November 4, 2023.",
        "They met on March 7th and 13th, and again at 18:30.",
        "This was the first meeting and the 5th round.",
        "Ukrainian President Volodymyr Zelenskyj (44) spoke.",
        "Call +380 44 555 0199 for details.",
        "See https://example.com/world/report-rcna123628 for more.",
        "The Austrian model or the 5+1 model was proposed.",
        "Copyright © 2021 Example Press.",
        "Quote a maximum 500-character extract of the story.",
        "One senior official and two former diplomats spoke.",
        "There are five points. I had two conversations with him.",
        "The war could have ended nearly two years ago.",
        "Case No. 48213 was closed on page 14.",
        "Share this article 1.2k shares. 23 comments. Read 10 things to know.",
        "The G7 and the G20 met; Article 5 applies. Flight MH17 was downed in 2014.",
        "He was sentenced to 15 years in a 2,000-page ruling.",
        "Zelensky, 45, spoke. Call 911. Chapter 11.",
        "Top 10\nCountries to visit this summer",
        "Between 2009 and 2018 the plant was idle.",
        "Output fell in 2013-14 and from 2015 to 2017.",
        "The airline grounded its 737 Max jets.",
        "Fans filled the stands at Euro 96 and six Euro ties followed.",
        "Scores of shops were shut.",
        "The bridge runs between two islands.",
        "Only 2,000 remains of the old wall; 3,000 was the target.",
        "The home side won 3-1 and then drew 2-2.",
        "Among those aged 18 to 29 and those over 60, views split.",
    ],
)
def test_not_figures(text: str) -> None:
    assert extract_figures(text) == []


def test_context_fields() -> None:
    text = (
        "A Gallup poll released this week shows falling support, with 41% of Americans saying "
        "the aid is too much. While 25% said it is not enough.\n"
        "The Biden administration has spent $43.9 billion on security assistance, according to "
        "the Pentagon. Russia may be able to produce 2 million shells per year, a Western "
        "official said."
    )
    poll, second, money, shells = extract_figures(text)
    assert (poll.pollster, poll.population, poll.kind) == ("Gallup", "Americans", "poll")
    assert poll.subject is not None and poll.subject.startswith("Americans saying")
    assert (second.kind, second.population) == ("poll", "Americans")
    assert money.attributed_to == "the Pentagon" and money.subject == "security assistance"
    assert (shells.per, shells.kind, shells.attributed_to) == ("year", "count", "a Western official")
    for fig in (poll, second, money, shells):
        assert fig.sentence is not None and fig.sentence in text and fig.text in fig.sentence
    assert money.sentence.startswith("The Biden administration") and money.sentence.endswith(
        "Pentagon."
    )


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("“After 40,000 people were killed, talks are a farce,” Olena Kovalenko wrote.", "Olena Kovalenko"),
        ('"Russia lost 300,000 men in vain," said Mark Hollis on Sunday.', "Mark Hollis"),
        ("General Oleh Tkach spoke on Monday. He estimated losses at 9,000 troops.", "General Oleh Tkach"),
        ("Russia has lost 5,000 tanks, the ministry says.", "the ministry"),
        ("Some 2,000 civilians died, according to the regional governor.", "the regional governor"),
        ("A YouGov poll found 41% of Britons back sanctions.", "YouGov"),
        ("The storm killed 37 people, said Marta Lind, the regional governor.", "Marta Lind"),
        ("Mayor Jon Berg said floods killed at least 60 people.", "Mayor Jon Berg"),
    ],
)  # fmt: skip
def test_claimant(text: str, claimant: str) -> None:
    assert only(text).attributed_to == claimant


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Prices rose from $350 to $680 per tonne.", [("$350", 350, 350), ("$680 per tonne", 680, 680)]),
        ("Estimates range from 5 to 7 percent.", [("5 to 7 percent", 5, 7)]),
        ("It wants 90,000 more soldiers and to lower the age from 27 to 25.", [("90,000 more soldiers", 90_000, 90_000)]),
    ],
)  # fmt: skip
def test_a_change_from_one_figure_to_another_is_not_a_range(
    text: str, found: list[tuple[str, float, float]]
) -> None:
    assert [(f.text, f.low, f.high) for f in extract_figures(text)] == found


def test_a_bare_number_compared_with_a_figure_takes_its_unit() -> None:
    text = "The plant will produce up to 700,000 shells a year, up from 400,000 this year."
    first, second = extract_figures(text)
    assert (second.text, second.value, second.unit, second.kind) == (
        "400,000",
        400_000,
        "shells",
        "count",
    )
    assert first.per == "year"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Strikes damaged about half of the region's power capacity.", 1),
        ("Strikes cut power to about half of the time.", 0),
        ("Roughly 6 million Ukrainians live abroad.", 1),
        ("Sales rose from 2022 to 2023.", 0),
    ],
)
def test_possessives_demonyms_and_years(text: str, count: int) -> None:
    figs = extract_figures(text)
    assert len(figs) == count
    assert all(f.unit in ("people", "percent") for f in figs)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Envoys of more than 30 nations met.", "Envoys of 30 countries met.", True),
        ("It spent $5 billion on new schools.", "It spent $6 billion on schools.", True),
        ("It spent $5 billion on new schools.", "It spent $6 billion on roads.", False),
        ("Sales were $5 billion in 2022.", "Sales were $6 billion in 2023.", False),
        ("The road is 900 kilometres long.", "The town is 15 kilometres away.", False),
        ("Some 500 Danish workers struck.", "Some 500 workers struck.", False),
        ("Some 4,000 workers were hired.", "Some 4,000 students were hired.", False),
        ("Some 900 prisoners were freed.", "Some 900 adults were polled.", False),
        ("It gives €9 billion in grants and loans.", "It gives €5 billion in grants.", False),
    ],
)
def test_measure_key_tells_like_from_unlike(first: str, second: str, same: bool) -> None:
    a, b = only(first).measure_key, only(second).measure_key
    assert (a is not None and a == b) == same


@pytest.mark.parametrize(
    ("text", "surface", "kind", "claimant"),
    [
        ("“Half of my crew comes from the coast,” said Ola Berg.", "Half of my crew", "share", "Ola Berg"),
        ("Sixty percent of people questioned backed the plan.", "Sixty percent", "poll", None),
        ("Support for continued funding fell to 44%, down from 50%.", "44%", "share", None),
        ("The pollster found 38 percent would accept a deal.", "38 percent", "poll", None),
    ],
)  # fmt: skip
def test_shares_polls_and_their_claimants(
    text: str, surface: str, kind: str, claimant: str | None
) -> None:
    fig = extract_figures(text)[0]
    assert (fig.text, fig.kind, fig.attributed_to) == (surface, kind, claimant)


@pytest.mark.parametrize(
    ("text", "dates", "margin"),
    [
        ("The poll, conducted Oct. 5-9, found 45% of voters back him. Its margin of error is ±3 points.",
         "Oct. 5-9", 3.0),
        (("The survey was fielded from 3 to 9 March; 52% of respondents said yes. The margin of "
         "sampling error is plus or minus 2.5 percentage points."), "3 to 9 March", 2.5),
        ("A poll taken March 1-20, 2024 shows 41% of adults approve.", "March 1-20, 2024", None),
    ],
)  # fmt: skip
def test_poll_field_dates_and_margin(text: str, dates: str, margin: float | None) -> None:
    share = only(text)
    assert (share.kind, share.field_dates, share.margin_of_error) == ("poll", dates, margin)


def test_a_margin_of_error_is_a_property_of_the_poll_not_a_figure() -> None:
    text = "In the poll, 52% backed the plan. The margin of error was plus or minus 3 percentage points."
    (share,) = extract_figures(text)
    assert (share.text, share.kind, share.margin_of_error) == ("52%", "poll", 3.0)


def test_sentence_keeps_abbreviations_together() -> None:
    text = "A U.S. official says the administration has about $5 billion left for aid. Next."
    fig = only(text)
    assert fig.sentence == text[: text.index(" Next.")]
    assert fig.attributed_to == "A U.S. official"


def test_sorted_and_exact_offsets() -> None:
    text = "Over 50 countries sent $2 billion in aid, and 30% of Ukrainians said so."
    figs = extract_figures(text)
    assert [f.text for f in figs] == ["Over 50 countries", "$2 billion", "30%"]
    assert all(text[f.start : f.end] == f.text for f in figs)


# --------------------------------------------------------------------------- views


@pytest.mark.parametrize(
    "name", ["figure_disagreements", "poll_results", "money_amounts", "casualty_claims"]
)
def test_view_files_start_with_a_question_comment(name: str) -> None:
    first = (VIEWS / f"{name}.sql").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"-- {name}: ") and first.endswith(("?", "."))


def test_text_without_full_stops_gets_a_bounded_sentence() -> None:
    """Scraped text with no punctuation must not make every figure carry (and rescan) all of it."""
    text = "officials said 5,000 troops were sent to 20 countries and " * 400
    figs = extract_figures(text)
    assert len(figs) == 800
    assert max(len(f.sentence or "") for f in figs) <= 1200
    assert all(f.sentence in text for f in figs[:5])


def test_a_scale_fraction_joined_by_an_article_does_not_crash() -> None:
    """"a half a million" matched "a half a" as one fraction key and raised KeyError."""
    (fig,) = extract_figures("They raised a half a million dollars.")
    assert fig.value == 500_000 and fig.unit == "USD"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("A quarter of a million people came.", 250_000, "people"),
        ("They lost a third of a billion euros.", 1e9 / 3, "EUR"),
        ("Two thirds of a million voters stayed home.", 2e6 / 3, "voters"),
    ],
)
def test_a_fraction_of_a_scale_word_is_an_amount_not_a_share(text, value, unit) -> None:
    (fig,) = extract_figures(text)
    assert fig.value == pytest.approx(value) and fig.unit == unit
