"""Word pools for the synthetic dump generator, kept apart from the generator's logic.

Everything here is invented for the project (people, outlets, pollsters): plausible enough to
exercise entity resolution, quote attribution and figure extraction, real enough in shape
(wire-style clauses, cue verbs, scale words) to make the benchmark meaningful.
"""

from __future__ import annotations

# Each person: (spellings as different outlets transliterate them, role, affiliation).
PEOPLE: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("Oleksandr Kovalenko", "Olexandr Kovalenko", "Aleksandr Kovalenko"),
        "defence minister",
        "Ukraine",
    ),
    (
        ("Dmytro Bondarenko", "Dmitry Bondarenko", "Dmitriy Bondarenko"),
        "deputy foreign minister",
        "Ukraine",
    ),
    (
        ("Yuliia Marchenko", "Yulia Marchenko", "Iuliia Marchenko"),
        "presidential adviser",
        "Ukraine",
    ),
    (
        ("Serhiy Tkachuk", "Serhii Tkachuk", "Sergei Tkachuk"),
        "army spokesman",
        "Ukraine's ground forces",
    ),
    (("Mykola Hrytsenko", "Mykola Gritsenko", "Nikolai Gritsenko"), "mayor", "Kharkiv"),
    (("Margaret Ellison",), "EU trade commissioner", "European Commission"),
    (("Henrik Dahl",), "NATO deputy secretary general", "NATO"),
    (("Claire Dubois",), "French foreign minister", "France"),
    (("Tomasz Wieczorek",), "Polish defence minister", "Poland"),
    (("Anna Lindqvist",), "Swedish prime minister", "Sweden"),
    (("Pieter van Aalst",), "Dutch finance minister", "the Netherlands"),
    (("Rachel Moreno",), "senator", "the U.S. Senate"),
    (("James Whitfield",), "Pentagon press secretary", "the Pentagon"),
    (("Katarzyna Nowak",), "rapporteur", "the European Parliament"),
    (("Ahmet Yildiz", "Ahmed Yildiz"), "Turkish deputy foreign minister", "Turkey"),
    (("Ingrid Solberg",), "research director", "Meridian Polling Institute"),
    (("Marco Bellini",), "chief economist", "Adriatic Capital"),
    (("Leyla Hasanova", "Leila Gasanova"), "ceasefire envoy", "the OSCE"),
)

ANONYMOUS: tuple[str, ...] = (
    "a senior EU official",
    "one senior U.S. official",
    "a diplomat familiar with the talks",
    "two people briefed on the negotiations",
    "a former NATO commander",
    "an official who asked not to be named",
    "a Western intelligence source",
)

ORGANISATIONS: tuple[str, ...] = (
    "the European Commission",
    "the European Parliament",
    "NATO",
    "the Pentagon",
    "the International Monetary Fund",
    "the Red Cross",
    "the OSCE",
    "the World Bank",
    "the UN refugee agency",
    "the European Investment Bank",
)

POLLSTERS: tuple[str, ...] = (
    "Meridian Polling Institute",
    "Civic Pulse Research",
    "Baltic Analytics Group",
    "Northbridge Survey Centre",
)

# (display name, web domain): domains under .example so no real site is named.
OUTLETS: tuple[tuple[str, str], ...] = (
    ("Daily Ledger", "dailyledger.example.com"),
    ("Northern Courier", "northerncourier.example.net"),
    ("Continental Wire", "continentalwire.example.org"),
    ("Harbor Times", "harbortimes.example.com"),
    ("Eastern Dispatch", "easterndispatch.example.org"),
    ("Metro Post", "metropost.example.com"),
    ("Riverside Herald", "riversideherald.example.net"),
    ("Capital Observer", "capitalobserver.example.com"),
)

AUTHORS: tuple[str, ...] = (
    "Laura Benedetti",
    "Samuel Okafor",
    "Elena Petrova",
    "Tom Hargreaves",
    "Nadia Rahimi",
    "Jonas Berg",
    "Priya Raman",
    "Daniel Kowalski",
    "Sofia Marquez",
    "Oliver Grant",
)

