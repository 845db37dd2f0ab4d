"""Snippet classification: the event type a short text states, for `polemos classify`.

Runs the full per-article pipeline on the snippet and reports its most confident counted event;
"none" when the snippet states no event (forecasts, denials and background count as none).

A snippet often names no place the gazetteer resolves ("the town", "the camp"). The pipeline
then drops the trigger, since an event to store needs a location; classifying a sentence does
not. Such snippets are re-read with the same triggers, modality, time and sub-type decisions
but a stand-in place (events.UNLOCATED), so the rules still say which sub-type the sentence
states; the label says `"located": false`. What `polemos run` stores is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from polemos.models import AnalyzedDoc, Article, ArticleResult, EventCandidate


def classify_text(doc_id: str, text: str, published: str | None = None) -> dict:
    return classify_texts([(doc_id, text, published)])[0]


def classify_texts(snippets: Sequence[tuple[str, str, str | None]]) -> list[dict]:
    """One label per (id, text, published day) snippet, in order. The snippets go through the
    pipeline as one batch (one NER pass for all); each is analysed and geoparsed once, and a
    place-less one is re-read from that same analysis."""
    from polemos.pipeline import process_batch_with_docs

    articles = [Article(doc_id=doc_id, text=text, published=_day(published))
                for doc_id, text, published in snippets]
    return [_label(result, doc) for result, doc in process_batch_with_docs(articles)]


def _day(published: str | None) -> date:
    return date.fromisoformat(published) if published else date.today()


def _label(result: ArticleResult, doc: AnalyzedDoc | None) -> dict:
    doc_id = result.article.doc_id
    counted = [c for c in result.candidates if c.is_event]
    located = bool(counted)
    if not counted and not result.error and doc is not None:
        counted = [c for c in _placeless_candidates(doc, result) if c.is_event]
    if not counted:
        return {"id": doc_id, "event_type": "none", "sub_event_type": "none",
                "confidence": 0.0 if result.error else 0.5, "located": False}
    best = max(counted, key=lambda c: c.confidence)
    # `located` False: read without a place; its confidence was calibrated on placed events
    # only, so `combined` treats such a label as unsure (ml/snippets.py).
    return {"id": doc_id, "event_type": best.event_type, "sub_event_type": best.sub_event_type,
            "confidence": best.confidence, "located": located}


def _placeless_candidates(doc: AnalyzedDoc, result: ArticleResult) -> list[EventCandidate]:
    """The rule extractor's candidates when a trigger needs no place (the same analysis and
    toponyms as the placed reading)."""
    from polemos.extract.events import DocExtractor

    return DocExtractor(doc, result.toponyms, placeless=True).run()
