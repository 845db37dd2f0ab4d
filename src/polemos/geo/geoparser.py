"""Text in, resolved toponyms out: detection (`detect`) then resolution (`resolve`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from polemos.geo.build_sources import (
    KIND_ABBREVIATION,
    KIND_ALTERNATE,
    KIND_CODE,
    KIND_DEMONYM,
    KIND_DOTTED,
    KIND_PRIMARY,
)
from polemos.geo.detect import (
    REGION_WORDS,
    Candidate,
    defined_acronyms,
    detect_candidates,
    lowercase_words,
    span_candidate,
    without_lead,
)
from polemos.geo.features import SUPPORT_TOP, WIDE_CODES, Entry
from polemos.geo.feeds import FeedHint, FeedVotes, Region, article_regions, feed_hints
from polemos.geo.filters import (
    ACRONYM_MAX,
    AREA_CLASSES,
    PART_TOWN_MIN,
    english_words_as_words,
    hyphen_compounds,
    joined_areas,
    part_of_a_longer_name,
    possible_place,
    unplaced_parts,
)
from polemos.geo.gazetteer import Gazetteer, get_gazetteer
from polemos.geo.geometry import haversine_km
from polemos.geo.hints import Hint, combined
from polemos.geo.hosts import hosted
from polemos.geo.names import expand_abbreviations, fold, singular
from polemos.geo.ner_check import Checked, NerCheck
from polemos.geo.person_names import context_people
from polemos.geo.phones import phone_hint
from polemos.geo.resolve import Resolution, resolve
from polemos.geo.source import HostSegmenter, SourceHint, source_hint
from polemos.models import Place, Toponym

__all__ = ["FeedReading", "Geoparser", "Resolution", "geoparse"]

log = logging.getLogger(__name__)

PULL_KM = 161.0  # a vetoed name this close to a kept one may have drawn it (nearness, support)
EMIT_SCORE = 0.3  # detected mentions less credible than this are not reported as toponyms
METRO_WORD = "greater"
CITY_WORD = "city"
# Features that are places of their own, not inside the place they are named after ('Lake
# Ontario', 'Griffith Park', 'Gulf of Mexico', 'Farallon Islands'; rivers, bays and valleys do
# pass their names to towns on them: 'Sacramento River'), and feature words that are no inner
# name either ('Islands' district, 'Creek' County).
_OWN_FEATURE_WORDS = frozenset({"lake", "lakes", "park", "gulf", "sea", "ocean", "island",
                                "islands", "mountain", "mountains", "creek", "national park",
                                "street", "avenue", "boulevard", "drive", "lane"})


class Geoparser:
    """Gazetteer-driven geoparser. Demonyms ('Ukrainian') inform the document's country focus but
    are emitted only with `include_demonyms` (news annotation treats them as non-toponyms).
    `ner` (on by default) lets spaCy's NER veto doubtful names (`polemos.geo.ner_check`)."""

    def __init__(
        self, gazetteer: Gazetteer | None = None, include_demonyms: bool = False,
        ner: bool = True,
    ) -> None:
        self.gazetteer = gazetteer or get_gazetteer()
        self.include_demonyms = include_demonyms
        self.ner_check = NerCheck(neighbours=self.gazetteer.neighbours) if ner else None
        self._segmenter: HostSegmenter | None = None

    def parse(self, text: str, source_url: str | None = None) -> list[Toponym]:
        """The text's toponyms. `source_url`, the article's URL, may hint at the paper's
        locality (`polemos.geo.source`): evidence for resolution, never a toponym."""
        return [resolution.toponym for resolution in self.analyse(text, source_url)]

    def parse_many(self, texts: Sequence[str], source_urls: Sequence[str | None] | None = None
                   ) -> list[list[Toponym]]:
        """`parse` for many texts, sharing one NER pass; texts of one host read each other as
        its feed (`finish_feeds`)."""
        urls = list(source_urls) if source_urls is not None else [None] * len(texts)
        return self.toponyms(self.finish_feeds(self.drafts(texts, urls), urls).resolutions)

    def drafts(self, texts: Sequence[str], source_urls: Sequence[str | None]) -> list[Draft]:
        """`draft` of each text with its URL."""
        return [self.draft(text, url) for text, url in zip(texts, source_urls, strict=True)]

    def finish_feeds(self, drafts: Sequence[Checked], source_urls: Sequence[str | None],
                     known: Mapping[str, FeedVotes] | None = None) -> FeedReading:
        """`finish`, then each draft whose host's other articles (the batch's and the `known`
        votes of those outside it) agree on a home region (`polemos.geo.feeds`) resolved again
        with that region as context."""
        finished = self.finish(drafts)
        regions = [article_regions(found) for found in self.toponyms(finished)]
        hints = feed_hints(self.gazetteer, source_urls, regions, known)
        redrafted: dict[int, Draft] = {}
        for i, (draft, hint) in enumerate(zip(drafts, hints, strict=True)):
            if hint is not None and isinstance(draft, Draft):
                again = self._redraft_or_none(draft, hint)
                if again is not None:
                    redrafted[i] = again
        if redrafted:  # else one NER pass, as `finish`
            for i, again in zip(redrafted, self.finish(list(redrafted.values())), strict=True):
                finished[i] = again
        return FeedReading(finished, regions)

    def _redraft_or_none(self, draft: Draft, hint: FeedHint) -> Draft | None:
        """`redraft`, or None where it fails: the article keeps its first reading, and the
        batch's other articles their feed."""
        try:
            return self.redraft(draft, hint)
        except Exception:
            log.exception("feed re-resolution failed; the article keeps its first reading")
            return None

    def local_regions(self, texts: Sequence[str], source_urls: Sequence[str | None]
                      ) -> list[frozenset[Region]]:
        """Each text's vote on its feed's home: the `article_regions` of its first reading."""
        found = self.toponyms(self.finish(self.drafts(texts, source_urls)))
        return [article_regions(toponyms) for toponyms in found]

    def feed_hints(self, texts: Sequence[str], source_urls: Sequence[str | None],
                   known: Mapping[str, FeedVotes] | None = None) -> list[FeedHint | None]:
        """Each text's feed hint from the batch's own reading of itself and the `known` votes
        of articles outside it (`feeds.feed_hints`)."""
        regions = self.local_regions(texts, source_urls)
        return feed_hints(self.gazetteer, source_urls, regions, known)

    def analyse(self, text: str, source_url: str | None = None) -> list[Resolution]:
        """Resolutions of every toponym `parse` reports, with the candidates weighed."""
        return self.finish([self.draft(text, source_url)])[0]

    def source_hint(self, source_url: str | None) -> SourceHint | None:
        """What the URL's host says of the article's locality (None: nothing)."""
        if not source_url:
            return None
        if self._segmenter is None:
            self._segmenter = HostSegmenter(self.gazetteer)
        return source_hint(source_url, self._segmenter)

    def hint(self, text: str, source_url: str | None = None) -> Hint | None:
        """What the article says of its locality besides its place names: its URL's host
        (`source_hint`) and its telephone numbers' area codes (`phones.phone_hint`)."""
        return combined(self.source_hint(source_url), phone_hint(text, self.gazetteer))

    def draft(self, text: str, source_url: str | None = None) -> Draft:
        """Detection and resolution of one text: the reportable toponyms, before NER's check,
        with the other possible places (demonyms too) as their context."""
        lowercase = lowercase_words(text)
        candidates, entries = self.mentions_in_context(text, lowercase=lowercase)
        return self._drafted(text, candidates, entries, self.hint(text, source_url))

    def redraft(self, draft: Draft, extra: Hint) -> Draft:
        """The draft resolved again with one more hint (its mentions as they were)."""
        return self._drafted(draft.text, draft.candidates, draft.entries,
                             combined(draft.hint, extra))

    def _drafted(self, text: str, candidates: list[Candidate], entries: list[list[Entry]],
                 hint: Hint | None) -> Draft:
        resolutions = resolve(candidates, entries, hint=hint, text=text)
        emitted = [resolution for options, resolution in zip(entries, resolutions, strict=True)
                   if self._emit(options, resolution)]
        return Draft(text, emitted, resolutions, candidates, entries, hint)

    def finish(self, drafts: Sequence[Checked]) -> list[list[Resolution]]:
        """The drafts' toponyms once NER has vetoed doubtful names (one pass for all drafts)."""
        if self.ner_check is None:
            return [draft.resolutions for draft in drafts]
        finished = []
        for draft, names in zip(drafts, self.ner_check.keep_many(drafts), strict=True):
            if isinstance(draft, Draft):
                vetoed = _vetoed(draft.resolutions, names)
                if _pulled(vetoed, names):
                    names = _resolved_again(draft, names, vetoed)
            finished.append(names)
        return finished

    @staticmethod
    def toponyms(finished: Sequence[Sequence[Resolution]]) -> list[list[Toponym]]:
        return [[resolution.toponym for resolution in text] for text in finished]

    def mentions_in_context(
        self, text: str, given: Sequence[Candidate] = (), lowercase: set[str] | None = None
    ) -> tuple[list[Candidate], list[list[Entry]]]:
        """The given mentions, then every detected one that does not overlap them and may be a
        place (`possible_place`), with their gazetteer entries. A detected name that can never
        be reported (after a person's title, a word the text also writes in lower case, a lone
        variant spelling of a hamlet) is no evidence either: as context, 'Patrol' of 'Highway
        Patrol' (a Javanese hamlet) or 'Kyle' after 'Sgt.' (Texas) pulled the article's real
        places towards their namesakes. A given span the gazetteer lacks may be read by a name
        inside it (`_inner_name`). `lowercase`: the text's `lowercase_words` if the caller has
        them."""
        if lowercase is None:
            lowercase = lowercase_words(text)
        candidates = list(given)
        options = [self.entries(c) or (self.entries(c, strict=False) if c.given else [])
                   for c in candidates]
        for detected in detect_candidates(text, self.gazetteer.has_name, lowercase):
            if any(detected.start < g.end and g.start < detected.end for g in given):
                continue
            found, entries = self._read(detected)
            if part_of_a_longer_name(text, detected.end, entries):
                continue
            candidates.append(found)
            options.append(entries)
        uses = [(use, options[index]) for index, use in defined_acronyms(text, candidates)
                if options[index]]
        if uses:  # detected mentions stay in text order
            found = sorted([*zip(candidates[len(given):], options[len(given):], strict=True),
                            *uses], key=lambda pair: pair[0].start)
            candidates = candidates[: len(given)] + [c for c, _ in found]
            options = options[: len(given)] + [e for _, e in found]
        joined = joined_areas(text, candidates, options)
        unplaced = unplaced_parts(text, candidates, options)
        # a given span so written has no entry either: not resolved, and no context
        options = [[] if i < len(given) and c.start in unplaced else e
                   for i, (c, e) in enumerate(zip(candidates, options, strict=True))]
        dropped = hyphen_compounds(text, candidates, options) | unplaced | english_words_as_words(
            text, candidates[len(given):], options[len(given):], self.gazetteer.is_english_word)
        kept = [i for i, (c, e) in enumerate(zip(candidates, options, strict=True))
                if i < len(given) or (c.start not in dropped
                                      and possible_place(c, e, lowercase, joined))]
        candidates, options = [candidates[i] for i in kept], [options[i] for i in kept]
        if given:  # context only: a person's name must not count, with or without NER's check
            people = context_people(text, candidates[len(given):], options[len(given):])
            kept = [i for i, c in enumerate(candidates) if i < len(given) or c.key not in people]
            candidates, options = [candidates[i] for i in kept], [options[i] for i in kept]
        named = {c.key for c, entries in zip(candidates, options, strict=True) if entries}
        for i, candidate in enumerate(candidates[: len(given)]):
            if not options[i] and candidate.start not in unplaced \
                    and not _OWN_FEATURE_WORDS & set(candidate.key.split()):
                inner = self._inner_name(text, candidate, named)
                if inner is not None:
                    candidates[i], options[i] = inner
        return candidates, options

    def resolve_spans(self, text: str, spans: Sequence[tuple[int, int]],
                      source_url: str | None = None, feed: Hint | None = None
                      ) -> list[Resolution]:
        """Resolve mentions given by the caller (e.g. gold spans), with the rest of the text's
        detected toponyms as context. One resolution per span, in the given order. `feed`:
        the article's `feed_hints` entry, if its batch gave one."""
        given = [span_candidate(text, start, end) for start, end in spans]
        candidates, entries = self.mentions_in_context(text, given)
        hint = combined(self.hint(text, source_url), feed)
        resolutions = resolve(candidates, entries, hint=hint, text=text)
        given, context = self._without_vetoed_context(
            Draft(text, resolutions, resolutions, candidates, entries, hint), len(given))
        return hosted(text, given, context)

    def _without_vetoed_context(self, draft: Draft, count: int
                                ) -> tuple[list[Resolution], list[Resolution]]:
        """The first `count` resolutions (the given spans), resolved again without the context
        names NER vetoes, as `finish` does for detected ones: a surname the article repeats
        alone ('Sullivan pulled a box cutter') had sent its 'Gainesville' to Missouri. NER
        reads the given spans too (they are the article's map) but never drops them. Second,
        the context toponyms NER kept."""
        given = draft.resolutions[:count]
        context = [r for options, r in zip(draft.entries[count:], draft.resolutions[count:],
                                           strict=True) if self._emit(options, r)]
        if self.ner_check is None or not context:
            return given, context
        kept = self.ner_check.keep_many([replace(draft, resolutions=given + context)])[0]
        vetoed = _vetoed(context, kept)
        if _pulled(vetoed, given):
            given = _resolved_again(draft, given, vetoed)
        dropped = {id(r) for r in vetoed}
        return given, [r for r in context if id(r) not in dropped]

    def _inner_name(self, text: str, candidate: Candidate, named: set[str]
                    ) -> tuple[Candidate, list[Entry]] | None:
        """A given span the gazetteer does not know, read as the place a name inside it means:
        a facility or body named after where it is ('Dubai World Cup', 'University of
        Alberta', 'Tipperary County Council', 'North London'). The inner name must be credible
        on its own: an area, a town of `PART_TOWN_MIN` people, or a name the article also
        writes by itself (`named`: 'Cavan Institute' in an article on Cavan), not a small
        namesake of a word ('West Wing', 'Summit of the Americas'). The most words win, a
        place before a demonym ('British Embassy Tokyo'), the first of equals ('Florida
        Atlantic University'). The mention keeps its span and takes the inner name's key."""
        span = text[candidate.start : candidate.end]
        best, best_rank = None, None
        for detected in detect_candidates(span, self.gazetteer.has_name):
            found, entries = self._read(detected)
            if not entries or found.key in _OWN_FEATURE_WORDS or not (found.key in named or any(
                    place.feature_class != "P" or place.population >= PART_TOWN_MIN
                    for place, _ in entries)):
                continue
            place = not all(kind == KIND_DEMONYM for _, kind in entries)
            rank = (place, len(found.key.split()), -found.start)
            if best_rank is None or rank > best_rank:
                best, best_rank = (found, entries), rank
        if best is None:
            return None
        return replace(candidate, key=best[0].key), best[1]

    def _read(self, found: Candidate) -> tuple[Candidate, list[Entry]]:
        """A detected mention and its entries; a direction prefix that names no part of the
        place ('North' of a village) is dropped from the mention (`_has_parts`)."""
        entries = self.entries(found)
        if found.lead and not _has_parts(entries):
            found = without_lead(found)
            entries = self.entries(found)
        return self._city_of_town(found, entries)

    def _city_of_town(self, found: Candidate, entries: list[Entry]
                      ) -> tuple[Candidate, list[Entry]]:
        """'X City' written for the town X ('Dublin City Council' of Dublin, Ohio, as of
        'Mansfield City Council') is a mention of X: the gazetteer's 'Dublin City' is only
        Dublin, Ireland (an alternate name) and its council area, which as context sent every
        Dublin of an Ohio story to Ireland. Not where 'X City' is a town's own name ('New York
        City', 'Kansas City', 'Panama City') nor where X is a region or a country that would
        take the town's place ('Quebec City', 'Oklahoma City')."""
        words = found.key.split()
        if len(words) < 2 or words[-1] != CITY_WORD or not entries or any(
                place.feature_class == "P" and kind == KIND_PRIMARY for place, kind in entries):
            return found, entries
        town = replace(found, key=" ".join(words[:-1]))
        readings = self.entries(town)
        if not readings or any(place.feature_code in ("ADM1", "PCLI") for place, _ in readings):
            return found, entries
        return town, readings

    def entries(self, candidate: Candidate, strict: bool = True) -> list[Entry]:
        """Gazetteer entries for a mention (`strict=False`: names of every kind, for a span the
        caller says is a place when its strict reading finds none: 'the ACT', 'NSW National
        Parks', 'EDMONTON, Ky'; the rules below keep acronyms and words in prose from being
        places, and a given span is one; an acronym still reads as no town's variant: 'OAS').

        Abbreviations ('UK') only when written upper-case; a
        short upper-case word ('IST', 'EFE', 'UN', or 'EU' opening 'EU leaders met') *only*
        matches abbreviations unless it is a dateline's place ('KYIV, May 3', 'SANAA:';
        `Candidate.dateline`): GeoNames lists airport and agency codes among alternate names,
        and acronyms in prose name bodies. A hidden abbreviation (Europe's 'EU') only for a given
        span: in running text the EU is no place. Region abbreviations and codes (one key may be
        both: 'Ga.', 'GA') count only with a dot or upper-case right after a town ('Macon, Ga.',
        'Macon, GA')."""
        letters = candidate.name_text.replace(".", "").replace(" ", "")
        upper = letters.isupper()
        acronym = upper and len(letters) <= ACRONYM_MAX and not candidate.dateline
        region_form = candidate.dotted or (upper and candidate.after_comma)
        allowed = {KIND_ABBREVIATION: upper, KIND_DOTTED: region_form, KIND_CODE: region_form}
        for key in _key_variants(candidate.key):
            found = [(p, k) for p, k in self.gazetteer.entries(key)
                     if allowed.get(k, not acronym) or not strict and (
                         not acronym or p.feature_class == "A")
                     or _dotted_city(candidate, p, k)]
            if not candidate.given and upper:  # 'the EU' in prose is no place (see build)
                hidden = self.gazetteer.hidden_ids(key)
                found = [(p, k) for p, k in found
                         if k != KIND_ABBREVIATION or p.geonameid not in hidden]
            if found:
                return _metro_towns(candidate, found)
        return []

    def _emit(self, options: list[Entry], resolution: Resolution) -> bool:
        """Report a detected mention (already a possible place, see `possible_place`) when it is
        not a demonym (unless asked) and its score is credible."""
        if any(kind == KIND_DEMONYM for _, kind in options):
            return self.include_demonyms
        return resolution.toponym.score >= EMIT_SCORE


