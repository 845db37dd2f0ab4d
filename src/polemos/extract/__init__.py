"""extract stage: AnalyzedDoc + resolved toponyms -> EventCandidates (ACLED fields + evidence).

Rule-based: a trigger lexicon (lexicon.py) mapped to ACLED sub-types, clause-scoped modality
(modality.py), dates (timing.py), places (places.py), actors from a dictionary (actors.json,
actors.py, roles.py) and casualty counts (casualties.py), assembled in events.py.
"""

from polemos.extract.events import DocExtractor
from polemos.models import AnalyzedDoc, EventCandidate, Toponym


def extract_events(doc: AnalyzedDoc, toponyms: list[Toponym]) -> list[EventCandidate]:
    """Event candidates stated in one article, each with its supporting sentence."""
    return DocExtractor(doc, toponyms).run()


__all__ = ["extract_events"]
