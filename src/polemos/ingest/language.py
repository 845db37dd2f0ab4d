"""Which language an article is in: English articles are extracted, others only stored.

Most input is English news, so a cheap function-word test answers first; langdetect (seeded,
so reruns agree) decides the rest. Text without enough letters to judge is "und".
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
     "the", "and", "of", "to", "was", "were", "is", "are", "said", "that", "with", "from", "has",
     "have", "for", "by", "on", "it", "its", "at", "which", "this", "after", "who", "their",
     "been",
    ]
)
_SAMPLE_CHARS = 3_000
_MIN_LETTER_WORDS = 3
_FAST_SHARE = 0.18


def detect_language(text: str) -> str:
    """ISO 639-1 code ("en", "fr", "zh-cn" as langdetect names it) or "und"."""
    sample = text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_LETTER_WORDS:
        return "und"
    common = sum(1 for word in words if word in _ENGLISH_FUNCTION_WORDS)
    if common / len(words) >= _FAST_SHARE and "the" in words:
        return "en"
    DetectorFactory.seed = 0
    try:
        return detect(sample)
    except LangDetectException:
        return "und"
