"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 21009
candidates of 2795 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": 0.0000,
    "log_population": 5.5025,
    "population_share": -0.0619,
    "most_populous": -0.0059,
    "country": 7.8514,
    "admin1": 6.7278,
    "admin2": 0.3233,
    "continent": 4.2489,
    "capital": 0.4485,
    "primary_name": -1.0088,
    "demonym": 1.6644,
    "abbreviation": 0.0521,
    "country_mentioned": 0.6648,
    "admin1_mentioned": 1.6551,
    "country_focus": 3.0637,
    "nearness": 1.6858,
    "near_share": -0.8718,
    "region_hint_area": 0.1388,
    "region_hint_town": -0.0938,
    "ambiguity": 0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -2.9999,
    "region_abbreviation": 0.1882,
    "qualified": 2.1431,
    "qualifier_area": 1.5061,
    "admin1_focus": 2.1340,
    "support": 5.1803,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [0.9573, -0.4364, 3.7896, -3.2949]
