"""Who did what to whom: actor1 / actor2 for one trigger, with ACLED defaults per event type.

The agent is the armed actor named by a "by X" phrase after the trigger, else the nearest one
before it in the sentence; the target is the first other actor after the trigger. Civilians
named in the sentence make them the target of remote violence and attacks. Missing actors fall
back on the event type's ACLED convention (protests: "Protesters (X)"; violence against
civilians: "Unidentified Armed Group (X)" vs "Civilians (X)") or the country's main dyad.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from polemos.extract.actors import ActorBook, ActorMention
from polemos.extract.lexicon import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC

ARMED = {"military", "police", "subnational", "group", "unidentified", "government"}
_BY = re.compile(r"^[^.;]{0,40}?\b(?:by|to|from)\s+(?:the\s+)?$", re.IGNORECASE)
# A mention that is the subject of a speech verb is a source, not an agent ("Ukraine's general
# staff reported attacks ..."); nor is the object of "according to".
_SPEECH_AFTER = re.compile(r"^\W{0,2}(?:\w+\s+){0,2}?(?:said|says|reported|reports|claimed|claims"
                           r"|announced|told|added|stated|insisted|confirmed|accused|denied)\b",
                           re.IGNORECASE)
_ACCORDING = re.compile(r"according to\s+(?:the\s+)?$", re.IGNORECASE)
# Verbs whose subject is the side that lost the ground.
# (and "repelled": its subject is the defender, the attacker is actor1).
TARGET_REACH = 80  # characters after the trigger
# Nouns that name whoever acted: "the attackers failed to gain ground" is no second side.
_AGENT_NOUN = re.compile(r"\b(?:attackers|assailants)\b", re.IGNORECASE)
LOSER_VERBS = re.compile(r"retreated|pulled out|surrender|withdr|repel", re.IGNORECASE)


@dataclass(slots=True)
class Roles:
    actor1: str | None
    actor2: str | None
    inter1: int | None
    inter2: int | None
    agent: ActorMention | None = None


_VICTIM_AFTER = re.compile(r"^\W{0,2}(?:\w+\s+){0,2}?(?:were|was|have\s+been|had\s+been|are|is)"
                           r"\s+(?:\w+\s+)?(?:killed|wounded|injured|hurt|attacked|targeted"
                           r"|overwhelmed|ambushed|abducted|kidnapped)\b", re.IGNORECASE)


def is_victim(sentence: str, mention: ActorMention) -> bool:
    """"six soldiers were killed in a suicide attack": the soldiers are the target."""
    return bool(_VICTIM_AFTER.match(sentence[mention.end:]))


def agent_and_target(sentence: str, start: int, end: int, mentions: list[ActorMention]
                     ) -> tuple[ActorMention | None, ActorMention | None]:
    victims = [m for m in mentions if m.start < start and is_victim(sentence, m)]
    armed = [m for m in mentions if m.kind in ARMED and not is_source(sentence, m)
             and m not in victims]
    agent = None
    for mention in armed:  # "were abducted by bandits", "fell to Russian forces"
        if mention.start >= end and _BY.search(sentence[end:mention.start]):
            agent = mention
            break
    if agent is None:
        before = [m for m in armed if m.start < start]
        strong = [m for m in before if m.strong]
        agent = (strong or before)[-1] if before else None
    if agent is None:
        after = [m for m in armed if m.start >= end and m.strong]
        agent = after[0] if after else None
    # The target is the next actor close after the trigger; one far down the sentence belongs
    # to another verb ("..., prompting people to flee").
    others = [m for m in mentions if m is not agent and end <= m.start <= end + TARGET_REACH
              and (m.strong or m.kind not in ("military", "police"))
              and not _AGENT_NOUN.search(sentence[m.start:m.end])]
    target = others[0] if others else None
    if target is None and victims:
        target = victims[-1]
    if target is None:
        rest = [m for m in armed if m is not agent and m.strong and m.key != (agent.key if agent
                                                                              else None)]
        target = rest[-1] if rest else None
    return agent, target


_SELF_REPORT = re.compile(r"^\W{0,2}(?:\w+\s+){0,2}?\w+\s+(?:that\s+)?(?:they|it|we|its|their)\b",
                          re.IGNORECASE)


def is_source(sentence: str, mention: ActorMention) -> bool:
    """"X said ..." is a source; "X said they had retaken ..." is the source and the agent."""
    rest = sentence[mention.end:]
    if _SPEECH_AFTER.match(rest) and _SELF_REPORT.match(rest):
        return False
    return bool(_SPEECH_AFTER.match(rest)
                or _ACCORDING.search(sentence[max(0, mention.start - 25):mention.start]))


class RoleNamer:
    """Turns agent/target mentions into ACLED actor names for one event's type and place."""

    def __init__(self, book: ActorBook, dyads: dict[str, list[str]]) -> None:
        self.book = book
        self.dyads = dyads

    def name(self, mention: ActorMention | None, country: str | None, day: date
             ) -> tuple[str | None, int | None]:
        if mention is None:
            return None, None
        name = self.book.name(mention, country, day)
        return name, (self.book.inter(mention) if name else None)

    def generic(self, kind: str, country: str | None, day: date) -> tuple[str | None, int | None]:
        return self.name(ActorMention(0, 0, kind, "", False), country, day)

    def dyad(self, country: str | None, day: date, not_iso: str | None = None
             ) -> tuple[str | None, int | None]:
        sides = self.dyads.get(country or "")
        if not sides:
            return self.generic("unidentified", country, day)
        iso = next((s for s in sides if s != not_iso), sides[0])
        return self.book.state_force("military", iso, day), 1


