"""Inserts that must be idempotent on both backends (a rerun re-sends rows already stored)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Dialect, Table
from sqlalchemy.dialects import postgresql, sqlite

CHUNK = 500  # rows per statement / values per IN (...), under every backend's parameter limit
Processor = Callable[[Any], Any] | None


def insert_ignore(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows, silently skipping those whose key is already stored."""
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        _sqlite_insert_ignore(connection, table, rows)
        return
    for start in range(0, len(rows), CHUNK):
        statement = postgresql.insert(table).on_conflict_do_nothing()
        connection.execute(statement, list(rows[start:start + CHUNK]))


def insert_new(connection: Connection, table: Table, rows: Sequence[dict[str, Any]],
               key: str) -> set[Any]:
    """`insert_ignore`, returning the `key` of the rows this statement stored. On PostgreSQL
    a concurrent transaction may store the same key between the caller's read of what is
    stored and this insert (ON CONFLICT waits for it, then skips the row): RETURNING says which
    rows were ours. SQLite's writers are serialised (BEGIN IMMEDIATE), so the caller's read was
    exact and every row given is new."""
    if not rows:
        return set()
    if connection.dialect.name == "sqlite":
        _sqlite_insert_ignore(connection, table, rows)
        return {row[key] for row in rows}
    inserted: set[Any] = set()
    for start in range(0, len(rows), CHUNK):
        statement = postgresql.insert(table).on_conflict_do_nothing().returning(table.c[key])
        inserted.update(connection.execute(statement, list(rows[start:start + CHUNK])).scalars())
    return inserted


def _sqlite_insert_ignore(connection: Connection, table: Table,
                          rows: Sequence[dict[str, Any]]) -> None:
    """The same INSERT ... ON CONFLICT DO NOTHING as SQLAlchemy's, values bound as its column
    types bind them, but executed with tuples: SQLAlchemy's per-row parameter building was
    half the CPU of the single SQLite writer's inserts (the Dask driver's, and dedup's)."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        by_columns.setdefault(tuple(row), []).append(row)
    for columns, same in by_columns.items():
        sql, order, processors = _sqlite_statement(connection.dialect, table, columns)
        columns_values = [[row[name] for row in same] for name in order]
        for index, processor in processors:
            columns_values[index] = [processor(value) for value in columns_values[index]]
        connection.exec_driver_sql(sql, list(zip(*columns_values, strict=True)))


@lru_cache(maxsize=64)
def _sqlite_statement(dialect: Dialect, table: Table, columns: tuple[str, ...]
                      ) -> tuple[str, list[str], list[tuple[int, Processor]]]:
    """The statement for `columns` (compiled by SQLAlchemy), the columns in the order of its
    parameters, and the bind processors of those that have one (by position)."""
    statement = sqlite.insert(table).values({name: None for name in columns})
    compiled = statement.on_conflict_do_nothing().compile(dialect=dialect)
    order = list(compiled.positiontup or ())
    processors = []
    for index, name in enumerate(order):
        column_type = table.c[name].type
        processor = column_type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processors.append((index, processor))
    return compiled.string, order, processors


def add_counts(connection: Connection, table: Table, rows: Sequence[dict[str, Any]],
               count: str = "articles") -> None:
    """INSERT rows, or add their `count` to the stored row of the same key. In key order, so
    that concurrent writers lock rows in one order (no deadlock)."""
    if not rows:
        return
    keys = [column.name for column in table.primary_key.columns]
    ordered = sorted(rows, key=lambda row: tuple(row[key] for key in keys))
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    for start in range(0, len(ordered), CHUNK):
        statement = dialect.insert(table)
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={count: table.c[count] + statement.excluded[count]})
        connection.execute(statement, list(ordered[start:start + CHUNK]))


def chunks(values: Sequence[Any], size: int = CHUNK) -> list[Sequence[Any]]:
    return [values[start:start + size] for start in range(0, len(values), size)]
