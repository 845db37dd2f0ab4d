"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 24500
mention-candidate pairs). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -3.7390,
    "log_population": 4.4835,
    "population_share": -0.0953,
    "most_populous": 0.1742,
    "country": 6.9214,
    "admin1": 5.0806,
    "admin2": 2.7511,
    "continent": 7.0147,
    "capital": 0.3997,
    "primary_name": -1.2597,
    "demonym": -1.9864,
    "abbreviation": 1.7319,
    "country_mentioned": 0.6168,
    "admin1_mentioned": 2.0891,
    "country_focus": 0.9860,
    "nearness": 2.0941,
    "near_share": 4.9823,
    "region_hint_area": 0.7225,
    "region_hint_town": -0.0459,
    "ambiguity": -4.4429,
    "title_before": 0.0000,
    "name_after": -0.0326,
    "primary_elsewhere": -2.9918,
    "region_abbreviation": -1.4650,
    "qualified": 1.8100,
    "qualifier_area": 2.0240,
    "admin1_focus": -0.8677,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.9325, 0.4427, 0.0778, 2.1778]
