"""Commands of the nlp + extract stages: `polemos classify`, `polemos eval events`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

SNIPPETS_ARG = typer.Argument(..., help="JSONL with `id` and `text` per line.")
GOLD_ARG = typer.Argument(..., help="Annotated JSONL (shared/eval/news format).")
METHOD_OPTION = typer.Option("rules", help="rules | embedding | combined (see docs/extraction.md).")
LABELLED_ARG = typer.Argument(..., help="Snippet JSONL with sub_event_type, or shared/eval/news.")


def _checked_method(method: str) -> str:
    from polemos.extract.ml.snippets import METHODS

    if method not in METHODS:
        raise typer.BadParameter(f"choose one of {', '.join(METHODS)}", param_hint="--method")
    return method


def register(app: typer.Typer, eval_app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add this stage's commands."""

    @app.command()
    def classify(
        file: Path = SNIPPETS_ARG,
        as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
        method: str = METHOD_OPTION,
    ) -> None:
        """Event type and sub-type of each snippet (the strongest counted event, or none)."""
        from polemos.extract.ml.snippets import classify_records

        with file.open(encoding="utf-8") as handle:
            records = (json.loads(line) for line in handle if line.strip())
            for label in classify_records(records, _checked_method(method)):
                if as_json:
                    typer.echo(json.dumps(label, ensure_ascii=False))
                else:
                    typer.echo(f"{label['id']}\t{label['event_type']}\t{label['sub_event_type']}"
                               f"\t{label['confidence']:.2f}")

    @eval_app.command("classify")
    def eval_classify(
        labelled: Path = LABELLED_ARG,
        method: str = METHOD_OPTION,
        as_json: bool = typer.Option(False, "--json", help="One JSON object (with per-label)."),
    ) -> None:
        """Weighted F1 over sub-types of `polemos classify --method` on labelled snippets."""
        from polemos.evaluate.subtypes import labelled_snippets, score
        from polemos.extract.ml.snippets import classify_records

        snippets = labelled_snippets(labelled)
        labels = classify_records(snippets, _checked_method(method))
        result = score([s["sub_event_type"] for s in snippets],
                       [label["sub_event_type"] for label in labels])
        if not as_json:
            for key in ("snippets", "weighted_f1", "weighted_f1_with_none", "accuracy"):
                typer.echo(f"{key:>22}: {result[key]}")
            result = {k: v for k, v in result.items() if k != "per_label"}
        typer.echo(json.dumps({"method": method, **result}, ensure_ascii=False))

    @eval_app.command("events")
    def eval_events(
        gold: Path = GOLD_ARG,
        as_json: bool = typer.Option(False, "--json", help="Last stdout line: one JSON object."),
        details: bool = typer.Option(False, help="Also list every error (fp, fn, non-event)."),
    ) -> None:
        """Precision/recall/F1 of extracted events against gold events."""
        from polemos.evaluate.events import evaluate

        report = evaluate(gold)
        summary = report.summary()
        if details:
            for item in report.details:
                typer.echo(json.dumps(item, ensure_ascii=False))
        if not as_json:
            for key in ("event_precision", "event_recall", "event_f1", "strict_f1",
                        "actor_accuracy", "fatalities_accuracy", "non_event_fp_rate"):
                typer.echo(f"{key:>22}: {summary[key]}")
        typer.echo(json.dumps(summary, ensure_ascii=False))
