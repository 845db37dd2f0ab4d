"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 31417
candidates of 3114 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": 0.0000,
    "log_population": 9.5763,
    "population_share": -1.0762,
    "most_populous": 0.4969,
    "country": 2.1628,
    "admin1": 9.2047,
    "admin2": 5.8790,
    "continent": 14.8349,
    "capital": 1.3078,
    "primary_name": -0.3561,
    "demonym": 3.3940,
    "abbreviation": 0.0320,
    "country_mentioned": 1.1314,
    "admin1_mentioned": 2.2238,
    "country_focus": 3.4801,
    "nearness": 4.8185,
    "near_share": -0.1522,
    "region_hint_area": 0.2215,
    "region_hint_town": -0.1580,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": 0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.9904,
    "qualified": 3.2269,
    "qualifier_area": 0.8579,
    "admin1_focus": 2.3330,
    "support": 3.9317,
    "country_population": 12.8569,
    "country_nearness": 5.2019,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.2598, -0.0467, 1.3687, -0.7331, 0.1683, 0.5643, 0.9226, 0.7276, 1.0274]
