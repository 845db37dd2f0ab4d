"""Sentence by sentence: triggers -> (modality, time, place, actors, counts) -> candidates.

A sentence can state several events ("Hours after Moscow declared victory over Lysychansk, a
barrage on Slovyansk killed six"): each trigger gets its own clause-scoped place, date and
modality, then triggers of one family at one place collapse to the most specific sub-type.
Candidates of one article that share type, place and day merge into one (first evidence kept,
lowest figure unless the article updates it); different events are never summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations

from polemos.extract import lexicon as lx
from polemos.extract.actors import ANAPHORA, ActorMention, actor_book
from polemos.extract.anchoring import Anchors
from polemos.extract.casualties import Count, find_counts
from polemos.extract.confidence import score
from polemos.extract.modality import Reading, clause_bounds, read_modality
from polemos.extract.places import (
    Location,
    choose_location,
    coherent,
    is_dateline,
    listed_after,
    used_as_place,
)
from polemos.extract.roles import LOSER_VERBS, RoleNamer, agent_and_target, assign
from polemos.extract.timing import (
    date_for,
    is_aggregate,
    is_background,
    is_reference,
    sentence_dates,
)
from polemos.geo.geometry import haversine_km
from polemos.ingest.boilerplate import boilerplate_kind
from polemos.models import AnalyzedDoc, EventCandidate, Evidence, Place, Span, Toponym
from polemos.nlp.cues import Folded
from polemos.nlp.dates import ResolvedDate

ARREST_KM = 30.0  # arrests this close to a protest the same day were made at it
INTERVENED = ("Protest with intervention", "Excessive force against protesters")
TOTAL_MIN = 5  # smaller tolls add up by chance too often to be read as a lede's total
STATEMENT_REACH = 50  # characters between a forecast/denial trigger and its place
AFTER_CUT = re.compile(r"\b(?:after|before|following|when|amid)\b", re.I)
PHOTO_CREDIT = re.compile(r"\s/\s*[A-Z][\w .'-]{1,40}$")
PROTEST_CONTEXT = re.compile(r"\b(?:protesters|demonstrators|rioters|protest(?:s|ing)?)\b", re.I)
SAME_PLACE = re.compile(r"\b(?:also|another|again|there)\b", re.I)
_ORIGIN_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
REPELLED = re.compile(r"\brepel(?:led|s)?\s+(?:\w+\s+){0,3}$", re.I)
REJECTED_CLAIMS = re.compile(r"\b(?:rejected|denied|dismissed|refuted)\s+"
                             r"(?:those|these|the|such|that)\s+(?:claims?|reports?|accounts?)\b",
                             re.I)
RESPONSIBILITY = re.compile(r"\b(?:claimed\s+responsibility|said\s+(?:it|they)\s+(?:had\s+)?"
                            r"(?:carried\s+out|was\s+behind|were\s+behind|staged|launched))\b",
                            re.I)
# "Demonstrations also took place in ...": the same day as the event just dated
ALSO = re.compile(r"\balso\b", re.I)
# "Street fighting continues": the story's ongoing event, at the story's place
CONTINUING = re.compile(r"\b(?:continu(?:es|ed|ing)|rag(?:es|ed|ing)|went\s+on|goes\s+on"
                        r"|is\s+ongoing|persist(?:s|ed))\b", re.I)
SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+same\s+day|later\s+that\s+day)\b", re.I)
_DEFINITE = re.compile(r"(?:^|[.;:]\s*|\b)(?:the|this|that|these|those)\s+$", re.I)
# "the city of more than a million" is the town named before; "the city of Goma" names its own
THE_TOWN = re.compile(r"\b(?:in|on|at|of|near|into)\s+the\s+(?:town|city|village|capital)\b"
                      r"(?!\s+of\s+(?-i:[A-Z]))", re.I)
# Gunmen attacking these fight armed men, not civilians: "seized two police stations".
ARMED_TARGETS = re.compile(r"\b(?:police|army|military|troops|soldiers|officers|checkpoints?"
                           r"|barracks|bases?|garrison|positions?)\b", re.I)
CIVILIAN_VICTIMS = re.compile(r"\b(?:civilians?|passengers|villagers|residents|worshippers|pupils"
                              r"|students|children|women|citizens|shoppers|diners)\b", re.I)
# The same searches, faster (cues.Folded).
PROTEST_FOLDED, REJECTED_FOLDED = Folded(PROTEST_CONTEXT), Folded(REJECTED_CLAIMS)
SAME_DAY_FOLDED, ALSO_FOLDED = Folded(SAME_DAY), Folded(ALSO)
CIVILIANS_FOLDED, ARMED_FOLDED = Folded(CIVILIAN_VICTIMS), Folded(ARMED_TARGETS)
REPELLED_FOLDED, CONTINUING_FOLDED = Folded(REPELLED), Folded(CONTINUING)
SAME_PLACE_FOLDED, _DEFINITE_FOLDED = Folded(SAME_PLACE), Folded(_DEFINITE)
_ORIGIN_BEFORE_FOLDED = Folded(_ORIGIN_BEFORE)
# `polemos classify` only: the stand-in place of a trigger whose snippet names none the
# gazetteer resolves ("the town"). Classifying a sentence needs no place; storing an event does,
# so `polemos run` never uses it. Precision 2 leaves the confidence's place terms neutral.
UNLOCATED = Location(Place(-1, "", None, None, 0.0, 0.0, "P"), "", 2, -1)


@dataclass(slots=True)
class Hit:
    """One trigger that survived modality/time/place checks, with its resolved arguments."""

    trigger: lx.TriggerHit
    event_type: str
    sub: str
    location: Location
    day: ResolvedDate
    reading: Reading
    agent: ActorMention | None
    target: ActorMention | None
    fatalities: Count | None = None
    injured: Count | None = None
    extras: dict = field(default_factory=dict)


class DocExtractor:
    """State carried across one article's sentences: last group named, last dated paragraph."""

    def __init__(self, doc: AnalyzedDoc, toponyms: list[Toponym], placeless: bool = False
                 ) -> None:
        self.doc = doc
        self.placeless = placeless  # classify: keep asserted events with no place (UNLOCATED)
        self.published = doc.article.published or date.today()
        self.book = actor_book()
        self.triggers = lx.ArticleTriggers(doc.text)  # the trigger stems, found once
        # Actor mentions per sentence, found once: they also tell the article's countries.
        self.found = {s.start: self.book.find(s.text) for s in doc.sentences}
        actor_countries = frozenset(m.key for found in self.found.values() for m in found
                                    if m.kind in ("military", "police") and m.strong and m.key)
        self.toponyms = sorted(coherent(toponyms, actor_countries=actor_countries),
                               key=lambda t: t.start)
        self.namer = RoleNamer(self.book, self.book.dyads)
        self.last_group: ActorMention | None = None
        self.last_event: EventCandidate | None = None
        self.sentence_triggers: list[lx.TriggerHit] = []
        self.sentence_dated: ResolvedDate | None = None
        self.inherited: ResolvedDate | None = None
        self.paragraph_start = -1
        self.previous_paragraph_start = -1
        self.demo_context = False  # protesters named so far in the article
        self.anchors = Anchors()
        self.close_day: ResolvedDate | None = None
        self.sentence_rejected = False
        self.captions = _caption_spans(doc.text)
        self.trigger_spans: list[tuple[int, int]] = []  # article offsets, sentences so far
        self.reported: set[str] = set()  # trigger families of the events stated so far
        self.undated: set[int] = set()  # ids of candidates dated by default (no time word)
        self.summaries: set[int] = set()  # ids of candidates that sum up several events
        self.last_dated: ResolvedDate | None = None  # the article's last dated event sentence
        self.previous_made: list[EventCandidate] = []  # the last sentence's candidates

    def run(self) -> list[EventCandidate]:
        candidates: list[EventCandidate] = []
        for sentence in self.doc.sentences:
            if any(s <= sentence.start < e for s, e in self.captions):
                continue
            self._enter_paragraph(sentence)
            candidates.extend(self._sentence(sentence))
        candidates = drop_summaries(candidates, self.summaries)
        return merge(drop_headline_duplicates(candidates, self._headline_end()), self.undated)

    def _headline_end(self) -> int:
        """End of the headline block: the leading lines that are no prose (no closing
        punctuation, short): headline, kicker, byline, caption, credit."""
        end, offset = -1, 0
        for line in self.doc.text.split("\n"):
            text = line.strip()
            if text and (text.endswith((".", "!", "?", '"', "”")) or len(text) > 160):
                break
            if text:
                end = offset + len(line)
            offset += len(line) + 1
        return end if end < len(self.doc.text.rstrip()) else -1

    def _enter_paragraph(self, sentence: Span) -> None:
        start = self.doc.text.rfind("\n", 0, sentence.start)
        if start != self.paragraph_start:
            self.previous_paragraph_start = self.paragraph_start
            self.paragraph_start = start
            self.inherited = None

    def _mentions(self, sentence: Span) -> list[ActorMention]:
        text = sentence.text
        mentions = self.found[sentence.start]
        resolved = []
        for mention in mentions:
            if mention.kind == "group":
                self.last_group = mention
            resolved.append(mention)
        if self.last_group is not None:
            for match in ANAPHORA.finditer(text):
                resolved = [m for m in resolved if not (m.start <= match.start() < m.end)]
                resolved.append(ActorMention(match.start(), match.end(), "group",
                                             self.last_group.key, True))
        return sorted(resolved, key=lambda m: m.start)

    def _sentence(self, sentence: Span) -> list[EventCandidate]:
        text = sentence.text
        triggers = self.triggers.find(sentence)
        mentions = self._mentions(sentence)
        dates = sentence_dates(text, self.published) if triggers else []
        self.demo_context = self.demo_context or PROTEST_FOLDED.search(text)
        strong = [t for t in triggers if t.rule.priority >= 0]
        self.sentence_triggers = triggers
        self.trigger_spans += [(sentence.start + t.start, sentence.start + t.end) for t in triggers]
        self.sentence_dated = None
        self.sentence_rejected = False
        self.close_day = None
        hits = [h for h in (self._hit(sentence, t, mentions, dates) for t in (strong or triggers))
                if h is not None]
        hits = [each for hit in hits for each in self._per_listed_place(sentence, hit)]
        if self.sentence_dated is not None:
            self.inherited = self.last_dated = self.sentence_dated
        if REJECTED_FOLDED.search(text):
            for candidate in self.previous_made:  # "The army rejected those claims."
                if candidate.modality == "claimed":
                    candidate.modality = "denied"
        self.previous_made = []
        if not hits and not self.sentence_rejected:
            # No event of its own (no place): its figures complete the last one ("No
            # casualties were reported in the latest attack", "42 people were injured").
            self._attach_counts(text)
            self._attach_responsibility(text, mentions)
        if not hits:
            return []
        hits = _drop_covered(_collapse(hits))
        _assign_counts(text, [h for h in hits if not _is_statement(h)])
        made = [self._candidate(sentence, hit, mentions) for hit in hits]
        self.previous_made = made
        self.undated.update(id(c) for c, h in zip(made, hits, strict=True) if not h.day.text)
        self.summaries.update(id(c) for c, h in zip(made, hits, strict=True)
                              if _counts_events(text, h.trigger))
        self.reported.update(h.trigger.rule.family for h in hits if not _is_statement(h))
        counted = [c for c in made if c.event_type != lx.STRATEGIC and c.is_event]
        if counted:
            self.last_event = counted[-1]
        return made

    def _crowd_clash(self, text: str, mentions: list[ActorMention]) -> bool:
        """Clashes in a protest story are a riot: protesters named in the sentence, or named
        earlier in the article and no armed side but the police named here."""
        if PROTEST_FOLDED.search(text):
            return True
        armed = [m for m in mentions if m.kind in ("military", "group", "subnational")]
        return self.demo_context and not armed

    def _anaphoric_place(self, text: str, offset: int) -> Location | None:
        """"the town" / "the city": the last town named before this sentence."""
        match = THE_TOWN.search(text)
        if not match:
            return None
        before = [t for t in self.toponyms if t.end <= offset and t.place is not None
                  and t.place.feature_class == "P"]
        if not before:
            return None
        place = before[-1].place
        return Location(place, place.name, 1, -1)  # type: ignore[arg-type]

    def _follow_up_target(self) -> EventCandidate | None:
        """The event a follow-up sentence completes: the last one of this or the previous
        paragraph."""
        last = self.last_event
        if last is None or last.evidence.char_start < self.previous_paragraph_start:
            return None
        return last

    def _attach_counts(self, text: str) -> None:
        last = self._follow_up_target()
        if last is None:
            return
        for kind in ("fatalities", "injured"):
            counts = find_counts(text, kind)
            if counts and getattr(last, kind) is None:
                setattr(last, kind, counts[0].value)
        if (last.event_type == lx.EXPLOSIONS and last.actor2 is None and civilians_in(text)
                and find_counts(text, "fatalities") + find_counts(text, "injured")):
            # "At least six civilians were killed in the bombardment": the strike's victims
            country = last.place.country if last.place else None
            last.actor2, last.inter2 = self.namer.generic("civilians", country, last.event_date)
            last.civilian_targeting = True

    def _attach_responsibility(self, text: str, mentions: list[ActorMention]) -> None:
        """"Al-Shabaab said it carried out the attack": the claimant is the last event's
        perpetrator when the event named none (such claims often come paragraphs later)."""
        last = self.last_event
        match = RESPONSIBILITY.search(text)
        if last is None or match is None or not last.actor1.startswith("Unidentified"):
            return
        groups = [m for m in mentions if m.kind == "group" and m.start < match.start()]
        if not groups:
            return
        country = last.place.country if last.place else None
        last.actor1, last.inter1 = self.namer.name(groups[-1], country, last.event_date)

    def _hit(self, sentence: Span, trigger: lx.TriggerHit, mentions: list[ActorMention],
             dates: list[ResolvedDate]) -> Hit | None:
        text = sentence.text
        if trigger.rule.crowd and not self.demo_context:
            return None
        clause = clause_bounds(text, trigger.start)
        reading = read_modality(text, trigger.start)
        statement = reading.modality in ("forecast", "denied")
        self.sentence_rejected = True  # until the time and modality checks pass
        after = AFTER_CUT.split(text[trigger.end:min(clause[1], trigger.end + 40)], maxsplit=1)[0]
        after = after.split(",", 1)[0]  # "surrendered, ending a weeks-long siege": the siege
        if is_aggregate(text[clause[0]:trigger.end] + after, text[clause[0]:clause[1]]):
            return None
        if is_reference(text[clause[0]:trigger.start]):
            return None
        own_dates = [d for d in dates if clause[0] <= d.start < clause[1]]
        day = date_for(own_dates or dates, trigger.start, self.inherited, self.published)
        if not dates and self.last_dated is not None and (
                SAME_DAY_FOLDED.search(text) or ALSO_FOLDED.search(text, *clause)):
            day = self.last_dated  # "On the same day ...": the day of the last dated event
        anchored, close = self.anchors.after_clause(text, trigger.start, dates)
        day = anchored or day
        if is_background(day, self.published):
            return None
        if not statement:
            self.sentence_rejected = False
            if day.text and self.sentence_dated is None:
                # A dated event sentence dates the paragraph's next ones, even when its own
                # place is not usable ("A rocket was launched from Gaza on Saturday night.")
                self.sentence_dated = day
        location = self._locate(sentence, trigger, clause, mentions, bool(own_dates))
        if location is None and self.placeless and not statement:
            location = UNLOCATED
        if location is None or (statement and not _close_to(location, sentence, trigger, clause)):
            return None  # a forecast or denial is kept only when its place is stated with it
        if location.start < 0 and self._mentioned_again(text, trigger):
            return None
        day = self._anchor(trigger, location, day, anchored, close, bool(own_dates))
        agent, target = agent_and_target(text, trigger.start, trigger.end, mentions)
        agent, target = _aircraft_owner(text, trigger, agent, target, mentions)
        resolved = _resolve_subtype(text, trigger, clause, agent, target, location)
        if resolved is None:
            return None
        event_type, sub = resolved
        if sub == "Arrests":
            target = _arrested_crowd(text, trigger.end) or target
        if sub == lx.TERRITORY and not _territory_place(text, trigger, location, sentence.start):
            return None
        if sub == "Armed clash" and self._crowd_clash(text, mentions):
            event_type, sub = lx.RIOTS, "Violent demonstration"
        if location.geo_precision == 3 and not day.text:
            return None  # a region and no date: a summary, not an event
        loser_verb = bool(LOSER_VERBS.search(text[trigger.start:trigger.end])
                          or REPELLED_FOLDED.search(text, max(0, trigger.start - 30),
                                                    trigger.start))
        # "repelled a Russian assault": an agent found after the verb is its object, the
        # attacker already; only a subject ("Ukrainian forces repelled ...") is the loser side
        loser_verb = loser_verb and (agent is None or agent.start < trigger.start)
        if sub == lx.TERRITORY or loser_verb:
            agent, target = _territory_sides(agent, target, loser_verb)
            if agent is None and sub == lx.TERRITORY and self.last_group is not None and (
                    target is None or target.kind != "group"):
                agent = self.last_group  # "... back in their grip": the group of the story
            event_type, sub = _territory_subtype(text, clause, event_type, sub, agent, location,
                                                 text[trigger.start:trigger.end])
        return Hit(trigger, event_type, sub, location, day, reading, agent, target)

    def _per_listed_place(self, sentence: Span, hit: Hit) -> list[Hit]:
        local = [t for t in self.toponyms if sentence.start <= t.start < sentence.end]
        others = listed_after(sentence.text, sentence.start, local, hit.location)
        return [hit] + [replace(hit, location=place, fatalities=None, injured=None)
                        for place in others]

    def _locate(self, sentence: Span, trigger: lx.TriggerHit, clause: tuple[int, int],
                mentions: list[ActorMention], dated: bool) -> Location | None:
        text = sentence.text
        # A police force is local: "Manipur Police", "Minneapolis Police" name the scene.
        blocked = [(m.start, m.end) for m in mentions if m.kind in ("military", "group")
                   and (m.strong or not used_as_place(text, m.start))]
        blocked += [(t.start, t.end) for t in self.sentence_triggers]  # "Air" strike is no town
        local_topos = [t for t in self.toponyms if sentence.start <= t.start < sentence.end]
        location = choose_location(text, sentence.start, local_topos, trigger.start, clause,
                                   blocked)
        if location is not None and self._foreign_dateline(location, mentions):
            location = None
        location = location or self._anaphoric_place(text, sentence.start)
        if location is None and trigger.rule.priority >= 2:
            location = self._story_place(sentence, clause)
            if location is None and trigger.rule.sub_event_type != lx.TERRITORY and (
                    dated or CONTINUING_FOLDED.search(text, *clause)):
                location = self._sole_town(sentence)
        return location

    def _mentioned_again(self, text: str, trigger: lx.TriggerHit) -> bool:
        """"The arrests followed ...", with no place of its own: an event already reported."""
        return trigger.rule.family in self.reported and bool(
            _DEFINITE_FOLDED.search(text, max(0, trigger.start - 12), trigger.start))

    def _sole_town(self, sentence: Span) -> Location | None:
        """A dated clause that names no place, in an article that so far named one town only
        (datelines left out), happens in that town ("The raid on Monday left the market...")."""
        towns = {t.place.geonameid: t.place for t in self.toponyms
                 if t.end <= sentence.start and t.place is not None
                 and t.place.feature_class == "P" and not self._is_dateline(t)
                 and not any(s <= t.start < e for s, e in self.trigger_spans)}
        if len(towns) != 1:
            return None
        (town,) = towns.values()
        return Location(town, town.name, 1, -1)

    def _is_dateline(self, toponym: Toponym) -> bool:
        line_start = self.doc.text.rfind("\n", 0, toponym.start) + 1
        return is_dateline(self.doc.text[line_start:], toponym.start - line_start, toponym)

    def _foreign_dateline(self, location: Location, mentions: list[ActorMention]) -> bool:
        """"PARIS — Iranian security forces opened fire ...": a dateline abroad is where the
        reporter sits, not where the state forces named in the sentence acted."""
        toponym = next((t for t in self.toponyms if t.start == location.start), None)
        if toponym is None or not self._is_dateline(toponym):
            return False
        states = {m.key for m in mentions if m.kind in ("military", "police") and m.key}
        return bool(states) and location.place.country not in states

    def _story_place(self, sentence: Span, clause: tuple[int, int]) -> Location | None:
        """A clause that names no place but says "also" / "another" / "again" / "there"
        continues at the last town named ("Another rocket ... was also intercepted")."""
        if not SAME_PLACE_FOLDED.search(sentence.text, *clause):
            return None
        towns = [t for t in self.toponyms if t.end <= sentence.start and t.place is not None
                 and t.place.feature_class == "P"
                 and not _ORIGIN_BEFORE_FOLDED.search(self.doc.text, max(0, t.start - 12),
                                                      t.start)]
        if not towns:
            return None
        town = towns[-1].place
        return Location(town, town.name, 1, -1)  # type: ignore[arg-type]

    def _anchor(self, trigger: lx.TriggerHit, location: Location, day: ResolvedDate,
                anchored: ResolvedDate | None, close: bool, own_date: bool) -> ResolvedDate:
        """Relative dating across clauses and sentences (see anchoring.py)."""
        family = trigger.rule.family
        if anchored is not None:
            self.anchors.add(family, location.place, anchored)
        elif not own_date:
            day = self.anchors.lookup(family, location.place) or (
                self.close_day if self.close_day and not close else day)
        if close and self.close_day is None:
            self.close_day = day  # "Hours after <this>, <the next trigger>": same day
        return day

    def _candidate(self, sentence: Span, hit: Hit, mentions: list[ActorMention]
                   ) -> EventCandidate:
        place = hit.location.place
        roles = assign(self.namer, hit.event_type, hit.sub, hit.agent, hit.target, mentions,
                       place.country, hit.day.day)
        civilian = (roles.actor2 or "").startswith("Civilians") or (
            hit.sub == "Excessive force against protesters")
        candidate = EventCandidate(
            event_type=hit.event_type, sub_event_type=hit.sub, event_date=hit.day.day,
            time_precision=hit.day.precision, actor1=roles.actor1 or "Unidentified Armed Group",
            actor2=roles.actor2, location=hit.location.name,
            geo_precision=hit.location.geo_precision,
            evidence=Evidence(self.doc.article.doc_id, sentence.text,
                              *_evidence_span(sentence, hit)),
            disorder_type=lx.DISORDER[hit.event_type], inter1=roles.inter1, inter2=roles.inter2,
            place=place, fatalities=hit.fatalities.value if hit.fatalities else None,
            injured=hit.injured.value if hit.injured else None, civilian_targeting=civilian,
            modality=hit.reading.modality, attribution=hit.reading.attribution,
            source=self.doc.article.source,
            notes=f"trigger: {sentence.text[hit.trigger.start:hit.trigger.end]}",
        )
        candidate.confidence = score(candidate, hit.trigger.rule.priority, bool(hit.day.text))
        return candidate


