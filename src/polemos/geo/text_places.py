"""Where the text itself puts a mention, read after the ranker's choices (`resolve`).

News and gazetteer prose write places with conventions a feature vector does not see: a town's
qualifier ('Paris, Texas'), a dateline ('WASHINGTON (Reuters) -'), a list of one kind ('Butler,
Clark or Warren counties'), a stated area ('Lodi is a town in Seneca County, New York', 'Kanbalu,
in Myanmar's Sagaing region'). Each pass takes the chosen entry of every mention and returns it,
moved where the text says so, or `NOWHERE` where none of the mention's entries lies where the
text puts it; `placed_by_text` runs them in order and names, for each `NOWHERE`, the area the
text states (`_stated_areas`), where `resolve` reports it, approximate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from polemos.geo.build_sources import KIND_PRIMARY
from polemos.geo.detect import Candidate
from polemos.geo.features import FEATURES, Entry, inside, qualifier_pairs
from polemos.geo.geometry import haversine_km
from polemos.models import Place

CAPITAL_TOWN = 100_000  # a dateline's capital (`_dateline_capital`), as the NER check's capitals


def placed_by_text(text: str, candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                   probabilities: Sequence[np.ndarray], matrices: Sequence[np.ndarray],
                   chosen: list[int]) -> tuple[list[int], dict[int, Place]]:
    """Each mention's entry once the text's conventions apply (`NOWHERE`: none of its entries
    lies where the text puts it), and for those the area the text states, by mention."""
    pairs = qualifier_pairs(list(candidates))
    chosen = _qualifying_regions(text, candidates, entries, probabilities, chosen, pairs)
    chosen = _qualified_towns(text, candidates, entries, probabilities, chosen, pairs)
    chosen = _dateline_capitals(candidates, entries, chosen, pairs)
    chosen = _listed_regions(text, candidates, entries, probabilities, chosen)
    chosen = _listed_counties(text, candidates, entries, probabilities, chosen)
    stated = _stated_in(text, candidates)
    # mentions the text places itself, with a qualifier ('Chester, Vermont') or a stated area
    # ('Chester is a town in Plumas County'): one sense per article carries another mention's
    # reading to the bare ones only
    placed = {town for town, _ in pairs} | set(stated)
    chosen = _placed_in(candidates, entries, probabilities, chosen, stated, placed)
    chosen = _outside_qualifier(text, candidates, entries, chosen, pairs, placed)
    chosen = _villages_elsewhere(candidates, entries, matrices, chosen)
    return chosen, _stated_areas(candidates, entries, chosen, pairs, stated)


def _dateline_capitals(candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                       chosen: list[int], pairs: list[tuple[int, int]]) -> list[int]:
    """`_dateline_capital` for every dateline no place name qualifies ('PARIS, Texas' and
    'ATHENS, Ga.' are the towns their qualifiers say; `pairs`: `qualifier_pairs`)."""
    qualified = {town for town, _ in pairs}
    chosen = list(chosen)
    for i, candidate in enumerate(candidates):
        if not candidate.dateline or not entries[i] or candidate.start < 0 or i in qualified:
            continue
        chosen[i] = _dateline_capital(candidate, entries[i], chosen[i])
    return chosen


def _dateline_capital(candidate: Candidate, options: list[Entry], best: int) -> int:
    """An upper-case dateline without a qualifier ('WASHINGTON (Reuters) -', 'BERLIN —') names
    the place the report is filed from; wire style writes a town's state or country after it
    unless the city is known by itself, and a national capital of `CAPITAL_TOWN` people named
    by its own name is (a local paper's 'PORTLAND —' is left to the ranker: no capital is
    called so). 'WASHINGTON Barack Obama pardoned his last turkey' is not Washington, Iowa
    because the turkey came from Iowa."""
    if not candidate.dateline or not candidate.name_text.isupper():
        return best
    if options[best][0].feature_code == "PPLC":
        return best
    for index, (place, kind) in enumerate(options):
        if place.feature_code == "PPLC" and kind == KIND_PRIMARY and \
                place.population >= CAPITAL_TOWN:
            return index
    return best


# 'X, in Area', the appositive 'X, a small town in central Area', 'X, a village in the Area
# region', and the copula 'X is a census-designated place in Plumas County, California', 'X is
# a fifth class municipality in the province of Area' (a gazetteer's or encyclopedia's opening)
_KIND_OF_PLACE = (r"(?:town|village|city|hamlet|community|district|suburb|area|settlement|locality"
                  r"|municipality|borough|township|commune|parish|neighbou?rhood"
                  r"|census-designated\s+place|CDP)")
_IN_GAP = re.compile(
    rf"(?:,\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?P<kind>{_KIND_OF_PLACE})\s+)?"
    rf"|(?:\s+\([^()]{{1,80}}\))?\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?"
    rf"(?P<copula_kind>{_KIND_OF_PLACE})(?:\s+\([^()]{{1,10}}\))?\s+"
    r"(?:(?:located|situated)\s+)?)"
    r"in\s+(?:the\s+)?"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?\s+)?"
    r"(?:(?:province|state|county|department|region|district)\s+of\s+(?:the\s+)?)?")
NOWHERE = -2  # `chosen` for a mention the text places where none of its entries lies
# 'X is a district in Oakland': the kinds of place that are a town's parts, and how near the
# town such a part of it lies
_PART_KINDS = frozenset({"district", "suburb", "neighbourhood", "neighborhood", "area",
                         "borough", "locality"})
PART_KM = 50.0


# 'in Center Township, Dearborn County, Indiana': a township the gazetteer lacks before the
# county that holds it
_TOWNSHIP_FIRST = re.compile(r"(?:[A-Z][\w'-]*\s+){1,3}[Tt]ownship,\s+")


Stated = dict[int, tuple[int, str | None]]  # mention -> (its area's mention, kind of place)


def _stated_in(text: str, candidates: Sequence[Candidate]) -> Stated:
    """For each mention the text writes in an area ('X, in Area', 'X is a town in Area';
    `_IN_GAP`), that area's mention and the kind of place the text calls X ('town',
    'district'), if it says."""
    by_start = {c.start: i for i, c in enumerate(candidates)}
    stated: Stated = {}
    for i, candidate in enumerate(candidates):
        gap = _IN_GAP.match(text, candidate.end)
        if gap is None:
            continue
        township = _TOWNSHIP_FIRST.match(text, gap.end())
        area = by_start.get(township.end()) if township is not None else None
        area = area if area is not None else by_start.get(gap.end())
        if area is not None:
            stated[i] = (area, gap.group("kind") or gap.group("copula_kind"))
    return stated


def _earlier(candidates: Sequence[Candidate], index: int) -> list[int]:
    """The article's mentions of the same name before mention `index`."""
    key, start = candidates[index].key, candidates[index].start
    return [i for i, c in enumerate(candidates) if c.key == key and 0 <= c.start < start]


