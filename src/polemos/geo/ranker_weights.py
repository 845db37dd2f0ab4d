"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 24500
mention-candidate pairs). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -4.1700,
    "log_population": 4.5617,
    "population_share": -0.2879,
    "most_populous": 0.5063,
    "country": 7.3674,
    "admin1": 5.6199,
    "admin2": 2.7850,
    "continent": 7.4366,
    "capital": 0.5815,
    "primary_name": -1.3044,
    "demonym": -2.0261,
    "abbreviation": 1.7311,
    "country_mentioned": 0.6679,
    "admin1_mentioned": 2.1448,
    "country_focus": 0.7203,
    "nearness": 2.4052,
    "near_share": 2.9078,
    "region_hint_area": 0.7651,
    "region_hint_town": -0.0474,
    "ambiguity": -4.3468,
    "title_before": 0.0000,
    "name_after": -0.0256,
    "primary_elsewhere": -2.9919,
    "region_abbreviation": -1.4674,
    "qualified": 1.9376,
    "qualifier_area": 2.0278,
    "admin1_focus": -0.7315,
    "support": 4.7087,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.7307, 0.5168, 0.0398, 1.9528]
