"""Snippet classification: the event type a short text states, for `polemos classify`.

Runs the full per-article pipeline on the snippet and reports its most confident counted event;
"none" when the snippet states no event (forecasts, denials and background count as none).
"""

from __future__ import annotations

from datetime import date

from polemos.models import Article


def classify_text(doc_id: str, text: str, published: str | None = None) -> dict:
    from polemos.pipeline import process_article

    day = date.fromisoformat(published) if published else date.today()
    result = process_article(Article(doc_id=doc_id, text=text, published=day))
    counted = [c for c in result.candidates if c.is_event]
    if not counted:
        return {"id": doc_id, "event_type": "none", "sub_event_type": "none",
                "confidence": 0.0 if result.error else 0.5}
    best = max(counted, key=lambda c: c.confidence)
    return {"id": doc_id, "event_type": best.event_type, "sub_event_type": best.sub_event_type,
            "confidence": best.confidence}
