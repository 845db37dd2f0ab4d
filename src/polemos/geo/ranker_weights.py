"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 29908
mention-candidate pairs). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -5.1796,
    "log_population": 3.8484,
    "population_share": 0.4236,
    "most_populous": 0.4066,
    "country": 1.8631,
    "admin1": 0.1203,
    "admin2": -0.3615,
    "continent": 2.1034,
    "capital": 0.2758,
    "primary_name": 0.1832,
    "demonym": -0.3228,
    "abbreviation": 2.0884,
    "country_mentioned": 0.7562,
    "admin1_mentioned": 1.9228,
    "country_focus": 0.8935,
    "nearness": 1.4119,
    "near_share": 4.4723,
    "region_hint_area": 1.0705,
    "region_hint_town": -0.4264,
    "ambiguity": -2.7742,
    "title_before": 0.0000,
    "name_after": -0.0091,
}
