"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 21009
candidates of 2795 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 5.7315,
    "population_share": 0.0774,
    "most_populous": 0.2736,
    "country": 9.2902,
    "admin1": 7.7154,
    "admin2": 0.2157,
    "continent": 4.7414,
    "capital": 0.8910,
    "primary_name": -0.8141,
    "demonym": 1.3336,
    "abbreviation": 0.0348,
    "country_mentioned": 0.9048,
    "admin1_mentioned": 2.0364,
    "country_focus": 3.3758,
    "nearness": 4.8477,
    "near_share": 0.0898,
    "region_hint_area": 0.0698,
    "region_hint_town": -0.0489,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -2.9999,
    "region_abbreviation": 0.0893,
    "qualified": 1.8496,
    "qualifier_area": 1.4643,
    "admin1_focus": 1.9084,
    "support": 2.7507,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [0.7300, -0.3710, 3.3490, -1.9365]
