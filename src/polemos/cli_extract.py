"""Commands of the nlp + extract stages: `polemos classify`, `polemos eval events`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

SNIPPETS_ARG = typer.Argument(..., help="JSONL with `id` and `text` per line.")
GOLD_ARG = typer.Argument(..., help="Annotated JSONL (shared/eval/news format).")


def register(app: typer.Typer, eval_app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add this stage's commands."""

    @app.command()
    def classify(
        file: Path = SNIPPETS_ARG,
        as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
    ) -> None:
        """Event type and sub-type of each snippet (the strongest counted event, or none)."""
        from polemos.extract.classify import classify_text

        with file.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                label = classify_text(str(record.get("id", "")), record.get("text", ""),
                                      record.get("date"))
                if as_json:
                    typer.echo(json.dumps(label, ensure_ascii=False))
                else:
                    typer.echo(f"{label['id']}\t{label['event_type']}\t{label['sub_event_type']}"
                               f"\t{label['confidence']:.2f}")

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