def _placed_in(candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
               probabilities: Sequence[np.ndarray], chosen: list[int], stated: Stated,
               placed: set[int]) -> list[int]:
    """A town written 'X, in Area' ('the police station in Liancourt, in Haiti's Artibonite
    department', 'Kanbalu, in Myanmar's Sagaing region'), 'X, a town in Area' ('Moura, a
    small town in central Mali') or 'X is a town in Area' ('Lodi is a town in Seneca County,
    New York') lies in that country or first-level region (a county's: its state): the most
    probable of its entries inside it, and where none is (the gazetteer lacks Liancourt, Haiti
    and knows only the French one), not resolved (`NOWHERE`), rather than a place an ocean
    away that the article never meant. Where the article first names the town so, its other
    mentions that meant the entry it had follow; a later 'X, a town in Area' may describe a
    namesake ('named after Marlborough, the market town in Wiltshire')."""
    chosen = list(chosen)
    moved: dict[tuple[str, int], int | None] = {}  # (key, entry it had) -> entry placed, if any
    for town, (area, kind) in stated.items():
        if chosen[town] < 0 or chosen[area] < 0:
            continue
        region, place = entries[area][chosen[area]][0], entries[town][chosen[town]][0]
        within = _within(entries[town], region, kind)
        if within is None or place.feature_class != "P":
            continue
        best = max(within, key=lambda k: probabilities[town][k]) if within else NOWHERE
        if best != chosen[town] and not _earlier(candidates, town):
            moved[(candidates[town].key, place.geonameid)] = \
                entries[town][best][0].geonameid if best >= 0 else None
        chosen[town] = best
    return [best if i in placed else _moved(cand, options, best, moved)
            for i, (cand, options, best) in enumerate(zip(candidates, entries, chosen,
                                                          strict=True))]


