"""A written count that is one part of a larger group its sentence names is no toll: it is marked
`part` (claims) with the group in `part_of` (quantities). Sentences in the styles of US local news,
UK papers, wire copy and disaster reports; the hostile cases are counts that look like parts and are
not (alternatives, counts with a predicate of their own, a count and its breakdown)."""

from __future__ import annotations

import pytest

from tests.facts_helpers import facts_for_text


def counts_of(sentence: str) -> list[tuple[str, float, bool]]:
    out = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{sentence}")["claims"]
    return sorted((r.measure, r.value_low, bool(r.part)) for r in out.itertuples())


@pytest.mark.parametrize("sentence,part", [
    # partitives whose group is said to have suffered the same
    ("Funeral services were held Monday for two of the four men killed in the shootings.", ("killed", 2)),
    ("The identities of two of those killed have yet to be released.", ("killed", 2)),
    ("Four of five dead in Belfair shooting identified", ("killed", 4)),
    ("One of the injured was airlifted to Aberdeen Royal Infirmary.", None),  # no numeral: the grammar's
    # one member of a list of people
    ("Amy and Lance Buckley and two daughters dead in murder suicide", ("killed", 2)),
    ("Police say a man and two women were killed.", ("killed", 2)),
    ("Parents, 2 children dead in Stokes County murder-suicide", ("killed", 2)),   # a headline's comma
    ("Three soldiers and two civilians were wounded in the blast, the ministry said.", ("injured", 2)),
    ("Three children were among the fatalities, the coast guard said.", ("killed", 3)),   # fatalities: the dead
    ("Fourteen people died in the blast. Among the dead were four children.", ("killed", 4)),   # inverted
    ("Eight workers, six of them women, were killed in the explosion.", ("killed", 6)),  # who some of them are
])
def test_a_count_of_part_of_a_group_is_marked_part(sentence, part):
    counts = counts_of(sentence)
    if part is not None:
        assert (*part, True) in counts, counts


@pytest.mark.parametrize("sentence,toll", [
    # the fatal of the shot are the dead, not a part of them
    ("Six people were shot, two of them fatally.", ("killed", 2)),
    # what befell the four, not the five
    ("Police say four of the five victims were shot to death.", ("killed", 4)),
    # each count has a predicate of its own
    ("Five people were shot, including two men who were killed and two officers who were wounded.",
     ("killed", 2)),
    ("A woman and two slain men were found in an upstairs bedroom.", ("killed", 2)),
    # a count and its breakdown: the count is the whole
    ("She discovered the four victims, three women and one man, officer Chris Wilburn said.", ("killed", 4)),
    # coordinated verbs: each has its own object
    ("Police arrested 12 protesters and killed two, witnesses said.", ("killed", 2)),
])
def test_a_count_that_stands_on_its_own_is_no_part(sentence, toll):
    assert (*toll, False) in counts_of(sentence)


def test_the_breakdown_of_a_count_is_its_parts():
    counts = counts_of("She discovered the four victims, three women and one man, officer Chris Wilburn said.")
    assert ("killed", 3, True) in counts and ("killed", 4, False) in counts


def test_part_of_names_the_group_as_written():
    q = facts_for_text("Headline\n\nPublished: 2016-05-02\n\nPolice say a man and two women were killed.")["quantities"]
    groups = q[q["surface"] == "two"]["part_of"].tolist()
    assert groups == ["a man and two women"]


@pytest.mark.parametrize("sentence,want", [
    ("Police found two men and a woman shot to death inside a house.", ("killed", 3)),
    ("A man and a woman killed in the crash were identified on Tuesday.", ("killed", 2)),
])
def test_a_predicate_after_a_list_is_said_of_all_of_it(sentence, want):
    assert (*want, False) in counts_of(sentence)


@pytest.mark.parametrize("sentence,bad", [
    ("Authorities arrested 313 alleged participants, and executed 35, including Vesey.", ("killed", 313)),
    ("Soldiers massacred 40 villagers and burned 12 houses.", ("killed", 12)),
])
def test_a_killing_verb_takes_its_own_object_only(sentence, bad):
    assert not any((m, v) == bad for m, v, _ in counts_of(sentence))


