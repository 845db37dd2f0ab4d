"""When did a triggered event happen, and is it news or background?

Dates come from polemos.nlp.dates (relative to the publication day). The expression nearest the
trigger in its sentence wins; a sentence without one inherits the date of the paragraph's
previous dated event sentence, else gets ACLED's default (publication day - 1, precision 2).
An event dated more than HORIZON_DAYS before publication, or stated as a multi-week aggregate
("weeks-long battle", "since April", "in total"), is background, not an event.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from polemos.nlp.cues import Folded
from polemos.nlp.dates import MONTHS, ResolvedDate, default_date, find_dates

HORIZON_DAYS = 31
_AGGREGATE = re.compile(
    r"\b(?:(?:weeks|months|years|days)-long|since\s+(?:the\s+)?(?:start|beginning|outbreak)"
    r"|since\s+(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|\d{4})|in\s+total|so\s+far\s+this|to\s+date|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?"
    r"(?:weeks|months|years)|(?:last|a|one|two|three|several)\s+years?\s+ago|last\s+year"
    r"|earlier\s+this\s+year|in\s+recent\s+(?:weeks|months)"
    r"|for\s+(?:(?:several|many|two|three|four|five|six)\s+)?(?:weeks|months|years)"
    r"|over\s+the\s+(?:previous|past|last|preceding)\s+(?:(?:few|two|three|four|several)\s+)?days"
    r"|(?:long|lengthy|protracted|drawn-out)\s+(?:battle|fight|siege|war|campaign)"
    # a state, not an event: "has been under heavy bombardment"
    r"|(?:has|have|had)\s+been\s+under\s+(?:\w+\s+)?(?:bombardment|shelling|fire|siege|attack)"
    r"|a\s+year\s+after|anniversary|throughout|weeks\s+of|months\s+of"
    r"|wave\s+of|campaign\s+of|frequently|regularly|repeatedly|routinely|constantly|almost\s+daily"
    r"|indefinite|previously|in\s+the\s+past|has\s+been\s+witnessing|"
    r"\d+(?:st|nd|rd|th)\s+(?:day|week)\s+of|suffers?\s+from"
    # a state of destruction, not an event: "were almost entirely razed to the ground"
    r"|(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+){0,2}(?:razed|reduced\s+to\s+rubble"
    r"|devastated|flattened))\b",
    re.IGNORECASE,
)


def sentence_dates(sentence: str, published: date) -> list[ResolvedDate]:
    return find_dates(sentence, published)


def date_for(dates: list[ResolvedDate], offset: int, inherited: ResolvedDate | None,
             published: date) -> ResolvedDate:
    """The date expression closest to the trigger at `offset`, else the inherited one."""
    if dates:
        return min(dates, key=lambda d: (abs(d.start - offset), d.precision))
    return inherited or default_date(published)


def is_background(day: ResolvedDate, published: date) -> bool:
    """Older than the article's horizon (a month-level date counts from its month's end)."""
    latest = day.day
    if day.precision == 3:
        words = re.findall(r"[a-z]+", day.text.lower())
        has_month = any(word in MONTHS for word in words) or "month" in words
        latest = day.day + timedelta(days=30) if has_month else date(day.day.year, 12, 31)
    return latest < published - timedelta(days=HORIZON_DAYS) or day.day > published + timedelta(1)


_SINCE = re.compile(r"\bsince\s+(?:mid-?)?(?:january|february|march|april|may|june|july|august"
                    r"|september|october|november|december|\d{4}|the\s+start"
                    # "since the clashes broke out", "since the invasion began": a running total
                    r"|the\s+(?:\w+\s+)?(?:invasion|war|conflict|clashes|fighting|offensive"
                    r"|uprising|unrest|crisis|protests))\b", re.IGNORECASE)

_AGGREGATE_FOLDED, _SINCE_FOLDED = Folded(_AGGREGATE), Folded(_SINCE)  # faster, the same


def is_aggregate(near_trigger: str, clause: str = "") -> bool:
    """Aggregate cues near the trigger, or a "since April" span anywhere in its clause."""
    return _AGGREGATE_FOLDED.search(near_trigger) or _SINCE_FOLDED.search(clause)


# The trigger names an event only as a cause, a comparison or a charge, not as news: "the
# trigger was the alleged rape", "a reenactment of the Chibok kidnap", "in protest against the
# abduction", "following the death of", "arrested for looting and setting fire".
_REFERENCE = re.compile(
    r"(?:\b(?:reenactment\s+of|reminiscent\s+of|echoes\s+of|recalling|similar\s+to"
    r"|the\s+trigger\s+(?:was|for)|sparked\s+by|triggered\s+by|in\s+protest\s+(?:against|at|over|of)"
    r"|protest(?:ing|ed)?\s+(?:against|over)|to\s+protest|anger\s+(?:over|at)|outrage\s+(?:over|at)"
    r"|following\s+the|in\s+response\s+to|cause\s+of"
    # what people run from: "trains to take them away from the fighting", "fleeing the clashes"
    r"|away\s+from|escap(?:e|es|ed|ing)(?:\s+from)?|flee(?:s|ing)?|fled(?:\s+from)?"
    r"|condemn(?:s|ed|ing)?|mourn(?:s|ed|ing)?"
    r"|justice\s+for|accountability\s+for|investigat(?:e|es|ed|ing|ion)\s+(?:into\s+)?)"
    r"|\b(?:arrest(?:ed|s)?|detain(?:ed|s)?|charged|convicted|sentenced|jailed|prosecuted"
    r"|sentences?|serving|trial)\b"
    r"[^.;]{0,60}?\b(?:for|over|with))"
    r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w'’-]+\s+(?:and\s+)?){0,4}$",
    re.IGNORECASE,
)

_REFERENCE_FOLDED = Folded(_REFERENCE)


def is_reference(before_trigger: str) -> bool:
    """Is the trigger named as a cause, comparison or charge (words right before it)?"""
    return _REFERENCE_FOLDED.search(before_trigger[-120:])
