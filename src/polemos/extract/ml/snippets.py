"""`polemos classify --method`: rules, the embedding classifier, or both combined.

- rules: the full rule pipeline (extract/classify.py): its most confident counted event.
- embedding: the MiniLM classifier alone (ml/embedding.py).
- combined: rules first; the embedding decides only where the rules found no event or are
  unsure (low confidence, or a label read without a place), and only when it is itself
  confident. The rules know modality (forecasts, denials),
  places and dates, which a sentence vector does not; the embedding knows paraphrases that no
  trigger word lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Literal

from polemos.extract.ml.taxonomy import NONE, event_type_of

Method = Literal["rules", "embedding", "combined"]
METHODS: tuple[str, ...] = ("rules", "embedding", "combined")
BATCH = 64


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where the embedding may overrule the rules.

    fill_none was picked from a sweep 0.3-0.9 on the news dev set: weighted F1 peaks at 0.6-0.7,
    and 0.7 turns the fewest non-events into events; see docs/extraction.md, "Optional
    extractors"."""

    rules_unsure: float = 0.5  # rule events below this confidence may be relabelled
    fill_none: float = 0.7  # embedding probability needed to turn a rule "none" into an event
    relabel: float = 0.7  # ... and to change the sub-type of an unsure rule event


def _label(doc_id: str, sub: str, confidence: float) -> dict:
    return {"id": doc_id, "event_type": event_type_of(sub), "sub_event_type": sub,
            "confidence": round(confidence, 4)}


DEFAULT_THRESHOLDS = Thresholds()


def combine(rule: dict, sub: str, probability: float,
            limits: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """The combined label from a rule label (classify_text's dict) and an embedding prediction."""
    rule_none = rule["sub_event_type"] == NONE
    if rule_none and sub != NONE and probability >= limits.fill_none:
        return _label(rule["id"], sub, probability)
    # A rule label read without a place (classify.py) is unsure too: its sub-type rests on the
    # trigger words alone. Chosen on the own held-out snippets (docs/extraction.md), not on dev.
    unsure = not rule_none and (rule["confidence"] < limits.rules_unsure
                                or not rule.get("located", True))
    if unsure and sub not in (NONE, rule["sub_event_type"]) and probability >= limits.relabel:
        return _label(rule["id"], sub, probability)
    return rule


def classify_records(records: Iterable[dict], method: Method = "rules") -> Iterator[dict]:
    """One label per record (`id`, `text`, optional `date`), in input order, batched."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    iterator = iter(records)
    while batch := list(islice(iterator, BATCH)):
        yield from _classify_batch(batch, method)


def _classify_batch(batch: list[dict], method: Method) -> list[dict]:
    from polemos.extract.classify import classify_texts

    ids = [str(record.get("id", "")) for record in batch]
    texts = [str(record.get("text") or "") for record in batch]
    rules = ([] if method == "embedding" else
             classify_texts([(i, t, record.get("date"))
                             for i, t, record in zip(ids, texts, batch, strict=True)]))
    if method == "rules":
        return rules
    from polemos.extract.ml.embedding import shipped_classifier

    predictions = shipped_classifier().predict(texts)
    if method == "embedding":
        return [_label(i, p.sub_event_type, p.probability)
                for i, p in zip(ids, predictions, strict=True)]
    return [combine(rule, p.sub_event_type, p.probability)
            for rule, p in zip(rules, predictions, strict=True)]
