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
    "an unnamed ministry official",
    "a Western intelligence source",
)

POLLSTERS: tuple[str, ...] = tuple(
    f"{first} {second}"
    for first in (
        "Meridian", "Civic Pulse", "Baltic", "Northbridge", "Keystone", "Vantage", "Lodestar",
        "Granite", "Harbourline", "Compass", "Beacon", "Tidewater",
    )
    for second in ("Polling Institute", "Research", "Analytics Group", "Survey Centre", "Opinion Lab")
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

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

CUES: tuple[str, ...] = ("said", "told reporters", "added", "warned", "wrote", "told the outlet")
SAID_SYNONYMS: tuple[str, ...] = ("said", "stated", "noted", "told journalists", "remarked")

# Function words a real-text respin (benchmarks.realtext) may trade for another of the same
# class, so two respins of one document share no 8-word runs of function words by chance.
FUNCTION_CLASSES: tuple[tuple[str, ...], ...] = (
    ("the", "this", "that", "each", "every", "some", "any", "one"),
    ("a", "one", "some", "another", "every", "each"),
    ("he", "she", "they", "we", "it", "you"),
    ("him", "her", "them", "us", "me"),
    ("his", "their", "our", "its", "my", "your"),
    ("in", "on", "at", "from", "with", "by", "for", "about", "over", "under", "after",
     "before", "into", "through", "near", "without"),
    ("of", "for", "from", "about", "with"),
    ("and", "but", "or", "yet", "so", "while"),
    ("will", "would", "could", "should", "might", "may", "can", "must"),
    ("is", "was", "seems", "remains"),
    ("are", "were", "seem", "remain"),
    ("has", "had", "keeps"),
    ("have", "had", "keep"),
    ("not", "never", "hardly", "rarely", "barely"),
    ("which", "that", "who"),
    ("there", "here", "then"),
    ("more", "less", "fewer", "most", "least"),
    ("very", "quite", "really", "fairly", "rather", "too"),
    ("also", "still", "even", "already", "just", "only"),
    ("when", "after", "before", "once", "since", "until", "because", "if", "although"),
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

# --------------------------------------------------------------------------- compositional text
# Templates below are rendered by benchmarks.synthetic: ``[a|b|c]`` picks one option, ``[@pool]`` one
# entry of POOLS[pool], ``<n:lo:hi>`` a fresh number, ``{slot}`` the story's own value.  Fixed
# runs between choices stay short (< 8 words), so two unrelated articles share no long verbatim
# run; group members share facts (names, places, figures) through the story's slots.

FIRST_NAMES: tuple[tuple[str, ...], ...] = (
    ("Oleksandr", "Olexandr", "Aleksandr"),
    ("Dmytro", "Dmitry", "Dmitriy"),
    ("Yuliia", "Yulia", "Iuliia"),
    ("Serhiy", "Serhii", "Sergei"),
    ("Mykola", "Nikolai"),
    ("Andriy", "Andrii", "Andrei"),
    ("Olena", "Elena"),
    ("Volodymyr", "Vladimir"),
    ("Hanna", "Ganna", "Anna"),
    ("Yevhen", "Evgeny", "Yevgeny"),
    ("Margaret",), ("Henrik",), ("Claire",), ("Tomasz",), ("Ingrid",), ("Pieter",),
    ("Rachel",), ("James",), ("Katarzyna",), ("Marco",), ("Sophie",), ("Lukas",),
    ("Amira",), ("Gregor",), ("Teresa",), ("Viktor",), ("Helena",), ("Matteo",),
    ("Nora",), ("Emil",), ("Irena",), ("Paolo",), ("Agnes",), ("Rafael",),
)
# Surnames are stem + ending (transliteration variants come with either), so a corpus of
# thousands of stories does not keep meeting the same few people.
_Spellings = tuple[tuple[str, ...], ...]
# (stems, endings) per naming tradition.
SURNAME_PARTS: tuple[tuple[_Spellings, _Spellings], ...] = (
    (
        (
            ("Koval",), ("Bondar",), ("Tkal",), ("Shev",), ("Melnych", "Melnich"),
            ("Krav",), ("Hryts", "Gryts"), ("Marchen",), ("Lysen",), ("Sav",), ("Rudn",),
            ("Kyrylen", "Kirilen"), ("Moroz",), ("Pavl",), ("Ostap",), ("Zhuk", "Zhouk"),
            ("Kolesn",), ("Horod", "Gorod"), ("Dem",), ("Lev",), ("Sydor", "Sidor"),
        ),
        (
            ("enko",), ("uk", "ouk"), ("chuk", "tchuk"), ("ets",), ("ynsky", "insky", "inskiy"),
            ("ova",), ("yshyn", "ishin"), ("ak",),
        ),
    ),
    (
        (
            ("Lind",), ("Dahl",), ("Berg",), ("Nord",), ("Holm",), ("Sand",), ("Ek",),
            ("Wester",), ("Hag",), ("Lund",), ("Sjo", "Sjoe"), ("Ahl",), ("Fors",), ("Malm",),
        ),
        (("qvist", "kvist"), ("gren",), ("strom", "stroem"), ("man",), ("berg",), ("lund",)),
    ),
)
SURNAMES: tuple[tuple[str, ...], ...] = (
    ("Hrytsenko", "Gritsenko"), ("Shevchuk", "Shevchouk"), ("Yildiz",), ("Hasanova", "Gasanova"),
    ("Ellison",), ("Dubois",), ("Wieczorek",), ("Moreno",), ("Whitfield",), ("Nowak",),
    ("Bellini",), ("Hartmann",), ("Lambert",), ("Kowalczyk",), ("Fischer",), ("Rossi",),
    ("Jansen",), ("Horvat",), ("Petersen",), ("Costa",), ("Varga",), ("Keller",), ("Brennan",),
    ("Marin",), ("Vogel",), ("Zielinski",), ("Aydin",), ("Castillo",), ("Okonkwo",), ("Barros",),
    *(
        tuple(
            f"{stem[k % len(stem)]}{ending[k % len(ending)]}"
            for k in range(max(len(stem), len(ending)))
        )
        for stems, endings in SURNAME_PARTS
        for stem in stems
        for ending in endings
    ),
)
ROLES: tuple[str, ...] = (
    "defence minister", "foreign minister", "finance minister", "energy minister",
    "trade commissioner", "deputy prime minister", "presidential adviser", "army spokesman",
    "regional governor", "mayor", "senator", "opposition leader", "central bank governor",
    "chief negotiator", "ceasefire envoy", "parliamentary speaker", "economy minister",
    "interior minister", "chief economist", "research director", "union leader",
    "emergency services chief", "grid operator's chief executive", "port authority director",
)

CITIES: tuple[str, ...] = (
    "Brussels", "Kyiv", "Warsaw", "Vienna", "Geneva", "Istanbul", "Strasbourg", "Vilnius",
    "Riga", "Tallinn", "Prague", "Bratislava", "Budapest", "Bucharest", "Sofia", "Chisinau",
    "Lviv", "Odesa", "Dnipro", "Poltava", "Krakow", "Gdansk", "Berlin", "Hamburg", "Munich",
    "Copenhagen", "Stockholm", "Helsinki", "Oslo", "Rome", "Milan", "Madrid", "Lisbon",
    "Paris", "Lyon", "Amsterdam", "Rotterdam", "The Hague", "Luxembourg", "Zagreb",
    "Ljubljana", "Athens", "Ankara", "Tbilisi", "Yerevan", "Baku", "London", "Dublin",
)
REGIONS: tuple[str, ...] = (
    "Kharkiv region", "Zaporizhzhia region", "Donetsk region", "Kherson region", "Sumy region",
    "Chernihiv region", "Mykolaiv region", "Dnipropetrovsk region", "Odesa region",
    "Poltava region", "Luhansk region", "Kyiv region", "Vinnytsia region", "Zhytomyr region",
    "Rivne region", "Cherkasy region",
)
ORGANISATIONS: tuple[str, ...] = (
    "the European Commission", "the European Parliament", "NATO", "the Pentagon",
    "the International Monetary Fund", "the Red Cross", "the OSCE", "the World Bank",
    "the UN refugee agency", "the European Investment Bank", "the finance ministry",
    "the defence ministry", "the energy ministry", "the national grid operator",
    "the central bank", "the state emergency service", "the World Food Programme",
    "the European Council", "the Council of Europe", "the national statistics office",
    "the prosecutor general's office", "the audit chamber", "the port authority",
    "the customs service",
)
POOLS: dict[str, tuple[str, ...]] = {
    "anon": ANONYMOUS,
    "cue": CUES,
    "said": ("said", "stated", "noted", "told reporters", "told journalists", "confirmed",
             "argued", "insisted", "acknowledged", "added"),
    "time": ("on {weekday}", "late on {weekday}", "earlier this week", "on {weekday} morning",
             "by {weekday} evening", "overnight", "last week", "this month", "in recent days",
             "over the weekend", "on {weekday} afternoon", "at the weekend"),
    "Time": ("On {weekday}", "Late on {weekday}", "Earlier this week", "On {weekday} morning",
             "By {weekday} evening", "Overnight", "Last week", "In recent days",
             "Over the weekend", "On {weekday} afternoon", "Speaking in {city}",
             "In a statement", "According to officials", "After hours of debate"),
    "attrib": ("officials said", "{org} said", "according to {org}", "{s0} said",
               "{s1} told reporters", "people close to {s1} said", "officials in {city} said",
               "a spokesperson for {s0} confirmed", "the agency said on {weekday}",
               "diplomats in {city2} said", "{org} said in a {weekday} statement",
               "local authorities in {region} reported"),
    "adj": ("sharp", "modest", "steep", "unexpected", "gradual", "significant", "marked",
            "slight", "dramatic", "steady", "limited", "substantial"),
    "officials": ("officials", "authorities", "ministers", "diplomats", "lawmakers",
                  "analysts", "observers", "regional leaders", "economists", "aid workers"),
    "worry": ("warned", "cautioned", "feared", "complained", "suggested", "conceded",
              "predicted", "signalled", "hinted", "made clear"),
    "soon": ("within {days} days", "before the {city2} summit", "by the spring of {year}",
             "before winter", "in the coming weeks", "by {weekday}", "before the {days}-day deadline",
             "within weeks", "by the summer"),
}

# What the event is about, beyond its kind: one per story, named in headline and lead, so
# stories of one kind are told apart by their own vocabulary as real ones are.
THEMES: dict[str, tuple[str, ...]] = {
    "aid": ("air defence batteries", "winter fuel", "demining equipment", "field hospitals",
            "armoured ambulances", "artillery ammunition", "budget support", "school repairs",
            "water purification plants", "mobile generators", "border guard vehicles",
            "housing vouchers", "frontline bridges", "grain storage", "patrol boats"),
    "poll": ("conscription", "sanctions relief", "pension reform", "energy prices",
             "refugee housing", "defence spending", "EU enlargement", "the wealth tax",
             "fuel subsidies", "early elections", "arms exports", "the language law",
             "rent controls", "military service"),
    "ceasefire": ("prisoner exchanges", "the nuclear plant", "the grain corridor",
                  "the demilitarised strip", "missing civilians", "deported children",
                  "the river crossing", "frozen front lines", "mine clearance",
                  "the dam reservoir", "the railway link", "shelling of ports"),
    "strike": ("a shopping centre", "a rail depot", "an apartment block", "a grain terminal",
               "a hospital wing", "a bus station", "a thermal power plant", "a university campus",
               "a fuel depot", "a market square", "a water pumping station", "a school gym"),
    "energy": ("the hydro dam", "the thermal plant", "high-voltage lines", "the gas storage site",
               "the wind farm", "rooftop solar", "the coal mine", "district heating",
               "the nuclear reactor", "the interconnector", "transformer stocks",
               "gas turbines"),
    "trade": ("grain exports", "steel quotas", "poultry imports", "truck permits",
              "sugar tariffs", "the Danube ports", "fertiliser duties", "honey imports",
              "rail freight", "sunflower oil", "egg quotas", "timber exports"),
    "court": ("army catering contracts", "body armour tenders", "a defence procurement scheme",
              "road repair contracts", "humanitarian aid deliveries", "a land registry fraud",
              "customs bribes", "fake disability certificates", "a bank collapse",
              "shelter construction", "drone purchases", "energy trading"),
}
# The opening sentence of an original report: what happened, where, who.
LEADS: tuple[str, ...] = (
    "[@Time], {p0}, the {r0}, [put|placed|kept] {thing} at the [centre|heart|top] of "
    "[talks|a meeting|a debate] in {city}",
    "{thing} [dominated|overshadowed|shaped] [talks|the agenda|debate] in {city} [@time], "
    "where {p0}, the {r0}, "
    "[met|faced|addressed] [@officials]",
    "[@Time], {org} and {p0}, the {r0}, [clashed|agreed|disagreed] over {thing} in {city}",
)
HEADLINES: dict[str, tuple[str, ...]] = {
    "aid": (
        "{city} [pledge|package] for {thing}: {s0} [wants|seeks|demands] {money2}",
        "{city} [lawmakers|legislators|parliament] [back|approve|clear] {money} aid package",
        "{Org} [clears|approves|signs off] {money} [package|in support] as {s0} urges speed",
        "[Allies|Donors|Partners] pledge {money} at {city} [meeting|conference|summit]",
    ),
    "poll": (
        "Voters split on {thing} as {s0} [weighs|considers|faces] [reform|vote|choice]",
        "Poll: {pct} of voters back [continued support|more aid|talks], {pollster} finds",
        "Support [slips|falls|edges down] to {pct}, {pollster} survey shows",
        "{pollster} survey finds {pct} [favour|back|support] [negotiations|sanctions|aid]",
    ),
    "ceasefire": (
        "{thing} [tops|leads|dominates] {city} [talks|agenda] as {s0} [meets|hosts] envoys",
        "[Ceasefire|Truce] talks [resume|stall|restart] in {city} as {s0} [warns|cautions]",
        "Envoys [meet|gather] in {city} to discuss [truce|prisoner swap|buffer zone]",
        "{s0} says talks in {city} made '[modest|some|little] progress'",
    ),
    "strike": (
        "Strike [hits|destroys|damages] {thing} in {city2}; {killed} [dead|killed]",
        "At least {killed} killed in [overnight|night-time|dawn] strikes on {region}",
        "[Attack|Strike|Drone raid] on {region} kills {killed}, {wounded} wounded",
        "{region} hit by [drones|missiles]; {killed} dead, [dozens|many] hurt",
    ),
    "energy": (
        "{thing} [offline|damaged|shut] [near|outside] {city2}, {s0} says",
        "[Blackouts|Power cuts|Outages] hit {homes} homes in {region} after [strike|attack]",
        "{city} [grid|power plant|substation] [damaged|knocked out|hit]; {s0} [vows|promises] repairs",
        "{Org} [seeks|requests|wins] {money2} to [rebuild|repair|protect] power grid",
    ),
    "trade": (
        "{s0} [and|meets] {s1} on {thing} [deal|row|talks] in {city}",
        "{city} [agrees|unveils|announces] {money} [trade|export|grain] deal",
        "[Tariff|Customs|Export] row: {s0} [threatens|warns of|rules out] [curbs|duties|quotas]",
        "{Org} [extends|widens|suspends] duty-free [access|quotas] worth {money2}",
    ),
    "court": (
        "{s2} [charged|accused|named] in probe into {thing}",
        "Court in {city} [jails|convicts|acquits] {s2} in {money2} [fraud|bribery|procurement] case",
        "{s2} [charged|indicted|detained] over {money2} [contracts|tender|scheme], {org} says",
        "[Judges|Court] [order|block|review] {money2} [asset freeze|seizure|transfer] in {city}",
    ),
}

FACTS: dict[str, tuple[str, ...]] = {
    "aid": (
        "[the package|the bill|the measure|the aid plan] [includes|sets aside|earmarks|"
        "provides] {money} for [air defence|ammunition|budget support|reconstruction]",
        "{org} [said|expects|hopes] the first [tranche|instalment|payment] of {money2} "
        "[could|would|should] [arrive|be paid] [@soon]",
        "the [vote|motion|bill] passed by {votes_for} to {votes_against}, with {abstain} "
        "[abstentions|members abstaining|lawmakers abstaining]",
        "[supporters|backers|ministers] [argued|said|insisted] {money2} [would|could] keep "
        "[payrolls|pensions|hospitals|schools] [running|open|funded] [through winter|until {year}]",
        "[critics|sceptics|opponents] in {city} [questioned|asked|doubted] how {money} "
        "[would be|could be|will be] [repaid|audited|spent]",
        "the measure had [stalled|been blocked|been delayed] for {days} days [amid|over|during] "
        "[a row|a dispute|disagreement] [about|over] [frozen assets|conditions|oversight]",
        "between {low} and {high} [artillery shells|drones|generators|tonnes of fuel] "
        "[could|would] be [bought|financed|supplied] with {money2}",
    ),
    "poll": (
        "[the survey|the poll|the study] of {sample} [adults|voters|respondents] was "
        "[carried out|conducted|fielded] [@time] by {pollster}",
        "{pct} of [respondents|those asked|voters] [said they|say they] [backed|supported|"
        "favoured] [continued aid|more sanctions|talks], [down|up] from {pct2}",
        "the margin of error in {city} was [plus or minus|about|roughly] {moe} "
        "[percentage points|points]",
        "[voters under 30|younger voters|voters in {city}] were [markedly|noticeably|far] "
        "[less|more] [supportive|sceptical] than [those over 60|pensioners|rural voters]",
        "[about|roughly|some] {pct2} [expected|said] the [fighting|war|conflict] would "
        "[end|continue|escalate] [within a year|by {year}|for years]",
        "[a separate question|another question|a follow-up] [found|showed] {pct3} "
        "[favoured|backed|opposed] [talks|sanctions|new taxes] in {city}",
    ),
    "ceasefire": (
        "[delegations|negotiators|envoys] [met|talked|sat] [behind closed doors|in private|"
        "face to face] in {city} for [more than|about|nearly] {hours} hours",
        "the talks [focused on|centred on|turned to] a [prisoner exchange|buffer zone|"
        "grain corridor] [of|covering|stretching] {km} kilometres near {region2}",
        "[roughly|about|some] {troops} [troops|soldiers] [remain|are still] [deployed|dug in|"
        "stationed] [along the front|near {region2}|in the {region}]",
        "{org} [offered|proposed|agreed] to [monitor|verify|police] [a truce|the deal|any pause] "
        "with [up to|about|as many as] {monitors} [observers|monitors|inspectors]",
        "[both sides|each side|the delegations] [accused|blamed] the other of [shelling|"
        "attacking|targeting] [villages|civilians|supply routes] near {city2}",
        "a [previous|earlier|first] round in {city2} [collapsed|stalled|ended] after {days} days",
    ),
    "strike": (
        "[rescuers|emergency crews|firefighters] [pulled|freed|rescued] <n:3:40> "
        "[survivors|people|residents] from [the rubble|a collapsed building|burning homes] "
        "in {city2}",
        "{p1} said {wounded} people were [wounded|injured|hurt], [including|among them] "
        "{children} children",
        "air defences [shot down|destroyed|intercepted] {drones} of {drones_total} "
        "[drones|missiles|projectiles] [launched|fired|sent] [@time]",
        "[power|water|heating] was [cut|lost|knocked out] to [about|roughly|some] {homes} "
        "[homes|households|residents] in {region}",
        "it was the [deadliest|worst|heaviest] [attack|strike|barrage] on {city2} in {days} days",
        "{org} [said|announced] it was [sending|releasing|flying in] [supplies|aid|equipment] "
        "worth {money2} to {city2}",
    ),
    "energy": (
        "[engineers|repair crews|technicians] [restored|reconnected|brought back] "
        "<n:10:90> [percent|per cent] of [supply|capacity|lines] in {region} [@time]",
        "the [plant|substation|station] near {city2} [supplied|served|powered] [about|roughly] "
        "{homes} [homes|households] [before the attack|until {weekday}]",
        "[rolling blackouts|scheduled cuts|outages] of {hours} hours a day [were|will be] "
        "[imposed|introduced|extended] [across|in] {region}",
        "{org} [estimated|put|calculated] [repair costs|the damage|losses] at {money2}",
        "[imports|purchases|flows] from {city} [rose|climbed|jumped] to <n:200:1900> "
        "megawatts [@time]",
        "[generators|transformers|turbines] worth {money2} [are due|were promised|will arrive] "
        "[@soon]",
    ),
    "trade": (
        "[exports|shipments|sales] of [grain|steel|sunflower oil|fertiliser] [rose|fell|slid] "
        "{pct3} to <n:2:90>.<n:0:9> million tonnes",
        "the [deal|agreement|accord] [covers|includes|lifts] [quotas|duties|checks] on "
        "[poultry|sugar|eggs|honey|wheat] worth {money2}",
        "[farmers|hauliers|producers] in {city2} [blocked|protested at|picketed] [border "
        "crossings|depots|ports] for {days} days",
        "{org} [said|expects] [customs revenue|duties|receipts] [would|could] [reach|top|exceed] "
        "{money}",
        "[talks|negotiations] between {city} and {city2} [lasted|ran|took] {hours} hours",
        "[tariffs|duties|levies] of {pct3} [will apply|would apply|apply] from <n:1:28> "
        "[March|April|May|June|September|October]",
    ),
    "court": (
        "[prosecutors|investigators|auditors] [say|allege|claim] {money2} was [diverted|"
        "siphoned off|misspent] [through|via] [shell companies|inflated contracts|a tender]",
        "{s2} [denies|rejects|disputes] [the charges|all wrongdoing|the allegations] "
        "[and|but] faces up to <n:5:15> years",
        "the [court|judge|panel] in {city} [ordered|approved|extended] [detention|bail|"
        "an asset freeze] for {days} days",
        "[searches|raids] at <n:3:40> [addresses|offices|sites] [@time] [found|turned up|"
        "seized] [documents|cash|servers]",
        "{org} [opened|launched|widened] [an inquiry|a probe|a case] into <n:3:60> "
        "[contracts|tenders|payments] signed since {year}",
    ),
}
GENERIC_FACTS: tuple[str, ...] = (
    "[the row|the dispute|the debate] over {thing} [has|had] [dragged on|simmered|run] "
    "[for|over] {days} days, [@attrib]",
    "{s0} [said|argued|insisted] {thing} [was|remained] [the priority|a red line|"
    "non-negotiable] for {city}",
    "[questions|doubts|concerns] about {thing} [first|initially] [surfaced|arose|emerged] in "
    "{city2} in {year}",
    "the [issue|decision|matter] is [expected|likely|set] to [dominate|shape|feature at] "
    "{s0}'s [summit|meeting|gathering] in {city2} [next month|in {days} days|@time]",
    "{org} has [repeatedly|long|again] [called for|urged|pressed for] {city2} to [join|lead|"
    "back] a [coordinated|joint|common] [response|plan|approach]",
    "[opposition parties|critics|rival lawmakers] in {city} [said|argued|complained] "
    "{s1} had [failed|refused|neglected] to [explain|publish|justify] the {money2} "
    "[cost|bill|price] of {thing}",
    "[analysts|economists|diplomats] in {city2} [said|believe|expect] the [decision|vote|"
    "move] on {thing} could [shape|change|define] {s0}'s [next phase|coming months|talks]",
    "the [announcement|statement|move] [came|followed] [a day|two days|hours] after {s0} "
    "[met|spoke with|called] [counterparts|{p1}|donors] in {city2}",
    "{p0}, the {r0}, is [due|expected|set] to [brief|address|meet] [lawmakers|reporters|"
    "allies] [on {weekday}|@time]",
    "[the figures|these numbers|the estimates] [from|for|on] {city2} could not be "
    "[independently|immediately] [verified|confirmed|checked]",
    "[markets|investors|bond traders] in {city} [reacted calmly|shrugged|barely moved] to "
    "{s0}'s [remarks|plan|comments], with {city2} [shares|bonds] [flat|up {pct3}|down {pct3}] "
    "[@time]",
    "[some|about|roughly] {pct3} of {s0}'s {money2} [is|are] [earmarked|set aside|"
    "reserved] for {thing} in {region}",
    "{org} [estimates|believes|says] [reconstruction|repairs|recovery] in {region} will "
    "cost [more than|at least|about] {money}",
    "[humanitarian groups|aid agencies|charities] in {city2} [warned|said] [winter|the cold|"
    "rising prices] would [worsen|deepen] [shortages|hardship] for <n:2:90>,000 people in "
    "{region}",
    "[about|roughly|more than] {refugees} people from {city2} and {region} have [fled|left] since "
    "{s1} [took office|warned of shortages|last visited] in {year}",
    "{s1}, [who|whose office] [leads|oversees|runs] [the file|the talks] on {thing}, "
    "[@worry] that [delays|divisions|costs] in {city2} [could|would|might] [grow|mount|deepen]",
    "[@officials] in {city2} [@worry] that <n:2:9> [@adj] [risks|obstacles|gaps] "
    "[remained|persisted|loomed] [@time]",
)
QUOTE_BODIES: tuple[str, ...] = (
    "[We|Our government|My team] [will|must|cannot] [act|wait|move] on {thing} [@soon], "
    "and {s1} [knows|understands|has heard] that",
    "[Every|Each] [week|day|month] of [delay|hesitation|debate] in {city} is [paid for|felt|"
    "counted] in {region}",
    "[These|Those] {money2} are [not charity|an investment|a lifeline] for <n:2:90> "
    "[towns|hospitals|schools|villages]",
    "[Nobody|No one] [should|can] [expect|promise|demand] a [breakthrough|miracle|deal] "
    "[in one afternoon|by {weekday}|@soon]",
    "[The numbers|The figures|{pct}] [tell us|show|mean] [people|voters|families] "
    "[want|expect|need] [a plan|answers|results]",
    "[We counted|We saw|We lost] <n:3:90> [homes|buildings|lives] in {city2} [@time], "
    "and [the number|the toll|the count] [will|may] [rise|grow]",
    "[Any|A] [truce|deal|agreement] [has to|must|needs to] be [verifiable|fair|lasting], "
    "[or|otherwise] {city2} [gets|will get] [only a pause|nothing|empty words]",
    "{city2} [has shown|proved] that [Europe|we] can [act|work] with {s1} on {thing}",
    "[I|We] [told|warned|reminded] {s1} that {days} days is [too long|not enough|a lifetime]",
)
# How an anonymous quote is attributed; the source's vagueness is the point, the place is not.
ANONYMOUS_TAILS: tuple[str, ...] = (
    "[@anon] in {city} [@cue], speaking on condition of anonymity",
    "[@anon] in {city2} [@cue] on {weekday}, declining to be named",
    "[@cue] [@anon] in {city2}, who requested anonymity to discuss {region}",
    "[@anon] in {city2} [@cue], asking not to be identified",
    "[@cue] [@anon] in {city}, [speaking|talking] [privately|anonymously] about {thing}",
)
# A partial quote: "{partial}" is the quoted fragment, {context} a rendered fact.
PARTIAL_SHAPES: tuple[str, ...] = (
    "{name} [called the outcome|described the vote as|dismissed the plan as|hailed the deal as]"
    " \u201c{partial}\u201d and [@cue] in {city2} that {context}",
    "[In {city},|On {weekday},|Speaking to {outlet},] {name} [called|labelled|described] "
    "[the decision|the move|the result] \u201c{partial}\u201d, [adding|arguing|noting] that "
    "{context}",
)
PARTIALS: tuple[str, ...] = (
    "a turning point", "deeply worrying", "too little, too late", "a test of unity",
    "premature", "a lifeline", "a serious mistake", "long overdue", "a dangerous precedent",
    "encouraging", "a step backwards", "unacceptable",
)
INTROS: tuple[str, ...] = (
    "{source} reported [@time] that",
    "[According to|As first reported by] {source},",
    "[A report|Reporting] by {source} [said|found|showed] that",
)
# Light edits for near-duplicates: a changed word or two per paragraph.
SYNONYMS: dict[str, str] = {
    "would": "could", "after": "following", "reported.": "said.", "during": "amid",
    "said": "stated", "about": "roughly", "officials": "authorities", "people": "residents",
    "homes": "households", "talks": "negotiations", "warned": "cautioned", "said.": "stated.",
    "more": "further", "expected": "likely", "attack": "assault", "rose": "climbed",
}
