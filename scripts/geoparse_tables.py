"""Regenerate the "Current results" tables of docs/geoparsing.md from the evaluation data.

    .venv/bin/python scripts/geoparse_tables.py [SHARED/eval] > /tmp/tables.md

Every number comes from `polemos.evaluate.geoparse` on the corpora in `shared/eval/geoparsing`
(LGL, TR-News and GeoWebNews on their evaluation tails, `mordecai3_split_approx == "eval"`;
GeoVirus and WikToR whole) and the news dev set; the anchors' numbers are the published ones
quoted in that folder's README. Takes two to three minutes on two cores.
"""

from __future__ import annotations

import sys
from pathlib import Path

from polemos.evaluate.geoparse import (
    evaluate,
    evaluate_repaired,
    evaluate_report,
    expected_calibration_error,
    load_docs,
    reliability_table,
)
from polemos.geo.geoparser import Geoparser

TAILS = {"LGL": "lgl", "TR-News": "tr_news", "GeoWebNews": "geowebnews"}
# published Acc@161: Mordecai3 given gold spans on its own 30 % tail, counted where its
# candidates hold the right place (README A); CamCoder over its corpora (README B)
ANCHORS = {"LGL": "Mordecai3 0.827, CamCoder 0.76", "TR-News": "Mordecai3 0.873",
           "GeoWebNews": "Mordecai3 0.941", "GeoVirus": "CamCoder 0.82", "WikToR": "CamCoder 0.65"}
READINGS = {"text only": {"use_url": False}, "+ URL": {"use_url": True},
            "+ URL + feeds": {"use_url": True, "feeds": True}}


def main(shared: Path) -> None:
    plain, demonyms = Geoparser(), Geoparser(include_demonyms=True)
    corpora = shared / "geoparsing"
    gold_rows, e2e_rows = [], []
    macro: dict[str, list[float]] = {reading: [] for reading in READINGS}
    pooled = {"gold spans": [], "end to end": []}  # the tails' outcomes, text only
    for name, stem in TAILS.items():
        docs = load_docs(corpora / f"{stem}.jsonl", "eval")
        pooled["gold spans"] += evaluate_report(docs, plain, gold_spans=True, use_url=False)[1]
        pooled["end to end"] += evaluate_report(docs, demonyms, use_url=False)[1]
        for reading, options in READINGS.items():
            gold = evaluate(docs, plain, gold_spans=True, **options)
            macro[reading].append(gold["acc_at_161km_conditional"])
            gold_rows.append(_gold_row(name, reading, gold))
            e2e_rows.append(_e2e_row(name, reading, evaluate(docs, demonyms, **options)))
    geovirus = load_docs(corpora / "geovirus.jsonl", "all")
    gold_rows.append(_gold_row("GeoVirus", "text", evaluate(geovirus, plain, gold_spans=True)))
    e2e_rows.append(_e2e_row("GeoVirus", "text", evaluate(geovirus, plain)))
    wiktor = load_docs(corpora / "wiktor.jsonl", "all")
    published, _, _ = evaluate_repaired(wiktor, plain, gold_spans=True)
    gold_rows.append(_gold_row("WikToR", "gold as published", published))
    gold_rows.append(_gold_row("WikToR", "gold hemisphere repaired",
                               published["repaired_gold_hemisphere"], anchor=False))
    e2e_rows.append(_e2e_row("WikToR", "gold as published", evaluate(wiktor, plain)))
    news = load_docs(shared / "news" / "dev.jsonl", "all")
    gold_rows.append(_gold_row("news dev", "+ URL", evaluate(news, plain, gold_spans=True)))
    e2e_rows.append(_e2e_row("news dev", "+ URL (no demonyms)", evaluate(news, plain)))
    print("| corpus | reading | n | Acc@161 all | cond. 161 km | cond. id | exact id | mean km |"
          " AUC | ECE | published |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    print("\n".join(gold_rows))
    print()
    print("Macro 161-km-conditional over the three tails: " + ", ".join(
        f"{reading} {sum(values) / len(values):.4f}" for reading, values in macro.items()))
    print()
    print("| corpus | reading | gold found | detection P / R / F1 (overlap) | toponym F1@161 |"
          " Acc@161 of found | ECE |")
    print("|---|---|---:|---|---:|---:|---:|")
    print("\n".join(e2e_rows))
    print()
    _print_reliability(pooled)


def _print_reliability(pooled: dict[str, list]) -> None:
    """The three tails pooled, text only: per score bin, n / mean score / share within 161 km."""
    tables = {protocol: {row["bin"]: row for row in reliability_table(outcomes)}
              for protocol, outcomes in pooled.items()}
    print("| score bin | " + " | ".join(f"{protocol}: n / mean score / Acc@161"
                                       for protocol in tables) + " |")
    print("|---|" + "---|" * len(tables))
    for index in range(10):
        key = f"{index / 10:.1f}-{(index + 1) / 10:.1f}"
        cells = [_bin(table.get(key)) for table in tables.values()]
        if any(cell != "–" for cell in cells):
            print(f"| {key} | " + " | ".join(cells) + " |")
    print("| ECE | " + " | ".join(str(expected_calibration_error(list(table.values())))
                                  for table in tables.values()) + " |")


def _bin(row: dict | None) -> str:
    if row is None:
        return "–"
    return f"{row['n']} / {row['mean_score']:.3f} / {row['acc_at_161km']:.3f}"


def _gold_row(name: str, reading: str, result: dict, anchor: bool = True) -> str:
    published = ANCHORS.get(name, "–") if anchor else "–"
    cells = [name, reading, str(result["n"]), _f(result["acc_at_161km"]),
             _f(result["acc_at_161km_conditional"]), _f(result["acc_at_161km_conditional_id"]),
             _f(result.get("exact_geonameid")), _km(result["mean_error_km"]), _f(result["auc"]),
             _f(result["ece"]), published]
    return "| " + " | ".join(cells) + " |"


def _e2e_row(name: str, reading: str, result: dict) -> str:
    detection = result["detection_overlap"]
    found = " / ".join(_f(detection[key]) for key in ("precision", "recall", "f1"))
    cells = [name, reading, str(result["n"]), found, _f(result["toponym_f1_161km"]),
             _f(result["acc_at_161km"]), _f(result["ece"])]
    return "| " + " | ".join(cells) + " |"


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.4f}"


def _km(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / ".." / "shared"
         / "eval")
