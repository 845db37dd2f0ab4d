"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 24598
mention-candidate pairs). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -4.2257,
    "log_population": 4.4815,
    "population_share": -0.2619,
    "most_populous": 0.5047,
    "country": 7.2884,
    "admin1": 5.5833,
    "admin2": 2.7470,
    "continent": 6.7126,
    "capital": 0.6402,
    "primary_name": -1.2481,
    "demonym": -1.7988,
    "abbreviation": 1.7997,
    "country_mentioned": 0.7006,
    "admin1_mentioned": 2.1223,
    "country_focus": 0.7983,
    "nearness": 2.3995,
    "near_share": 3.1041,
    "region_hint_area": 0.7813,
    "region_hint_town": -0.0270,
    "ambiguity": -4.3540,
    "title_before": 0.0000,
    "name_after": -0.0259,
    "primary_elsewhere": -2.9920,
    "region_abbreviation": -1.4586,
    "qualified": 1.9144,
    "qualifier_area": 2.0342,
    "admin1_focus": -0.7802,
    "support": 4.4966,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.7854, 0.4899, 0.0722, 2.0056]
