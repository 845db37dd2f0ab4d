"""Where did a triggered event happen: the toponym of the trigger's clause that names a place.

Scoring prefers a town (feature class P) in the trigger's own clause, right after a locative
preposition near the trigger ("barrage on Slovyansk", "shelling of the city of Kharkiv").
Toponyms used as actors ("Moscow declared", "Ukraine's general staff") are not locations.
geo_precision follows ACLED: 1 the town itself, 2 near / outskirts / part of it, 3 region only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from polemos.models import Place, Toponym
from polemos.nlp.cues import Folded

_NEAR = re.compile(r"(?:\b(?:near|nearby|outskirts|fringes|around|outside|districts?|areas?"
                   r"|villages?"
                   r"|towns|suburbs?|neighbou?rhoods?|part|half|parts|surroundings|vicinity"
                   r"|approaches)\b[^.;]{0,25}"
                   r"|\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
                   r"(?:\w+\s+){0,2}?"
                   r"|\b(?:north|south|east|west)(?:-?(?:east|west))?ern\s+)$", re.IGNORECASE)
_NEAR_AFTER = re.compile(r"^\W{0,3}(?:area|district|outskirts|suburbs?|region|township|province)\b",
                         re.IGNORECASE)
_LOCATIVE = re.compile(r"\b(?:in|on|at|of|near|into|inside|outside|around|across|over|to|from"
                       r"|towards|targeting|hit|struck|shelled|bombed|captured|retook|seized)"
                       r"(?:\s+the\s+(?:\w+\s+){0,3}?(?:city|town|village|region|capital|port|area"
                       r"|district)(?:\s+of)?)?\s*$", re.IGNORECASE)
_METONYM_AFTER = re.compile(r"^(?:['’]s?\s+(?:[a-z]+\s+){0,2}(?:government|president|leader"
                            r"|ministry|officials?|forces|army|military|troops|general|defence"
                            r"|defense|authorities|foreign|prime|administration|side|envoy)"
                            r"|\s+(?:said|says|declared|claimed|announced|accused|denied|has|have"
                            r"|had|is|was|and\s+\w+\s+(?:exchanged|signed|agreed))"
                            # a title: "Donetsk regional governor Pavlo ...", "Kharkiv mayor"
                            r"|\s+(?:(?:regional|provincial|state|district|city|oblast|military)\s+)?"
                            r"(?:governor|mayor|police\s+chief)\b)", re.IGNORECASE)
# A non-restrictive relative clause describes a name, it is not the scene: "the town, whose
# road links the cities of A, B and C, was retaken". It runs to the comma before a lower-case
# word other than a list's "and" / "or".
_RELATIVE = re.compile(r",\s+(?:whose|which)\b.*?(?=,\s+(?!and\b|or\b|the\b)[a-z]|[;.]|$)")


_BASED = re.compile(r"^[- ]based\b", re.IGNORECASE)
_ORIGIN = re.compile(r"\b(?:from|towards|toward)\s+(?:the\s+)?$", re.IGNORECASE)
# Never the scene: where a strike was launched from, a distance reference ("60 miles from X"),
# or where troops are heading ("heading for the city of X").
_ELSEWHERE = re.compile(
    r"(?:\b(?:launched|fired|sent|came|coming|flew|flying|shot|carried\s+out)\s+(?:\w+\s+){0,2}?"
    r"from|\b(?:km|kilometres|kilometers|miles|metres|meters|away)\s+(?:\w+\s+)?from"
    r"|\bheading\s+(?:for|to|towards?)|\ben\s+route\s+to|\bfled\s+(?:to|into)|\bbetween)"
    r"\s+(?:the\s+)?(?:(?:city|town|village|capital|port)\s+of\s+)?$",
    re.IGNORECASE,
)
# A dateline: "SANAA:", "KYIV (Reuters) -", "PORT-AU-PRINCE, Haiti (AP) -" at a paragraph start.
_DATELINE_AFTER = re.compile(r"^(?:,\s*[A-Z][\w .'-]{1,30})?\s*(?:\([^)]{1,30}\))?\s*(?::|[–—-]\s)")

# The same searches, faster (cues.Folded).
_NEAR_FOLDED, _LOCATIVE_FOLDED, _ORIGIN_FOLDED = Folded(_NEAR), Folded(_LOCATIVE), Folded(_ORIGIN)
_ELSEWHERE_FOLDED = Folded(_ELSEWHERE)

@dataclass(frozen=True, slots=True)
class Location:
    place: Place
    name: str
    geo_precision: int
    start: int  # article offset of the supporting toponym (-1 when inherited)
    end: int = -1  # article offset just after it


def choose_location(sentence_text: str, sentence_start: int, toponyms: list[Toponym],
                    trigger: int, clause: tuple[int, int],
                    blocked: list[tuple[int, int]]) -> Location | None:
    """The best-scored location for a trigger at sentence offset `trigger`, or None."""
    best: tuple[float, Toponym] | None = None
    for toponym in toponyms:
        place = toponym.place
        if place is None or place.feature_code.startswith("PCL"):
            continue
        local = toponym.start - sentence_start
        if any(start <= local < end for start, end in blocked):
            continue
        if _METONYM_AFTER.match(sentence_text[local + len(toponym.text):]):
            continue
        if _ELSEWHERE_FOLDED.search(sentence_text, max(0, local - 60), local):
            continue
        if _BASED.match(sentence_text[local + len(toponym.text):]):
            continue  # "the London-based monitor": where a source sits
        if _in_other_relative_clause(sentence_text, local, trigger):
            continue
        if ";" in sentence_text[min(local, trigger):max(local, trigger)]:
            continue  # "...seized control of X; it sits 60 miles from Y": another statement
        score = _score(sentence_text, local, place, trigger, clause) + 0.5 * toponym.score
        if is_dateline(sentence_text, local, toponym):
            score -= 3.0  # where the reporter filed from, named only if nothing else is
        if best is None or score > best[0]:
            best = (score, toponym)
    if best is None:
        return None
    toponym = best[1]
    place = town_of_region(toponym) or toponym.place
    precision = _precision(sentence_text, toponym, sentence_start)
    if place is not toponym.place:
        precision = 1
    name = place.name  # type: ignore[union-attr]
    if precision == 3:
        place = region_capital(place) or place  # type: ignore[arg-type]
    return Location(place, name, precision, toponym.start, toponym.end)  # type: ignore[arg-type]


def _in_other_relative_clause(text: str, local: int, trigger: int) -> bool:
    return any(m.start() <= local < m.end() and not m.start() <= trigger < m.end()
               for m in _RELATIVE.finditer(text))


_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def listed_after(sentence_text: str, sentence_start: int, toponyms: list[Toponym],
                 first: Location) -> list[Location]:
    """Towns listed right after the chosen one ("in Mombasa, Kisumu and Eldoret"): ACLED codes
    one event per place, so each gets its own location, with the first one's precision."""
    if first.start < 0 or first.place.feature_class != "P":
        return []
    listed, end = [], first.end
    for toponym in sorted(toponyms, key=lambda t: t.start):
        if toponym.start < end or toponym.place is None:
            continue
        gap = sentence_text[end - sentence_start:toponym.start - sentence_start]
        if not _LIST_GAP.match(gap) or toponym.place.feature_class != "P":
            break
        listed.append(Location(toponym.place, toponym.place.name, first.geo_precision,
                               toponym.start, toponym.end))
        end = toponym.end
    return listed


