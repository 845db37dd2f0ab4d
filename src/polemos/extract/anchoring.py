"""Dates carried across sentences by "after": events referred to again inherit their date.

News often dates an event only relative to another one:
- "Putin ordered his army ... yesterday after the Kremlin declared victory in the capture of
  Luhansk": the victory came *before* yesterday. With no more precise word, it is dated the
  day before the main clause's date, within a week (time_precision 2).
- "Hours after Moscow declared victory over Lysychansk, a barrage on Slovyansk killed six": the
  barrage happened the same day as the victory declaration.
An event dated this way is remembered by (trigger family, region); a later mention of the same
kind of event in the same region, with no date word of its own, takes that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from polemos.models import Place
from polemos.nlp.dates import ResolvedDate

# "after" opening a subordinate clause, at most six words before the trigger it dates.
_AFTER = re.compile(r"\b(?P<close>(?:hours|minutes|moments|shortly|soon|just)\s+)?after\s+"
                    r"(?:[\w’'-]+\s+){0,6}$", re.IGNORECASE)
# A date word belongs to the main clause only when no other clause intervenes.
_CLAUSE_GAP = re.compile(r"[;.]|\b(?:but|while|when)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Anchor:
    family: str
    place: Place
    day: ResolvedDate


@dataclass(slots=True)
class Anchors:
    """The article's events dated relative to another clause, looked up by family and region."""

    items: list[Anchor] = field(default_factory=list)

    def after_clause(self, text: str, trigger_start: int, dates: list[ResolvedDate]
                     ) -> tuple[ResolvedDate | None, bool]:
        """The date of an event named in an "after ..." clause, and whether it was "hours after".

        Returns (None, close) when the trigger follows no "after", or no date word dates the
        main clause before it.
        """
        match = _AFTER.search(text[:trigger_start])
        if match is None:
            return None, False
        close = bool(match.group("close"))
        main = [d for d in dates if d.start < match.start() and d.text
                and not _CLAUSE_GAP.search(text[d.start + len(d.text):match.start()])]
        if not main:
            return None, close
        anchor = main[-1]
        if close:
            return ResolvedDate(anchor.day, anchor.precision, anchor.text, -1), close
        return ResolvedDate(anchor.day - timedelta(days=1), 2, f"before {anchor.text}", -1), close

    def add(self, family: str, place: Place, day: ResolvedDate) -> None:
        self.items.append(Anchor(family, place, day))

    def lookup(self, family: str, place: Place) -> ResolvedDate | None:
        """The latest anchored date of an event of this family in the same region."""
        for anchor in reversed(self.items):
            if anchor.family == family and _same_region(anchor.place, place):
                return anchor.day
        return None


def _same_region(one: Place, other: Place) -> bool:
    if one.geonameid == other.geonameid:
        return True
    return bool(one.country == other.country and one.admin1_code
                and one.admin1_code == other.admin1_code)
