"""`polemos classify --method rules` on snippets that name no place the gazetteer resolves:
the rules still give the sub-type their triggers state (classify only; `polemos run` keeps
requiring a place), and forecasts, vows and denials stay "none". Sentences invented here."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.extract.classify import classify_text
from polemos.extract.ml.snippets import Thresholds, combine
from polemos.models import Article
from polemos.pipeline import process_article

DAY = "2024-05-10"

PLACELESS = [
    ("A drone strike hit a fuel depot on the edge of the town on Monday, setting it ablaze.",
     "Air/drone strike"),
    ("Insurgents fired mortar rounds at the camp overnight, wounding four residents.",
     "Shelling/artillery/missile attack"),
    ("Police arrested eleven men during a dawn raid on the neighbourhood on Sunday.", "Arrests"),
    ("Gunmen abducted a village chief and two of his sons from their home late on Friday.",
     "Abduction/forced disappearance"),
    ("A roadside bomb exploded under a bus on the main road, killing three passengers.",
     "Remote explosive/landmine/IED"),
    ("Hundreds of teachers marched peacefully through the city centre on Thursday to demand "
     "back pay.", "Peaceful protest"),
    ("Police fired tear gas to disperse students rallying outside the university on Tuesday.",
     "Protest with intervention"),
    ("A suicide bomber blew himself up at a checkpoint at the entrance of the town on Saturday.",
     "Suicide bomb"),
]

NOT_EVENTS = [
    "The rebels vowed to attack the camp next week.",
    "The army denied that its jets had bombed the market.",
    "Officials warned that militants could launch new attacks on the town in the coming days.",
]


@pytest.mark.parametrize(("text", "sub"), PLACELESS)
def test_rules_classify_a_snippet_without_a_place(text: str, sub: str) -> None:
    label = classify_text("x", text, DAY)
    assert label["sub_event_type"] == sub
    assert label["located"] is False
    assert 0.0 < label["confidence"] <= 1.0


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_forecasts_vows_and_denials_stay_none(text: str) -> None:
    label = classify_text("x", text, DAY)
    assert (label["event_type"], label["sub_event_type"]) == ("none", "none")


def test_the_pipeline_still_stores_no_event_without_a_place() -> None:
    text, _ = PLACELESS[0]
    result = process_article(Article(doc_id="x", text=text, published=date(2024, 5, 10)))
    assert not [c for c in result.candidates if c.is_event]


def test_a_placed_snippet_keeps_its_located_event() -> None:
    label = classify_text("x", "Russian drones struck an apartment block in Odesa on Monday, "
                               "injuring four people.", DAY)
    assert label["sub_event_type"] == "Air/drone strike"
    assert label["located"] is True


def test_combined_may_relabel_a_placeless_rule_label_only_when_confident() -> None:
    limits = Thresholds(rules_unsure=0.5, fill_none=0.7, relabel=0.7)
    placeless = {"id": "x", "event_type": "Battles", "sub_event_type": "Armed clash",
                 "confidence": 0.9, "located": False}
    placed = {**placeless, "located": True}
    assert combine(placeless, "Attack", 0.8, limits)["sub_event_type"] == "Attack"
    assert combine(placeless, "Attack", 0.6, limits)["sub_event_type"] == "Armed clash"
    assert combine(placed, "Attack", 0.99, limits)["sub_event_type"] == "Armed clash"
    assert combine(placeless, "none", 0.99, limits)["sub_event_type"] == "Armed clash"


def test_each_snippet_is_analysed_and_geoparsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A place-less snippet is re-read from its first analysis, not analysed again, and the
    batch shares one NER pass."""
    from collections import Counter

    import polemos.nlp
    from polemos import pipeline
    from polemos.extract.ml.snippets import classify_records
    from polemos.geo.geoparser import Geoparser
    from polemos.geo.ner_check import NerCheck

    calls: Counter[str] = Counter()

    def counting(name: str, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    analyze = counting("analyze", polemos.nlp.analyze)
    monkeypatch.setattr(polemos.nlp, "analyze", analyze)
    monkeypatch.setattr(pipeline, "analyze", analyze)
    monkeypatch.setattr(Geoparser, "draft", counting("geoparse", Geoparser.draft))
    monkeypatch.setattr(NerCheck, "keep_many", counting("ner", NerCheck.keep_many))
    records = [{"id": "placeless", "text": PLACELESS[3][0], "date": DAY},
               {"id": "none", "text": NOT_EVENTS[0], "date": DAY},
               {"id": "placed", "text": "Russian drones struck an apartment block in Odesa on "
                                        "Monday, injuring four people.", "date": DAY}]
    labels = list(classify_records(records, "rules"))
    assert [(label["sub_event_type"], label["located"]) for label in labels] == [
        (PLACELESS[3][1], False), ("none", False), ("Air/drone strike", True)]
    assert calls == {"analyze": 3, "geoparse": 3, "ner": 1}
