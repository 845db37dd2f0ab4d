"""Options several commands share: `--db` (DESIGN.md: `--db URL` everywhere)."""

from __future__ import annotations

from typing import Annotated

import typer

DB_HELP = "Database URL (SQLite or PostgreSQL), or a SQLite file's path."


def checked_db(db: str) -> str:
    """The --db value, if it names a database polemos can open: a URL of a known kind or a file
    path. Anything else stops the command with the reason (exit 2), before it reads or
    writes anything, rather than a traceback from deep inside the store."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from polemos.store.engine import normalise_url

    try:
        normalise_url(db).get_dialect()  # 'foo://': no such database kind
    except (ValueError, ArgumentError, NoSuchModuleError) as error:
        raise typer.BadParameter(str(error), param_hint="--db") from None
    return db


DbOption = Annotated[str, typer.Option("--db", help=DB_HELP, callback=checked_db)]
