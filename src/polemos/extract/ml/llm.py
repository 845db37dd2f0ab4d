"""Optional LLM extractor for an OpenAI-compatible endpoint (local vLLM, Ollama), off by default.

The model is asked for ACLED events as JSON (a JSON schema is sent as `response_format`), and
nothing it says is trusted: every event must quote evidence that occurs verbatim in the article
(whitespace normalised), name a valid ACLED type/sub-type pair, a place the geoparser found in
the article, a date inside the article's horizon, and casualty numbers that its evidence states.
Events failing a check are dropped with the reason (`LLMResult.rejected`). Accepted events become
the same EventCandidate records as the rule extractor's.

Enabled by `POLEMOS_LLM_URL` + `POLEMOS_LLM_MODEL` (or `--llm-url/--llm-model`); requests have a
timeout and a bounded number of retries; a dead endpoint costs an error string, never a crash.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from polemos.extract.lexicon import DISORDER
from polemos.extract.ml.taxonomy import EVENT_TYPE_OF, SUB_EVENT_TYPES
from polemos.extract.places import region_capital
from polemos.models import AnalyzedDoc, EventCandidate, Evidence, Toponym
from polemos.nlp.numbers import NUMBER, parse_number

log = logging.getLogger(__name__)
HORIZON_DAYS = 31  # older than about a month is background, not news (README coding rules)
MIN_EVIDENCE_WORDS = 3  # a quote like "killed" occurs in any war story and proves nothing
LLM_CONFIDENCE = 0.6  # not calibrated: LLM events are a second opinion


class LLMEvent(BaseModel):
    """One event as the model must return it (its JSON schema is sent with the request)."""

    model_config = ConfigDict(extra="ignore")
    event_type: str
    sub_event_type: str
    evidence: str = Field(description="verbatim quote from the article stating the event")
    location: str = Field(description="the place name as written in the article")
    date: str | None = Field(None, description="YYYY-MM-DD")
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = Field(None, ge=0)
    injured: int | None = Field(None, ge=0)
    modality: Literal["asserted", "claimed", "denied", "forecast"] = "asserted"
    attribution: str | None = None


def answer_schema() -> dict:
    return {"type": "object", "properties": {"events": {"type": "array",
                                                        "items": LLMEvent.model_json_schema()}},
            "required": ["events"]}


@dataclass(frozen=True, slots=True)
class LLMConfig:
    url: str
    model: str
    timeout: float = 60.0  # seconds per request
    retries: int = 2  # extra attempts after a failed one
    backoff: float = 0.5  # seconds, doubled per retry
    max_tokens: int = 1500

    @classmethod
    def from_env(cls) -> LLMConfig | None:
        url, model = os.environ.get("POLEMOS_LLM_URL"), os.environ.get("POLEMOS_LLM_MODEL")
        if not url or not model:
            return None
        return cls(url, model, timeout=float(os.environ.get("POLEMOS_LLM_TIMEOUT", "60")),
                   retries=int(os.environ.get("POLEMOS_LLM_RETRIES", "2")))

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        if base.endswith("/chat/completions"):
            return base
        return base + ("/chat/completions" if base.endswith("/v1") else "/v1/chat/completions")


@dataclass(frozen=True, slots=True)
class Rejection:
    event: dict
    reason: str


@dataclass(slots=True)
class LLMResult:
    candidates: list[EventCandidate] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    error: str | None = None  # the endpoint failed (after retries) or never answered JSON


class LLMError(RuntimeError):
    pass


_SYSTEM = (
    "You code conflict news into ACLED events. Return JSON only: {\"events\": [...]}. One event "
    "per distinct (sub-type, place, day, actors) that the article asserts happened. "
    "Forecasts, threats, plans, vows, denials and background older than a month are not events "
    "(omit them, or give modality forecast/denied). `evidence` must be copied verbatim from the "
    "article; `location` is a place name written in the article; numbers must be stated in the "
    "evidence. Allowed event_type / sub_event_type pairs:\n"
    + "\n".join(f"- {EVENT_TYPE_OF[sub]} / {sub}" for sub in SUB_EVENT_TYPES)
)


def request_body(config: LLMConfig, text: str, published: date | None) -> dict:
    day = published.isoformat() if published else "unknown"
    return {
        "model": config.model, "temperature": 0, "max_tokens": config.max_tokens,
        "messages": [{"role": "system", "content": _SYSTEM},
                     {"role": "user", "content": f"Publication date: {day}\n\nArticle:\n{text}"}],
        "response_format": {"type": "json_schema",
                            "json_schema": {"name": "acled_events", "schema": answer_schema()}},
    }


def ask(config: LLMConfig, body: dict, client: httpx.Client) -> list:
    """The answer's `events` list; retries transport errors, 429/5xx and unparseable answers."""
    failure = "no attempt"
    for attempt in range(config.retries + 1):
        if attempt:
            time.sleep(config.backoff * 2 ** (attempt - 1))
        try:
            response = client.post(config.endpoint, json=body, timeout=config.timeout)
        except httpx.HTTPError as error:
            failure = f"{type(error).__name__}: {error}"
            continue
        if response.status_code == 429 or response.status_code >= 500:
            failure = f"HTTP {response.status_code}"
            continue
        if response.status_code != 200:
            raise LLMError(f"HTTP {response.status_code}: {response.text[:200]}")
        try:
            return parse_answer(response.json()["choices"][0]["message"]["content"])
        except (ValueError, KeyError, IndexError, TypeError) as error:
            failure = f"unparseable answer: {error}"
    raise LLMError(f"{failure} (after {config.retries + 1} attempts)")


_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


def parse_answer(content: str) -> list:
    """The raw event objects of a model answer (code fences tolerated); ValueError otherwise."""
    data = json.loads(_FENCE.sub("", content))
    events = data.get("events") if isinstance(data, dict) else data
    if not isinstance(events, list):
        raise ValueError("no `events` list")
    return events


# --- checks against the article -------------------------------------------------------------

class Normalised:
    """The article with whitespace runs collapsed, and the way back to original offsets."""

    def __init__(self, text: str) -> None:
        chars, offsets = [], []
        for match in re.finditer(r"\s+|\S+", text):
            if match.group().isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offsets.append(match.start())
                continue
            chars.extend(match.group())
            offsets.extend(range(match.start(), match.end()))
        self.text, self.offsets = "".join(chars), offsets

    def find(self, quote: str) -> tuple[int, int] | None:
        needle = " ".join(quote.split())
        at = self.text.find(needle) if needle else -1
        if at < 0:
            return None
        return self.offsets[at], self.offsets[at + len(needle) - 1] + 1


def numbers_in(text: str) -> set[int]:
    return {value for match in NUMBER.finditer(text)
            if (value := parse_number(match.group(0))) is not None}


@dataclass(slots=True)
class Checker:
    """Turns raw model events into EventCandidates when they hold against one article."""

    doc: AnalyzedDoc
    toponyms: list[Toponym]
    model: str
    normalised: Normalised = field(init=False)

    def __post_init__(self) -> None:
        self.normalised = Normalised(self.doc.text)

    def check(self, raw: object) -> EventCandidate | str:
        """The candidate, or why the raw event is dropped."""
        try:
            event = LLMEvent.model_validate(raw)
        except ValidationError as error:
            return f"malformed event: {error.errors()[0]['msg']}"
        if EVENT_TYPE_OF.get(event.sub_event_type) != event.event_type:
            return f"invalid type pair: {event.event_type} / {event.sub_event_type}"
        if len(event.evidence.split()) < MIN_EVIDENCE_WORDS:
            return "evidence too short to state an event"
        span = self.normalised.find(event.evidence)
        if span is None:
            return "evidence not in article"
        toponym = self._place(event.location, span)
        if toponym is None:
            return f"place not found by the geoparser: {event.location!r}"
        stated = numbers_in(self.doc.text[span[0]:span[1]])
        for name in ("fatalities", "injured"):
            value = getattr(event, name)
            if value is not None and value not in stated:
                return f"{name} {value} not stated in the evidence"
        day = self._date(event.date)
        if isinstance(day, str):
            return day
        return self._candidate(event, span, toponym, *day)

    def _place(self, name: str, span: tuple[int, int]) -> Toponym | None:
        wanted = {name.casefold().strip(), name.split(",")[0].casefold().strip()}
        found = [t for t in self.toponyms if t.place is not None
                 and (t.text.casefold() in wanted or t.place.name.casefold() in wanted)]
        # The mention closest to the evidence is the one the event is about.
        return min(found, key=lambda t: abs(t.start - span[0]), default=None)

    def _date(self, raw: str | None) -> tuple[date, int] | str:
        published = self.doc.article.published
        if raw is None:
            if published is None:
                return "no date and no publication date"
            return published - timedelta(days=1), 2  # README convention: no time word
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            return f"invalid date {raw!r}"
        if published is not None and not (
                published - timedelta(days=HORIZON_DAYS) <= day <= published):
            return f"date {raw} outside the article's horizon"
        return day, 1

    def _candidate(self, event: LLMEvent, span: tuple[int, int], toponym: Toponym, day: date,
                   precision: int) -> EventCandidate:
        place = toponym.place
        assert place is not None
        # As the rules do: a region-level event keeps the region's name, at its capital's point.
        point = place if place.feature_class == "P" else region_capital(place) or place
        actor1, inter1 = _actor(event.actor1, place.country, day)
        actor2, inter2 = _actor(event.actor2, place.country, day)
        sentence = self.doc.sentence_at(span[0])
        return EventCandidate(
            event_type=event.event_type, sub_event_type=event.sub_event_type, event_date=day,
            time_precision=precision, actor1=actor1 or "Unidentified Armed Group", actor2=actor2,
            location=place.name, geo_precision=1 if place.feature_class == "P" else 3,
            evidence=Evidence(self.doc.article.doc_id,
                              sentence.text if sentence else self.doc.text[span[0]:span[1]],
                              *span),
            disorder_type=DISORDER[event.event_type],
            inter1=inter1, inter2=inter2, place=point, fatalities=event.fatalities,
            injured=event.injured, civilian_targeting=bool(actor2 and actor2.startswith("Civil")),
            modality=event.modality, attribution=event.attribution, confidence=LLM_CONFIDENCE,
            source=self.doc.article.source, notes=f"llm:{self.model}")


