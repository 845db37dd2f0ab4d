"""Tests of the extraction rules added for issue 4: each states one general pattern, in text
written for these tests (not taken from the evaluation set)."""

from __future__ import annotations

from datetime import date

import pytest

from polemos.extract.anchoring import Anchors
from polemos.extract.casualties import find_counts
from polemos.extract.lexicon import find_triggers
from polemos.extract.places import _precision
from polemos.extract.timing import is_aggregate, is_reference
from polemos.models import Article, Place, Toponym
from polemos.nlp.dates import ResolvedDate, find_dates
from polemos.nlp.sentences import split_sentences
from polemos.pipeline import process_article

PUBLISHED = date(2024, 5, 10)  # a Friday


def _events(text: str, published: date = PUBLISHED):
    result = process_article(Article("t", text, published))
    assert result.error is None
    return [c for c in result.candidates if c.is_event], result.candidates


@pytest.mark.parametrize("before,reference", [
    ("The unrest was sparked by the alleged ", True),
    ("residents blocked the road in protest against the ", True),
    ("police arrested 12 people for looting and ", True),
    ("what looked like a reenactment of the 2014 ", True),
    ("authorities have yet to confirm the cause of ", True),
    ("Gunmen ", False),
    ("The army said the RSF carried out ", False),
])
def test_named_only_as_cause_comparison_or_charge(before, reference):
    assert is_reference(before) is reference


def test_adjectival_participle_is_no_trigger():
    words = [h.rule.sub_event_type for h in find_triggers("the city's smashed steel plant")]
    assert "Violent demonstration" not in words
    assert any(h.rule.sub_event_type == "Violent demonstration"
               for h in find_triggers("Rioters smashed windows"))


def test_flash_grenades_are_crowd_control():
    subs = {h.rule.sub_event_type for h in find_triggers("officers fired flash grenades")}
    assert subs == {"Protest with intervention"}


@pytest.mark.parametrize("text,value", [
    ("a local imam was killed", 1),
    ("eight villagers, including three children, had been killed", 8),
    # deaths after another participle
    ("dozens of inmates appear to have been beaten and burned alive", 12),
    ("four farmers were abducted and killed", 4),
])
def test_single_victim_apposition_and_participle_counts(text, value):
    assert find_counts(text, "fatalities")[0].value == value


def test_named_weekday_is_no_date():
    found = find_dates('a "bloody Friday" in the city on September 30', PUBLISHED)
    assert [d.text for d in found] == ["September 30"]


def test_sentences_glued_without_space_are_split():
    texts = [s.text for s in split_sentences("west of the city.Clashes went on. The U.N. said.")]
    assert texts == ["west of the city.", "Clashes went on.", "The U.N. said."]


def test_after_clause_dates_the_earlier_event():
    text = "The order came yesterday after the rebels declared victory in the town."
    dates = find_dates(text, PUBLISHED)
    day, close = Anchors().after_clause(text, text.index("declared"), dates)
    assert (day.day, day.precision, close) == (date(2024, 5, 8), 2, False)
    text = "Hours after the rebels declared victory, shelling hit the town."
    assert Anchors().after_clause(text, text.index("declared"), find_dates(text, PUBLISHED)) == (
        None, True)


def test_anchor_lookup_is_by_family_and_region():
    town = Place(1, "A", "UA", "Region", 48.0, 38.0, "P", "PPL", 100, "UA.14")
    other = Place(2, "B", "UA", "Region", 48.1, 38.1, "P", "PPL", 100, "UA.14")
    elsewhere = Place(3, "C", "UA", "Other", 50.0, 30.0, "P", "PPL", 100, "UA.13")
    anchors = Anchors()
    day = ResolvedDate(date(2024, 5, 8), 2, "before yesterday")
    anchors.add("battle", town, day)
    assert anchors.lookup("battle", other) == day
    assert anchors.lookup("battle", elsewhere) is None
    assert anchors.lookup("remote", other) is None


