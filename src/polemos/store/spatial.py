"""PostGIS when the PostgreSQL server has it; plain latitude/longitude columns otherwise.

With PostGIS, events get a generated `geom` point column (from latitude/longitude, so no
writer has to know about it) with a GiST index, and bounding-box queries use it. PostGIS is
never required: without it (SQLite, or a server without the extension, or a user who may not
create it) the B-tree index on (latitude, longitude) serves the same queries. PostGIS objects
are always named with their schema, because a polemos schema's search_path need not include
the schema the extension lives in.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, func, literal_column, or_, text

GEOM = "geom"
GEOM_INDEX = "ix_events_geom"
_SRID = 4326


def postgis_schema(connection: Connection) -> str | None:
    """The schema PostGIS is installed in, or None (not installed, or not PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return None
    return connection.execute(text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'postgis'")).scalar()


def enable_postgis(connection: Connection) -> str | None:
    """Install PostGIS if the server offers it and we may; its schema, or None."""
    if connection.dialect.name != "postgresql":
        return None
    installed = postgis_schema(connection)
    if installed:
        return installed
    offered = connection.execute(text(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first()
    if not offered:
        return None
    savepoint = connection.begin_nested()
    try:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public"))
    except Exception:  # noqa: BLE001 - e.g. no permission: PostGIS is optional
        savepoint.rollback()
        return None
    savepoint.commit()
    return postgis_schema(connection)


def add_geometry(connection: Connection, schema: str) -> None:
    """The generated point column on events and its GiST index."""
    connection.execute(text(
        f'ALTER TABLE events ADD COLUMN IF NOT EXISTS {GEOM} "{schema}".geometry(Point, {_SRID})'
        f' GENERATED ALWAYS AS ("{schema}".st_setsrid("{schema}".st_makepoint('
        f"longitude, latitude), {_SRID})) STORED"))
    connection.execute(text(
        f"CREATE INDEX IF NOT EXISTS {GEOM_INDEX} ON events USING gist ({GEOM})"))


def geometry_schema(connection: Connection) -> str | None:
    """PostGIS's schema when the events table has the point column, else None."""
    schema = postgis_schema(connection)
    if not schema:
        return None
    found = connection.execute(text(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = 'events' AND column_name = :column"), {"column": GEOM}).first()
    return schema if found else None


def in_box(schema: str, west: float, south: float, east: float, north: float) -> Any:
    """`geom` within the box (two boxes when it crosses the antimeridian), GiST-indexable."""
    geom = literal_column(GEOM)
    overlaps = f'OPERATOR("{schema}".&&)'

    def box(low: float, high: float) -> Any:
        envelope = getattr(func, schema).st_makeenvelope(low, south, high, north, _SRID)
        return geom.op(overlaps)(envelope)

    if west <= east:
        return box(west, east)
    return or_(box(west, 180.0), box(-180.0, east))


def in_box_columns(latitude: Any, longitude: Any, west: float, south: float, east: float,
                   north: float) -> Any:
    """The same box on plain columns (the (latitude, longitude) B-tree index narrows it)."""
    if west <= east:
        across = longitude.between(west, east)
    else:  # the box crosses the antimeridian
        across = or_(longitude >= west, longitude <= east)
    return and_(latitude.between(south, north), across)
