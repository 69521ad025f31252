"""A period's running tally beside an incident's toll ("the 168th homicide this year", "Murders in
Newark reached 111 in 2013") stays a claim, marked with its period, and is no value in disputes.
Sentences in the styles of US local news, UK and Australian papers and wire copy, written for this
rule; the first six are how six outlets of ../shared/dev/casualties put it."""

from __future__ import annotations

import pytest

from pipeline.facts.tallies import tally_period
from pipeline.facts.outputs import disagreement_of
from tests.facts_helpers import facts_for_text


def period(sentence: str, number: str) -> str | None:
    at = sentence.index(number)
    return tally_period(sentence, at, at + len(number), 0, len(sentence))


@pytest.mark.parametrize("sentence,number,want", [
    ("This double homicide brings Louisville's 2016 homicide count to 51.", "51", "a running count"),
    ("There have now been 168 homicides reported in Baltimore this year compared to 106 at this point in 2014.",
     "168", "this year"),
    ("Nearly 700 more have already been shot since January of this year, alone.", "700", "since January"),
    ("So far this year, there have been nine homicides in Chaves County, nearly all in Roswell.", "nine",
     "So far this year"),
    ("Murders in Newark reached 111 in 2013, the first time the number has surpassed 100 in six years.", "111",
     "in 2013"),
    ("Police recorded 43 murders last year, up from 31 the year before.", "43", "last year"),
    ("Knife crime: 14 teenagers have been stabbed to death in London so far this year.", "14", "so far this year"),
    ("Eleven people have been killed on the city's roads since the start of the year.", "Eleven",
     "since the start of the year"),
    ("The shooting pushes the city's murder tally to 97.", "97", "a running count"),
    ("At least 40 people have been shot so far this year in Brisbane's south.", "40", "so far this year"),
    ("The road toll this year stands at 112, seven more than last year.", "112", "this year"),
    ("March 2016 saw 46 homicides, while March 2017 recorded 26.", "46", "March 2016"),  # a month
    ("Glasgow recorded 12 murders in May, the most in a decade.", "12", "in May"),
    ("The county averages 30 killings a year, the sheriff said.", "30", "a year"),            # a rate
    ("Police counted nine shootings last weekend across the city.", "nine", "last weekend"),
    ("Last month, 12 murders were reported across the county.", "12", "Last month"),   # the period first
    ("In March, 46 homicides were recorded, the most since 1990.", "46", "In March"),
    ("Annually, roughly 300 killings go unsolved in the state.", "300", "Annually"),
    # statistics of road, rail and mine safety (Kenyan, British, Australian, South African copy)
    ("NTSA data show 4,432 people had been killed on Kenyan roads between January 1 and December 20.",
     "4,432", "between January 1 and December 20"),
    ("Six people died in accidents at level crossings in the year to March 2022.", "Six",
     "in the year to March 2022"),
    ("Chicago had recorded 247 homicides this year, down from 281 in the same period in 2021.", "281",
     "in the same period"),
    ("The deaths take the state's road toll for 2021 to 61, compared with 55 at the same time last year.", "61",
     "2021"),
    ("The deaths take the state's road toll for 2021 to 61, compared with 55 at the same time last year.", "55",
     "at the same time"),
    ("Hamilton recorded six homicides in all of 2019.", "six", "in all of 2019"),
])
def test_a_running_tally_names_its_period(sentence, number, want):
    assert period(sentence, number) == want


@pytest.mark.parametrize("sentence,number", [
    ("Milwaukee Police are investigating two homicides that happened just before 1 a.m. on May 1.", "two"),
    ("Two people were killed in 2013 in a shooting at the mall.", "Two"),           # a past incident
    ("Four people were killed last year in a shooting at the mall.", "Four"),
    ("The death toll rose to 13 on Tuesday, police said.", "13"),                   # an incident's toll
    ("Three people were shot this morning outside a bar in Leeds.", "Three"),
    ("His son was one of 2 men killed in 2005.", "2"),
    ("Two people were killed in March in a shooting at the mall.", "Two"),          # people, not crimes
    ("Detectives said the two killings a year ago were linked.", "two"),            # a point in time
    ("Last Tuesday, two killings in the same street left neighbours afraid.", "two"),  # a day, not a span
    ("Two people died on Tuesday when their car left the road.", "Two"),
    ("Three people died in the same fire that destroyed the mill.", "Three"),      # the same, of no period
])
def test_an_incident_count_is_no_tally(sentence, number):
    assert period(sentence, number) is None


