"""Quote extraction: marks, speakers, partial/indirect flags, robustness (hand-made texts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transforms.extract.quotes.extractor import MAX_QUOTE_CHARS
from transforms.extract.quotes.extractor import extract_quotes as _extract_quotes
from transforms.extract.quotes.rules import TITLES
from transforms.records import EntityMention, QuoteMention

# Speakers come only from entity mentions. These hand-made texts stand in for the entity
# extractor with the mentions any extractor gives them: each run of capitalised words, titles and
# sentence openers left out, is a person, or an organisation after "The" or with an
# organisation word at its end. Tests that are about entities pass their own mentions.
_NAME_RUN = re.compile(r"(?<![\w’'])[A-Z][\w’'-]*(?:[ ](?:[A-Z][\w’'-]*|von|der|de))*")
_OPENERS = {"The", "A", "An", "Later", "But", "And", "According", "Said", "Saying", "Critics", "Her", "His", "Supporters", "Nobody", "We", "I", "It", "That", "Prices"}
_ORG_ENDS = {"Bank", "Times", "Union", "Ministry", "Council", "Club", "Holdings", "Agency", "Party"}


def oracle_mentions(text: str) -> list[EntityMention]:
    out = []
    for m in _NAME_RUN.finditer(text):
        words = m.group().split(" ")
        start = m.start()
        org = False
        while words and (words[0] in _OPENERS or words[0].lower().rstrip(".") in TITLES):
            org = org or words[0] == "The"
            start += len(words[0]) + 1
            words.pop(0)
        if not words or (len(words) == 1 and not org and words[0][:1] != m.group()[:1]):
            continue
        name = " ".join(words).rstrip(".")
        typ = "organisation" if org or words[-1] in _ORG_ENDS else "person"
        out.append(EntityMention(start, start + len(name), name, name, typ))
    return out


def extract_quotes(text: str, entities: list[EntityMention] | None = None) -> list[QuoteMention]:
    return _extract_quotes(text, oracle_mentions(text) if entities is None else entities)


def only(text: str, **kw) -> QuoteMention:
    quotes = extract_quotes(text, **kw)
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    "text",
    [
        "“The bridge will reopen in May,” the mayor said.",
        '"The bridge will reopen in May," the mayor said.',
        "«The bridge will reopen in May», the mayor said.",
        "„The bridge will reopen in May“, the mayor said.",
        '“The bridge will reopen in May," the mayor said.',  # mixed marks
        "‘The bridge will reopen in May,’ the mayor said.",
    ],
)
def test_quote_marks_of_every_kind(text: str) -> None:
    q = only(text)
    assert q.text == "The bridge will reopen in May"
    assert q.speaker == "the mayor" and q.cue == "said"
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "speaker", "speaker_type", "cue"),
    [
        (
            "“Prices will keep rising all year,” Ana Lucía Prieto wrote.",
            "Ana Lucía Prieto",
            "person",
            "wrote",
        ),
        (
            "“Prices will keep rising all year,” said Ana Prieto, an economist at the bank.",
            "Ana Prieto",
            "person",
            "said",
        ),
        (
            "Ana Prieto told reporters: “Prices will keep rising all year.”",
            "Ana Prieto",
            "person",
            "told",
        ),
        (
            "“Prices will keep rising all year,” the central bank said.",
            "the central bank",
            "organisation",
            "said",
        ),
        (
            "“Prices will keep rising all year,” The Central Bank warned.",
            "Central Bank",
            "organisation",
            "warned",
        ),
        (
            "“Prices will keep rising all year,” one senior bank official said.",
            "one senior bank official",
            "anonymous",
            "said",
        ),
        (
            "“Prices will keep rising all year,” said two people familiar with the matter.",
            "two people familiar with the matter",
            "anonymous",
            "said",
        ),
        ("“Prices will keep rising all year,” officials said.", "officials", "anonymous", "said"),
        (
            "“Prices will keep rising all year,” an economist who asked not to be named added.",
            "an economist who asked not to be named",
            "anonymous",
            "added",
        ),
        (
            "“Prices will keep rising all year,” told the broadcaster Ana Prieto in Madrid.",
            "Ana Prieto",
            "person",
            "told",
        ),
        (
            "“Prices will keep rising all year,” said bank economist Ana Prieto.",
            "Ana Prieto",
            "person",
            "said",
        ),
        (
            "“Prices will keep rising all year,” union organiser Ana Prieto told the crowd.",
            "Ana Prieto",
            "person",
            "told",
        ),
        (
            "“Prices will keep rising all year,” one of them said.",
            "one of them",
            "anonymous",
            "said",
        ),
        (
            "“Prices will keep rising all year,” one of the two said.",
            "one of the two",
            "anonymous",
            "said",
        ),
        ("“Prices will keep rising all year.”", None, "unknown", None),
    ],
)
def test_speakers(text: str, speaker: str | None, speaker_type: str, cue: str | None) -> None:
    q = only(text)
    assert (q.speaker, q.speaker_type, q.cue) == (speaker, speaker_type, cue)
    if q.speaker_start is not None:
        assert text[q.speaker_start : q.speaker_end] in text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Prime Minister Lena Holm spoke after the vote. “We have the numbers,” she said.",
            "Lena Holm",
        ),
        (
            (
                "Governor Paul Adeyemi visited the flooded town. "
                "“Nobody will be left behind,” the governor said."
            ),
            "Paul Adeyemi",
        ),
        (
            (
                "Ivo Markovic, a former aide to the premier, resigned. "
                "“I could not stay silent any longer,” the former aide said."
            ),
            "Ivo Markovic",
        ),
        (
            (
                "“The budget is a disgrace,” Hal Brennan said. "
                "Later, “we will vote against it,” Brennan added."
            ),
            "Hal Brennan",
        ),
    ],
)
def test_pronouns_and_role_nouns_resolve_to_named_people(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


def test_role_noun_without_named_person_stays_anonymous() -> None:
    text = "“The deal is as good as dead,” the former senior administration official said."
    q = only(text)
    assert (
        q.speaker == "the former senior administration official" and q.speaker_type == "anonymous"
    )


def test_entities_give_canonical_names_and_types() -> None:
    text = "“We will appeal the ruling,” Acme said in a statement."
    s = text.index("Acme")
    ent = EntityMention(s, s + 4, "Acme", "Acme Holdings", "organisation")
    q = only(text, entities=[ent])
    assert (q.speaker, q.speaker_type) == ("Acme Holdings", "organisation")
    assert (q.speaker_start, q.speaker_end) == (s, s + 4)


def test_definite_outlet_resolves_to_the_latest_outlet_entity() -> None:
    text = "According to the Harbour Times, talks stalled. “Nobody is talking,” the outlet wrote."
    s = text.index("Harbour Times")
    ent = EntityMention(
        s, s + 13, "Harbour Times", "Harbour Times", "organisation", org_kind="outlet"
    )
    q = only(text, entities=[ent])
    assert (q.speaker, q.speaker_type, q.cue) == ("Harbour Times", "organisation", "wrote")
    assert text[q.speaker_start : q.speaker_end] == "the outlet"


def test_pronoun_prefers_the_sentence_subject_after_the_last_speaker() -> None:
    text = (
        "“We will rebuild,” Ana Ruiz said. Tomas Vidal met the families on Sunday. "
        "“Nobody will be forgotten,” he said."
    )
    s = text.index("Tomas Vidal")
    people = [
        EntityMention(
            text.index("Ana Ruiz"), text.index("Ana Ruiz") + 8, "Ana Ruiz", "Ana Ruiz", "person"
        ),
        EntityMention(s, s + 11, "Tomas Vidal", "Tomas Vidal", "person"),
    ]
    assert extract_quotes(text, people)[-1].speaker == "Tomas Vidal"


def test_pronoun_resolves_against_entity_people() -> None:
    text = "The coach was furious after the match. “That was a disgrace of a decision,” he said."
    ent = EntityMention(4, 9, "coach", "Dario Russo", "person")
    assert only(text, entities=[ent]).speaker == "Dario Russo"


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("The minister said the plan was “dead on arrival for now.”", True),
        ("The minister said: “The plan is dead on arrival.”", False),
        ("The minister said, “The plan is dead on arrival.”", False),
        ("“The plan is dead on arrival,” the minister said.", False),
        ("The plan is “dead on arrival,” the minister said.", True),
    ],
)
def test_partial_flag(text: str, partial: bool) -> None:
    assert only(text).partial is partial


@pytest.mark.parametrize(
    "text",
    [
        "Critics called the plan “reckless” and the timing “cynical.”",
        "Her new novel, “The Salt Road to Somewhere,” is out this week.",
        "An earlier report, “Rivers Under Pressure Again,” found the same thing.",
        "The song “Down By The Old Mill Stream” was played.",
        "Supporters of the “Keep Our Rivers Clean” campaign marched on Saturday.",
        "The “Coalition of the Willing” met again in Paris.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(text: str) -> None:
    assert extract_quotes(text) == []


def test_split_quote_is_one_quote_with_its_attribution_inside() -> None:
    """ "“A,” X said. “B.”": one utterance, one record (as attribution corpora annotate it)."""
    text = "“We are ready,” Nia Osei said. “We have been ready for months.”"
    q = only(text)
    assert q.speaker == "Nia Osei"
    # ``text`` is the speaker's words only; start/end span the whole, segments each piece.
    assert q.text == "We are ready. We have been ready for months."
    assert (q.start, q.end) == (1, len(text) - 1)
    assert [text[a:b] for a, b in q.segments] == ["We are ready", "We have been ready for months."]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will not stop,” the mayor, Ann Brook, said on Monday.", "Ann Brook"),
        ("“We will not stop,” a spokesman, Tom Reyes, said.", "Tom Reyes"),
        ("“We will not stop,” her lawyer, Tom Reyes, told reporters.", "Tom Reyes"),
        ("“We will not stop,” said the mayor, Ann Brook.", "Ann Brook"),
        ("“We will not stop,” said a spokesman, Tom Reyes, who declined to say more.", "Tom Reyes"),
    ],
)
def test_role_in_apposition_before_or_after_the_name(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    "attribution",
    ["the mayor, Ann Brook, said on Monday", "Ann Brook said", "said the mayor, Ann Brook"],
)
def test_interrupting_attribution_gives_the_split_quote_its_speaker(attribution: str) -> None:
    text = f"“We will not stop,” {attribution}. “We will build the bridge.”"
    q = only(text)
    assert q.speaker == "Ann Brook" and q.speaker_type == "person"
    assert q.text == "We will not stop. We will build the bridge."
    assert "Brook" not in q.text and text[q.start : q.end].endswith("the bridge.")


def test_quote_over_paragraphs_joins_its_pieces() -> None:
    text = "Ann Brook spoke first.\n\n“We lost two grants.\n\n“Now we wait,” Brook said."
    q = next(q for q in extract_quotes(text) if not q.indirect)
    assert q.text == "We lost two grants. Now we wait"
    assert len(q.segments) == 2 and "\n" in text[q.start : q.end]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("According to the newspaper, “The city has never paid its debts on time.”", "the newspaper"),
        ("According to Tom Reyes of the Harbour Times, “The city never pays on time.”", "Tom Reyes"),
        ("The council met. Said Tom Reyes, “The city has never paid its debts on time.”", "Tom Reyes"),
        ("“The city has never paid its debts on time,” Tom Reyes jokingly said.", "Tom Reyes"),
        ("“The city has never paid its debts on time,” says a narrator.", "a narrator"),
        ("“The city has never paid its debts,” the 43-year-old asked.", "the 43-year-old"),
        (
            "“The city has never paid its debts,” said one donor familiar with the talks.",
            "one donor familiar with the talks",
        ),
        ("“The city has never paid its debts,” added another longtime donor.", "another longtime donor"),
    ],
)
def test_sources_before_the_quote_and_descriptors_after_an_inverted_cue(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "BRIDGE FUNDING FALLS SHORT AGAIN - Tom Reyes: “The bridge was never funded.” [Harbour Times.]",
        "Tom Reyes: “The bridge was never funded.”",
        "Nobody spoke first.\n\n“The bridge was never funded properly.”\n\n- Tom Reyes.\n\nThe mayor disagrees.",
        "Nobody spoke first.\n\n“The bridge was never funded properly.”\n\n—Mayor Tom Reyes, writing on Monday.",
        ("“The bridge was never funded properly by anyone,” Tom Reyes, director of the Bridge Funding "
        "Project at the left-leaning Harbour Institute for Public Policy Studies, said on Monday."),
        "In his song, Tom Reyes sings, “The bridge was never funded properly.”",
        "“The bridge was never funded properly,” Tom Reyes repeated.",
    ],
)
def test_labels_signatures_long_appositions_and_more_cues(text: str) -> None:
    q = next(q for q in extract_quotes(text) if not q.indirect)
    assert q.speaker == "Tom Reyes"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("After the primary, Gov. Tom Reyes (R-Ohio), said, “We will build the bridge this year.”", "Tom Reyes"),
        (
            ("“We will build the bridge this year.” Tom Reyes of the Harbour Institute for Public "
            "Policy Studies wrote in December."),
            "Tom Reyes",
        ),
        ("“We will build the bridge this year,” the paper's editorial board wrote.", "the paper's editorial board"),
        ("“We will build the bridge this year,” federal prosecutors wrote in a filing.", "prosecutors"),
    ],
)
def test_party_tags_postmodifiers_possessive_and_plural_descriptors(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Tom Reyes spoke on the radio on Monday.\n\nStated Reyes:\n\n“We will build the bridge this year.”",
        "Tom Reyes spoke on the radio on Monday. Later Reyes said, “We will build the bridge this year.”",
    ],
)
def test_a_bare_surname_no_mention_covers_takes_the_full_name_seen_before(text: str) -> None:
    mentions = [EntityMention(0, 9, "Tom Reyes", "Tom Reyes", "person")]  # none at "Reyes"
    assert only(text, entities=mentions).speaker == "Tom Reyes"


def test_a_name_before_a_colon_inside_a_sentence_is_no_label() -> None:
    text = "The mayor said this about Tom Reyes: “He never funded the bridge.”"
    assert only(text).speaker == "The mayor"


def test_a_possessive_descriptor_speaks_not_the_name_inside_it() -> None:
    text = "Brook’s campaign shrugged off the remarks, telling reporters, “We are not worried about it.”"
    q = only(text, entities=[EntityMention(0, 5, "Brook", "Brook", "person")])
    assert q.speaker == "Brook’s campaign" and q.speaker_type == "organisation"


def test_a_cue_word_after_a_possessive_is_a_noun() -> None:
    text = (
        "Tom Reyes refused to endorse her.\n\n"
        "Brook’s campaign shrugged off Reyes’s comments, telling reporters, “We are not worried.”"
    )
    mentions = [
        EntityMention(0, 9, "Tom Reyes", "Tom Reyes", "person"),
        EntityMention(35, 40, "Brook", "Brook", "person"),
        EntityMention(65, 70, "Reyes", "Tom Reyes", "person"),
    ]
    assert only(text, entities=mentions).speaker == "Brook’s campaign"


def test_a_name_inside_a_firm_name_after_a_preposition_is_not_the_speaker() -> None:
    text = "Analysts at Hale & Moreno wrote that the cut was “larger than feared but no surprise.”"
    at = text.index("Moreno")
    mentions = [EntityMention(at, at + 6, "Moreno", "Moreno", "person")]  # a tagger's slip
    q = next(q for q in extract_quotes(text, mentions) if not q.indirect)
    assert q.speaker == "Analysts at Hale & Moreno" and q.speaker_type == "anonymous"


def test_the_former_mayor_is_not_the_mayor() -> None:
    text = (
        "Tom Reyes, the former mayor, spoke first. Ann Brook, the mayor, spoke next. "
        "“We are not worried about it,” the former mayor said."
    )
    assert only(text).speaker == "Tom Reyes"


def test_the_one_asked_is_not_the_speaker_of_the_question() -> None:
    assert only("Tom Reyes was asked, “Will you run again next year?”").speaker is None
    assert only("Tom Reyes was saying, “We will run again next year.”").speaker == "Tom Reyes"


def test_according_to_opening_a_longer_sentence_leaves_the_quote_to_its_own_cue() -> None:
    text = (
        "According to the agency, officials expect more delays, “but the window is closing "
        "fast,” the former adviser said."
    )
    assert only(text).speaker == "the former adviser"


def test_capitalised_participle_opening_a_sentence_is_no_speaker() -> None:
    text = "Saying he was tired, Tom Reyes left early. “We will be back,” Ann Brook said."
    assert only(text).speaker == "Ann Brook"


@pytest.mark.parametrize(
    "text",
    [
        "“We will win this one.” Tom Reyes pressed on. “Nobody can stop us now.”",
        "“We will win this one,” Tom Reyes told the Harbour Times’ “Morning Show.” “Nobody can stop us now.”",
    ],
)
def test_a_bare_attribution_or_one_naming_a_programme_still_splits_one_quote(text: str) -> None:
    q = only(text)
    assert len(q.segments) == 2 and q.text.endswith("Nobody can stop us now.") and "Reyes" not in q.text


def test_new_sentence_with_its_own_cue_starts_a_new_quote() -> None:
    text = "Nia Osei said, “We are ready.” She added, “We have been ready for months.”"
    a, b = extract_quotes(text)
    assert a.text == "We are ready." and b.text == "We have been ready for months."


def test_paragraph_continuation() -> None:
    text = (
        "Nia Osei told the committee that funding had dried up.\n\n"
        "“We lost three grants in one year. Nobody warned us.\n\n"
        "“Now we are turning families away,” Osei said."
    )
    quotes = [q for q in extract_quotes(text) if not q.indirect]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("We lost thre") and quotes[0].text.endswith("families away")
    assert quotes[0].speaker == "Nia Osei"


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "“He looked at me and said, ‘Go home now,’ and then he left,” Ruth Kane said."
    q = only(text)
    assert q.text.startswith("He looked") and "‘Go home now,’" in q.text
    assert q.speaker == "Ruth Kane"


@pytest.mark.parametrize(
    ("text", "speaker", "clause"),
    [
        (
            "Mayor Joan Ruiz also denied that the contract had been rigged.",
            "Joan Ruiz",
            "the contract had been rigged",
        ),
        (
            "A Western official said that the shipment would arrive next week.",
            "A Western official",
            "the shipment would arrive next week",
        ),
        (
            "The ministry warned on Monday that reservoirs were at record lows.",
            "The ministry",
            "reservoirs were at record lows",
        ),
    ],
)
def test_indirect_speech(text: str, speaker: str, clause: str) -> None:
    q = only(text)
    assert q.indirect and q.speaker == speaker and q.text == clause


def test_coordinated_cue_keeps_the_sentence_subject() -> None:
    text = "Owen Price said the plan was unfair and warned that families would feel it by spring."
    q = only(text)
    assert (q.speaker, q.cue, q.text) == (
        "Owen Price",
        "warned",
        "families would feel it by spring",
    )


def test_definite_organisation_noun_resolves_to_the_organisation_that_spoke() -> None:
    text = (
        "The Red Lantern Society said: “We are out of beds.” "
        "The charity added that it had closed two wards."
    )
    direct, indirect = extract_quotes(text)
    assert (direct.speaker, direct.speaker_type) == ("Red Lantern Society", "organisation")
    assert (indirect.speaker, indirect.speaker_type) == ("Red Lantern Society", "organisation")
    assert indirect.indirect and indirect.text == "it had closed two wards"
    assert text[indirect.speaker_start : indirect.speaker_end] == "The charity"


@pytest.mark.parametrize(
    "text",
    [
        "The council said the road would close.",  # no "that": not clear enough
        "It is clear that the road will close soon.",  # no cue verb
        "Residents fear that the road will close.",
    ],
)
def test_no_indirect_without_a_clear_cue(text: str) -> None:
    assert extract_quotes(text) == []


def test_unbalanced_mark_does_not_swallow_the_article() -> None:
    body = "The statement was brief. “We will not comment on this matter, the club said.\n\n"
    rest = "The hearing is set for March. " * 50
    quotes = extract_quotes(body + rest)
    assert len(quotes) == 1 and "\n" not in quotes[0].text
    assert quotes[0].end <= len(body)
    # The attribution the missing mark left inside is split off again.
    assert quotes[0].text == "We will not comment on this matter"
    assert (quotes[0].speaker, quotes[0].speaker_type) == ("the club", "organisation")


@pytest.mark.parametrize(
    "text",
    [
        "The club replied “no comment. Later “We will appeal the decision,” Ana Ruiz said.",
        'The club replied "no comment. Later "We will appeal the decision," Ana Ruiz said.',
    ],
)
def test_stray_opening_mark_does_not_hide_the_next_quote(text: str) -> None:
    q = only(text)
    assert q.text == "We will appeal the decision" and q.speaker == "Ana Ruiz"


def test_overlong_quote_is_dropped() -> None:
    text = "“" + "word " * (MAX_QUOTE_CHARS // 4) + "” he said."
    assert extract_quotes(text) == []


def test_quotes_sorted_and_exact(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        quotes = extract_quotes(text)
        assert quotes == sorted(quotes, key=lambda q: (q.start, q.end))
        for q in quotes:
            assert _joined(q.text, [text[a:b] for a, b in q.pieces()])
            assert q.speaker_type in {"person", "organisation", "anonymous", "unknown"}


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "“", "”", '"', "'", "said that", "“ ” “ ”"])
def test_degenerate_inputs(text: str) -> None:
    assert extract_quotes(text) == []


def _joined(quote_text: str, pieces: list[str]) -> bool:
    """``quote_text`` is the pieces in order, each joined to the next by one space, or by ". " or
    ", " where the attribution cut the piece's own closing punctuation."""
    import re

    sep = r"(?:[.,]? )"
    return re.fullmatch(sep.join(re.escape(p.strip()) for p in pieces), quote_text) is not None


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("“We will not stop,” Ann Brook said. “We will build the bridge.”",
         "We will not stop. We will build the bridge."),
        ("“We will not stop,” said Ann Brook, “until the bridge is built.”",
         "We will not stop, until the bridge is built."),
        ("“It is over.” Ann Brook said. “We won.”", "It is over. We won."),
    ],
)
def test_split_quote_text_reads_as_the_speakers_sentences(text: str, joined: str) -> None:
    """The reporter's comma cut from a piece comes back as the sentence end or the comma."""
    (q,) = [q for q in extract_quotes(text) if not q.indirect]
    assert q.text == joined