def test_hours_after_puts_both_events_on_the_anchored_day():
    text = ("Kyiv said its troops withdrew from Lysychansk yesterday after Russian forces "
            "captured the city of Lysychansk.\n\n"
            "Hours after Russian forces captured Lysychansk, Russian shelling of Sloviansk "
            "killed three civilians.")
    events, _ = _events(text)
    shelling = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert shelling and shelling[0].event_date == date(2024, 5, 8)


def test_forecast_is_kept_as_a_statement_not_an_event():
    events, everything = _events("Russian forces are expected to attack Kharkiv next week.")
    assert not events
    assert all(c.modality == "forecast" for c in everything)


def test_evidence_span_is_the_event_clause():
    text = ("A Russian missile hit a warehouse in Kharkiv on Thursday, exactly a year after an "
            "attack on a market there that killed at least 20.")
    events, _ = _events(text)
    (event,) = events
    span = text[event.evidence.char_start:event.evidence.char_end]
    assert "Kharkiv" in span and "a year after" not in span
    assert event.evidence.sentence == text


def test_clashes_in_a_protest_story_are_a_riot():
    text = ("Thousands of protesters marched in Lima on Thursday against the government.\n\n"
            "Later that day clashes with the police broke out in Lima, leaving two dead.")
    events, _ = _events(text)
    assert {e.event_type for e in events} <= {"Protests", "Riots"}
    assert any(e.event_type == "Riots" for e in events)


def test_passive_victims_are_the_target():
    text = "Eight soldiers were killed in a suicide attack by al-Shabaab in Mogadishu on Thursday."
    events, _ = _events(text)
    (event,) = [e for e in events if e.sub_event_type == "Suicide bomb"]
    assert event.actor1 == "Al Shabaab"
    assert event.actor2 and event.actor2.startswith("Military Forces of Somalia")


# --- rules added for the second round of issue 4 (texts written for these tests) ---

@pytest.mark.parametrize("near_trigger", [
    "the town has been under heavy shelling",
    "the villages were shelled over the previous days",
    "after a long battle",
    "fighting had gone on for several weeks",
])
def test_states_and_running_totals_are_aggregates(near_trigger):
    assert is_aggregate(near_trigger)


def test_a_total_since_the_fighting_began_is_no_count_for_the_last_event():
    assert is_aggregate("clashes", "30 people have died since the fighting began on Monday")


@pytest.mark.parametrize("before", [
    "families boarded buses to get away from the ",
    "thousands were fleeing the ",
    "he is serving a prison sentence for the ",
])
def test_what_people_flee_or_are_sentenced_for_is_a_reference(before):
    assert is_reference(before)


def test_month_with_year_keeps_its_year():
    (found,) = find_dates("She was detained in October 2021 and later freed.", PUBLISHED)
    assert (found.day, found.precision) == (date(2021, 10, 1), 3)


@pytest.mark.parametrize("text,sub", [
    ("Students blocked the avenue with burning barricades", "Violent demonstration"),
    ("Villagers barricaded the road in protest against the killing", "Violent demonstration"),
    ("Gunmen seized 40 passengers from a bus", "Abduction/forced disappearance"),
])
def test_trigger_words(text, sub):
    subs = [h.rule.sub_event_type for h in find_triggers(text)]
    assert sub in subs and "Peaceful protest" not in subs


@pytest.mark.parametrize("text", [
    "The militia said it remained in control of the bridge",
    "A soldier carried an assault rifle and a radio",
    "The attack helicopter landed at the base",
    "Traders were seizing vehicles from people at the market",
])
def test_no_trigger_in_status_or_weapon_names(text):
    assert not {h.rule.sub_event_type for h in find_triggers(text)} & {
        "TERRITORY", "Armed clash", "ATTACK", "Abduction/forced disappearance"}


def test_breaking_in_is_a_riot_only_in_a_protest_story():
    events, _ = _events("Gunmen broke into a warehouse in Kharkiv on Thursday.")
    assert not any(e.event_type == "Riots" for e in events)
    events, _ = _events("Protesters broke into the city hall in Kharkiv on Thursday.")
    assert any(e.sub_event_type == "Violent demonstration" for e in events)