_AIRCRAFT = re.compile(r"air ?strike|air[- ]raid|warplane|jet|gunship|aerial|barrel bomb"
                       r"|bomber|helicopter", re.I)


def _aircraft_owner(text: str, trigger: lx.TriggerHit, agent: ActorMention | None,
                    target: ActorMention | None, mentions: list[ActorMention]
                    ) -> tuple[ActorMention | None, ActorMention | None]:
    """Warplanes and helicopters belong to states: when the nearest actor to an air strike is
    an armed group and a state's military is named in the sentence, the state struck (drones
    are left alone: armed groups fly them too)."""
    if agent is None or agent.kind not in ("group", "unidentified") or not _AIRCRAFT.search(
            text[trigger.start:trigger.end]):
        return agent, target
    state = next((m for m in mentions if m.kind == "military" and m.key), None)
    if state is None:
        return agent, target
    return state, agent


def _resolve_subtype(text: str, trigger: lx.TriggerHit, clause: tuple[int, int],
                     agent: ActorMention | None, target: ActorMention | None,
                     location: Location) -> tuple[str, str] | None:
    rule = trigger.rule
    if rule.sub_event_type == lx.ATTACK:
        target_kind = target.kind if target else ""
        if target_kind != "protesters" and civilians_in(text):
            target_kind = "civilians"
        if target_kind == "civilians" or (agent and agent.kind == "unidentified"
                                          and target_kind not in ("military", "police", "group")
                                          and not ARMED_FOLDED.search(text)):
            return lx.VAC, "Attack"
        if target_kind == "protesters":
            return lx.PROTESTS, "Excessive force against protesters"
        return lx.BATTLES, "Armed clash"
    if rule.sub_event_type == "Arrests" and agent is not None and agent.kind in (
            "group", "unidentified"):
        return lx.VAC, "Abduction/forced disappearance"  # armed groups abduct, states arrest
    if rule.sub_event_type == lx.TERRITORY:
        window = text[trigger.start:min(len(text), trigger.end + 60)]
        if lx.CAPTURED_FOLDED.search(text) and "captur" in window.lower():
            return None
    return rule.event_type, rule.sub_event_type


