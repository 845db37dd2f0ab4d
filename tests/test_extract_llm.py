"""The optional LLM extractor against a fake OpenAI-compatible server on 127.0.0.1.

The fake answers by the requested model name: good (with planted bad events that the checks
must drop), hallucinated, malformed JSON, fenced JSON, slow (timeouts), flaky (500 then good).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from polemos.extract.ml.llm import (
    Checker,
    LLMConfig,
    Normalised,
    extract_with_llm,
    numbers_in,
    parse_answer,
    same_event,
)
from polemos.models import AnalyzedDoc, Article, Place, Toponym
from polemos.nlp import analyze

# Written for these tests; the places are real, the events invented.
TEXT = ("Rebel fighters shelled the town of Kramatorsk on Monday, killing four civilians and "
        "wounding nine,\nthe governor said.\n\nThe army vowed to retake Lyman next week.\n\n"
        "On Tuesday, a crowd in Lyman chased and beat two men they took for looters.")
PUBLISHED = date(2023, 3, 8)  # a Wednesday: Monday is 6 March
KRAMATORSK = Place(704508, "Kramatorsk", "UA", "Donetsk Oblast", 48.72, 37.56, "P", "PPLA2",
                   150000)
LYMAN = Place(702658, "Lyman", "UA", "Donetsk Oblast", 48.99, 37.80, "P", "PPLA3", 20000)


def _toponyms() -> list[Toponym]:
    return [Toponym(TEXT.index("Kramatorsk"), TEXT.index("Kramatorsk") + 10, "Kramatorsk",
                    KRAMATORSK, 0.9),
            Toponym(TEXT.index("Lyman"), TEXT.index("Lyman") + 5, "Lyman", LYMAN, 0.9)]


def _event(**fields) -> dict:
    base = {"event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            # Whitespace differs from the article (double space, no newline): still verbatim.
            "evidence": "shelled the town of  Kramatorsk on Monday, killing four civilians and "
                        "wounding nine, the governor said",
            "location": "Kramatorsk, Ukraine", "date": "2023-03-06",
            "actor1": "rebel fighters", "actor2": "civilians", "fatalities": 4, "injured": 9}
    return {**base, **fields}


GOOD_EVENTS = [
    _event(),
    _event(evidence="Rebel fighters bombed the airport of Kramatorsk"),  # hallucinated
    _event(event_type="Battles"),  # sub-type of another type
    _event(location="Bakhmut"),  # no such place in the article
    _event(fatalities=40),  # a number the evidence does not state
    _event(date="2021-01-01"),  # long before publication
    {"event_type": "Battles"},  # malformed: required fields missing
    "not an object",
    {"event_type": "Battles", "sub_event_type": "Government regains territory",
     "evidence": "The army vowed to retake Lyman next week.", "location": "Lyman",
     "date": None, "actor1": "the army", "modality": "forecast"},
]


# An event the rule extractor misses (checked in the pipeline test).
MOB = {"event_type": "Riots", "sub_event_type": "Mob violence", "location": "Lyman",
       "evidence": "On Tuesday, a crowd in Lyman chased and beat two men", "date": "2023-03-07",
       "actor1": "Rioters (Ukraine)", "injured": 2}


def _content(model: str) -> str:
    if model == "pipeline":
        return json.dumps({"events": [*GOOD_EVENTS, MOB]})
    if model == "hallucinated":
        return json.dumps({"events": [_event(evidence="Jets struck a dam near Kramatorsk.")]})
    if model == "malformed":
        return '{"events": [{"event_type": "Battles", '
    if model == "fenced":
        return "```json\n" + json.dumps({"events": [_event()]}) + "\n```"
    return json.dumps({"events": GOOD_EVENTS})


class FakeLLM(BaseHTTPRequestHandler):
    requests: list[dict] = []
    flaky_failures = 0

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLLM.requests.append({"path": self.path, "body": body})
        model = body["model"]
        if model == "slow":
            time.sleep(1.0)
        if model == "missing":
            self._send(404, b'{"error": "model not found"}')
            return
        if model == "flaky" and FakeLLM.flaky_failures < 1:
            FakeLLM.flaky_failures += 1
            self._send(500, b'{"error": "overloaded"}')
            return
        answer = {"choices": [{"message": {"role": "assistant", "content": _content(model)}}]}
        self._send(200, json.dumps(answer).encode())

    def _send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # a client that timed out has left
            self.wfile.write(payload)

    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def fresh_log():
    FakeLLM.requests.clear()
    FakeLLM.flaky_failures = 0


def _doc() -> AnalyzedDoc:
    return analyze(Article(doc_id="fake-1", text=TEXT, published=PUBLISHED, source="Test Wire"))


def _run(url: str, model: str, **config) -> object:
    settings = {"timeout": 5.0, "retries": 1, "backoff": 0.01, **config}
    return extract_with_llm(_doc(), _toponyms(), LLMConfig(url, model, **settings))


def test_good_answer_is_checked_event_by_event(server_url):
    result = _run(server_url, "good")
    assert result.error is None
    shelling, forecast = result.candidates
    assert shelling.sub_event_type == "Shelling/artillery/missile attack"
    assert shelling.event_date == date(2023, 3, 6) and shelling.time_precision == 1
    assert shelling.place == KRAMATORSK and shelling.location == "Kramatorsk"
    assert (shelling.fatalities, shelling.injured) == (4, 9)
    start, end = shelling.evidence.char_start, shelling.evidence.char_end
    assert TEXT[start:end] == ("shelled the town of Kramatorsk on Monday, killing four civilians "
                               "and wounding nine,\nthe governor said")
    assert shelling.actor2 == "Civilians (Ukraine)" and shelling.civilian_targeting
    assert shelling.is_event and shelling.notes == "llm:good" and shelling.source == "Test Wire"
    assert not forecast.is_event and forecast.modality == "forecast"
    assert forecast.event_date == date(2023, 3, 7) and forecast.time_precision == 2
    reasons = [r.reason for r in result.rejected]
    assert reasons[0] == "evidence not in article"
    assert reasons[1].startswith("invalid type pair")
    assert reasons[2].startswith("place not found")
    assert reasons[3] == "fatalities 40 not stated in the evidence"
    assert reasons[4].endswith("outside the article's horizon")
    assert reasons[5].startswith("malformed event") and reasons[6].startswith("malformed event")
    assert len(reasons) == 7


def test_request_is_openai_chat_with_a_json_schema(server_url):
    _run(server_url + "/v1", "good")
    (request,) = FakeLLM.requests
    assert request["path"] == "/v1/chat/completions"
    body = request["body"]
    assert body["model"] == "good" and body["temperature"] == 0
    prompt = body["messages"][-1]["content"]
    assert TEXT in prompt and "2023-03-08" in prompt
    schema = body["response_format"]["json_schema"]["schema"]
    item = schema["properties"]["events"]["items"]
    assert {"event_type", "sub_event_type", "evidence", "location"} <= set(item["required"])


def test_hallucinated_evidence_yields_no_event(server_url):
    result = _run(server_url, "hallucinated")
    assert result.candidates == [] and result.error is None
    assert [r.reason for r in result.rejected] == ["evidence not in article"]


def test_malformed_json_is_retried_then_reported(server_url):
    result = _run(server_url, "malformed", retries=2)
    assert result.candidates == [] and "unparseable answer" in result.error
    assert len(FakeLLM.requests) == 3  # one try + two bounded retries


def test_code_fenced_json_is_accepted(server_url):
    (event,) = _run(server_url, "fenced").candidates
    assert event.fatalities == 4


def test_slow_server_times_out_within_bounds(server_url):
    started = time.monotonic()
    result = _run(server_url, "slow", timeout=0.2, retries=1)
    assert result.candidates == [] and "Timeout" in result.error
    assert len(FakeLLM.requests) == 2
    assert time.monotonic() - started < 1.5


def test_server_error_is_retried(server_url):
    result = _run(server_url, "flaky")
    assert result.error is None and len(result.candidates) == 2
    assert len(FakeLLM.requests) == 2


def test_client_error_is_reported_without_retrying(server_url):
    result = _run(server_url, "missing", retries=3)
    assert result.candidates == [] and result.error.startswith("HTTP 404")
    assert len(FakeLLM.requests) == 1


def test_dead_endpoint_is_an_error_not_a_crash():
    result = _run("http://127.0.0.1:9", "good", timeout=0.5, retries=1)
    assert result.candidates == [] and result.error


def test_pipeline_uses_the_llm_only_when_configured(server_url, monkeypatch):
    from polemos.pipeline import process_article

    article = Article(doc_id="fake-2", text=TEXT, published=PUBLISHED)
    monkeypatch.delenv("POLEMOS_LLM_URL", raising=False)
    monkeypatch.delenv("POLEMOS_LLM_MODEL", raising=False)
    rules_only = process_article(article)
    assert FakeLLM.requests == [] and rules_only.error is None
    monkeypatch.setenv("POLEMOS_LLM_URL", server_url)
    monkeypatch.setenv("POLEMOS_LLM_MODEL", "pipeline")
    both = process_article(article)
    assert len(FakeLLM.requests) == 1 and both.error is None
    assert not any(c.event_type == "Riots" for c in rules_only.candidates)
    assert [c.notes for c in both.candidates[: len(rules_only.candidates)]] == [
        c.notes for c in rules_only.candidates]
    # The shelling and the forecast the rules also found are not added twice; the mob is new.
    (added,) = both.candidates[len(rules_only.candidates):]
    assert (added.sub_event_type, added.location, added.injured) == ("Mob violence", "Lyman", 2)
    assert added.notes == "llm:pipeline" and added.place.geonameid == 704204
    assert not any(same_event(added, r) for r in rules_only.candidates)


def test_whitespace_normalised_search_maps_back_to_article_offsets():
    text = "A  b\n\nc   d."
    index = Normalised(text)
    assert index.text == "A b c d."
    start, end = index.find("b c\td")
    assert text[start:end] == "b\n\nc   d"
    assert index.find("b d") is None and index.find("   ") is None


def test_numbers_and_answer_parsing():
    assert {4, 9, 12} <= numbers_in("killing four and wounding 9, dozens fled")
    assert parse_answer('[{"a": 1}]') == [{"a": 1}]
    with pytest.raises(ValueError):
        parse_answer('{"answer": "none"}')


def test_config_from_env_and_endpoint(monkeypatch):
    monkeypatch.delenv("POLEMOS_LLM_URL", raising=False)
    assert LLMConfig.from_env() is None
    monkeypatch.setenv("POLEMOS_LLM_URL", "http://localhost:11434/")
    monkeypatch.setenv("POLEMOS_LLM_MODEL", "qwen")
    config = LLMConfig.from_env()
    assert config.endpoint == "http://localhost:11434/v1/chat/completions"
    assert LLMConfig("http://h/v1/chat/completions", "m").endpoint == "http://h/v1/chat/completions"


def test_date_without_publication_day_is_dropped():
    article = Article(doc_id="x", text=TEXT, published=None)
    checker = Checker(analyze(article), _toponyms(), "m")
    assert checker.check(_event(date=None)) == "no date and no publication date"
    assert checker.check(_event()).event_date == date(2023, 3, 6)
    assert checker.check(_event(evidence="shelled", fatalities=None, injured=None)) == (
        "evidence too short to state an event")


def test_run_command_enables_the_llm_by_option(server_url, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from polemos.cli import app

    for name in ("POLEMOS_LLM_URL", "POLEMOS_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)  # restored (absent) after the test
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "cli-1", "text": TEXT, "date": "2023-03-08"}) + "\n")
    db = f"sqlite:///{tmp_path / 'events.db'}"
    result = CliRunner().invoke(app, ["run", str(articles), "--db", db, "-q",
                                      "--llm-url", server_url, "--llm-model", "pipeline"])
    assert result.exit_code == 0, result.output
    assert len(FakeLLM.requests) == 1
    assert TEXT in FakeLLM.requests[0]["body"]["messages"][-1]["content"]
    stored = CliRunner().invoke(app, ["events", "--db", db, "--format", "jsonl"])
    assert stored.exit_code == 0, stored.output
    assert "Mob violence" in stored.output  # the LLM's event reached the store
    assert "POLEMOS_LLM_URL" not in os.environ  # the option switched the LLM on for that run only


def test_region_level_event_sits_at_the_region_capital():
    text = "Shelling hit villages across the Donetsk region on Monday, killing two people."
    region = Place(709716, "Donetsk Oblast", "UA", "Donetsk Oblast", 48.0, 37.8, "A", "ADM1", 0,
                   "UA.05")
    start = text.index("Donetsk")
    checker = Checker(analyze(Article(doc_id="r", text=text, published=PUBLISHED)),
                      [Toponym(start, start + 7, "Donetsk", region, 0.8)], "m")
    event = checker.check(_event(evidence="Shelling hit villages across the Donetsk region",
                                 location="Donetsk Oblast", fatalities=None, injured=None))
    assert event.location == "Donetsk Oblast" and event.geo_precision == 3
    assert event.place.feature_class == "P" and event.place.admin1_code == "UA.05"


def test_a_failing_endpoint_rests_instead_of_stalling_every_article(monkeypatch):
    from polemos.extract.ml import llm

    calls = []

    def down(doc, toponyms, config, client=None):
        calls.append(doc.article.doc_id)
        return llm.LLMResult(error="ConnectError: refused")

    monkeypatch.setattr(llm, "extract_with_llm", down)
    monkeypatch.setattr(llm, "_breakers", {})
    monkeypatch.setenv("POLEMOS_LLM_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("POLEMOS_LLM_MODEL", "m")
    doc = analyze(Article(doc_id="d", text=TEXT, published=PUBLISHED))
    for _ in range(8):
        assert llm.second_opinion(doc, _toponyms(), []) == []
    assert len(calls) == llm.Breaker().failures  # then the endpoint rests