def test_a_title_names_no_scene():
    text = ("Shelling hit a market in Kharkiv on Thursday.\n\n"
            "Eleven people were killed, Poltava governor Ivan Petrenko said.")
    events, _ = _events(text)
    (event,) = events
    assert event.location == "Kharkiv" and event.fatalities == 11


def test_places_in_a_relative_clause_are_no_scene():
    text = ("Rebels said the village, whose road leads to Kharkiv, Poltava and the port of "
            "Odesa, was captured on Thursday.")
    events, _ = _events(text)
    assert not events


def test_a_dated_clause_without_place_happens_in_the_articles_only_town():
    text = ("Rebels attacked an army post in Kharkiv on Thursday, residents said.\n\n"
            "On Wednesday evening gunmen abducted two traders from a bus.")
    events, _ = _events(text)
    assert {(e.sub_event_type, e.location, e.event_date) for e in events} >= {
        ("Abduction/forced disappearance", "Kharkiv", date(2024, 5, 8))}


def test_an_event_named_again_is_not_a_second_one():
    text = ("Police arrested 30 people in Kharkiv on Thursday.\n\n"
            "The arrests followed Wednesday's unrest, officials said.")
    events, _ = _events(text)
    assert len([e for e in events if e.sub_event_type == "Arrests"]) == 1


def test_the_same_day_takes_the_last_dated_event_day():
    text = ("Rebels captured the town of Lysychansk on Tuesday.\n\n"
            "On the same day artillery pounded Kharkiv, killing four civilians.")
    events, _ = _events(text)
    (shelling,) = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert shelling.event_date == date(2024, 5, 7)


def test_an_undated_mention_takes_the_date_of_the_same_event():
    text = ("Rioters torched shops in Lima on Wednesday.\n\n"
            "Elsewhere, rioters torched cars in Lima, police said.")
    events, _ = _events(text)
    (riot,) = [e for e in events if e.event_type == "Riots"]
    assert riot.event_date == date(2024, 5, 8) and riot.time_precision == 1


def test_a_restated_toll_is_one_event():
    text = ("Clashes between protesters and police left nine dead in Juliaca on Wednesday.\n\n"
            "\"We counted nine dead today in Puno during the clashes,\" a source said.")
    events, _ = _events(text, date(2024, 5, 8))
    assert len([e for e in events if e.event_type == "Riots"]) == 1


@pytest.mark.parametrize("text,tolls", [
    # a lede whose toll is the sum of the events detailed next
    ("The army said 17 civilians were killed in attacks by gunmen in Mogadishu on Friday.\n\n"
     "Gunmen opened fire on a bus near Kismayo on Friday, killing 12 civilians.\n\n"
     "Another attack on a market in Baidoa on Friday killed five civilians.", [5, 12]),
    # a sentence that names several strikes at once
    ("Nine civilians were killed on Thursday in two air strikes near Kharkiv.\n\n"
     "A jet bombed a market in Kharkiv on Thursday, killing seven people.\n\n"
     "Another airstrike hit a farm in Poltava on Thursday, killing two.", [2, 7]),
])
def test_summaries_of_the_detailed_events_are_no_events(text, tolls):
    events, _ = _events(text)
    assert sorted(e.fatalities for e in events) == tolls


def test_a_claim_rejected_in_the_next_sentence_is_no_event():
    text = ("The rebels claimed they had captured the airport of Kharkiv on Thursday. "
            "The army rejected those claims.")
    events, everything = _events(text)
    assert not events and everything


def test_a_claim_of_responsibility_names_the_perpetrator():
    text = ("A car bomb exploded at a checkpoint in Mogadishu on Thursday, killing nine "
            "people.\n\nWitnesses described chaos.\n\nAl-Shabaab said it carried out the attack.")
    events, _ = _events(text)
    (bomb,) = events
    assert bomb.actor1 == "Al Shabaab"


def test_victims_named_in_a_follow_up_are_the_target():
    text = ("Russian artillery pounded the city of Kharkiv on Thursday.\n\n"
            "At least four civilians were killed in the bombardment, officials said.")
    events, _ = _events(text)
    (shelling,) = events
    assert shelling.actor2 == "Civilians (Ukraine)" and shelling.civilian_targeting


def test_armed_groups_do_not_arrest():
    text = "Gunmen rounded up 30 villagers near Kaduna on Thursday."
    events, _ = _events(text)
    assert {e.sub_event_type for e in events} == {"Abduction/forced disappearance"}


def test_a_battle_with_police_officers_names_the_police():
    text = "Gang members attacked a police station in Kharkiv on Thursday and killed two officers."
    events, _ = _events(text)
    (clash,) = events
    assert clash.actor2 and clash.actor2.startswith("Police Forces of Ukraine")


def test_attackers_are_no_second_side():
    text = ("Russian forces launched assaults on villages north of Kharkiv on Thursday, but the "
            "attackers were pushed back.")
    events, _ = _events(text)
    (clash,) = events
    assert clash.actor2 and clash.actor2.startswith("Military Forces of Ukraine")


def test_states_agree_through_their_governments():
    events, _ = _events("Russia and Ukraine exchanged 90 prisoners in Ankara, Turkey, on Thursday.")
    (deal,) = events
    assert deal.sub_event_type == "Agreement" and deal.actor1.startswith("Government of")


def test_where_a_source_is_based_is_no_scene():
    text = ("Rebels shelled Kharkiv on Thursday.\n\n"
            "A London-based monitor said three protesters were killed.")
    events, _ = _events(text)
    assert all(e.location != "London" for e in events)


def test_a_foreign_dateline_is_not_where_state_forces_acted():
    text = "PARIS — Iranian security forces opened fire on protesters on Friday, NGOs said."
    events, _ = _events(text)
    assert all(e.location != "Paris" for e in events)


def test_ongoing_fighting_in_the_articles_only_town():
    text = ("The governor said most of Kharkiv was now occupied.\n\n"
            "\"Street fighting continues,\" he wrote.")
    events, _ = _events(text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Armed clash", "Kharkiv")]


def test_last_weekday_of_the_current_week_means_the_previous_week():
    # published on a Friday: "last Monday" is not this week's Monday but the one before
    (found,) = find_dates("they escaped last Monday", PUBLISHED)
    assert found.day == date(2024, 4, 29)
    (found,) = find_dates("they escaped last Saturday", PUBLISHED)
    assert found.day == date(2024, 5, 4)


def test_an_island_is_a_place_not_a_region():
    island = Place(9, "Snake Island", "UA", None, 45.25, 30.2, "L", "ISL", 0, None)
    sea = Place(10, "Black Sea", None, None, 43.0, 34.0, "H", "SEA", 0, None)
    text = "Troops left Snake Island in the Black Sea."
    for place, precision in ((island, 1), (sea, 3)):
        start = text.index(place.name)
        toponym = Toponym(start, start + len(place.name), place.name, place, 0.9)
        assert _precision(text, toponym, 0) == precision


def test_one_event_per_listed_town():
    text = "Students protested on Thursday in Kharkiv, Poltava and Sumy against the new law."
    events, _ = _events(text)
    assert sorted(e.location for e in events) == ["Kharkiv", "Poltava", "Sumy"]
    assert all(e.sub_event_type == "Peaceful protest" for e in events)


def test_the_city_described_is_the_last_town_named():
    text = ("Rebel columns reached Kharkiv on Tuesday.\n\n"
            "On Wednesday they had taken control of the city of more than a million people.")
    events, _ = _events(text)
    assert any(e.location == "Kharkiv" and e.event_date == date(2024, 5, 8)
               and "territory" in e.sub_event_type for e in events)


def test_have_taken_a_named_town_is_a_capture():
    subs = [h.rule.sub_event_type for h in find_triggers("Rebels have taken Kharkiv, a city")]
    assert subs == ["TERRITORY"]
    assert not find_triggers("Officials have taken Monday off")


def test_a_region_level_report_of_a_town_event_is_that_event_with_the_lowest_toll():
    text = ("Police opened fire on protesters in Kharkiv Oblast on Thursday, killing at least "
            "two.\n\nIn Kharkiv, several protesters were killed when police opened fire on "
            "protesters on Thursday.")
    events, _ = _events(text)
    (event,) = [e for e in events if e.sub_event_type == "Excessive force against protesters"]
    assert event.location == "Kharkiv" and event.fatalities == 2


@pytest.mark.parametrize("text,actor1,actor2", [
    # the object of "repelled" is the attacker
    ("The army said on Monday (May 6) that it had repelled a Russian assault on the town of "
     "Kharkiv on Thursday.", "Military Forces of Russia", "Military Forces of Ukraine"),
    # those arrested for rioting are rioters
    ("Police arrested 40 people in Kharkiv on Thursday for looting and setting fire to shops.",
     "Police Forces of Ukraine", "Rioters (Ukraine)"),
])
def test_sides_follow_the_verb(text, actor1, actor2):
    events, _ = _events(text)
    (event,) = events
    assert event.actor1.startswith(actor1) and (event.actor2 or "").startswith(actor2)


def test_civilians_are_no_side_of_a_battle_and_no_side_is_named_twice():
    text = ("Rebels captured the town of Kharkiv on Thursday, where 30 people fled.\n\n"
            "Rebel forces withdrew from Kharkiv later that day, rebel forces said.")
    events, _ = _events(text)
    assert events
    for event in events:
        assert not (event.actor2 or "").startswith("Civilians") or event.event_type != "Battles"
        assert event.actor2 != event.actor1


def test_air_strikes_belong_to_the_state_side():
    text = ("Fighting between Sudan's army and the Rapid Support Forces raged in Khartoum on "
            "Sunday, with air strikes heard across the city.")
    events, _ = _events(text)
    (strike,) = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strike.actor1.startswith("Military Forces of Sudan")
    assert strike.actor2 == "Rapid Support Forces"


def test_riot_police_are_no_riot():
    assert not find_triggers("A man is held by riot police near the square")
    assert [h.rule.sub_event_type for h in find_triggers("Rioters burned tyres")] == [
        "Violent demonstration"]


def test_arrests_at_a_dispersed_protest_are_part_of_it():
    text = ("Police fired tear gas at protesters in Kharkiv on Thursday and arrested 40 of "
            "them.\n\nPolice arrested 12 people in Kharkiv on Friday over the looting.")
    events, _ = _events(text)
    assert sorted((e.sub_event_type, e.event_date.day) for e in events) == [
        ("Arrests", 10), ("Protest with intervention", 9)]


def test_the_headline_block_runs_to_the_first_prose_line():
    text = ("Subscribe now\nRebels shell Kharkiv market\nBy A Reporter, Kharkiv\n"
            "A woman at the market after the shelling\n\n"
            "Rebel artillery shelled a market in Kharkiv on Thursday, killing four people.")
    events, _ = _events(text)
    (event,) = events
    assert event.evidence.sentence.startswith("Rebel artillery")


def test_a_place_reported_at_its_town_is_part_of_it():
    """A toponym the geoparser reports at its town ('Atlantic Avenue in Brooklyn', a district
    the gazetteer lacks) is ACLED's geo_precision 2: part of the named town."""
    brooklyn = Place(11, "Brooklyn", "US", "New York", 40.65, -73.95, "P", "PPLX", 2_600_000,
                     "US.NY")
    text = "Police closed Atlantic Avenue after the shooting."
    start = text.index("Atlantic Avenue")
    toponym = Toponym(start, start + 15, "Atlantic Avenue", brooklyn, 0.75, approximate=True)
    assert _precision(text, toponym, 0) == 2
    assert _precision(text, Toponym(start, start + 15, "Brooklyn", brooklyn, 0.9), 0) == 1
