"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 21046
candidates of 2805 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": 0.0000,
    "log_population": 14.4843,
    "population_share": -2.4276,
    "most_populous": 0.9772,
    "country": 4.1266,
    "admin1": 11.5498,
    "admin2": 3.1117,
    "continent": 17.2268,
    "capital": 0.3333,
    "primary_name": 0.9113,
    "demonym": 3.0562,
    "abbreviation": 0.0201,
    "country_mentioned": 0.7044,
    "admin1_mentioned": 2.2772,
    "country_focus": 3.7596,
    "nearness": 4.9487,
    "near_share": -0.4663,
    "region_hint_area": 0.2565,
    "region_hint_town": -0.2061,
    "ambiguity": 0.0000,
    "title_before": 0.0000,
    "name_after": 0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 1.0882,
    "qualified": 3.4950,
    "qualifier_area": 2.8271,
    "admin1_focus": 1.8267,
    "support": 4.1206,
    "country_population": 12.9773,
    "country_nearness": 4.9498,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [-0.0800, -0.2086, 2.2482, -2.0675, 0.0720, 0.3576, 1.2905, 0.4753, 1.1301]
