"""Actor mentions in a sentence, named the ACLED way from the dictionary in actors.json.

A mention is a *kind* of actor (state military, police, named group, unidentified armed group,
civilians, protesters, rioters) with a country or a name; `ActorBook.name` turns it into the
ACLED actor string for the event's date and country ("Military Forces of Russia (2000-)",
"Civilians (Ukraine)"). Within one article, "the group" / "the militants" resolve to the last
named armed group mentioned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("actors.json")
MILITARY_NOUNS = [
    "forces", "force", "troops", "army", "military", "soldiers", "artillery", "missiles", "missile",
    "jets", "warplanes", "aircraft", "drones", "navy", "air force", "defenders", "units",
    "shelling", "strikes", "strike", "bombardment", "barrage", "forces'", "servicemen",
    "paratroopers", "marines", "armed forces", "military forces", "defence forces",
    "defense forces", "air defence", "air defense", "general staff", "defence ministry",
    "defense ministry", "ministry of defence", "ministry of defense", "fighters", "offensive",
    "attack", "attacks", "assault", "rocket", "rockets", "border guards", "regional forces",
]
POLICE_NOUNS = ["police", "police officers", "policemen", "riot police", "security forces",
                "security personnel", "law enforcement", "gendarmes", "officers"]
GENERIC_MILITARY = ["the army", "the military", "troops", "soldiers", "government forces",
                    "government troops", "our defenders", "the armed forces", "armed forces"]
GENERIC_POLICE = ["police", "security forces", "riot police", "policemen", "police officers",
                  "officers", "security personnel"]
_TOKEN = re.compile(r"[\w’'-]+")
NOT_ACTOR_AFTER = {"station", "stations", "post", "posts", "headquarters", "department",
                   "departments", "precinct", "precincts", "car", "cars", "vehicle", "vehicles",
                   "chief", "chiefs", "commander", "commanders", "custody", "base", "bases",
                   "facilities", "facility", "site", "sites", "positions", "position"}
STATE_KINDS = ("military", "police", "government")
INTER = {"military": 1, "police": 1, "government": 1, "subnational": 1}
# "the group", "the rebels": refer back to the last named armed group in the article.
ANAPHORA = re.compile(r"\bthe (?:group|militants|rebels|insurgents|militia|fighters|jihadists"
                      r"|paramilitary|paramilitaries|movement)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # offsets within the sentence
    end: int
    kind: str  # military | police | subnational | group | unidentified | civilians | ...
    key: str  # ISO2 for state kinds, the group's ACLED name for groups, "" for generic kinds
    strong: bool = True  # False for bare metonyms ("Moscow said") and generic words


class ActorBook:
    """The dictionary plus one compiled pattern over every alias."""

    def __init__(self, data: dict) -> None:
        self.countries: dict[str, dict] = data["countries"]
        self.groups = {g["name"]: g for g in data["groups"]}
        self.subnational = {s["name"]: s for s in data["subnational_forces"]}
        self.generic = data["generic"]
        self.dyads: dict[str, list[str]] = {
            k: v for k, v in data.get("dyads", {}).items() if not k.startswith("_")}
        self.aliases: dict[str, tuple[str, str, bool]] = {}
        self._build()
        # The alias lengths (in words) each opening word has, longest first: other positions
        # and other lengths need no n-gram lookups at all.
        lengths: dict[str, set[int]] = {}
        for alias in self.aliases:
            words = alias.split()
            lengths.setdefault(words[0], set()).add(len(words))
        self.lengths = {word: sorted(sizes, reverse=True) for word, sizes in lengths.items()}

    def _build(self) -> None:
        for generic_kind, spec in self.generic.items():
            for word in spec["words"]:
                self.aliases[word] = (generic_kind, "", False)
        for word in GENERIC_MILITARY:
            self.aliases[word] = ("military", "", False)
        for word in GENERIC_POLICE:
            self.aliases[word] = ("police", "", False)
        for iso, spec in self.countries.items():
            self.aliases[spec["name"].lower()] = ("military", iso, False)
            for adj in spec["adj"]:
                bare = re.sub(r"['’]s$", "", adj)
                if bare != adj:
                    self.aliases.setdefault(bare, ("military", iso, False))
                for noun in MILITARY_NOUNS:
                    self.aliases[f"{adj} {noun}"] = ("military", iso, True)
                for noun in POLICE_NOUNS:
                    self.aliases[f"{adj} {noun}"] = ("police", iso, True)
                self.aliases[f"{adj} government"] = ("government", iso, True)
            for alias in spec.get("military_alias", []):
                self.aliases[alias] = ("military", iso, True)
        for name, spec in self.subnational.items():
            for alias in spec["aliases"]:
                self.aliases[alias] = ("subnational", name, True)
        for name, spec in self.groups.items():
            for alias in spec["aliases"]:
                self.aliases[alias] = ("group", name, True)

    def find(self, sentence: str) -> list[ActorMention]:
        """Longest alias match at each word, by dictionary lookup of word n-grams (fast)."""
        tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(sentence)]
        found, index = [], 0
        while index < len(tokens):
            sizes = self.lengths.get(tokens[index][2])
            hit = self._longest(tokens, index, sizes) if sizes else None
            if hit is None:
                index += 1
                continue
            last, (kind, key, strong) = hit
            found.append(ActorMention(tokens[index][0], tokens[last][1], kind, key, strong))
            index = last + 1
        return found

    def _longest(self, tokens: list[tuple[int, int, str]], first: int, sizes: list[int]
                 ) -> tuple[int, tuple[str, str, bool]] | None:
        for size in sizes:
            last = first + size - 1
            if last >= len(tokens):
                continue
            phrase = " ".join(token[2] for token in tokens[first:last + 1])
            entry = self.aliases.get(phrase)
            if entry is None:
                continue
            follower = tokens[last + 1][2] if last + 1 < len(tokens) else ""
            if follower in NOT_ACTOR_AFTER:  # "police station", "army base"
                return None
            return last, entry
        return None

    def name(self, mention: ActorMention, country: str | None, day: date) -> str | None:
        """The ACLED actor name, or None when the dictionary cannot name it."""
        iso = mention.key if mention.kind in STATE_KINDS and mention.key else country
        if mention.kind == "group":
            spec = self.groups[mention.key]
            if spec.get("country_suffix") and country in self.countries:
                return f"{mention.key} ({self.countries[country]['name']})"
            return mention.key
        if mention.kind == "subnational":
            spec = self.subnational[mention.key]
            return f"{mention.key} ({_range(spec['ranges'], day)})"
        if mention.kind in self.generic:
            if iso not in self.countries:
                return None
            return self.generic[mention.kind]["template"].format(
                country=self.countries[iso]["name"])
        return self.state_force(mention.kind, iso, day)

    def state_force(self, kind: str, iso: str | None, day: date) -> str | None:
        spec = self.countries.get(iso or "")
        if spec is None:
            return None
        ranges = spec.get(kind) or (spec.get("military") if kind == "government" else None)
        if kind == "police" and not ranges:
            ranges = spec.get("military")
        if not ranges:
            return None
        label = {"military": "Military Forces", "police": "Police Forces",
                 "government": "Government"}[kind]
        return f"{label} of {with_article(spec['name'])} ({_range(ranges, day)})"

    def inter(self, mention: ActorMention) -> int:
        if mention.kind == "group":
            return int(self.groups[mention.key]["inter"])
        if mention.kind in self.generic:
            return int(self.generic[mention.kind]["inter"])
        return INTER.get(mention.kind, 8)

    def inter_of_name(self, name: str | None) -> int | None:
        """Inter code of an already-named actor (for defaults built without a mention)."""
        if name is None:
            return None
        if name in self.groups:
            return int(self.groups[name]["inter"])
        for spec in self.generic.values():
            if name.startswith(spec["template"].split("(")[0]):
                return int(spec["inter"])
        return 1


_THE = re.compile(r"^(?:United |Democratic Republic|Central African|Republic of|Philippines"
                  r"|Netherlands|Gambia|Bahamas|Comoros|Maldives|Solomon|Marshall)")


def with_article(country: str) -> str:
    """ACLED writes "Police Forces of the United States", "... of the Philippines"."""
    return f"the {country}" if _THE.match(country) else country


def _range(ranges: list[list[int | None]], day: date) -> str:
    """ACLED's '(2019-)' label of the period containing `day` (the latest period otherwise)."""
    for start, end in ranges:
        if start is not None and start <= day.year and (end is None or day.year <= end):
            return f"{start}-{end if end is not None else ''}"
    start, end = ranges[0]
    return f"{start}-{end if end is not None else ''}"


@lru_cache(maxsize=1)
def actor_book() -> ActorBook:
    return ActorBook(json.loads(DATA.read_text(encoding="utf-8")))