# "in two junta airstrikes", "a series of attacks": several events named at once
_SEVERAL = re.compile(r"\b(?:two|three|four|five|six|several|multiple|a\s+series\s+of|\d+)\s+"
                      r"(?:[\w-]+\s+){0,3}$", re.I)
_EVENT_NOUNS = re.compile(r"(?:strikes|airstrikes|attacks|raids|bombings|clashes|ambushes)$", re.I)


def _counts_events(text: str, trigger: lx.TriggerHit) -> bool:
    word = text[trigger.start:trigger.end]
    return bool(_EVENT_NOUNS.search(word) and _SEVERAL.search(text[max(0, trigger.start - 40):
                                                                     trigger.start]))


def drop_summaries(candidates: list[EventCandidate], summaries: set[int]
                   ) -> list[EventCandidate]:
    """A sentence that names several events at once ("killed in two airstrikes") sums up the
    ones the article details next: when a later event of that type follows, the summary is no
    event of its own (ACLED codes each strike)."""
    kept = []
    for index, candidate in enumerate(candidates):
        detail = next((later for later in candidates[index + 1:] if id(candidate) in summaries
                       and later.event_type == candidate.event_type and later.is_event
                       and id(later) not in summaries), None)
        if detail is None:
            kept.append(candidate)
        else:  # its figures and sides complete the detailed report where that names none
            detail.fatalities = detail.fatalities if detail.fatalities is not None else (
                candidate.fatalities)
            detail.injured = detail.injured if detail.injured is not None else candidate.injured
            detail.actor2 = detail.actor2 or candidate.actor2
            detail.inter2 = detail.inter2 if detail.inter2 is not None else candidate.inter2
    return kept


# "arrested 23 people for looting and setting fire": those arrested were rioters
_ARRESTED_FOR = re.compile(
    r"^[^.;]{0,50}?\b(?:for|over)\s+(?:(?P<riot>looting|rioting|arson|setting\s+fire|torching"
    r"|vandali[sz]ing|stone-throwing)|(?P<demo>protesting|demonstrating|taking\s+part\s+in"
    r"\s+(?:the\s+)?protests?))\b", re.I)


def _arrested_crowd(text: str, after: int) -> ActorMention | None:
    match = _ARRESTED_FOR.search(text[after:])
    if match is None:
        return None
    kind = "rioters" if match.group("riot") else "protesters"
    return ActorMention(after + match.start(), after + match.end(), kind, "", False)


def _evidence_span(sentence: Span, hit: Hit) -> tuple[int, int]:
    """The article span that states the event: the trigger's clause, from its start to the last
    of the trigger, its place and its counts. The rest of the sentence may state something else
    ("..., exactly a year after an attack that killed 20", "... of Bogota and other cities")."""
    start, end = clause_bounds(sentence.text, hit.trigger.start)
    parts = [hit.trigger.end] + [_word_end(sentence.text, c.start)
                                 for c in (hit.fatalities, hit.injured)
                                 if c is not None and start <= c.start < end]
    location = hit.location
    if sentence.start <= location.start < sentence.end:
        local = location.start - sentence.start
        start = min(start, local)
        parts.append(location.end - sentence.start)
    return sentence.start + start, sentence.start + min(max(parts), len(sentence.text))


def _word_end(text: str, start: int) -> int:
    match = re.compile(r"[\w,.-]*\w").match(text, start)
    return match.end() if match else start


def _is_statement(hit: Hit) -> bool:
    return hit.reading.modality in ("forecast", "denied")


def _close_to(location: Location, sentence: Span, trigger: lx.TriggerHit,
              clause: tuple[int, int]) -> bool:
    local = location.start - sentence.start
    return clause[0] <= local < clause[1] and abs(local - trigger.start) <= STATEMENT_REACH


def _territory_place(text: str, trigger: lx.TriggerHit, location: Location, offset: int) -> bool:
    """Ground changes hands at a town named right at the verb ("retook Lyman", "Lyman fell")."""
    if location.place.feature_class != "P":
        return False
    if location.start < 0:
        return True
    local = location.start - offset
    return trigger.start - 60 <= local <= trigger.end + 60


def civilians_in(text: str) -> bool:
    return CIVILIANS_FOLDED.search(text)


def _territory_sides(agent: ActorMention | None, target: ActorMention | None, loser_verb: bool
                     ) -> tuple[ActorMention | None, ActorMention | None]:
    """For "retreated from" / "surrendered" / "repelled ... attacks" the named side lost: swap."""
    if loser_verb:
        return target if target and target.kind != "civilians" else None, agent
    return agent, target


