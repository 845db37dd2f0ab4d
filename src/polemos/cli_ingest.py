"""`polemos watch DIR`: run the pipeline on files as they arrive in a directory."""

from __future__ import annotations

import os

import typer

from polemos.cli_options import DbOption
from polemos.config import DEFAULT_DB_URL


def register(app: typer.Typer) -> None:
    app.command()(watch)


def watch(
    directory: str = typer.Argument(..., help="Directory to poll (recursively) for new files."),
    db: DbOption = DEFAULT_DB_URL,
    interval: float = typer.Option(5.0, "--interval", help="Seconds between polls."),
    once: bool = typer.Option(False, "--once", help="Process what is there now, then exit."),
) -> None:
    """Poll DIR; every new or changed file goes through `polemos run`'s pipeline."""
    from polemos import runner
    from polemos.ingest.watch import watch as poll

    def process(paths: list[str]) -> None:
        summary = runner.run_inputs(paths, db)
        typer.echo(f"{len(paths)} file(s): {summary.articles_read} articles read, "
                   f"{summary.articles_processed} processed, {len(summary.rejected)} rejected")
        for rejected in summary.rejected:
            typer.echo(f"rejected {rejected}", err=True)

    if not os.path.isdir(directory):
        typer.echo(f"not a directory: {directory}", err=True)
        raise typer.Exit(2)
    try:
        handed = poll(directory, process, interval=interval, once=once)
    except KeyboardInterrupt:
        return
    if once:
        typer.echo(f"watch: {handed} file(s) processed")
