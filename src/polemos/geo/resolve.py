"""Rank gazetteer candidates for each detected toponym, using the whole document as context.

Each (mention, candidate) pair gets the features of `polemos.geo.features`; a conditional logit
(`ranker_model.Ranker`, which may add a small hidden layer; weights in `ranker_weights`, fitted
on train parts only) turns them into a probability distribution over the mention's candidates: the
candidates compete, so a feature matters only through how it tells them apart. The toponym's
score is a Platt scaling of that distribution's shape (best probability, margin); below
`NIL_SCORE` nothing credible is left and the toponym stays unresolved. Context features read
first guesses of the other mentions, so resolution runs twice: prior guesses, then the ranker's
own choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from polemos.geo.build_sources import KIND_PRIMARY
from polemos.geo.detect import Candidate
from polemos.geo.features import (
    FEATURES,
    DocContext,
    Entry,
    PickContext,
    prior,
    static_features,
)
from polemos.geo.geometry import haversine_matrix_km
from polemos.geo.hints import Hint
from polemos.geo.ranker_model import Ranker
from polemos.geo.ranker_weights import CALIBRATION, HIDDEN, WEIGHTS
from polemos.geo.text_places import NOWHERE, placed_by_text, stated_score
from polemos.models import Place, Toponym

NIL_SCORE = 0.05
# A first-level region's bare name means its town when the town holds this share of the
# region's people ('Kharkiv': the city, 54 % of the oblast; 'Quebec': the province, its city
# 6 %); chosen on the train parts (0.06-0.2 score the same there).
TOWN_SHARE = 0.1
# A first-level region the article gives no context loses its bare name to a town this many
# times as populous elsewhere (`_minor_region`): a lone 'Portland' is Oregon's city (653k), not
# Jamaica's parish (22k); a lone 'Gaza' the city (410k), not Mozambique's province (385k in the
# gazetteer). 1 and 10 score the same on the train parts (1 moves 1 mention more, wrong either
# way).
MINOR_REGION_RATIO = 1
PASSES = 2


@dataclass(frozen=True, slots=True)
class Resolution:
    """A toponym and every candidate the ranker weighed (for evaluation and debugging)."""

    toponym: Toponym
    candidates: tuple[Place, ...]


_DEFAULT = Ranker.from_tables(FEATURES, WEIGHTS, HIDDEN)
_SUPPORTS = [FEATURES.index("support"), FEATURES.index("support_close")]  # SUPPORT_RADII
_CONTAINS = FEATURES.index("contains")
_OWN_COUNTRY = [FEATURES.index("country_mentioned"), FEATURES.index("country_focus")]
_CALIBRATION = np.array(CALIBRATION)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def first_guesses(candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                  marked: Sequence[np.ndarray] | None = None) -> list:
    """Each mention's most plausible entry by `prior` alone, the context passes' starting picks;
    among the entries `marked` (per mention, a flag per entry: `contains`) if it marks any. The
    prior's picks are the populous namesakes ('Huntsville', Alabama; 'Walker County', Alabama),
    near each other, so that `nearness` kept the pair in the first pass although `contains`
    fired for Huntsville and Walker County, Texas."""
    guesses = []
    for i, (cand, options) in enumerate(zip(candidates, entries, strict=True)):
        if marked is not None and len(marked[i]) and marked[i].any():
            options = [entry for entry, flag in zip(options, marked[i], strict=True) if flag]
        guesses.append(
            max(options, key=lambda e, c=cand: prior(e[0], e[1], c))[0] if options else None)
    return guesses


@dataclass(slots=True)
class DocumentFeatures:
    """A document's feature rows, stacked: the pick-independent columns computed once, the
    columns that read the other mentions' picks (`PickContext`) refilled on each pass."""

    static: np.ndarray  # every distinct mention signature's rows, one block after another
    blocks: list[slice | None]  # per mention: its block's rows (None: no candidates)
    picks: PickContext
    keys: list[int]  # per mention: its name's id

    @classmethod
    def build(cls, candidates: Sequence[Candidate], entries: Sequence[list[Entry]]
              ) -> DocumentFeatures:
        context = DocContext.build(list(entries), list(candidates))
        names: dict[str, int] = {}
        keys = [names.setdefault(cand.key, len(names)) for cand in candidates]
        # A name repeated in an article ('Kharkiv' five times) has the same rows each time unless
        # its own flags, entries or qualifiers differ: compute them once.
        computed: dict[tuple, slice] = {}
        parts: list[np.ndarray] = []
        rows: list[tuple[int, Entry]] = []
        blocks: list[slice | None] = []
        for i, (cand, options) in enumerate(zip(candidates, entries, strict=True)):
            if not options:
                blocks.append(None)
                continue
            signature = _feature_signature(i, cand, options, context)
            if signature not in computed:
                computed[signature] = slice(len(rows), len(rows) + len(options))
                parts.append(static_features(i, cand, options, context))
                rows += [(keys[i], entry) for entry in options]
            blocks.append(computed[signature])
        static = np.vstack(parts) if parts else np.zeros((0, len(FEATURES)))
        # name ids in first-mention order, as `DocContext.names`
        row_names = np.array([key for key, _ in rows], dtype=int)
        row_places = [place for _, (place, _) in rows]
        static[:, _SUPPORTS] = context.support(row_names, row_places)
        static[:, _CONTAINS] = context.contains(row_names, [entry for _, entry in rows])
        return cls(static, blocks, PickContext.build([(key, place) for key, (place, _) in rows]),
                   keys)

    def contained(self) -> list[np.ndarray]:
        """Per mention, which of its entries `contains` marks (for `first_guesses`)."""
        return [self.static[block, _CONTAINS] > 0 if block is not None else np.zeros(0, bool)
                for block in self.blocks]

    def matrices(self, picks: Sequence[Place | None]) -> list[np.ndarray]:
        """Each mention's feature matrix, given every mention's current pick."""
        matrix = self.static.copy()
        self.picks.fill(matrix, [(key, pick) for key, pick in zip(self.keys, picks, strict=True)
                                 if pick is not None])
        return [matrix[block] if block is not None else np.zeros((0, 0))
                for block in self.blocks]


