"""What a figure counts, in general terms: the one vocabulary of figure kinds.

The kind comes from the figure's own words (its currency, percent sign, counted noun) and a
few general cue words in its sentence ("killed", "poll"); no topic-specific list decides it,
so a figure about car sales is ``money`` exactly as one about a budget is.
"""

from __future__ import annotations

from enum import StrEnum


class FigureKind(StrEnum):
    """A figure's kind; the string values are the ``figures.kind`` column."""

    MONEY = "money"  # an amount in a currency ("$2 billion", "470 pence")
    SHARE = "share"  # a percentage or fraction of something ("20% of the land")
    POLL = "poll"  # a share of people holding a view, from a poll or survey
    PEOPLE = "people"  # a count of people (residents, troops, workers, voters)
    CASUALTIES = "casualties"  # people killed, wounded or missing
    VOTES = "votes"  # votes, abstentions, seats won
    COUNTRIES = "countries"  # a count of countries or nations
    COUNT = "count"  # a count of other things (jobs, homes, drones, shells)
    MEASURE = "measure"  # a physical quantity (kilometres, tonnes, barrels)
    OTHER = "other"  # a hedged or scaled amount whose counted thing the text does not name


# Which kind a counted noun's category in ``figure_units.tsv`` gives.
CATEGORY_KINDS: dict[str, FigureKind] = {
    "people": FigureKind.PEOPLE,
    "casualties": FigureKind.CASUALTIES,
    "votes": FigureKind.VOTES,
    "countries": FigureKind.COUNTRIES,
    "count": FigureKind.COUNT,
    "measure": FigureKind.MEASURE,
}