def _territory_subtype(text: str, clause: tuple[int, int], event_type: str, sub: str,
                       winner: ActorMention | None, location: Location, trigger_text: str = ""
                       ) -> tuple[str, str]:
    if lx.NON_VIOLENT_FOLDED.search(text):
        return lx.STRATEGIC, "Non-violent transfer of territory"
    if sub != lx.TERRITORY:
        return event_type, sub
    if lx.PARTIAL_FOLDED.search(text, *clause):
        return lx.BATTLES, "Armed clash"
    if lx.CONTROL_STATE.match(trigger_text) and not lx.FIGHTING_FOLDED.search(text):
        return lx.STRATEGIC, "Non-violent transfer of territory"
    # With no place (classify's UNLOCATED) a state's forces are taken to fight on their soil.
    own = winner is not None and winner.kind in ("military", "police", "subnational") and (
        winner.key in ("", location.place.country) or winner.kind == "subnational"
        or location.place.country is None)
    if own:
        return lx.BATTLES, "Government regains territory"
    return lx.BATTLES, "Non-state actor overtakes territory"


def _collapse(hits: list[Hit]) -> list[Hit]:
    """One hit per (family, place): the most specific trigger wins."""
    best: dict[tuple[str, int, bool], Hit] = {}
    for hit in hits:
        family = "demo" if hit.event_type in (lx.PROTESTS, lx.RIOTS) else hit.trigger.rule.family
        key = (family, hit.location.place.geonameid, _is_statement(hit))
        if key not in best or hit.trigger.rule.priority > best[key].trigger.rule.priority:
            if key in best:
                hit.agent = hit.agent or best[key].agent
                hit.target = hit.target or best[key].target
            best[key] = hit
    return sorted(best.values(), key=lambda h: h.trigger.start)