CITIES: tuple[str, ...] = (
    "Brussels",
    "Kyiv",
    "Warsaw",
    "Vienna",
    "Geneva",
    "Istanbul",
    "Strasbourg",
    "Vilnius",
)
REGIONS: tuple[str, ...] = (
    "Kharkiv region",
    "Zaporizhzhia region",
    "Donetsk region",
    "Kherson region",
    "Sumy region",
)
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

CUES: tuple[str, ...] = ("said", "told reporters", "added", "warned", "wrote", "told the outlet")
SAID_SYNONYMS: tuple[str, ...] = ("said", "stated", "noted", "told journalists", "remarked")

# Event kinds: what the story is about and how its headline reads.
HEADLINES: dict[str, tuple[str, ...]] = {
    "aid": (
        "{city} lawmakers back {money} aid package for Ukraine",
        "Parliament approves {money} in wartime support after long debate",
        "{Org} clears {money} package as {person} urges speed",
    ),
    "poll": (
        "Poll: {pct} of voters back continued support, {pollster} finds",
        "Support for aid slips to {pct}, new {pollster} survey shows",
        "{pollster} survey finds {pct} favour negotiations",
    ),
    "ceasefire": (
        "Ceasefire talks resume in {city} as {person} warns of long road",
        "Envoys meet in {city} to discuss truce along the front",
        "{person} says truce talks in {city} made 'modest progress'",
    ),
    "strike": (
        "At least {killed} killed in overnight strikes on {region}",
        "Overnight attack on {region} kills {killed}, officials say",
        "{region} hit by drones; {killed} dead, dozens wounded",
    ),
}

