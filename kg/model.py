"""The plain data that flows through dipkg: documents in, extractions out.

Extractors fill an `Extraction`; `kg.graph.rdf` turns it into triples. Nothing here knows about RDF.
Offsets are Unicode code points into `Document.text`, the article exactly as read (after decoding only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Entity kinds (the closed list of CONTRACT.md). "Region" is an administrative area below a country.
KINDS = ("Country", "City", "Region", "Person", "Organization", "Mission")

# Post roles: local names of the role concepts in the dip: namespace.
ROLES = ("HeadOfState", "HeadOfGovernment", "ForeignMinister", "DeputyForeignMinister", "Spokesperson",
         "Ambassador", "Minister", "Official")

# Event types: local names of the dip: event classes.
EVENT_TYPES = ("Visit", "Meeting", "PhoneCall", "Statement", "Attack", "MissionSuspension", "MissionResumption",
               "LegalProceeding", "Summons", "Expulsion", "Appointment", "Agreement")

# Modalities for events that did not simply happen (local names of dip: concepts).
MODALITIES = ("Planned", "Hoped", "Demanded", "Negated", "Hypothetical")

# Date precisions (local names of dip: concepts).
PRECISIONS = ("Day", "Month", "Year")


@dataclass
class Document:
    """One input article, as read from a file or a record."""

    id: str  # record id, or derived from the file name; used in IRIs
    text: str  # exactly as read, after decoding only (and front matter removed)
    source: str  # where it came from: "path" or "path:line" for JSONL records
    lang: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published_raw: str | None = None  # the publication date as given in the metadata, unparsed
    based_on: str | None = None  # agency it quotes, when given in metadata
    extra: dict[str, object] = field(default_factory=dict)  # unknown metadata fields, kept


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range [start, end) of code points in the article text."""

    start: int
    end: int


@dataclass
class Entity:
    """A real-world entity. `key` is stable across articles: lexicon key, or a slug minted from the name."""

    key: str  # e.g. "iran", "tehran", "person_ناصرکنعانی", "mission_embassy_azerbaijan_tehran" (IRIs: kg.graph.iris)
    kind: str  # one of KINDS
    name_fa: str
    name_en: str | None = None
    alt_names: set[str] = field(default_factory=set)
    qid: str | None = None  # Wikidata id, only when the lexicon marks it verified
    subtype: str | None = None  # schema.org subclass for organizations, e.g. "GovernmentOrganization"
    country: str | None = None  # country key a city, organization or person belongs to
    # missions: sending country, host country, city
    sender: str | None = None
    host: str | None = None
    city: str | None = None
    in_lexicon: bool = False


@dataclass
class Mention:
    """A span of the article that designates an entity."""

    span: Span
    text: str  # == document.text[span.start:span.end]
    entity: str  # Entity.key
    how: str = "lexicon"  # lexicon | title+name | surname | coref | by-role | pattern


@dataclass
class DateInfo:
    """A resolved date or interval. `earliest`/`latest` are the bounds of the begin time."""

    earliest: date
    latest: date
    precision: str  # one of PRECISIONS
    as_stated: str  # the date as written in the text
    span: Span | None = None
    note: str | None = None  # e.g. "year inferred from publication date"
    if_future: DateInfo | None = None  # a bare weekday read forwards, for events told as planned


@dataclass
class Post:
    """Who holds which office, as the text attests it."""

    person: str  # Entity.key
    role: str  # one of ROLES
    country: str | None  # whose office it is
    title: str  # the exact title as written
    span: Span  # the span that says it (title and name, or the title-only designation)
    organization: str | None = None  # Entity.key of the organization named, if any
    accredited_to: str | None = None  # ambassadors: host country key
    attested: date | None = None  # the date it is attested on
    by_role: bool = False  # resolved from a title-only designation through the lexicon of terms
    confidence: float = 1.0


@dataclass
class Event:
    type: str  # one of EVENT_TYPES
    trigger: Span  # the word(s) that name the event
    sentence: Span  # the sentence it was read from
    actors: list[str] = field(default_factory=list)  # Entity.keys of every participant
    source: list[str] = field(default_factory=list)  # who acts (subset of actors)
    target: list[str] = field(default_factory=list)  # who is acted upon (subset of actors)
    place: str | None = None  # Entity.key of the city (or country)
    date: DateInfo | None = None
    modality: str | None = None  # one of MODALITIES, or None when it simply happened
    cameo: str | None = None  # CAMEO code, e.g. "042"
    confidence: float = 1.0
    evidence: list[Span] = field(default_factory=list)  # further spans merged into this event


@dataclass
class Extraction:
    """Everything read from one document."""

    doc: Document
    published: date | None = None
    published_how: str = "unknown"  # metadata | date-line | weekday-match | unknown, with detail
    language: str | None = None  # detected language code
    sentences: list[Span] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    date_problems: list[tuple[Span, str]] = field(default_factory=list)  # impossible or contradictory dates
    # the lexicon's news organizations that `doc.outlet` and `doc.based_on` name (kg.extract.outlets), if it knows
    # them; outlets it does not know are minted when the graph is made (kg.graph.rdf_text.outlet_entity)
    publisher: Entity | None = None
    based_on: Entity | None = None

    def sentence_of(self, span: Span) -> Span | None:
        """The sentence that contains the start of `span`."""
        for s in self.sentences:
            if s.start <= span.start < s.end:
                return s
        return None