@pytest.mark.parametrize("sentence,age", [
    ("Hernandez, whose age was given as 17 by police, died of a gunshot wound.", 17),
    ("The victim's age is believed to be 32, and she was killed instantly.", 32),
    ("Their ages were 30 and 60, and both were shot dead.", 60),
])
def test_a_number_a_copula_says_an_age_is_is_no_count(sentence, age):
    assert not any(v == age for _, v, _ in counts_of(sentence))


def test_a_number_given_as_a_toll_is_still_a_count():
    assert ("killed", 17, False) in counts_of("The death toll was given as 17 by the ministry.")


@pytest.mark.parametrize("sentence,low,high", [
    ("Two or three miners were killed in the collapse, the company said.", 2, 3),
    ("10 or 12 people were injured, police said.", 10, 12),
])
def test_two_numbers_joined_by_or_are_one_approximate_count(sentence, low, high):
    out = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{sentence}")["claims"]
    assert [(r.value_low, r.value_high, bool(r.part)) for r in out.itertuples()] == [(low, high, False)]


@pytest.mark.parametrize("sentence", ["Sections 5 or 6 of the law were cited.", "Police arrested 5 or 50 people."])
def test_numbers_joined_by_or_that_are_no_approximate_count_stay_apart(sentence):
    q = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{sentence}")["quantities"]
    assert not (q["value_high"] > q["value_low"]).any()


@pytest.mark.parametrize("sentence,want", [
    # victims who were treated, taken to a medical centre, or are in a stable condition are the wounded
    ("Three of the victims have since been treated and released.", ("injured", 3)),
    ("The five victims were taken to Loma Linda University Medical Center.", ("injured", 5)),
    ("The three other victims are listed in stable condition.", ("injured", 3)),
    ("Two casualties were flown to the trauma centre in Cardiff, the ambulance service said.", ("injured", 2)),
    # what befell the noun a list member or an apposition hangs from befell the counted
    ("All of the victims, two men and two women, were transported to area hospitals.", ("injured", 2)),
])
def test_victims_said_to_survive_are_the_wounded(sentence, want):
    assert any((m, v) == want for m, v, _ in counts_of(sentence)), counts_of(sentence)
    assert not any(m == "killed" for m, _, _ in counts_of(sentence))


@pytest.mark.parametrize("sentence", [
    "Those killed ranged in age from 46 to 73, according to police.",
    "The victims, with ages ranging from 18 to 24, were shot dead in a garage.",
])
def test_a_range_of_ages_is_no_count(sentence):
    assert not any(v in (18, 24, 46, 73) for _, v, _ in counts_of(sentence))


@pytest.mark.parametrize("headline", [
    "Father accidentally shot, killed teen son at Florida gun range",
    "Gunman shot, wounded two deputies in Ozark standoff",
])
def test_a_headline_subject_of_acts_sharing_an_object_is_their_agent(headline):
    out = facts_for_text(f"{headline}\n\nPublished: 2016-05-02\n\nThe investigation continues.")["claims"]
    assert not any(s.split()[0] in ("Father", "Gunman") for s in out["surface"]), out["surface"].tolist()


@pytest.mark.parametrize("sentence,other", [
    ("Four people were shot during an incident in southeast Washington Saturday night and police are "
     "searching for two men in connection with the crime.", 2),
    ("Three people were stabbed outside a pub and officers later questioned two men about the fight.", 2),
])
def test_a_count_of_another_acts_people_takes_no_casualty_cue_of_another_clause(sentence, other):
    assert not any(v == other for m, v, _ in counts_of(sentence) if m in ("killed", "injured")), counts_of(sentence)


@pytest.mark.parametrize("sentence,want", [
    ("All three suffered gunshot wounds.", ("injured", 3)),
    ("Two men were fighting for their lives, police said.", ("injured", 2)),
])
def test_a_count_whose_clause_tells_of_harm_keeps_it(sentence, want):
    assert any((m, v) == want for m, v, _ in counts_of(sentence)), counts_of(sentence)


@pytest.mark.parametrize("sentence,total", [
    ("Amy and Lance Buckley and two daughters dead in murder suicide", 4),
    ("Sarah Jones and Tom Jones and their three children were killed in the fire, police said.", 5),
])
def test_a_list_the_parser_hangs_flat_from_its_first_member_adds_up(sentence, total):
    assert ("killed", total, False) in counts_of(sentence), counts_of(sentence)


