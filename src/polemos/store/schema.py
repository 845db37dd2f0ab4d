"""The store's tables (SQLAlchemy 2 Core), shared by SQLite and PostgreSQL.

This module is the schema the code queries; the Alembic scripts in `migrations/versions` create
it (a test checks the two agree). Indexes follow the queries the API and the map make: date
range, bounding box (latitude, longitude; PostGIS `geom` when present, see `spatial.py`),
country / admin1, event type and actors (`actors` lists every actor name stored, so a name
search scans that small table and then looks events up by index).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("inputs", Text, nullable=False),  # JSON list of the inputs as given
    Column("processed", Integer),
    Column("rejected", Integer),
)

articles = Table(
    "articles",
    metadata,
    Column("content_hash", String(64), primary_key=True),
    Column("doc_id", Text, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("published", Date),
    Column("language", String(16), nullable=False),
    Column("origin", Text, nullable=False),
    Column("error", Text),
    Column("n_chars", Integer, nullable=False),
    Column("signature", LargeBinary),  # MinHash of the text, to spot syndicated copies
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)
Index("ix_articles_doc_id", articles.c.doc_id)

places = Table(
    "places",
    metadata,
    Column("geonameid", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("admin1_code", String(32)),
    Column("admin2", Text),  # revision 0003
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("feature_class", String(1), nullable=False),
    Column("feature_code", String(10), nullable=False),
    Column("population", Integer, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("name", Text, primary_key=True),
    Column("inter", Integer),
)

candidates = Table(
    "candidates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_hash", String(64), ForeignKey("articles.content_hash"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("doc_id", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("block", Text, nullable=False),  # dedup block: country | type family | event/statement
    Column("event_date", Date, nullable=False),
    Column("time_precision", Integer, nullable=False),
    Column("disorder_type", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("actor1", Text, nullable=False),
    Column("assoc_actor_1", Text),
    Column("inter1", Integer),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter2", Integer),
    Column("location", Text, nullable=False),
    Column("geo_precision", Integer, nullable=False),
    Column("geonameid", Integer, ForeignKey("places.geonameid")),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("civilian_targeting", Boolean, nullable=False),
    Column("modality", String(16), nullable=False),
    Column("attribution", Text),
    Column("confidence", Float, nullable=False),
    Column("source", Text),
    Column("published", Date),
    Column("notes", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("event_id", String(32)),  # NULL until dedup has placed the candidate in an event
    UniqueConstraint("article_hash", "ordinal", name="uq_candidates_article_ordinal"),
)
Index("ix_candidates_block_date", candidates.c.block, candidates.c.event_date)
Index("ix_candidates_event_id", candidates.c.event_id)

events = Table(
    "events",
    metadata,
    Column("event_id_cnty", String(32), primary_key=True),
    Column("block", Text, nullable=False),
    Column("is_event", Boolean, nullable=False),  # False: forecast/denied statement
    Column("event_date", Date, nullable=False),
    Column("year", Integer, nullable=False),
    Column("time_precision", Integer, nullable=False),
    Column("disorder_type", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("actor1", Text, nullable=False),
    Column("assoc_actor_1", Text),
    Column("inter1", Integer),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter2", Integer),
    Column("interaction", Integer),
    Column("civilian_targeting", Boolean, nullable=False),
    Column("iso", Integer),
    Column("region", Text),
    Column("country", Text),
    Column("country_code", String(2)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("admin3", Text),
    Column("location", Text, nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("source_scale", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("fatalities", Integer, nullable=False),
    Column("tags", Text, nullable=False),
    Column("timestamp", Integer, nullable=False),
    Column("injured", Integer),
    Column("geonameid", Integer),
    Column("modality", String(16), nullable=False),
    Column("attribution", Text),
    Column("confidence", Float, nullable=False),
    Column("mention_count", Integer, nullable=False),
    Column("source_count", Integer, nullable=False),
)
Index("ix_events_date", events.c.event_date)
Index("ix_events_lat_lon", events.c.latitude, events.c.longitude)
Index("ix_events_country_admin1", events.c.country, events.c.admin1)
Index("ix_events_country_code", events.c.country_code)
Index("ix_events_type", events.c.event_type, events.c.sub_event_type)
Index("ix_events_actor1", events.c.actor1)
Index("ix_events_actor2", events.c.actor2)
# Revision 0002: the filters compare case-insensitively and match a type or a sub-type.
Index("ix_events_country_lower", func.lower(events.c.country))
Index("ix_events_admin1_lower", func.lower(events.c.admin1))
Index("ix_events_sub_event_type", events.c.sub_event_type)
Index("ix_events_assoc_actor_1", events.c.assoc_actor_1)
Index("ix_events_assoc_actor_2", events.c.assoc_actor_2)
Index("ix_events_block_date", events.c.block, events.c.event_date)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("origin", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    Column("content_hash", String(64)),
)
Index("ix_quarantine_origin", quarantine.c.origin, quarantine.c.line)

# What a source's stored articles say of where it is (`polemos.geo.feeds`): by URL host, how
# many stored articles placed a sure local name (`ArticleResult.local_regions` not empty), and
# in how many of them each first-level region held one. Counts, not rows per article, so that
# reading a wire service's votes costs the same after a million of its articles; an article is
# counted in the transaction that stores it, so a rerun (stored articles are skipped) adds none.
feed_hosts = Table(
    "feed_hosts",
    metadata,
    Column("host", Text, primary_key=True),
    Column("articles", Integer, nullable=False),
)

feed_votes = Table(
    "feed_votes",
    metadata,
    Column("host", Text, primary_key=True),
    Column("admin1_code", String(32), primary_key=True),
    Column("admin1", Text, nullable=False),
    Column("articles", Integer, nullable=False),
)
