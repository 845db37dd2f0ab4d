"""Turning stored candidates into events, incrementally and exactly.

Candidates not yet in an event (`event_id IS NULL`) mark their block dirty from their earliest
date D. The block is re-clustered from D on, resuming from the clusters still open at D (see
`polemos.dedup.cluster`), so the events equal those of a from-scratch clustering of every
stored candidate. It is read in windows of days and finished clusters are written as it goes,
so memory does not grow with the block. The whole rebuild is one transaction: a crash leaves
the previous events.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from sqlalchemy import Connection, and_, bindparam, delete, func, select, text, update

from polemos.dedup import Member, build_event, cluster
from polemos.dedup.rules import MAX_DAYS
from polemos.store.rows import event_row, member_from_row
from polemos.store.schema import articles, candidates, events, places
from polemos.store.writes import chunks, insert_ignore

_REBUILD_LOCK = 704_1823
WINDOW_CANDIDATES = 5_000  # candidates clustered per step of a block's rebuild

_MEMBER_QUERY = (
    select(
        candidates, places.c.name.label("place_name"), places.c.admin2.label("place_admin2"),
        places.c.feature_class,
        places.c.feature_code, articles.c.signature,
    )
    .select_from(candidates)
    .join(articles, articles.c.content_hash == candidates.c.article_hash)
    .outerjoin(places, places.c.geonameid == candidates.c.geonameid)
)


def rebuild(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _REBUILD_LOCK})
    dirty = connection.execute(
        select(candidates.c.block, func.min(candidates.c.event_date))
        .where(candidates.c.event_id.is_(None))
        .group_by(candidates.c.block)
    ).all()
    for block_key, start in sorted(dirty):
        _rebuild_block(connection, block_key, _as_date(start))


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _members(connection: Connection, *conditions) -> list[tuple[Member, int, str | None]]:  # noqa: ANN002
    rows = connection.execute(_MEMBER_QUERY.where(and_(*conditions))).mappings()
    return [(member_from_row(row), row["id"], row["event_id"]) for row in rows]


def _rebuild_block(connection: Connection, block_key: str, start: date) -> None:
    """Re-cluster `block_key` from `start` on, a window of days at a time.

    After a window ending on day L only clusters seeded on L can still grow, so the others
    are written out and forgotten: memory holds one window and the clusters open across it,
    however many candidates the block has.
    """
    in_block = candidates.c.block == block_key
    open_ids = connection.execute(
        select(candidates.c.event_id).distinct()
        .where(in_block, candidates.c.event_date == start - timedelta(days=1),
               candidates.c.event_id.is_not(None))
    ).scalars().all()
    before = [] if not open_ids else _members(
        connection, in_block, candidates.c.event_date < start,
        candidates.c.event_id.in_(open_ids))
    writer = _EventWriter(connection, block_key)
    writer.track(before)
    grouped: dict[str, list[Member]] = {}
    for member, _, event_id in before:
        grouped.setdefault(event_id, []).append(member)
    clusters = list(grouped.values())
    for first, last in _windows(connection, in_block, start):
        window = _members(connection, in_block, candidates.c.event_date.between(first, last))
        writer.track(window)
        clusters = cluster([m for m, _, _ in window], clusters)
        closed = [c for c in clusters if (last - c[0].candidate.event_date).days >= MAX_DAYS]
        writer.write(closed)
        clusters = [c for c in clusters if (last - c[0].candidate.event_date).days < MAX_DAYS]
    writer.write(clusters)


def _windows(connection: Connection, in_block, start: date) -> list[tuple[date, date]]:  # noqa: ANN001
    """Runs of whole days from `start` holding about `WINDOW_CANDIDATES` candidates each."""
    days = connection.execute(
        select(candidates.c.event_date, func.count())
        .where(in_block, candidates.c.event_date >= start)
        .group_by(candidates.c.event_date).order_by(candidates.c.event_date)
    ).all()
    windows, first, size = [], None, 0
    for day, count in days:
        day = _as_date(day)
        first, size = first or day, size + count
        if size >= WINDOW_CANDIDATES:
            windows.append((first, day))
            first, size = None, 0
    if first:
        windows.append((first, _as_date(days[-1][0])))
    return windows


def _old_events(connection: Connection, ids: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for part in chunks(ids):
        rows = connection.execute(select(events).where(events.c.event_id_cnty.in_(part)))
        found.update({row["event_id_cnty"]: dict(row) for row in rows.mappings()})
    return found


class _EventWriter:
    """Writes finished clusters as events, replacing the events their members were in."""

    def __init__(self, connection: Connection, block_key: str) -> None:
        self.connection, self.block_key = connection, block_key
        self.rows: dict[tuple[str, int], tuple[int, str | None]] = {}  # member -> id, event
        self.deleted: set[str] = set()
        self.now = int(time.time())

    def track(self, fetched: list[tuple[Member, int, str | None]]) -> None:
        for member, row_id, event_id in fetched:
            self.rows[(member.article_hash, member.ordinal)] = (row_id, event_id)

    def write(self, clusters: list[list[Member]]) -> None:
        if not clusters:
            return
        keys = [(m.article_hash, m.ordinal) for members in clusters for m in members]
        replaced = sorted({self.rows[k][1] for k in keys if self.rows[k][1]} - self.deleted)
        old = _old_events(self.connection, replaced)
        new_rows, moves = [], []
        for members in clusters:
            row = self._row(members, old)
            new_rows.append(row)
            for member in members:
                row_id, current = self.rows.pop((member.article_hash, member.ordinal))
                if current != row["event_id_cnty"]:
                    moves.append({"row_id": row_id, "new_event": row["event_id_cnty"]})
        for part in chunks(replaced):
            self.connection.execute(delete(events).where(events.c.event_id_cnty.in_(part)))
        self.deleted.update(replaced)
        insert_ignore(self.connection, events, new_rows)
        if moves:
            self.connection.execute(
                update(candidates).where(candidates.c.id == bindparam("row_id"))
                .values(event_id=bindparam("new_event")), moves)

    def _row(self, members: list[Member], old: dict[str, dict]) -> dict:
        event = build_event(members, self.now)
        place = members[0].candidate.place
        row = event_row(event, self.block_key, place.country if place else None)
        previous = old.get(event.event_id_cnty)
        if previous and {**previous, "timestamp": self.now} == {**_normal(row),
                                                                 "timestamp": self.now}:
            row["timestamp"] = previous["timestamp"]  # unchanged event keeps its time
        return row


def _normal(row: dict) -> dict:
    """A new row as the database would give it back (for the unchanged-event comparison)."""
    return {**row, "civilian_targeting": bool(row["civilian_targeting"])}