def _actor(raw: str | None, country: str | None, day: date) -> tuple[str | None, int | None]:
    """ACLED name and inter code from the actor dictionary when it knows the phrase."""
    if not raw:
        return None, None
    from polemos.extract.actors import actor_book

    book = actor_book()
    mentions = book.find(raw)
    if mentions and (name := book.name(mentions[0], country, day)):
        return name, book.inter(mentions[0])
    return raw.strip(), None


def extract_with_llm(doc: AnalyzedDoc, toponyms: list[Toponym], config: LLMConfig,
                     client: httpx.Client | None = None) -> LLMResult:
    """The checked events the model finds in one article (never raises for endpoint trouble)."""
    own = client is None
    client = client or httpx.Client()
    try:
        raw_events = ask(config, request_body(config, doc.text, doc.article.published), client)
    except LLMError as error:
        return LLMResult(error=str(error))
    finally:
        if own:
            client.close()
    checker = Checker(doc, toponyms, config.model)
    result = LLMResult()
    for raw in raw_events:
        outcome = checker.check(raw)
        if isinstance(outcome, str):
            result.rejected.append(Rejection(raw if isinstance(raw, dict) else {"raw": raw},
                                             outcome))
        else:
            result.candidates.append(outcome)
    return result


def same_event(one: EventCandidate, other: EventCandidate) -> bool:
    """Same type, place and day (±1): the rule extractor's event already covers the LLM's."""
    if one.event_type != other.event_type or abs((one.event_date - other.event_date).days) > 1:
        return False
    if one.place is not None and other.place is not None:
        return one.place.geonameid == other.place.geonameid
    return one.location == other.location


@cache
def _shared_client() -> httpx.Client:
    return httpx.Client()


@dataclass(slots=True)
class Breaker:
    """Stops asking an endpoint that keeps failing: with a dead server every article would
    otherwise wait out its timeouts and retries. After `failures` failed articles in a row the
    endpoint rests for `rest_s` seconds, then gets one article to prove itself again."""

    failures: int = 5
    rest_s: float = 300.0
    failed: int = 0
    resting_until: float = 0.0

    def open(self) -> bool:
        return time.monotonic() < self.resting_until

    def record(self, ok: bool) -> None:
        self.failed = 0 if ok else self.failed + 1
        if self.failed >= self.failures:
            self.resting_until = time.monotonic() + self.rest_s
            self.failed = self.failures - 1  # one more failure after the rest: rest again
            log.warning("LLM endpoint failed %d articles in a row; not asked for %.0f s",
                        self.failures, self.rest_s)


_breakers: dict[str, Breaker] = {}


def second_opinion(doc: AnalyzedDoc, toponyms: list[Toponym],
                   found: list[EventCandidate]) -> list[EventCandidate]:
    """Checked LLM events that no event in `found` covers (the pipeline's optional hook)."""
    config = LLMConfig.from_env()
    if config is None:
        return []
    breaker = _breakers.setdefault(config.endpoint, Breaker())
    if breaker.open():
        return []
    result = extract_with_llm(doc, toponyms, config, client=_shared_client())
    breaker.record(result.error is None)
    if result.error:
        log.warning("LLM extractor on %s: %s", doc.article.doc_id, result.error)
    for rejection in result.rejected:
        log.info("LLM event dropped on %s: %s", doc.article.doc_id, rejection.reason)
    return [c for c in result.candidates if not any(same_event(c, f) for f in found)]


def candidate_json(candidate: EventCandidate) -> dict:
    """A JSON-ready view of a candidate (dates as ISO strings, the place as its fields)."""
    data = asdict(candidate)
    data["event_date"] = candidate.event_date.isoformat()
    return data
