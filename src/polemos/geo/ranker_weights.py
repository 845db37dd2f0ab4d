"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`
from the train parts of lgl.jsonl, tr_news.jsonl, geowebnews.jsonl (635 documents, 21009
candidates of 2795 mentions). Do not edit by hand: refit."""

WEIGHTS = {
    "bias": -0.0000,
    "log_population": 6.6021,
    "population_share": -0.3055,
    "most_populous": 0.4814,
    "country": 9.2497,
    "admin1": 6.7530,
    "admin2": 0.2961,
    "continent": 5.2948,
    "capital": 0.7697,
    "primary_name": 0.2020,
    "demonym": 1.8554,
    "abbreviation": 0.1026,
    "country_mentioned": 0.9004,
    "admin1_mentioned": 2.1331,
    "country_focus": 3.0636,
    "nearness": 4.7019,
    "near_share": 0.2670,
    "region_hint_area": 0.1877,
    "region_hint_town": -0.1196,
    "ambiguity": -0.0000,
    "title_before": 0.0000,
    "name_after": -0.0000,
    "primary_elsewhere": -3.0000,
    "region_abbreviation": 0.3778,
    "qualified": 1.9394,
    "qualifier_area": 1.5345,
    "admin1_focus": 1.5648,
    "support": 2.9515,
}

# Platt scaling of resolve.confidence_features -> P(best candidate within 161 km).
CALIBRATION = [0.3117, -0.4241, 3.7626, -2.5885, -0.0369, 0.4249, 0.4483, 0.3643, 0.8847]
