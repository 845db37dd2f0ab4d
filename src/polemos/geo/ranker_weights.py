"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32193
candidates of 3202 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 9.4580,
    "population_share": -1.0033,
    "most_populous": 0.4254,
    "country": 2.1848,
    "admin1": 9.3947,
    "admin2": 5.5507,
    "continent": 14.4970,
    "capital": 1.2913,
    "primary_name": -0.5477,
    "demonym": 3.1586,
    "abbreviation": 0.0249,
    "country_mentioned": 1.1472,
    "admin1_mentioned": 2.0860,
    "country_focus": 3.4330,
    "nearness": 4.6157,
    "near_share": 0.0027,
    "region_hint_area": 0.2095,
    "region_hint_town": -0.1588,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.5692,
    "qualified": 3.2449,
    "qualifier_area": 0.7516,
    "admin1_focus": 2.5522,
    "support": 4.0365,
    "country_population": 12.7911,
    "country_nearness": 4.9597,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.2690, -0.0707, 1.5234, -0.5961, 0.1397, -0.2037, 1.2464, 0.6634, 0.9460]
