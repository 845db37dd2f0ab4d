"""The event store: SQLite (WAL) by default, PostgreSQL through the same SQLAlchemy Core code.

Opening a Store migrates its schema to the newest Alembic revision. Articles are keyed by
content hash, so saving a batch twice stores it once; each batch is saved in one transaction,
so a run killed at any moment leaves whole batches or nothing, and the rerun redoes the rest.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy import and_, func, select, update

from polemos.dedup.sources import signature
from polemos.models import ArticleResult, Event, Rejected
from polemos.store.engine import migrate, normalise_url, open_engine, safe_url
from polemos.store.query import read_events
from polemos.store.rebuild import rebuild
from polemos.store.rows import article_row, candidate_row, place_row
from polemos.store.schema import actors, articles, candidates, events, places, quarantine, runs
from polemos.store.writes import chunks, insert_ignore

__all__ = ["Store", "safe_url"]
log = logging.getLogger(__name__)


class Store:
    """All database access of polemos goes through here."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.engine = open_engine(url)
        log.debug("opening store %s", safe_url(self.url))
        migrate(self.engine)

    def __repr__(self) -> str:
        return f"Store({safe_url(self.url)!r})"

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def start_run(self, inputs: list[str]) -> int:
        with self.engine.begin() as connection:
            result = connection.execute(runs.insert().values(
                started_at=datetime.now(UTC), inputs=json.dumps(list(inputs))))
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, processed: int, rejected: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(runs).where(runs.c.id == run_id).values(
                finished_at=datetime.now(UTC), processed=processed, rejected=rejected))

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = sorted(set(hashes))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for part in chunks(wanted):
                found.update(connection.execute(select(articles.c.content_hash).where(
                    articles.c.content_hash.in_(part))).scalars())
        return found

    def save_results(self, results: Sequence[ArticleResult], run_id: int,
                     signatures: Mapping[str, bytes] | None = None) -> None:
        """Store a batch of processed articles atomically; already stored articles are skipped.

        `signatures` (content hash -> MinHash bytes) lets workers compute them off the writer.
        """
        if not results:
            return
        signatures = signatures or {}
        article_rows, place_rows, actor_rows, candidate_rows = [], {}, {}, []
        for result in results:
            article = result.article
            minhash = signatures.get(article.content_hash)
            if minhash is None and article.text:
                minhash = signature(article.text)
            article_rows.append(article_row(article, run_id, result.error, minhash))
            for ordinal, candidate in enumerate(result.candidates):
                if candidate.place:
                    place_rows[candidate.place.geonameid] = place_row(candidate.place)
                for name, inter in ((candidate.actor1, candidate.inter1),
                                    (candidate.actor2, candidate.inter2)):
                    if name:
                        actor_rows.setdefault(name, {"name": name, "inter": inter})
                candidate_rows.append(candidate_row(candidate, article, ordinal, run_id))
        with self.engine.begin() as connection:
            stored = self._stored(connection, [row["content_hash"] for row in article_rows])
            insert_ignore(connection, places, list(place_rows.values()))
            insert_ignore(connection, actors, list(actor_rows.values()))
            insert_ignore(connection, articles,
                          [row for row in article_rows if row["content_hash"] not in stored])
            insert_ignore(connection, candidates,
                          [row for row in candidate_rows if row["article_hash"] not in stored])

    @staticmethod
    def _stored(connection, hashes: list[str]) -> set[str]:  # noqa: ANN001
        found: set[str] = set()
        for part in chunks(sorted(set(hashes))):
            found.update(connection.execute(select(articles.c.content_hash).where(
                articles.c.content_hash.in_(part))).scalars())
        return found

    def quarantine(self, rejected: Rejected, run_id: int) -> None:
        """Remember a rejected input (once: a rerun meeting it again adds no second row)."""
        same = and_(quarantine.c.origin == rejected.origin, quarantine.c.reason == rejected.reason,
                    quarantine.c.line.is_(None) if rejected.line is None
                    else quarantine.c.line == rejected.line)
        with self.engine.begin() as connection:
            if connection.execute(select(quarantine.c.id).where(same).limit(1)).first():
                return
            connection.execute(quarantine.insert().values(
                run_id=run_id, origin=rejected.origin, line=rejected.line,
                reason=rejected.reason, content_hash=rejected.content_hash))

    def quarantined(self) -> list[Rejected]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(quarantine).order_by(quarantine.c.id)).mappings()
            return [Rejected(row["origin"], row["reason"], row["line"], row["content_hash"])
                    for row in rows]

    def rebuild_events(self) -> int:
        """Merge candidates not yet in an event into events; return the number of events."""
        with self.engine.begin() as connection:
            rebuild(connection)
            return int(connection.execute(
                select(func.count()).select_from(events).where(events.c.is_event.is_(True))
            ).scalar_one())

    def events(self, include_statements: bool = False, **filters) -> list[Event]:  # noqa: ANN003
        """Events (with their mentions), oldest first; see `store.query.FILTERS`."""
        with self.engine.connect() as connection:
            return read_events(connection, include_statements, filters)

    def counts(self) -> dict[str, int]:
        """Rows per table (progress displays, tests)."""
        tables = {"articles": articles, "candidates": candidates, "events": events,
                  "runs": runs, "quarantine": quarantine}
        with self.engine.connect() as connection:
            return {name: int(connection.execute(
                select(func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()}
