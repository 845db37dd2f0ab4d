"""Ranker weights (feature name -> weight), written by `polemos.geo.train_ranker`.

Hand-set starting values until a fit on the corpora's train parts replaces them."""

WEIGHTS = {
    "bias": -3.0, "log_population": 3.0, "population_share": 1.0, "most_populous": 0.5,
    "country": 2.0, "admin1": 0.8, "admin2": -0.5, "continent": 1.5, "capital": 0.8,
    "primary_name": 0.6, "demonym": 0.5, "abbreviation": 0.0, "country_mentioned": 1.0,
    "admin1_mentioned": 1.5, "country_focus": 1.5, "nearness": 1.5, "near_share": 1.0,
    "region_hint_area": 2.5, "region_hint_town": -0.5, "ambiguity": 0.0, "title_before": -2.0,
    "name_after": -0.5,
}
