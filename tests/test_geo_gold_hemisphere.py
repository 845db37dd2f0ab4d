"""`--repair-gold-hemisphere` on synthetic records: a stub gazetteer and a stub reverse geocoder."""

from __future__ import annotations

import json
from pathlib import Path

from polemos.evaluate.geoparse import GoldDoc, GoldToponym, load_docs
from polemos.evaluate.gold_hemisphere import Location, qualifiers, repair_counts, repair_docs
from polemos.geo.names import fold
from polemos.models import Place

STATE = Place(1, "South Dakota", "US", "South Dakota", 44.5, -100.0, "A", "ADM1")
VICTORIA_AU = Place(2, "Victoria", "AU", "Victoria", -37.0, 144.0, "A", "ADM1")
VICTORIA_CA = Place(3, "Victoria", "CA", "British Columbia", 48.43, -123.37, "P", "PPLA", 290_000)
FRANCE = Place(4, "France", "FR", None, 46.0, 2.0, "A", "PCLI")
PLACES = {"south dakota": [STATE], "victoria": [VICTORIA_AU, VICTORIA_CA], "france": [FRANCE]}


def lookup(key: str) -> list[Place]:
    return PLACES.get(key, [])


def locate(points: list[tuple[float, float]]) -> list[Location]:
    """A toy world: a US box (South Dakota inside it), Australia (Victoria in its south-east),
    France, and China for everything else north of the equator in the east."""
    out = []
    for lat, lon in points:
        if 25 < lat < 49 and -125 < lon < -67:
            admin1 = "South Dakota" if 42.5 < lat < 46 and -104 < lon < -96.4 else "Nebraska"
            out.append(Location("US", admin1, "", lat, lon))
        elif -44 < lat < -10 and 113 < lon < 154:
            admin1 = "Victoria" if lat < -34 and lon > 141 else "New South Wales"
            out.append(Location("AU", admin1, "", lat, lon))
        elif 42 < lat < 51 and -5 < lon < 8:
            out.append(Location("FR", "Ile-de-France", "", lat, lon))
        elif 0 < lat < 55 and 70 < lon < 135:
            out.append(Location("CN", "Gansu", "", lat, lon))
        else:  # open sea: the nearest reference town is far away
            out.append(Location("XX", "", "", lat + 5.0, lon))
    return out


def _doc(title: str | None, lat: float, lon: float, name: str = "Mitchell",
         extra: tuple[GoldToponym, ...] = ()) -> GoldDoc:
    text = f"{name} is a town. {name} grew."
    second = len(name) + 12
    golds = (GoldToponym(0, len(name), name, lat, lon, None),
             GoldToponym(second, second + len(name), name, lat, lon, None)) + extra
    return GoldDoc("d", text, golds, (), title=title)


def _repair(doc: GoldDoc):
    fixed, repairs = repair_docs([doc], lookup=lookup, locate=locate)
    return fixed[0], repairs


def test_qualifiers() -> None:
    assert qualifiers("Mitchell, South Dakota") == ("Mitchell", ("South Dakota",))
    assert qualifiers("Providence, San Bernardino County, California") == (
        "Providence", ("San Bernardino County", "California"))
    assert qualifiers("Victoria (Australia)") == ("Victoria", ("Australia",))
    assert qualifiers("Paris") == ("Paris", ())
    assert qualifiers(None) == ("", ())


def test_lost_west_sign_is_restored_for_every_mention() -> None:
    fixed, repairs = _repair(_doc("Mitchell, South Dakota", 43.71, 98.03))
    assert [(g.lat, g.lon) for g in fixed.toponyms] == [(43.71, -98.03)] * 2
    assert len(repairs) == 1 and repairs[0].flip == "lon" and repairs[0].toponyms == 2
    assert repairs[0].reason == "admin"
    assert repair_counts(repairs)["toponyms_lon"] == 2


def test_lost_south_sign_picks_the_state_not_the_other_meaning() -> None:
    # "Victoria" is also a Canadian town; only the Australian state holds a flipped point
    fixed, repairs = _repair(_doc("Longwood, Victoria", 36.8, 145.42, "Longwood"))
    assert (fixed.toponyms[0].lat, fixed.toponyms[0].lon) == (-36.8, 145.42)
    assert repairs[0].flip == "lat"


