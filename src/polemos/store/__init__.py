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

from sqlalchemy import Connection, and_, func, select, update

from polemos.dedup.sources import signature
from polemos.geo.feeds import FeedVotes, counted
from polemos.models import ArticleResult, Event, Rejected
from polemos.store.engine import migrate, normalise_url, open_engine, reader, safe_url
from polemos.store.query import read_events, read_feed_votes
from polemos.store.rebuild import rebuild
from polemos.store.rows import ResultRows, feed_count_rows
from polemos.store.schema import (
    actors,
    articles,
    candidates,
    events,
    feed_hosts,
    feed_votes,
    places,
    quarantine,
    runs,
)
from polemos.store.spatial import geometry_schema
from polemos.store.writes import add_counts, chunks, insert_ignore, insert_new

__all__ = ["ResultRows", "Store", "safe_url"]
log = logging.getLogger(__name__)


class Store:
    """All database access of polemos goes through here."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.engine = open_engine(url)
        self.reader = reader(self.engine)
        log.debug("opening store %s", safe_url(self.url))
        migrate(self.engine)
        with self.reader.connect() as connection:
            self.postgis = geometry_schema(connection)  # PostGIS's schema if events have geom

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
        with self.reader.connect() as connection:
            return _stored(connection, list(hashes))

    def save_results(self, results: Sequence[ArticleResult], run_id: int,
                     signatures: Mapping[str, bytes] | None = None) -> None:
        """Store a batch of processed articles atomically; already stored articles are skipped.

        `signatures` (content hash -> MinHash bytes) lets workers compute them off the writer.
        """
        given = signatures or {}
        hashes = {r.article.content_hash: r.article for r in results}
        signatures = {key: given[key] if key in given else signature(article.text)
                      for key, article in hashes.items() if article.text}
        self.write_rows(ResultRows.of(results, run_id, signatures))

    def write_rows(self, rows: ResultRows) -> None:
        """Write a batch's rows in one transaction; articles already stored keep their rows."""
        if not rows.articles:
            return
        with self.engine.begin() as connection:
            stored = _stored(connection, [row["content_hash"] for row in rows.articles])
            insert_ignore(connection, places, list(rows.places.values()))
            insert_ignore(connection, actors, list(rows.actors.values()))
            # an article a concurrent writer stored meanwhile is not ours: its candidates and
            # its feed vote are that writer's (counted once)
            new = insert_new(connection, articles, [
                row for row in rows.articles if row["content_hash"] not in stored],
                "content_hash")
            insert_ignore(connection, candidates,
                          [row for row in rows.candidates if row["article_hash"] in new])
            hosts, votes = feed_count_rows(counted(
                vote for key, vote in rows.votes.items() if key in new))
            add_counts(connection, feed_hosts, hosts)
            add_counts(connection, feed_votes, votes)

    def feed_votes(self, hosts: Iterable[str]) -> dict[str, FeedVotes]:
        """By host, what its stored articles say of its home region (`polemos.geo.feeds`)."""
        votes: dict[str, FeedVotes] = {}
        with self.reader.connect() as connection:
            for part in chunks(sorted(set(hosts))):
                votes.update(read_feed_votes(connection, part))
        return votes

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
        with self.reader.connect() as connection:
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
        with self.reader.connect() as connection:
            return read_events(connection, include_statements, filters, self.postgis)

    def counts(self) -> dict[str, int]:
        """Rows per table (progress displays, tests)."""
        tables = {"articles": articles, "candidates": candidates, "events": events,
                  "runs": runs, "quarantine": quarantine}
        with self.reader.connect() as connection:
            return {name: int(connection.execute(
                select(func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()}


def _stored(connection: Connection, hashes: list[str]) -> set[str]:
    """Which of `hashes` are stored articles."""
    found: set[str] = set()
    for part in chunks(sorted(set(hashes))):
        found.update(connection.execute(select(articles.c.content_hash).where(
            articles.c.content_hash.in_(part))).scalars())
    return found
