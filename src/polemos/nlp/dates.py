"""Resolve the time expressions of news prose against the article's publication date.

Conventions follow the annotated news set: "yesterday" is the day before publication; a weekday
is the most recent such day (the publication day itself when they coincide); with no time word
the event is dated the day before publication with time_precision 2 (within a week).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from polemos.nlp.cues import fold, has_cue

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    name: index
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_EXPLICIT = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY}|{_DAY.replace('day>', 'day2>')}\s+"
    rf"{_MONTH.replace('month>', 'month2>')})"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(?P<last>last\s+|this\s+|penultimate\s+)?(?P<weekday>"
                      + "|".join(WEEKDAYS)
                      + r")s?\b", re.IGNORECASE)
# Each with the literals one of which its every match contains (cues.py): a sentence without
# them is not searched.
_RELATIVE = [
    (re.compile(r"\b(?:the\s+day\s+before\s+yesterday)\b", re.I), 2, 1, ("yesterday",)),
    (re.compile(r"\byesterday\b", re.I), 1, 1, ("yesterday",)),
    (re.compile(r"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b", re.I),
     0, 1, ("today", "this", "tonight")),
    (re.compile(r"\bovernight\b|\blast\s+night\b", re.I), 0, 1, ("night",)),
    (re.compile(r"\b(?:at|over)\s+the\s+weekend\b|\blast\s+weekend\b", re.I), None, 2,
     ("weekend",)),
    (re.compile(r"\bearlier\s+this\s+week\b|\bthis\s+week\b", re.I), 1, 2, ("week",)),
    (re.compile(r"\blast\s+week\b", re.I), 7, 2, ("week",)),
    (re.compile(r"\blast\s+month\b|\bearlier\s+this\s+month\b", re.I), 30, 3, ("month",)),
]
_NAMED_DAY = re.compile(r"[\"“‘']\s*(?:[A-Za-z]+\s+)?$|\b(?:Black|Bloody|Good|Holy|Ash|Palm)\s+$")
_YEAR_ONLY = re.compile(r"\b(?:in|since|of)\s+(?P<year>(?:19|20)\d\d)\b", re.I)
# Every month name and abbreviation starts with one of these; every weekday ends in "day".
_MONTH_CUES = tuple(sorted({name[:3] for name in MONTHS}))
_WEEKDAY_CUE = "day"
_DIGIT = re.compile(r"\d")  # a day of the month needs one
_MONTH_ONLY = re.compile(r"\b(?:in|since|early|late|mid-?)\s+" + _MONTH + r"(?!\s+[0-3]?\d\b)"
                         r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    day: date
    precision: int  # ACLED time_precision: 1 day, 2 week, 3 month
    text: str  # the expression it came from ("" when defaulted)
    start: int = -1  # offset of the expression within the searched text


def most_recent(published: date, weekday: int, strictly_before: bool = False) -> date:
    delta = (published.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return published - timedelta(days=delta)


def _same_week(day: date, published: date) -> bool:
    return day.isocalendar()[:2] == published.isocalendar()[:2]


def find_dates(text: str, published: date) -> list[ResolvedDate]:
    """Every time expression in `text`, resolved; order of appearance."""
    folded = fold(text)
    months = has_cue(folded, _MONTH_CUES)
    found: list[ResolvedDate] = []
    if months and _DIGIT.search(text):
        found += _explicit(text, published)
    if _WEEKDAY_CUE in folded:
        found += _weekdays(text, published)
    for pattern, days_back, precision, cues in _RELATIVE:
        if not has_cue(folded, cues):
            continue
        for match in pattern.finditer(text):
            if days_back is None:
                day = most_recent(published, 5, strictly_before=published.weekday() == 5)
            else:
                day = published - timedelta(days=days_back)
            found.append(ResolvedDate(day, precision, match.group(), match.start()))
    if months:
        found += _months(text, published)
    if "19" in text or "20" in text:  # a year's first digits, as _YEAR_ONLY spells them
        for match in _YEAR_ONLY.finditer(text):
            found.append(ResolvedDate(date(int(match.group("year")), 1, 1), 3, match.group(),
                                      match.start()))
    found.sort(key=lambda item: item.start)
    return _drop_overlaps(found)


def _explicit(text: str, published: date) -> list[ResolvedDate]:
    """"July 1", "3 December 2021": day precision."""
    found = []
    for match in _EXPLICIT.finditer(text):
        month = MONTHS[fold(match.group("month") or match.group("month2")).rstrip(".")]
        day = int(match.group("day") or match.group("day2"))
        year = int(match.group("year")) if match.group("year") else published.year
        try:
            resolved = date(year, month, day)
        except ValueError:
            continue
        if not match.group("year") and resolved > published + timedelta(days=1):
            resolved = resolved.replace(year=year - 1)
        found.append(ResolvedDate(resolved, 1, match.group(), match.start()))
    return found


def _weekdays(text: str, published: date) -> list[ResolvedDate]:
    """"on Monday", "last Friday": the most recent such day."""
    found = []
    for match in _WEEKDAY.finditer(text):
        if _NAMED_DAY.search(text[max(0, match.start() - 30):match.start()]):
            continue  # "a 'bloody Friday'", "Black Friday": a name, not a date
        weekday = WEEKDAYS.index(fold(match.group("weekday")))
        modifier = (match.group("last") or "").strip().lower()
        day = most_recent(published, weekday, strictly_before=modifier in ("last", "penultimate"))
        if modifier == "last" and _same_week(day, published):
            day -= timedelta(days=7)  # news says plain "Monday" for this week's Monday
        if modifier == "penultimate":
            day -= timedelta(days=7)
        found.append(ResolvedDate(day, 1, match.group(), match.start()))
    return found


def _months(text: str, published: date) -> list[ResolvedDate]:
    """"in March", "since March 2023": month precision."""
    found = []
    for match in _MONTH_ONLY.finditer(text):
        month = MONTHS[fold(match.group("month")).rstrip(".")]
        year = published.year if month <= published.month else published.year - 1
        if match.group("year"):  # "in March 2023": the year is stated
            year = int(match.group("year"))
        found.append(ResolvedDate(date(year, month, 1), 3, match.group(), match.start()))
    return found


def _drop_overlaps(found: list[ResolvedDate]) -> list[ResolvedDate]:
    kept: list[ResolvedDate] = []
    end = -1
    for item in found:
        if item.start >= end:
            kept.append(item)
            end = item.start + len(item.text)
    return kept


def default_date(published: date) -> ResolvedDate:
    return ResolvedDate(published - timedelta(days=1), 2, "")