# The score of a town reported at the area the text states for it (`_stated_areas`): a county
# or the town it is part of is a town's size (`hosts.HOSTED_SCORE`'s town hosts, 21 of 28 right
# on the train parts), a region or country is not (its area hosts, 1 of 4).
STATED_AREA_SCORE, STATED_WIDE_SCORE = 0.75, 0.25


def stated_score(area: Place) -> float:
    """The score of a mention reported at the area the text states for it."""
    return STATED_AREA_SCORE if area.feature_code == "ADM2" or area.feature_class == "P" \
        else STATED_WIDE_SCORE


def _stated_areas(candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                  chosen: list[int], pairs: list[tuple[int, int]], stated: Stated
                  ) -> dict[int, Place]:
    """For each mention the text places where none of its entries lies (`NOWHERE`), the area it
    names for it: after 'X, in' or 'X is a town in' (`_IN_GAP`), or its qualifier ('Pale
    Township, Sagaing Region'); the article's other mentions of the name that are not resolved
    take the first such area. `Toponym.approximate` marks the report (ACLED's geo_precision 2
    or 3: the town is somewhere in that area)."""
    qualifier = dict(pairs)
    areas: dict[int, Place] = {}
    by_key: dict[str, Place] = {}
    for i in sorted(range(len(candidates)), key=lambda i: candidates[i].start):
        if chosen[i] != NOWHERE:
            continue
        # a qualifier states a region, no part of a town
        area, kind = stated.get(i, (qualifier.get(i), None))
        if area is not None and chosen[area] >= 0 and \
                _places_towns(entries[area][chosen[area]][0], kind):
            areas[i] = entries[area][chosen[area]][0]
            by_key.setdefault(candidates[i].key, areas[i])
        elif candidates[i].key in by_key:
            areas[i] = by_key[candidates[i].key]
    return areas


def _within(options: list[Entry], area: Place, kind: str | None) -> list[int] | None:
    """The town entries that lie in `area`: inside a country or a first-level region, inside a
    county (a town whose county is unknown: in its state; 'Concord is a town in Erie County, New
    York' is no Concord of another New York county), or within `PART_KM` of a town the text
    says they are part of ('a district in Oakland'); None where the area places nothing ('X, in
    Paris': a town is no region, and Donetsk is a city and a region)."""
    if not _places_towns(area, kind):
        return None
    if area.feature_code in _AREA_CODES:
        return [k for k, (option, _) in enumerate(options)
                if option.feature_class == "P" and inside(option, area) and (
                    area.feature_code != "ADM2" or option.admin2_id in (None, area.geonameid))]
    return [k for k, (option, _) in enumerate(options) if option.feature_class == "P"
            and haversine_km(option.lat, option.lon, area.lat, area.lon) <= PART_KM]


_AREA_CODES = ("PCLI", "ADM1", "ADM2")


