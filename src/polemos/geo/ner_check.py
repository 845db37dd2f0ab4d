"""A second opinion from spaCy's NER on doubtful toponyms, only for the sentences that hold them.

The gazetteer finds towns the statistical model mislabels (en_core_web_sm calls Kramatorsk a
PRODUCT and Lyman a PERSON), so NER never decides alone. It vetoes a detected name in two cases:
* the name is part of a longer person's name ('Oleh Synehubov', 'Volodymyr Zelensky');
* a lone word that NER does not call a place (PERSON, ORG, nothing) resolves to a town in a
  country no other place of the article is in ('Wagner' -> Brazil, 'Duque' -> Puerto Rico, 'Kuki'
  -> Japan, 'Rapid' of "Rapid Support Forces" -> Rapid City). A town inside an organisation's
  name that fits the article stays ('the Minneapolis Police Department', "Mariupol's Azovstal
  steel works": annotators count them).
A national capital under its own name and too big to be someone's name (`_named_capital`:
'Sanaa', 'Beirut') is exempt from the second veto: the small model calls a lone 'Sanaa' a
PERSON, and a war report from the capital often names no other place of its country. NER still
vetoes it inside a longer name ('Real Madrid', 'the Madrid Conference').
A name inside a longer PERSON anywhere NER reads, and a lone surname of the article
(`polemos.geo.person_names`), are vetoed too. Only names adjacent to another capitalised word,
lone and off the article's map, or seen after another capitalised word are doubtful, so NER
reads a few sentences per article, not the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from polemos.geo.names import fold
from polemos.geo.person_names import (
    LOCAL_CODES,
    NAME_TOWN_MAX,
    Entity,
    in_longer_name,
    inside_a_person,
    name_sightings,
    names_a_person,
    person_around,
    speakers,
    surnames,
    written_as_places,
)
from polemos.geo.resolve import Resolution
from polemos.models import Toponym

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# a dot after a lone capital is an initial ('Tyrise M. Bell'), no sentence end
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.|[!?\n]")
WINDOW_CHARS = 60
# a pathological article naming thousands of doubtful places must not cost minutes of NER
MAX_DOUBTFUL = 200
# `detect`'s place cues before a name, maybe with 'the' ('the village of X'): a war report's
# 'in Avdiivka', 'took Avdiivka', 'shelled Marinka'
_PLACE_CUE = re.compile(
    r"\b(?:in|near|outside|around|towards?|into|at|from|of|took|taken|captured?|seized?|"
    r"shelled|struck|hit|attacked|entered|liberated|recaptured|retook|stormed)\s+(?:the\s+)?$",
    re.I)


class NerCheck:
    """Vetoes doubtful toponyms with spaCy NER (loaded on first need, shared per process)."""

    def __init__(self, nlp: Any | None = None,
                 neighbours: Callable[[str], frozenset[str]] | None = None) -> None:
        self._nlp = nlp
        self._neighbours = neighbours or (lambda _iso: frozenset())

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from polemos.nlp.model import load_model

            self._nlp = load_model()
        return self._nlp

    def keep_many(self, articles: Sequence[Checked]) -> list[list[Resolution]]:
        """Each article's resolutions without the ones NER shows to be part of a name or off
        the map: the map is the countries of the article's other resolutions, widened by those
        of its context (e.g. its demonyms). Context alone makes no map: 'Russian artillery
        shelled Kherson' names one place, which is on no map but its own. One NER pass reads
        every article's windows: the model costs per call as well as per character."""
        maps = [_article_map(article, self._neighbours) for article in articles]
        doubtful = [
            [r for r in article.resolutions if _doubtful(article.text, r, places)][:MAX_DOUBTFUL]
            for article, places in zip(articles, maps, strict=True)
        ]
        sightings = [name_sightings(article.text, article.resolutions) for article in articles]
        entities = self._entities(articles, [
            [(r.toponym.start, r.toponym.end) for r in names] + extra
            for names, extra in zip(doubtful, sightings, strict=True)
        ])
        kept = []
        for article, places, names, found in zip(articles, maps, doubtful, entities, strict=True):
            vetoed = {id(r) for r in names if _vetoed(article.text, r, places, found)}
            people = (surnames(article.text, found) | speakers(
                article.text, article.resolutions)) - written_as_places(
                article.text, article.resolutions)
            starts = {r.toponym.start for r in article.resolutions}
            vetoed |= {id(r) for r in article.resolutions
                       if names_a_person(article.text, r.toponym, people, starts)
                       or inside_a_person(article.text, r.toponym, found)}
            kept.append([r for r in article.resolutions if id(r) not in vetoed])
        return kept

    def _entities(
        self, articles: Sequence[Checked], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> list[list[Entity]]:
        """NER's entities in the sentences around `spans` (per article)."""
        windows = [
            (index, start, article.text[start:end])
            for index, (article, found) in enumerate(zip(articles, spans, strict=True))
            for start, end in _merged(sorted(
                _window(article.text, s, e) for s, e in found[:MAX_DOUBTFUL]
            ))
        ]
        entities: list[list[Entity]] = [[] for _ in articles]
        found = self._read(list(dict.fromkeys(text for _, _, text in windows)))
        for index, start, text in windows:
            entities[index] += [Entity(start + s, start + e, label) for s, e, label in found[text]]
        return entities

    def _read(self, texts: list[str]) -> dict[str, list[tuple[int, int, str]]]:
        """The entities (character offsets in the text) of each distinct window. A window read
        once however often it recurs (a wire story's sentence in many articles): the model labels
        a text the same way whatever it is batched with."""
        if not texts:
            return {}
        # Without a memory zone every new word the model reads stays in its vocabulary for the
        # life of the process: a worker's memory would grow with the corpus (a 20,000-article
        # soak ran at 720 MB); the zone frees them once the entities are copied out.
        with self.nlp.memory_zone():
            docs = self.nlp.pipe(texts, batch_size=64)
            return {text: [(e.start_char, e.end_char, e.label_) for e in doc.ents]
                    for text, doc in zip(texts, docs, strict=True)}


@dataclass(frozen=True, slots=True)
class Checked:
    """One article for the check: its text, the resolutions to check, and their context."""

    text: str
    resolutions: list[Resolution]
    context: list[Resolution]


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The name's sentence, cut to WINDOW_CHARS either side at a space. The small model's
    encoder sees four tokens either side and its parser a few more, so the cut changes no label
    of the name, while NER's cost is linear in the characters it reads."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - WINDOW_CHARS), start)]
    after = _SENTENCE_END.search(text, end, end + WINDOW_CHARS)
    left = before[-1] if before else max(0, text.rfind(" ", 0, max(0, start - WINDOW_CHARS)))
    right = after.start() + 1 if after else _space_after(text, end + WINDOW_CHARS)
    return left, right


def _space_after(text: str, position: int) -> int:
    found = text.find(" ", position)
    return len(text) if found < 0 else found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping windows read once."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True, slots=True)
class ArticleMap:
    """The article's other places: `named` ones make a map, `widened` ones may only extend it.
    Held as texts (all the named ones, and per country the widened ones, a superset of the
    named), so 'the countries of the article's other names' is two lookups per name instead of
    a pass over the article."""

    named_texts: frozenset[str]
    widened: dict[str, set[str]]  # country -> texts of the places there
    bordering: dict[str, set[str]]  # country -> texts of the places in the countries it borders


def _article_map(article: Checked, neighbours: Callable[[str], frozenset[str]]) -> ArticleMap:
    """A war report names one side's country and strikes in the next ('Russia struck Odesa',
    'Moscow said its forces took Avdiivka', 'the Saudi-led coalition bombed Sanaa'): a country
    that borders one on the map is on it too."""
    named = _places(article.resolutions)
    widened: dict[str, set[str]] = {}
    bordering: dict[str, set[str]] = {}
    for toponym in named + _places(article.context):
        widened.setdefault(toponym.place.country, set()).add(toponym.text)
        if toponym.place.country and _anchors_a_country(toponym):
            for neighbour in neighbours(toponym.place.country):
                bordering.setdefault(neighbour, set()).add(toponym.text)
    return ArticleMap(frozenset(t.text for t in named if _maps(t)), widened, bordering)


def _maps(toponym: Toponym) -> bool:
    """A name that can put others off the map: not a hamlet of no recorded people ('Main' of
    Main Street, a Jordanian village), which is itself more likely a false hit than a place."""
    place = toponym.place
    return place.feature_class != "P" or place.population > 0


def _anchors_a_country(toponym: Toponym) -> bool:
    """A name credible enough to bring the countries next door onto the map: a country or
    region, or a big town by its own name (not 'Real' of Real Madrid, a Portuguese village)."""
    return toponym.place.feature_class == "A" or _by_own_name(toponym)


def _places(resolutions: Sequence[Resolution]) -> list[Toponym]:
    return [r.toponym for r in resolutions if r.toponym.place is not None]


def _other_than(texts: frozenset[str] | set[str], text: str) -> bool:
    """`texts` holds a name other than `text` (the name itself is no evidence of its map)."""
    return len(texts) > 1 or (bool(texts) and text not in texts)


def _off_map(text: str, resolution: Resolution, places: ArticleMap) -> bool:
    """A lone word resolved to a town, district or airport whose country no other name of the
    article resolves to (countries and wider areas are named alone legitimately)."""
    toponym = resolution.toponym
    place = toponym.place
    if place is None or place.feature_code not in LOCAL_CODES or " " in toponym.text.strip():
        return False
    next_door = _by_own_name(toponym) or _PLACE_CUE.search(
        text, max(0, toponym.start - 24), toponym.start) is not None
    maps = (places.widened, places.bordering) if next_door else (places.widened,)
    return _other_than(places.named_texts, toponym.text) and not any(
        _other_than(by_country.get(place.country, set()), toponym.text) for by_country in maps
    )


def _by_own_name(toponym: Toponym) -> bool:
    """A town of at least NAME_TOWN_MAX people written with its own name ('Odesa'), not one of
    the alternate names or codes GeoNames lists for it ('Sam' for Damascus, 'Rex' for
    Reynosa)."""
    place = toponym.place
    return (place is not None and place.population >= NAME_TOWN_MAX
            and fold(toponym.text) == fold(place.name))


def _named_capital(resolution: Resolution) -> bool:
    """A national capital (PPLC) named by its own name, at least NAME_TOWN_MAX people: not a
    small capital that is also a surname ('Douglas', Isle of Man) nor an alternate name or code
    GeoNames lists for a capital ('Riad', 'Soul', 'DKR', 'Bud')."""
    toponym = resolution.toponym
    return _by_own_name(toponym) and toponym.place.feature_code == "PPLC"


def _doubtful(text: str, resolution: Resolution, places: ArticleMap) -> bool:
    return _off_map(text, resolution, places) or in_longer_name(text, resolution)


def _vetoed(text: str, resolution: Resolution, places: ArticleMap, entities: list[Entity]
            ) -> bool:
    toponym = resolution.toponym
    covering = [e for e in entities if e.start <= toponym.start and toponym.end <= e.end]
    label = covering[0].label if covering else None
    longer = bool(covering) and covering[0].end - covering[0].start > toponym.end - toponym.start
    if longer and label == "PERSON" and person_around(text, toponym, covering[0]):
        return True
    if _named_capital(resolution) and not longer:
        return False  # off the map is no evidence against a capital (module docstring)
    return label not in PLACE_LABELS and _off_map(text, resolution, places)
