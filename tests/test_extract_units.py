"""Unit tests of the extraction parts: lexicon, counts, modality, time, actors, scoring."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from polemos.dedup.acled import interaction
from polemos.evaluate.events import Report, haversine_km, match, score_document
from polemos.extract.actors import actor_book
from polemos.extract.casualties import find_counts
from polemos.extract.lexicon import find_triggers
from polemos.extract.modality import read_modality
from polemos.extract.timing import is_aggregate, is_background
from polemos.models import Article, EventCandidate, Evidence, Place
from polemos.nlp.dates import ResolvedDate
from polemos.pipeline import process_article

SNIPPETS = Path(__file__).parent / "data" / "snippets.jsonl"


@pytest.mark.parametrize("text,fatalities,injured", [
    ("a barrage killed at least six civilians and left dozens injured", 6, 12),
    ("shelling killed five people and wounded 22 on Monday", 5, 22),
    ("between 10 and 15 people were killed", 10, None),
    ("scores of people died", 24, None),
    ("several were wounded", None, 3),
    ("No casualties were reported.", 0, None),
    ("the death toll rose to 14", 14, None),
    ("some 65km from the town", None, None),
    ("killed 1e9 people", None, None),
])
def test_counts(text, fatalities, injured):
    dead = find_counts(text, "fatalities")
    hurt = find_counts(text, "injured")
    assert (dead[0].value if dead else None) == fatalities
    assert (hurt[0].value if hurt else None) == injured


@pytest.mark.parametrize("text,sub", [
    ("Warplanes bombed the market", "Air/drone strike"),
    ("A suicide bomber struck the checkpoint", "Suicide bomb"),
    ("The drone was intercepted", "Disrupted weapons use"),
    ("Police fired tear gas", "Protest with intervention"),
    ("Gunmen abducted 20 pupils", "Abduction/forced disappearance"),
])
def test_trigger_subtypes(text, sub):
    best = max(find_triggers(text), key=lambda hit: hit.rule.priority)
    assert best.rule.sub_event_type == sub


def test_march_the_month_is_not_a_protest():
    assert not find_triggers("In March the army moved east.")


@pytest.mark.parametrize("text,word,modality", [
    ("Putin ordered his army to capture the town", "capture", "forecast"),
    ("Zelensky vowed to retake the ground", "retake", "forecast"),
    ("Moscow denied that its missiles struck the mall", "missiles", "denied"),
    ("Russia's defence ministry said its forces captured the town", "captured", "claimed"),
    ("Russian forces captured the town", "captured", "asserted"),
])
def test_modality(text, word, modality):
    assert read_modality(text, text.index(word)).modality == modality


def test_attribution_names_the_source():
    text = "Ukraine's general staff reported attacks on towns north of the city"
    assert "general staff" in (read_modality(text, text.index("attacks")).attribution or "")


def test_background_horizon():
    published = date(2022, 7, 5)
    assert is_background(ResolvedDate(date(2022, 3, 1), 3, "in March"), published)
    assert not is_background(ResolvedDate(date(2022, 7, 3), 1, "Sunday"), published)
    assert not is_background(ResolvedDate(date(2022, 1, 1), 3, "in 2022"), published)
    assert is_aggregate("the weeks-long battle for the city")


def test_actor_names_and_inter_codes():
    book = actor_book()
    found = {m.key or m.kind: m for m in book.find("Kyiv's forces repelled the RSF and al-Shabaab")}
    day = date(2023, 5, 1)
    assert book.name(found["UA"], "UA", day) == "Military Forces of Ukraine (2019-)"
    assert book.name(found["Rapid Support Forces"], "SD", day) == "Rapid Support Forces"
    assert book.inter(found["Al Shabaab"]) == 2
    assert book.state_force("police", "KE", date(2024, 6, 25)) == "Police Forces of Kenya (2022-)"
    assert interaction(7, 1) == 17 and interaction(1, None) == 10


def _candidate(lat: float, day: date, event_type: str = "Battles") -> EventCandidate:
    place = Place(1, "X", "UA", None, lat, 37.0, "P")
    return EventCandidate(event_type, "Armed clash", day, 1, "A", None, "X", 1,
                          Evidence("d", "s", 0, 10), place=place)


def test_matching_is_one_to_one_within_25km_and_a_day():
    gold = {"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2022-07-03",
            "location": {"lat": 48.0, "lon": 37.0}}
    near = _candidate(48.1, date(2022, 7, 4))
    far = _candidate(49.0, date(2022, 7, 3))
    assert haversine_km(48.0, 37.0, 48.1, 37.0) < 25
    assert match([near, far], [gold], strict=True) == [(0, 0)]
    assert match([_candidate(48.0, date(2022, 7, 6))], [gold], strict=False) == []
    report = Report()
    score_document(report, {"id": "d", "events": [gold], "non_events": [
        {"text": "x", "reason": "forecast", "start": 2, "end": 4}]}, [near, near])
    summary = report.summary()
    assert (summary["tp"], summary["fp"], summary["fn"]) == (1, 1, 0)
    assert summary["non_event_fp_rate"] == 1.0


def test_snippet_set():
    """Our own labelled snippets: event type and sub-type (or none) per snippet."""
    rows = [json.loads(line) for line in SNIPPETS.read_text(encoding="utf-8").splitlines()]
    right = 0
    for row in rows:
        result = process_article(Article(row["id"], row["text"],
                                          date.fromisoformat(row["date"])))
        events = [c for c in result.candidates if c.is_event]
        if row["event_type"] == "none":
            right += not events
            continue
        right += any(e.event_type == row["event_type"]
                     and e.sub_event_type == row["sub_event_type"] for e in events)
    assert right / len(rows) >= 0.8


def test_counts_need_a_casualty_word():
    assert find_counts("Officials met 30 delegates on Monday.", "fatalities") == []
    assert find_counts("Officials met 30 delegates on Monday.", "injured") == []
    assert find_counts("The toll rose to 30.", "fatalities")[0].value == 30


def test_trigger_stems_are_a_safe_prefilter():
    """The literal prefilter only skips rules that cannot match: same triggers without it."""
    import dataclasses

    from polemos.extract import lexicon

    assert lexicon._stems(r"\bshell(?:ed|ing)\b|\bmissiles?\b|\b(?:car|truck) bombs?\b") == (
        "shell", "missile", "car", "truck")
    assert lexicon._stems(r"(?<!x)\bfoo\b") is None  # starts with no literal: always run
    samples = Path(__file__).parents[1] / "src" / "polemos" / "samples"
    texts = [json.loads(line)["text"] for line in SNIPPETS.read_text().splitlines() if line]
    texts += [path.read_text() for path in sorted(samples.glob("*.txt"))]
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text)]
    with_stems = [lexicon.find_triggers(s) for s in sentences]
    plain = [dataclasses.replace(rule, stems=None) for rule in lexicon.RULES]
    original = lexicon.RULES[:]
    try:
        lexicon.RULES[:] = plain
        without = [lexicon.find_triggers(s) for s in sentences]
    finally:
        lexicon.RULES[:] = original
    key = [[(h.rule.sub_event_type, h.start, h.end) for h in hits] for hits in with_stems]
    assert key == [[(h.rule.sub_event_type, h.start, h.end) for h in hits] for hits in without]
    assert sum(map(len, with_stems)) > 50
