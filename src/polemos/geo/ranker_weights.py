"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 32193
candidates of 3202 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 9.4010,
    "population_share": -0.7620,
    "most_populous": 0.2004,
    "country": 2.0269,
    "admin1": 9.6539,
    "admin2": 5.4287,
    "continent": 14.3858,
    "capital": 4.9858,
    "primary_name": -0.7066,
    "demonym": 3.2083,
    "abbreviation": 0.0287,
    "country_mentioned": 1.2026,
    "admin1_mentioned": 2.0184,
    "country_focus": 2.9682,
    "nearness": 5.0586,
    "near_share": -0.0354,
    "region_hint_area": 0.1658,
    "region_hint_town": -0.1244,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.3507,
    "qualified": 3.4765,
    "qualifier_area": 0.6263,
    "admin1_focus": 2.6594,
    "support": 3.7458,
    "country_population": 12.8212,
    "country_nearness": 5.6353,
    "capital_local": -6.4825,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.3563, -0.0526, 1.4034, -0.1897, -0.0165, -0.2233, 1.5263, 0.5172, 0.9342]

# No hidden layer: the plain conditional logit (see `ranker_model.Ranker`).
HIDDEN: dict = {}
