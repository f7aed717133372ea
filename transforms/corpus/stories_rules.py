"""Words that say nothing about which event an article covers (kept apart from the logic).

Function words plus the vocabulary every news report uses ("said", "according", "report",
"officials" is deliberately NOT here: it is common, but the shipped idf already discounts it).
Lower-case, accent-folded, as produced by ``transforms.corpus.fingerprints.normalise_word``.
"""

from __future__ import annotations


def _word_set(text: str) -> frozenset[str]:
    """Whitespace-separated words; refuses an empty list (it would silently filter nothing)."""
    found = frozenset(text.split())
    if not found:
        raise ValueError("empty word list")
    return found


FUNCTION_WORDS = _word_set(
    """
    a about above after again against all almost also although always am among an and another
    any are around as at be because been before being below between both but by can could did
    do does doing done down during each either else even ever every few for from further had
    has have having he her here hers herself him himself his how however i if in into is it its
    itself just least less like made make many may me might more most much must my myself
    near neither no nor not now of off on once one only onto or other others our ours ourselves
    out over own per perhaps quite rather same she should since so some such than that the
    their theirs them themselves then there these they this those though through thus to too
    toward towards under until up upon us very via was we well were what whatever when where
    whether which while who whom whose why will with within without would yet you your yours
    yourself yourselves it's that's there's he's she's they're we're i'm don't doesn't didn't
    isn't wasn't aren't weren't won't can't couldn't shouldn't wouldn't hasn't haven't hadn't
    let's who's what's
    """
)

NEWS_WORDS = _word_set(
    """
    according added adds announced article asked back called comment comments continue
    copyright cookie cookies day days first get go going good got high including know last
    later latest left long look looking lot new news next old part people photo place point
    policy post posted posts privacy read related report reported reports reporter reporters
    right said say saying says see seen show shows source sources statement still story take
    taken tell think three time told two way week weeks went year years yesterday today
    tomorrow monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december updated update
    """
)

STOPWORDS = FUNCTION_WORDS | NEWS_WORDS

# A figure as written: "8,000", "4.5", "2027" (one token, unlike the word regex that splits it).
NUMBER_PATTERN = r"\d+(?:[.,]\d+)*"
# A capitalised word inside a sentence (a name, a place): after a word and a gap free of
# sentence-ending punctuation, opening quotes, brackets, dashes and line breaks (a capital there
# is grammar, not a name).  The first letter excludes the lower-case Latin ones so the regex
# skips most words; callers confirm ``str.isupper`` on what it returns.
NAME_PATTERN = (
    r"(?<=\w)[^\w.!?:;\"\u201c\u201d\u2018(\['\n\u2014\u2013-]+"
    r"([^\W\d_a-z\u00df-\u00f6\u00f8-\u00ff]\w*(?:['\u2019]\w+)*)"
)