@dataclass(frozen=True, slots=True)
class Draft(Checked):
    """A text's draft with what resolved it, so that it can be resolved again without the names
    NER vetoes."""

    candidates: list[Candidate] = field(default_factory=list)
    entries: list[list[Entry]] = field(default_factory=list)
    hint: Hint | None = None


@dataclass(frozen=True, slots=True)
class FeedReading:
    """A batch read as feeds: each article's resolutions, and the regions of its first reading
    (`feeds.article_regions`: its vote on its host's home, for the caller to keep)."""

    resolutions: list[list[Resolution]]
    regions: list[frozenset[Region]]


def _vetoed(drafted: list[Resolution], kept: list[Resolution]) -> list[Resolution]:
    """The drafted resolutions NER's check did not keep."""
    spans = {(r.toponym.start, r.toponym.end) for r in kept}
    return [r for r in drafted if (r.toponym.start, r.toponym.end) not in spans]


def _pulled(vetoed: list[Resolution], kept: list[Resolution]) -> bool:
    """Some vetoed name could mean a place near a kept one (within `PULL_KM`: one of its
    candidates, as `support` counts them, whichever it was resolved to) or in its first-level
    region (`admin1_focus`: 'Sullivan' of Missouri drew 'Gainesville' to a Missouri village
    250 km away), so it may have pulled it there; a veto far from every kept place changes no
    pick worth a second resolution (measured: resolving again after every veto cost 15 % of
    the geoparser's CPU for no gain on the train parts)."""
    near = [place for r in vetoed
            for place in r.candidates[:SUPPORT_TOP] if place.feature_code not in WIDE_CODES]
    places = [r.toponym.place for r in kept if r.toponym.place is not None]
    regions = {p.admin1_code for p in places if p.admin1_code}
    return any(v.admin1_code in regions for v in near) or any(
        haversine_km(v.lat, v.lon, p.lat, p.lon) <= PULL_KM for v in near for p in places)


def _resolved_again(draft: Draft, kept: list[Resolution], vetoed: list[Resolution]
                    ) -> list[Resolution]:
    """The kept toponyms resolved once more without the vetoed names as context: a surname
    taken for a town ('Sullivan said', Sullivan, Missouri) must not pull the article's real
    places after it ('Washington' to Washington, Missouri)."""
    dropped = {(r.toponym.start, r.toponym.end) for r in vetoed}
    pairs = [(c, e) for c, e in zip(draft.candidates, draft.entries, strict=True)
             if (c.start, c.end) not in dropped]
    again = resolve([c for c, _ in pairs], [e for _, e in pairs], hint=draft.hint,
                    text=draft.text)
    by_span = {(r.toponym.start, r.toponym.end): r for r in again}
    return [by_span.get((r.toponym.start, r.toponym.end), r) for r in kept]


DOTTED_CITY_MIN = 1_000_000


def _dotted_city(candidate: Candidate, place: Place, kind: int) -> bool:
    """'L.A.': a dotted short form GeoNames lists among a big city's alternate names; an
    acronym of a body is mostly written without dots ('UN', 'EU'), and no town is this big."""
    return ("." in candidate.name_text.rstrip(".") and kind == KIND_ALTERNATE
            and place.feature_class == "P"
            and place.population >= DOTTED_CITY_MIN)


def _metro_towns(candidate: Candidate, options: list[Entry]) -> list[Entry]:
    """'Greater X' is the metropolitan area of the town X ('Greater Manchester' is not the
    Jamaican parish Manchester): its towns, when X names any."""
    if fold(candidate.text[: candidate.lead]).split()[:1] != [METRO_WORD]:
        return options
    towns = [(place, kind) for place, kind in options if place.feature_class == "P"]
    return towns or options


def _has_parts(options: list[Entry]) -> bool:
    """'North X' means part of X (the mention keeps the prefix, the place is X's) when X may be
    an area, a sea or a big town (not a spot: 'West Metro' is no airport). A demonym's prefix
    makes another people ('Central American')."""
    if any(kind == KIND_DEMONYM for _, kind in options):
        return False
    return any(place.feature_class in AREA_CLASSES or (
        place.feature_class == "P" and place.population >= PART_TOWN_MIN) for place, _ in options)


def _key_variants(key: str) -> list[str]:
    """The key, then forms a mention may need: without 'the', without a trailing region word
    ('Luhansk region'), a plural's singular ('Americans', which the detector finds too,
    `Gazetteer.has_name`), abbreviated words written out."""
    variants = [key]
    if key.startswith("the "):
        variants.append(key[4:])
    words = variants[-1].split()
    if len(words) > 1 and words[-1] in REGION_WORDS:
        variants.append(" ".join(words[:-1]))
    stem = singular(key)
    if stem is not None:
        variants.append(stem)
    expanded = expand_abbreviations(key)
    if expanded != key:  # 'St. Kitts and Nevis', which GeoNames lists only written out
        variants.append(expanded)
    return variants


def geoparse(text: str, source_url: str | None = None) -> list[Toponym]:
    return Geoparser().parse(text, source_url)


