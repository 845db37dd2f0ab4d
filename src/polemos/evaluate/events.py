"""Score extracted events against an annotated JSONL set (format: shared/eval/news/README.md).

A predicted event matches a gold event of the same document when the event type agrees, the
place is within 25 km and the date within one day; matching is one-to-one (closest pairs
first). Strict matching also needs the sub-type. Non-event false positives: gold non-event
spans that overlap the evidence of a predicted event that counts (asserted or claimed).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from polemos.models import Article, EventCandidate

MAX_KM = 25.0
MAX_DAYS = 1


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(precision, 4),
                "recall": round(recall, 4), "f1": round(f1, 4)}


@dataclass(slots=True)
class Report:
    loose: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    per_type: dict[str, Tally] = field(default_factory=dict)
    per_sub: dict[str, Tally] = field(default_factory=dict)
    actor1_ok: int = 0
    actor2_ok: int = 0
    matched: int = 0
    fatal_ok: int = 0
    fatal_total: int = 0
    non_events: int = 0
    non_event_hits: int = 0
    reliability: list[tuple[float, bool]] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    details: list[dict] = field(default_factory=list)

    def summary(self) -> dict:
        loose, strict = self.loose.as_dict(), self.strict.as_dict()
        return {
            "event_precision": loose["precision"], "event_recall": loose["recall"],
            "event_f1": loose["f1"], "strict_precision": strict["precision"],
            "strict_recall": strict["recall"], "strict_f1": strict["f1"],
            "actor1_accuracy": _ratio(self.actor1_ok, self.matched),
            "actor2_accuracy": _ratio(self.actor2_ok, self.matched),
            "actor_accuracy": _ratio(self.actor1_ok + self.actor2_ok, 2 * self.matched),
            "fatalities_accuracy": _ratio(self.fatal_ok, self.fatal_total),
            "fatalities_evaluated": self.fatal_total,
            "non_event_fp_rate": _ratio(self.non_event_hits, self.non_events),
            "non_events": self.non_events, "matched": self.matched,
            "tp": self.loose.tp, "fp": self.loose.fp, "fn": self.loose.fn,
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
            "per_sub_event_type": {k: v.as_dict() for k, v in sorted(self.per_sub.items())},
            "reliability": reliability_table(self.reliability),
            "errors": dict(self.errors.most_common()),
        }


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def load_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def article_of(record: dict) -> Article:
    published = date.fromisoformat(record["date"]) if record.get("date") else None
    return Article(doc_id=str(record["id"]), text=record["text"], published=published,
                   url=record.get("url"), title=record.get("title"))


def _distance(pred: EventCandidate, gold: dict) -> float:
    loc = gold["location"]
    if pred.place is None or loc.get("lat") is None:
        return math.inf
    return haversine_km(pred.place.lat, pred.place.lon, loc["lat"], loc["lon"])


def _compatible(pred: EventCandidate, gold: dict) -> float | None:
    """Distance when pred can match gold (type, place, day), else None."""
    if pred.event_type != gold["event_type"]:
        return None
    if abs((pred.event_date - date.fromisoformat(gold["date"])).days) > MAX_DAYS:
        return None
    km = _distance(pred, gold)
    return km if km <= MAX_KM else None


def match(preds: list[EventCandidate], golds: list[dict], strict: bool
          ) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), closest (same sub-type first) first."""
    options = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            km = _compatible(pred, gold)
            if km is None:
                continue
            same_sub = pred.sub_event_type == gold["sub_event_type"]
            if strict and not same_sub:
                continue
            options.append((not same_sub, km, i, j))
    options.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, _, i, j in options:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def score_document(report: Report, record: dict, predicted: list[EventCandidate]) -> None:
    counted = [p for p in predicted if p.is_event]
    golds = record.get("events", [])
    pairs = match(counted, golds, strict=False)
    strict_pairs = match(counted, golds, strict=True)
    _tally(report.loose, len(pairs), len(counted), len(golds))
    _tally(report.strict, len(strict_pairs), len(counted), len(golds))
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for key, table, field_name in (("event_type", report.per_type, "event_type"),
                                   ("sub", report.per_sub, "sub_event_type")):
        _per_label(table, field_name, counted, golds, strict_pairs if key == "sub" else pairs)
    for i, j in pairs:
        pred, gold = counted[i], golds[j]
        report.matched += 1
        report.actor1_ok += pred.actor1 == gold.get("actor1")
        report.actor2_ok += pred.actor2 == gold.get("actor2")
        if gold.get("fatalities") is not None:
            report.fatal_total += 1
            report.fatal_ok += pred.fatalities == gold["fatalities"]
            if pred.fatalities != gold["fatalities"]:
                report.errors["fatalities mismatch"] += 1
        if pred.sub_event_type != gold["sub_event_type"]:
            report.errors[f"sub-type {gold['sub_event_type']} -> {pred.sub_event_type}"] += 1
    for i, pred in enumerate(counted):
        report.reliability.append((pred.confidence, i in matched_p))
        if i not in matched_p:
            report.errors[_why_unmatched(pred, golds)] += 1
            report.details.append({"doc": record["id"], "kind": "fp", "type": pred.event_type,
                                   "sub": pred.sub_event_type, "location": pred.location,
                                   "date": str(pred.event_date),
                                   "sentence": pred.evidence.sentence[:160]})
    for j, gold in enumerate(golds):
        if j not in matched_g:
            report.errors["missed " + gold["event_type"]] += 1
            report.details.append({"doc": record["id"], "kind": "fn", "type": gold["event_type"],
                                   "sub": gold["sub_event_type"],
                                   "location": gold["location"]["name"], "date": gold["date"]})
    _non_events(report, record, counted)


