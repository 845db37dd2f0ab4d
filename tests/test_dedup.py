"""Cross-document dedup: merge rules, source counting, fatalities, order independence."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

import pytest

from polemos.dedup.fatalities import reconcile
from polemos.store import Store
from store_factories import (
    CIVILIANS,
    KHARTOUM,
    KRAMATORSK,
    MYKOLAIVKA,
    RUSSIA,
    UKRAINE,
    another_database,
    result,
    shelling,
)

D = date(2022, 7, 3)


def _stored(url: str, *results, batches: int = 1) -> Store:
    store = Store(url)
    run = store.start_run(["test"])
    size = max(1, -(-len(results) // batches))
    for start in range(0, len(results), size):
        store.save_results(list(results[start:start + size]), run)
        store.rebuild_events()
    return store


def _comparable(events) -> list[dict]:  # noqa: ANN001
    rows = []
    for event in events:
        row = dataclasses.asdict(event)
        row.pop("timestamp")
        rows.append(row)
    return rows


def test_three_reports_of_one_shelling_are_one_event(store_url: str) -> None:
    store = _stored(store_url,
                    result("a", shelling("a", fatalities=6), source="Telegraph"),
                    result("b", shelling("b", fatalities=8), source="Kyiv Independent"),
                    result("c", shelling("c", day=D + timedelta(days=1), fatalities=None),
                           source="Reuters"))
    (event,) = store.events()
    assert (event.mention_count, event.source_count) == (3, 3)
    assert event.source == "Kyiv Independent; Reuters; Telegraph"
    assert event.fatalities == 6  # lowest of conflicting same-day reports
    assert event.event_date == D and event.geonameid == 693468
    assert {m.doc_id for m in event.mentions} == {"a", "b", "c"}
    assert event.event_id_cnty.startswith("UKR") and event.iso == 804
    assert (event.country, event.region, event.admin1) == ("Ukraine", "Europe", "Donetsk Oblast")
    assert event.interaction == 78 and event.year == 2022


@pytest.mark.parametrize("other", [
    shelling("b", day=D + timedelta(days=2)),             # two days later
    shelling("b", place=KRAMATORSK),                       # 15 km away
    shelling("b", place=KHARTOUM),                         # another country
    shelling("b", event_type="Battles", sub_event_type="Armed clash", actor2=UKRAINE),
    shelling("b", actor1=UKRAINE, actor2="Military Forces of Belarus (1994-)"),
])
def test_different_events_stay_apart(store_url: str, other) -> None:  # noqa: ANN001
    store = _stored(store_url, result("a", shelling("a")), result("b", other))
    assert len(store.events()) == 2


def test_nearby_place_unknown_actor_and_swapped_sides_merge(store_url: str) -> None:
    store = _stored(store_url, result("a", shelling("a")),
                    result("b", shelling("b", place=MYKOLAIVKA, actor2=None)),
                    result("c", shelling("c", actor1=CIVILIANS, actor2=RUSSIA)))
    (event,) = store.events()
    assert event.mention_count == 3
    assert event.geonameid == 693468  # the seed's place and most common


def test_candidates_of_one_article_never_merge(store_url: str) -> None:
    both = result("a", shelling("a", fatalities=2), shelling("a", fatalities=3))
    store = _stored(store_url, both)
    assert len(store.events()) == 2


def test_syndicated_copies_are_one_source(store_url: str) -> None:
    wire = ("Russian artillery pounded the city of Slovyansk in eastern Ukraine on Sunday, killing"
            " at least six civilians and wounding more than a dozen, the regional governor said."
            " Rescue crews searched the rubble of a residential block into the evening while"
            " air raid sirens sounded again across the Donetsk region.")
    store = _stored(store_url,
                    result("a", shelling("a"), source="Wire A", text=wire),
                    result("b", shelling("b"), source="Daily B", text=wire + " Copyright B."),
                    result("c", shelling("c"), source="Paper C"))
    (event,) = store.events()
    assert (event.mention_count, event.source_count) == (3, 2)
    assert "syndicated copies=1" in event.tags


def test_later_report_updates_the_toll(store_url: str) -> None:
    store = _stored(store_url,
                    result("a", shelling("a", fatalities=6), published=date(2022, 7, 4)),
                    result("b", shelling("b", fatalities=4), published=date(2022, 7, 4)),
                    result("c", shelling("c", fatalities=9), published=date(2022, 7, 6)))
    (event,) = store.events()
    assert event.fatalities == 9


def test_forecasts_are_statements_not_events(store_url: str) -> None:
    store = _stored(store_url, result("a", shelling("a"), shelling("a", place=KRAMATORSK,
                                                                    modality="forecast")))
    assert len(store.events()) == 1
    statements = [e for e in store.events(include_statements=True) if e.modality == "forecast"]
    assert len(statements) == 1 and statements[0].geonameid == 704508
    assert store.rebuild_events() == 1


def test_event_id_survives_later_reports(store_url: str) -> None:
    store = _stored(store_url, result("a", shelling("a")))
    (first,) = store.events()
    # a report dated a day later sorts after the seed, so the event keeps its id
    _stored(store_url, result("later", shelling("later", day=D + timedelta(days=1))))
    (merged,) = store.events()
    assert merged.mention_count == 2
    assert merged.event_id_cnty == first.event_id_cnty


def _daily_shelling_corpus() -> list:
    """Shelling of one town on seven consecutive days by several outlets: chains of ±1 day."""
    results = []
    for day in range(7):
        for outlet in range(1 + day % 3):
            doc = f"d{day}-o{outlet}"
            results.append(result(doc, shelling(doc, day=D + timedelta(days=day),
                                                fatalities=day + outlet),
                                  source=f"Outlet {outlet}"))
    results.append(result("far", shelling("far", place=KRAMATORSK)))
    return results


def test_events_do_not_depend_on_arrival_order(store_url: str, tmp_path) -> None:  # noqa: ANN001
    def another_url() -> str:
        return another_database(store_url, tmp_path)

    corpus = _daily_shelling_corpus()
    reference = _comparable(_stored(store_url, *corpus).events())
    assert 4 <= len(reference) <= 8  # seven days chained by ±1 day are not one event
    for trial in range(4):
        shuffled = corpus[:]
        random.Random(trial).shuffle(shuffled)
        again = _comparable(_stored(another_url(), *shuffled, batches=1 + trial * 2).events())
        assert again == reference, f"order {trial} gave different events"
    backwards = _comparable(_stored(another_url(), *reversed(corpus), batches=len(corpus))
                            .events())
    assert backwards == reference, "one article at a time, newest first"


@pytest.mark.parametrize(("reports", "expected"), [
    ([], None),
    ([(date(2022, 7, 4), None)], None),
    ([(date(2022, 7, 4), 6), (date(2022, 7, 4), 8)], 6),
    ([(date(2022, 7, 4), 6), (date(2022, 7, 5), 10)], 10),
    ([(date(2022, 7, 4), 12), (date(2022, 7, 6), 9), (date(2022, 7, 6), 11)], 9),
    ([(None, 5), (None, 3)], 3),
    ([(None, 2), (date(2022, 7, 4), 7)], 7),
])
def test_fatalities_follow_acled_rules(reports, expected) -> None:  # noqa: ANN001
    assert reconcile(reports) == expected


def test_rebuilding_in_small_windows_gives_the_same_events(store_url: str, tmp_path,  # noqa: ANN001
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    rebuild = importlib.import_module("polemos.store.rebuild")  # the module, not its function
    corpus = _daily_shelling_corpus()
    whole = _comparable(_stored(store_url, *corpus).events())
    monkeypatch.setattr(rebuild, "WINDOW_CANDIDATES", 1)  # every day a window of its own
    windowed = _stored(another_database(store_url, tmp_path), *corpus, batches=3)
    assert _comparable(windowed.events()) == whole