_PLACE_USE = re.compile(r"\b(?:in|at|on|near|over|into|outside|around|across)\s+(?:the\s+"
                        r"(?:\w+\s+){0,2}?(?:capital|city|town|region|port)\s+(?:of\s+)?)?$",
                        re.IGNORECASE)

_PLACE_USE_FOLDED = Folded(_PLACE_USE)


def used_as_place(text: str, start: int) -> bool:
    """"in the capital Kyiv": a name that can also stand for a state is a place here."""
    return _PLACE_USE_FOLDED.search(text, max(0, start - 40), start)


def is_dateline(text: str, local: int, toponym: Toponym) -> bool:
    """A toponym opening a line and followed by ":" / "(AP) -": the reporter's dateline."""
    if local > 0 and text[:local].strip():
        return False
    return bool(_DATELINE_AFTER.match(text[local + len(toponym.text):]))


def region_capital(region: Place) -> Place | None:
    """The reference point of a region-level event: ACLED codes it at the region's capital.

    The gazetteer marks no capitals, so the region's most populous town stands in for it (true
    for most regions; a few, like US states, have a larger town than the capital)."""
    if region.feature_class != "A" or region.feature_code != "ADM1" or not region.admin1_code:
        return None
    return _largest_town(region.country, region.admin1_code)


