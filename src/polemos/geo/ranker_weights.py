"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32193
candidates of 3202 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 9.4946,
    "population_share": -1.0251,
    "most_populous": 0.4370,
    "country": 2.2091,
    "admin1": 9.4280,
    "admin2": 5.5737,
    "continent": 14.5241,
    "capital": 1.2990,
    "primary_name": -0.5369,
    "demonym": 3.1754,
    "abbreviation": 0.0251,
    "country_mentioned": 1.1427,
    "admin1_mentioned": 2.1217,
    "country_focus": 3.4407,
    "nearness": 4.5699,
    "near_share": -0.0353,
    "region_hint_area": 0.2105,
    "region_hint_town": -0.1601,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.5670,
    "qualified": 3.2356,
    "qualifier_area": 0.7522,
    "admin1_focus": 2.5909,
    "support": 4.0976,
    "country_population": 12.7864,
    "country_nearness": 5.0218,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.2196, -0.0658, 1.4786, -0.5881, 0.0426, -0.0172, 1.3183, 0.6245, 0.9199]