def _places_towns(area: Place, kind: str | None) -> bool:
    """Does a stated area place a town: a country, a first-level region or a county, or a town
    the text calls the mention a part of (`_PART_KINDS`)?"""
    return area.feature_code in _AREA_CODES or (area.feature_class == "P" and kind in _PART_KINDS)


def _moved(candidate: Candidate, options: list[Entry], best: int,
           moved: dict[tuple[str, int], int | None]) -> int:
    """`best`, or where the article placed the name elsewhere, that entry (`NOWHERE` if
    none of the name's entries lies there)."""
    key = (candidate.key, options[best][0].geonameid) if best >= 0 else None
    if key not in moved:
        return best
    target = moved[key]
    return next((k for k, (place, _) in enumerate(options) if place.geonameid == target),
                NOWHERE)


_CONJUNCTION = re.compile(r"\s+(?:and|or|&)\s+")


def _qualifying(text: str, candidates: Sequence[Candidate], chosen: list[int],
                pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (town, area) pairs whose two names are resolved and whose area qualifies the town:
    not a list's member, after which a conjunction and another name follow ('Washington, New
    York and Boston')."""
    starts = {c.start for c in candidates}
    qualifying = []
    for town, area in pairs:
        conjunction = _CONJUNCTION.match(text, candidates[area].end)
        if chosen[town] >= 0 and chosen[area] >= 0 and not (
                conjunction is not None and conjunction.end() in starts):
            qualifying.append((town, area))
    return qualifying


def _qualifying_regions(text: str, candidates: Sequence[Candidate],
                        entries: Sequence[list[Entry]], probabilities: Sequence[np.ndarray],
                        chosen: list[int], pairs: list[tuple[int, int]]) -> list[int]:
    """The area of 'Town, Area' is the first-level region its town lies in where it has such
    a reading ('Tacoma, Washington' is the state, not the capital; 'Rego Park, New York'),
    rather than a place the town's comma makes no sense after. The likeliest such region
    whose towns include one of the town's readings; a list's next member is no qualifier
    (`_qualifying`)."""
    chosen = list(chosen)
    for town, area in _qualifying(text, candidates, chosen, pairs):
        if entries[area][chosen[area]][0].feature_code in ("ADM1", "PCLI"):
            continue
        towns = [place for place, _ in entries[town] if place.feature_class == "P"]
        regions = [k for k, (place, _) in enumerate(entries[area])
                   if place.feature_code == "ADM1" and any(inside(t, place) for t in towns)]
        if regions:
            chosen[area] = max(regions, key=lambda k: probabilities[area][k])
    return chosen


def _qualified_towns(text: str, candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                     probabilities: Sequence[np.ndarray], chosen: list[int],
                     pairs: list[tuple[int, int]]) -> list[int]:
    """A town written with its area ('Madison, Wisconsin', 'Paris, Texas') is a place of that
    area, whatever the rest of the article is about (a Wikipedia page on Madison, South Dakota
    says it was 'renamed after Madison, Wisconsin'): the most probable of its entries inside
    the area the qualifier resolved to, where it has one. Not in a list: the 'area' of
    'Washington, New York and Boston' is the list's next member. Only a first-level region
    qualifies so firmly, and only a town: a country after a comma often opens the next clause
    ('entanglements in Russia, U.S. officials said' is no Russia, Ohio). `pairs`:
    `qualifier_pairs`."""
    chosen = list(chosen)
    for town, area in _qualifying(text, candidates, chosen, pairs):
        region = entries[area][chosen[area]][0]
        if region.feature_code != "ADM1" or \
                entries[town][chosen[town]][0].feature_code in ("PCLI", "ADM1"):
            continue
        within = [k for k, (place, _) in enumerate(entries[town])
                  if place.feature_code not in ("PCLI", "CONT") and inside(place, region)]
        if within and chosen[town] not in within:
            chosen[town] = max(within, key=lambda k: probabilities[town][k])
    return chosen


def _outside_qualifier(text: str, candidates: Sequence[Candidate],
                       entries: Sequence[list[Entry]], chosen: list[int],
                       pairs: list[tuple[int, int]], placed: set[int]) -> list[int]:
    """A town written with a first-level region none of its entries lies in is not resolved
    (`NOWHERE`): the gazetteer lacks Pale of 'Pale Township, Sagaing Region' and knows only
    Pale, Bosnia, which the article never meant (`_qualified_towns` moved every town that has an
    entry there). Where the article first names the town so (after at most one bare mention, as
    `DocContext._share_qualifiers` reads qualifiers), its other mentions of the name that meant
    the same entry are not resolved either; a later qualifier may name a namesake ('Norwood ...
    was named after Norwood, England'). Not in a longer list, whose members a comma joins as
    well ('offices in Miami, West Palm Beach, New York, and Detroit'), unless the rest of it is
    the region's country."""
    listed = {i: chain for chain, _ in _chains(text, candidates, entries) for i in chain}
    chosen = list(chosen)
    rejected: set[tuple[str, int]] = set()
    for town, area in _qualifying(text, candidates, chosen, pairs):
        region, place = entries[area][chosen[area]][0], entries[town][chosen[town]][0]
        if any(entries[i][chosen[i]][0].feature_code != "PCLI" for i in listed.get(town, ())
               if i not in (town, area) and chosen[i] >= 0):
            continue
        if region.feature_code == "ADM1" and place.feature_class == "P" and \
                not inside(place, region):
            chosen[town] = NOWHERE
            earlier = _earlier(candidates, town)
            if len(earlier) <= 1 and not placed.intersection(earlier):
                rejected.add((candidates[town].key, place.geonameid))
    return [NOWHERE if best >= 0 and i not in placed
            and (cand.key, options[best][0].geonameid) in rejected else best
            for i, (cand, options, best) in enumerate(zip(candidates, entries, chosen,
                                                          strict=True))]


# A town this small, in a region the article does not name while it names another region of
# the town's country more often than the town, with no other place of the article near it, is
# not resolved: a namesake, the article's own village missing from the gazetteer ('Nyaung Kone'
# of Sagaing -> Nyaung Gon, Yangon). On the train parts 16 such readings, 15 of them wrong; at
# 100k it took Kupiansk too. A town the article names more often than that region is its
# subject: Laconia, New Hampshire six times, beside Alaska twice.
VILLAGE_ELSEWHERE_MAX = 20_000
_ELSEWHERE = [FEATURES.index(name) for name in ("admin1_elsewhere", "support", "support_close")]


def _villages_elsewhere(candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                        matrices: Sequence[np.ndarray], chosen: list[int]) -> list[int]:
    """`NOWHERE` for a chosen village (`VILLAGE_ELSEWHERE_MAX`) that fits the article only by
    its country: the article names a first-level region of that country but not the village's
    (`admin1_elsewhere`), at least as often as the village, and no other name of the article
    has a reading near it (`support`, `support_close`)."""
    picks = [options[best][0] if best >= 0 else None for options, best in zip(entries, chosen,
                                                                                strict=True)]
    names = Counter(c.key for c, pick in zip(candidates, picks, strict=True) if pick is not None)
    regions = Counter((p.country, p.admin1_code) for p in picks
                      if p is not None and p.feature_code == "ADM1")
    elsewhere, support, close = _ELSEWHERE
    chosen = list(chosen)
    for i, place in enumerate(picks):
        if place is None or place.feature_class != "P" or \
                place.population >= VILLAGE_ELSEWHERE_MAX:
            continue
        row = matrices[i][chosen[i]]
        named = max((n for (country, code), n in regions.items()
                     if country == place.country and code != place.admin1_code), default=0)
        if row[elsewhere] > 0 and row[support] <= 0 and row[close] <= 0 and \
                named >= names[candidates[i].key]:
            chosen[i] = NOWHERE
    return chosen


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?P<conjunction>and|or|&))\s+|\s*,\s*")
LIST_REGION_P = 0.9  # a list's member that is clearly a region (`_listed_regions`)


