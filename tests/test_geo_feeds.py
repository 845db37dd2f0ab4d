"""A feed's home region from its other articles (`polemos.geo.feeds`), against the real index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from polemos.evaluate.geoparse import GoldDoc, GoldToponym, evaluate
from polemos.geo.feeds import FeedHint, FeedVotes, feed_homes
from polemos.geo.geoparser import Geoparser

OHIO = ("US.OH", "Ohio")
TEXAS = ("US.TX", "Texas")
PAPER = "https://www.dailyadvocate.example/news/{}"  # a host that names no place
# two stories of the paper that name Ohio towns, and one that names only its own town
OHIO_STORIES = [
    "Heath police arrested two men on Tuesday after a chase through Granville, Ohio.",
    "The Zanesville, Ohio, school board voted to close two buildings in Licking County.",
]
NEWARK_STORY = "The Newark City Council approved a new contract for the fire department."


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(ner=False)


def test_home_is_the_other_articles_majority() -> None:
    hosts = ["a.com", "a.com", "a.com", "b.com"]
    regions = [frozenset({OHIO}), frozenset({OHIO, TEXAS}), frozenset(), frozenset({OHIO})]
    homes = feed_homes(hosts, regions)
    assert homes[2] == OHIO  # both others say Ohio
    assert homes[0] is None  # one other article only: too few
    assert homes[3] is None  # the host's only article


def test_no_home_without_a_majority_or_a_host() -> None:
    regions = [frozenset({OHIO}), frozenset({TEXAS}), frozenset({("US.CA", "California")}),
               frozenset({OHIO})]
    assert feed_homes(["wire.com"] * 4, regions)[3] is None  # 1 of 3 others: no majority
    assert feed_homes([None, None, None], [frozenset({OHIO})] * 3) == [None, None, None]


def test_an_article_does_not_confirm_itself() -> None:
    regions = [frozenset({TEXAS}), frozenset({OHIO}), frozenset({OHIO})]
    assert feed_homes(["a.com"] * 3, regions)[0] == OHIO


def test_stored_articles_vote_too() -> None:
    # a lone article of the batch hears its host's stored articles
    assert feed_homes(["a.com"], [frozenset()], {"a.com": FeedVotes(2, {OHIO: 2})}) == [OHIO]
    # a wire's chance agreement in one batch fades among its many stored articles
    regions = [frozenset({OHIO}), frozenset({OHIO}), frozenset()]
    assert feed_homes(["wire.com"] * 3, regions)[2] == OHIO
    spread = FeedVotes(8, {OHIO: 1, TEXAS: 3})
    assert feed_homes(["wire.com"] * 3, regions, {"wire.com": spread})[2] is None
    # another host's votes say nothing of this one
    assert feed_homes(["b.com"], [frozenset()], {"a.com": FeedVotes(5, {OHIO: 5})}) == [None]


def test_feed_places_the_papers_own_town(parser: Geoparser) -> None:
    texts = [*OHIO_STORIES, NEWARK_STORY]
    urls = [PAPER.format(i) for i in range(len(texts))]
    alone = parser.parse(NEWARK_STORY, urls[-1])
    assert [t.place.admin1 for t in alone if t.text == "Newark"] == ["New Jersey"]
    hints = parser.feed_hints(texts, urls)
    assert isinstance(hints[-1], FeedHint) and hints[-1].region.name == "Ohio"
    batch = parser.parse_many(texts, urls)
    assert [t.place.admin1 for t in batch[-1] if t.text == "Newark"] == ["Ohio"]
    assert all(t.text != "Ohio" or t.start >= 0 for found in batch for t in found)


def test_other_hosts_and_no_urls_are_unchanged(parser: Geoparser) -> None:
    texts = [*OHIO_STORIES, NEWARK_STORY]
    plain = [[t.as_json() for t in parser.parse(text)] for text in texts]
    assert [[t.as_json() for t in found] for found in parser.parse_many(texts)] == plain
    mixed = [PAPER.format(0), PAPER.format(1), "https://www.otherpaper.example/1"]
    newark = parser.parse_many(texts, mixed)[-1]
    assert [t.place.admin1 for t in newark if t.text == "Newark"] == ["New Jersey"]


def test_eval_feeds_read_no_gold(parser: Geoparser) -> None:
    texts = [*OHIO_STORIES, NEWARK_STORY]
    # the gold of the Ohio stories is deliberately absurd: feeds must not read it
    named = zip(texts[:2], ["Granville", "Zanesville"], strict=True)
    docs = [GoldDoc(str(i), text, (_gold(text, name, 0.0, 0.0),), (), PAPER.format(i))
            for i, (text, name) in enumerate(named)]
    newark = _gold(NEWARK_STORY, "Newark", 40.0581, -82.4013)
    docs.append(GoldDoc("2", NEWARK_STORY, (newark,), (), PAPER.format(2)))
    plain = evaluate(docs[2:], parser, gold_spans=True)
    fed = evaluate(docs, parser, gold_spans=True, feeds=True)
    assert plain["acc_at_161km"] == 0.0
    assert fed["feeds"] is True
    assert fed["n"] == 3 and fed["acc_at_161km"] == pytest.approx(1 / 3, abs=1e-3)


def test_eval_feed_batches_hear_earlier_batches_only(parser: Geoparser) -> None:
    newark = _gold(NEWARK_STORY, "Newark", 40.0581, -82.4013)
    stories = [GoldDoc(str(i), text, (), (), PAPER.format(i))
               for i, text in enumerate(OHIO_STORIES)]
    first = GoldDoc("2", NEWARK_STORY, (newark,), (), PAPER.format(2))
    # one document per batch: Newark after the Ohio stories hears them, before them it does not
    late = evaluate([*stories, first], parser, gold_spans=True, feeds=True, feed_batch=1)
    early = evaluate([first, *stories], parser, gold_spans=True, feeds=True, feed_batch=1)
    assert (late["acc_at_161km"], early["acc_at_161km"]) == (1.0, 0.0)
    assert late["feed_batch"] == 1
    late, early = (evaluate(docs, parser, feeds=True, feed_batch=1)
                   for docs in ([*stories, first], [first, *stories]))
    assert (late["acc_at_161km"], early["acc_at_161km"]) == (1.0, 0.0)


def _gold(text: str, name: str, lat: float, lon: float) -> GoldToponym:
    start = text.index(name)
    return GoldToponym(start, start + len(name), name, lat, lon, None)


def test_a_pipeline_partition_is_a_batch() -> None:
    from polemos.models import Article
    from polemos.pipeline import process_batch

    texts = [*OHIO_STORIES, NEWARK_STORY]
    articles = [Article(str(i), text, url=PAPER.format(i)) for i, text in enumerate(texts)]
    results = process_batch(articles)
    assert [t.place.admin1 for t in results[-1].toponyms if t.text == "Newark"] == ["Ohio"]
    alone = process_batch(articles[-1:])[0]
    assert [t.place.admin1 for t in alone.toponyms if t.text == "Newark"] == ["New Jersey"]


def test_a_partition_hears_the_stored_votes() -> None:
    from polemos.models import Article
    from polemos.pipeline import process_batch

    articles = [Article(str(i), text, url=PAPER.format(i))
                for i, text in enumerate([*OHIO_STORIES, NEWARK_STORY])]
    first = process_batch(articles[:2])
    assert [r.local_regions for r in first] == [frozenset({OHIO})] * 2
    votes = {"www.dailyadvocate.example": FeedVotes(2, {OHIO: 2})}
    alone = process_batch(articles[-1:], votes)[0]
    assert [t.place.admin1 for t in alone.toponyms if t.text == "Newark"] == ["Ohio"]
    # its vote is its own first reading (a doubtful Newark: none), not the hint's sure Ohio
    assert alone.local_regions == frozenset()


def test_a_failed_feed_reading_keeps_the_first(parser: Geoparser,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*OHIO_STORIES, NEWARK_STORY]
    urls = [PAPER.format(i) for i in range(len(texts))]
    expected = [[t.as_json() for t in parser.parse(text, url)] for text, url in zip(
        texts, urls, strict=True)]

    def broken(self: Geoparser, draft: object, extra: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Geoparser, "redraft", broken)
    batch = parser.parse_many(texts, urls)
    assert [[t.as_json() for t in found] for found in batch] == expected


def test_cli_feeds_option(tmp_path) -> None:
    from typer.testing import CliRunner

    from polemos import cli_geo

    app, eval_app, bench_app = typer.Typer(), typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")
    cli_geo.register(app, eval_app, bench_app)
    texts = [*OHIO_STORIES, NEWARK_STORY]
    names = ["Granville", "Zanesville", "Newark"]
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i, (text, name) in enumerate(zip(texts, names, strict=True)):
            start = text.index(name)
            gold = {"start": start, "end": start + len(name), "text": name,
                    "lat": 40.0581, "lon": -82.4013}  # all three near Newark, Ohio
            handle.write(json.dumps({"id": str(i), "text": text, "url": PAPER.format(i),
                                     "toponyms": [gold]}) + "\n")
    runner = CliRunner()
    newark = []
    for extra in ([], ["--feeds"], ["--feeds", "--feed-batch", "1"]):
        out = runner.invoke(app, ["eval", "geoparse", str(path), "--gold-spans", "--split",
                                  "all", "--json", "--errors", str(tmp_path / "e.jsonl"), *extra])
        assert out.exit_code == 0, out.output
        rows = [json.loads(line) for line in (tmp_path / "e.jsonl").open()]
        newark.append(rows[-1]["pred"]["admin1"])
    assert newark == ["New Jersey", "Ohio", "Ohio"]
    out = runner.invoke(app, ["eval", "geoparse", str(path), "--feeds", "--no-url"])
    assert out.exit_code == 2
    out = runner.invoke(app, ["eval", "geoparse", str(path), "--feeds", "--feed-batch", "-1"])
    assert out.exit_code == 2



SHOOTING_STORY = ("Newark police said a man was shot dead outside a bar on Main Street on Monday "
                  "night.")


def _jsonl(path: Path, texts: list[str], first: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(texts, start=first):
            handle.write(json.dumps({"id": str(i), "date": "2024-03-01", "text": text,
                                     "url": PAPER.format(i)}) + "\n")
    return path


def test_partitions_and_runs_hear_the_stored_votes(store_url: str, tmp_path: Path) -> None:
    from polemos.runner import run_inputs
    from polemos.store import Store

    earlier = _jsonl(tmp_path / "monday.jsonl", OHIO_STORIES)
    run_inputs([earlier], store_url, batch_size=1)  # one article per partition
    store = Store(store_url)
    assert store.feed_votes(["www.dailyadvocate.example", "other.example"]) == {
        "www.dailyadvocate.example": FeedVotes(2, {OHIO: 2})}
    later = _jsonl(tmp_path / "tuesday.jsonl", [SHOOTING_STORY], first=2)
    run_inputs([later], store_url, batch_size=1)
    events = store.events()
    shooting = [(e.location, e.admin1) for e in events if e.fatalities]
    assert shooting == [("Newark", "Ohio")]  # alone: New Jersey
    votes = store.feed_votes(["www.dailyadvocate.example"])
    run_inputs([earlier, later], store_url)  # a rerun adds no vote and no event
    assert store.feed_votes(["www.dailyadvocate.example"]) == votes
    assert len(store.events()) == len(events)
    store.close()


def test_cli_geoparse_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from polemos import cli_geo, runner

    path = _jsonl(tmp_path / "feed.jsonl", [*OHIO_STORIES, NEWARK_STORY])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "broken", "text": "Kyiv\n')  # line 4: not JSON
    app = typer.Typer()
    app.command("geoparse")(cli_geo.geoparse_command)
    app.command("other")(lambda: None)
    cli = CliRunner()
    for batch in (200, 1):  # one batch, then one article per batch hearing the earlier ones
        monkeypatch.setattr(runner, "BATCH_SIZE", batch)
        out = cli.invoke(app, ["geoparse", "--articles", str(path)])
        assert out.exit_code == 1
        lines = [json.loads(line) for line in out.stdout.splitlines()]
        assert [line["id"] for line in lines] == ["0", "1", "2"]
        newark = [t["admin1"] for t in lines[2]["toponyms"] if t["text"] == "Newark"]
        assert newark == ["Ohio"]
        assert f"{path}:4" in out.stderr
    out = cli.invoke(app, ["geoparse", "--articles", str(path), "--url", "https://x.example"])
    assert out.exit_code == 2
    out = cli.invoke(app, ["geoparse", "--articles", "-"], input=path.read_text())  # stdin
    assert out.exit_code == 1 and "standard input:4" in out.stderr
    assert [json.loads(line)["id"] for line in out.stdout.splitlines()] == ["0", "1", "2"]


def test_a_hostile_url_neither_votes_nor_breaks_its_partition(store_url: str,
                                                              tmp_path: Path) -> None:
    import random

    from polemos.runner import run_inputs
    from polemos.store import Store

    # 1,990 random CJK characters: 6 KB that PostgreSQL cannot compress into an index key
    draw = random.Random(7)
    noise = "".join(chr(draw.randint(0x4E00, 0x9FFF)) for _ in range(1990))
    path = tmp_path / "hostile.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(OHIO_STORIES):
            url = f"https://{noise}.example/{i}" if i == 0 else PAPER.format(i)
            handle.write(json.dumps({"id": str(i), "text": text, "url": url}) + "\n")
    summary = run_inputs([path], store_url)
    assert summary.articles_processed == 2 and not summary.rejected
    store = Store(store_url)
    assert store.counts()["articles"] == 2
    assert store.feed_votes(["www.dailyadvocate.example"]) == {
        "www.dailyadvocate.example": FeedVotes(1, {OHIO: 1})}
    store.close()


@pytest.mark.slow
def test_dask_workers_hear_and_keep_the_votes(store_url: str, tmp_path: Path) -> None:
    """On Dask the worker reads the votes through its own store connection, and the rows it
    sends back (SQLite: the driver writes them) or writes (PostgreSQL) carry its articles'."""
    from polemos.runner import run_inputs
    from polemos.store import Store

    earlier = _jsonl(tmp_path / "monday.jsonl", OHIO_STORIES)
    run_inputs([earlier], store_url, batch_size=1, cluster="local", workers=2)
    store = Store(store_url)
    assert store.feed_votes(["www.dailyadvocate.example"]) == {
        "www.dailyadvocate.example": FeedVotes(2, {OHIO: 2})}
    later = _jsonl(tmp_path / "tuesday.jsonl", [SHOOTING_STORY], first=2)
    run_inputs([later], store_url, batch_size=1, cluster="local", workers=2)
    assert [(e.location, e.admin1) for e in store.events() if e.fatalities] == [
        ("Newark", "Ohio")]
    store.close()
