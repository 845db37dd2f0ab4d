"""Ranker weights, written by `polemos.geo.train_ranker` from the train parts of
lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32790 candidates of 3249
mentions). Do not edit by hand: refit. WEIGHTS: feature -> linear weight; HIDDEN: the
hidden layer (`ranker_model.Ranker`: per feature its input weights, then the units'
biases and output weights)."""

WEIGHTS = {
    "bias": 0.0000,
    "log_population": 9.9395,
    "population_share": -1.7692,
    "most_populous": 1.3682,
    "country": 2.4086,
    "admin1": 9.5601,
    "admin2": 4.9143,
    "continent": 13.9476,
    "capital": 2.9179,
    "primary_name": -0.9877,
    "demonym": 2.7148,
    "abbreviation": 0.0052,
    "country_mentioned": 0.5607,
    "admin1_mentioned": 1.2363,
    "country_focus": 3.0706,
    "nearness": 2.7360,
    "near_share": 0.0938,
    "region_hint_area": -0.4919,
    "region_hint_town": 0.5255,
    "ambiguity": 0.0000,
    "title_before": 0.0000,
    "name_after": 0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 0.7594,
    "qualified": 4.5204,
    "qualifier_area": 0.0933,
    "admin1_focus": 3.5969,
    "support": 2.1428,
    "country_population": 10.8139,
    "country_nearness": 3.8698,
    "capital_local": -6.1126,
    "contains": 0.9736,
    "support_close": 2.5797,
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
CALIBRATION = [-0.5073, -0.0762, 1.5424, -0.2007, 0.4143, -0.0022, 1.4680, 0.2192, 1.0827]
