"""Opening a database: URL normalisation, SQLite pragmas, migrations on open.

`postgresql://` means psycopg 3 here (`postgresql+psycopg://`). SQLite runs in WAL mode so the
map/API can read while a run writes. URLs are only ever shown with the password hidden.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

MIGRATIONS = Path(__file__).parent / "migrations"
READ_ONLY = "polemos_read_only"
_MIGRATION_LOCK = 704_1822  # PostgreSQL advisory lock key: one migrator at a time


def normalise_url(url: str) -> URL:
    """The SQLAlchemy URL polemos uses for `url` (scheme aliases resolved; a plain file path,
    'events.db', is that SQLite file)."""
    if "://" not in url:
        if not url.strip():
            raise ValueError("no database given: pass a URL (sqlite:///events.db, "
                             "postgresql://host/db) or a SQLite file's path")
        return URL.create("sqlite", database=str(Path(url).expanduser()))
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: str | URL) -> str:
    """`url` fit for logs and messages: the password replaced by ***."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


def reader(engine: Engine) -> Engine:
    """`engine` for reading only (on SQLite: deferred transactions that never block writers)."""
    return engine.execution_options(**{READ_ONLY: True})


def open_engine(url: str) -> Engine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
        # Take transactions into our own hands so BEGIN IMMEDIATE serialises writers cleanly.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # noqa: ANN001
        # Writers take the write lock up front (no deadlock on lock upgrade); readers opened
        # through `reader(engine)` take none, so the API and Dask workers read during a write.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


@lru_cache(maxsize=1)
def _head() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (cheap when it already is)."""
    with reader(engine).connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == _head():
            return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
