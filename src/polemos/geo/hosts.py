"""Places the gazetteer lacks, located where the text puts them.

A span the caller says is a place (a gold mention, a caller's entity) but that no gazetteer
entry reads is mostly a street, a building, a venue or a neighbourhood: 'Loyola University in
Los Angeles', 'Atlantic Avenue in Garden City', 'Convention Centre, Dublin', "Brooklyn's
Barclays Center". Such a span is reported at the place the text writes it in, flagged
`Toponym.approximate` (ACLED's geo_precision 2: part of the named town), with the score its
rule earns on the train parts; the mention's candidates stay empty, so the conditional
protocol (is the place itself in the gazetteer?) does not count it as reachable.

A span the text gives no host is reported at the article's own town, where it has one: the
town it names most (at least half of its town mentions, the first named on a tie) and places
with a near-certain score. A local story's streets, schools and venues are that town's
('the 400 block of Assiniboine Avenue' in a Winnipeg fire report): ACLED codes them so too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from polemos.geo.filters import PLACE_OPENING
from polemos.geo.names import fold
from polemos.geo.resolve import Resolution
from polemos.models import Place, Toponym

# 'X in Y', 'X, Y', 'X near Y', 'X outside Y': X lies in or by Y
_HOST_AFTER = re.compile(rf"(?:,\s*|\s+(?:in|near|outside)\s+{PLACE_OPENING})")
# "Y's X": X is Y's
_POSSESSIVE = re.compile(r"['’]s\s+$")
POSSESSIVE_REACH = 4  # "'s " and a space or two
# 'X, Y, Z' and 'X, Y and Z' list siblings ('St. Clair Twp., Madison Twp., Trenton or Monroe'),
# not a place and its host
_LISTED_AFTER = re.compile(r"(?:,\s*|\s+(?:and|or)\s+)[A-Z]")
# features too wide to lie at a town's point: the Gulf of Mexico 'near Beaumont', the Neches
# River 'in Anderson and Cherokee counties'
WIDE_FEATURE_WORDS = frozenset({"gulf", "sea", "ocean", "river", "mountains", "range", "islands",
                                "lakes", "valley", "desert", "coast"})
# by the host's feature class: the share within 161 km on the train parts (21 of 28; 1 of 4)
HOSTED_SCORE = {"P": 0.75, "A": 0.25}
# the article's town, when its own score is at least FOCUS_MIN_SCORE: 51 of 54 on the train parts
FOCUS_SCORE = 0.94
FOCUS_MIN_SCORE = 0.95


def hosted(text: str, given: Sequence[Resolution], context: Sequence[Resolution]
           ) -> list[Resolution]:
    """`given`, with each span no gazetteer entry reads placed at its host: the resolved
    toponym (given or from `context`) the text writes right after it ('X in Y', 'X, Y') or
    before it as an owner ("Y's X"). The name's other mentions in the text mean the same
    place ("Brooklyn's Barclays Center" ... "at Barclays Center"). A span left without a host
    is placed at the article's town (`article_town`), if it has one."""
    placed = [r.toponym for r in (*given, *context) if r.toponym.place is not None]
    by_start = {t.start: t for t in placed}
    by_end = {t.end: t for t in placed}
    found = [_hosted_one(text, r, by_start, by_end) for r in given]
    by_name = {fold(r.toponym.text): r.toponym for r in found if r.toponym.approximate}
    found = [_same_host(r, by_name) for r in found]
    town = article_town(placed)
    if town is None:
        return found
    return [_at(r, town.place, FOCUS_SCORE) if _hostable(r) else r for r in found]


def article_town(placed: Sequence[Toponym]) -> Toponym | None:
    """The town the article names most among its placed (not approximate) toponyms: at least
    half of its town mentions, the first named on a tie, and resolved with a score of at least
    FOCUS_MIN_SCORE (a doubtful town would take its streets astray with it)."""
    towns = sorted((t for t in placed if t.place.feature_class == "P" and not t.approximate),
                   key=lambda t: t.start)
    if not towns:
        return None
    top, count = Counter(t.place.geonameid for t in towns).most_common(1)[0]
    if 2 * count < len(towns):
        return None
    best = max((t for t in towns if t.place.geonameid == top), key=lambda t: t.score)
    return best if best.score >= FOCUS_MIN_SCORE else None


def _hosted_one(text: str, resolution: Resolution, by_start: dict[int, Toponym],
                by_end: dict[int, Toponym]) -> Resolution:
    if not _hostable(resolution):
        return resolution
    toponym = resolution.toponym
    host = _host(text, toponym.start, toponym.end, by_start, by_end)
    if host is None:
        return resolution
    score = HOSTED_SCORE.get(host.place.feature_class, HOSTED_SCORE["A"])
    return _at(resolution, host.place, min(score, host.score))


def _same_host(resolution: Resolution, by_name: dict[str, Toponym]) -> Resolution:
    hosted_twin = by_name.get(fold(resolution.toponym.text))
    if not _unlisted(resolution) or hosted_twin is None:
        return resolution
    return _at(resolution, hosted_twin.place, hosted_twin.score)


def _hostable(resolution: Resolution) -> bool:
    """Unlisted, and no feature too wide to lie at a town's point."""
    words = set(resolution.toponym.text.lower().split())
    return _unlisted(resolution) and not WIDE_FEATURE_WORDS & words


def _unlisted(resolution: Resolution) -> bool:
    """No gazetteer entry reads the span: unresolved, with no candidate at all."""
    return resolution.toponym.place is None and not resolution.candidates


def _at(resolution: Resolution, place: Place, score: float) -> Resolution:
    """The unlisted span reported at its host's place; its (empty) candidates stay."""
    return Resolution(replace(resolution.toponym, place=place, score=score, approximate=True),
                      resolution.candidates)


def _host(text: str, start: int, end: int, by_start: dict[int, Toponym],
          by_end: dict[int, Toponym]) -> Toponym | None:
    """The resolved toponym (`by_start`, `by_end`: only those with a place) the text writes
    right after the span or before it as an owner."""
    gap = _HOST_AFTER.match(text, end)
    if gap is not None and gap.end() in by_start:
        host = by_start[gap.end()]
        listed = "," in gap.group() and _LISTED_AFTER.match(text, host.end)
        return None if listed else host
    before = _POSSESSIVE.search(text, max(0, start - POSSESSIVE_REACH), start)
    if before is not None:
        return by_end.get(before.start())
    return None
