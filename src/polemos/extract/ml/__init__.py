"""Optional statistical extractors beside the rules, both off by default.

- embedding.py (+ minilm.py): sub-type classifier on MiniLM sentence embeddings, numpy only;
  used by `polemos classify --method embedding|combined`.
- llm.py: events from an OpenAI-compatible endpoint, checked against the article's text;
  enabled for the pipeline by POLEMOS_LLM_URL and POLEMOS_LLM_MODEL.
"""

from __future__ import annotations

import os

from polemos.models import AnalyzedDoc, EventCandidate, Toponym

LLM_ENV = ("POLEMOS_LLM_URL", "POLEMOS_LLM_MODEL")


def llm_candidates(doc: AnalyzedDoc, toponyms: list[Toponym],
                   found: list[EventCandidate]) -> list[EventCandidate]:
    """The LLM's checked events that `found` does not already hold; [] unless configured."""
    if not all(os.environ.get(name) for name in LLM_ENV):
        return []
    from polemos.extract.ml.llm import second_opinion

    return second_opinion(doc, toponyms, found)
