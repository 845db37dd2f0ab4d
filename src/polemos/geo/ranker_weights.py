"""Ranker weights, written by `polemos.geo.train_ranker` from the train parts of
lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32202 candidates of 3196
mentions). Do not edit by hand: refit. WEIGHTS: feature -> linear weight; HIDDEN: the
hidden layer (`ranker_model.Ranker`: per feature its input weights, then the units'
biases and output weights)."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 10.1263,
    "population_share": -1.2219,
    "most_populous": 0.6698,
    "country": 2.4616,
    "admin1": 9.4928,
    "admin2": 6.1251,
    "continent": 14.6972,
    "capital": 3.5702,
    "primary_name": -0.2482,
    "demonym": 2.8750,
    "abbreviation": 0.0000,
    "country_mentioned": 1.3625,
    "admin1_mentioned": 1.7296,
    "country_focus": 2.7334,
    "nearness": 2.8290,
    "near_share": 0.9539,
    "region_hint_area": 0.2015,
    "region_hint_town": -0.1304,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.8795,
    "qualified": 3.6928,
    "qualifier_area": 0.4114,
    "admin1_focus": 3.9135,
    "support": 1.5515,
    "country_population": 12.3048,
    "country_nearness": 4.4985,
    "capital_local": -4.6407,
    "contains": 1.6316,
    "support_close": 4.6121,
}

HIDDEN = {
    "input": {
    },
    "bias": [
    ],
    "output": [
    ],
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.0186, -0.0673, 1.4202, -0.9292, 0.0243, 0.5597, 1.5776, 0.3520, 0.8222]
