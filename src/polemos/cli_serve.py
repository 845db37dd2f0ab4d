"""`polemos serve` (REST API + web map) and `polemos report` (daily situation report)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from polemos.cli_options import DbOption
from polemos.config import DEFAULT_DB_URL

REPORT_FORMATS = ("md", "html")
OutOption = typer.Option(None, "--out", "-o", help="Write to FILE, not stdout.")


def serve(
    db: DbOption = DEFAULT_DB_URL,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the REST API (/api/events, /api/stats, /openapi.json) and the web map at /."""
    import uvicorn

    from polemos.serve import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")


def report(
    day: str = typer.Option(..., "--date", help="The day to report on, YYYY-MM-DD."),
    db: DbOption = DEFAULT_DB_URL,
    fmt: str = typer.Option("md", "--format", help="md | html"),
    out: Path | None = OutOption,
) -> None:
    """Daily situation report: the day's events by place and type, sources and evidence."""
    from polemos.serve.report import load_day, render_report
    from polemos.store import Store

    try:
        when = date.fromisoformat(day)
    except ValueError:
        message = f"{day!r} is not a date (YYYY-MM-DD)"
        raise typer.BadParameter(message, param_hint="--date") from None
    if fmt not in REPORT_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(REPORT_FORMATS)}",
                                 param_hint="--format")
    text = render_report(load_day(Store(db), when), fmt)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


def register(app: typer.Typer, eval_app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add `serve` and `report` to the main CLI."""
    app.command()(serve)
    app.command()(report)
