"""Weighted F1 of snippet sub-type labels (the CASE 2021 task 2 measure) for `polemos classify`.

Labelled snippets come either as snippet JSONL (`id`, `text`, `sub_event_type`, optional `date`)
or as annotated news (shared/eval/news format): there every gold event's evidence is a snippet
of its sub-type and every non-event text a snippet labelled "none".
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from polemos.extract.ml.taxonomy import NONE


def labelled_snippets(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    snippets = []
    for record in records:
        if "events" not in record:
            snippets.append(record)
            continue
        day = record.get("date")
        for index, event in enumerate(record["events"]):
            snippets.append({"id": f"{record['id']}#e{index}", "text": event["evidence"],
                             "date": day, "sub_event_type": event["sub_event_type"]})
        for index, statement in enumerate(record.get("non_events", [])):
            snippets.append({"id": f"{record['id']}#n{index}", "text": statement["text"],
                             "date": day, "sub_event_type": NONE})
    return snippets


def per_label_f1(gold: list[str], predicted: list[str]) -> dict[str, dict]:
    labels = sorted(set(gold) | set(predicted))
    table = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"support": n_gold, "precision": round(precision, 4),
                        "recall": round(recall, 4), "f1": round(f1, 4)}
    return table


def weighted_f1(table: dict[str, dict], labels: Iterable[str]) -> float:
    """F1 averaged over `labels`, weighted by their gold support."""
    chosen = [table[label] for label in labels if table.get(label, {}).get("support")]
    total = sum(row["support"] for row in chosen)
    return round(sum(row["f1"] * row["support"] for row in chosen) / total, 4) if total else 0.0


def score(gold: list[str], predicted: list[str]) -> dict:
    """Weighted F1 over the event sub-types (CASE style: gold "none" rows are not averaged in,
    but predicting "none" for an event still costs recall), the same with "none" as a class,
    accuracy, and the per-label table."""
    table = per_label_f1(gold, predicted)
    events = [label for label in table if label != NONE]
    hits = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {"snippets": len(gold), "gold_labels": dict(Counter(gold)),
            "weighted_f1": weighted_f1(table, events),
            "weighted_f1_with_none": weighted_f1(table, table),
            "accuracy": round(hits / len(gold), 4) if gold else 0.0, "per_label": table}