@pytest.mark.parametrize(
    ("text", "start", "speaker"),
    [
        # AP style: a space keeps the inner closing mark apart from the outer one.
        ("\"She promised to be 'above the council,' \" said Ana Ruiz, a baker. \"Nobody asked.\"",
         "She promised to be", "Ana Ruiz"),
        # A stray leading apostrophe ("the '80s") must not hide the double quotes after it.
        ("Ana Ruiz, who has sold bread since the '80s, was firm: \"The market will come back soon,\" Ruiz said.",
         "The market will come back", "Ana Ruiz"),
        # A transcript label with no space after its colon.
        ("Tom Reyes:\"Who told you that the figure was right?\"", "Who told you", "Tom Reyes"),
        # Double marks nested inside double marks, closed twice before the paragraph ends.
        ("Ana Ruiz wrote: “Voters who wear “Settle For Less” shirts are telling us something.”",
         "Voters who wear", "Ana Ruiz"),
        # The inverted cue after one quote hands its speaker to the next paragraph's quote.
        ("“We will win this fight,” said Ana Ruiz, a council member.\n\n“Nobody can stop us now.”",
         "Nobody can stop", "Ana Ruiz"),
        # A quote opening a sentence goes on with the cue of the sentence before it.
        ("Tom Reyes agreed in a statement. “The council has failed the town.”",
         "The council has failed", "Tom Reyes"),
        # The cue right after the quote outranks a thought cue earlier in the sentence.
        ("Tom Reyes also believes the plan is sound. “[The plan] will work, and soon,” Ana Ruiz said.",
         "[The plan] will work", "Ana Ruiz"),
        # An appositive opened by a possessive name is no subject: the name before it is.
        ("“The plan is sound,” Tom Reyes, Harbour Bank’s director of lending, said on Monday.",
         "The plan is sound", "Tom Reyes"),
        # A demonstrative opens a descriptor that speaks ("this look-alike declared").
        ("“We will not back down on the harbour,” this Ruiz look-alike declared on stage.",
         "We will not back down", "this Ruiz look-alike"),
        # A named sentence subject speaks a whole sentence set off by a comma.
        ("After the storm, Tom Reyes issued a statement, “We must act now.”", "We must act", "Tom Reyes"),
        # A possessive descriptor before the cue speaks, not the reporter of the scene.
        (("Tom Reyes reported that, as the crowd cheered, his wife whispered to him: “They are still "
          "with you.”"), "They are still", "his wife"),
        # "when asked" is no cue of its own: the next paragraph goes on with the speaker.
        (("“We will win this vote,” Ana Ruiz told the paper in an interview when asked about the "
          "vote.\n\n“Nobody can stop us now.”"), "Nobody can stop", "Ana Ruiz"),
        # An inverted cue between commas names the speaker right after it.
        ("Critics agree the plan is costly. But, said Tom Reyes, “the town has no other choice.”",
         "the town has no", "Tom Reyes"),
        # "the aide" after "a committee aide" is that aide, not a named aide mentioned before.
        (("Tom Reyes, an aide to the mayor, left in May.\n\nA committee aide blasted the plan.\n\n"
          "“This is a waste of public money,” the aide said."), "This is a waste", "the aide"),
    ],
)
def test_quotes_in_the_wild(text: str, start: str, speaker: str) -> None:
    quotes = [q for q in extract_quotes(text) if q.text.startswith(start)]
    assert len(quotes) == 1, extract_quotes(text)
    assert quotes[0].speaker == speaker



