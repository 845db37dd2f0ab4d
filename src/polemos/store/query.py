"""Reading events back with the filters the API and the map use (all bound parameters)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, false, func, or_, select

from polemos.geo.feeds import FeedVotes, Region
from polemos.models import Event, Mention
from polemos.store.rows import event_from_row, mention_from_row
from polemos.store.schema import actors, candidates, events, feed_hosts, feed_votes
from polemos.store.spatial import in_box, in_box_columns
from polemos.store.writes import chunks

FILTERS = ("date_from", "date_to", "bbox", "country", "admin1", "event_type", "actor",
           "limit", "offset")


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _bbox(bbox: Sequence[float], postgis: str | None) -> Any:
    west, south, east, north = (float(v) for v in bbox)
    if postgis:
        return in_box(postgis, west, south, east, north)
    return in_box_columns(events.c.latitude, events.c.longitude, west, south, east, north)


def _actor(connection: Connection, value: str) -> Any:
    """Events naming an actor that contains `value`: names found in the small actors table,
    then events looked up by the actor-column indexes (a LIKE over events could use none)."""
    pattern = _like(value)
    names = connection.execute(select(actors.c.name).where(
        func.lower(actors.c.name).like(pattern, escape="\\"))).scalars().all()
    if not names:
        return false()
    columns = (events.c.actor1, events.c.actor2, events.c.assoc_actor_1, events.c.assoc_actor_2)
    return or_(*(column.in_(names) for column in columns))


def _conditions(connection: Connection, include_statements: bool, filters: dict[str, Any],
                postgis: str | None) -> list[Any]:
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise TypeError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
    where: list[Any] = [] if include_statements else [events.c.is_event.is_(True)]
    if filters.get("date_from") is not None:
        where.append(events.c.event_date >= _day(filters["date_from"]))
    if filters.get("date_to") is not None:
        where.append(events.c.event_date <= _day(filters["date_to"]))
    if filters.get("bbox") is not None:
        where.append(_bbox(filters["bbox"], postgis))
    if filters.get("country"):
        name = str(filters["country"])
        where.append(or_(func.lower(events.c.country) == name.lower(),
                         events.c.country_code == name.upper()))
    if filters.get("admin1"):
        where.append(func.lower(events.c.admin1) == str(filters["admin1"]).lower())
    if filters.get("event_type"):
        kind = str(filters["event_type"])
        where.append(or_(events.c.event_type == kind, events.c.sub_event_type == kind))
    if filters.get("actor"):
        where.append(_actor(connection, str(filters["actor"])))
    return where


def event_query(connection: Connection, include_statements: bool, filters: dict[str, Any],
                postgis: str | None = None) -> Select:
    """The events query for `filters`; `postgis` names PostGIS's schema when events have
    the `geom` column (see `store.spatial`)."""
    where = _conditions(connection, include_statements, filters, postgis)
    statement = (select(events).where(*where)
                 .order_by(events.c.event_date, events.c.event_id_cnty))
    if filters.get("limit") is not None:
        statement = statement.limit(int(filters["limit"]))
    if filters.get("offset"):
        statement = statement.offset(int(filters["offset"]))
    return statement


def read_events(connection: Connection, include_statements: bool, filters: dict[str, Any],
                postgis: str | None = None) -> list[Event]:
    statement = event_query(connection, include_statements, filters, postgis)
    rows = connection.execute(statement).mappings().all()
    mentions = _mentions(connection, [row["event_id_cnty"] for row in rows])
    return [event_from_row(row, mentions.get(row["event_id_cnty"], [])) for row in rows]


def _mentions(connection: Connection, ids: list[str]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for part in chunks(ids):
        rows = connection.execute(
            select(candidates).where(candidates.c.event_id.in_(part))
            .order_by(candidates.c.event_date, candidates.c.article_hash, candidates.c.ordinal)
        ).mappings()
        for row in rows:
            found.setdefault(row["event_id"], []).append(mention_from_row(row))
    return found


def read_feed_votes(connection: Connection, hosts: Sequence[str]) -> dict[str, FeedVotes]:
    """`FeedVotes` of each of `hosts` that has stored votes."""
    voters = dict(connection.execute(select(feed_hosts.c.host, feed_hosts.c.articles)
                                     .where(feed_hosts.c.host.in_(hosts))).all())
    regions: dict[str, dict[Region, int]] = {}
    column = feed_votes.c
    for host, code, name, count in connection.execute(
            select(column.host, column.admin1_code, column.admin1, column.articles)
            .where(column.host.in_(hosts))):
        regions.setdefault(host, {})[(code, name)] = int(count)
    return {host: FeedVotes(int(count), regions.get(host, {})) for host, count in voters.items()}
