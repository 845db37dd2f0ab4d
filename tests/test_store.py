"""The store on SQLite and PostgreSQL: migrations, idempotent saves, filters, safe URLs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from polemos.models import ArticleResult, Rejected
from polemos.store import Store, safe_url
from polemos.store.engine import normalise_url
from polemos.store.query import event_query
from polemos.store.schema import metadata
from polemos.store.spatial import GEOM, GEOM_INDEX
from store_factories import KHARTOUM, KRAMATORSK, SLOVYANSK, UKRAINE, result, shelling


def _filled(url: str) -> Store:
    store = Store(url)
    run = store.start_run(["x"])
    store.save_results([
        result("a", shelling("a"), source="Telegraph"),
        result("b", shelling("b", day=date(2022, 7, 10), place=KRAMATORSK, actor2=UKRAINE,
                             event_type="Battles", sub_event_type="Armed clash")),
        result("c", shelling("c", day=date(2023, 4, 15), place=KHARTOUM,
                             actor1="Rapid Support Forces", actor2=None)),
    ], run)
    store.rebuild_events()
    return store


def _not_postgis(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    return name not in (GEOM, GEOM_INDEX)  # PostGIS's optional column lives outside `metadata`


def test_migrations_build_exactly_the_schema_the_code_uses(store_url: str) -> None:
    store = Store(store_url)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _not_postgis})
        differences = compare_metadata(context, metadata)
    assert differences == []
    assert {"articles", "candidates", "events", "places", "actors", "runs", "quarantine",
            "alembic_version"} <= set(inspect(store.engine).get_table_names())
    Store(store_url)  # opening again is a no-op, not an error


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:  # noqa: ANN001
    store = Store(f"sqlite:///{tmp_path / 'wal.db'}")
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_saving_a_batch_twice_stores_it_once(store_url: str) -> None:
    store = _filled(store_url)
    before = store.counts()
    run = store.start_run(["again"])
    store.save_results([result("a", shelling("a"), source="Telegraph")], run)
    assert store.rebuild_events() == 3
    after = store.counts()
    assert {k: after[k] for k in ("articles", "candidates", "events")} == \
        {k: before[k] for k in ("articles", "candidates", "events")}
    assert store.known_hashes([result("a").article.content_hash, "nope"]) == \
        {result("a").article.content_hash}


def test_feed_votes_add_up_once_per_article(store_url: str) -> None:
    from dataclasses import replace

    from polemos.geo.feeds import FeedVotes

    ohio, texas = ("US.OH", "Ohio"), ("US.TX", "Texas")

    def voting(doc_id: str, *regions: tuple[str, str], url: str | None = "") -> ArticleResult:
        found = result(doc_id)
        url = f"https://paper.example/{doc_id}" if url == "" else url
        found.article = replace(found.article, url=url)
        found.local_regions = frozenset(regions)
        return found

    store = Store(store_url)
    run = store.start_run(["feed"])
    store.save_results([voting("a", ohio), voting("b", ohio, texas), voting("c")], run)
    store.save_results([voting("b", ohio, texas), voting("d", texas),
                        voting("e", ohio, url="https://other.example/e"),
                        voting("f", ohio, url=None)], run)  # "b" again: not counted twice
    paper = FeedVotes(3, {ohio: 2, texas: 2})
    assert store.feed_votes(["paper.example", "other.example", "none.example"]) == {
        "paper.example": paper, "other.example": FeedVotes(1, {ohio: 1})}


def test_concurrent_writers_count_an_article_once(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writers save the same article at once: both read it as not stored, but only the one
    whose insert stores it adds its candidates and its feed vote (PostgreSQL's ON CONFLICT
    makes the other wait, then skip the row; SQLite's writers take turns)."""
    import contextlib
    import threading
    from dataclasses import replace

    import polemos.store as store_module
    from polemos.geo.feeds import FeedVotes

    found = result("a", shelling("a"))
    found.article = replace(found.article, url="https://paper.example/a")
    found.local_regions = frozenset({("US.OH", "Ohio")})
    store = Store(store_url)
    run = store.start_run(["race"])
    both_read = threading.Barrier(2, timeout=3)
    read = store_module._stored

    def stored_then_wait(connection, hashes):  # noqa: ANN001, ANN202
        known = read(connection, hashes)
        # SQLite: the second writer waits at BEGIN IMMEDIATE instead, and the barrier breaks
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait()
        return known

    monkeypatch.setattr(store_module, "_stored", stored_then_wait)
    writers = [threading.Thread(target=store.save_results, args=([found], run))
               for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    ohio = FeedVotes(1, {("US.OH", "Ohio"): 1})
    assert store.feed_votes(["paper.example"]) == {"paper.example": ohio}
    assert store.counts()["candidates"] == len(found.candidates)


def test_filters(store_url: str) -> None:
    store = _filled(store_url)
    assert len(store.events()) == 3
    assert [e.geonameid for e in store.events(date_from="2022-07-05", date_to=date(2022, 12, 31))
            ] == [KRAMATORSK.geonameid]
    assert {e.geonameid for e in store.events(bbox=(37.0, 48.0, 38.0, 49.0))} == \
        {SLOVYANSK.geonameid, KRAMATORSK.geonameid}
    assert [e.country for e in store.events(country="SD")] == ["Sudan"]
    assert len(store.events(country="ukraine")) == 2
    assert len(store.events(admin1="Donetsk Oblast")) == 2
    assert [e.event_type for e in store.events(event_type="Battles")] == ["Battles"]
    assert len(store.events(event_type="Shelling/artillery/missile attack")) == 2
    assert [e.actor1 for e in store.events(actor="rapid support")] == ["Rapid Support Forces"]
    assert len(store.events(actor="Ukraine")) == 2  # Civilians (Ukraine), Military Forces of…
    page = store.events(limit=1, offset=1)
    assert [e.event_id_cnty for e in page] == [store.events()[1].event_id_cnty]
    with pytest.raises(TypeError):
        store.events(colour="red")


def test_filter_values_are_bound_not_spliced(store_url: str) -> None:
    store = _filled(store_url)
    assert store.events(actor="x'; DROP TABLE events; --") == []
    assert store.events(country="' OR '1'='1") == []
    assert store.events(actor="%") == []  # a literal percent sign, not a wildcard
    assert len(store.events()) == 3


def test_mentions_come_back_with_their_events(store_url: str) -> None:
    (event, *_) = _filled(store_url).events()
    (mention,) = event.mentions
    assert mention.doc_id == "a" and mention.source == "Telegraph"
    assert "Slov'yans'k" in mention.sentence and mention.char_end > mention.char_start


def test_rejections_are_quarantined_once(store_url: str) -> None:
    store = Store(store_url)
    run = store.start_run(["bad"])
    for _ in range(2):
        store.quarantine(Rejected("bad.jsonl", "invalid JSON", line=3), run)
    store.quarantine(Rejected("empty.txt", "no text"), run)
    assert [str(r) for r in store.quarantined()] == ["bad.jsonl:3: invalid JSON",
                                                     "empty.txt: no text"]


def test_a_plain_path_is_a_sqlite_file(tmp_path: Path) -> None:
    """`--db events.db` (no scheme) had raised SQLAlchemy's 'Could not parse URL'."""
    url = normalise_url(str(tmp_path / "events.db"))
    assert url.get_backend_name() == "sqlite" and url.database == str(tmp_path / "events.db")
    store = Store(str(tmp_path / "events.db"))
    assert store.events() == []  # a new, migrated, empty store
    with pytest.raises(ValueError, match="no database given"):
        normalise_url(" ")


def test_passwords_never_show() -> None:
    url = "postgresql://polemos:s3cret@db.example:5432/events"
    assert "s3cret" not in safe_url(url)
    assert normalise_url(url).drivername == "postgresql+psycopg"
    with pytest.raises(Exception) as error:
        Store("postgresql://polemos:s3cret@127.0.0.1:1/none?connect_timeout=1")
    assert "s3cret" not in str(error.value)


@pytest.mark.postgres
def test_store_repr_hides_the_password(pg_session_schema: str) -> None:
    from conftest import pg_url

    url = pg_url(f"{pg_session_schema}_pw").replace("postgres@", "postgres:s3cret@")
    store = Store(url)  # the test server trusts local connections, so any password works
    assert "s3cret" not in repr(store) and "***" in repr(store)
    assert store.backend == "postgresql"


_FILTER_INDEXES = {  # filter -> the index the plan must use (PostGIS replaces lat/lon)
    "date_from": ({"date_from": "2022-07-05", "date_to": "2022-07-20"}, "ix_events_date"),
    "bbox": ({"bbox": (37.0, 48.0, 38.0, 49.0)}, "ix_events_lat_lon"),
    "country": ({"country": "Ukraine"}, "ix_events_country_lower"),
    "admin1": ({"admin1": "donetsk oblast"}, "ix_events_admin1_lower"),
    "event_type": ({"event_type": "Battles"}, "ix_events_type"),
    "actor": ({"actor": "rapid support"}, "ix_events_actor1"),
}


def _plan(store: Store, filters: dict) -> str:
    """The backend's query plan for the events query with `filters` (indexes preferred over
    scans on PostgreSQL, whose planner would scan a table this small anyway)."""
    with store.reader.connect() as connection:
        statement = event_query(connection, False, filters, store.postgis)
        compiled = statement.compile(dialect=connection.dialect,
                                     compile_kwargs={"render_postcompile": True})
        if store.backend == "sqlite":
            params = tuple(compiled.params[name] for name in compiled.positiontup)
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params)
            return "\n".join(row[-1] for row in rows)
        connection.exec_driver_sql("SET enable_seqscan = off")
        rows = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
        return "\n".join(row[0] for row in rows)


