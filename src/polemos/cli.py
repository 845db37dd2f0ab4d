"""The `polemos` command line (contract in DESIGN.md: `--db URL` everywhere, JSON last line)."""

from __future__ import annotations

import importlib
import inspect
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from polemos.cli_options import DbOption
from polemos.config import DEFAULT_DB_URL

app = typer.Typer(
    help="News about armed conflict in, structured, geocoded, sourced event data out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure polemos against annotated data.", no_args_is_help=True)
bench_app = typer.Typer(help="Throughput benchmarks (ratios against a baseline in the same run).")
app.add_typer(eval_app, name="eval")
app.add_typer(bench_app, name="bench")
console = Console(stderr=True)

SAMPLES_DIR = Path(__file__).parent / "samples"


@app.command()
def setup(
    force: Annotated[bool, typer.Option(help="Rebuild even if the index exists.")] = False,
) -> None:
    """Build the embedded gazetteer index (once per machine) and check the NLP model loads."""
    from polemos.geo.gazetteer import ensure_gazetteer
    from polemos.nlp.model import load_model

    path = ensure_gazetteer(force=force)
    load_model()
    console.print(f"gazetteer: {path} ({path.stat().st_size / 1e6:.1f} MB); spaCy model: ok")


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories or globs.")],
    db: DbOption = DEFAULT_DB_URL,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="'local' for a Dask LocalCluster, or a scheduler address tcp://host:8786."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Workers for --cluster local.")] = 2,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    llm_url: Annotated[str | None, typer.Option(
        envvar="POLEMOS_LLM_URL", help="OpenAI-compatible endpoint (optional LLM extractor).")
    ] = None,
    llm_model: Annotated[str | None, typer.Option(envvar="POLEMOS_LLM_MODEL")] = None,
) -> None:
    """Ingest articles, extract events, store and deduplicate them."""
    llm = {"POLEMOS_LLM_URL": llm_url, "POLEMOS_LLM_MODEL": llm_model} if llm_url and llm_model \
        else {}
    with _environment(llm):  # workers (also Dask's, started later) read the environment
        summary = _run(inputs, db, cluster, workers, quiet)
    _print_summary(summary)


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """`values` in os.environ for the block only: a caller in the same process (a test, a
    notebook) must not find the LLM switched on for every later run."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _run(inputs: list[str], db: str, cluster: str | None, workers: int, quiet: bool):  # noqa: ANN202
    from polemos import runner

    kwargs = {"cluster": cluster, "workers": workers} if cluster else {}
    if quiet:
        return runner.run_inputs(inputs, db, **kwargs)
    with Progress(
        TextColumn("[bold]polemos run"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("records"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("run", total=None)
        return runner.run_inputs(
            inputs, db, on_progress=lambda n: progress.advance(task, n),
            on_total=lambda n: progress.update(task, total=n), **kwargs
        )


def _print_summary(summary) -> None:  # noqa: ANN001
    console.print(
        f"run {summary.run_id}: {summary.articles_read} articles read, "
        f"{summary.articles_processed} processed, {summary.articles_skipped} already stored, "
        f"{len(summary.rejected)} rejected, {summary.candidates} event mentions, "
        f"{summary.events} events in store"
    )
    for rejected in summary.rejected:
        console.print(f"[yellow]rejected[/yellow] {rejected}")
    for failure in summary.failed:
        console.print(f"[red]failed[/red] {failure}")


@app.command()
def events(
    format: Annotated[
        str, typer.Option("--format", "-f", help="table | acled-csv | jsonl | geojson | parquet")
    ] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to FILE instead of stdout.")
    ] = None,
    db: DbOption = DEFAULT_DB_URL,
    include_statements: Annotated[
        bool, typer.Option(help="Also list forecasts and denials (never counted as events).")
    ] = False,
) -> None:
    """Export stored events."""
    from polemos.export import write_events
    from polemos.store import Store

    stored = Store(db).events(include_statements=include_statements)
    write_events(stored, format, out)


@app.command()
def demo(db: DbOption = DEFAULT_DB_URL) -> None:
    """Run the bundled sample articles and show their events as a table."""
    summary = _run([str(SAMPLES_DIR)], db, None, 1, quiet=False)
    _print_summary(summary)
    events(format="table", out=None, db=db, include_statements=False)


@app.command()
def version() -> None:
    """Print the polemos version as JSON."""
    from polemos import __version__

    typer.echo(json.dumps({"polemos": __version__}))


# Each stage contributes its own commands; the modules below know their stage, this one does not.
_apps = {"app": app, "eval_app": eval_app, "bench_app": bench_app}
for _module in ("cli_geo", "cli_extract", "cli_ingest", "cli_serve", "cli_scale"):
    _register = importlib.import_module(f"polemos.{_module}").register
    _wanted = inspect.signature(_register).parameters
    _register(**{k: v for k, v in _apps.items() if k in _wanted})


def main() -> None:
    from sqlalchemy.exc import OperationalError

    try:
        app()
    except OperationalError as error:
        # the driver's own words (no URL, no password), not a traceback
        reason = str(error.orig or error).strip().splitlines()[0]
        console.print(f"[red]polemos: the database could not be used:[/red] {reason}")
        raise SystemExit(1) from None
