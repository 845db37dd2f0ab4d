"""The daily situation report: grouping, totals, evidence, and statements kept apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from polemos.cli import app
from polemos.models import Article, ArticleResult, EventCandidate, Evidence, Place
from polemos.serve.document import md_escape
from polemos.serve.report import load_day, render_report
from polemos.store import Store
from test_export import make_event
from test_serve import FakeStore

DAY = date(2022, 7, 3)


def _day_store() -> FakeStore:
    return FakeStore([
        make_event(),  # Sloviansk shelling, 6 killed, Donetsk Oblast
        make_event(event_id_cnty="UKR0003", event_type="Battles", sub_event_type="Armed clash",
                   location="Lysychansk", admin1="Luhansk Oblast", fatalities=0, injured=None,
                   civilian_targeting=False, mentions=[]),
        make_event(event_id_cnty="UKR0004", location="Kramatorsk", fatalities=2, injured=3,
                   source_count=1, mentions=[]),
        make_event(event_id_cnty="UKR0009", location="Bakhmut", modality="forecast",
                   attribution="UK Ministry of Defence", fatalities=0, mentions=[]),
        make_event(event_id_cnty="KEN0001", event_date=date(2024, 6, 25), country="Kenya"),
    ])


def test_report_groups_totals_and_separates_statements() -> None:
    text = render_report(load_day(_day_store(), DAY), "md")
    summary, statements = text.split("## Statements, not events")
    assert "# Situation report — 2022-07-03" in summary
    assert "Events: 3 (Explosions/Remote violence 2, Battles 1)" in summary
    assert "Fatalities: 8 " in summary and "injured: 27" in summary
    assert "| Donetsk Oblast | 2 | Explosions/Remote violence 2 | 8 | 27 |" in summary
    assert "| Luhansk Oblast | 1 | Battles 1 | 0 | 0 |" in summary
    assert "Kenya" not in text  # another day
    assert "Bakhmut" not in summary  # the forecast is not an event
    assert "forecast (UK Ministry of Defence)" in statements and "Bakhmut" in statements
    # notable events: most fatalities first, with their evidence sentence and document
    assert summary.index("1. Shelling/artillery/missile attack — Sloviansk") < summary.index(
        "2. Shelling/artillery/missile attack — Kramatorsk")
    assert "> A barrage on Sloviansk killed at least six civilians." in summary
    assert "— telegraph-2022-07-05.txt" in summary


def test_empty_day_says_so() -> None:
    text = render_report(load_day(_day_store(), date(2020, 1, 1)), "md")
    assert "No events recorded for this day." in text and "None recorded." in text


def test_html_report_escapes_article_text() -> None:
    store = FakeStore([make_event(location="<script>alert(1)</script>")])
    page = render_report(load_day(store, DAY), "html")
    assert page.startswith("<!doctype html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<h2>Statements, not events</h2>" in page


def test_markdown_escape_neutralises_markup() -> None:
    assert md_escape("a|b *c* <i>") == r"a\|b \*c\* \<i\>"


def seed_sqlite(db_url: str) -> None:
    """A small real store: hand-made candidates saved and merged by the store itself."""
    places = {
        "Sloviansk": Place(700040, "Sloviansk", "UA", "Donetsk Oblast", 48.852, 37.615, "P"),
        "Lysychansk": Place(702972, "Lysychansk", "UA", "Luhansk Oblast", 48.904, 38.442, "P"),
        "Kramatorsk": Place(704508, "Kramatorsk", "UA", "Donetsk Oblast", 48.723, 37.556, "P"),
        "Khartoum": Place(379252, "Khartoum", "SD", "Khartoum", 15.552, 32.532, "P"),
        "Nairobi": Place(184745, "Nairobi", "KE", "Nairobi County", -1.283, 36.817, "P"),
        "Bakhmut": Place(712451, "Bakhmut", "UA", "Donetsk Oblast", 48.595, 38.000, "P"),
    }
    rows = [  # (place, day, type, sub-type, actor1, actor2, fatalities, modality, sentence)
        ("Sloviansk", date(2022, 7, 3), "Explosions/Remote violence",
         "Shelling/artillery/missile attack", "Military Forces of Russia (2000-)",
         "Civilians (Ukraine)", 6, "asserted", "Artillery fire on Sloviansk killed six people."),
        ("Lysychansk", date(2022, 7, 3), "Battles", "Armed clash",
         "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)", 0,
         "asserted", "Russian troops took Lysychansk after weeks of fighting."),
        ("Kramatorsk", date(2022, 4, 8), "Explosions/Remote violence",
         "Shelling/artillery/missile attack", "Military Forces of Russia (2000-)",
         "Civilians (Ukraine)", 50, "asserted", "A missile hit the Kramatorsk railway station."),
        ("Khartoum", date(2023, 4, 15), "Battles", "Armed clash",
         "Military Forces of Sudan (2019-)", "Rapid Support Forces", 3, "asserted",
         "The army and the RSF fought in central Khartoum."),
        ("Nairobi", date(2024, 6, 25), "Protests", "Excessive force against protesters",
         "Police Forces of Kenya (2022-)", "Protesters (Kenya)", 5, "asserted",
         "Police fired on protesters outside parliament in Nairobi."),
        ("Bakhmut", date(2022, 7, 3), "Battles", "Armed clash",
         "Military Forces of Russia (2000-)", None, 0, "forecast",
         "Bakhmut is likely to be the next target."),
    ]
    results = []
    for n, (name, day, kind, sub, actor1, actor2, dead, modality, sentence) in enumerate(rows):
        article = Article(f"doc-{n}.txt", sentence, published=day, source=f"Wire {n}")
        candidate = EventCandidate(
            kind, sub, day, 1, actor1, actor2, name, 1,
            Evidence(article.doc_id, sentence, 0, len(sentence)), place=places[name],
            fatalities=dead, modality=modality,  # type: ignore[arg-type]
            attribution="Analysts" if modality == "forecast" else None)
        results.append(ArticleResult(article, [], [candidate]))
    store = Store(db_url)
    store.save_results(results, store.start_run(["hand-made"]))
    store.rebuild_events()
    store.close()


def test_report_command_on_a_real_store(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    seed_sqlite(db)
    out = tmp_path / "sitrep.html"
    result = CliRunner().invoke(app, ["report", "--date", "2022-07-03", "--db", db,
                                      "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    body, statements = page.split("Statements, not events")
    assert "Artillery fire on Sloviansk killed six people." in body
    assert "Lysychansk" in body and "Bakhmut" not in body and "Nairobi" not in body
    assert "Bakhmut is likely to be the next target." in statements
    md = CliRunner().invoke(app, ["report", "--date", "2022-07-03", "--db", db])
    assert md.exit_code == 0 and "Events: 2 " in md.stdout


def test_report_command_rejects_bad_input(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    bad_date = CliRunner().invoke(app, ["report", "--date", "2022-13-40", "--db", db])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output
    bad_format = CliRunner().invoke(app, ["report", "--date", "2022-07-03", "--db", db,
                                          "--format", "pdf"])
    assert bad_format.exit_code == 2
