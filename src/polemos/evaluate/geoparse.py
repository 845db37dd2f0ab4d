"""Score the geoparser on toponym corpora (shared/eval/geoparsing format or news dev.jsonl).

Two protocols, both reported so numbers sit beside the published anchors:
* end-to-end: our own detection, then detection P/R/F1 (exact and overlapping spans), the
  resolution of gold toponyms we found, and toponym F1 where a hit must overlap a gold span and
  lie within 161 km of it (the project's news-dev measure);
* gold spans (`gold_spans=True`, Mordecai3's protocol): the gold mentions are given and only
  resolution is scored.

Acc@161 is given over every gold toponym (unresolved counts as wrong) and conditionally, in two
ways, each reported under its own key:
* `acc_at_161km_conditional_id` (Mordecai3's protocol): over the gold toponyms whose gold GeoNames
  id is among the mention's candidates (corpora with geonameids: LGL, TR-News, most of GWN);
* `acc_at_161km_conditional` (distance stand-in, usable on every corpus): over the toponyms with
  at least one candidate within 161 km of the gold point (an oracle picking among our candidates
  could be right).
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from polemos.geo.feeds import FeedVotes, feed_hints, tallied
from polemos.geo.geometry import MAX_ERROR_KM, haversine_km
from polemos.geo.geoparser import Geoparser, Resolution
from polemos.geo.hints import Hint
from polemos.geo.resolve import RIGHT_KM
from polemos.models import Toponym

ACC_KM = RIGHT_KM  # Acc@161: within 161 km is right (Gritta et al.), as the score means it
CALIBRATION_BINS = 10


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]  # with coordinates
    unresolved: tuple[GoldToponym, ...]  # annotated, no coordinates (detection only)
    url: str | None = None  # the article's URL (source locality hint, `polemos.geo.source`)
    title: str | None = None  # WikToR's `wikipedia_title` ("Mitchell, South Dakota")


@dataclass(slots=True)
class Outcome:
    """One gold toponym's resolution: the prediction (if any) and whether it was reachable."""

    gold: GoldToponym
    toponym: Toponym | None
    reachable: bool
    id_reachable: bool = False  # the gold geonameid is among the mention's candidates

    @property
    def error_km(self) -> float:
        place = self.toponym.place if self.toponym else None
        if place is None or self.gold.lat is None or self.gold.lon is None:
            return MAX_ERROR_KM
        return haversine_km(place.lat, place.lon, self.gold.lat, self.gold.lon)

    @property
    def correct(self) -> bool:
        return self.error_km <= ACC_KM


@dataclass(slots=True)
class Tally:
    """Counts for span detection P/R/F1."""

    predicted: int = 0
    gold: int = 0
    true_pred: int = 0
    found_gold: int = 0

    def as_dict(self) -> dict[str, float]:
        precision = self.true_pred / self.predicted if self.predicted else 0.0
        recall = self.found_gold / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


@dataclass(slots=True)
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    exact: Tally = field(default_factory=Tally)
    overlap: Tally = field(default_factory=Tally)
    resolved: Tally = field(default_factory=Tally)  # overlap and within 161 km
    docs: int = 0


def load_docs(path: Path, split: str = "eval", problems: list[str] | None = None
              ) -> list[GoldDoc]:
    """Documents of `split` (eval | train | all). Corpora without `mordecai3_split_approx` have no
    split: every document is in every split (they are never used for fitting). A line that is
    no document (broken JSON, no text, malformed toponyms) is skipped and named in `problems`
    ('FILE:LINE: why'); the rest of the corpus is scored."""
    docs = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                part = record.get("mordecai3_split_approx")
                if split != "all" and part is not None and part != split:
                    continue
                docs.append(_gold_doc(record))
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                if problems is not None:
                    problems.append(f"{path}:{number}: skipped, {_why(error)}")
    return docs