@pytest.mark.parametrize("name", list(_FILTER_INDEXES))
def test_api_filters_use_an_index(store_url: str, name: str) -> None:
    store = _filled(store_url)
    filters, index = _FILTER_INDEXES[name]
    if name == "bbox" and store.postgis:
        index = GEOM_INDEX
    plan = _plan(store, filters)
    assert index in plan, plan
    assert "SCAN events\n" not in plan + "\n" and "Seq Scan on events" not in plan, plan


@pytest.mark.postgres
def test_postgis_is_used_when_the_server_has_it(pg_session_schema: str) -> None:
    from conftest import pg_url

    store = Store(pg_url(f"{pg_session_schema}_gis"))
    with store.engine.connect() as connection:
        offered = connection.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").first()
    if not offered:
        pytest.skip("this PostgreSQL server offers no PostGIS")
    assert store.postgis
    filled = _filled(store.url.render_as_string(hide_password=False))
    across = filled.events(bbox=(170.0, -90.0, 40.0, 90.0))  # crosses the antimeridian
    assert {e.geonameid for e in across} == {SLOVYANSK.geonameid, KRAMATORSK.geonameid,
                                             KHARTOUM.geonameid}
    assert filled.events(bbox=(-10.0, 0.0, 10.0, 10.0)) == []


