"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 24391
mention-candidate pairs). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -3.6148,
    "log_population": 4.5780,
    "population_share": -0.0845,
    "most_populous": 0.0744,
    "country": 6.8707,
    "admin1": 5.0881,
    "admin2": 2.7743,
    "continent": 6.9242,
    "capital": 0.4998,
    "primary_name": -1.2248,
    "demonym": -1.9905,
    "abbreviation": 1.7240,
    "country_mentioned": 0.6161,
    "admin1_mentioned": 1.9672,
    "country_focus": 1.0064,
    "nearness": 2.1090,
    "near_share": 4.1453,
    "region_hint_area": 0.6182,
    "region_hint_town": -0.0756,
    "ambiguity": -4.7234,
    "title_before": 0.0000,
    "name_after": -0.0822,
    "primary_elsewhere": -2.9924,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.8580, 0.4470, 0.1192, 1.9761]