def _drop_covered(hits: list[Hit]) -> list[Hit]:
    """Shots fired in an air or artillery strike are part of it, not a second event."""
    remote = {h.location.place.geonameid for h in hits if h.trigger.rule.family == "remote"
              and h.event_type == lx.EXPLOSIONS}
    return [h for h in hits if not (h.trigger.rule.sub_event_type == lx.ATTACK
                                    and h.location.place.geonameid in remote)]


def _assign_counts(text: str, hits: list[Hit]) -> None:
    """Each count goes to the one event whose clause holds it (nearest trigger before it)."""
    if not hits:
        return
    for kind in ("fatalities", "injured"):
        for count in find_counts(text, kind):
            if is_aggregate(text[max(0, count.start - 80):count.start]):
                continue  # "a year after an attack that killed 20": another, older event
            owners = [h for h in hits if _clause_of(text, h).__contains__(count.start)]
            owners = owners or hits
            before = [h for h in owners if h.trigger.start <= count.start]
            owner = before[-1] if before else owners[0]
            if getattr(owner, kind) is None:
                setattr(owner, kind, count)


def _clause_of(text: str, hit: Hit) -> range:
    start, end = clause_bounds(text, hit.trigger.start)
    return range(start, end)


def merge(candidates: list[EventCandidate], undated: set[int] | None = None
          ) -> list[EventCandidate]:
    """One candidate per (type, place, day) within the article.

    `undated` holds the ids of candidates whose date is the default one (no time word): such a
    mention is the same event as a dated one of its type and place, and takes its date."""
    undated = undated if undated is not None else set()
    merged: list[tuple[tuple, EventCandidate]] = []
    for candidate in candidates:
        key = (candidate.event_type, _place_key(candidate), candidate.geo_precision,
               candidate.is_event)
        kept = _find_same_day(merged, key, candidate, undated)
        if kept is None:
            merged.append((key, candidate))
            continue
        if id(kept) in undated and id(candidate) not in undated:
            kept.event_date, kept.time_precision = candidate.event_date, candidate.time_precision
            undated.discard(id(kept))
        _absorb(kept, candidate)
    kept_all = [candidate for _, candidate in merged]
    _date_from_same_place(kept_all, undated)
    kept_all = _fold_regions_into_towns(kept_all)
    kept_all = _drop_totals(_drop_restated_tolls(_drop_mob_victims(_drop_protest_arrests(
        _drop_subsumed_protests(kept_all)))))
    for candidate in kept_all:  # merged reports may name one side twice
        if candidate.actor2 == candidate.actor1:
            candidate.actor2, candidate.inter2 = None, None
    return kept_all


