"""Ranker weights, written by `polemos.geo.train_ranker` from the train parts of
lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32218 candidates of 3204
mentions). Do not edit by hand: refit. WEIGHTS: feature -> linear weight; HIDDEN: the
hidden layer (`ranker_model.Ranker`: per feature its input weights, then the units'
biases and output weights)."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 9.0897,
    "population_share": -0.8342,
    "most_populous": 0.4064,
    "country": 1.7915,
    "admin1": 9.2647,
    "admin2": 5.2140,
    "continent": 13.8098,
    "capital": 4.8336,
    "primary_name": -0.9462,
    "demonym": 2.9219,
    "abbreviation": 0.0316,
    "country_mentioned": 1.4219,
    "admin1_mentioned": 1.8221,
    "country_focus": 2.5088,
    "nearness": 3.8999,
    "near_share": 1.0734,
    "region_hint_area": 0.2038,
    "region_hint_town": -0.1564,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.2786,
    "qualified": 3.5606,
    "qualifier_area": 0.6124,
    "admin1_focus": 3.4858,
    "support": 2.8172,
    "country_population": 12.6917,
    "country_nearness": 5.4444,
    "capital_local": -6.2022,
    "contains": 1.8774,
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
CALIBRATION = [-0.4116, -0.0826, 1.6128, -0.3887, 0.1178, -0.3551, 1.5719, 0.4758, 1.0071]
