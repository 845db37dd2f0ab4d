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

from datetime import date

from polemos.models import Article, ArticleResult, EventCandidate


def classify_text(doc_id: str, text: str, published: str | None = None) -> dict:
    from polemos.pipeline import process_article

    day = date.fromisoformat(published) if published else date.today()
    article = Article(doc_id=doc_id, text=text, published=day)
    result = process_article(article)
    counted = [c for c in result.candidates if c.is_event]
    located = bool(counted)
    if not counted and not result.error:
        counted = [c for c in _placeless_candidates(result) if c.is_event]
    if not counted:
        return {"id": doc_id, "event_type": "none", "sub_event_type": "none",
                "confidence": 0.0 if result.error else 0.5, "located": False}
    best = max(counted, key=lambda c: c.confidence)
    # `located` False: read without a place; its confidence was calibrated on placed events
    # only, so `combined` treats such a label as unsure (ml/snippets.py).
    return {"id": doc_id, "event_type": best.event_type, "sub_event_type": best.sub_event_type,
            "confidence": best.confidence, "located": located}


def _placeless_candidates(result: ArticleResult) -> list[EventCandidate]:
    """The rule extractor's candidates when a trigger needs no place (the same toponyms)."""
    from polemos.extract.events import DocExtractor
    from polemos.nlp import analyze

    if result.article.language != "en" or not result.article.text.strip():
        return []
    return DocExtractor(analyze(result.article), result.toponyms, placeless=True).run()