@pytest.mark.parametrize("sentence,number,want", [
    # US local news roundups (the first three as outlets of ../shared/dev/casualties put it), UK and
    # Australian papers, wire copy about bombings and road crashes
    ("Seven people were murdered in three separate shootings that occurred within a mile of each other.",
     "Seven", "in three separate shootings"),
    ("One man died and four others were wounded in separate shootings 10 minutes apart on the South Side.",
     "four", "in separate shootings"),
    ("Police said four people were killed and seven injured in shootings across the city Saturday and Sunday.",
     "four", "in shootings across"),
    ("Three men have been stabbed to death in London in a spate of attacks over the bank holiday weekend.",
     "Three", "in a spate of attacks"),
    ("At least 30 people were killed in two car bombings in Baghdad on Monday, officials said.", "30",
     "in two car bombings"),
    ("Six people have died in four separate crashes on Queensland roads since Friday night.", "Six",
     "in four separate crashes"),
    ("In two unrelated incidents, three teenagers were shot overnight.", "three", "In two unrelated incidents"),
])
def test_a_count_over_several_incidents_is_a_tally(sentence, number, want):
    assert period(sentence, number) == want


@pytest.mark.parametrize("sentence,number", [
    ("A gunman killed 12 people in the shootings at the Navy Yard on Monday.", "12"),  # one incident's shootings
    ("Two people were killed in one of three shootings overnight.", "Two"),           # the count is of one
    ("The gunman, who killed 12, had been involved in several incidents at work.", "12"),
    ("Four people were killed in an attack on a market in Kabul.", "Four"),
    ("Two men were shot dead; police are looking into two other shootings in the area.", "Two"),
])
def test_one_incident_is_no_tally_of_several(sentence, number):
    assert period(sentence, number) is None


def test_a_tally_is_a_marked_claim_and_no_dispute():
    text = ("Shooting\n\nPublished: 2015-06-01\n\nTwo men were killed in Baltimore on Sunday, police said. "
            "There have now been 168 homicides in Baltimore this year.")
    claims = facts_for_text(text)["claims"]
    killed = claims[claims["measure"] == "killed"].set_index("value_low")
    assert bool(killed.loc[168.0, "tally"]) and not bool(killed.loc[2.0, "tally"])
    quantities = facts_for_text(text)["quantities"].set_index("value_low")
    assert quantities.loc[168.0, "tally_of"] == "this year"


def test_a_tally_under_the_event_of_its_incident_disputes_nothing():
    def claim(doc_id, value, tally):
        return {"doc_id": doc_id, "attribution_kind": "author", "attribution": None, "independent": True,
                "part": False, "tally": tally, "value": value}
    # article a gives only the city's tally, article b the killing's toll
    values = {2.0: [claim("b", 2.0, False)], 168.0: [claim("a", 168.0, True)]}
    assert disagreement_of(values) == "within one source"
    values[168.0] = [claim("a", 168.0, False)]  # read as a toll, it would dispute b's 2
    assert disagreement_of(values) == "between sources"


def test_a_person_counted_without_a_numeral_is_no_tally():
    # the sentence runs on (no space after the full stop): its period is the tally's, the woman is one victim
    text = ("Shooting\n\nPublished: 2016-08-14\n\nShe is the 27th child under the age of 13 shot this year."
            "A 36-year-old woman was also shot in the left hand.")
    claims = facts_for_text(text)["claims"]
    assert len(claims[claims["measure"] == "injured"]) and not claims["tally"].any()
