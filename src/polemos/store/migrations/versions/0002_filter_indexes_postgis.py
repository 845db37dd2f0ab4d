"""indexes for the API filters; PostGIS point column when the server offers PostGIS

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Case-insensitive country/admin1 and sub-type lookups get their own indexes, associated actors
are indexed and listed in `actors` (the actor filter searches that table, then events by
index). On PostgreSQL with PostGIS available, events get a generated `geom` point and a GiST
index (`polemos.store.spatial`); without PostGIS nothing else changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from polemos.store.spatial import GEOM, GEOM_INDEX, add_geometry, enable_postgis

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_COLUMN_INDEXES = {"ix_events_sub_event_type": "sub_event_type",
                   "ix_events_assoc_actor_1": "assoc_actor_1",
                   "ix_events_assoc_actor_2": "assoc_actor_2"}
_LOWER_INDEXES = {"ix_events_country_lower": "country", "ix_events_admin1_lower": "admin1"}


def upgrade() -> None:
    for name, column in _COLUMN_INDEXES.items():
        op.create_index(name, "events", [column], unique=False)
    for name, column in _LOWER_INDEXES.items():
        op.create_index(name, "events", [sa.text(f"lower({column})")], unique=False)
    for column in ("assoc_actor_1", "assoc_actor_2"):
        op.execute(
            f"INSERT INTO actors (name) SELECT DISTINCT {column} FROM candidates"
            f" WHERE {column} IS NOT NULL AND {column} NOT IN (SELECT name FROM actors)")
    connection = op.get_bind()
    schema = enable_postgis(connection)
    if schema:
        add_geometry(connection, schema)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {GEOM_INDEX}")
        op.execute(f"ALTER TABLE events DROP COLUMN IF EXISTS {GEOM}")
    for name in (*_LOWER_INDEXES, *_COLUMN_INDEXES):
        op.drop_index(name, table_name="events")
