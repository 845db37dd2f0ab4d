"""Source locality hint from an article's URL (`polemos.geo.source`), against the real index."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from polemos import cli_geo
from polemos.evaluate.geoparse import evaluate, load_docs
from polemos.geo.gazetteer import get_gazetteer
from polemos.geo.geoparser import Geoparser
from polemos.geo.source import HostSegmenter, host_of, source_hint, split_host


@pytest.fixture(scope="module")
def segmenter() -> HostSegmenter:
    return HostSegmenter(get_gazetteer())


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(ner=False)


def test_host_and_suffix() -> None:
    assert host_of("https://www.Example.co.uk/a/b?c=1") == "www.example.co.uk"
    assert host_of("example.com/x") == "example.com"
    assert host_of(None) is None and host_of("") is None
    # hostile "hosts" are none: longer than DNS allows, a label over 63, spaces
    assert host_of("http://" + "a" * 300 + ".com/x") is None
    assert host_of("http://" + "b" * 64 + ".com/") is None
    assert host_of("http://exa mple.com/") is None
    assert host_of("https://Київ.укр/новини") == "київ.укр"
    assert split_host("www.thisisoxfordshire.co.uk") == (["thisisoxfordshire"], "GB")
    assert split_host("chronicle.augusta.com") == (["augusta", "chronicle"], None)
    assert split_host("lfpress.ca") == (["lfpress"], "CA")
    assert split_host("www.wsoctv.com") == (["wsoctv"], None)
    assert split_host("example.tv")[1] is None  # a vanity ccTLD names no country


@pytest.mark.parametrize(("label", "pieces"), [
    ("columbuslocalnews", ["columbus", "local", "news"]),
    ("norfolkdailynews", ["norfolk", "daily", "news"]),
    ("thisisoxfordshire", ["this", "is", "oxfordshire"]),
    ("newarkadvocate", ["newark", "advocate"]),  # not 'new' + 'ark'
    ("wvgazette", ["wv", "gazette"]),
    ("kansascity", ["kansas city"]),
    ("star-telegram", ["star", "telegram"]),  # a word that is also a town stays a word
])
def test_segmentation(segmenter: HostSegmenter, label: str, pieces: list[str]) -> None:
    found = segmenter.segment(label)
    assert found is not None and [name for name, _ in found] == pieces


@pytest.mark.parametrize("label", ["lfpress", "ajc", "dispatchx", "xyzq"])
def test_no_full_segmentation(segmenter: HostSegmenter, label: str) -> None:
    assert segmenter.segment(label) is None


def test_hints(segmenter: HostSegmenter) -> None:
    columbus = source_hint("http://columbuslocalnews.com/story/1", segmenter)
    assert columbus is not None and columbus.names == ("columbus",) and columbus.country is None
    assert any(p.admin1_code == "US.OH" for p, _ in columbus.places)
    wv = source_hint("http://wvgazette.com/News/1", segmenter)
    assert wv is not None and [p.admin1_code for p, _ in wv.places] == ["US.WV"]
    canada = source_hint("http://lfpress.ca/news/1", segmenter)
    assert canada is not None and canada.country == "CA" and not canada.places
    uk = source_hint("http://www.thisisoxfordshire.co.uk/news/1", segmenter)
    assert uk is not None and uk.country == "GB" and uk.names == ("oxfordshire",)
    # only places of the ccTLD's country: London, Ontario's paper names no English town
    assert all(p.country == "CA" for p, _ in source_hint(
        "http://london.example.ca/", segmenter).places)
    # two places glued out of letters ('mo' + 'ney') are no paper's name
    assert source_hint("http://money.cnn.com/x", segmenter) is None
    assert source_hint("https://www.reuters.com/world/x", segmenter) is None
    assert source_hint(None, segmenter) is None


def _resolved(parser: Geoparser, text: str, url: str | None) -> dict[str, tuple]:
    return {t.text: (t.place.country, t.place.admin1) if t.place else None
            for t in parser.parse(text, source_url=url)}


def test_hint_changes_resolution(parser: Geoparser) -> None:
    text = "Police in Dublin arrested a man on Tuesday after a crash on Main Street."
    assert _resolved(parser, text, None)["Dublin"] == ("IE", None)
    hinted = _resolved(parser, text, "http://columbuslocalnews.com/articles/1")
    assert hinted["Dublin"] == ("US", "Ohio")


def test_no_hint_is_text_only(parser: Geoparser) -> None:
    text = ("Officials in Kharkiv said shelling hit Izium and Kupiansk; Dublin and Paris "
            "condemned the attack.")
    plain = [t.as_json() for t in parser.parse(text)]
    assert [t.as_json() for t in parser.parse(text, source_url=None)] == plain
    assert [t.as_json() for t in parser.parse(text, "https://www.reuters.com/world/x")] == plain
    many = parser.parse_many([text, text], [None, "https://www.reuters.com/world/x"])
    assert [[t.as_json() for t in found] for found in many] == [plain, plain]


def test_hint_is_never_a_toponym(parser: Geoparser) -> None:
    text = "A fire destroyed a barn on Tuesday, firefighters said."
    assert parser.parse(text, source_url="http://columbuslocalnews.com/a") == []


DUBLIN_TEXT = "Police in Dublin arrested a man on Tuesday after a crash on Main Street."
DUBLIN_OHIO = (40.0992, -83.1141)


def _dublin_record() -> dict:
    start = DUBLIN_TEXT.index("Dublin")
    return {"id": "1", "text": DUBLIN_TEXT, "url": "http://columbuslocalnews.com/articles/1",
            "toponyms": [{"text": "Dublin", "start": start, "end": start + 6,
                          "lat": DUBLIN_OHIO[0], "lon": DUBLIN_OHIO[1]}]}


def test_eval_uses_the_url_unless_told_not_to(tmp_path, parser: Geoparser) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(_dublin_record()) + "\n")
    docs = load_docs(path, "all")
    assert docs[0].url == "http://columbuslocalnews.com/articles/1"
    with_url = evaluate(docs, parser, gold_spans=True)
    text_only = evaluate(docs, parser, gold_spans=True, use_url=False)
    assert with_url["acc_at_161km"] == 1.0 and with_url["source_url"] is True
    assert text_only["acc_at_161km"] == 0.0 and text_only["source_url"] is False


def test_cli_url_options(tmp_path) -> None:
    app, eval_app, bench_app = typer.Typer(), typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")
    cli_geo.register(app, eval_app, bench_app)
    runner = CliRunner()
    out = runner.invoke(app, ["geoparse", "-", "--url", "http://columbuslocalnews.com/a"],
                        input=DUBLIN_TEXT)
    assert out.exit_code == 0, out.output
    found = json.loads(out.output.strip().splitlines()[-1])["toponyms"]
    assert any(t["text"] == "Dublin" and t["country"] == "US" for t in found)
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(_dublin_record()) + "\n")
    scores = []
    for extra in ([], ["--no-url"]):
        out = runner.invoke(app, ["eval", "geoparse", str(path), "--gold-spans", "--split", "all",
                                  "--json", *extra])
        assert out.exit_code == 0, out.output
        scores.append(json.loads(out.output.strip().splitlines()[-1])["acc_at_161km"])
    assert scores == [1.0, 0.0]


def test_pipeline_passes_the_article_url() -> None:
    from polemos.models import Article
    from polemos.pipeline import process_batch

    local, plain = process_batch([
        Article("a", DUBLIN_TEXT, url="http://columbuslocalnews.com/articles/1"),
        Article("b", DUBLIN_TEXT)])
    assert [(t.text, t.place.country) for t in local.toponyms if t.text == "Dublin"] == [
        ("Dublin", "US")]
    assert [(t.text, t.place.country) for t in plain.toponyms if t.text == "Dublin"] == [
        ("Dublin", "IE")]
