"""The trigger lexicon: words and patterns that state an event, mapped to ACLED sub-types.

One table, one place. Each row is a regular expression (case-insensitive unless `case` is set)
with the ACLED event type and sub-type it signals, a `family` (triggers of one family that
point at the same place collapse into the most specific one) and a `priority` (higher wins
inside a family; negative rows are weak cues used only when a sentence has nothing stronger).

Two sub-types are decided later from the arguments, not from the word:
- TERRITORY: a change of control; Government regains territory when the winner is the state
  force of the place's country, Non-state actor overtakes territory otherwise (ACLED codes
  capture by foreign state forces that way).
- ATTACK: "attacked", "opened fire on": Violence against civilians / Attack when the target is
  civilians, Protests / Excessive force when it is protesters, Battles / Armed clash otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from polemos.models import Span
from polemos.nlp.cues import Folded, matches_at

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
TERRITORY = "TERRITORY"
ATTACK = "ATTACK"

DISORDER = {
    BATTLES: "Political violence", EXPLOSIONS: "Political violence", VAC: "Political violence",
    PROTESTS: "Demonstrations", RIOTS: "Demonstrations", STRATEGIC: "Strategic developments",
}


@dataclass(frozen=True, slots=True)
class TriggerRule:
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str
    family: str
    priority: int
    crowd: bool = False  # an event only where protesters are named in the article
    # Lower-case literals one of which starts every match (None: some alternative starts
    # otherwise). A sentence containing none of them cannot match: the regex is not run.
    stems: tuple[str, ...] | None = None


def _rule(pattern: str, event_type: str, sub: str, family: str, priority: int,
          case: bool = False, crowd: bool = False) -> TriggerRule:
    flags = 0 if case else re.IGNORECASE
    return TriggerRule(re.compile(pattern, flags), event_type, sub, family, priority, crowd,
                       _stems(pattern))


_LEAD_WORD = re.compile(r"\\b([a-z][a-z ]*)", re.IGNORECASE)
_LEAD_GROUP = re.compile(r"\\b\(\?:([a-z |-]+)\)", re.IGNORECASE)


def _stems(pattern: str) -> tuple[str, ...] | None:
    stems: list[str] = []
    for alternative in _top_level_alternatives(pattern):
        group = _LEAD_GROUP.match(alternative)
        word = _LEAD_WORD.match(alternative)
        if group:
            stems += [w.lower() for w in group.group(1).split("|")]
        elif word:
            literal = word.group(1)
            if alternative[word.end():word.end() + 1] in ("?", "*", "{"):
                literal = literal[:-1]  # its last character is optional
            stems.append(literal.strip().lower())
        else:
            return None
    return tuple(stems) if all(len(stem) >= 2 for stem in stems) else None


def _top_level_alternatives(pattern: str) -> list[str]:
    parts, depth, start, index = [], 0, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return parts + [pattern[start:]]


_SHELL = "Shelling/artillery/missile attack"
_AIR = "Air/drone strike"
_PROTEST = "Peaceful protest"
_VIOLENT_DEMO = "Violent demonstration"

RULES: list[TriggerRule] = [
    # Explosions / remote violence (family "remote")
    _rule(r"\bshell(?:ed|ing)\b|\bshells\b(?<!gas shells)(?<!tear shells)|\bartillery\b"
          r"|\bbarrages?\b|\bmortars?\b|\bbombard(?:ed|ing|ment)\b|\brocket(?:s| fire| attacks?)?\b"
          r"|\bmissiles?(?: (?:attacks?|strikes?))?\b|\bMLRS\b|\bHIMARS\b|\bIskanders?\b",
          EXPLOSIONS, _SHELL, "remote", 2),
    _rule(r"\bstrikes?\b(?! (?:by|of) (?:workers|unions))|\bstruck\b", EXPLOSIONS, _SHELL, "remote",
          0),
    _rule(r"\bair ?strikes?\b|\bair[- ]raids?\b|\bwarplanes?\b|\bfighter jets?\b|\bjets?\b(?! fuel)"
          r"|\bhelicopter gunships?\b|\bdrone (?:strikes?|attacks?)\b|\b(?:attack|kamikaze|suicide)"
          r" drones?\b|\bdrones?\b|\bShaheds?\b|\baerial (?:bombing|attack)s?\b|\bbarrel bombs?\b"
          r"|\b(?:guided|glide|aerial|air-dropped|cluster) bombs?\b|\bdropped (?:\w+ )?bombs\b",
          EXPLOSIONS, _AIR, "remote", 3),
    _rule(r"\b(?:roadside|improvised) (?:bomb|explosive device)s?\b|\bIEDs?\b|\blandmines?\b"
          r"|\bcar bombs?\b|\bexplosive devices?\b|\bbomb (?:blast|explosion|went off|exploded)"
          r"|\bexplosion\b|\bblast\b", EXPLOSIONS, "Remote explosive/landmine/IED", "remote", 1),
    _rule(r"\bsuicide (?:bomb(?:er|ing|s)?|attack(?:er)?s?|car bomb)|\bVBIED\b"
          r"|\bvehicle (?:loaded|packed|laden) with explosives\b|\bexplosives?-laden\b",
          EXPLOSIONS, "Suicide bomb", "remote", 6),
    _rule(r"\bgrenade(?<!flash grenade)(?<!stun grenade)(?<!sound grenade)(?<!smoke grenade)"
          r"(?<!gas grenade)s?\b", EXPLOSIONS,
          "Grenade", "remote", 4),
    _rule(r"\bchemical (?:weapons?|attacks?|munitions?)\b|\bchlorine gas\b|\bsarin\b"
          r"|\bnerve agent\b",
          EXPLOSIONS, "Chemical weapon", "remote", 7),
    # Interceptions outrank the weapon they stop.
    _rule(r"\bintercept(?:ed|ion|s)?\b|\bshot down\b|\bdowned\b|\bair defen[cs]e\b|\bIron Dome\b"
          r"|\bdefused\b|\bneutrali[sz]ed (?:by|the)\b", STRATEGIC, "Disrupted weapons use",
          "remote", 9),
    # Battles (family "battle")
    _rule(r"\bclash(?:es|ed)?\b|\bfighting\b|\bfought\b|\bbattl(?:es?|ed|ing)\b|\bfirefights?\b"
          r"|\bgun ?(?:fight|battle)s?\b|\bexchanges? of fire\b|\bcounter-?attacks?\b"
          r"|\brepel(?:led|s)?\b|\bassaults?\b(?! rifles?)|\bambush(?:ed)?\b"
          r"|\bstorm(?:ed|ing) (?:the )?(?:positions?|trenches)\b|\badvanc(?:ed|ing)\b",
          BATTLES, "Armed clash", "battle", 2),
    # "attack helicopter", "attack aviation": a weapon's name, not an attack.
    _rule(r"\battack(?:s|ed|ing)?\b(?! (?:helicopters?|aircraft|aviation|planes?|submarines?))"
          r"|\bopened fire\b|\bopen(?:ing)? fire\b|\bfired (?:on|at)\b"
          r"|\bshot at\b|\braid(?:s|ed)?\b(?! (?:two|three|several) villages)", BATTLES, ATTACK,
          "battle", 1),
    _rule(r"\bcaptur(?:ed?|ing)\b|\bseiz(?:ed?|ing) (?:control|the)\b|\btook (?:control|over)\b"
          # "troops have taken Lysychansk" (a name, not a weekday)
          r"|\b(?:have|has|had) taken(?= (?-i:[A-Z])[a-z])"
          r"(?! (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
          r"|\btaken (?:control|over)\b|\btake control\b|\bfell to\b"
          r"|\bfall of\b(?! (?:the )?(?:president|government|regime|prime))"
          r"|\bdeclared victory (?:over|in)\b|\boverr(?:an|un)\b|\bcontrolled\b"
          # "remained in control of": who holds ground already, no change
          r"|\bin control of\b(?<!remained in control of)(?<!remains in control of)"
          r"(?<!remain in control of)(?<!still in control of)(?<!stayed in control of)"
          r"|\bwrest(?:ed)? control\b|\bgrip\b|\bretreated from\b|\bpulled out of\b"
          r"|\bretook\b|\bretaken\b|\bretake\b|\brecaptur(?:ed?|ing)\b|\breclaim(?:ed)?\b"
          r"|\bliberat(?:ed?|ion)\b|\bregain(?:ed)?\b|\btook back\b|\bsurrender(?:ed)?\b",
          BATTLES, TERRITORY, "battle", 5),
    # Violence against civilians (family "vac")
    _rule(r"\babduct(?:ed|ion|s)?\b|\bkidnap(?:ped|ping|s)?\b|\btaken hostage\b"
          r"|\bforced disappearance\b", VAC, "Abduction/forced disappearance", "vac", 5),
    # "seized at least 287 pupils": people seized are abducted (ground seized is TERRITORY)
    _rule(r"\bseiz(?:ed|ing)\s+(?:(?:at\s+least|more\s+than|over|about|some|around|nearly"
          r"|up\s+to)\s+)?(?:(?:[\d,]+|hundreds|dozens|scores|two|three|four|five|six|seven"
          r"|eight|nine|ten|\w+teen|\w+ty)(?:\s+of)?\s+)?(?:[\w-]+\s+)?(?:pupils|students"
          r"|schoolchildren|schoolgirls|children|passengers|villagers|worshippers|hostages|people"
          r"|women|girls|civilians|teachers|travell?ers|farmers|residents)\b",
          VAC, "Abduction/forced disappearance", "vac", 6),
    _rule(r"\brap(?:ed|es?)\b|\bsexual(?:ly)? (?:violence|assault(?:ed)?)\b",
          VAC, "Sexual violence", "vac", 6),
    _rule(r"\bmassacr(?:ed?|ing)\b|\bshot dead\b|\bgunned down\b|\bexecuted\b|\bbeheaded\b"
          r"|\blaid waste\b|\bhacked to death\b", VAC, "Attack", "vac", 3),
    _rule(r"\bkill(?:ed|ing)\b|\bmurder(?:ed)?\b|\bassassinated\b|\bdeaths?\b|\bdead\b|\bdied\b",
          VAC, "Attack", "vac", -1),
    # Demonstrations (family "demo")
    _rule(r"\bprotest(?:s|ed|ing|ers?)?\b|\bdemonstrat(?:ions?|ors?|ed)\b|\bralli(?:es|ed)\b"
          r"|\brally\b|\btook to the streets\b|\btake to the streets\b|\bsit-ins?\b"
          r"|\b(?:general|national) strike\b", PROTESTS, _PROTEST, "demo", 1),
    _rule(r"\bmarch(?:ed|ers|es)?\b", PROTESTS, _PROTEST, "demo", 1, case=True),
    _rule(r"\btear ?gas\b|\b(?:flash|stun|sound|smoke) grenades?\b|\bwater cannons?\b"
          r"|\bpepper spray\b|\bdispers(?:ed?|ing)\b|\brubber bullets\b|\bbatons?\b",
          PROTESTS, "Protest with intervention", "demo", 3),
    _rule(r"\blive (?:ammunition|fire|rounds)\b|\bfiring from rooftops\b"
          r"|\b(?:opened|open) fire on (?:the )?(?:protesters|demonstrators|crowds?)\b"
          r"|\b(?:shot|killed) (?:\w+ )?(?:protesters|demonstrators)\b",
          PROTESTS, "Excessive force against protesters", "demo", 5),
    _rule(r"\bstorm(?:ed|ing)\b|\bset (?:fire|ablaze)\b|\bsetting fire\b|\btorch(?:ed|ing)\b"
          r"|\barson\b|\bransack(?:ed|ing)\b|\bvandalis(?:ed|ing)\b|\bvandaliz(?:ed|ing)\b"
          r"|\bsmash(?:ed|ing)\b|\bstone-throwing\b|\bthr(?:ew|owing) (?:stones|rocks|petrol bombs)"
          r"|\bmolotov\b|\briot(?:s|ers|ing)?\b(?<!anti-riot)(?<!anti-riots)"
          r"(?! (?:police|officers|gear|squads?|units?|control|shields?))"  # "riot police"
          r"|\bbarricad(?:e[ds]?|ing)\b|\binvasion of\b",
          RIOTS, _VIOLENT_DEMO, "demo", 4),
    # Breaking in is a riot only in a protest story (gunmen breaking into a house are not).
    _rule(r"\bbr(?:oke|oken|eaking) into\b|\bforc(?:ed|ing) (?:their|its|his|her) way into\b"
          r"|\bset (?:alight|on fire)\b", RIOTS, _VIOLENT_DEMO, "demo", 4, crowd=True),
    _rule(r"\bmob\b|\blynch(?:ed|ing)?\b|\bbroke out of\b|\bjail ?break\b|\bprison break\b",
          RIOTS, "Mob violence", "demo", 6),
    # Strategic developments (each its own family)
    _rule(r"\barrest(?:ed|s)?\b|\bdetain(?:ed)?\b|\btaken into custody\b|\brounded up\b",
          STRATEGIC, "Arrests", "arrest", 2),
    _rule(r"\bprisoner (?:exchange|swap)s?\b|\bexchanged (?:\w+ )?prisoners\b"
          r"|\bpeace (?:deal|accord)\b"
          r"|\bsigned (?:an? |the )?(?:agreement|deal|accord|truce)\b|\bceasefire agreement\b",
          STRATEGIC, "Agreement", "agreement", 3),
    _rule(r"\bloot(?:ed|ing)\b|\bpillag(?:ed?|ing)\b|\bplunder(?:ed)?\b|\bburn(?:ed|t) (?:down )?"
          r"(?:\w+ )?(?:homes|houses|villages|shops)\b|\braiding\b|\braided (?:two|three|several|"
          r"the) villages\b", STRATEGIC, "Looting/property destruction", "loot", 2),
    _rule(r"\b(?:set up|established|establish) (?:a |an |its |their )?(?:new )?(?:military )?"
          r"(?:base|headquarters|camp|outpost)\b", STRATEGIC, "Headquarters or base established",
          "hq", 3),
    _rule(r"\bmutiny\b|\barmed rebellion\b|\bcrossed into\b|\bdefect(?:ed|ion)\b|\bmerged with\b"
          r"|\bsplinter(?:ed)?\b", STRATEGIC, "Change to group/activity", "change", 2),
    _rule(r"\bwithdr(?:ew|awn|awal)\b|\bdeclar(?:ed|ing) (?:a )?(?:unilateral )?ceasefire\b"
          r"|\bevacuated from\b", STRATEGIC, "Other", "other", 1),
]

# Words that turn a territory change into a non-violent transfer.
NON_VIOLENT = re.compile(r"\bwithout (?:a |any )?(?:battle|fight|shot|resistance)\b|\bsurrender"
                         r"|\bhanded over\b|\bpeacefully\b", re.IGNORECASE)
# Control stated as a state ("his fighters controlled the city's military sites") reports no
# fighting by itself; without a fighting word in the sentence it is a non-violent transfer.
CONTROL_STATE = re.compile(r"^(?:controlled|in control of|grip)$", re.IGNORECASE)
FIGHTING = re.compile(r"\b(?:fight(?:ing|s)?|fought|battl\w+|clash\w*|attack\w*|assault\w*|storm\w*"
                      r"|shell\w*|artillery|offensive|counter-?offensive|kill\w*|dead|wounded"
                      r"|firefight|gunfire|siege|encircle\w*)\b", re.IGNORECASE)
# Claims of partial control stay Armed clash.
PARTIAL = re.compile(r"\b(?:half|part|parts|most|much|outskirts|some districts) of\b",
                     re.IGNORECASE)
# "captured" whose object is people, not ground.
CAPTURED_PEOPLE = re.compile(r"(?:\b(?:russians|ukrainians|soldiers|troops|fighters|prisoners"
                             r"|people|men|servicemen|\d+)\s+(?:\w+\s+){0,2}"
                             r"(?:were|have been|had been"
                             r"|was)\s+captured)|captured (?:\d+|two|three|several|dozens of)\b",
                             re.IGNORECASE)
# The same searches, faster (cues.Folded).
NON_VIOLENT_FOLDED, FIGHTING_FOLDED = Folded(NON_VIOLENT), Folded(FIGHTING)
PARTIAL_FOLDED, CAPTURED_FOLDED = Folded(PARTIAL), Folded(CAPTURED_PEOPLE)


@dataclass(frozen=True, slots=True)
class TriggerHit:
    rule: TriggerRule
    start: int  # offsets within the sentence
    end: int

    @property
    def text(self) -> str:
        return self.rule.pattern.pattern


# A participle right after a determiner or possessive is an adjective, not a verb that states
# an event: "Mariupol's smashed steel works", "the destroyed bridge".
_ADJECTIVAL = re.compile(r"(?:['’]s|\b(?:the|a|an|its|their|his|her))\s+$", re.IGNORECASE)

_ADJECTIVAL_REACH = 6  # its longest word ("their") and the character that makes its \b


def _adjectival(sentence: str, start: int) -> bool:
    """_ADJECTIVAL on the text before `start`: only the last word before the spaces can match,
    so the search looks at that word (and one character for \b), not the whole prefix."""
    before = sentence[:start]
    word_end = len(before.rstrip())  # rstrip() and \s agree on what is whitespace
    return bool(_ADJECTIVAL.search(before, max(0, word_end - _ADJECTIVAL_REACH)))


# "without a battle", "no clashes": the word names what did not happen.
_NEGATED = re.compile(r"\b(?:without|no)\s+(?:a\s+|an\s+|any\s+)?$", re.IGNORECASE)
_NEGATED_FOLDED = Folded(_NEGATED)  # the same search, faster


# "blocked the road in protest against the killings": the protest names the act's motive; the
# act (a riot, a road block) is the event.
_IN_PROTEST = re.compile(r"\bin\s+$", re.IGNORECASE)


def _drop_motive_protests(sentence: str, hits: list[TriggerHit]) -> list[TriggerHit]:
    acts = [h for h in hits if h.rule.family == "demo" and h.rule.sub_event_type != _PROTEST]
    if not acts:
        return hits
    return [h for h in hits if not (h.rule.sub_event_type == _PROTEST
                                    and _IN_PROTEST.search(sentence[max(0, h.start - 4):h.start]))]


def find_triggers(sentence: str) -> list[TriggerHit]:
    """Every trigger in a sentence, in order; overlapping matches keep the higher priority."""
    lower = sentence.lower()
    rules = [rule for rule in RULES
             if rule.stems is None or any(stem in lower for stem in rule.stems)]
    return _kept(sentence, [m for rule in rules for m in _rule_hits(sentence, rule,
                                                                    rule.pattern.finditer(sentence))])


def _rule_hits(sentence: str, rule: TriggerRule, matches: Iterable[re.Match[str]]
               ) -> list[TriggerHit]:
    return [TriggerHit(rule, m.start(), m.end()) for m in matches
            if not (m.group().endswith("ed") and _adjectival(sentence, m.start()))
            and not _NEGATED_FOLDED.search(sentence[max(0, m.start() - 20):m.start()])]


class ArticleTriggers:
    """find_triggers for the sentences of one article, with its stems looked up once.

    Every match of a rule with stems starts with one of them (right after its leading \b), so
    instead of scanning each sentence with each rule's whole alternation, the rule is tried
    only where one of its stems occurs: the same matches, in the same order (a match found at
    one stem resumes the scan after its end, as finditer does). The stems' offsets in the
    lower-cased article are its own only when lower-casing kept every character one character
    long; and "ı" / "ſ" match "i" / "s" under IGNORECASE without lowering to them. An article
    where either fails is read sentence by sentence with find_triggers.
    """

    def __init__(self, text: str) -> None:
        lower = text.lower()
        self.indexed = len(lower) == len(text) and "ı" not in lower and "ſ" not in lower
        # Per rule (table order) the sorted (start, end) of its stems in the article; None for
        # a rule without stems, which scans every sentence.
        self.stems: list[tuple[TriggerRule, list[tuple[int, int]] | None]] = []
        if self.indexed:
            for rule in RULES:
                found = None if rule.stems is None else _occurrences(lower, rule.stems)
                if found is None or found:
                    self.stems.append((rule, found))

    def find(self, sentence: Span) -> list[TriggerHit]:
        """find_triggers(sentence.text) for a sentence of this article."""
        text = sentence.text
        if not self.indexed:
            return find_triggers(text)
        hits: list[TriggerHit] = []
        for rule, found in self.stems:
            if found is None:
                hits += _rule_hits(text, rule, rule.pattern.finditer(text))
                continue
            starts = _within(found, sentence.start, sentence.end)
            if starts:
                hits += _rule_hits(text, rule, matches_at(rule.pattern, text, starts))
        return _kept(text, hits)


def _within(found: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """The starts, relative to `start`, of the occurrences inside [start, end)."""
    index = bisect_left(found, (start, -1))
    starts = []
    while index < len(found) and found[index][0] < end:
        if found[index][1] <= end:
            starts.append(found[index][0] - start)
        index += 1
    return starts


def _occurrences(lower: str, stems: tuple[str, ...]) -> list[tuple[int, int]]:
    found = set()
    for stem in stems:
        at = lower.find(stem)
        while at >= 0:
            found.add((at, at + len(stem)))
            at = lower.find(stem, at + 1)
    return sorted(found)


def _kept(sentence: str, hits: list[TriggerHit]) -> list[TriggerHit]:
    """Motive protests dropped; of overlapping hits, the higher priority."""
    hits = _drop_motive_protests(sentence, hits)
    hits.sort(key=lambda h: (h.start, -h.rule.priority))
    kept: list[TriggerHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            if hit.rule.priority > kept[-1].rule.priority:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept
