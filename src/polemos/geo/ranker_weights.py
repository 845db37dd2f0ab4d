"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 21046
candidates of 2805 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 14.1835,
    "population_share": -2.2493,
    "most_populous": 0.9287,
    "country": 14.0754,
    "admin1": 11.2509,
    "admin2": 2.9104,
    "continent": 16.5784,
    "capital": 0.3275,
    "primary_name": 1.2985,
    "demonym": 2.9516,
    "abbreviation": 0.1222,
    "country_mentioned": 0.8825,
    "admin1_mentioned": 2.2137,
    "country_focus": 4.1397,
    "nearness": 4.9457,
    "near_share": -0.5303,
    "region_hint_area": 0.4612,
    "region_hint_town": -0.2072,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.1956,
    "qualified": 3.5050,
    "qualifier_area": 3.6026,
    "admin1_focus": 1.8711,
    "support": 4.1647,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [0.1814, -0.2436, 2.4498, -2.4491, 0.1317, 0.2588, 1.0602, 0.4168, 1.0492]
