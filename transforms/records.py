"""Typed records that flow between the pure transforms and the warehouse.

Every extracted span carries ``start``/``end`` character offsets into the text it came from
(for articles: ``Article.body``), so ``text[start:end] == record.text`` always holds and any
fact can be traced back and highlighted.  Each record class maps one-to-one onto a table
schema in ``warehouse/schemas.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as a reader found it, before cleaning.

    ``content`` is plain text when ``content_type == "text"`` and markup when ``"html"``.
    Metadata fields hold what the record itself said (``None`` when it said nothing).
    """

    source_path: str  # path of the dump file; archive members as "outer.zip!inner.html"
    record_no: int  # 0-based position of the record within its file (line no. for JSONL)
    content: str
    content_type: str  # "text" | "html"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # raw date string as found; parsed later
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    # a text field that holds tags: read as HTML, but cleaned as text if no body is found
    tagged_text: bool = False


class Stage(StrEnum):
    """The pipeline stage that turned a file or record away (the quarantine table's ``stage``)."""

    READ = "read"
    DECODE = "decode"
    PARSE = "parse"
    CLEAN = "clean"
    EXTRACT = "extract"


class Reason(StrEnum):
    """Why a file or record is in the quarantine table; its stage is ``REASON_STAGES[reason]``.

    The values are what the table stores, so they never change once written.
    """

    # finding files: deliberate, counted, never fatal
    NOT_A_REGULAR_FILE = "not_a_regular_file"
    DANGLING_LINK = "dangling_link"
    LINK_LOOP = "link_loop"
    OUTSIDE_DUMPS = "outside_dumps"
    UNREADABLE_FOLDER = "unreadable_folder"
    UNREADABLE_FILE = "unreadable_file"
    CHANGED_WHILE_READ = "changed_while_read"
    # reading files and archives
    EMPTY_DUMP = "empty_dump"
    TRUNCATED_ARCHIVE = "truncated_archive"
    CORRUPT_ARCHIVE = "corrupt_archive"
    UNSUPPORTED_MEMBER = "unsupported_member"
    UNSUPPORTED_FORMAT = "unsupported_format"
    ENCRYPTED_MEMBER = "encrypted_member"
    TOO_LARGE = "too_large"
    TOO_DEEP = "too_deep"
    READ_FAILED = "read_failed"
    # bytes to text
    BINARY_CONTENT = "binary_content"
    UNDECODABLE = "undecodable"
    # text to records
    MALFORMED_JSON = "malformed_json"
    NOT_AN_OBJECT = "not_an_object"
    NO_TEXT = "no_text"
    # records to articles
    EMPTY_ARTICLE = "empty_article"
    NO_BODY = "no_body"
    CLEAN_ERROR = "clean_error"
    REPAIRED_TEXT = "repaired_text"  # kept: lone surrogates replaced before storage
    SHORT = "short"  # kept: a brief with a title and a sentence
    # articles to facts
    EXTRACT_ERROR = "extract_error"

    @property
    def stage(self) -> Stage:
        return REASON_STAGES[self]


_S, _R = Stage, Reason
# The one table saying which stage each reason belongs to.
REASON_STAGES: dict[Reason, Stage] = {
    _R.NOT_A_REGULAR_FILE: _S.READ, _R.DANGLING_LINK: _S.READ, _R.LINK_LOOP: _S.READ,
    _R.OUTSIDE_DUMPS: _S.READ, _R.UNREADABLE_FOLDER: _S.READ, _R.UNREADABLE_FILE: _S.READ,
    _R.CHANGED_WHILE_READ: _S.READ, _R.EMPTY_DUMP: _S.READ, _R.TRUNCATED_ARCHIVE: _S.READ,
    _R.CORRUPT_ARCHIVE: _S.READ, _R.UNSUPPORTED_MEMBER: _S.READ,
    _R.UNSUPPORTED_FORMAT: _S.READ, _R.ENCRYPTED_MEMBER: _S.READ, _R.TOO_LARGE: _S.READ,
    _R.TOO_DEEP: _S.READ, _R.READ_FAILED: _S.READ,
    _R.BINARY_CONTENT: _S.DECODE, _R.UNDECODABLE: _S.DECODE,
    _R.MALFORMED_JSON: _S.PARSE, _R.NOT_AN_OBJECT: _S.PARSE, _R.NO_TEXT: _S.PARSE,
    _R.EMPTY_ARTICLE: _S.CLEAN, _R.NO_BODY: _S.CLEAN, _R.CLEAN_ERROR: _S.CLEAN,
    _R.REPAIRED_TEXT: _S.CLEAN, _R.SHORT: _S.CLEAN,
    _R.EXTRACT_ERROR: _S.EXTRACT,
}
# Reasons that note something about a record that was kept (not counted as quarantined).
KEPT_REASONS: frozenset[Reason] = frozenset({Reason.REPAIRED_TEXT, Reason.SHORT})


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file or record that could not become an article (or a note on one that was kept).

    It goes to the quarantine table; the stage follows from the reason.
    """

    source_path: str
    record_no: int | None  # None when the whole file is bad
    reason: Reason
    detail: str = ""  # human-readable explanation
    sample: str = ""  # first characters of the offending content, for diagnosis

    @property
    def stage(self) -> Stage:
        return Reason(self.reason).stage

    @property
    def kept(self) -> bool:
        return self.reason in KEPT_REASONS


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: ``body`` is the reference text for every stored offset."""

    article_id: str  # stable: hash of the normalised body
    body: str
    title: str | None
    outlet: str | None
    author: str | None
    published_at: datetime | None  # timezone-aware UTC when the zone is known, else naive
    url: str | None
    language: str | None
    source_path: str
    record_no: int
    updated_note: str | None = None  # "Updated at 18:30. Added comment ..." kept out of body
    word_count: int = 0


