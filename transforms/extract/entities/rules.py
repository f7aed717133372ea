"""Word lists for the entity extractor, kept apart from the logic that uses them.

The tagger decides what is a name; these lists only describe names it found: roles and
honorifics around a person, an organisation's kind from its head noun or a descriptor, canonical
spellings of a few organisations.  All entries are lower case.
"""

from __future__ import annotations

from transforms.lexicons import words
from transforms.text.patterns import alternation  # noqa: F401  (re-exported)

# --------------------------------------------------------------------------- people

# Honorifics: stand before a name ("Mr. Smith", "Dr. Ann Lee") but are neither part of it nor a role.
HONORIFICS: frozenset[str] = words("honorifics.txt")

# Role head nouns: the word that ends a role phrase before or after a name.
ROLE_HEADS: frozenset[str] = words("role_heads.txt")

# Words that may stand inside a role phrase before its head ("national security adviser").
ROLE_MODIFIERS: frozenset[str] = words("role_modifiers.txt")

# --------------------------------------------------------------------------- places

NATIONALITIES: frozenset[str] = words("nationalities.txt")

COUNTRIES: frozenset[str] = words("countries.txt")


# --------------------------------------------------------------------------- organisations

# (surface forms..., canonical name, kind).  Surfaces are matched case-insensitively on whole
# capitalised runs; canonical is the spelling stored as the mention name.
KNOWN_ORGS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    # alliances and international bodies
    (("NATO", "North Atlantic Treaty Organization", "North Atlantic Alliance"), "NATO", "alliance"),
    (("EU", "European Union"), "European Union", "international"),
    (("UN", "United Nations", "U.N."), "United Nations", "international"),
    (("UN Security Council", "United Nations Security Council", "U.N. Security Council"),
     "United Nations Security Council", "international"),
    (("European Commission",), "European Commission", "international"),
    (("European Parliament",), "European Parliament", "parliament"),
    (("European Council", "Council of the European Union"), "European Council", "international"),
    (("Council of Europe",), "Council of Europe", "international"),
    (("IMF", "International Monetary Fund"), "International Monetary Fund", "international"),
    (("World Bank",), "World Bank", "international"),
    (("OSCE", "Organization for Security and Co-operation in Europe",
      "Organization for Security and Cooperation in Europe"), "OSCE", "international"),
    (("G7", "G20", "Group of Seven"), "G7", "international"),
    (("WHO", "World Health Organization"), "World Health Organization", "international"),
    (("IAEA", "International Atomic Energy Agency"), "IAEA", "international"),
    (("International Criminal Court", "ICC"), "International Criminal Court", "international"),
    (("Red Cross", "International Committee of the Red Cross", "ICRC"), "Red Cross", "international"),
    (("Ukraine Defense Contact Group", "Ukraine Defence Contact Group", "Ramstein group"),
     "Ukraine Defense Contact Group", "alliance"),
    # governments and their bodies
    (("Pentagon",), "Pentagon", "government"),
    (("White House",), "White House", "government"),
    (("Kremlin",), "Kremlin", "government"),
    (("State Department", "U.S. State Department", "US State Department", "Department of State"),
     "State Department", "government"),
    (("Department of Defense", "Defense Department"), "Department of Defense", "government"),
    (("National Security Council", "NSC"), "National Security Council", "government"),
    (("Office of the President", "Office of the President of Ukraine", "Presidential Office"),
     "Office of the President of Ukraine", "government"),
    (("CIA",), "CIA", "government"), (("FBI",), "FBI", "government"),
    (("NSA",), "NSA", "government"), (("FSB",), "FSB", "government"),
    (("SBU", "Security Service of Ukraine"), "SBU", "government"),
    (("GUR", "HUR"), "HUR", "military"),
    (("Biden administration",), "Biden administration", "government"),
    # militaries
    (("Armed Forces of Ukraine", "Ukrainian Armed Forces", "Ukraine's Armed Forces", "AFU"),
     "Armed Forces of Ukraine", "military"),
    (("Russian Armed Forces", "Armed Forces of the Russian Federation"), "Russian Armed Forces",
     "military"),
    (("General Staff",), "General Staff", "military"),
    (("General Staff of the Armed Forces of Ukraine",), "General Staff of the Armed Forces of Ukraine",
     "military"),
    (("Wagner Group", "Wagner"), "Wagner Group", "military"),
    # parliaments and parties
    (("Congress", "U.S. Congress", "US Congress"), "Congress", "parliament"),
    (("Senate", "U.S. Senate", "US Senate"), "Senate", "parliament"),
    (("House of Representatives",), "House of Representatives", "parliament"),
    (("Verkhovna Rada", "Rada"), "Verkhovna Rada", "parliament"),
    (("State Duma", "Duma"), "State Duma", "parliament"),
    (("Bundestag",), "Bundestag", "parliament"),
    (("GOP", "Republican Party"), "Republican Party", "other"),
    (("Democratic Party",), "Democratic Party", "other"),
    (("Hamas",), "Hamas", "other"), (("Hezbollah",), "Hezbollah", "other"),
    # think tanks and pollsters
    (("Gallup",), "Gallup", "think_tank"),
    (("Pew Research Center", "Pew"), "Pew Research Center", "think_tank"),
    (("RAND Corporation", "RAND"), "RAND Corporation", "think_tank"),
    (("CNAS", "Center for a New American Security"), "CNAS", "think_tank"),
    (("Institute for the Study of War", "ISW"), "Institute for the Study of War", "think_tank"),
    (("Chatham House",), "Chatham House", "think_tank"),
    (("Brookings Institution", "Brookings"), "Brookings Institution", "think_tank"),
    (("Atlantic Council",), "Atlantic Council", "think_tank"),
    (("Council on Foreign Relations", "CFR"), "Council on Foreign Relations", "think_tank"),
    (("Carnegie Endowment", "Carnegie Endowment for International Peace"),
     "Carnegie Endowment for International Peace", "think_tank"),
    (("Kyiv International Institute of Sociology", "KIIS"), "KIIS", "think_tank"),
    (("Levada Center", "Levada"), "Levada Center", "think_tank"),
    # companies
    (("Lockheed Martin",), "Lockheed Martin", "company"), (("Raytheon",), "Raytheon", "company"),
    (("Boeing",), "Boeing", "company"), (("Rheinmetall",), "Rheinmetall", "company"),
    (("BAE Systems",), "BAE Systems", "company"), (("Gazprom",), "Gazprom", "company"),
    (("Naftogaz",), "Naftogaz", "company"), (("Ukrenergo",), "Ukrenergo", "company"),
    (("SpaceX",), "SpaceX", "company"), (("Starlink",), "Starlink", "company"),
    (("Patreon",), "Patreon", "company"),
    (("Getty Images", "Getty"), "Getty Images", "company"),
    (("Goldman Sachs",), "Goldman Sachs", "company"), (("JPMorgan", "JPMorgan Chase"), "JPMorgan", "company"),
    (("BlackRock",), "BlackRock", "company"), (("Apple",), "Apple", "company"),
    (("Microsoft",), "Microsoft", "company"), (("Google", "Alphabet"), "Google", "company"),
    (("Palantir",), "Palantir", "company"), (("Airbus",), "Airbus", "company"),
    (("Siemens",), "Siemens", "company"), (("Thales",), "Thales", "company"),
    (("Rosatom",), "Rosatom", "company"), (("Rosneft",), "Rosneft", "company"),
    (("Lukoil",), "Lukoil", "company"), (("Sberbank",), "Sberbank", "company"),
    (("Huawei",), "Huawei", "company"), (("Samsung",), "Samsung", "company"),
    (("Amnesty International", "Amnesty"), "Amnesty International", "other"),
    (("Human Rights Watch",), "Human Rights Watch", "other"),
    (("Black Sea Fleet",), "Black Sea Fleet", "military"),
    # news outlets
    (("NBC News", "NBC"), "NBC News", "outlet"), (("ABC News", "ABC"), "ABC News", "outlet"),
    (("CBS News", "CBS"), "CBS News", "outlet"), (("CNN",), "CNN", "outlet"),
    (("BBC", "BBC News"), "BBC", "outlet"), (("Reuters",), "Reuters", "outlet"),
    (("Associated Press", "AP"), "Associated Press", "outlet"), (("AFP",), "AFP", "outlet"),
    (("Bloomberg",), "Bloomberg", "outlet"), (("Politico",), "Politico", "outlet"),
    (("Axios",), "Axios", "outlet"), (("The Economist", "Economist"), "The Economist", "outlet"),
    (("The New York Times", "New York Times", "NYT"), "The New York Times", "outlet"),
    (("The Washington Post", "Washington Post"), "The Washington Post", "outlet"),
    (("The Wall Street Journal", "Wall Street Journal", "WSJ"), "The Wall Street Journal", "outlet"),
    (("Financial Times", "The Financial Times"), "Financial Times", "outlet"),
    (("The Guardian",), "The Guardian", "outlet"), (("Fox News",), "Fox News", "outlet"),
    (("MSNBC",), "MSNBC", "outlet"), (("Ukrainska Pravda",), "Ukrainska Pravda", "outlet"),
    (("Interfax-Ukraine",), "Interfax-Ukraine", "outlet"), (("Interfax",), "Interfax", "outlet"),
    (("The Kyiv Independent", "Kyiv Independent"), "The Kyiv Independent", "outlet"),
    (("Kyiv Post", "The Kyiv Post"), "Kyiv Post", "outlet"),
    (("The New Voice of Ukraine", "New Voice of Ukraine", "NV"), "The New Voice of Ukraine", "outlet"),
    (("Ukrinform",), "Ukrinform", "outlet"),
    (("TASS",), "TASS", "outlet"), (("RIA Novosti",), "RIA Novosti", "outlet"),
    (("RT", "Russia Today"), "RT", "outlet"), (("Sputnik",), "Sputnik", "outlet"),
    (("Berliner Zeitung",), "Berliner Zeitung", "outlet"), (("Bild", "BILD"), "Bild", "outlet"),
    (("Der Spiegel", "Spiegel"), "Der Spiegel", "outlet"), (("Die Welt",), "Die Welt", "outlet"),
    (("BelTA",), "BelTA", "outlet"),
    (("Al Jazeera",), "Al Jazeera", "outlet"), (("Meduza",), "Meduza", "outlet"),
    (("Novaya Gazeta",), "Novaya Gazeta", "outlet"), (("Kommersant",), "Kommersant", "outlet"),
    (("Le Monde",), "Le Monde", "outlet"), (("Newsweek",), "Newsweek", "outlet"),
    (("The Hill",), "The Hill", "outlet"), (("Daily Mail",), "Daily Mail", "outlet"),
    (("The Telegraph",), "The Telegraph", "outlet"), (("Sky News",), "Sky News", "outlet"),
    (("Deutsche Welle", "DW"), "Deutsche Welle", "outlet"),
    (("Radio Free Europe", "RFE/RL", "Radio Liberty"), "Radio Free Europe/Radio Liberty", "outlet"),
)

# Head nouns that make a capitalised phrase an organisation, and the kind they suggest.
ORG_HEADS: dict[str, str] = {
    "ministry": "government", "department": "government", "agency": "government",
    "commission": "government", "office": "government", "administration": "government",
    "service": "government", "directorate": "government", "bureau": "government",
    "government": "government", "cabinet": "government", "council": "government",
    "committee": "government", "authority": "government", "prosecutor's": "government",
    "court": "government", "police": "government",
    "forces": "military", "army": "military", "navy": "military", "command": "military",
    "brigade": "military", "fleet": "military", "battalion": "military", "regiment": "military", "guard": "military",
    "parliament": "parliament", "assembly": "parliament", "duma": "parliament",
    "institute": "think_tank", "center": "think_tank", "centre": "think_tank",
    "foundation": "other", "university": "other", "party": "other", "movement": "other",
    "union": "international", "organization": "international", "organisation": "international",
    "alliance": "alliance", "coalition": "alliance",
    "bank": "company", "group": "company", "corporation": "company", "corp": "company",
    "corp.": "company", "inc": "company", "inc.": "company", "ltd": "company", "ltd.": "company",
    "llc": "company", "company": "company", "industries": "company", "holdings": "company",
    "airlines": "company", "plant": "company", "systems": "company", "technologies": "company",
    "news": "outlet", "times": "outlet", "post": "outlet", "press": "outlet",
    "journal": "outlet", "gazette": "outlet", "herald": "outlet", "tribune": "outlet",
    "daily": "outlet", "pravda": "outlet", "international": "other", "zeitung": "outlet", "telegraph": "outlet",
}

# Lower-case nouns that introduce an organisation's name ("energy company DTEK").
ORG_DESCRIPTORS: dict[str, str] = {
    "company": "company", "firm": "company", "maker": "company", "manufacturer": "company",
    "producer": "company", "operator": "company", "giant": "company", "carrier": "company",
    "lender": "company", "insurer": "company", "conglomerate": "company", "contractor": "company",
    "agency": "government", "ministry": "government", "regulator": "government",
    "watchdog": "government", "newspaper": "outlet", "broadcaster": "outlet", "outlet": "outlet",
    "daily": "outlet", "tabloid": "outlet", "magazine": "outlet", "website": "outlet",
    "think tank": "think_tank", "pollster": "think_tank", "party": "other", "charity": "other",
    "militia": "military", "unit": "military", "brigade": "military",
}

# Lower-case nouns that follow an organisation's name ("the Anadolu news agency").
ORG_DESCRIPTORS_AFTER: dict[str, str] = {
    "news agency": "outlet", "newspaper": "outlet", "broadcaster": "outlet", "daily": "outlet",
    "news outlet": "outlet", "news site": "outlet", "think tank": "think_tank",
    "think-tank": "think_tank", "polling agency": "think_tank", "pollster": "think_tank",
    "conglomerate": "company", "holding": "company",
}

# Lower-case particles inside a person's name ("Ursula von der Leyen").
PARTICLES: frozenset[str] = frozenset(
    {"von", "der", "van", "de", "da", "du", "del", "al", "bin", "ibn", "la", "le", "den", "ter"}
)

# Joiners allowed between two capitalised words of one phrase ("Armed Forces of Ukraine").
RUN_CONNECTORS: tuple[str, ...] = (
    "of", "for", "the", "von", "der", "van", "de", "da", "du", "del", "al", "bin", "ibn", "la",
    "le", "on", "and", "a",
)