def _why_unmatched(pred: EventCandidate, golds: list[dict]) -> str:
    same_type = [g for g in golds if g["event_type"] == pred.event_type]
    if not same_type:
        return f"spurious {pred.event_type}"
    if all(_distance(pred, g) > MAX_KM for g in same_type):
        return "wrong place"
    return "wrong date or duplicate"


def _tally(tally: Tally, tp: int, n_pred: int, n_gold: int) -> None:
    tally.tp += tp
    tally.fp += n_pred - tp
    tally.fn += n_gold - tp


def _per_label(table: dict[str, Tally], field_name: str, preds: list[EventCandidate],
               golds: list[dict], pairs: list[tuple[int, int]]) -> None:
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for i, pred in enumerate(preds):
        tally = table.setdefault(getattr(pred, field_name), Tally())
        if i in matched_p:
            tally.tp += 1
        else:
            tally.fp += 1
    for j, gold in enumerate(golds):
        if j not in matched_g:
            table.setdefault(gold[field_name], Tally()).fn += 1


def _non_events(report: Report, record: dict, counted: list[EventCandidate]) -> None:
    for non_event in record.get("non_events", []):
        report.non_events += 1
        if any(p.evidence.char_start < non_event["end"] and non_event["start"] < p.evidence.char_end
               for p in counted):
            report.non_event_hits += 1
            report.details.append({"doc": record["id"], "kind": "non_event",
                                   "reason": non_event["reason"],
                                   "text": non_event["text"][:160]})


def reliability_table(pairs: list[tuple[float, bool]], edges: Iterable[float] = (0.0, 0.3, 0.5,
                                                                                 0.7, 0.85, 1.01)
                      ) -> list[dict]:
    """Per confidence bin: how many predictions, and the share that matched gold."""
    edges = list(edges)
    rows = []
    for low, high in zip(edges, edges[1:], strict=False):
        inside = [ok for conf, ok in pairs if low <= conf < high]
        rows.append({"bin": f"{low:.2f}-{min(high, 1.0):.2f}", "n": len(inside),
                     "mean_confidence": round(sum(c for c, _ in pairs if low <= c < high)
                                              / len(inside), 3) if inside else None,
                     "precision": round(sum(inside) / len(inside), 3) if inside else None})
    return rows


def evaluate(path: Path) -> Report:
    from polemos.pipeline import process_article

    report = Report()
    for record in load_gold(path):
        result = process_article(article_of(record))
        score_document(report, record, result.candidates)
    return report
