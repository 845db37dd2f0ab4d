"""Shared fixtures. Keep additive: several stages' tests use this file.

`store_url` runs a test against SQLite and against the PostgreSQL server on 127.0.0.1:5432
(database `test`), in a schema of its own per test session that is dropped afterwards. When no
server answers, the PostgreSQL variant is skipped with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BASE = os.environ.get("POLEMOS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
os.environ.setdefault("POLEMOS_DATA_DIR", "/tmp/polemosdata")


def _pg_admin():  # noqa: ANN202
    import psycopg

    dsn = PG_BASE.replace("postgresql+psycopg://", "postgresql://")
    return psycopg.connect(dsn, connect_timeout=3, autocommit=True)


@pytest.fixture(scope="session")
def pg_session_schema() -> Iterator[str]:
    """A fresh schema prefix for this session; every schema made from it is dropped at the end."""
    try:
        _pg_admin().close()
    except Exception as error:  # noqa: BLE001 - any failure to connect means "no server"
        pytest.skip(f"PostgreSQL not reachable at {PG_BASE}: {error}")
    prefix = f"polemos_t{uuid.uuid4().hex[:10]}"
    yield prefix
    with _pg_admin() as connection:
        schemas = connection.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (prefix + "%",)
        ).fetchall()
        for (schema,) in schemas:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def pg_url(schema: str) -> str:
    """URL of a new, empty schema `schema` (search_path set through the connection options)."""
    with _pg_admin() as connection:
        connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    return f"{PG_BASE}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    prefix = request.getfixturevalue("pg_session_schema")
    return pg_url(f"{prefix}_{uuid.uuid4().hex[:8]}")
