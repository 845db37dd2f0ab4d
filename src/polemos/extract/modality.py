"""Is an event stated as having happened, claimed by someone, denied, or only foreseen?

The cue that governs a trigger is looked for in the trigger's own clause, before the trigger:
"Putin ordered his army to push deeper" (order -> forecast), "the fighting is expected to move"
(forecast), "insisted Russian forces had not made any gains" (denied), "the defence ministry
said ... had surrendered" (claimed, attributed to the ministry). Cues after the trigger belong to
another clause's verb and are ignored ("Clashes ... left 12 dead, during an attempted invasion").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from polemos.models import Modality
from polemos.nlp.cues import Folded

_CLAUSE_BREAK = re.compile(r",\s+(?:but|while|whereas|although|though|as|and)\s+|;\s+|\s[–—]\s")
_FORECAST = re.compile(
    r"\b(?:will|would|could|might|shall|must|should|can|plans?\s+to|planned\s+to|planning"
    r"|aims?\s+to|aimed\s+to|intends?|intended|(?:is|are|was|were)\s+expected|expected\s+to"
    r"|likely|unlikely|set\s+to|threat(?:en(?:s|ed)?)?|vow(?:s|ed)?|pledg(?:es|ed)|promis(?:es|ed)"
    r"|order(?:s|ed)|told\s+to|calls?\s+for|call(?:ed|ing)\s+(?:for|on)|urg(?:es|ed)|warn(?:s|ed)"
    r"|prepar(?:e|es|ed|ing)\s+(?:to|for)|goal|objective|seeks?\s+to|sought\s+to|attempts?\s+to"
    r"|tried\s+to|tries\s+to|try\s+to|wants?\s+to|wanted\s+to|ready\s+to|whether|if|fears?|feared"
    r"|possible|potential|risk\s+of|to\s+(?:retake|recapture|capture|seize|continue|push|launch)"
    r"|questioned|in\s+(?:the\s+)?way\s+of|ultimate|next\s+advance|targets?\s+of)\b",
    re.IGNORECASE,
)
_MAY = re.compile(r"\bmay\b")  # lower-case only: "May" is a month
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied)|rejected\s+(?:claims|reports|allegations)|dismissed\s+(?:claims|reports)"
    r"|did\s+not|didn['’]t|had\s+not|hadn['’]t|has\s+not|have\s+not|was\s+not|were\s+not|never"
    r"|no\s+(?:sign|evidence)\s+of|false|fake|insisted)\b",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"(?:according\s+to\s+(?P<a>[^,.;]{3,80}?)(?=[,.;]|$))"
    r"|(?P<b>(?:[A-Z][\w’'.-]*|the|its|his|her|their|of|and|local|regional|state|official|military"
    r"|defence|defense|ministry|general|staff|[a-z]+['’]s)(?:\s+(?:[A-Z][\w’'.-]*|the|its|of|and"
    r"|local|regional|state|official|military|defence|defense|ministry|general|staff|officials?"
    r"|authorities|police|spokesman|spokesperson|governor|mayor|council|media|agency|army|forces"
    r"|troops|group|sources|witnesses|residents|activists|monitor|[a-z]+['’]s)){0,8})\s+"
    r"(?:said|says|claimed|claims|reported|reports|announced|stated|told|confirmed|added)\b"
)
_CLAIM = re.compile(r"\b(?:said|says|claimed|claims|reported|reports|announced|according\s+to"
                    r"|stated|told|confirmed|alleged(?:ly)?|accused)\b", re.IGNORECASE)

# The same searches, faster (cues.Folded).
_DENIED_FOLDED, _FORECAST_FOLDED, _CLAIM_FOLDED = Folded(_DENIED), Folded(_FORECAST), Folded(_CLAIM)


@dataclass(frozen=True, slots=True)
class Reading:
    modality: Modality
    attribution: str | None


# The extractor asks about the same sentence once per trigger (clauses, attribution), then moves
# on: a one-entry cache (`lru_cache(maxsize=1)`) keeps the last sentence's answer.
# _SOURCE (case-sensitive) needs "according" or one of its verbs: without one, no attribution.
_SOURCE_CUES = ("according", "said", "says", "claim", "report", "announced", "stated", "told",
                "confirmed", "added")


@lru_cache(maxsize=1)
def _clause_breaks(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple(match.span() for match in _CLAUSE_BREAK.finditer(sentence))


def clause_bounds(sentence: str, offset: int) -> tuple[int, int]:
    """The [start, end) of the clause of `sentence` that contains `offset`."""
    start, end = 0, len(sentence)
    for break_start, break_end in _clause_breaks(sentence):
        if break_end <= offset:
            start = break_end
        elif break_start >= offset:
            end = break_start
            break
    return start, end


def read_modality(sentence: str, trigger_start: int) -> Reading:
    clause_start, _ = clause_bounds(sentence, trigger_start)
    before = sentence[clause_start:trigger_start]
    attribution = find_attribution(sentence)
    if _DENIED_FOLDED.search(before):
        return Reading("denied", attribution)
    if _FORECAST_FOLDED.search(before) or _MAY.search(before):
        return Reading("forecast", attribution)
    if attribution or _claims(sentence):
        return Reading("claimed", attribution)
    return Reading("asserted", None)


@lru_cache(maxsize=1)
def _claims(sentence: str) -> bool:
    return _CLAIM_FOLDED.search(sentence)


@lru_cache(maxsize=1)
def find_attribution(sentence: str) -> str | None:
    """Who the sentence says it comes from: "Russia's defence ministry", "local officials"."""
    return _attribution(sentence)


def _attribution(sentence: str) -> str | None:
    if not any(cue in sentence for cue in _SOURCE_CUES):
        return None
    match = _SOURCE.search(sentence)
    if not match:
        return None
    who = (match.group("a") or match.group("b") or "").strip()
    who = re.sub(r"^(?:the|and|of)\s+", "", who, flags=re.IGNORECASE)
    return who or None