@pytest.mark.postgres
def test_postgresql_without_postgis_works_the_same(pg_session_schema: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import polemos.store.spatial as spatial
    from conftest import pg_url

    monkeypatch.setattr(spatial, "enable_postgis", lambda connection: None)
    store = _filled(pg_url(f"{pg_session_schema}_nogis"))
    assert store.postgis is None
    assert {e.geonameid for e in store.events(bbox=(37.0, 48.0, 38.0, 49.0))} == \
        {SLOVYANSK.geonameid, KRAMATORSK.geonameid}
    assert "ix_events_lat_lon" in _plan(store, {"bbox": (37.0, 48.0, 38.0, 49.0)})


def test_an_older_schema_is_upgraded_on_open(store_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from polemos.store.engine import MIGRATIONS, open_engine

    engine = open_engine(store_url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO runs (id, started_at, inputs) VALUES (1, CURRENT_TIMESTAMP, '[]')"))
    engine.dispose()
    store = Store(store_url)  # migrates 0001 -> head
    with store.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0004"
        indexes = {index["name"] for index in inspect(connection).get_indexes("events")}
        place_columns = {column["name"] for column in inspect(connection).get_columns("places")}
        tables = set(inspect(connection).get_table_names())
    assert {"ix_events_sub_event_type", "ix_events_assoc_actor_1"} <= indexes
    assert "admin2" in place_columns
    assert {"feed_hosts", "feed_votes"} <= tables
    assert store.counts()["runs"] == 1


def test_an_events_admin2_is_its_places_county(store_url: str) -> None:
    """ACLED's admin2 comes from the gazetteer's second-level area of the event's town, through
    the stored place (events are rebuilt from the store)."""
    from dataclasses import replace

    paris = replace(SLOVYANSK, geonameid=4646571, name="Paris", country="US", admin1="Tennessee",
                    lat=36.302, lon=-88.3267, admin1_code="US.TN", admin2="Henry County")
    store = Store(store_url)
    store.save_results([result("p", shelling("p", place=paris))], store.start_run(["x"]))
    store.rebuild_events()
    assert [(e.location, e.admin2) for e in store.events()] == [("Paris", "Henry County")]
