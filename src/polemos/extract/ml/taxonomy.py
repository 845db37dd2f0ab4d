"""ACLED's 25 sub-event types and the event type each belongs to (DESIGN.md, Taxonomy)."""

from __future__ import annotations

NONE = "none"

_TYPES = {
    "Battles": ("Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

EVENT_TYPE_OF: dict[str, str] = {sub: kind for kind, subs in _TYPES.items() for sub in subs}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(EVENT_TYPE_OF)


def event_type_of(sub_event_type: str) -> str:
    """The event type of a sub-type; "none" for "none" and for names outside the taxonomy."""
    return EVENT_TYPE_OF.get(sub_event_type, NONE)
