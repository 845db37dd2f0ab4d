"""The REST API and the static web map (`polemos serve`).

Read-only: every endpoint goes through `Store.events(include_statements=False, ...)` with
validated filters, so forecasts and denials never appear as events here.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Response
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from polemos import __version__
from polemos.export.records import to_record
from polemos.export.text_formats import feature_collection, write_csv
from polemos.serve.query import EventFilters, EventStore, event_filters
from polemos.serve.schema import EventPage, Stats
from polemos.serve.stats import iter_events, summarize

STATIC_DIR = Path(__file__).parent / "static"
Filters = Annotated[EventFilters, Depends(event_filters)]


def _open_store(db_url: str) -> EventStore:
    from polemos.store import Store

    return Store(db_url)


def create_app(db_url: str, store: EventStore | None = None) -> FastAPI:
    """The API over the store at `db_url` (or over `store`, e.g. a fake in tests)."""
    source = store if store is not None else _open_store(db_url)
    # /docs and /redoc load their assets from a CDN; polemos stays offline, the spec is local.
    app = FastAPI(title="polemos", version=__version__, docs_url=None, redoc_url=None,
                  description="Geocoded, sourced conflict events (ACLED-compatible records).")

    def fetch(filters: EventFilters) -> list:
        return source.events(include_statements=False, **filters.as_kwargs())

    @app.get("/api/events", response_model=EventPage)
    def events(filters: Filters) -> dict[str, Any]:
        found = fetch(filters)
        full = len(found) == filters.limit
        return {"count": len(found), "limit": filters.limit, "offset": filters.offset,
                "next_offset": filters.offset + filters.limit if full else None,
                "events": [to_record(e) for e in found]}

    @app.get("/api/events.geojson")
    def events_geojson(filters: Filters) -> JSONResponse:
        return JSONResponse(feature_collection(fetch(filters)),
                            media_type="application/geo+json")

    @app.get("/api/events.csv")
    def events_csv(filters: Filters) -> Response:
        buffer = io.StringIO()
        write_csv(fetch(filters), buffer)
        return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/api/stats", response_model=Stats)
    def stats(filters: Filters) -> dict[str, Any]:
        return summarize(iter_events(source, filters))

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        try:
            source.events(include_statements=False, limit=1)
        except Exception as error:  # the probe reports, it does not crash
            return JSONResponse({"status": "error", "error": type(error).__name__}, 503)
        return JSONResponse({"status": "ok", "version": __version__})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