# Clause pools: a sentence is built from several of them, so that unrelated synthetic articles
# rarely share long verbatim runs (that would be false text reuse), while rewrites share
# whole paragraphs on purpose.
OPENERS: tuple[str, ...] = (
    "On {weekday},",
    "Late on {weekday},",
    "Earlier this week,",
    "In a statement on {weekday},",
    "Speaking in {city},",
    "After hours of debate,",
    "According to officials,",
    "By {weekday} evening,",
)
BACKGROUND: dict[str, tuple[str, ...]] = {
    "aid": (
        "the package includes {money} for air defence and a further {money2} in budget support",
        "{org} said the first tranche of {money2} could be paid out within {days} days",
        "the vote passed by {votes_for} to {votes_against}, with {abstain} abstentions",
        "supporters argued the money would keep the government's payroll running through winter",
        "critics in several capitals questioned how the loans would be repaid",
        "the measure had stalled for {days} days amid a dispute over frozen assets",
        "the total pledged since {year} now exceeds {money}",
        "officials estimated that between {low} and {high} artillery shells could be bought with it",
    ),
    "poll": (
        "the survey of {sample} adults was carried out between {weekday} and the following week",
        "{pct} of respondents said they backed continued military aid, down from {pct2} in spring",
        "the margin of error was plus or minus {moe} percentage points",
        "younger voters were markedly less supportive than those over sixty",
        "about {pct2} said the fighting would end within a year",
        "a separate question found {pct3} favoured opening talks with Moscow",
        "the findings mirror a slow erosion of support seen in earlier surveys",
    ),
    "ceasefire": (
        "delegations met behind closed doors for more than {hours} hours",
        "the talks focused on a prisoner exchange and a {km}-kilometre buffer zone",
        "roughly {troops} troops remain deployed along the line of contact",
        "{org} offered to monitor any truce with a mission of up to {monitors} observers",
        "both sides accused each other of shelling civilian areas during the talks",
        "a previous round collapsed in {year} after {days} days",
        "officials said at least {killed} soldiers had been exchanged in earlier swaps",
    ),
    "strike": (
        "emergency crews pulled survivors from the rubble of a five-storey building",
        "the regional governor said {wounded} people were wounded, including {children} children",
        "air defences shot down {drones} of {drones_total} drones launched overnight",
        "power was cut to about {homes} homes across the region",
        "it was the deadliest attack on the area in {days} days",
        "{org} said it was sending emergency supplies worth {money2}",
    ),
}
# Context any story can carry, filled with the story's own names and figures.
GENERIC: tuple[str, ...] = (
    "the issue is expected to dominate a summit of European leaders in {city} next month",
    "{org} has repeatedly called for a coordinated response from member states",
    "opposition parties said the government had failed to explain the long-term costs",
    "analysts said the decision could shape the next phase of the war",
    "the announcement came a day after {person} met counterparts in {city}",
    "{person} is due to brief lawmakers on the details on {weekday}",
    "the figures could not be independently verified",
    "markets reacted calmly, with the euro little changed against the dollar",
    "some {pct3} of the funds are earmarked for reconstruction of energy infrastructure",
    "officials in {city} declined to comment on the timing",
    "{org} estimates that reconstruction will cost more than {money}",
    "the debate exposed divisions between eastern and western member states",
    "humanitarian groups warned that winter would worsen shortages in the {region}",
    "about {refugees} people have fled the {region} since the start of the year",
)
CLOSERS: tuple[str, ...] = (
    "officials said",
    "the ministry said in a statement",
    "local authorities reported",
    "according to figures released on {weekday}",
    "a spokesperson confirmed",
    "the agency said",
    "diplomats said",
)
QUOTES: dict[str, tuple[str, ...]] = {
    "aid": (
        "This money is not charity, it is an investment in our own security",
        "Every week of delay is paid for on the front line",
        "We cannot ask our partners to wait while we argue about procedure",
        "The package sends a clear signal that Europe will not look away",
        "We will account for every euro and every dollar",
        "{city} has shown that Europe can still act together",
        "The first {money2} must reach Kyiv before the winter, not after it",
        "Nobody in this chamber voted for an open-ended commitment",
    ),
    "poll": (
        "Fatigue is real, but it is not the same as opposition",
        "The numbers tell us people want a plan, not an open cheque",
        "Support has softened most among voters who feel the pinch at home",
        "When {pct} of people say the same thing, politicians should listen",
        "The gap between the generations is the real story in this poll",
        "We asked the same question in {year} and the answer was very different",
    ),
    "ceasefire": (
        "Nobody should expect a breakthrough in one afternoon",
        "We made modest progress, and modest progress is still progress",
        "A ceasefire without guarantees would only give the aggressor time to regroup",
        "The door to negotiations has never been closed from our side",
        "What happens in {city} this week will be judged in the {region}",
        "Any truce has to be verifiable, or it is only a pause",
        "We have put the exchange of prisoners at the top of the agenda",
    ),
    "strike": (
        "They struck a residential block while families were asleep",
        "Our air defence did its job, but we need more of it",
        "Rescue work will continue through the night",
        "The {region} has lived under fire for {days} days now",
        "We are still counting the victims and the number will rise",
        "These were not military targets, these were homes",
    ),
}
PARTIALS: tuple[str, ...] = (
    "a turning point",
    "deeply worrying",
    "too little, too late",
    "a test of unity",
    "premature",
    "a lifeline",
)

FURNITURE_TOP: tuple[str, ...] = (
    "Updated at {hh}:{mm}",
    "Image credit: {author} / {outlet}",
    "Photo: {outlet} archive",
    "Listen to this article",
)
FURNITURE_BOTTOM: tuple[str, ...] = (
    "Join our newsletter for the day's top stories",
    "Related Posts",
    "Leave a comment",
    "Copyright © {year} {outlet}. All rights reserved.",
    "Share this article: Facebook | X | Email",
    "Read more: {title_other}",
)

# Light edits a rewriting outlet applies to a borrowed paragraph.
EDITS: tuple[tuple[str, str], ...] = (
    (" said", " stated"),
    (" told reporters", " told journalists"),
    ("officials", "authorities"),
    (" about ", " roughly "),
    ("more than", "over"),
    ("lawmakers", "legislators"),
    ("on the front line", "at the front"),
)