def _feature_signature(
    index: int, candidate: Candidate, options: list[Entry], context: DocContext
) -> tuple:
    """Everything `static_features` reads that is not the same for every mention of a key."""
    return (
        candidate.key, candidate.region_hint, candidate.title_before, candidate.name_after,
        tuple((id(place), kind) for place, kind in options),
        frozenset(context.qualifiers.get(index, ())),
        tuple(id(place) for place, _ in context.qualified.get(index, [])),
    )


def softmax(scores: np.ndarray) -> np.ndarray:
    e = np.exp(scores - scores.max())
    return e / e.sum()


# Features of the chosen candidate that say whether it fits the article at all: a candidate can
# win the softmax by default when the right place is missing from the gazetteer ('Pale' of a
# Myanmar township -> Pale, Bosnia), and then nothing else in the document is near it.
_FIT = [FEATURES.index(name) for name in ("country_focus", "support", "nearness",
                                          "country_mentioned", "admin1_mentioned",
                                          "admin1_elsewhere")]


RIGHT_KM = 161.0  # what a right answer is for the score: within 161 km (Acc@161)


def near_mass(places: Sequence[Place], p: np.ndarray, best: int) -> float:
    """The probability of the candidates within `RIGHT_KM` of the chosen one, itself included:
    a town and its own first-level region ('Kyiv' the city and the region) split the mass, yet
    either answer is right."""
    points = np.array([(place.lat, place.lon) for place in places])
    distances = haversine_matrix_km(points[best : best + 1], points)[0]
    return float(p[distances <= RIGHT_KM].sum())


def confidence_features(p: np.ndarray, chosen: np.ndarray, near: float) -> np.ndarray:
    """Mention-level evidence that the chosen candidate (feature row `chosen`) is right: the
    best probability (log-odds), its margin over the runner-up (log ratio), how many candidates
    competed, how much the candidates within `RIGHT_KM` of it add to its log-odds
    (`near_mass`), and how well the chosen one fits the article."""
    ordered = np.sort(p)[::-1]
    best = float(np.clip(ordered[0], 1e-9, 1 - 1e-9))
    second = float(max(ordered[1], 1e-9)) if len(ordered) > 1 else 1e-9
    margin = min(float(np.log(best / second)), 12.0)
    near = float(np.clip(near, best, 1 - 1e-9))
    shape = [1.0, np.log(best / (1 - best)), margin / 4, np.log1p(len(p)) / 5,
             np.log(near / (1 - near)) - np.log(best / (1 - best))]
    return np.array(shape + [float(chosen[i]) for i in _FIT])


