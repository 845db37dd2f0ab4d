"""Three articles on the 3 July 2022 shelling of Slovyansk become one event with three sources.

The seed is the Telegraph's report; the two others (tests/data/slovyansk) were written for
these tests in our own words. They run through the real pipeline (ingest, geo, extraction).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from polemos.runner import run_inputs
from polemos.store import Store
from store_factories import another_database

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / ".." / "shared" / "seed" / "telegraph-2022-07-05.txt"
OTHERS = sorted((HERE / "data" / "slovyansk").glob("*.txt"))
SLOVYANSK = 693468


@pytest.fixture(autouse=True)
def _need_seed() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (shared/ must sit beside the checkout)")


def _shelling(store: Store) -> list:
    return [e for e in store.events() if e.geonameid == SLOVYANSK
            and e.event_type == "Explosions/Remote violence"]


def test_three_reports_make_one_event_with_three_sources(store_url: str) -> None:
    run_inputs([str(SEED), *map(str, OTHERS)], store_url)
    (event,) = _shelling(Store(store_url))
    assert (event.mention_count, event.source_count) == (3, 3)
    assert {m.doc_id for m in event.mentions} == {SEED.name, *(p.name for p in OTHERS)}
    assert event.fatalities == 6
    assert event.actor2 == "Civilians (Ukraine)"


def test_later_articles_merge_into_the_existing_event(store_url: str, tmp_path: Path) -> None:
    url = store_url
    run_inputs([str(SEED)], url)
    (first,) = _shelling(Store(url))
    assert first.source_count == 1
    for other in reversed(OTHERS):
        run_inputs([str(other)], url)
    (merged,) = _shelling(Store(url))
    assert merged.source_count == 3
    together = another_database(store_url, tmp_path)
    run_inputs([str(SEED), *map(str, OTHERS)], together)

    def comparable(store: Store) -> list[dict]:
        return [{k: v for k, v in dataclasses.asdict(e).items() if k != "timestamp"}
                for e in store.events(include_statements=True)]

    assert comparable(Store(url)) == comparable(Store(together))
