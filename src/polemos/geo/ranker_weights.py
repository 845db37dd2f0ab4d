"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 21046
candidates of 2805 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": 0.0000,
    "log_population": 14.4043,
    "population_share": -2.3724,
    "most_populous": 0.9557,
    "country": 4.3887,
    "admin1": 11.2576,
    "admin2": 2.9944,
    "continent": 16.6117,
    "capital": 0.3926,
    "primary_name": 1.2026,
    "demonym": 2.4277,
    "abbreviation": 0.0164,
    "country_mentioned": 1.0884,
    "admin1_mentioned": 2.2214,
    "country_focus": 3.9523,
    "nearness": 4.8686,
    "near_share": -0.5918,
    "region_hint_area": 0.3781,
    "region_hint_town": -0.2303,
    "ambiguity": 0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.2110,
    "qualified": 3.5086,
    "qualifier_area": 3.2097,
    "admin1_focus": 2.0420,
    "support": 4.1823,
    "country_population": 13.8087,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.1876, -0.2494, 2.5893, -1.9493, 0.1336, 0.4993, 1.0497, 0.4106, 1.0112]