@pytest.mark.parametrize("sentence,measure,total", [
    ("A woman, along with her two children, was found dead in the home.", "killed", 3),
    ("Stephen and Katie Stay, along with four juvenile victims were killed during the confrontation.", "killed", 6),
    # `along with` hung from the subject, not the verb
    ("A man and a woman, along with two teenagers, were killed in the crash.", "killed", 4),
    # `together` the adverb of `with`
    ("Two officers, together with a bystander, were wounded.", "injured", 3),
    # the object of a killing, and those along with it
    ("The gunman killed a security guard along with four customers.", "killed", 5),
    ("The fire killed a mother along with her three children.", "killed", 4),
])
def test_people_along_with_the_counted_suffered_the_same(sentence, measure, total):
    assert (measure, total, False) in counts_of(sentence), counts_of(sentence)


def test_along_with_adds_no_one_to_an_act_that_is_no_casualty():
    counts = counts_of("The suspect, along with two others, was arrested on Friday.")
    assert not any(m in ("killed", "injured") for m, _, _ in counts), counts


@pytest.mark.parametrize("sentence,part", [
    ("Police said he shot two people dead at a barbershop before killing two more at a car wash.", True),
    ("Deputies found one man dead in the house, and later found another two victims in the barn.", True),
    # "more" after a count of something else is no increment of it
    ("Manuel Ortiz died, and three more people are at a hospital with gunshot wounds.", False),
])
def test_a_count_of_more_of_the_same_is_a_part(sentence, part):
    counts = counts_of(sentence)
    second = max((v for m, v, _ in counts if m in ("killed", "injured") and v in (2, 3)), default=None)
    assert second is not None, counts
    assert any(v == second and p == part for _, v, p in counts), counts


def test_a_plural_in_apposition_to_a_single_person_is_the_next_member_of_a_list():
    assert ("killed", 2, True) in counts_of("Tulsa police say man killed his wife, 2 sons, then himself")
    assert ("killed", 4, False) in counts_of(
        "Cathy and Mike Scott, two of four people found dead in Pendleton on Monday, are pictured here.")


def test_victims_said_to_be_somewhere_are_not_counted_as_dead_for_it():
    assert counts_of("The two victims were reportedly in the front seat of a car near Hillcrest.") == []


@pytest.mark.parametrize("sentence,want", [
    ("Manning was taken to a hospital, but did not survive, authorities said.", ("killed", 1)),
    ("The two were taken to the hospital where they were pronounced dead.", ("killed", 2)),
    ("A pensioner was rushed to the Royal Infirmary where she died on Sunday.", ("killed", 1)),
])
def test_taken_to_hospital_and_died_there_are_the_dead(sentence, want):
    counts = counts_of(sentence)
    assert any((m, v) == want for m, v, _ in counts) and not any(m == "injured" for m, _, _ in counts), counts


def test_the_hospital_where_someone_works_kills_no_one():
    counts = counts_of("A man was shot and taken to the hospital where he works as a nurse.")
    assert not any(m == "killed" for m, _, _ in counts), counts


def test_a_list_of_the_dead_ends_before_a_member_who_suffered_something_else():
    counts = counts_of("Officers found a man and a woman dead in a classroom, as well as two injured students.")
    assert ("killed", 2, False) in counts and ("injured", 2, False) in counts, counts
    assert not any(m == "killed" and v == 4 for m, v, _ in counts), counts


def test_victims_who_drove_themselves_to_hospital_are_the_wounded():
    counts = counts_of("Two victims were transported to a local hospital and two other victims drove themselves "
                       "to local hospitals for treatment.")
    assert ("injured", 4, False) in counts and not any(m == "killed" for m, _, _ in counts), counts


@pytest.mark.parametrize("sentence,want", [
    # what befell some of a group is not said of the whole group
    ("Three of the 12 miners died in the collapse.", [("killed", 3)]),
    ("Two of the 30 passengers were hurt, the airline said.", [("injured", 2)]),
    ("The gunman killed two of the five hostages before police stormed the bank.", [("killed", 2)]),
    ("None of the 40 pupils were injured.", [("injured", 0)]),   # none of them: zero, not the 40
])
def test_the_group_some_of_which_were_harmed_is_no_count_of_harm(sentence, want):
    counts = [(m, v) for m, v, _ in counts_of(sentence) if m in ("killed", "injured")]
    assert counts == want, counts


