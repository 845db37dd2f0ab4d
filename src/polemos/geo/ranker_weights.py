"""Ranker weights, written by `polemos.geo.train_ranker` from the train parts of
lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32202 candidates of 3196
mentions). Do not edit by hand: refit. WEIGHTS: feature -> linear weight; HIDDEN: the
hidden layer (`ranker_model.Ranker`: per feature its input weights, then the units'
biases and output weights)."""

WEIGHTS = {
    "bias": 0.0000,
    "log_population": 9.6111,
    "population_share": -0.9207,
    "most_populous": 0.4409,
    "country": 2.1194,
    "admin1": 9.3181,
    "admin2": 5.9927,
    "continent": 14.4318,
    "capital": 4.7574,
    "primary_name": -0.3306,
    "demonym": 3.3066,
    "abbreviation": 0.0000,
    "country_mentioned": 1.3603,
    "admin1_mentioned": 1.8083,
    "country_focus": 2.5273,
    "nearness": 3.9634,
    "near_share": 1.0327,
    "region_hint_area": 0.2325,
    "region_hint_town": -0.1753,
    "ambiguity": 0.0000,
    "title_before": 0.0000,
    "name_after": 0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.9349,
    "qualified": 3.6014,
    "qualifier_area": 0.5601,
    "admin1_focus": 3.4218,
    "support": 2.9262,
    "country_population": 12.4986,
    "country_nearness": 4.8091,
    "capital_local": -6.3342,
    "contains": 2.1742,
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
CALIBRATION = [-0.2333, -0.0725, 1.5247, -0.4317, 0.1304, -0.2915, 1.3145, 0.3224, 1.0941]