def _chains(text: str, candidates: Sequence[Candidate], entries: Sequence[list[Entry]]
            ) -> list[tuple[list[int], bool]]:
    """Runs of names with entries separated by commas or a conjunction ('Butler, Clark or
    Warren'), in text order: (members, whether a conjunction joins them)."""
    order = sorted((c.start, i) for i, c in enumerate(candidates) if c.start >= 0 and entries[i])
    chains: list[tuple[list[int], bool]] = []
    for (_, i), (_, j) in zip(order, order[1:], strict=False):
        gap = _LIST_GAP.fullmatch(text[candidates[i].end : candidates[j].start])
        if gap is None:
            continue
        joined = gap.group("conjunction") is not None
        if chains and chains[-1][0][-1] == i:
            chains[-1] = (chains[-1][0] + [j], chains[-1][1] or joined)
        else:
            chains.append(([i, j], joined))
    return chains


_COUNTIES_AFTER = re.compile(r"\s+(?:counties|parishes)\b", re.IGNORECASE)


def _listed_counties(text: str, candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                     probabilities: Sequence[np.ndarray], chosen: list[int]) -> list[int]:
    """Names listed before 'counties' ('Butler, Clark, Madison or Warren counties', 'Barrow and
    Jackson counties') are counties: each member takes its likeliest county (ADM2) reading, not
    the town of its name (Madison, Ohio, 292 km from Madison County). A member the ranker reads
    as a country or first-level region stays ('in Ohio, Butler and Warren counties')."""
    chosen = list(chosen)
    for chain, joined in _chains(text, candidates, entries):
        if not joined or not _COUNTIES_AFTER.match(text, candidates[chain[-1]].end):
            continue
        for i in chain:
            if entries[i][chosen[i]][0].feature_code in ("ADM1", "PCLI"):
                continue
            counties = [k for k, (place, _) in enumerate(entries[i])
                        if place.feature_code == "ADM2"]
            if counties:
                chosen[i] = max(counties, key=lambda k: probabilities[i][k])
    return chosen