@lru_cache(maxsize=4096)  # a gazetteer row per region, like _largest_towns' table itself
def _largest_town(country: str | None, admin1_code: str) -> Place | None:
    from polemos.geo.gazetteer import get_gazetteer

    geonameid = _largest_towns().get((country, admin1_code))
    return get_gazetteer().place(geonameid) if geonameid is not None else None


@lru_cache(maxsize=1)
def _largest_towns() -> dict[tuple[str, str], int]:
    """(country, admin1 code) -> its most populous town, read in one pass over the gazetteer."""
    from polemos.geo.gazetteer import get_gazetteer

    rows = get_gazetteer()._connection().execute(
        "SELECT country, admin1_code, geonameid, MAX(population) FROM place"
        " WHERE feature_class='P' AND admin1_code IS NOT NULL GROUP BY country, admin1_code")
    return {(country, code): geonameid for country, code, geonameid, _ in rows}


def town_of_region(toponym: Toponym) -> Place | None:
    """"Vinnytsia" read as its oblast: an event report means the town of that name in it.

    Regions and their capitals often share a name; a strike or a battle happens in the town.
    Returns the populated place called exactly like the toponym inside that region, if any.
    """
    region = toponym.place
    if region is None or region.feature_class != "A" or not region.feature_code.startswith("ADM"):
        return None
    from polemos.geo.gazetteer import get_gazetteer
    from polemos.geo.names import fold

    for place in get_gazetteer().lookup(fold(toponym.text)):
        if place.feature_class == "P" and place.country == region.country and (
                place.admin1 == region.admin1):
            return place
    return None


def _score(text: str, local: int, place: Place, trigger: int, clause: tuple[int, int]) -> float:
    score = 0.0
    if clause[0] <= local < clause[1]:
        score += 2.0
    score += 1.0 if place.feature_class == "P" else 0.0
    if _LOCATIVE_FOLDED.search(text, max(0, local - 60), local):
        score += 1.0
    if _ORIGIN_FOLDED.search(text, max(0, local - 30), local):
        score -= 2.0  # "launched from X", "fired from X": where it came from, not where it hit
    distance = local - trigger
    score -= abs(distance) / (60.0 if distance > 0 else 40.0)
    return score


# Named features as small as a town: an event there is coded at the feature itself.
POINT_FEATURES = frozenset({"ISL", "ISLET", "AIRP", "AIRF", "PRT", "DAM", "BDG", "MT", "PASS"})


def _precision(text: str, toponym: Toponym, sentence_start: int) -> int:
    place = toponym.place
    if place is None or (place.feature_class != "P" and place.feature_code not in POINT_FEATURES):
        return 3
    if toponym.approximate:  # a street, a venue or a district reported at its town
        return 2
    local = toponym.start - sentence_start
    before = text[max(0, local - 40):local]
    after = text[local + len(toponym.text):]
    if _NEAR_FOLDED.search(before) or _NEAR_AFTER.match(after):
        return 2
    return 1


def doc_focus(toponyms: list[Toponym]) -> Place | None:
    """The article's most-mentioned town (first mention breaks ties): a fallback location."""
    counts: dict[int, tuple[int, int, Place]] = {}
    for index, toponym in enumerate(toponyms):
        place = toponym.place
        if place is None or place.feature_class != "P":
            continue
        seen = counts.get(place.geonameid)
        counts[place.geonameid] = (seen[0] + 1 if seen else 1, seen[1] if seen else -index, place)
    if not counts:
        return None
    return max(counts.values(), key=lambda item: (item[0], item[1]))[2]


def coherent(toponyms: list[Toponym], min_score: float = 0.5,
             actor_countries: frozenset[str] = frozenset()) -> list[Toponym]:
    """Drop doubtful resolutions that fall outside the article's countries.

    A low-scored place in a country no confident toponym of the article points to ("Home" ->
    a village abroad, a surname -> a hamlet) is far likelier a geoparsing error than the scene.
    The article's countries include those its actors name ("Ukrainian forces" -> UA).
    """
    confident = [t for t in toponyms if t.place is not None and t.score >= 0.8]
    countries = {t.place.country for t in confident if t.place is not None}
    if countries:  # actors widen the article's countries, they never start a filter
        countries |= actor_countries
    floor = min_score if confident else min_score / 2  # a lone snippet has no context to score
    kept = []
    for toponym in toponyms:
        place = toponym.place
        if place is None or toponym.score < floor:
            continue
        if countries and place.country not in countries and toponym.score < 0.8:
            continue
        if not toponym.text[:1].isupper():
            continue
        kept.append(toponym)
    return kept
