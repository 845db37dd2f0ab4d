"""The records that flow between polemos's stages.

ingest -> Article; nlp -> AnalyzedDoc; geo -> Toponym; extract -> EventCandidate;
dedup -> Event (with Mention provenance). Each stage takes the previous stage's record and knows
nothing of the stages after it, so every record here is plain data without behaviour beyond
derived properties.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Modality = Literal["asserted", "claimed", "denied", "forecast"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read by ingest.

    `doc_id` is the input's own `id` (JSONL/CSV) or the file name (text, HTML): outside tools key
    their scores on it. `origin` names where the article came from (path and line) for errors.
    """

    doc_id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str = "en"
    origin: str = ""
    author: str | None = None
    # What ingest repaired or dropped on the way (e.g. an impossible date set to None).
    warnings: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        """Identity for idempotent reruns: the same text under the same id is the same article."""
        digest = hashlib.sha256()
        digest.update(self.doc_id.encode("utf-8"))
        digest.update(b"\0")
        digest.update(self.text.encode("utf-8"))
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A character span into an article's text (end exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str


@dataclass(slots=True)
class AnalyzedDoc:
    """The nlp stage's view of an article: sentences and (where computed) named entities."""

    article: Article
    sentences: list[Span]
    entities: list[Entity] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_at(self, offset: int) -> Span | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. Countries and first-level regions are places too (feature class A)."""

    geonameid: int
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # admin1 *name*, e.g. "Luhansk Oblast"
    lat: float
    lon: float
    feature_class: str  # GeoNames class: P populated place, A administrative area, L/T/H other
    feature_code: str = ""
    population: int = 0
    admin1_code: str | None = None  # GeoNames code, e.g. "UA.14"
    # a town's ADM2 area (gazetteer id, negative): where the town is, not what it is called, so
    # two records of one place compare equal whether or not they carry it
    admin2_id: int | None = field(default=None, compare=False)
    admin2: str | None = field(default=None, compare=False)  # that area's name ('Henry County')


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in a text, resolved (place set) or not (place None)."""

    start: int
    end: int
    text: str
    place: Place | None
    score: float
    # the place is the one the text writes this unlisted street, building or venue in, not the
    # named place itself (`polemos.geo.hosts`)
    approximate: bool = False

    def as_json(self) -> dict:
        place = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "geonameid": place.geonameid if place else None,
            "name": place.name if place else None,
            "admin1": place.admin1 if place else None,
            "admin2": place.admin2 if place else None,
            "country": place.country if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "feature_class": place.feature_class if place else None,
            "score": round(self.score, 4),
            "approximate": self.approximate,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in which article an event is stated."""

    doc_id: str
    sentence: str
    char_start: int
    char_end: int


@dataclass(slots=True)
class EventCandidate:
    """One event as one article states it (before cross-document dedup).

    Field names follow ACLED's columns; see DESIGN.md for their meaning.
    """

    event_type: str
    sub_event_type: str
    event_date: date
    time_precision: int
    actor1: str
    actor2: str | None
    location: str
    geo_precision: int
    evidence: Evidence
    disorder_type: str = "Political violence"
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    place: Place | None = None
    fatalities: int | None = None
    injured: int | None = None
    civilian_targeting: bool = False
    modality: Modality = "asserted"
    attribution: str | None = None
    confidence: float = 0.5
    source: str | None = None
    notes: str = ""

    @property
    def is_event(self) -> bool:
        """Forecasts and denials are stored as statements, never counted as events."""
        return self.modality in ("asserted", "claimed")


@dataclass(frozen=True, slots=True)
class Mention:
    """One article's report of a merged event."""

    doc_id: str
    sentence: str
    char_start: int
    char_end: int
    source: str | None = None
    fatalities: int | None = None
    published: date | None = None


@dataclass(slots=True)
class Event:
    """A deduplicated event: candidates from one or many articles merged into one record."""

    event_id_cnty: str
    event_date: date
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    interaction: int | None
    civilian_targeting: bool
    iso: int | None
    region: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    source: str
    source_scale: str
    notes: str
    fatalities: int
    tags: str
    timestamp: int
    injured: int | None
    geonameid: int | None
    modality: Modality
    attribution: str | None
    confidence: float
    mention_count: int
    source_count: int
    mentions: list[Mention] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.event_date.year


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input (or one line of it) that could not become an Article, and why.

    `origin` names the input (path, URL); `line` the 1-based line where that applies. Rejections
    are reported and quarantined; they never stop the rest of a batch.
    """

    origin: str
    reason: str
    line: int | None = None
    content_hash: str | None = None

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class ArticleResult:
    """Everything the per-article stages produce for one article (the unit a worker returns)."""

    article: Article
    toponyms: list[Toponym]
    candidates: list[EventCandidate]
    error: str | None = None
    # (admin1 code, admin1 name) of each first-level region the article's sure local names lie
    # in, read without its feed's hint: its vote on where its source is (`polemos.geo.feeds`)
    local_regions: frozenset[tuple[str, str]] = frozenset()