def test_correct_point_is_kept() -> None:
    fixed, repairs = _repair(_doc("Mitchell, South Dakota", 43.71, -98.03))
    assert repairs == [] and fixed.toponyms[0].lon == -98.03


def test_point_in_the_right_country_but_another_region_is_kept() -> None:
    # in Nebraska, not South Dakota, and no flip lands in South Dakota: keep
    fixed, repairs = _repair(_doc("Mitchell, South Dakota", 41.0, -98.0))
    assert repairs == [] and fixed.toponyms[0].lon == -98.0


def test_flip_into_the_open_sea_or_elsewhere_is_not_made() -> None:
    fixed, repairs = _repair(_doc("Mitchell, France", 30.0, 100.0))  # flips: sea, not France
    assert repairs == [] and fixed.toponyms[0].lat == 30.0


def test_country_qualifier_and_near_original_kept() -> None:
    fixed, repairs = _repair(_doc("Mitchell, France", 46.5, -6.5))  # flipped lon is in France
    assert repairs[0].reason == "country" and fixed.toponyms[0].lon == 6.5
    # within 100 km of a place of the qualifier's name (the town Victoria, B.C.), though the
    # locator puts it in another country than the area named "Victoria": kept
    _, repairs = _repair(_doc("Oak Bay, Victoria", 48.43, -123.3, "Oak Bay"))
    assert repairs == []


def test_no_qualifier_or_other_names_untouched() -> None:
    fixed, repairs = _repair(_doc("Mitchell", 43.71, 98.03))
    assert repairs == [] and fixed.toponyms[0].lon == 98.03
    other = GoldToponym(30, 35, "Omaha", 41.25, 95.93, None)
    fixed, repairs = _repair(_doc("Mitchell, South Dakota", 43.71, 98.03, extra=(other,)))
    assert fixed.toponyms[2] == other and repairs[0].toponyms == 2
    fixed, repairs = _repair(_doc(None, 43.71, 98.03))
    assert repairs == []


def test_load_docs_reads_the_title(tmp_path: Path) -> None:
    path = tmp_path / "w.jsonl"
    row = {"id": "0", "text": "Mitchell.", "wikipedia_title": "Mitchell, South Dakota",
           "toponyms": [{"text": "Mitchell", "start": 0, "end": 8, "lat": 43.71, "lon": 98.03}]}
    path.write_text(json.dumps(row))
    (doc,) = load_docs(path, "all")
    assert doc.title == "Mitchell, South Dakota"
    fixed, _ = repair_docs([doc], lookup=lookup, locate=locate)
    assert fold(fixed[0].toponyms[0].text) == "mitchell" and fixed[0].toponyms[0].lon == -98.03


def test_cli_repair_reports_raw_and_repaired(tmp_path: Path) -> None:
    """The real gazetteer and reverse_geocoder: raw stays the headline, the repair sits beside."""
    import typer
    from typer.testing import CliRunner

    from polemos import cli_geo

    app, eval_app, bench_app = typer.Typer(), typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")
    cli_geo.register(app, eval_app, bench_app)
    text = "Mitchell is a city in Davison County, South Dakota."
    row = {"id": "0", "text": text, "wikipedia_title": "Mitchell, South Dakota",
           "toponyms": [{"text": "Mitchell", "start": 0, "end": 8, "lat": 43.71, "lon": 98.03}]}
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps(row))
    errors = tmp_path / "errors.jsonl"
    out = CliRunner().invoke(app, ["eval", "geoparse", str(path), "--gold-spans", "--split",
                                   "all", "--repair-gold-hemisphere", "--errors", str(errors),
                                   "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output.strip().splitlines()[-1])
    assert result["acc_at_161km"] == 0.0  # the corpus' point is in China
    fixed = result["repaired_gold_hemisphere"]
    assert fixed["repairs"]["toponyms"] == 1 and fixed["repairs"]["toponyms_lon"] == 1
    assert fixed["acc_at_161km"] == 1.0
    assert json.loads(errors.read_text().splitlines()[0])["gold"] == [43.71, -98.03]