def scorer(weights: np.ndarray | Ranker | None) -> Ranker:
    """The default model, a given one, or a plain conditional logit of a weight vector."""
    if weights is None:
        return _DEFAULT
    return weights if isinstance(weights, Ranker) else Ranker.linear_only(weights)


def rank(
    candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
    weights: np.ndarray | Ranker | None = None, hint: Hint | None = None,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Probability distribution over each mention's entries, after the context passes, and the
    feature matrices of the last pass (`weights`: a `Ranker`, a linear weight vector, or None
    for the fitted model). `hint`: what the article's URL says of its locality, as pseudo
    mentions that are context only (`with_source`)."""
    model = scorer(weights)
    count = len(candidates)
    candidates, entries = with_source(candidates, entries, hint)
    document = DocumentFeatures.build(candidates, entries)
    picks = first_guesses(candidates, entries, document.contained())
    probabilities: list[np.ndarray] = []
    matrices: list[np.ndarray] = []
    for _ in range(PASSES):
        matrices = document.matrices(picks)
        probabilities = [softmax(model(m)) if m.size else np.zeros(0) for m in matrices]
        picks = [
            options[int(np.argmax(p))][0] if len(options) else None
            for options, p in zip(entries, probabilities, strict=True)
        ]
    return probabilities[:count], matrices[:count]


SOURCE_KEY = "\x00source "  # no folded name starts so: a pseudo mention is no text name's twin


def with_source(candidates: Sequence[Candidate], entries: Sequence[list[Entry]],
                hint: Hint | None) -> tuple[list[Candidate], list[list[Entry]]]:
    """The mentions, then one pseudo mention per place the article's host names and one for
    its ccTLD's country: context like any other name (support, nearness, country focus, named
    country/admin1), never toponyms. A name the text also has shares its key, as its repeated
    mentions do: a name's other mentions are not its context (the host's 'paris' would
    otherwise confirm the text's 'Paris' in whichever country it first guessed)."""
    candidates, entries = list(candidates), list(entries)
    if hint is None:
        return candidates, entries
    keys = {candidate.key for candidate in candidates}
    for name, options in hint.context():
        key = name if name in keys else SOURCE_KEY + name
        candidates.append(Candidate(-10, -10, name, key, False))
        entries.append(list(options))
    return candidates, entries


def choose(candidate: Candidate, options: list[Entry], p: np.ndarray) -> int:
    """Index of the entry the toponym resolves to (the most probable, with the town/region
    convention of `_town_over_own_region`; `resolve` adds those that read the text)."""
    return _town_over_own_region(candidate, options, int(np.argmax(p)))


def resolve(
    candidates: Sequence[Candidate],
    entries: Sequence[list[Entry]],
    weights: np.ndarray | Ranker | None = None,
    hint: Hint | None = None,
    text: str | None = None,
) -> list[Resolution]:
    """One resolution per candidate, in order. `hint`: the article's source locality
    (`polemos.geo.source`), evidence only; `text`: the article; given it, the text's
    conventions apply (qualifiers, datelines, lists, stated areas: `text_places`), and a
    mention the text places where none of its entries lies is reported at the area it states,
    approximate; `_minor_region` always applies."""
    probabilities, matrices = rank(candidates, entries, weights, hint)
    chosen = [_minor_region(cand, options, p, m, choose(cand, options, p)) if len(options)
              else -1
              for cand, options, p, m in zip(candidates, entries, probabilities, matrices,
                                             strict=True)]
    areas: dict[int, Place] = {}
    if text is not None:
        chosen, areas = placed_by_text(text, candidates, entries, probabilities, matrices,
                                       chosen)
    return [
        _resolution(cand, options, p, m, best, areas.get(i))
        for i, (cand, options, p, m, best) in enumerate(zip(
            candidates, entries, probabilities, matrices, chosen, strict=True))
    ]


