"""Telephone numbers as a locality hint: a local story's numbers name its state.

US local news prints numbers to call ("call the sheriff's office at (952) 445-1422"), and a
North American area code is dialled in one state: 952 is Minnesota, 860 Connecticut. A
small-town story that names only its own town ("the Jordan middle school", "Rocky Hill
officials") says no more where it is than its numbers do. Each area code whose state the
gazetteer knows (`Gazetteer.area_code_region`, built from the ZIP data's area codes) adds that
state as a pseudo mention (`polemos.geo.hints`). Only the ten-digit forms news prints are read:
"(952) 445-1422", "952-445-1422", "952.445.1422", with or without a leading 1; toll-free and
non-geographic codes have no state and add nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from polemos.geo.build_sources import KIND_PRIMARY
from polemos.geo.gazetteer import Gazetteer
from polemos.geo.hints import Context
from polemos.geo.names import fold
from polemos.models import Place

_NUMBER = re.compile(
    r"(?<![\w-])(?:\+?1[-. ])?"
    r"(?:\((?P<paren>[2-9]\d\d)\) ?[2-9]\d\d[-.]"
    r"|(?P<bare>[2-9]\d\d)(?P<sep>[-.])[2-9]\d\d(?P=sep))"
    r"\d{4}(?![\w-])"
)


@dataclass(frozen=True, slots=True)
class PhoneHint:
    """The regions of the article's telephone area codes, each once."""

    regions: tuple[Place, ...]

    def context(self) -> Context:
        return [(fold(place.name), ((place, KIND_PRIMARY),)) for place in self.regions]


def area_codes(text: str) -> list[str]:
    """The area codes of the text's ten-digit telephone numbers, in order."""
    return [match["paren"] or match["bare"] for match in _NUMBER.finditer(text)]


def phone_hint(text: str, gazetteer: Gazetteer) -> PhoneHint | None:
    """The regions the text's telephone numbers are dialled in (None: no number names one)."""
    regions: dict[int, Place] = {}
    for code in area_codes(text):
        region = gazetteer.area_code_region(code)
        if region is not None:
            regions.setdefault(region.geonameid, region)
    return PhoneHint(tuple(regions.values())) if regions else None
