"""The geoparse scorer on hand-made documents, and the CLI wiring on a local Typer app."""

from __future__ import annotations

import json
import math
from pathlib import Path

import typer
from typer.testing import CliRunner

from polemos import cli_geo
from polemos.evaluate.geoparse import (
    GoldDoc,
    GoldToponym,
    auc_of_errors,
    evaluate,
    load_docs,
)
from polemos.geo.geoparser import Geoparser

TEXT = "Shelling hit Kharkiv and Qwxzyville. Officials in Lviv said."
KHARKIV = GoldToponym(13, 20, "Kharkiv", 49.98, 36.25, 706483)
QWX = GoldToponym(25, 35, "Qwxzyville", 10.0, 10.0, None)
LVIV_WRONG = GoldToponym(50, 54, "Lviv", -33.0, 151.0, None)  # gold put far away on purpose


def _doc() -> GoldDoc:
    return GoldDoc("d1", TEXT, (KHARKIV, QWX, LVIV_WRONG), ())


def test_auc_matches_definition() -> None:
    assert auc_of_errors([0.0, 0.0, 0.0]) == 0.0
    worst = auc_of_errors([20039.0, 20039.0])
    assert worst is not None and math.isclose(worst, 1.0, abs_tol=1e-3)


def test_gold_span_protocol_counts_all_and_conditional() -> None:
    result = evaluate([_doc()], Geoparser(), gold_spans=True)
    assert result["n"] == 3
    assert result["acc_at_161km"] == round(1 / 3, 4)  # Kharkiv right; unknown and far gold wrong
    assert result["n_reachable"] == 1  # only Kharkiv has a candidate within 161 km of gold
    assert result["acc_at_161km_conditional"] == 1.0
    assert result["exact_geonameid"] == 1.0


def test_end_to_end_detection_and_toponym_f1() -> None:
    result = evaluate([_doc()], Geoparser())
    assert result["detection_exact"]["precision"] == 1.0  # Kharkiv and Lviv found, exactly
    assert result["detection_exact"]["recall"] == round(2 / 3, 4)
    assert result["toponym_161km"]["precision"] == 0.5  # Lviv found but far from its gold
    assert 0.0 < result["toponym_f1_161km"] < 1.0


def test_split_filter(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    rows = [{"id": str(i), "text": TEXT, "toponyms": [], "mordecai3_split_approx": part}
            for i, part in enumerate(["train", "boundary", "eval"])]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    assert [d.doc_id for d in load_docs(path, "eval")] == ["2"]
    assert [d.doc_id for d in load_docs(path, "train")] == ["0"]
    assert len(load_docs(path, "all")) == 3


def _app() -> typer.Typer:
    app, eval_app, bench_app = typer.Typer(), typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")
    cli_geo.register(app, eval_app, bench_app)
    return app


def test_cli_geoparse_and_eval_json(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(_app(), ["geoparse", "-"], input=TEXT)
    assert out.exit_code == 0, out.output
    toponyms = json.loads(out.output.strip().splitlines()[-1])["toponyms"]
    assert [t["text"] for t in toponyms] == ["Kharkiv", "Lviv"]
    first = toponyms[0]
    assert first["country"] == "UA" and TEXT[first["start"] : first["end"]] == "Kharkiv"
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "1", "text": TEXT, "toponyms": [
        {"text": "Kharkiv", "start": 13, "end": 20, "lat": 49.98, "lon": 36.25}]}))
    out = runner.invoke(_app(), ["eval", "geoparse", str(path), "--gold-spans", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output.strip().splitlines()[-1])["acc_at_161km"] == 1.0


def test_cli_geoparse_names_a_bad_input_and_reads_other_encodings(tmp_path: Path) -> None:
    """A binary, missing or oversized file ends the command with exit 2 and a message naming
    it (no traceback); Windows-1252 text is read, with a warning."""
    runner = CliRunner()
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    for path in (binary, tmp_path / "missing.txt"):
        out = runner.invoke(_app(), ["geoparse", str(path)])
        assert out.exit_code == 2 and path.name in out.output, out.output
        assert "Traceback" not in out.output
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 5_000_001)
    out = runner.invoke(_app(), ["geoparse", str(big)])
    assert out.exit_code == 2 and "limit" in out.output
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Shelling hit Kharkiv, said the caf\u00e9 owner.".encode("cp1252"))
    out = runner.invoke(_app(), ["geoparse", str(latin)])
    assert out.exit_code == 0 and "Windows-1252" in out.output
    assert json.loads(out.output.strip().splitlines()[-1])["toponyms"][0]["name"] == "Kharkiv"


def test_broken_corpus_lines_are_named_and_the_rest_is_scored(tmp_path: Path) -> None:
    good = {"id": "1", "text": TEXT, "toponyms": [
        {"text": "Kharkiv", "start": 13, "end": 20, "lat": 49.98, "lon": 36.25}]}
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join([json.dumps(good), "{broken", json.dumps({"id": "2"}), "[1]"]))
    problems: list[str] = []
    assert [d.doc_id for d in load_docs(path, "all", problems)] == ["1"]
    assert [p.split(": ")[0] for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    out = CliRunner().invoke(_app(), ["eval", "geoparse", str(path), "--gold-spans", "--json"])
    assert out.exit_code == 0 and f"{path}:2: skipped, not JSON" in out.output
    assert json.loads(out.output.strip().splitlines()[-1])["acc_at_161km"] == 1.0


def test_train_ranker_scores_with_the_evaluators_conditional_metric() -> None:
    """Model choice (`train_ranker.conditional_accuracy`) counts like `acc_at_161km_conditional`:
    Kharkiv right, Paris put in Texas on purpose (reachable, the ranker picks France: wrong),
    the unknown town and the far Lviv left out as unreachable."""
    from polemos.geo.resolve import scorer
    from polemos.geo.train_ranker import conditional_accuracy

    text = TEXT + " Paris was quiet."
    paris_texas = GoldToponym(len(TEXT) + 1, len(TEXT) + 6, "Paris", 33.66, -95.55, None)
    doc = GoldDoc("d2", text, (KHARKIV, QWX, LVIV_WRONG, paris_texas), ())
    parser = Geoparser()
    result = evaluate([doc], parser, gold_spans=True, use_url=False)
    assert result["n_reachable"] == 2 and result["acc_at_161km_conditional"] == 0.5
    assert conditional_accuracy(parser, [doc], scorer(None)) == 0.5


def test_model_choice_resolves_the_gold_mentions_only() -> None:
    """`train_ranker.ranked` resolves the gold spans; the detected ones after them ('Lviv') are
    their context only."""
    from polemos.geo.resolve import scorer
    from polemos.geo.train_ranker import gold_mentions, ranked

    doc = GoldDoc("d3", TEXT, (KHARKIV,), ())
    candidates, entries = gold_mentions(Geoparser(), doc)
    assert len(candidates) > 1
    (resolution,) = ranked(candidates, entries, scorer(None), len(doc.toponyms))
    assert resolution.toponym.text == "Kharkiv" and resolution.toponym.place.country == "UA"