def test_a_short_paragraph_wholly_in_single_marks_is_a_subheading() -> None:
    text = (
        "Workers at the plant met on Friday.\n\n‘Relationships that last.’\n\n"
        "‘We will not give up on this town, whatever the council decides,’ Ana Ruiz said."
    )
    (q,) = extract_quotes(text)
    assert q.text.startswith("We will not give up") and q.speaker == "Ana Ruiz"
    assert extract_quotes("‘We are in shock now’: a town in the spotlight.\n\nThe town met.") == []
    assert only("‘We will win this one,’ the mayor said.").speaker == "the mayor"


def test_an_unnamed_speakers_appositive_still_tells_who_speaks() -> None:
    q = only("“The plan is sound,” Gil Amato, a senior adviser to the mayor, said.", entities=[])
    assert (q.speaker, q.speaker_type) == ("a senior adviser to the mayor", "anonymous")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Ana Ruiz told the local paper simply, “We lost.”", "We lost."),
        ("The marchers had one message: “Go home.”", "Go home."),
    ],
)
def test_a_whole_two_word_sentence_introduced_as_speech_is_a_quote(text: str, quote: str) -> None:
    assert only(text).text == quote


def test_a_two_word_scare_quote_is_still_no_quote() -> None:
    assert extract_quotes("Ana Ruiz called the plan “a disaster” on Monday.") == []


def test_marks_inside_markup_tags_are_no_quotes() -> None:
    text = (
        'Ana Ruiz posted a photo.\n\n<tweet author="@anaruiz" date="March 9,\n">Stands empty at '
        "the rally tonight, crowd in one end zone.<tweet/>\n\nThe rally went on."
    )
    assert extract_quotes(text) == []



def test_a_named_aide_still_resolves_without_another_aide_between() -> None:
    text = "Tom Reyes, an aide to the mayor, spoke in May.\n\n“This is a waste of money,” the aide said."
    assert only(text).speaker == "Tom Reyes"


def test_a_quote_going_on_after_its_cue_and_a_conjunction_is_one_quote() -> None:
    text = "Ana Ruiz spoke at noon. “The deal needs enforcement,” she said, and “clear consequences for any breach.”"
    q = only(text)
    assert len(q.segments) == 2 and q.speaker == "Ana Ruiz"
    assert q.text == "The deal needs enforcement, clear consequences for any breach."


def test_a_participle_cue_speaks_for_the_subject_before_an_earlier_quote() -> None:
    text = (
        "Tom Reyes wrote to her, addressing her as “Mayor Ruiz” warmly, and telling her, "
        "“you are the best mayor we have had!” Later she thanked him."
    )
    (q,) = [q for q in extract_quotes(text) if "you are the best" in q.text]
    assert q.speaker == "Tom Reyes"


def test_a_cue_inside_a_hyphenated_word_is_no_cue() -> None:
    q = only("Tom Reyes spoke on Monday.\n\nThe mayor backed a so-called “harbour plan for all of the town.”")
    assert q.speaker is None and q.cue is None


def test_a_comma_without_a_named_subject_gives_no_speaker() -> None:
    assert only("After the long vote in the town hall, “It was a long night for all of us.”").speaker is None