def assign(namer: RoleNamer, event_type: str, sub: str, agent: ActorMention | None,
           target: ActorMention | None, mentions: list[ActorMention], country: str | None,
           day: date) -> Roles:
    kinds = {m.kind for m in mentions}
    if event_type == BATTLES and target is not None and target.kind == "civilians":
        target = None  # battles are fought between armed sides; civilians are no side
    a1, i1 = namer.name(agent, country, day)
    a2, i2 = namer.name(target, country, day)
    if a2 == a1:
        a2, i2 = None, None
    agent_iso = agent.key if agent and agent.kind in ("military", "police") else None
    if event_type == PROTESTS:
        protesters = namer.generic("protesters", country, day)
        police = _police(namer, mentions, country, day)
        if sub == "Excessive force against protesters":
            return Roles(*police[:1], *protesters[:1], police[1], protesters[1])
        if sub == "Protest with intervention":
            return Roles(protesters[0], police[0], protesters[1], police[1])
        return Roles(protesters[0], None, protesters[1], None)
    if event_type == RIOTS:
        rioters = namer.generic("rioters", country, day)
        if sub == "Mob violence":
            civ = namer.generic("civilians", country, day) if "civilians" in kinds else (None, None)
            return Roles(rioters[0], civ[0], rioters[1], civ[1])
        police = _police(namer, mentions, country, day) if kinds & {"police"} else (None, None)
        return Roles(rioters[0], police[0], rioters[1], police[1])
    if event_type == VAC:
        if a1 is None or (i1 or 0) >= 5:
            a1, i1 = namer.generic("unidentified", country, day)
        civ = namer.generic("civilians", country, day)
        return Roles(a1, civ[0], i1, civ[1], agent)
    if event_type == STRATEGIC and sub == "Arrests":
        if a1 is None or not (agent and agent.kind == "police"):
            a1, i1 = _police(namer, mentions, country, day)
        return Roles(a1, a2, i1, i2, agent)
    if event_type == STRATEGIC and sub == "Agreement":  # states agree through governments
        (g1, gi1), (g2, gi2) = (_government(namer, agent, a1, i1, country, day),
                                _government(namer, target, a2, i2, country, day))
        return Roles(g1, g2, gi1, gi2, agent)
    if event_type == STRATEGIC and sub == "Disrupted weapons use":
        defender = namer.book.state_force("military", country, day)
        attacker = a1 if a1 != defender else a2
        if attacker is None:
            attacker = namer.dyad(country, day, not_iso=country)[0]
        return Roles(defender, attacker, 1, namer.book.inter_of_name(attacker), agent)
    if event_type == EXPLOSIONS and "civilians" in kinds:
        a2, i2 = namer.generic("civilians", country, day)
    if a1 is None and (event_type in (BATTLES, EXPLOSIONS)
                       or sub == "Non-violent transfer of territory"):
        loser_iso = target.key if target and target.kind == "military" else None
        a1, i1 = namer.dyad(country, day, not_iso=loser_iso)
        agent_iso = next((s for s in namer.dyads.get(country or "") or [None] if s != loser_iso),
                         None)
    if (a2 is None or a2 == a1) and event_type == BATTLES and a1 is not None:
        a2, i2 = _other_force(namer, mentions, agent, country, day)
    if (a2 is None or a2 == a1) and event_type == BATTLES and a1 is not None:
        a2, i2 = namer.dyad(country, day, not_iso=agent_iso)
        if a2 == a1:
            a2, i2 = None, None
    return Roles(a1, a2, i1, i2, agent)


def _police(namer: RoleNamer, mentions: list[ActorMention], country: str | None, day: date
            ) -> tuple[str | None, int | None]:
    named = [m for m in mentions if m.kind == "police"]
    if named:
        return namer.name(named[0], country, day)
    return namer.book.state_force("police", country, day), 1


def _other_force(namer: RoleNamer, mentions: list[ActorMention], agent: ActorMention | None,
                 country: str | None, day: date) -> tuple[str | None, int | None]:
    """The other side of a battle named only generically ("killed six police officers")."""
    named = [m for m in mentions if m.kind in ("police", "military") and m is not agent
             and not (agent and m.kind == agent.kind and m.key == agent.key)]
    return namer.name(named[0], country, day) if named else (None, None)


def _government(namer: RoleNamer, mention: ActorMention | None, name: str | None,
                inter: int | None, country: str | None, day: date
                ) -> tuple[str | None, int | None]:
    if mention is None or mention.kind not in ("military", "police", "government"):
        return name, inter
    return namer.book.state_force("government", mention.key or country, day), 1
