"""Counts in news prose: digits, number words, and ACLED's conventions for vague quantities."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "no one": 0, "nobody": 0, "one": 1, "a": 1, "an": 1, "single": 1,
    "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
    "dozen": 12, "couple": 2, "a couple of": 2, "both": 2,
}
# ACLED's conservative readings of vague quantities (DESIGN.md).
VAGUE = {"dozens": 12, "several": 3, "scores": 24, "a few": 3, "few": 3, "hundreds": 100,
         "thousands": 1000, "tens": 10, "many": 10, "some": 3, "numerous": 10}
MAX_CREDIBLE = 1_000_000  # no single event report; "1e9 killed" is noise, not a count

_WORD = "|".join(sorted((re.escape(k) for k in [*UNITS, *VAGUE]), key=len, reverse=True))
NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:e\d+)?|"
    rf"(?:{_WORD})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
    r"(?:\s+(?P<scale>hundred|thousand|million))?\b",
    re.IGNORECASE,
)


def parse_number(text: str) -> int | None:
    """'six' -> 6, 'twenty-two' -> 22, '2,000' -> 2000, 'dozens' -> 12; None if not a count."""
    match = NUMBER.fullmatch(text.strip())
    if not match:
        return None
    raw = match.group("num").lower()
    value: float | None
    if raw[0].isdigit():
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            return None
    elif raw in VAGUE:
        value = VAGUE[raw]
    else:
        parts = re.split(r"[\s-]", raw)
        if raw in UNITS:
            value = UNITS[raw]
        elif all(part in UNITS for part in parts):
            value = sum(UNITS[part] for part in parts)
        else:
            return None
    scale = (match.group("scale") or "").lower()
    value *= {"": 1, "hundred": 100, "thousand": 1000, "million": 1_000_000}[scale]
    if value != int(value) or value > MAX_CREDIBLE or value < 0:
        return None
    return int(value)
