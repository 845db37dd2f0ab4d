"""Records <-> table rows (plain dicts), kept apart from the queries that move them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from polemos.dedup.records import Member
from polemos.dedup.rules import block
from polemos.geo.feeds import FeedVotes, Region
from polemos.geo.source import host_of
from polemos.models import Article, ArticleResult, Event, EventCandidate, Evidence, Mention, Place

EVENT_FIELDS = [f.name for f in dataclasses.fields(Event) if f.name != "mentions"]


@dataclass(slots=True)
class ResultRows:
    """The rows a batch of processed articles adds, table by table.

    Plain dicts without the article text or toponyms: this is what a Dask worker ships to the
    single SQLite writer, a few hundred bytes per candidate.
    """

    articles: list[dict[str, Any]] = field(default_factory=list)
    places: dict[int, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    candidates: list[dict[str, Any]] = field(default_factory=list)
    # content hash -> (URL host, `ArticleResult.local_regions`): the article's feed vote
    votes: dict[str, tuple[str | None, frozenset[Region]]] = field(default_factory=dict)

    @classmethod
    def of(cls, results: Sequence[ArticleResult], run_id: int,
           signatures: Mapping[str, bytes | None]) -> ResultRows:
        """Rows for `results`; `signatures` maps content hash -> MinHash bytes."""
        rows = cls()
        for result in results:
            article = result.article
            content_hash = article.content_hash
            rows.articles.append(article_row(article, content_hash, run_id, result.error,
                                             signatures.get(content_hash)))
            for ordinal, candidate in enumerate(result.candidates):
                rows.add_candidate(candidate, article, content_hash, ordinal, run_id)
            rows.votes[content_hash] = (host_of(article.url), result.local_regions)
        return rows

    def add_candidate(self, candidate: EventCandidate, article: Article, content_hash: str,
                      ordinal: int, run_id: int) -> None:
        if candidate.place:
            self.places[candidate.place.geonameid] = place_row(candidate.place)
        for name, inter in ((candidate.actor1, candidate.inter1),
                            (candidate.actor2, candidate.inter2),
                            (candidate.assoc_actor_1, None), (candidate.assoc_actor_2, None)):
            if name:
                self.actors.setdefault(name, {"name": name, "inter": inter})
        self.candidates.append(candidate_row(candidate, article, content_hash, ordinal, run_id))


def article_row(article: Article, content_hash: str, run_id: int, error: str | None,
                signature: bytes | None) -> dict[str, Any]:
    return {
        "content_hash": content_hash, "doc_id": article.doc_id, "title": article.title,
        "url": article.url, "source": article.source, "published": article.published,
        "language": article.language, "origin": article.origin, "error": error,
        "n_chars": len(article.text), "signature": signature, "run_id": run_id,
    }


def feed_count_rows(votes: Mapping[str, FeedVotes]
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """New articles' votes (`feeds.counted`) as rows to add to `feed_hosts` (voting articles
    per host) and `feed_votes` (articles per host and region)."""
    hosts = [{"host": host, "articles": vote.articles} for host, vote in votes.items()]
    regions = [{"host": host, "admin1_code": code, "admin1": name, "articles": count}
               for host, vote in votes.items() for (code, name), count in vote.regions.items()]
    return hosts, regions


def place_row(place: Place) -> dict[str, Any]:
    return {
        "geonameid": place.geonameid, "name": place.name, "country": place.country,
        "admin1": place.admin1, "admin1_code": place.admin1_code, "admin2": place.admin2,
        "latitude": place.lat,
        "longitude": place.lon, "feature_class": place.feature_class,
        "feature_code": place.feature_code, "population": place.population,
    }


def candidate_row(candidate: EventCandidate, article: Article, content_hash: str, ordinal: int,
                  run_id: int) -> dict[str, Any]:
    place = candidate.place
    evidence = candidate.evidence
    return {
        "article_hash": content_hash, "ordinal": ordinal, "doc_id": article.doc_id,
        "run_id": run_id, "block": block(candidate), "event_date": candidate.event_date,
        "time_precision": candidate.time_precision, "disorder_type": candidate.disorder_type,
        "event_type": candidate.event_type, "sub_event_type": candidate.sub_event_type,
        "actor1": candidate.actor1, "assoc_actor_1": candidate.assoc_actor_1,
        "inter1": candidate.inter1, "actor2": candidate.actor2,
        "assoc_actor_2": candidate.assoc_actor_2, "inter2": candidate.inter2,
        "location": candidate.location, "geo_precision": candidate.geo_precision,
        "geonameid": place.geonameid if place else None,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "country": place.country if place else None, "admin1": place.admin1 if place else None,
        "fatalities": candidate.fatalities, "injured": candidate.injured,
        "civilian_targeting": candidate.civilian_targeting, "modality": candidate.modality,
        "attribution": candidate.attribution, "confidence": candidate.confidence,
        "source": candidate.source or article.source, "published": article.published,
        "notes": candidate.notes, "sentence": evidence.sentence,
        "char_start": evidence.char_start, "char_end": evidence.char_end, "event_id": None,
    }


def member_from_row(row: Mapping[str, Any]) -> Member:
    """A stored candidate (joined with its place and article) as dedup sees it."""
    place = None
    if row["geonameid"] is not None:
        place = Place(
            geonameid=row["geonameid"], name=row["place_name"] or row["location"],
            country=row["country"], admin1=row["admin1"], lat=row["latitude"],
            lon=row["longitude"], feature_class=row["feature_class"] or "P",
            feature_code=row["feature_code"] or "", admin2=row["place_admin2"],
        )
    candidate = EventCandidate(
        event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        event_date=row["event_date"], time_precision=row["time_precision"],
        actor1=row["actor1"], actor2=row["actor2"], location=row["location"],
        geo_precision=row["geo_precision"],
        evidence=Evidence(row["doc_id"], row["sentence"], row["char_start"], row["char_end"]),
        disorder_type=row["disorder_type"], assoc_actor_1=row["assoc_actor_1"],
        assoc_actor_2=row["assoc_actor_2"], inter1=row["inter1"], inter2=row["inter2"],
        place=place, fatalities=row["fatalities"], injured=row["injured"],
        civilian_targeting=bool(row["civilian_targeting"]), modality=row["modality"],
        attribution=row["attribution"], confidence=row["confidence"], source=row["source"],
        notes=row["notes"],
    )
    return Member(article_hash=row["article_hash"], ordinal=row["ordinal"],
                  doc_id=row["doc_id"], candidate=candidate, published=row["published"],
                  outlet=row["source"], signature=row["signature"])


def event_row(event: Event, block_key: str, country_code: str | None) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in EVENT_FIELDS}
    row.update(block=block_key, is_event=event.modality in ("asserted", "claimed"),
               year=event.year, country_code=country_code)
    return row


def event_from_row(row: Mapping[str, Any], mentions: list[Mention]) -> Event:
    values = {name: row[name] for name in EVENT_FIELDS}
    values["civilian_targeting"] = bool(values["civilian_targeting"])
    return Event(**values, mentions=mentions)


def mention_from_row(row: Mapping[str, Any]) -> Mention:
    return Mention(doc_id=row["doc_id"], sentence=row["sentence"], char_start=row["char_start"],
                   char_end=row["char_end"], source=row["source"],
                   fatalities=row["fatalities"], published=row["published"])