def _listed_regions(text: str, candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                    probabilities: Sequence[np.ndarray], chosen: list[int]) -> list[int]:
    """Names listed together are of a kind: in 'California or Washington', 'New South Wales,
    Western Australia and Queensland', 'England and Wales' a name beside a first-level region
    the ranker is sure of (`LIST_REGION_P`) means a first-level region of that country too, not
    a town of Alberta the article is about ('Queensland') or a village ('Wales', England). A
    capital stays ('Maryland, Virginia and Washington' is the capital's area: 4 of 5 train
    lists), and so does a region's own town ('Tamil Nadu and Puducherry'). A list has a
    conjunction, and a town its region qualifies is no member: 'Washington, Pa., and Ohio'."""
    chosen = list(chosen)
    picks = [entries[i][chosen[i]][0] if entries[i] else None for i in range(len(entries))]
    for chain, joined in _chains(text, candidates, entries):
        if not joined:
            continue
        sure = {picks[i].country for i in chain
                if picks[i].feature_code == "ADM1" and probabilities[i][chosen[i]] >= LIST_REGION_P}
        for position, i in enumerate(chain):
            pick = picks[i]
            following = picks[chain[position + 1]] if position + 1 < len(chain) else None
            if pick.feature_code in ("ADM1", "PPLC") or (
                    following is not None and following.feature_code == "ADM1"
                    and following.admin1_code == pick.admin1_code):
                continue
            for index, (place, _) in enumerate(entries[i]):
                if place.feature_code == "ADM1" and place.country in sure and \
                        place.admin1_code != pick.admin1_code:
                    chosen[i] = index
                    break
    return chosen
