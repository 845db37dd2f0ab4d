"""The REST API over a fake store: filters reach the store validated, hostile queries get 422."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from polemos.models import Event
from polemos.serve import create_app
from polemos.serve.query import MAX_LIMIT
from test_export import ACLED_COLUMNS, sample_events


@dataclass
class FakeStore:
    """Filters a list in memory the way Store.events is specified to; records every call."""

    stored: list[Event]
    calls: list[dict[str, Any]] = field(default_factory=list)

    def events(self, include_statements: bool = False, date_from: date | None = None,
               date_to: date | None = None, bbox: tuple | None = None, country: str | None = None,
               admin1: str | None = None, event_type: str | None = None,
               actor: str | None = None, limit: int | None = None, offset: int = 0) -> list[Event]:
        self.calls.append({"include_statements": include_statements, "date_from": date_from,
                           "date_to": date_to, "bbox": bbox, "country": country, "limit": limit,
                           "offset": offset, "actor": actor})
        found = [
            e for e in self.stored
            if (include_statements or e.modality in ("asserted", "claimed"))
            and (date_from is None or e.event_date >= date_from)
            and (date_to is None or e.event_date <= date_to)
            and (country is None or e.country == country)
            and (admin1 is None or e.admin1 == admin1)
            and (event_type is None or e.event_type == event_type)
            and (actor is None or actor in (e.actor1, e.actor2))
            and (bbox is None or (e.longitude is not None and e.latitude is not None
                                  and bbox[0] <= e.longitude <= bbox[2]
                                  and bbox[1] <= e.latitude <= bbox[3]))
        ]
        return found[offset:offset + limit if limit else None]


@pytest.fixture
def store() -> FakeStore:
    return FakeStore(sample_events())


@pytest.fixture
def client(store: FakeStore) -> TestClient:
    return TestClient(create_app("sqlite://", store=store))


def test_events_json_excludes_statements(client: TestClient, store: FakeStore) -> None:
    body = client.get("/api/events").json()
    assert body["count"] == 2 and body["next_offset"] is None
    assert {e["event_id_cnty"] for e in body["events"]} == {"UKR0001", "KEN0001"}
    assert body["events"][0]["mentions"][0]["doc_id"] == "telegraph-2022-07-05.txt"
    assert store.calls[-1]["include_statements"] is False


def test_filters_are_parsed_and_passed(client: TestClient, store: FakeStore) -> None:
    response = client.get("/api/events", params={
        "date_from": "2022-07-01", "date_to": "2022-07-31", "bbox": "30,44,41,53",
        "country": "Ukraine", "limit": 5, "offset": 0})
    assert response.status_code == 200
    assert [e["event_id_cnty"] for e in response.json()["events"]] == ["UKR0001"]
    call = store.calls[-1]
    assert call["date_from"] == date(2022, 7, 1) and call["bbox"] == (30.0, 44.0, 41.0, 53.0)
    assert call["limit"] == 5


def test_paging_reports_next_offset(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 1}).json()
    assert body["count"] == 1 and body["next_offset"] == 1
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert second["events"][0]["event_id_cnty"] != body["events"][0]["event_id_cnty"]


@pytest.mark.parametrize("params", [
    {"limit": 10**9}, {"limit": 0}, {"limit": -1}, {"limit": "1e3"}, {"offset": -5},
    {"offset": 10**30}, {"date_from": "2022-13-01"}, {"date_from": "yesterday"},
    {"date_to": "2022-02-30"}, {"date_from": "2022-08-01", "date_to": "2022-07-01"},
    {"bbox": "1,2,3"}, {"bbox": "nan,0,1,1"}, {"bbox": "10,0,185,1"}, {"bbox": "0,-91,1,1"},
    {"bbox": "0,0,1,1; DROP TABLE events"}, {"country": "x" * 500},
    {"actor": "Rus\x00sia"}, {"admin1": "a\nb"},
])
def test_hostile_queries_are_422(client: TestClient, params: dict) -> None:
    for path in ("/api/events", "/api/events.geojson", "/api/events.csv", "/api/stats"):
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params, response.text)


def test_sql_like_text_is_just_text(client: TestClient, store: FakeStore) -> None:
    response = client.get("/api/events", params={"country": "Ukraine' OR '1'='1"})
    assert response.status_code == 200 and response.json()["count"] == 0
    assert store.calls[-1]["country"] == "Ukraine' OR '1'='1"


def test_max_limit_is_accepted(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": MAX_LIMIT}).status_code == 200


def test_geojson_endpoint(client: TestClient) -> None:
    response = client.get("/api/events.geojson", params={"country": "Kenya"})
    assert response.headers["content-type"].startswith("application/geo+json")
    (feature,) = response.json()["features"]
    assert feature["geometry"]["coordinates"] == [36.8167, -1.2833]


def test_csv_endpoint_has_acled_header(client: TestClient) -> None:
    response = client.get("/api/events.csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0][:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(rows) == 3


def test_stats_counts_by_type_and_day(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["events"] == 2 and stats["fatalities"] == 11
    assert stats["by_type"] == {"Explosions/Remote violence": 1, "Protests": 1}
    assert stats["by_day"] == {"2022-07-03": 1, "2024-06-25": 1}
    assert stats["truncated"] is False


def test_stats_pages_through_the_store(store: FakeStore) -> None:
    store.stored = sample_events()[:1] * (MAX_LIMIT + 3)
    client = TestClient(create_app("sqlite://", store=store))
    assert client.get("/api/stats").json()["events"] == MAX_LIMIT + 3
    assert [c["offset"] for c in store.calls] == [0, MAX_LIMIT]


def test_healthz_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events.geojson", "/api/events.csv", "/api/stats",
            "/healthz"} <= set(spec["paths"])
    event_schema = spec["components"]["schemas"]["EventOut"]["properties"]
    assert {"event_id_cnty", "fatalities", "modality", "mentions"} <= set(event_schema)


def test_healthz_reports_a_broken_store() -> None:
    class Broken:
        def events(self, **_: Any) -> list[Event]:
            raise OSError("database is gone")

    response = TestClient(create_app("sqlite://", store=Broken())).get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "error"


def test_index_page_is_served_offline(client: TestClient) -> None:
    page = client.get("/").text
    assert "/static/leaflet.js" in page
    assert "http://" not in page and "https://" not in page
    assert client.get("/static/countries-110m.json").status_code == 200


def test_real_sqlite_store_behind_the_api(tmp_path: Path) -> None:
    from test_serve_report import seed_sqlite

    db = f"sqlite:///{tmp_path / 'api.db'}"
    seed_sqlite(db)
    client = TestClient(create_app(db))
    everything = client.get("/api/events").json()
    assert everything["count"] == 5  # the seeded forecast is not served as an event
    assert client.get("/api/events", params={"country": "Kenya"}).json()["count"] == 1
    ukraine_box = client.get("/api/events", params={"bbox": "22,44,41,53"}).json()
    assert {e["location"] for e in ukraine_box["events"]} == {
        "Sloviansk", "Lysychansk", "Kramatorsk"}
    for hostile in ("' OR '1'='1", "%", "_", "Russia'); DROP TABLE events; --", "\\"):
        for key in ("country", "admin1", "actor", "event_type"):
            response = client.get("/api/events", params={key: hostile})
            assert response.status_code == 200 and response.json()["count"] == 0, (key, hostile)
    assert client.get("/api/events").json()["count"] == 5  # nothing was dropped
    assert client.get("/api/stats").json()["by_day"]["2022-07-03"] == 2
