"""Which language an article is in: English articles are extracted, others only stored.

Most input is English news, so a cheap function-word test answers first; py3langid (langid.py's
naive Bayes model, shipped inside the package, deterministic) decides the rest. langdetect was
the first choice but is randomised and took ~50 ms on text it cannot place, which let hostile
input slow a batch; py3langid takes well under a millisecond. Text without enough letters to
judge is "und". Short English text (a headline, a one-line wire item) is often put just
ahead of English by the model, mostly as Nigerian Pidgin: when its top guess is unsure and
English is the runner-up, English wins, since English is what the corpus mostly is.
"""

from __future__ import annotations

import re
from functools import cache

import py3langid
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the", "and", "of", "to", "was", "were", "is", "are", "said", "that", "with", "from",
        "has", "have", "for", "by", "on", "it", "its", "at", "which", "this", "after", "who",
        "their", "been",
    ]
)  # fmt: skip
_SAMPLE_CHARS = 3_000
_MIN_LETTER_WORDS = 3
_FAST_SHARE = 0.18
_NO_EVIDENCE = -1e30  # py3langid's score when no feature of the text is in its model
_UNSURE = 0.5  # a top guess below this probability can lose to English in second place


def detect_language(text: str) -> str:
    """ISO 639-1 code ("en", "fr", "ru") or "und" when the text cannot be judged."""
    sample = text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_LETTER_WORDS:
        return "und"
    common = sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words))
    if common / len(words) >= _FAST_SHARE and "the" in words:
        return "en"
    language, score = py3langid.classify(sample)
    if score <= _NO_EVIDENCE:
        return "und"
    if language != "en" and _english_close_second(sample):
        return "en"
    return language


def _english_close_second(sample: str) -> bool:
    (_, top), (second, _) = _probabilities().rank(sample)[:2]
    return second == "en" and top < _UNSURE


@cache
def _probabilities() -> LanguageIdentifier:
    """py3langid's model with normalised probabilities (its default gives raw scores)."""
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