def _resolution(
    candidate: Candidate, options: list[Entry], p: np.ndarray, matrix: np.ndarray, best: int,
    area: Place | None = None,
) -> Resolution:
    """The mention's toponym; `area`: where the text states a mention lies that none of its
    entries can be (`NOWHERE`), reported there, approximate."""
    places = tuple(place for place, _ in options)
    if best == NOWHERE and area is not None:
        return Resolution(Toponym(candidate.start, candidate.end, candidate.text, area,
                                  stated_score(area), approximate=True), places)
    if not len(options) or best == NOWHERE:
        return Resolution(Toponym(candidate.start, candidate.end, candidate.text, None, 0.0),
                          places)
    near = near_mass(places, p, best)
    score = float(_sigmoid(confidence_features(p, matrix[best], near) @ _CALIBRATION))
    place = places[best] if score >= NIL_SCORE else None
    return Resolution(Toponym(candidate.start, candidate.end, candidate.text, place, score), places)


def _means_town(region: Entry, town: Place) -> bool:
    """Does a region's bare name mean this town inside it? A first-level region's when the town
    holds a fair share of its people ('Kharkiv', not 'Quebec'); a district's when the name is
    the district's own ('Moura'), not a county's name without its 'County' ('Madison')."""
    place, kind = region
    if place.feature_code == "ADM1":
        return town.population >= TOWN_SHARE * place.population
    return kind == KIND_PRIMARY


def _minor_region(candidate: Candidate, options: list[Entry], p: np.ndarray, matrix: np.ndarray,
                  best: int) -> int:
    """A first-level region's bare name where no other name of the article is in its country
    means a town of that name `MINOR_REGION_RATIO` times as populous, if one exists: the ranker
    gives every first-level region the same bonus, which US states and Russian oblasts earn
    and Jamaican parishes or Slovenian municipalities do not."""
    region = options[best][0]
    if region.feature_code != "ADM1" or candidate.region_hint or matrix[best, _OWN_COUNTRY].any():
        return best
    towns = [index for index, (place, kind) in enumerate(options)
             if place.feature_class == "P" and kind == KIND_PRIMARY
             and place.population >= MINOR_REGION_RATIO * max(region.population, 1)]
    return max(towns, key=lambda index: p[index]) if towns else best


def _town_over_own_region(candidate: Candidate, options: list[Entry], best: int) -> int:
    """A bare name shared by a region and its own country ('Mexico', 'Panama') means the country;
    shared by a region and a town inside it ('Kharkiv', 'Moscow'; see `_means_town`), or by a
    region and its country's capital ('Washington': 47 of 54 train-part mentions), it means the
    town; writers say 'the Kharkiv region' when they mean the region, and then the region wins,
    as it does before a governor's title ('New York Gov.', 'the Murmansk governor')."""
    chosen = options[best][0]
    if candidate.region_hint or candidate.governor_after:
        if chosen.feature_class != "P":
            return best
        for index, (place, _) in enumerate(options):
            if place.feature_code in ("ADM1", "ADM2") and place.admin1_code == chosen.admin1_code:
                return index
        return best
    if chosen.feature_code not in ("ADM1", "ADM2"):
        return best
    for index, (place, _) in enumerate(options):  # 'Mexico': the country, not México state
        if place.feature_code == "PCLI" and place.country == chosen.country:
            return index
    # the town's name as good as the region's: 'Zaporizhzhia' is an alternate spelling of both
    # the city and the oblast; a county's bare name stays the county's ('Kanawha', not Charleston)
    good = {KIND_PRIMARY, options[best][1] if chosen.feature_code == "ADM1" else KIND_PRIMARY}
    for index, (place, kind) in enumerate(options):
        if place.feature_class == "P" and kind in good and \
                place.admin1_code == chosen.admin1_code and _means_town(options[best], place):
            return index
    for index, (place, _) in enumerate(options):  # 'Washington': the capital, not the state
        if place.feature_code == "PPLC" and place.country == chosen.country:
            return index
    return best