@dataclass(frozen=True, slots=True)
class Citation:
    """A report an article relies on ("according to NBC News", a link to another outlet)."""

    start: int
    end: int
    text: str
    cited_outlet: str | None
    url: str | None = None
    cue: str | None = None  # "according to", "citing", "report said", "link"


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A person or organisation named in a text."""

    start: int
    end: int
    text: str  # surface form exactly as in the text
    name: str  # canonical within the text ("Arestovich" -> "Aleksey Arestovich")
    type: str  # "person" | "organisation"
    role: str | None = None  # "national security adviser", "spokesperson", "Defense Minister"
    affiliation: str | None = None  # "US National Security Council"
    org_kind: str | None = None  # organisations: "outlet" | "government" | "alliance" | ...


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """Who said what: a direct (or indirect) quotation and its attribution."""

    start: int
    end: int
    text: str  # the speaker's words: the quoted pieces without marks, joined by one space
    speaker: str | None  # canonical name, or anonymous descriptor ("one senior U.S. official")
    speaker_type: str  # "person" | "organisation" | "anonymous" | "unknown"
    cue: str | None  # "said", "wrote", "told", "commented", ...
    partial: bool = False  # a fragment quoted inside a sentence
    indirect: bool = False  # reported speech without quote marks
    speaker_start: int | None = None  # offsets of the speaker phrase when found in the text
    speaker_end: int | None = None
    # The quoted pieces as (start, end) offsets, in order: a quote split by its attribution
    # ("“A,” X said. “B.”") or run over paragraphs has several; ``text`` is their words joined
    # by one space, so it holds only what the speaker said, while start/end span the whole.
    # Empty means one piece, ``(start, end)`` (records built by hand).
    segments: tuple[tuple[int, int], ...] = ()

    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The quoted pieces' offsets, ``((start, end),)`` for a quote in one piece."""
        return self.segments or ((self.start, self.end),)


@dataclass(frozen=True, slots=True)
class FigureMention:
    """A number with a unit, normalised so figures can be summed and compared."""

    start: int
    end: int
    text: str  # "more than $2 billion"
    value: float | None  # point value; None for pure ranges
    low: float | None
    high: float | None
    unit: str | None  # ISO currency ("USD"), minor unit ("penny"), "percent", counted noun
    qualifier: str | None  # "more than", "about", "up to", ...
    kind: str  # a FigureKind value: "money", "share", "poll", "people", "casualties", ...
    subject: str | None = None  # short phrase naming what is measured
    attributed_to: str | None = None  # "the Pentagon", "a U.S. official"
    sentence: str | None = None  # the sentence the figure sits in
    per: str | None = None  # rate period: "year", "month", "day"
    population: str | None = None  # polls: "Americans"
    pollster: str | None = None  # polls: "Gallup"
    measure_key: str | None = None  # kind|unit|counted thing|per|time: comparable figures share it
    time_ref: str | None = None  # the time the figure is for: "in 2023", "a year earlier"
    field_dates: str | None = None  # polls: when it was carried out, as written
    margin_of_error: float | None = None  # polls: in percentage points


@dataclass(frozen=True, slots=True)
class Extraction:
    """What ``transforms.extract(text)`` returns: every list is sorted by ``start``."""

    people: list[EntityMention] = field(default_factory=list)
    organisations: list[EntityMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)


# --------------------------------------------------------------------------- corpus level


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """The slice of an article that corpus-wide steps (duplicates, stories, reuse) need."""

    article_id: str
    body: str
    title: str | None
    outlet: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """``article_id`` is a light edit of ``original_id`` (its closest earlier/larger twin)."""

    article_id: str
    original_id: str
    similarity: float  # estimated Jaccard of word shingles, 0..1


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same event."""

    story_id: str  # stable: derived from the earliest member's article_id
    label: str  # short human-readable label (e.g. the earliest/most central title)
    article_ids: tuple[str, ...]
    first_seen: datetime | None
    last_seen: datetime | None
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReusePassage:
    """A passage shared by two articles, aligned, with offsets into both bodies."""

    article_a: str
    a_start: int
    a_end: int
    article_b: str
    b_start: int
    b_end: int
    words: int  # length of the aligned passage in words (on side a)
    similarity: float  # 1.0 for verbatim, lower for light edits
    earlier: str | None = None  # "a" | "b" | None when dates do not tell


@dataclass(frozen=True, slots=True)
class EntityName:
    """One distinct (type, name) seen in the corpus, with how often: input to resolution."""

    type: str  # "person" | "organisation"
    name: str
    mentions: int = 1


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    """One real-world person or organisation, whatever the spelling."""

    entity_id: str  # stable: derived from type + canonical key
    type: str
    name: str  # preferred spelling (most frequent / fullest)
    aliases: tuple[str, ...]  # every spelling seen, including ``name``
