"""The briefing data model: what every engine fills and every renderer reads.

Every ``Span`` is a verbatim slice of ``Article.text``: ``text[start:end] == quote``.
Lists are ordered most important first.

Version 1.1 added ``Span.match`` (how grounding found the span); a 1.0 briefing, whose spans
have no ``match``, still loads. Version 1.2 added ``Story.synthesis`` (a model's checked
synthesis of a daily story) and ``Briefing.not_extracted`` (the sections the engine could not
read in the article's language; empty means every section was read).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

SCHEMA_VERSION = "1.2"

Section = Literal["who", "where", "when", "sources"]
WhoKind = Literal["person", "organization", "group"]
PlaceKind = Literal["country", "region", "city", "site", "other"]
SourceKind = Literal["named", "anonymous", "official", "document", "media"]
Confidence = Literal["low", "moderate", "high"]
Match = Literal["exact", "fuzzy"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A verbatim span of the cleaned article text.

    ``match`` is set by grounding on every span it keeps: ``exact`` (the quote was in the text
    word for word, maybe with other spacing or quote-mark/dash style) or ``fuzzy`` (only a
    similar passage was, and ``quote`` is that passage). None: not grounded yet (engines make
    spans without it) or saved by schema 1.0; it is then left out of the JSON.
    """

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    match: Match | None = None

    @model_serializer(mode="wrap")
    def _omit_unset_match(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.match is None:
            data.pop("match", None)
        return data

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text`` from ``start`` to ``end``, its quote taken from the text."""
        return cls(quote=text[start:end], start=start, end=end)


class KeyPoint(_Model):
    text: str
    evidence: list[Span] = []


class Who(_Model):
    name: str
    kind: WhoKind
    role: str | None = None
    evidence: list[Span] = []


class What(_Model):
    description: str
    when: str | None = None
    attributed_to: str = "the article"
    stance: str | None = None
    evidence: list[Span] = []


class Where(_Model):
    name: str
    kind: PlaceKind
    evidence: list[Span] = []


class When(_Model):
    text: str
    date: str | None = None
    evidence: list[Span] = []


class Source(_Model):
    name: str
    kind: SourceKind
    affiliation: str | None = None
    quotes: list[Span] = []
    evidence: list[Span] = []


class UnverifiedClaim(_Model):
    claim: str
    attributed_to: str = "the article"
    marker: str
    evidence: list[Span] = []


class Contradiction(_Model):
    description: str
    evidence: list[Span] = []


class Uncertainty(_Model):
    confidence: Confidence
    single_source: bool
    reasons: list[str] = []
    unverified_claims: list[UnverifiedClaim] = []
    contradictions: list[Contradiction] = []
    missing: list[str] = []


class Article(_Model):
    """A cleaned article: ``text`` is what every span's offsets refer to."""

    title: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    publisher: str | None = None
    language: str | None = None
    word_count: int = 0
    content_sha256: str = ""
    text: str


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    requests: int = 0


class Grounding(_Model):
    """Span counts of the grounding step (``ground.grounding_counts``): ``exact`` and ``fuzzy``
    are the briefing's spans with that ``match``, ``dropped`` the spans that could not be
    found, and ``checked = exact + fuzzy + dropped``."""

    checked: int = 0
    exact: int = 0
    fuzzy: int = 0
    dropped: int = 0


class Provenance(_Model):
    engine: str
    model: str | None = None
    prompt_version: str | None = None
    created_at: str
    usage: Usage | None = None
    grounding: Grounding = Grounding()
    notes: list[str] = []


class Briefing(_Model):
    schema_version: str = SCHEMA_VERSION
    headline: str
    summary: str
    key_points: list[KeyPoint] = []
    who: list[Who] = []
    what: list[What] = []
    where: list[Where] = []
    when: list[When] = []
    sources: list[Source] = []
    uncertainty: Uncertainty
    article: Article
    provenance: Provenance
    # Sections left empty because the engine cannot read them in this language: an empty
    # list there means "not extracted", never "the article names nobody".
    not_extracted: list[Section] = []

    def spans(self) -> list[Span]:
        """Every evidence and quote span in the briefing, for checks and grounding."""
        out: list[Span] = []
        for kp in self.key_points:
            out += kp.evidence
        for group in (self.who, self.what, self.where, self.when):
            for item in group:
                out += item.evidence
        for src in self.sources:
            out += src.quotes + src.evidence
        for claim in self.uncertainty.unverified_claims:
            out += claim.evidence
        for c in self.uncertainty.contradictions:
            out += c.evidence
        return out


# --- The daily brief: many briefings grouped into stories -------------------------------

StoryStatus = Literal["new", "updated", "unchanged"]


class StoryArticle(_Model):
    id: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    confidence: Confidence
    content_sha256: str
    copies: list[str] = []  # ids of near-duplicates (wire copy) folded into this one


class Fact(_Model):
    """A number reported for a thing ("12 injured"), with who reported it and when.

    ``articles``: the ids of the articles that reported it; ``first_reported``: the earliest
    of their publication times (as the articles give them), if any.
    """

    subject: str
    value: str
    reported_by: list[str] = []
    evidence: list[str] = []  # the sentences, verbatim from each article
    articles: list[str] = []
    first_reported: str | None = None


class Conflict(_Model):
    """Values of one quantity that cannot all be true, each with who reported it and when."""

    subject: str
    values: list[Fact] = []


class Progression(_Model):
    """A figure that changed as reports came in ("killed: 2 → 6"), earliest value first."""

    subject: str
    values: list[Fact] = []


class StoryRef(_Model):
    """A story of the previous brief that has no new reports today."""

    id: str
    title: str
    articles: int = 0
    last_published: str | None = None


class StorySpan(_Model):
    """A verbatim span of one of a story's articles: ``article`` is a ``StoryArticle.id``."""

    article: str
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    match: Match = "exact"


class SynthesisSentence(_Model):
    text: str  # the model's words; checked: its numbers are in its evidence
    evidence: list[StorySpan] = Field(min_length=1)


class Synthesis(_Model):
    """A model's title and few sentences over a story's articles; every sentence carries
    evidence spans from those articles, checked like any other span (sentences that fail
    are dropped and counted)."""

    title: str
    sentences: list[SynthesisSentence]
    model: str
    dropped: int = 0  # sentences dropped: evidence not in the articles, or invented numbers


class Story(_Model):
    """One event and its articles, latest first (the first leads: title and summary).

    ``figures``: every quantity's latest agreed value; ``corroborated``: those given by two or
    more independent sources; ``progressions``: figures that changed as reports came in;
    ``conflicts``: values that cannot all be true. ``changes``: what is new since the
    previous brief, when ``status`` is ``updated``.
    """

    id: str
    status: StoryStatus = "new"
    title: str
    summary: str
    articles: list[StoryArticle]
    independent_sources: int
    who: list[str] = []
    where: list[str] = []
    corroborated: list[Fact] = []
    conflicts: list[Conflict] = []
    progressions: list[Progression] = []
    figures: list[Fact] = []
    confidence: Confidence
    reasons: list[str] = []
    changes: list[str] = []  # since the previous brief, when the story is "updated"
    synthesis: Synthesis | None = None  # with a model configured (briefing/synthesis.py)


class DailyBrief(_Model):
    """Stories ranked by significance and recency. With a previous brief, ``previous_date``
    is its date, each story's ``status`` says what it is next to it, and ``no_new_reports``
    lists its stories that nothing today continues."""

    schema_version: str = SCHEMA_VERSION
    date: str
    article_count: int
    stories: list[Story]
    created_at: str
    notes: list[str] = []
    previous_date: str | None = None
    no_new_reports: list[StoryRef] = []