@pytest.mark.parametrize("sentence,want", [
    # the same for arrests and dismissals (sentences the grammar does not parse) and for shares of a group
    ("Dozens of the 500 protesters were arrested.", [("arrested", 24.0)]),
    ("About 40 percent of the 1,200 workers were fired.", []),
    ("Two-thirds of the 300 passengers were injured.", []),
    ("Most of the 200 strikers have been dismissed.", []),
    ("Police arrested 40 of the protesters.", [("arrested", 40.0)]),
])
def test_the_group_a_share_or_a_quantifier_takes_from_is_no_count(sentence, want):
    rows = facts_for_text("Report\n\nPublished: 2016-05-02\n\n" + sentence)["claims"]
    assert [(r.measure, r.value_low) for r in rows.itertuples()] == want


@pytest.mark.parametrize("sentence,group", [
    # ... unless the group itself is said to have suffered it
    ("Two of the four men killed were brothers.", ("killed", 4)),
    ("Only one of the four wounded remains in hospital.", ("injured", 4)),
    ("Police released the names of four of the five people found shot to death.", ("killed", 5)),
])
def test_a_group_said_to_have_suffered_keeps_its_count(sentence, group):
    assert group in [(m, v) for m, v, _ in counts_of(sentence)], counts_of(sentence)


@pytest.mark.parametrize("sentence,part,whole", [
    # those still in the state a larger count before them told of are some of them
    ("Two people died and 14 were injured when the roof collapsed, police said, adding that 3 remain in hospital.",
     ("injured", 3), ("injured", 14)),
    ("Eight people were hurt in the crash; two of them are still in hospital.", ("injured", 2), ("injured", 8)),
    ("Five were wounded and two remain in critical condition.", ("injured", 2), ("injured", 5)),
])
def test_a_count_still_in_hospital_is_a_part_of_the_hurt(sentence, part, whole):
    counts = counts_of(sentence)
    assert (*part, True) in counts and (*whole, False) in counts, counts


@pytest.mark.parametrize("sentence", [
    "Three people remain in hospital after the crash.",        # no larger count before it: the count itself
    "Nine people were injured, and all nine remain hospitalized.",
])
def test_a_count_still_in_hospital_with_nothing_larger_before_stays_a_toll(sentence):
    assert not any(part for m, _, part in counts_of(sentence) if m == "injured"), counts_of(sentence)


@pytest.mark.parametrize("sentence,parts,total", [
    # the dead of one toll counted where or when each died (Indian, Indonesian, Uzbek and US copy)
    ("Nine workers died on the spot and two succumbed on the way to the government hospital.", [9, 2], 11),
    ("According to the deputy commissioner, 19 people died on the spot while four succumbed on the way to "
     "hospital.", [19, 4], 23),
    ("Five workers had died on the spot, one died while being taken to hospital and two more succumbed at the "
     "hospital late on Wednesday night.", [5, 1, 2], 8),
    ("Seven people died at the scene and two died in hospital, the health department said.", [7, 2], 9),
    ("Two young men died at the scene, while a woman aged 21 died on arrival at the hospital.", [2, 1], 3),
])
def test_the_dead_counted_where_they_died_add_up_to_the_toll(sentence, parts, total):
    counts = counts_of(sentence)
    assert sorted(v for m, v, part in counts if m == "killed" and part) == sorted(parts), counts
    assert [v for m, v, part in counts if m == "killed" and not part] == [total], counts


@pytest.mark.parametrize("sentence", [
    "Two died in hospital and three died in hospital later.",          # no one at the scene: two tellings?
    "Two people died at the scene. Three others died in hospital.",      # two sentences: each its own
    "Six people died at the scene and 12 were injured.",                 # another measure
])
def test_counts_of_the_dead_not_told_apart_by_where_they_died_do_not_add_up(sentence):
    counts = counts_of(sentence)
    assert not any(part for m, _, part in counts if m == "killed"), counts


@pytest.mark.parametrize("sentence,want", [
    # a count, then what it is made of, a member written with "a" counting one (South African, UK copy)
    ("Five people, four men and a woman, were certified dead at the scene.", [("killed", 4.0, True),
                                                                              ("killed", 5.0, False)]),
    ("Three people, two women and a man, were wounded in the attack.", [("injured", 2.0, True),
                                                                        ("injured", 3.0, False)]),
])
def test_a_count_broken_down_with_a_member_of_one_stays_the_whole(sentence, want):
    assert counts_of(sentence) == want
