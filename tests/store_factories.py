"""Hand-made articles and event candidates for store / dedup / runner tests."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from polemos.models import Article, ArticleResult, EventCandidate, Evidence, Place

SLOVYANSK = Place(693468, "Slov'yans'k", "UA", "Donetsk Oblast", 48.8528, 37.6053, "P", "PPLA2",
                  106972, "UA.05")
KRAMATORSK = Place(704508, "Kramatorsk", "UA", "Donetsk Oblast", 48.7231, 37.5566, "P", "PPLA2",
                   173700, "UA.05")  # about 15 km from Slovyansk
MYKOLAIVKA = Place(702569, "Mykolayivka", "UA", "Donetsk Oblast", 48.8620, 37.7108, "P", "PPL",
                   15000, "UA.05")  # about 8 km from Slovyansk
KHARTOUM = Place(379252, "Khartoum", "SD", "Khartoum", 15.5518, 32.5324, "P", "PPLC", 1974647,
                 "SD.29")
RUSSIA = "Military Forces of Russia (2000-)"
UKRAINE = "Military Forces of Ukraine (2019-)"
CIVILIANS = "Civilians (Ukraine)"


def shelling(doc_id: str, day: date = date(2022, 7, 3), place: Place = SLOVYANSK,
             fatalities: int | None = 6, actor1: str = RUSSIA, actor2: str | None = CIVILIANS,
             event_type: str = "Explosions/Remote violence",
             sub_event_type: str = "Shelling/artillery/missile attack",
             modality: str = "asserted", injured: int | None = None) -> EventCandidate:
    sentence = f"An artillery barrage on {place.name} killed {fatalities} civilians."
    return EventCandidate(
        event_type=event_type, sub_event_type=sub_event_type, event_date=day,
        time_precision=1, actor1=actor1, actor2=actor2, location=place.name, geo_precision=1,
        evidence=Evidence(doc_id, sentence, 0, len(sentence)), place=place,
        fatalities=fatalities, injured=injured, inter1=8, inter2=7 if actor2 else None,
        civilian_targeting=actor2 == CIVILIANS, modality=modality, confidence=0.6,
    )


def article(doc_id: str, published: date | None = date(2022, 7, 4), source: str | None = None,
            text: str | None = None) -> Article:
    body = text or f"Report {doc_id}: " + " ".join(f"word{doc_id}{i}" for i in range(80))
    return Article(doc_id=doc_id, text=body, published=published, source=source,
                   origin=f"{doc_id}.txt")


def result(doc_id: str, *candidates: EventCandidate, **article_fields) -> ArticleResult:
    return ArticleResult(article(doc_id, **article_fields), [], list(candidates))


def another_database(store_url: str, folder: Path) -> str:
    """A new, empty database on the backend of `store_url` (the `store_url` fixture's)."""
    if store_url.startswith("sqlite"):
        return f"sqlite:///{folder / f'another-{uuid.uuid4().hex[:8]}.db'}"
    from conftest import pg_url

    prefix = store_url.split("search_path%3D")[1].rsplit("_", 1)[0]
    return pg_url(f"{prefix}_{uuid.uuid4().hex[:8]}")
