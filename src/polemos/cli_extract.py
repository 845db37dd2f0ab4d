"""Commands of one stage, registered on the main CLI by `polemos.cli`."""

import typer


def register(app: typer.Typer, eval_app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add this stage's commands (filled in by the stage's owner)."""
