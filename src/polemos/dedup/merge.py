"""One Event from a cluster of candidates: every mention kept, columns reconciled."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from polemos.dedup import acled
from polemos.dedup.fatalities import reconcile
from polemos.dedup.records import Member
from polemos.dedup.sources import source_groups
from polemos.models import Event, Mention

T = TypeVar("T")
_ID_DIGITS = 14  # ISO3 + 14 digits: collisions stay unlikely at tens of millions of events
# Outlets ACLED would scale as international; others are scaled by what is known of them.
_INTERNATIONAL = {"reuters", "associated press", "ap", "afp", "agence france-presse", "bbc",
                  "bbc news", "the guardian", "the telegraph", "telegraph", "al jazeera",
                  "new york times", "the new york times", "washington post", "cnn", "dw"}


def event_id(members: Sequence[Member]) -> str:
    """Stable id from the cluster's seed (its first candidate in canonical order).

    Later reports joining the event leave it unchanged, so links to an event survive reruns.
    """
    seed = members[0]
    digest = hashlib.sha1(f"{seed.article_hash}:{seed.ordinal}".encode()).hexdigest()
    place = seed.candidate.place
    info = acled.country(place.country if place else None)
    return f"{info.iso3 if info else 'XXX'}{int(digest, 16) % 10 ** _ID_DIGITS:0{_ID_DIGITS}d}"


def _vote(values: Sequence[T], tiebreak: Callable[[T], object] = str) -> T:
    """The most frequent value; ties go to the smallest `tiebreak` (deterministic)."""
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], tiebreak(value)))


def _first_known(values: Sequence[T | None]) -> T | None:
    known = [value for value in values if value not in (None, "")]
    return _vote(known) if known else None


def _source_scale(outlets: Sequence[str]) -> str:
    if not outlets:
        return "Other"
    international = sum(o.casefold() in _INTERNATIONAL for o in outlets)
    if international == len(outlets):
        return "International"
    return "Other-International" if international else "Other"


def build_event(members: Sequence[Member], timestamp: int) -> Event:
    """The merged Event of a cluster whose members are in canonical order."""
    candidates = [m.candidate for m in members]
    lead = max(members, key=lambda m: (m.candidate.confidence, -m.candidate.geo_precision))
    best_geo = min(candidates, key=lambda c: (c.geo_precision, -c.confidence))
    place = best_geo.place
    info = acled.country(place.country if place else None)
    groups = source_groups(members)
    outlets = sorted({(m.outlet or "").strip() for m in members} - {""})
    actor1 = _vote([c.actor1 for c in candidates])
    actor2 = _first_known([c.actor2 for c in candidates if c.actor1 == actor1]
                          or [c.actor2 for c in candidates])
    inter1 = _first_known([c.inter1 for c in candidates if c.actor1 == actor1])
    inter2 = _first_known([c.inter2 for c in candidates if c.actor2 == actor2])
    asserted = [c for c in candidates if c.modality == "asserted"]
    modality = "asserted" if asserted else _vote([c.modality for c in candidates])
    fatalities = reconcile((m.published, m.candidate.fatalities) for m in members)
    event_date = _vote([c.event_date for c in candidates])
    sub_type = _vote([c.sub_event_type for c in candidates])
    return Event(
        event_id_cnty=event_id(members),
        event_date=event_date,
        time_precision=min(c.time_precision for c in candidates),
        disorder_type=_vote([c.disorder_type for c in candidates]),
        event_type=_vote([c.event_type for c in candidates if c.sub_event_type == sub_type]),
        sub_event_type=sub_type,
        actor1=actor1,
        assoc_actor_1=_first_known([c.assoc_actor_1 for c in candidates]),
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2=_first_known([c.assoc_actor_2 for c in candidates]),
        inter2=inter2,
        interaction=acled.interaction(inter1, inter2),
        civilian_targeting=any(c.civilian_targeting for c in candidates),
        iso=info.isonumeric if info else None,
        region=info.region if info else None,
        country=info.name if info else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        admin3=None,
        location=place.name if place else best_geo.location,
        latitude=place.lat if place else None,
        longitude=place.lon if place else None,
        geo_precision=best_geo.geo_precision,
        source="; ".join(outlets) if outlets else "; ".join(sorted({m.doc_id for m in members})),
        source_scale=_source_scale(outlets),
        notes=_notes(lead, event_date, len(groups)),
        fatalities=fatalities or 0,
        tags=_tags(members, len(groups)),
        timestamp=timestamp,
        injured=reconcile((m.published, m.candidate.injured) for m in members),
        geonameid=place.geonameid if place else None,
        modality=modality,
        attribution=None if asserted else _first_known([c.attribution for c in candidates]),
        confidence=_combined_confidence(groups),
        mention_count=len(members),
        source_count=len(groups),
        mentions=[_mention(m) for m in members],
    )


def _combined_confidence(groups: Sequence[Sequence[Member]]) -> float:
    """Independent sources corroborate: 1 - prod(1 - best confidence of each source)."""
    doubt = 1.0
    for group in groups:
        doubt *= 1.0 - max(m.candidate.confidence for m in group)
    return round(min(0.99, 1.0 - doubt), 4)


def _notes(lead: Member, event_date, sources: int) -> str:  # noqa: ANN001
    text = lead.candidate.notes.strip() or lead.candidate.evidence.sentence.strip()
    if not text.startswith("On "):
        text = f"On {event_date:%-d %B %Y}, {text[:1].lower()}{text[1:]}" if text else ""
    return f"{text} [{sources} source{'s' if sources != 1 else ''}]".strip()


def _tags(members: Sequence[Member], sources: int) -> str:
    tags = []
    copies = len({m.article_hash for m in members}) - sources
    if copies > 0:
        tags.append(f"syndicated copies={copies}")
    claimed_by = sorted({m.candidate.attribution for m in members
                         if m.candidate.modality == "claimed" and m.candidate.attribution})
    tags += [f"claimed by {who}" for who in claimed_by]
    return "; ".join(tags)


def _mention(member: Member) -> Mention:
    evidence = member.candidate.evidence
    return Mention(doc_id=member.doc_id, sentence=evidence.sentence,
                   char_start=evidence.char_start, char_end=evidence.char_end,
                   source=member.outlet, fatalities=member.candidate.fatalities,
                   published=member.published)