def _why(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"not JSON ({error.msg})"
    if isinstance(error, KeyError):
        return f"no {error.args[0]!r} field"
    return f"not a document ({error})"


def _gold_doc(record: dict) -> GoldDoc:
    def gold(item: dict) -> GoldToponym:
        return GoldToponym(
            item["start"], item["end"], item["text"], item.get("lat"), item.get("lon"),
            item.get("geonameid"),
        )

    with_coords = tuple(
        gold(t) for t in record.get("toponyms", []) if t.get("lat") is not None
    )
    without = tuple(gold(t) for t in record.get("unresolved_toponyms", []))
    without += tuple(gold(t) for t in record.get("toponyms", []) if t.get("lat") is None)
    return GoldDoc(str(record.get("id")), record["text"], with_coords, without,
                   record.get("url") or None, record.get("wikipedia_title"))


def evaluate(
    docs: Iterable[GoldDoc], parser: Geoparser | None = None, gold_spans: bool = False,
    use_url: bool = True, feeds: bool = False, feed_batch: int = 0,
) -> dict:
    """Run the parser over `docs` and return every metric as one JSON-ready dict."""
    return evaluate_report(docs, parser, gold_spans, use_url, feeds, feed_batch)[0]


def evaluate_report(
    docs: Iterable[GoldDoc], parser: Geoparser | None = None, gold_spans: bool = False,
    use_url: bool = True, feeds: bool = False, feed_batch: int = 0,
) -> tuple[dict, list[Outcome]]:
    """Metrics and the per-toponym outcomes behind them. `use_url`: give the parser each
    document's URL (its source locality hint); off, the text-only protocol of the published
    anchors. `feeds` (with `use_url`): each document also hears what its host's other
    documents say of the host's home (`polemos.geo.feeds`): those of its batch and of the
    batches before it. `feed_batch`: documents per batch, in the corpus' order (0: the corpus
    is one batch), as `polemos run` reads partitions and the store keeps their votes."""
    parser = parser or Geoparser()
    docs = list(docs)
    report = Report()
    runs = _runs(parser, docs, gold_spans, use_url, feeds, feed_batch)
    for doc, resolutions in zip(docs, runs, strict=True):
        _score(doc, resolutions, report, gold_spans)
    result = summarise(report, gold_spans)
    result["source_url"] = use_url
    result["feeds"] = use_url and feeds
    result["feed_batch"] = feed_batch if use_url and feeds else None
    return result, report.outcomes


def _runs(parser: Geoparser, docs: list[GoldDoc], gold_spans: bool, use_url: bool,
          feeds: bool, feed_batch: int) -> Iterator[list]:
    """Each document's resolutions. With feeds, the parser's own reading of the corpus (never
    its gold) gives each document its feed hint: end to end each batch is read as `polemos
    run` reads a partition; with gold spans the spans are resolved with the hint."""
    urls = [doc.url if use_url else None for doc in docs]
    if not (use_url and feeds):
        yield from (_run(parser, doc, gold_spans, url) for doc, url in zip(docs, urls, strict=True))
        return
    size = feed_batch or max(1, len(docs))
    known: dict[str, FeedVotes] = {}
    for start in range(0, len(docs), size):
        batch, batch_urls = docs[start:start + size], urls[start:start + size]
        texts = [doc.text for doc in batch]
        if gold_spans:
            regions = parser.local_regions(texts, batch_urls)
            hints = feed_hints(parser.gazetteer, batch_urls, regions, known)
            yield from (_run(parser, doc, True, url, hint)
                        for doc, url, hint in zip(batch, batch_urls, hints, strict=True))
        else:
            reading = parser.finish_feeds(parser.drafts(texts, batch_urls), batch_urls, known)
            regions = reading.regions
            yield from reading.resolutions
        known = tallied(known, batch_urls, regions)


def evaluate_repaired(
    docs: list[GoldDoc], parser: Geoparser | None = None, gold_spans: bool = False,
    use_url: bool = True,
) -> tuple[dict, list[Outcome], list]:
    """`evaluate_report` on the corpus' gold as it is (the headline, comparable with published
    numbers) and, from the same predictions, on gold with lost hemisphere signs repaired
    (`gold_hemisphere.repair_docs`, which reads no prediction). The repaired metrics, the repair
    counts and the repaired outcomes go under `result["repaired_gold_hemisphere"]`."""
    from polemos.evaluate.gold_hemisphere import repair_counts, repair_docs

    parser = parser or Geoparser()
    fixed, repairs = repair_docs(docs)
    raw, repaired = Report(), Report()
    for doc, doc_fixed in zip(docs, fixed, strict=True):
        resolutions = _run(parser, doc, gold_spans, doc.url if use_url else None)
        _score(doc, resolutions, raw, gold_spans)
        _score(doc_fixed, resolutions, repaired, gold_spans)
    result = summarise(raw, gold_spans)
    result["source_url"] = use_url
    extra = summarise(repaired, gold_spans)
    extra["repairs"] = repair_counts(repairs)
    result["repaired_gold_hemisphere"] = extra
    return result, repaired.outcomes, repairs


def _run(parser: Geoparser, doc: GoldDoc, gold_spans: bool, url: str | None = None,
         feed: Hint | None = None) -> list:
    """One document's resolutions (`feed`: its feed hint, gold spans only; see `_runs`)."""
    if gold_spans:
        return parser.resolve_spans(doc.text, [(g.start, g.end) for g in doc.toponyms], url,
                                    feed)
    return parser.analyse(doc.text, url)


def _score(doc: GoldDoc, resolutions: list, report: Report, gold_spans: bool) -> None:
    report.docs += 1
    if gold_spans:
        _score_gold_spans(doc, resolutions, report)
    else:
        _score_end_to_end(doc, resolutions, report)


def _reachable(gold: GoldToponym, resolution: Resolution | None) -> bool:
    if resolution is None or gold.lat is None or gold.lon is None:
        return False
    return any(
        haversine_km(p.lat, p.lon, gold.lat, gold.lon) <= ACC_KM for p in resolution.candidates
    )


def _id_reachable(gold: GoldToponym, resolution: Resolution | None) -> bool:
    if resolution is None or gold.geonameid is None:
        return False
    return any(p.geonameid == gold.geonameid for p in resolution.candidates)


def _outcome(gold: GoldToponym, resolution: Resolution | None) -> Outcome:
    toponym = resolution.toponym if resolution else None
    return Outcome(gold, toponym, _reachable(gold, resolution), _id_reachable(gold, resolution))


def gold_span_outcomes(doc: GoldDoc, resolutions: Sequence[Resolution | None]) -> list[Outcome]:
    """One outcome per gold toponym, `resolutions` in the gold order (gold-spans protocol;
    `train_ranker` scores a model being fitted with it too)."""
    return [_outcome(gold, resolution)
            for gold, resolution in zip(doc.toponyms, resolutions, strict=True)]


def _score_gold_spans(doc: GoldDoc, resolutions: list, report: Report) -> None:
    report.outcomes.extend(gold_span_outcomes(doc, resolutions))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_end_to_end(doc: GoldDoc, resolutions: list[Resolution], report: Report) -> None:
    predicted = [r.toponym for r in resolutions]
    every_gold = list(doc.toponyms) + list(doc.unresolved)
    gold_spans = {(g.start, g.end) for g in every_gold}
    pred_spans = {(t.start, t.end) for t in predicted}
    report.exact.predicted += len(pred_spans)
    report.exact.gold += len(gold_spans)
    report.exact.true_pred += len(pred_spans & gold_spans)
    report.exact.found_gold += len(pred_spans & gold_spans)
    report.overlap.predicted += len(pred_spans)
    report.overlap.gold += len(gold_spans)
    report.overlap.true_pred += sum(any(_overlaps(p, g) for g in gold_spans) for p in pred_spans)
    report.overlap.found_gold += sum(any(_overlaps(g, p) for p in pred_spans) for g in gold_spans)
    _score_resolved_hits(doc, resolutions, report)


def _score_resolved_hits(doc: GoldDoc, resolutions: list[Resolution], report: Report) -> None:
    """Toponym F1 with resolution: a prediction is a hit when it overlaps a gold toponym with
    coordinates and lies within 161 km; predictions overlapping only coordinate-less gold are left
    out of precision (they can be neither right nor wrong)."""
    coordless = [(g.start, g.end) for g in doc.unresolved]
    hit_preds: set[int] = set()
    for gold in doc.toponyms:
        match = _best_overlap(gold, resolutions)
        outcome = _outcome(gold, match)
        if match is not None:
            report.outcomes.append(outcome)
        report.resolved.gold += 1
        hits = [
            i for i, r in enumerate(resolutions)
            if _overlaps((r.toponym.start, r.toponym.end), (gold.start, gold.end))
            and Outcome(gold, r.toponym, False).correct
        ]
        report.resolved.found_gold += bool(hits)
        hit_preds.update(hits)
    for index, resolution in enumerate(resolutions):
        span = (resolution.toponym.start, resolution.toponym.end)
        on_gold = any(_overlaps(span, (g.start, g.end)) for g in doc.toponyms)
        if not on_gold and any(_overlaps(span, c) for c in coordless):
            continue
        report.resolved.predicted += 1
        report.resolved.true_pred += index in hit_preds


def _best_overlap(gold: GoldToponym, resolutions: list[Resolution]) -> Resolution | None:
    best, best_len = None, 0
    for resolution in resolutions:
        t = resolution.toponym
        length = min(t.end, gold.end) - max(t.start, gold.start)
        if length > best_len:
            best, best_len = resolution, length
    return best


def summarise(report: Report, gold_spans: bool) -> dict:
    outcomes = report.outcomes
    result: dict = {"protocol": "gold_spans" if gold_spans else "end_to_end", "docs": report.docs}
    result.update(resolution_metrics(outcomes))
    if not gold_spans:
        result["detection_exact"] = report.exact.as_dict()
        result["detection_overlap"] = report.overlap.as_dict()
        result["toponym_f1_161km"] = report.resolved.as_dict()["f1"]
        result["toponym_161km"] = report.resolved.as_dict()
    result["calibration"] = reliability_table(outcomes)
    result["ece"] = expected_calibration_error(result["calibration"])
    return result


def resolution_metrics(outcomes: list[Outcome]) -> dict:
    n = len(outcomes)
    right_reachable, n_reachable = conditional_counts(outcomes)
    with_id = [o for o in outcomes if o.gold.geonameid is not None]
    id_reachable = [o for o in with_id if o.id_reachable]
    resolved = [o for o in outcomes if o.toponym is not None and o.toponym.place is not None]
    errors = [o.error_km for o in resolved]
    return {
        "n": n,
        "acc_at_161km": _share(sum(o.correct for o in outcomes), n),
        "n_reachable": n_reachable,
        "acc_at_161km_conditional": _share(right_reachable, n_reachable),
        "n_with_geonameid": len(with_id),
        "n_id_reachable": len(id_reachable),
        "acc_at_161km_conditional_id": _share(
            sum(o.correct for o in id_reachable), len(id_reachable)),
        "exact_geonameid": _share(
            sum(bool(o.toponym and o.toponym.place
                     and o.toponym.place.geonameid == o.gold.geonameid) for o in with_id),
            len(with_id),
        ),
        "n_resolved": len(resolved),
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "auc": auc_of_errors([o.error_km for o in outcomes]),
    }


def conditional_counts(outcomes: Iterable[Outcome]) -> tuple[int, int]:
    """(right, reachable) behind `acc_at_161km_conditional`: of the toponyms with a candidate
    within 161 km of the gold point, how many were resolved within 161 km."""
    reachable = [o for o in outcomes if o.reachable]
    return sum(o.correct for o in reachable), len(reachable)


def _share(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None


def auc_of_errors(errors_km: list[float]) -> float | None:
    """Gritta et al.: trapezoid area under sorted ln(1 + km), over ln(20039) * (n - 1).

    Unresolved toponyms enter with the worst error, so a system cannot gain by abstaining."""
    if len(errors_km) < 2:
        return None
    logs = sorted(math.log1p(e) for e in errors_km)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return round(area / (math.log(MAX_ERROR_KM) * (len(logs) - 1)), 4)


def reliability_table(outcomes: list[Outcome]) -> list[dict]:
    """Score bins of resolved predictions: mean score vs share within 161 km."""
    bins: list[list[Outcome]] = [[] for _ in range(CALIBRATION_BINS)]
    for outcome in outcomes:
        t = outcome.toponym
        if t is None or t.place is None:
            continue
        bins[min(CALIBRATION_BINS - 1, int(t.score * CALIBRATION_BINS))].append(outcome)
    table = []
    for index, members in enumerate(bins):
        if not members:
            continue
        table.append({
            "bin": f"{index / CALIBRATION_BINS:.1f}-{(index + 1) / CALIBRATION_BINS:.1f}",
            "n": len(members),
            "mean_score": round(statistics.fmean(o.toponym.score for o in members), 3),
            "acc_at_161km": round(sum(o.correct for o in members) / len(members), 3),
        })
    return table


def expected_calibration_error(table: list[dict]) -> float | None:
    total = sum(row["n"] for row in table)
    if not total:
        return None
    return round(
        sum(row["n"] * abs(row["mean_score"] - row["acc_at_161km"]) for row in table) / total, 4
    )


def iter_outcome_rows(outcomes: list[Outcome]) -> Iterator[dict]:
    """Per-toponym rows for error analysis (`--errors FILE`; with `--repair-gold-hemisphere`
    `gold` is the repaired point)."""
    for o in outcomes:
        yield {
            "text": o.gold.text, "start": o.gold.start, "gold": [o.gold.lat, o.gold.lon],
            "gold_id": o.gold.geonameid, "pred": o.toponym.as_json() if o.toponym else None,
            "error_km": round(o.error_km, 1), "reachable": o.reachable,
            "id_reachable": o.id_reachable,
        }


def render_text(result: dict) -> str:
    """Human-readable summary (the JSON line carries everything)."""
    source = "" if result.get("source_url", True) else ", no url"
    source += ", feeds" if result.get("feeds") else ""
    source += f" in batches of {result['feed_batch']}" if result.get("feed_batch") else ""
    lines = [f"{result.get('dataset', '')} [{result['protocol']}{source}] docs={result['docs']} "
             f"n={result['n']} reachable={result['n_reachable']}"]
    lines.append(
        f"  acc@161 all={result['acc_at_161km']} conditional={result['acc_at_161km_conditional']}"
        f" conditional_id={result['acc_at_161km_conditional_id']} (n={result['n_id_reachable']})"
        f" exact_id={result['exact_geonameid']} mean_km={result['mean_error_km']}"
        f" median_km={result['median_error_km']} auc={result['auc']} ece={result['ece']}"
    )
    for key in ("detection_exact", "detection_overlap", "toponym_161km"):
        if key in result:
            lines.append(f"  {key}: {result[key]}")
    lines.append("  calibration: " + ", ".join(
        f"{row['bin']}:{row['n']}/{row['mean_score']}/{row['acc_at_161km']}"
        for row in result["calibration"]))
    fixed = result.get("repaired_gold_hemisphere")
    if fixed:
        lines.append(f"  repaired gold hemisphere: {fixed['repairs']}")
        lines.append(
            f"  repaired: acc@161 all={fixed['acc_at_161km']} reachable={fixed['n_reachable']}"
            f" conditional={fixed['acc_at_161km_conditional']} mean_km={fixed['mean_error_km']}"
            f" auc={fixed['auc']} ece={fixed['ece']}"
            + (f" toponym_f1_161km={fixed['toponym_f1_161km']}"
               if "toponym_f1_161km" in fixed else ""))
    return "\n".join(lines)