def _fold_regions_into_towns(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """An event placed only at a region ("opened fire on protesters in the province of X") that
    the article also places at a town of that region, same sub-type and day, is that event told
    less precisely. Its figures count as another report of the same toll: the lowest wins."""
    towns = [c for c in candidates if c.geo_precision < 3 and c.place is not None]
    kept = []
    for candidate in candidates:
        town = next((t for t in towns if candidate.geo_precision == 3 and _within_region(
            candidate, t) and t.sub_event_type == candidate.sub_event_type
            and t.is_event == candidate.is_event
            and abs((t.event_date - candidate.event_date).days) <= 1), None)
        if town is None:
            kept.append(candidate)
            continue
        for kind in ("fatalities", "injured"):
            values = [v for v in (getattr(town, kind), getattr(candidate, kind)) if v is not None]
            setattr(town, kind, min(values) if values else None)
    return kept


def _within_region(region_event: EventCandidate, town_event: EventCandidate) -> bool:
    region, town = region_event.place, town_event.place
    return bool(region and town and region.country == town.country and region.admin1_code
                and region.admin1_code == town.admin1_code)


def _date_from_same_place(candidates: list[EventCandidate], undated: set[int]) -> None:
    """An undated event at a place where the article dates another event happened that day
    ("Police fired tear gas at crowds in the capital" after "protesters broke into parliament
    in Nairobi on Tuesday")."""
    dated = [c for c in candidates if id(c) not in undated]
    for candidate in candidates:
        if id(candidate) not in undated:
            continue
        same = next((d for d in dated if _place_key(d) == _place_key(candidate)), None)
        if same is not None:
            candidate.event_date, candidate.time_precision = same.event_date, same.time_precision


def _drop_totals(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """A lede that totals the events the article details next ("16 civilians were killed in
    attacks" ... 13 in one shelling, 3 in a raid) is no event of its own: its toll is exactly
    the sum of two or three later events' tolls. Counting it too would count the dead twice."""
    counted = [c for c in candidates if c.is_event and c.fatalities]
    totals = set()
    for index, candidate in enumerate(counted):
        later = [c.fatalities for c in counted[index + 1:]
                 if c.evidence.char_start > candidate.evidence.char_start]
        if candidate.fatalities >= TOTAL_MIN and any(
                sum(parts) == candidate.fatalities
                for size in (2, 3) for parts in combinations(later, size)):
            totals.add(id(candidate))
    return [c for c in candidates if id(c) not in totals]


def _drop_restated_tolls(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """The same toll of the same kind of event, the same day in the same province, restates one
    event ("12 dead in Juliaca" ... "we confirmed 12 dead in Puno"): keep the first mention."""
    kept: list[EventCandidate] = []
    for candidate in candidates:
        first = next((k for k in kept if _same_toll(k, candidate)), None)
        if first is None:
            kept.append(candidate)
        else:
            _absorb(first, candidate)
    return kept


def _same_toll(one: EventCandidate, other: EventCandidate) -> bool:
    if not one.fatalities or one.fatalities != other.fatalities or one.place is None or (
            other.place is None):
        return False
    return (one.event_type == other.event_type and one.is_event == other.is_event
            and abs((one.event_date - other.event_date).days) <= 1
            and one.place.country == other.place.country
            and bool(one.place.admin1_code) and one.place.admin1_code == other.place.admin1_code)


def _drop_mob_victims(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """Mob violence is rioters attacking civilians: the rapes or killings of that mob, the same
    day at the same place, are that event, not a second one."""
    mobs = [c for c in candidates if c.sub_event_type == "Mob violence"]
    kept = []
    for candidate in candidates:
        mob = next((m for m in mobs if _place_key(m) == _place_key(candidate)
                    and m.is_event == candidate.is_event
                    and abs((m.event_date - candidate.event_date).days) <= 1), None)
        if candidate.event_type == lx.VAC and mob is not None:
            mob.fatalities = mob.fatalities if mob.fatalities is not None else candidate.fatalities
            continue
        kept.append(candidate)
    return kept


def _drop_protest_arrests(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """Arrests made during a protest or riot are part of that event's intervention (ACLED codes
    no separate Arrests event): same day, within ARREST_KM of it."""
    crowds = [c for c in candidates if c.is_event and c.place is not None and (
        c.event_type == lx.RIOTS or c.sub_event_type in INTERVENED)]
    return [c for c in candidates if not (
        c.sub_event_type == "Arrests" and c.place is not None and any(
            c.event_date == crowd.event_date and _km(c, crowd) <= ARREST_KM for crowd in crowds))]


def _km(one: EventCandidate, other: EventCandidate) -> float:
    assert one.place is not None and other.place is not None
    return haversine_km(one.place.lat, one.place.lon, other.place.lat, other.place.lon)


def _drop_subsumed_protests(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """A protest that turned violent (or was dispersed) that day is one event, not two."""
    stronger = {(_place_key(c), c.event_date, c.is_event): c for c in candidates
                if c.event_type == lx.RIOTS or c.sub_event_type in (
                    "Protest with intervention", "Excessive force against protesters")}
    kept = []
    for candidate in candidates:
        winner = stronger.get((_place_key(candidate), candidate.event_date, candidate.is_event))
        if candidate.sub_event_type == "Peaceful protest" and winner is not None:
            winner.fatalities = winner.fatalities if winner.fatalities is not None else (
                candidate.fatalities)
            winner.injured = winner.injured if winner.injured is not None else candidate.injured
            continue
        kept.append(candidate)
    return kept


def _place_key(candidate: EventCandidate) -> int | str:
    return candidate.place.geonameid if candidate.place else candidate.location


def _find_same_day(merged: list[tuple[tuple, EventCandidate]], key: tuple,
                   candidate: EventCandidate, undated: set[int]) -> EventCandidate | None:
    for other_key, kept in merged:
        if other_key != key:
            continue
        if id(kept) in undated or id(candidate) in undated:
            return kept
        day = kept.event_date
        if abs((day - candidate.event_date).days) > 1:
            continue
        if day != candidate.event_date and kept.time_precision == candidate.time_precision == 1:
            continue  # two exact, different days: two events ("another rocket on Friday")
        return kept
    return None


def _absorb(kept: EventCandidate, other: EventCandidate) -> None:
    if _priority(other) > _priority(kept):  # the more specific report names the sides too
        kept.sub_event_type = other.sub_event_type
        kept.actor1, kept.inter1 = other.actor1, other.inter1
        if other.actor2 and other.actor2 != kept.actor1 and not (
                kept.actor2 and other.actor2.startswith("Unidentified")):
            kept.actor2, kept.inter2 = other.actor2, other.inter2
    if kept.fatalities is None:
        kept.fatalities = other.fatalities
    if kept.injured is None:
        kept.injured = other.injured
    if kept.time_precision > other.time_precision:
        kept.event_date, kept.time_precision = other.event_date, other.time_precision
    kept.actor2 = kept.actor2 or other.actor2
    kept.inter2 = kept.inter2 if kept.inter2 is not None else other.inter2
    kept.civilian_targeting = kept.civilian_targeting or other.civilian_targeting
    kept.confidence = max(kept.confidence, other.confidence)


def drop_headline_duplicates(candidates: list[EventCandidate], headline_end: int
                             ) -> list[EventCandidate]:
    """A headline restates the lede: keep its event only when the body states none of its type."""
    body_types = {(c.event_type, c.is_event) for c in candidates
                  if c.evidence.char_start > headline_end}
    return [c for c in candidates if c.evidence.char_start > headline_end
            or (c.event_type, c.is_event) not in body_types]


def _priority(candidate: EventCandidate) -> int:
    return SUB_PRIORITY.get(candidate.sub_event_type, 0)


SUB_PRIORITY = {rule.sub_event_type: rule.priority for rule in reversed(lx.RULES)}
SUB_PRIORITY.update({"Non-state actor overtakes territory": 5, "Government regains territory": 5,
                     "Armed clash": 2})


def _caption_spans(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip() and (boilerplate_kind(line.strip()) == "caption"
                             or PHOTO_CREDIT.search(line)):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans

