"""Word lists and patterns for quote extraction, kept apart from the logic that uses them.

Editing a list here changes what ``transforms.quotes`` recognises without touching its code;
``alternation`` refuses an empty list because an empty regex group would match everywhere.
"""

from __future__ import annotations

from transforms.text.patterns import alternation  # noqa: F401  (re-exported)


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text: keeps long lists compact."""
    return frozenset(text.split())


# Verbs that attribute speech ("..., he said").  Present, past and -ing forms.
CUE_VERBS: frozenset[str] = _words(
    """
    said says say told tells wrote writes added adds commented comments warned warns
    maintained maintains claimed claims stated states noted notes insisted insists argued
    argues explained explains asked asks replied replies answered answers continued
    stressed stresses emphasised emphasized emphasises emphasizes acknowledged acknowledges
    admitted admits announced announces declared declares recalled recalls remarked remarks
    observed observes suggested suggests tweeted tweets posted posts concluded concludes
    cautioned cautions conceded concedes countered counters contended contends asserted
    asserts predicted predicts vowed vows pledged pledges urged urges lamented laments
    complained complains responded responds quipped added confirmed confirms denied denies
    believes believed reported reports testified testifies call calls called describe
    describes described dubbed indicated indicates clarified clarifies highlighted
    highlights emphasize emphasise stress insist warn claim deny note
    """
)

# Cues that introduce indirect speech when followed by "that" (kept strict for precision).
INDIRECT_CUES: frozenset[str] = _words(
    """
    said says told tells denied denies claimed claims warned warns noted notes believes
    believed argued argues insisted insists stressed stresses maintained maintains
    acknowledged acknowledges admitted admits announced announces stated states asserted
    asserts suggested suggests confirmed confirms emphasised emphasized explained explains
    contended contends conceded concedes predicted predicts added adds wrote writes
    reported reports clarified clarifies highlighted highlights emphasize emphasise say
    stress insist warn claim deny note indicated indicates
    """
)

# Words that may sit between a speaker and the cue ("Zelensky also said", "he has claimed").
ADVERBS: frozenset[str] = _words(
    """
    also then later earlier again further previously reportedly publicly privately once
    has had have is was had already repeatedly recently quickly flatly firmly still now
    openly bluntly
    """
)

PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "i", "we"})
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she"})

# Heads of anonymous or role descriptors ("one senior U.S. official", "the former aide").
ROLE_NOUNS: frozenset[str] = _words(
    """
    official officials source sources person people diplomat diplomats aide aides analyst
    analysts spokesperson spokesman spokeswoman spokespeople officer officers insider
    insiders member members lawmaker lawmakers adviser advisers advisor advisors
    representative representatives expert experts negotiator negotiators resident residents
    witness witnesses employee employees executive executives staffer staffers minister
    ministers president leader leaders ruler politician politicians commander commanders
    general generals lawyer lawyers attorney researcher researchers economist economists
    analyst observer observers colleague colleagues envoy envoys ambassador chief director
    manager owner worker workers doctor doctors nurse teacher student students farmer economist
    farmers soldier soldiers officer governor mayor senator senators congressman
    congresswoman secretary chairman chairwoman chair ceo founder professor scientist
    scientists activist activists campaigner campaigners voter voters critic critics
    supporter supporters ally allies journalist journalists reporter editor host
    opponent opponents rival rivals organisers organizers residents
    """
)

# Determiners that open a descriptor: definite ones may resolve to a named person.
INDEFINITE_DETERMINERS: frozenset[str] = _words(
    """
    a an one two three four five six several some another other many both multiple few
    his her their its our
    """
)
DEFINITE_DETERMINERS: frozenset[str] = frozenset({"the", "this", "that", "these", "those"})

# Descriptor heads that are equivalent when resolving "the Belarusian ruler" to a name.
ROLE_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"president", "ruler", "leader"}),
    frozenset({"aide", "adviser", "advisor"}),
    frozenset({"spokesperson", "spokesman", "spokeswoman"}),
    frozenset({"minister"}),
    frozenset({"general", "commander"}),
)

# Titles standing before a name ("Russian President Vladimir Putin"): stripped from speakers.
TITLES: frozenset[str] = _words(
    """
    President Minister Chancellor General Gen. Commander Secretary Senator Sen. Rep.
    Representative Governor Gov. Mayor Ambassador Dr. Mr. Mrs. Ms. Prof. Professor Judge Pope
    King Queen Prince Princess Sheikh Coordinator MP Deputy Head Chief CEO Chairman Chairwoman
    Director Speaker Premier PM Leader Lt. Col. Colonel Sgt. Admiral Adm. Marshal Captain Capt.
    Prime Foreign Defense Defence Interior Finance Vice Commander-in-Chief Commissioner Envoy
    Spokesman Spokeswoman Spokesperson Adviser Advisor Inspector Superintendent Bishop
    Archbishop Rabbi Imam Chief Justice Attorney Auditor Treasurer Councillor Councilor
    """
)

# Capitalised words that start sentences but are not part of a name.
NON_NAME_CAPS: frozenset[str] = _words(
    """
    In At On But And Then When While After Before Instead However Meanwhile Earlier Later
    Also Yesterday Today Tonight This That These Those If As Publicly Privately A An The It
    Its He She They We I Citing According Asked Speaking Writing Still Yet So Now Once Since
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Last Next Both Some One Two
    Another Separately Later Finally Why What How Who Where Per From For With By Of To Not
    Nor Or Our Your His Her Their My Ukrainian Russian American Belarusian
    """
)

# Lower-case words that mark the name after them as an organisation ("news outlet BelTA").
ORG_INTRODUCERS: frozenset[str] = _words(
    """
    outlet newspaper agency broadcaster channel network magazine website company firm group
    ministry party paper daily tabloid publication outlet authority groups companies
    ministries agencies council committee commission court union bank charity organisation
    organization nonprofit club team hospital university school regulator watchdog
    """
)

# Descriptors that stand for a news outlet ("the outlet wrote"): resolved to the latest outlet.
OUTLET_NOUNS: frozenset[str] = _words(
    """
    outlet newspaper publication broadcaster paper daily tabloid channel network magazine
    website agency
    """
)

# Final words of organisation names ("the White House", "the Defense Ministry").
ORG_HEADS: frozenset[str] = _words(
    """
    House Pentagon Kremlin Ministry Council Department Commission Agency Office Committee
    Parliament Government Union Organization Organisation Bank Fund Party Army Forces Navy
    News Times Post Journal Reuters Bloomberg Telegraph Guardian Economist Interfax TASS
    NATO UN EU Court Senate Congress Rada Police Service Institute University Company Group
    Corporation Inc. Ltd. Administration Embassy Foundation Association Federation Coalition
    Alliance Command Staff Kyiv Kiev Moscow Washington Beijing Brussels London Paris Berlin
    Russia Ukraine China Germany France Britain Israel Iran Poland BelTA Pravda Ukrinform
    """
)

# Nouns that mark the quotation after them as the title of a work, not speech.
TITLE_NOUNS: frozenset[str] = _words(
    """
    report article book headline op-ed column essay film movie documentary song album novel
    poem play show series paper study title piece podcast episode exhibition campaign
    programme program slogan hashtag titled entitled headlined dubbed
    """
)

# Small words left lower-case in Title Case ("Rivers That Forgot the Sea").
TITLE_SMALL_WORDS: frozenset[str] = _words(
    """
    a an the and but or nor for of on in at to by with from as vs via per into over
    """
)

# Name particles allowed inside a name ("Ursula von der Leyen").
NAME_PARTICLES: frozenset[str] = frozenset(
    {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "al", "bin", "ibn", "el"}
)

# Contractions expanded before quotes are compared ("doesn't" == "does not").
CONTRACTIONS: dict[str, str] = {
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "shan't": "shall not",
    "ain't": "is not",
    "let's": "let us",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "who's": "who is",
    "where's": "where is",
    "how's": "how is",
    "he's": "he is",
    "she's": "she is",
    "y'all": "you all",
}
# Suffix contractions applied after the whole-word table ("they'll" -> "they will").
CONTRACTION_SUFFIXES: dict[str, str] = {
    "n't": " not",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'d": " would",
    "'m": " am",
}

# Typographic variants unified before comparison.
QUOTE_CHARS = '"“”„‟«»‹›「」『』'
APOSTROPHES = "'‘’‚‛`´ʼ"
DASHES = "‐‑‒–—―−"
