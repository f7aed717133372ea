"""Patterns for site furniture in text dumps, kept apart from the stripping logic.

Each rule names a kind of furniture, a pattern matched at the START of a stripped line
(``re.match``), and the most words a line may have to count: a pattern that would be harmless
on a four-word prompt ("Sign up to our newsletter") must not swallow a long body sentence that
happens to start the same way.  Patterns are case-insensitive.

Rules describe furniture by its vocabulary and shape, never by one site's wording: a notice
that speaks to the reader ("we", "you", "please") about comments, corrections, reuse or
funding; a prompt verb with newsletter words; an appeal dense with donation phrases.  So a new
site's footer is found without adding its sentences here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FurnitureRule:
    """A line is furniture of ``kind`` when ``pattern`` matches its start and it is short."""

    kind: str
    pattern: re.Pattern[str]
    max_words: int = 25
    headline_only: bool = False  # only lines that do not end like a sentence


def _rules(kind: str, max_words: int, *patterns: str, headline_only: bool = False
           ) -> list[FurnitureRule]:
    if not patterns or any(not p.strip() for p in patterns):
        raise ValueError(f"furniture rules for {kind!r} need non-empty patterns")
    return [FurnitureRule(kind, re.compile(p, re.IGNORECASE), max_words, headline_only)
            for p in patterns]


# A notice in the site's own voice: it addresses the reader or speaks as "we", and quotes
# nobody (a body sentence quoting a spokesman about comments or corrections has quote marks).
SITE_VOICE = r"(?=.*\b(?:we|our|us|you|your|please)\b)(?!.*[\"“”«»„])"


RULES: tuple[FurnitureRule, ...] = tuple(
    _rules(
        "copyright", 30,
        r"(?:copyright\s*)?©\s*(?:\d{4}|[A-Z])",
        r"copyright\s*(?:©|\(c\)|\d{4})",
        r"\(c\)\s*\d{4}\b",
        r".{0,80}\ball rights reserved\b",
        r"this (?:article|story|material) (?:is|was) (?:licensed|published) under",
        r".{0,60}\b(?:licensed under|under a|under the) creative commons\b",
    )
    + _rules(
        "policy", 60,
        # a reuse notice: how the site's material may be quoted, linked or reprinted
        SITE_VOICE + r"(?=.*\b(?:reprint\w*|republish\w*|reproduc\w*|referenc\w+|quot\w+|excerpts?)\b)"
        r"(?=.*\b(?:permission|consent|hyperlink\w*|attribution|credit\w*|link(?:ing)? back)\b)",
        r"(?:reprints?|republishing) (?:and|&) permissions?",
        r"privacy(?: and| &)? cookie polic(?:y|ies)",
        r"(?:privacy|cookie) policy\b",
        r"terms (?:of (?:use|service)|and conditions)\b",
    )
    + _rules(
        "supported_by", 25,
        # funding disclosures: "The work of X is supported by Y", "Our reporting is funded by"
        r"(?:the work of .{1,60}?|our (?:work|journalism|reporting)|this (?:site|project|"
        r"publication|newsroom|reporting|coverage)) (?:is|was|are) (?:supported|funded|"
        r"made possible|sponsored) by\b",
        # "X is reader-funded", "X is accountable to its readers alone"
        r".{0,60}\b(?:reader[- ](?:funded|supported)|(?:funded|supported|paid for) (?:entirely |"
        r"solely |only )?by (?:our|its) readers|(?:answerable|accountable) (?:only |solely )?to "
        r"(?:our|its) readers)",
    )
    + _rules(
        "newsletter", 20,
        r"(?:join|subscribe to|sign up (?:for|to)) (?:our|the) (?:free |daily |weekly )?"
        r"(?:newsletter|mailing list|channels?|telegram|whatsapp)",
        # a prompt verb and a newsletter or channel word: "Get X updates on our Telegram channel"
        r"(?:get|join|follow|subscribe|sign up|download|stay|receive|never miss|don'?t miss)\b"
        r".{0,100}\b(?:newsletters?|mailing list|whatsapp|telegram|channels?|updates|alerts|"
        r"notifications|inbox|podcast|app)\b",
        r"(?:annual |monthly )?subscription$",
        r"subscribe(?: now| today| here)?[.!]?$",
        r"sign up (?:now|today|here|for free)\b",
        r"(?:enter|your) (?:your )?e-?mail address\b",
        r"follow us on\b",
        r"(?:you have|you've) successfully subscribed",
    )
    + _rules(  # long appeals that open by naming what the reader values
        "donation", 250,
        r"(?:if you (?:value|like|appreciate) (?:our|this|what we do)).{0,80}"
        r"(?:donat|support|patron|subscri)",
    )
    + _rules(
        "donation", 20,
        r"become a (?:patron|supporter|member)\b",
        r"support (?:honest|independent|our|local)(?: local)? journalism\b",
        r"(?:please )?(?:donate|make a donation)\b",
        r"(?:help|support) us (?:keep|continue|produce)\b",
    )
    + _rules(  # "Back our spring fundraising drive"
        "donation", 15,
        r".{0,60}\bfund[- ]?raising (?:campaign|drive|appeal)\b",
        headline_only=True,
    )
    + _rules(
        "comments", 60,
        r"join the conversation\b",
        r"leave a (?:comment|reply)\b",
        r"(?:\d+ )?comments?$",
        # a comment policy in the site's voice: "we delete abusive comments", "keep it civil"
        SITE_VOICE + r"(?=.*\bcomments?\b)(?=.*\b(?:spam|moderat\w*|abus\w*|profan\w*|racis\w*|"
        r"offensive|civil\w*|guidelines|policy|tolerance|harass\w*|respectful|off-topic)\b)",
        r"(?:please )?(?:enter|type|write|add|provide) your (?:comment|name|e-?mail|message|reply|"
        r"website)\b",
        r"(?:post|add|submit) (?:a |your )?comment\b",
        r"comments? (?:are|is) (?:closed|moderated)\b",
        r"(?:read|view) (?:our )?comment(?:ing)? (?:policy|guidelines)",
        r"you must be logged in to (?:post|comment)",
        r"save my name, email",
    )
    + _rules(
        "corrections", 25,
        # a corrections prompt in the site's voice: "Spotted a mistake? Let us know"
        SITE_VOICE + r"(?=.*\b(?:corrections?|clarifications?|typos?|errors?|mistakes?|"
        r"inaccura\w*)\b)(?=.*\b(?:suggest\w*|report|spotted|found|notice[ds]?|let us know|"
        r"write to us|contact us|tell us|highlight|leave)\b)",
        r"(?:spotted|found) (?:a|an) (?:error|typo|mistake)\b",
        r"report an? (?:error|typo)\b",
    )
    + _rules(
        "share", 12,
        r"share (?:this|on|via)\b",
        r"(?:click|tap) to (?:share|print|email)\b",
        r"(?:share|tweet|email|print)(?:\s*[|/,]\s*(?:share|tweet|email|print|facebook|twitter|"
        r"whatsapp|telegram|linkedin|reddit|copy link))+$",
        r"copy link$",
    )
    + _rules(
        "related", 10,
        r"related (?:posts?|articles?|content|stories|news|coverage|reading|topics)\b",
        r"latest (?:posts?|news|articles?|stories)\b",
        r"(?:read|see) (?:more|also)(?:[:.]|$| on\b| from\b)",
        r"more (?:from|on|in) (?:this|the|our) (?:category|section|topic|author)\b",
        r"more stories\b",
        r"recommended(?: for you| stories| articles)?$",
        r"you (?:may|might) (?:also )?(?:like|be interested in)\b",
        r"most (?:read|popular|viewed)$",
        r"popular (?:posts?|articles?|stories)$",
        r"trending(?: now| stories)?$",
        r"tags?:",
        r"(?:filed|posted) (?:under|in):",
        r"categor(?:y|ies):",
    )
    + _rules(  # "Read more: <headline>" carries a whole headline after the colon
        "related", 30,
        r"(?:read|see) (?:more|also)\s*:",
    )
    + _rules(  # "Home › World › Europe", "News » Politics": a trail of section links
        "breadcrumb", 12,
        r"(?:home|front page)\s*[›»>/|]\s*\w",
        r"[\w.&'-]+(?: [\w.&'-]+){0,2}(?:\s*[›»]\s*[\w.&'-]+(?: [\w.&'-]+){0,2})+$",
    )
    + _rules(
        "page_tools", 8,
        r"listen to (?:this )?(?:article|story|podcast)\b",
        r"\d+\s*min(?:ute)?s?\.? read$",
        r"reading time\s*:",
        r"advertisement$",
        r"(?:sponsored|paid) (?:content|post)$",
        r"skip to (?:main )?content$",
        r"print (?:this )?(?:article|page)$",
        r"(?:font size|text size)\b",
    )
    + _rules(  # keyboard instructions: "found a typo? Select it, then Ctrl + Enter"
        "page_tools", 20,
        r".*\b(?:ctrl|cmd|command|shift|alt)\s*\+\s*\w",
    )
    + _rules(
        "image_credit", 15,
        r"(?:images?|photos?|pictures?|photographs?|illustrations?) (?:source|credits?)s?\s*:",
        r"(?:photo|image|picture|illustration|credit|source|foto)s?\s*:\s*\S",
        # "Photo by Jan Voss/Reuters" but not "Photos by residents showed the flooding."
        r"(?:photo|image|picture|illustration)s? (?:by|via|courtesy(?: of)?)\s+\S.*(?<![.!?])$",
        r"©\s*\S",
        r"\(?(?:getty images|reuters|ap photo|afp|epa|shutterstock)\s*(?:/|\||$)",
    )
    + _rules(
        "image_credit", 6,
        r"(?:photo|image|picture|illustration)s? (?:by|via|courtesy(?: of)?)\s+\S",
    )
    + _rules(
        "editor", 3,
        r"ed(?:ited by|\.)\s*[A-Z]{1,5}\.?$",
    )
    + _rules(  # agency credits: "(Reporting by A; Editing by B)", bracketed or bare
        "editor", 20,
        r"\((?:additional )?(?:reporting|writing|editing|compiled|translated|translation) by\b"
        r"[^()]*\)$",
    )
    + _rules(
        "editor", 20,
        r"(?:additional )?(?:reporting|writing|editing|compiled|translated|translation) by\b",
        headline_only=True,
    )
)

# Headings that open a list of links (drop the heading and the short lines after it).
LIST_HEADING_KINDS: frozenset[str] = frozenset({"related"})

# An appeal for money: at least APPEAL_MIN_CUES distinct phrases of this vocabulary in one
# paragraph that addresses the reader ("you").  One cue is common in news about a charity;
# several together, spoken to the reader, are the donation box under an article.
APPEAL_CUES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rf"\b(?:{p})\b", re.IGNORECASE)
    for p in (
        r"become an? (?:patron|supporter|member|subscriber|donor)",
        r"readers like you",
        r"support (?:us|our (?:work|journalism|reporting|newsroom|mission))",
        r"ways? to (?:support|help|give|contribute)",
        r"donat(?:e|es|ion|ions|ing)",
        r"cups? of coffee",
        r"(?:independent|honest|quality|public[- ]interest) journalism",
        r"reader[- ](?:funded|supported)",
        r"paywalls?",
        r"(?:monthly|annual|recurring|one-off|one-time) (?:contribution|donation|gift|support)",
        r"patreon|patrons?",
        r"(?:free|open) (?:and|&) (?:open|free|accessible)|accessible to (?:all|everyone)",
        (r"(?:keep|keeps|keeping) (?:our|this) (?:journalism|reporting|site|work|content) "
         r"(?:free|open|going|alive|independent)"),
    )
)
APPEAL_MIN_CUES = 3
APPEAL_MAX_WORDS = 250
SECOND_PERSON_RE = re.compile(r"\byou(?:r|rs)?\b", re.IGNORECASE)

# "Updated at 09:12. Adds the mayor's reply." is kept as metadata, not body.
UPDATED_RE = re.compile(
    r"(?:last )?(?:updated|update|edited|corrected)(?: at| on)?\s*[:\-–]?\s*\d", re.IGNORECASE
)
UPDATED_MAX_WORDS = 30

# A caption glued to a credit: "The mayor opens the bridge. Source: City Hall press office".
CAPTION_CREDIT_RE = re.compile(
    r".{3,200}?[.!?]\s*(?:\(?(?:source|photo|image|picture|credit|photograph|illustration)s?"
    r"\s*:\s*[^.!?]{2,80}\)?|\((?:photo|image)s?[^)]{0,80}\))$",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS = 30

# Bylines at the top: "By Jane Doe", "By Jane Doe and John Roe, Reuters".  Names start with a
# capital even when "by" does not, so a headline like "By land and sea" is not a byline.
BYLINE_RE = re.compile(
    r"(?i:by|written by|words by)\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:[ ,]+(?:(?i:and)\s+)?[A-Z][\w'’.-]+){0,7})$"
)
BYLINE_MAX_WORDS = 12

# A dateline line: short, carries a month name or a numeric date, and parses as a full date.
DATELINE_HINT_RE = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b)",
    re.IGNORECASE,
)
DATELINE_PREFIX_RE = re.compile(r"^(?:published|posted|date|first published)\s*(?:on|at)?\s*:?\s*",
                                re.IGNORECASE)
DATELINE_MAX_WORDS = 12

# Outlet names in furniture, in order of trust.  Each has a named group "outlet".
OUTLET_HINT_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?i:the work of) (?P<outlet>[A-Z][\w&.' -]{1,60}?) "
               r"(?i:is (?:supported|funded|made possible|sponsored) by)"),
    re.compile(r"^(?P<outlet>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3}) (?i:is) "
               r"(?i:reader[- ](?:funded|supported)|(?:funded|supported) (?:entirely |solely |only )?"
               r"by (?:our|its) readers|(?:answerable|accountable) (?:only |solely )?to (?:our|its) "
               r"readers)"),
    re.compile(r"^(?i:support) (?P<outlet>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3})$"),
    re.compile(r"^(?i:get) (?P<outlet>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3}) (?i:updates)\b"),
    # "Copyright © 2024 Continental Wire. All rights reserved." names its holder; a bare
    # "Copyright © 2021" names nobody and matches nothing.
    re.compile(r"^(?i:copyright\s*)?(?:©|\((?i:c)\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
               r"(?P<outlet>[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,4})(?:[.,]|\s*$| (?i:all rights))"),
)

# Terminal punctuation that marks a line as a sentence (body) rather than a heading or prompt.
SENTENCE_END = ".!?:;…\"”’)]"

# What may sit in front of a headline that a title field repeats with it glued on: anything
# glued without a space ("LocalCouncil votes ...", "example.comWorldCouncil votes ...") or cut
# off by a breadcrumb separator ("World › Europe › Council votes ...").
GLUED_PREFIX_RE = re.compile(r".*(?:\S|[›»>/|·•:–—-] )", re.DOTALL)

# A site name glued to the front of a breadcrumb line: "example.comWorldCouncil votes ...".
BREADCRUMB_SITE_RE = re.compile(r"(?P<outlet>[A-Za-z0-9][A-Za-z0-9-]{1,40}\.[a-z]{2,6})(?=[A-Z\s|>»/]|$)")
