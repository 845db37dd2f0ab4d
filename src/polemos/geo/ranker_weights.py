"""Ranker weights, written by `polemos.geo.train_ranker` from the train parts of
lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32792 candidates of 3249
mentions). Do not edit by hand: refit. WEIGHTS: feature -> linear weight; HIDDEN: the
hidden layer (`ranker_model.Ranker`: per feature its input weights, then the units'
biases and output weights)."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 9.9841,
    "population_share": -1.7108,
    "most_populous": 1.3752,
    "country": 2.4119,
    "admin1": 9.6577,
    "admin2": 4.8679,
    "continent": 13.8027,
    "capital": 2.9565,
    "primary_name": -1.0352,
    "demonym": 2.8188,
    "abbreviation": 0.0042,
    "country_mentioned": 0.5923,
    "admin1_mentioned": 1.1522,
    "country_focus": 3.0118,
    "nearness": 3.1005,
    "near_share": -0.2307,
    "region_hint_area": -0.4768,
    "region_hint_town": 0.5013,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 0.7008,
    "qualified": 4.7667,
    "qualifier_area": 0.0315,
    "admin1_focus": 3.6977,
    "support": 2.4418,
    "country_population": 10.8811,
    "country_nearness": 3.9967,
    "capital_local": -6.1060,
    "contains": 0.7729,
    "support_close": 2.8772,
    "admin1_elsewhere": 0.0000,
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
CALIBRATION = [
    -0.9982, -0.0314, 1.3476, 1.2459, 0.3150, 0.3103, 0.1160, 1.7495, -0.0284, 0.4830, -0.9153
]
