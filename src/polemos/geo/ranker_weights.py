"""Ranker weights, written by `polemos.geo.train_ranker` from the train parts of
lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32202 candidates of 3196
mentions). Do not edit by hand: refit. WEIGHTS: feature -> linear weight; HIDDEN: the
hidden layer (`ranker_model.Ranker`: per feature its input weights, then the units'
biases and output weights)."""

WEIGHTS = {
    "bias": 0.0000,
    "log_population": 9.8166,
    "population_share": -1.0002,
    "most_populous": 0.5144,
    "country": 2.3617,
    "admin1": 9.3744,
    "admin2": 5.9392,
    "continent": 14.4257,
    "capital": 4.1650,
    "primary_name": -0.3407,
    "demonym": 2.9225,
    "abbreviation": 0.0000,
    "country_mentioned": 1.4431,
    "admin1_mentioned": 1.7685,
    "country_focus": 2.7878,
    "nearness": 2.6649,
    "near_share": 1.1575,
    "region_hint_area": 0.1761,
    "region_hint_town": -0.1105,
    "ambiguity": 0.0000,
    "title_before": 0.0000,
    "name_after": 0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.7808,
    "qualified": 3.6589,
    "qualifier_area": 0.3962,
    "admin1_focus": 3.9600,
    "support": 1.0572,
    "country_population": 12.3417,
    "country_nearness": 4.5935,
    "capital_local": -5.4422,
    "contains": 1.6169,
    "support_close": 5.2865,
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
CALIBRATION = [-0.1391, -0.0680, 1.4461, -0.7219, -0.0325, 0.3510, 1.7400, 0.2861, 0.8301]
