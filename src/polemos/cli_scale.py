"""Scale-stage commands: `polemos bench` (whole-run throughput against spaCy's small model).

`polemos bench` runs on its own; subcommands other stages add (`polemos bench geoparse`) still
work, because the benchmark is the group's callback and runs only when no subcommand is given.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

console = Console(stderr=True)
# module-level: ruff's B008 accepts typer.Option defaults only for immutable types
CORPUS_OPT = typer.Option(
    None, "--corpus", exists=True, dir_okay=False,
    help="JSONL of real articles (id, date, text) instead of the synthetic corpus; its first "
    "--docs records are used.")


def bench_command(
    ctx: typer.Context,
    docs: int = typer.Option(1200, "--docs", help="Articles to process (a 600-article Dask run "
                             "lasts 2.5 s: too short to time reliably)."),
    workers: int = typer.Option(2, "--workers", help="Dask local-cluster workers."),
    pg: str = typer.Option("postgresql://postgres@127.0.0.1:5432/test", "--pg",
                           help="PostgreSQL server for the write benchmark ('' to skip)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object on the last line."),
    corpus: Path | None = CORPUS_OPT,
) -> None:
    """Docs/s of `polemos run` (single process and Dask) vs spaCy en_core_web_sm, same docs."""
    if ctx.invoked_subcommand is not None:
        return
    from polemos.bench import run_bench
    from polemos.store import safe_url

    if pg:
        console.print(f"PostgreSQL for writes: {safe_url(pg)}")
    result = run_bench(docs=docs, workers=workers, pg_url=pg or None,
                       progress=lambda message: console.print(f"[dim]{message}…[/dim]"),
                       corpus_path=corpus)
    if not as_json:
        for key, value in result.items():
            if key != "writes":
                typer.echo(f"{key:32} {value}")
    typer.echo(json.dumps(result))


def register(app: typer.Typer, eval_app: typer.Typer, bench_app: typer.Typer) -> None:
    """`polemos bench` (the bench group's own callback)."""
    bench_app.callback(invoke_without_command=True)(bench_command)
