"""Turning stored candidates into events, incrementally and exactly.

Candidates not yet in an event (`event_id IS NULL`) mark their block dirty from their earliest
date D. The block is re-clustered from D on, resuming from the clusters still open at D (see
`polemos.dedup.cluster`), so the events equal those of a from-scratch clustering of every
stored candidate. The whole rebuild is one transaction: a crash leaves the previous events.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from sqlalchemy import Connection, and_, bindparam, delete, func, select, text, update

from polemos.dedup import Member, build_event, cluster
from polemos.store.rows import event_row, member_from_row
from polemos.store.schema import articles, candidates, events, places
from polemos.store.writes import chunks, insert_ignore

_REBUILD_LOCK = 704_1823

_MEMBER_QUERY = (
    select(
        candidates, places.c.name.label("place_name"), places.c.feature_class,
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
    in_block = candidates.c.block == block_key
    open_ids = connection.execute(
        select(candidates.c.event_id).distinct()
        .where(in_block, candidates.c.event_date == start - timedelta(days=1),
               candidates.c.event_id.is_not(None))
    ).scalars().all()
    before = [] if not open_ids else _members(
        connection, in_block, candidates.c.event_date < start,
        candidates.c.event_id.in_(open_ids))
    after = _members(connection, in_block, candidates.c.event_date >= start)
    open_clusters: dict[str, list[Member]] = {}
    for member, _, event_id in before:
        open_clusters.setdefault(event_id, []).append(member)
    affected = set(open_ids) | {event_id for _, _, event_id in after if event_id}
    old = _old_events(connection, sorted(affected))
    clusters = cluster([m for m, _, _ in after], list(open_clusters.values()))
    row_ids = {(m.article_hash, m.ordinal): (row_id, event_id)
               for m, row_id, event_id in before + after}
    _replace(connection, block_key, clusters, old, row_ids)


def _old_events(connection: Connection, ids: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for part in chunks(ids):
        rows = connection.execute(select(events).where(events.c.event_id_cnty.in_(part)))
        found.update({row["event_id_cnty"]: dict(row) for row in rows.mappings()})
    return found


def _replace(connection: Connection, block_key: str, clusters: list[list[Member]],
             old: dict[str, dict], row_ids: dict) -> None:  # noqa: ANN001
    now = int(time.time())
    new_rows, moves = [], []
    for members in clusters:
        event = build_event(members, now)
        place = members[0].candidate.place
        row = event_row(event, block_key, place.country if place else None)
        previous = old.get(event.event_id_cnty)
        if previous and {**previous, "timestamp": now} == {**_normal(row), "timestamp": now}:
            row["timestamp"] = previous["timestamp"]  # unchanged event keeps its time
        new_rows.append(row)
        for member in members:
            row_id, current = row_ids[(member.article_hash, member.ordinal)]
            if current != event.event_id_cnty:
                moves.append({"row_id": row_id, "new_event": event.event_id_cnty})
    for part in chunks(sorted(old)):
        connection.execute(delete(events).where(events.c.event_id_cnty.in_(part)))
    insert_ignore(connection, events, new_rows)
    if moves:
        connection.execute(
            update(candidates).where(candidates.c.id == bindparam("row_id"))
            .values(event_id=bindparam("new_event")), moves)


def _normal(row: dict) -> dict:
    """A new row as the database would give it back (for the unchanged-event comparison)."""
    return {**row, "civilian_targeting": bool(row["civilian_targeting"])}
