"""Ranker weights, written by `polemos.geo.train_ranker` from the train parts of
lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32790 candidates of 3249
mentions). Do not edit by hand: refit. WEIGHTS: feature -> linear weight; HIDDEN: the
hidden layer (`ranker_model.Ranker`: per feature its input weights, then the units'
biases and output weights)."""

WEIGHTS = {
    "bias": 0.0000,
    "log_population": 10.0541,
    "population_share": -1.8029,
    "most_populous": 1.3974,
    "country": 2.4411,
    "admin1": 9.6493,
    "admin2": 4.8663,
    "continent": 13.9759,
    "capital": 2.8966,
    "primary_name": -1.0209,
    "demonym": 2.7560,
    "abbreviation": 0.0048,
    "country_mentioned": 0.5606,
    "admin1_mentioned": 1.2237,
    "country_focus": 3.0409,
    "nearness": 2.8498,
    "near_share": 0.0476,
    "region_hint_area": -0.4727,
    "region_hint_town": 0.5031,
    "ambiguity": 0.0000,
    "title_before": 0.0000,
    "name_after": 0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 0.7193,
    "qualified": 4.7936,
    "qualifier_area": 0.0407,
    "admin1_focus": 3.6382,
    "support": 2.3576,
    "country_population": 10.8480,
    "country_nearness": 3.9236,
    "capital_local": -6.1877,
    "contains": 0.8351,
    "support_close": 2.8106,
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
CALIBRATION = [-0.4488, -0.0754, 1.5354, -0.2160, 0.4239, 0.3969, 1.2449, 0.2282, 1.0420]
