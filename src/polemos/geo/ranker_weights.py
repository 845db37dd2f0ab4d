"""Ranker weights, written by `polemos.geo.train_ranker` from the train parts of
lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32218 candidates of 3204
mentions). Do not edit by hand: refit. WEIGHTS: feature -> linear weight; HIDDEN: the
hidden layer (`ranker_model.Ranker`: per feature its input weights, then the units'
biases and output weights)."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 9.2670,
    "population_share": -0.7306,
    "most_populous": 0.1792,
    "country": 1.9347,
    "admin1": 9.5643,
    "admin2": 5.2540,
    "continent": 14.1237,
    "capital": 4.9679,
    "primary_name": -0.8197,
    "demonym": 3.1029,
    "abbreviation": 0.0271,
    "country_mentioned": 1.2159,
    "admin1_mentioned": 2.0143,
    "country_focus": 2.8255,
    "nearness": 4.9547,
    "near_share": 0.0767,
    "region_hint_area": 0.1767,
    "region_hint_town": -0.1317,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": 0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.2520,
    "qualified": 3.4820,
    "qualifier_area": 0.6690,
    "admin1_focus": 2.7285,
    "support": 3.6360,
    "country_population": 12.8045,
    "country_nearness": 5.5586,
    "capital_local": -6.4520,
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
CALIBRATION = [-0.3267, -0.0510, 1.3723, -0.2923, 0.2078, -0.4014, 1.4412, 0.5367, 1.0654]
