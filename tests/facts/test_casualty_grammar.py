"""Casualty counts in news English: ages that are not counts, lists of named victims, the wounded
reckoned from the shot and the dead of one sentence, compound crime names. Sentences in the styles of
US local news, UK papers and wire copy, written for these rules (none taken from a dev set)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.facts.test_grammar_counts import claims_of
from tests.facts_helpers import facts_for_text

HARM = ("killed", "injured", "shot")


def claims_of_measures(sentence: str, measures: tuple[str, ...] = HARM) -> list:
    """The sentence's claims (measure, low, high) of those measures, sorted."""
    return [c for c in claims_of(sentence) if c[0] in measures]


@pytest.mark.parametrize("sentence,age", [
    ("A 21 year-old woman was shot twice in the chest.", 21),                      # space before year-old
    ("Officers said a 25 y/o man was shot and killed near the park.", 25),
    ("A 34 yo man died at the scene.", 34),
    ("Two Milwaukee men, ages 25 and 26, died at the scene.", 26),
    ("Three other victims, men aged 18, 21 and 35, were taken to hospital.", 35),
    ("The four wounded, all between the ages of 18 and 24, were taken to hospital.", 24),
    ("The girl, who was 12 or 13 years old, was shot and killed.", 12),
    ("Relatives said the dead are 19- and 20-year-old brothers.", 19),
    ("The victims were named as Heike Poike, 50, and Dakota Smith, 28.", 28),       # list closing a sentence
    ("The dead were Cynthia Hurd, 54; Tywanza Sanders, 26; and Ethel Lance, 70.", 54),
    ("The victims have been identified as Lavelle Cox and Jawon Carter, both 24.", 24),
    ("Shamir Oswald-Newman,19, was shot in the leg.", 19),                         # no space after the comma
    ("Italo Pisciotti, 79 (building manager, killed in a hallway)", 79),           # a list of the dead
    ("Jane Doe, 41 – a nurse – was killed in the attack.", 41),
    ("The two victims who were killed were 19 and 20.", 19),                       # what a person is: an age
    ("The two victims who were killed were 19 and 20.", 20),
    ("The gunman, who was 24, killed two people at the depot.", 24),
    ("Two women, believed to be 30 and 60, were shot dead.", 60),
    ("They were 17 and 18 when they were shot outside the club.", 18),
    # ages set off by commas after the people they are: a list, or one after "now"
    ("A woman was shot in the arm, and two men, 24 and 30, suffered graze wounds.", 30),
    ("The victims, 17, 19 and 22, were taken to hospital with gunshot wounds.", 22),
    ("Tyrese Bailey, now 18, was found guilty of murder at Birmingham Crown Court.", 18),
    ("Five people, four men and a woman aged between 23 and 48, were certified dead at the scene.", 48),
    ("Victims were 19, 20 and 22 per the chief.", 19),                             # a forum's shorthand
])
def test_an_age_is_not_a_count(sentence, age):
    assert not any(value == age for _, value, _ in claims_of(sentence))


@pytest.mark.parametrize("sentence,want", [
    ("The dead were 12, police said.", [("killed", 12, 12)]),                      # the dead are no person noun
    ("The gunman, who was 24, killed two people at the depot.", [("killed", 2, 2)]),
])
def test_a_count_beside_an_age_complement_stays(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Police said Kelcii Flintroy, Willie Norman and Christopher Chaney all died of gunshot wounds.",
     [("killed", 3, 3)]),
    ("Jennifer Friedel, 32, and Leroy Friedel, 3, died of gunshot wounds.", [("killed", 2, 2)]),
    ("John Smith and Mary Jones were killed on Friday, police said.", [("killed", 2, 2)]),
    ("A man, a woman and a teenager were wounded in the attack in Croydon.", [("injured", 3, 3)]),
])
def test_coordinated_victims_are_counted(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Six people were shot, two of them fatally, early Friday in southwest Macon.",
     [("injured", 4, 4), ("killed", 2, 2), ("shot", 6, 6)]),
    ("Four people shot, two dead, in west Jackson", [("injured", 2, 2), ("killed", 2, 2), ("shot", 4, 4)]),
    ("Seven people were shot, with six confirmed dead.", [("injured", 1, 1), ("killed", 6, 6), ("shot", 7, 7)]),
    ("Three people were shot, one fatally, in Leeds on Saturday night.",
     [("injured", 2, 2), ("killed", 1, 1), ("shot", 3, 3)]),
    ("Five people were shot, three fatally, in Manchester on Saturday, police said.",
     [("injured", 2, 2), ("killed", 3, 3), ("shot", 5, 5)]),
    ("Four men were shot and two of them died early Friday at a gas station.",
     [("injured", 2, 2), ("killed", 2, 2), ("shot", 4, 4)]),
])
def test_the_shot_who_did_not_die_were_wounded(sentence, want):
    assert claims_of(sentence) == want


def test_the_derived_count_says_how_it_was_reckoned():
    out = facts_for_text("Headline\n\nPublished: 2016-05-02\n\nSix people were shot, two of them fatally.")
    derived = out["quantities"].query("measure == 'injured'").iloc[0]
    assert derived.implicit and derived.surface == "shot" and "fatally" in derived.sentence


@pytest.mark.parametrize("sentence,want", [
    ("Four people died in a murder-suicide in Killeen.", [("killed", 4, 4)]),       # the numeral says how many
    ("Police are investigating a murder-suicide in Wallkill.", [("killed", 2, None)]),
    ("The woman was identified as the shooter in a triple murder-suicide.", [("killed", 4, 4)]),
])
def test_compound_crime_names(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Police say all four were taken to Community Regional Hospital.", [("injured", 4, 4)]),
    ("Paramedics took three people to the Royal London Hospital.", [("injured", 3, 3)]),
    ("The shooting put four people in the hospital.", [("injured", 4, 4)]),
    ("Paramedics rushed two victims to local hospitals.", [("injured", 2, 2)]),
    ("Three victims were transported to a local hospital for treatment.", [("injured", 3, 3)]),
    ("Two men died and three others were treated for wounds at a local emergency room.",
     [("injured", 3, 3), ("killed", 2, 2)]),
    ("Two people were taken to the hospital and pronounced dead.", [("killed", 2, 2)]),
    ("The attack killed a pedestrian and left five others injured, police said.",
     [("injured", 5, 5), ("killed", 1, 1)]),
    ("Deputies found all four deceased.", [("killed", 4, 4)]),
    ("Caudill died; the other three were injured.", [("injured", 3, 3), ("killed", 1, 1)]),
])
def test_hurt_read_from_what_was_done_to_them(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,total", [
    ("Police say a man fatally shot his wife and two young sons before killing himself at their home.", 4),
    ("A gunman killed four people at a farmhouse near Belfair before taking his own life.", 5),
    ("A retired police officer has killed his two children and himself, officials said.", 3),
    ("A woman killed her 30-year-old daughter and two young grandchildren before turning the gun on herself.", 4),
    ("The gunman shot dead a taxi driver and a solicitor, then killed himself in woodland.", 3),
    ("He shot and killed John Smith and Mary Jones.", 2),
])
def test_the_dead_of_one_killing_add_up(sentence, total):
    assert ("killed", total, total) in claims_of(sentence)


def test_no_sum_over_an_uncounted_plural():
    assert all(v != 2 for _, v, _ in claims_of("A gunman killed his family and then himself."))


def test_an_open_murder_suicide_count_yields_to_the_sum():
    sentence = "A retired officer killed his two children and himself in a murder-suicide."
    assert ("killed", 2, None) not in claims_of(sentence)


@pytest.mark.parametrize("sentence", [
    "The sheriff said the 16-year-old called 911 and told dispatchers he had been shot.",
    "Police found the 911 caller's father dead inside the home.",
    "A wounded 12-year-old girl was calling 911 when officers arrived.",
    "A neighbour dialled 999 after hearing shots; one man was killed.",
    "The two men were pronounced dead about 30 yards apart.",
])
def test_emergency_numbers_and_distances_are_not_counts(sentence):
    assert not any(v in (911, 999, 30) for _, v, _ in claims_of(sentence))


@pytest.mark.parametrize("sentence,want", [
    ("The death toll from the floods rose to 112, officials said.", ("killed", 112, 112)),
    ("By Friday the toll had climbed to 999.", ("killed", 999, 999)),
])
def test_a_toll_that_is_written_like_an_emergency_number_is_a_count(sentence, want):
    assert want in claims_of(sentence)


def test_calls_to_an_emergency_number_are_no_count():
    claims = claims_of("Neighbours made several calls to 911 and phoned 999 before two men were killed.")
    assert claims == [("killed", 2, 2)]


@pytest.mark.parametrize("sentence,want", [
    ("KILLEEN, Texas - Four people are dead after an overnight shooting.", [("killed", 4, 4)]),  # dateline
    ("Man charged in Houston shooting deaths of woman, daughter", []),  # the agent of a present participle
    ("Man killed in Gresham shooting", [("killed", 1, 1)]),  # headlines drop the article
    # a number word opening a short headline in sentence case (UK, wire style): no section heading
    ("Two killed in crash", [("killed", 2, 2)]),
    ("Two hundred hurt in stampede", [("injured", 200, 200)]),
])
def test_who_is_a_victim_in_headlines_and_datelines(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("A teen was struck by celebratory gunfire and taken to Sunrise Hospital with non-life-threatening "
     "injuries.", [("injured", 1, 1)]),  # conjoined verbs share their subject
    ("Another woman was rushed to the Royal Infirmary with critical wounds.", [("injured", 1, 1)]),
    ("A woman was stabbed and taken to hospital.", [("injured", 1, 1)]),
])
def test_one_taken_to_hospital(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("He told his mother he had shot four people and planned to kill himself.", [("shot", 4, 4)]),
    ("A woman fatally shot her son and her husband, then tried to take her own life.", [("killed", 2, 2)]),
    ("He threatened to kill two people before officers arrived.", []),
    ("The gunman tried to kill three officers but was arrested, police said.", []),
])
def test_what_was_meant_or_tried_did_not_happen(sentence, want):
    assert claims_of(sentence) == want


def test_an_address_block_is_not_a_count():
    assert not any(v == 2700 for _, v, _ in claims_of(
        "A man walked into a restaurant in the 2700-block of E. 75th St. and shot four people dead."))


@pytest.mark.parametrize("sentence,total", [
    ("Police are investigating the shooting deaths of a mother, son and little girl near Norcross.", 3),
    ("He is charged with murder in the deaths of Veronica Mercado and her daughter, Linette Cano.", 2),
    ("Four people were shot dead at a rural home by a man who later killed himself in front of deputies.", 5),
    ("Two pensioners were killed by a neighbour who then took his own life, Essex Police said.", 3),
])
def test_the_dead_named_together_add_up(sentence, total):
    assert ("killed", total, total) in claims_of(sentence)


@pytest.mark.parametrize("sentence,want", [
    ("3 dead, 1 injured in shooting at Marion County berry farm", [("injured", 1, 1), ("killed", 3, 3)]),
    ("Two died and two others are recovering in hospital.", [("injured", 2, 2), ("killed", 2, 2)]),
    ("Police recovered two guns at the scene.", []),
    ("Four people were shot inside a flat in Salford on Tuesday, and two did not survive.",
     [("injured", 2, 2), ("killed", 2, 2), ("shot", 4, 4)]),
    ("4 shot on Columbus Street, 2 die", [("injured", 2, 2), ("killed", 2, 2), ("shot", 4, 4)]),
    ("Police said Sunday that two of the four shooting victims had died.",
     [("injured", 2, 2), ("killed", 2, 2), ("shot", 4, 4)]),
])
def test_the_dead_and_the_survivors_of_one_shooting(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Deputies are investigating the accidental shooting death of a 14-year-old boy in Winter Haven.",
     [("killed", 1, 1)]),
    ("A Greene County man has been charged with murder in the death of his three-year-old son.",
     [("killed", 1, 1)]),
    ("Deputies say they found 14-year-old Kyler Daughtry deceased from a single gunshot wound.",
     [("killed", 1, 1)]),
    ("The coroner says 12 year-old Spenson Bennett Jr., of Columbus, died at the home last night.",
     [("killed", 1, 1)]),
])
def test_one_death(sentence, want):
    assert claims_of(sentence) == want


def test_one_figure_per_start():
    out = facts_for_text("Headline\n\nPublished: 2016-05-02\n\n"
                         "The coroner says 12 year-old Spenson Bennett Jr. died at the home last night.")
    assert out["quantities"]["quantity_id"].is_unique


@pytest.mark.parametrize("sentence,want", [
    ("The victim died at the hospital as a result of his injuries.", [("killed", 1, 1)]),
    ("The victim was taken to the Royal Infirmary with stab wounds.", [("injured", 1, 1)]),
    ("The other victim was taken to hospital.", []),  # one of several: not the count of the incident
])
def test_the_lone_victim(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Two of the victims were juveniles.", []),  # who they are, not what befell them
    ("The other two victims at the hospital were female civilians, a doctor said.", []),
    ("Five victims were in critical condition on Sunday night.", [("injured", 5, 5)]),
    ("Two of the victims were dead when paramedics arrived.", [("killed", 2, 2)]),
])
def test_what_the_sentence_says_of_the_victims(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    # `victims` says they were harmed, not how: the sentence's other words decide, or nothing is claimed
    ("Police have identified the four victims involved in Saturday's shooting.", []),
    ("Katherine Burns was one of the three victims.", []),
    ("Family members of the two victims sat in court for the hearing.", []),
    ("The other two victims were treated at Northside and are expected to survive.", [("injured", 2, 2)]),
    ("Three victims in all were brought to the trauma centre, all in a critical condition.", [("injured", 3, 3)]),
    ("There is no word on the condition of the two victims who were taken to St Mary's.", [("injured", 2, 2)]),
    ("The county coroner identified the other three victims as Ann Hicks, 18, and Joe Bull, 20.",
     [("killed", 3, 3)]),
    ("The five victims of the massacre were buried in the village on Sunday.", [("killed", 5, 5)]),
    ("A neighbour discovered the two victims on Tuesday morning, officers said.", [("killed", 2, 2)]),
])
def test_a_count_of_victims_no_predicate_reads(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Man charged in shooting deaths of woman, daughter - KLTV.com-Tyler, Longview, Jacksonville", []),
    ("He is accused of the attempted murder of a 20-year-old man.", []),
    ("Somebody killed my whole family - my mama, my sisters, and my little nephew, she said.", []),
])
def test_no_sum_beyond_the_list(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Two men were killed while two officers and a woman suffered non-life-threatening gunshot wounds.",
     [("injured", 2, 2), ("injured", 3, 3), ("killed", 2, 2)]),
    ("A man and two women were wounded in the attack in Brixton.", [("injured", 2, 2), ("injured", 3, 3)]),
    ("A passer-by sustained minor injuries, police said.", []),  # not a person noun the rules know
    ("A woman sustained fatal injuries in the crash.", [("killed", 1, 1)]),
])
def test_coordinated_subjects_add_up(sentence, want):
    assert claims_of(sentence) == want


def test_a_list_of_victims_is_read_once():
    out = facts_for_text("Headline\n\nPublished: 2016-05-02\n\nJohn Smith and Mary Jones were killed on Friday.")
    assert len(out["claims"]) == 1 and out["quantities"]["quantity_id"].is_unique


@pytest.mark.parametrize("sentence", [
    "The 19-year-old was shot in the back, and the older man suffered two gunshot wounds, police said.",
    "She is being treated for four stab wounds at the Royal London Hospital.",
    "He was shot three times in the chest.",
])
def test_wounds_and_shots_are_not_people(sentence):
    assert not any(v in (2, 3, 4) for _, v, _ in claims_of(sentence))


@pytest.mark.parametrize("sentence,want", [
    ("Dallas-area man arrested in killings of four women had his record wiped clean", [("killed", 4, 4)]),
    ("He is sought in connection with the shooting of six people in two towns; one died.",
     [("killed", 1, 1), ("shot", 6, 6)]),
    ("The bodies of four people were found in the burned house.", [("killed", 4, 4)]),
    ("Four homicides occurred in one weekend in the township.", [("killed", 4, 4)]),
])
def test_what_a_noun_of_killing_counts(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Six people were found shot to death in a farmhouse in Iowa.", [("killed", 6, 6)]),
    ("Two brothers were found stabbed to death in their flat in Glasgow.", [("killed", 2, 2)]),
    ("A woman was found shot dead in her car on the M6.", [("killed", 1, 1)]),
    ("Three men were left wounded after the gang opened fire.", [("injured", 3, 3)]),
])
def test_a_state_said_of_the_subject_of_found_or_left(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    # the finders and the gunmen are no victims: what befell is said of the object
    ("Two officers found the man dead in the basement.", []),
    ("Two gunmen shot and killed a man in Croydon.", [("killed", 1, 1)]),
    ("Three masked men beat a woman to death, police said.", [("killed", 1, 1)]),
    # but their own lives and injuries are theirs
    ("Four people lost their lives in the fire.", [("killed", 4, 4)]),
    ("Two officers suffered minor injuries.", [("injured", 2, 2)]),
    # 'were' with a clause beside it in a loose parse is no act on someone else
    ("In all: one person died, 12 were injured(of them 3 firefighters).",
     [("injured", 3, 3), ("injured", 12, 12), ("killed", 1, 1)]),
    # the subject of a relative clause that acts: the killers, the witnesses (not `who died`, `who were shot`)
    ("The two men who killed the guard were arrested on Friday.", [("arrested", 2, 2)]),
    ("Investigators identified the two teens who admitted to the killings.", []),
    ("Three neighbours who heard the shots said a man was killed.", [("killed", 1, 1)]),
    ("Two men who died in the attack were buried on Sunday.", [("killed", 2, 2)]),
    ("Two men who were shot in the attack were taken to hospital.", [("injured", 2, 2)]),
    ("Police are investigating two homicides that happened on May 1.", [("killed", 2, 2)]),  # no people acting
])
def test_who_acted_on_someone_else_is_not_counted_as_a_victim(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Both were fatally shot in the car park.", [("killed", 2, 2)]),
    ("Both men were shot and killed on the porch.", [("killed", 2, 2)]),
    ("Police said both of them died at the scene.", [("killed", 2, 2)]),
    ("Police say a 16-year-old and a 17-year-old were wounded.", [("injured", 2, 2)]),
])
def test_both_and_coordinated_ages_count_two(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("They have not named the other two victims, who had minor injuries.", [("injured", 2, 2)]),
    ("Officers identified three victims, who suffered gunshot wounds.", [("injured", 3, 3)]),
])
def test_a_relative_clause_says_what_befell_the_victims(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Three other victims remained in critical condition at St Mary's, police said.", [("injured", 3, 3)]),
    ("Two of the wounded stayed in serious condition overnight.", [("injured", 2, 2)]),
])
def test_a_condition_that_lasts_is_a_wound(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("1 Dies, 4 Hurt In Highway Shooting Near Trenton", [("injured", 4, 4), ("killed", 1, 1)]),
    ("Man Dies, Woman Hurt In Overnight Stabbing", [("injured", 1, 1), ("killed", 1, 1)]),
    ("Six People Found Shot to Death in Rural Home", [("killed", 6, 6)]),
    ("Essex County deputy dies in training accident", [("killed", 1, 1)]),
])
def test_headlines_in_title_case_and_without_articles(sentence, want):
    assert claims_of(sentence) == want


def test_a_title_case_name_with_a_number_is_still_no_figure():
    assert claims_of("Three Steps Above Heaven Tops The Box Office") == []


def test_the_shot_of_a_story_that_tells_of_no_death_were_wounded():
    story = ("Three hurt in drive-by\n\nPublished: 2016-05-02\n\n"
             "Three people were shot early Sunday in Toledo, police said.\n\n"
             "Officers found shell casings on the street.")
    claims = facts_for_text(story)["claims"]
    claim = claims[claims["sentence"].str.startswith("Three people")].iloc[0]   # (the headline counts 3 hurt)
    assert (claim.measure, claim.value_low, claim.reckoning) == ("injured", 3, "shot; the document reports no death")
    # one word of a death anywhere in the document: the figure stays what the sentence says
    told = story + "\n\nA fourth man died of his wounds on Monday."
    claims = facts_for_text(told)["claims"]
    assert list(claims.loc[claims["sentence"].str.startswith("Three people"), "measure"]) == ["shot"]


def test_a_derived_count_keeps_its_reckoning():
    out = facts_for_text("Headline\n\nPublished: 2016-05-02\n\nSix people were shot, two of them fatally.")
    claims = out["claims"].set_index("measure")
    assert claims.loc["injured", "reckoning"] == "6 shot - 2 dead" and pd.isna(claims.loc["killed", "reckoning"])


@pytest.mark.parametrize("sentence,total", [
    ("Four people were shot dead on Friday, then the gunman killed himself.", 5),
    ("A man shot his family, killing three, then killed himself, police said.", 4),
    ("Two pensioners were stabbed to death before the attacker took his own life.", 3),
])
def test_the_killer_who_then_died_is_one_more_dead(sentence, total):
    out = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{sentence}")["claims"]
    derived = out[(out["measure"] == "killed") & (out["value_low"] == total)]
    assert len(derived) == 1 and derived.iloc[0].reckoning == f"{total - 1} + 1 (the killer)", out


def test_a_toll_that_counts_the_killer_already_gets_no_more():
    sentence = "Five people, including the gunman, were killed before the gunman shot himself."
    assert 6 not in {v for m, v, _ in claims_of(sentence) if m == "killed"}


@pytest.mark.parametrize("sentence,want", [
    ("Officers said they found Baker shot to death behind a garage.", [("killed", 1, 1)]),
    ("The explosion left a firefighter injured.", [("injured", 1, 1)]),
])
def test_a_small_clause_under_found_or_left(sentence, want):
    assert claims_of(sentence) == want


def test_a_relative_pronoun_is_no_second_victim():
    sentence = "A woman who police say shot and killed her husband before turning the gun on herself was 54."
    assert ("killed", 2, 2) in claims_of(sentence)


@pytest.mark.parametrize("sentence", [
    "Police: Family found shot to death in Gwinnett County home",
    "Crew killed in helicopter crash off Norfolk",
])
def test_a_group_noun_is_no_count_of_one(sentence):
    assert not any(v == 1 for _, v, _ in claims_of(sentence))


@pytest.mark.parametrize("sentence,want", [
    ("The victim, 16, was pronounced dead at the scene.", [("killed", 1, 1)]),
    ("A man was declared dead at the hospital.", [("killed", 1, 1)]),
    ("Deputies found a woman who later died at St Luke's.", [("killed", 1, 1)]),
    ("Two were hurt, including a boy who succumbed to his wounds on Monday.", [("injured", 2, 2), ("killed", 1, 1)]),
])
def test_a_death_said_by_a_complement_or_a_relative_clause(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("text, count", [
    ("A 10-year-old girl is at OU Medical Center with life threatening injuries after her brother shot her.", 1),
    ("A man died and a woman is in critical condition.", 1),
    ("Two men remain in stable condition, police said.", 2),
])
def test_a_victim_said_to_be_in_a_condition_or_with_injuries_is_injured(text, count):
    rows = facts_for_text(text)["quantities"]
    assert rows.loc[rows["measure"] == "injured", "value_low"].tolist() == [count]


@pytest.mark.parametrize("text", [
    "A woman is at the hospital with a broken heart after the verdict.",   # no injuries, no condition
    "The man died of his injuries at the hospital with fatal wounds.",     # fatal: no injured figure
    "The building is in critical condition after the flood.",              # a thing, not a person
])
def test_conditions_and_injuries_of_no_victim_give_no_injured_figure(text):
    rows = facts_for_text(text)["quantities"]
    assert "injured" not in set(rows["measure"])


@pytest.mark.parametrize("text", ["Four shot to death in Springfield, then gunman kills himself.",
                                  "Four people stabbed to death in Springfield, then attacker kills himself."])
def test_verb_to_death_in_a_headline_counts_the_dead_and_the_killer_is_added(text):
    rows = facts_for_text(text)["quantities"]
    killed = rows[rows["measure"] == "killed"]
    assert 4.0 in killed["value_low"].tolist()
    assert killed.loc[killed["value_low"] == 5.0, "reckoning"].tolist() == ["4 + 1 (the killer)"]


@pytest.mark.parametrize("text, surface, count", [
    ("A woman was killed and her brother and 4-year-old daughter injured in a shooting Sunday night.",
     "her brother and 4-year-old daughter", 2),                       # a possessive shared by a conjunct
    ("Stoffel's wife, Erin, was wounded before the gunman killed himself.", "Stoffel's wife", 1),
    ("Three people were killed and another critically injured in a shooting Monday.", "another", 1),
])
def test_relatives_and_another_victim_are_counted(text, surface, count):
    rows = facts_for_text(text)["quantities"]
    injured = rows[rows["measure"] == "injured"]
    assert list(zip(injured["surface"], injured["value_low"])) == [(surface, count)]


def test_a_year_alone_never_joins_another_documents_story():
    from tests.facts_helpers import run_facts, tables_from_texts

    a = ("Mother mourns son\n\nPublished: 2017-04-02\n\nHer son was shot dead in Springfield in 2016, she said.\n")
    b = ("Springfield violence\n\nPublished: 2016-12-30\n\nA woman was wounded in Springfield in 2016, "
         "police said.\n")
    claims = run_facts(tables_from_texts([("a.txt", a), ("b.txt", b)]))["claims"]
    keys = {path.split("/")[-1]: set(g["event"]) for path, g in claims.groupby("source_path")}
    assert not keys["a.txt"] & keys["b.txt"], keys


@pytest.mark.parametrize("text, measure", [
    ("A woman was hit by a stray bullet, police said.", "injured"),
    ("An 11-year-old girl was grazed by a bullet outside her home.", "injured"),
    ("A man was struck by gunfire and taken to hospital.", "injured"),
    ("A boy was hit by a car and killed.", "killed"),                  # the conjoined verb says he died
    # a free relative that says what it was
    ("A teen was struck by what may have been celebratory gunfire just after midnight.", "injured"),
    ("A woman was hit by what appeared to be a stray bullet while she sat on her porch.", "injured"),
])
def test_hit_struck_or_grazed_by_a_bullet_or_a_vehicle_is_a_casualty(text, measure):
    rows = facts_for_text(text)["quantities"]
    assert list(zip(rows["measure"], rows["value_low"])) == [(measure, 1.0)]


@pytest.mark.parametrize("text", ["A 16-year-old boy was hit.", "He was hit with charges of murder.",
                                  "A man was struck by the news of his promotion.",
                                  "He was hit by what he called a wave of grief."])
def test_hit_alone_or_by_something_harmless_is_no_casualty(text):
    assert facts_for_text(text)["quantities"].empty


@pytest.mark.parametrize("text, surface, count", [
    ("Four people are dead and another is fighting for her life at a hospital.", "another", 1),
    ("A teenager is fighting for his life after a shooting on Friday.", "A teenager", 1),
    ("Two men were fighting for their lives, police said.", "Two", 2),
])
def test_fighting_for_life_is_injured(text, surface, count):
    rows = facts_for_text(text)["quantities"]
    injured = rows[rows["measure"] == "injured"]
    assert list(zip(injured["surface"], injured["value_low"])) == [(surface, count)]
    assert facts_for_text("The team is fighting for its life in the league.")["quantities"].empty


@pytest.mark.parametrize("sentence,want", [
    ("A fourth victim in a deadly Robinson Road shooting, that killed three others, has died.", ("killed", 4, 4)),
    ("Third victim dies after Florida mass shooting", ("killed", 3, 3)),
    ("Jacksonville police locate second body after Tuesday drive-by shooting", ("killed", 2, 2)),
    ("A second body was found in the river on Monday, police said.", ("killed", 2, 2)),
    # the noun left out after the ordinal
    ("Three people were killed on Friday; a fourth died in hospital on Sunday.", ("killed", 4, 4)),
    ("Two men were shot dead and a third has died of his wounds, the force said.", ("killed", 3, 3)),
    ("Police: a fifth dies after the motorway crash", ("killed", 5, 5)),
    # ... or was killed
    ("A third person was also killed in the crash, the fire service said.", ("killed", 3, 3)),
    ("Two men were shot dead on Friday; a third man was shot and killed on Saturday.", ("killed", 3, 3)),
    ("A second woman has died in hospital.", ("killed", 2, 2)),
])
def test_an_nth_victim_who_died_makes_n_dead(sentence, want):
    assert want in claims_of(sentence)


@pytest.mark.parametrize("sentence", [
    "The second victim, a 20-year-old man, died at the hospital.",   # one of the victims: counts nothing
    "A fourth of the residents died in the epidemic.",               # a fraction, not the fourth dead
    "His death is the 11th homicide in the city this year.",
    "Officers wore a second body camera.",
])
def test_an_ordinal_that_names_one_victim_counts_no_dead(sentence):
    assert not [c for c in claims_of(sentence) if c[0] == "killed" and c[1] > 1]


@pytest.mark.parametrize("sentence", [
    "Unsealed search warrant names suspects in shooting death of 9-year-old girl",   # 'shooting' parsed a verb
    "Police named suspects in the death of Za'layia Jenkins, who was shot in the head last May.",  # NNS
    "Family pleads for justice in murder of 19-year-old",                            # 'old' as a noun
])
def test_one_victim_the_tagger_misreads_is_one(sentence):
    assert ("killed", 1, 1) in claims_of(sentence)


@pytest.mark.parametrize("sentence", [
    "The Joneses were killed in the crash.",          # a family: how many is not written
    "Police investigate the deaths of the Smiths.",
])
def test_a_family_name_in_the_plural_counts_nobody(sentence):
    assert [c for c in claims_of(sentence) if c[0] == "killed"] == []


@pytest.mark.parametrize("sentence,want", [
    ("Quinn said his mother nearly died of illness last year.", []),
    ("A man was almost killed by a stray bullet.", []),
    ("A man died and another was nearly killed.", [("killed", 1, 1)]),
    ("Nearly 40 people died in the fire.", [("killed", None, 40)]),   # 'nearly' hedges the number here
])
def test_a_near_miss_is_no_death(sentence, want):
    assert [c for c in claims_of(sentence) if c[0] == "killed"] == want


def test_the_written_counts_a_sentence_adds_up_are_parts_of_the_sum():
    out = facts_for_text("Headline\n\nPublished: 2016-05-02\n\n"
                         "Four adults and two children were killed in a home on Tuesday night.")["claims"]
    rows = {(float(v), bool(p)) for v, p in zip(out["value_low"], out["part"])}
    assert rows == {(4.0, True), (2.0, True), (6.0, False)}, rows


@pytest.mark.parametrize("text,want", [
    ("Jamia Barnes was shot in the wrist, and a 40-year-old woman was also wounded, while crossing the street.",
     ("injured", 2.0)),
    ("Two men were wounded outside the bar and three others were injured inside, police said.", ("injured", 5.0)),
])
def test_counts_the_sentence_adds_with_others_or_also_make_their_sum(text, want):
    out = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{text}")["claims"]
    sums = out[out["reckoning"].fillna("").str.contains(" + ", regex=False)]
    assert [(m, float(v)) for m, v in zip(sums["measure"], sums["value_low"])] == [want]
    assert out[~out.index.isin(sums.index)]["part"].all()


@pytest.mark.parametrize("text", [
    "A man died and four others were hurt in a shooting.",          # two measures: nothing to add
    "Two people were injured in the crash and three others were arrested.",
    "Two men were wounded on Friday and two were wounded on Saturday.",   # no 'others', no 'also'
])
def test_counts_not_added(text):
    out = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{text}")["claims"]
    assert not out["reckoning"].fillna("").str.contains(" + ", regex=False).any()


@pytest.mark.parametrize("sentence,want", [
    ("He was pronounced dead at the scene.", [("killed", 1, 1)]),
    ("She was shot in the leg and is in stable condition.", [("injured", 1, 1)]),
    ("He said the man died.", []),                      # the pronoun is the speaker, 'the man' no count
    ("Police said he died at the scene.", [("killed", 1, 1)]),                       # a reported clause
    ("His future was taken away on Friday when he was shot and died on the street.", [("killed", 1, 1)]),
    ("Smith said she was injured in the blast.", [("injured", 1, 1)]),
    ("They were killed.", []),                          # how many is not written
])
def test_a_singular_pronoun_subject_of_its_own_sentence_is_one_person(sentence, want):
    assert claims_of_measures(sentence, ("killed", "injured")) == want


def test_a_pronoun_in_a_relative_clause_is_its_antecedent_not_another_person():
    got = claims_of("Steven Freeman was shot in the body and taken to Stroger Hospital, where he died.")
    assert sum(v for m, v, _ in got if m in ("killed", "injured", "shot")) == 1, got


@pytest.mark.parametrize("sentence,want", [
    ("Were five people killed?", []),
    ("“Was he killed?”", []),
    ("Who killed two people?", [("killed", 2, 2)]),    # a wh-question presupposes what it asks about
])
def test_a_yes_no_question_asserts_no_figure(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("A man was shot and taken to Stroger Hospital, where he died.", [("killed", 1, 1)]),
    ("A 21-year-old man was hit in his back and was taken to a medical center, where he was later "
     "pronounced dead.", [("killed", 1, 1)]),
    ("Two men were shot and taken to a hospital, where they died.", [("killed", 2, 2)]),
    ("Two men were shot and taken to a hospital, where he died.", [("shot", 2, 2)]),        # one of them
    # the death is hers: the man stays shot, the woman taken there died
    ("A man was shot, and a woman was taken to a hospital, where she died.", [("killed", 1, 1), ("shot", 1, 1)]),
    ("Three people were wounded and taken to the hospital, where they are in stable condition.",
     [("injured", 3, 3)]),
])
def test_the_shot_taken_to_a_place_where_they_died_were_killed(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Three children and one adult were found dead in a travel trailer.", 4.0),          # a number word
    ("A man faces charges after two teens and a 1-year-old boy were found slain.", 3.0),  # a hyphen
    ("A 42-year-old man, his 38-year-old wife and their 6- and 10-year-old sons were found shot to death.", 4.0),
    ("Police found a man and a woman dead inside the home.", 2.0),     # the adjective after the noun
    ("Police discovered one man and two children dead inside the residence.", 3.0),
    ("Hours later, she and her two sons were dead.", 3.0),             # a pronoun in the list
])
def test_a_list_of_victims_sharing_one_predicate_adds_up(sentence, want):
    killed = [v for m, v, _ in claims_of(sentence) if m == "killed"]
    assert max(killed) == want, killed


@pytest.mark.parametrize("sentence", [
    "A man and his children were found dead.",             # 'his children': how many is not written
    "Their sons and a neighbour were killed in the fire.",
])
def test_a_list_with_an_uncounted_member_gives_no_sum(sentence):
    assert [c for c in claims_of(sentence) if c[0] == "killed"] == []


@pytest.mark.parametrize("sentence", [
    "Lyons said the boy was killed with a .38-caliber handgun.",
    "Two men were killed with a 12-gauge shotgun, police said.",
    "The victim was shot dead with a .45 calibre pistol.",
])
def test_a_guns_bore_is_no_count(sentence):
    assert all(v in (1, 2) for _, v, _ in claims_of(sentence))


def test_one_person_named_in_a_story_with_a_larger_toll_is_part_of_it():
    out = facts_for_text("Headline\n\nPublished: 2016-05-02\n\nSPRINGFIELD -- A triple homicide shook "
                         "Springfield on Sunday. Police said Garcia died at the scene. The gunman later "
                         "killed himself.")["claims"]
    rows = {(float(v), bool(p)) for m, v, p in zip(out["measure"], out["value_low"], out["part"]) if m == "killed"}
    assert (3.0, False) in rows and (1.0, True) in rows and (1.0, False) not in rows, rows


@pytest.mark.parametrize("sentence,total", [
    ("Salt Lake man shoots 8-year-old boy, then himself in murder-suicide, police say", 2),        # headline
    ("Police say a man shot an 8-year-old boy and then himself in a murder-suicide Tuesday.", 2),
    ("Police say a man shot his wife and two children before turning the gun on himself in a murder-suicide.", 4),
    ("Detectives said the woman stabbed her husband and then herself in what they called a murder-suicide.", 2),
])
def test_the_shot_of_a_murder_suicide_were_killed(sentence, total):
    assert max(v for m, v, _ in claims_of(sentence) if m == "killed") == total


@pytest.mark.parametrize("sentence", [
    "Two people were shot in what police called an attempted murder-suicide.",
    "A man shot his wife, who survived, and then himself in a murder-suicide attempt.",
])
def test_an_attempted_murder_suicide_kills_nobody(sentence):
    assert [c for c in claims_of(sentence) if c[0] == "killed"] == []


@pytest.mark.parametrize("headline,total", [
    ("3 adults, 1 child found shot to death inside Alaska hotel room", 4),
    ("Sheriff: 4 adults, 2 children dead in 'horrific' scene", 6),
    ("Wallkill man, two children dead in murder-suicide", 3),          # no number: one person
    ("Man, woman, child killed in crash on M6", 3),
])
def test_a_headlines_comma_is_and(headline, total):
    assert max(v for m, v, _ in claims_of(headline) if m == "killed") == total


@pytest.mark.parametrize("text", [
    "Parents, 2 children dead in Stokes County murder-suicide",         # 'Parents': how many is not written
    "Police said five victims, three adults and two children, were found dead.",   # prose: an apposition
])
def test_no_headline_sum_over_an_uncounted_member_or_in_prose(text):
    assert all(v in (2, 3, 5) for m, v, _ in claims_of(text) if m == "killed")


@pytest.mark.parametrize("sentence", [
    "Neighbors say Hernandez was shot and killed by her mother's ex-boyfriend, Travis Carnez, Jr., before he killed himself.",
    "A woman was shot dead by her husband, who then turned the gun on himself.",
])
def test_one_victim_and_the_killer_who_then_died_are_two(sentence):
    assert max(v for m, v, _ in claims_of(sentence) if m == "killed") == 2


def test_the_killers_own_death_is_not_added_to_itself():
    assert [c for c in claims_of("The gunman killed himself before police arrived.") if c[0] == "killed"] == \
        [("killed", 1, 1)]


def test_a_clause_with_its_own_subject_says_nothing_of_the_number_before_it():
    got = claims_of("2 killed, 2 wounded at Washington Park gas station: 'Old Man Bill got shot!'")
    assert ("killed", 2, 2) in got and ("injured", 2, 2) in got and ("shot", 2, 2) not in got


@pytest.mark.parametrize("sentence,want", [
    ("Deputies made entry into the home and located the bodies of an 8-year-old child, a man and a woman.", 3),
    ("Divers recovered the bodies of two men and a woman from the lake.", 3),
    ("The bodies of water and the hills around them were searched after the shooting.", None),  # no people
])
def test_the_bodies_of_listed_people_are_the_dead(sentence, want):
    killed = [v for m, v, _ in claims_of(sentence) if m == "killed"]
    assert (max(killed) if killed else None) == want


@pytest.mark.parametrize("sentence", [
    "During the dead of night, early April 15, the seven ships put to sea.",          # a day of a date
    "Probably would not be fatal in an adult at that dose, but could kill a child.",  # a possibility
    "She says that without the blood transfusions he would have died during the surgery.",  # counterfactual
    "Doctors said the boy might die.",
    "Police said the attack could have killed 40 people.",
    "I've tried several other medications.",                                          # an attempt, no trial
    "For the California Insurance Commissioner, there are two possible legislative bodies.",
])
def test_what_could_be_a_days_number_an_attempt_or_a_council_count_nothing(sentence):
    assert claims_of(sentence) == []


@pytest.mark.parametrize("sentence,want", [
    ("Police say he may have killed three other women.", [("killed", 3, 3)]),        # a guess: still a claim
    ("Five men were tried for murder in 2012.", [("prosecuted", 5, 5)]),
    ("Police found two bodies in the burned house after the fire.", [("killed", 2, 2)]),
    ("In mid-November 14 people were killed in the village.", [("killed", 14, 14)]),
])
def test_guesses_trials_bodies_and_counts_after_a_period_still_count(sentence, want):
    assert claims_of(sentence) == want


def test_a_hospitals_name_and_a_wound_to_the_body_tell_of_no_death():
    text = ("16-year-old boy shot in South Chicago\n\nPublished: 2017-01-24\n\nA 16-year-old boy was shot "
            "Monday night. The teenager suffered multiple gunshot wounds to the body and was taken in critical "
            "condition to Northwestern Memorial Hospital, police said.")
    claims = facts_for_text(text)["claims"]
    assert set(claims["measure"]) == {"injured"}, claims[["surface", "measure"]]


@pytest.mark.parametrize("sentence", [
    "A 16-year-old boy was shot and critically wounded Monday night; a woman died.",
    "A man was shot and seriously injured on Friday; his brother was killed.",
])
def test_shot_and_gravely_wounded_survived(sentence):
    assert [c for c in claims_of(sentence) if c[1] == 1 and c[0] != "killed"] == [("injured", 1, 1)]


@pytest.mark.parametrize("sentence,want", [
    ("Thirty-one-year-old Adam Bentdahl of Appleton was killed on Sunday.", [("killed", 1, 1)]),  # an age
    ("A twenty-five-year-old man was killed.", [("killed", 1, 1)]),
    ("Homicides were down 17 percent, police said.", []),          # a change, not a number of dead
    ("Police said 13 percent fewer people were shot this year.", []),
])
def test_ages_in_words_and_percentages_are_no_headcounts(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    # a number joined by a hyphen to a noun that describes the next one counts that noun: the crash's
    # vehicles, the chase's counties, the crew's men, never the dead or the hurt
    ("A three-vehicle crash killed a woman on the M6 on Monday.", [("killed", 1, 1)]),
    ("The man led deputies on a two-county chase before he was charged with murder.", []),
    ("A four-man crew killed two guards at the depot, police said.", [("killed", 2, 2)]),
    ("The 12-member jury found him guilty of killing his neighbour.", [("killed", 1, 1)]),
    ("A 3-car pileup on Interstate 95 left 2 people dead.", [("killed", 2, 2)]),
])
def test_a_number_in_a_compound_adjective_counts_its_noun(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Twenty-five people were killed in the blast.", [("killed", 25, 25)]),      # a number word, not a noun
    # (the fraction is no compound adjective; the 30 passengers are the group it takes a share of, so no
    # count of the injured either)
    ("Two-thirds of the 30 passengers were injured.", []),
])
def test_number_words_and_fractions_are_no_compound_adjective(sentence, want):
    assert claims_of_measures(sentence, ("killed", "injured")) == want


@pytest.mark.parametrize("sentence,want", [
    # a vague amount counts its noun as a numeral does: what befell the several is read from the parse,
    # not from a cue elsewhere in the sentence
    ("Several people have been shot, and some have been killed, the mayor said.", [("shot", 2, None)]),
    ("Several people were shot, two of them fatally.", [("killed", 2, 2), ("shot", 2, None)]),
    ("Dozens of people were shot, three fatally, in the attack on the market.", [("killed", 3, 3),
                                                                                 ("shot", 24, None)]),
    ("A 24-year-old man suffered several gunshot wounds to the torso and legs.", [("injured", 1, 1)]),  # wounds
])
def test_a_vague_amount_is_read_by_the_grammar(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    # "shot dead" before its object (UK papers and wire copy): the parser makes `dead` an adjective of the
    # object; the victims were killed
    ("Gunmen shot dead two security guards at the depot, police said.", [("killed", 2, 2)]),
    ("Soldiers shot dead 14 protesters in the square on Sunday.", [("killed", 14, 14)]),
    ("Two guards were shot dead at the depot.", [("killed", 2, 2)]),
    ("A gunman shot two people outside the pub, leaving them injured.", [("injured", 2, 2)]),
])
def test_shot_dead_before_its_object_is_killed(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    # people held are counted as held, not as the dead or hurt a cue elsewhere in the sentence names
    ("A pregnant student is dead and two people are in police custody after the shooting.",
     [("detained", 2, 2), ("killed", 1, 1)]),
    ("Two suspects were taken into custody after four people were shot dead.", [("detained", 2, 2),
                                                                                 ("killed", 4, 4)]),
    ("Three men remain in custody and one man was killed, police said.", [("detained", 3, 3), ("killed", 1, 1)]),
])
def test_people_in_custody_are_detained(sentence, want):
    assert claims_of_measures(sentence, ("killed", "injured", "shot", "detained")) == want


def headline_claims(headline: str):
    out = facts_for_text(f"{headline}\n\nPublished: 2016-05-02\n\nPolice are investigating.\n")["claims"]
    return sorted((r.measure, r.value_low) for r in out.itertuples() if r.measure in ("killed", "injured"))


@pytest.mark.parametrize("headline,want", [
    # headlines in Title Case or capitals (US local TV and papers, UK tabloids) that report the dead or
    # hurt: their numbers are read as in prose, not as parts of names or a heading's words
    ("Five Found Dead In Home", [("killed", 5.0)]),
    ("Four Hurt In Overnight Shooting", [("injured", 4.0)]),
    ("Fire Kills 3 In Bronx Apartment", [("killed", 3.0)]),
    ("Two Men Wounded In Drive-By", [("injured", 2.0)]),
    ("TWO DEAD IN HOUSE FIRE", [("killed", 2.0)]),
    ("Three Shot, One Fatally, Outside Bar", [("injured", 2.0), ("killed", 1.0)]),
    ("Man Killed, Woman Hurt In Shooting", [("injured", 1.0), ("killed", 1.0)]),
    ("Woman Hurt, Man Killed In Crash On I-95", [("injured", 1.0), ("killed", 1.0)]),
    ("Gunman Dead After Standoff With Deputies", [("killed", 1.0)]),
    ("Teen Dead, 2 Hurt In Crash", [("injured", 2.0), ("killed", 1.0)]),
])
def test_a_title_case_headline_of_the_dead_or_hurt_gives_its_figures(headline, want):
    assert headline_claims(headline) == want


@pytest.mark.parametrize("headline", ["Three Steps Above Heaven", "Six Days Of One Year In Kent",
                                      "Windows 10 Update Kills Printers"])
def test_a_title_case_title_gives_no_casualty_figure(headline):
    assert headline_claims(headline) == []


@pytest.mark.parametrize("sentence,want", [
    # shooting victims located or found are the shot: dead or wounded, the sentence does not say
    ("Two people died on Friday. Officers located seven shooting victims at the party, police said.",
     [("killed", 2, 2), ("shot", 7, 7)]),
    ("Police found four victims inside the home.", [("killed", 4, 4)]),         # victims found: the dead
    ("Two of the shooting victims died at the hospital.", [("killed", 2, 2)]),
])
def test_shooting_victims_found_are_the_shot(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    # disaster and attack copy (wire, UK and Australian papers): a toll is the dead's count; a count
    # governed by another act of a coordinated clause is that act's, not the killed of the next clause
    ("Officials put the toll at 45 on Sunday, a day after the ferry capsized.", [("killed", 45, 45)]),
    ("The toll from the earthquake rose to 1,200 on Tuesday.", [("killed", 1200, 1200)]),
    ("Floods have displaced 10,000 people and killed 14.", [("killed", 14, 14)]),
    ("The storm destroyed 300 homes and killed 12 people.", [("killed", 12, 12)]),
    ("Call the toll-free number for 3 options; the strike took its toll on 300 workers.", []),
])
def test_tolls_and_the_acts_of_coordinated_clauses(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    # disaster copy: the missing and the displaced are counted as such, not as the dead beside them
    ("Some 200 people are missing after the landslide, and 14 are dead.", [("killed", 14, 14), ("missing", 200, 200)]),
    ("At least 12 people remain unaccounted for after the fire.", [("missing", 12, None)]),
    ("Floods have displaced 10,000 people and killed 14.", [("displaced", 10000, 10000), ("killed", 14, 14)]),
    ("More than 5,000 residents were evacuated as the wildfire spread.", [("displaced", 5000, None)]),
])
def test_the_missing_and_the_displaced(sentence, want):
    assert claims_of_measures(sentence, ("killed", "injured", "missing", "displaced")) == want


@pytest.mark.parametrize("sentence,want", [
    # a bare count before a preposition of time is still a count ("Six months after" is an offset: a unit)
    ("The gunman killed 3 and injured 7 before fleeing.", [("injured", 7, 7), ("killed", 3, 3)]),
    ("Officials put the toll at 45 after the ferry capsized.", [("killed", 45, 45)]),
    ("Six months after the shooting, two more people died.", [("killed", 2, 2)]),
])
def test_a_bare_count_before_before_or_after(sentence, want):
    assert claims_of_measures(sentence, ("killed", "injured")) == want


def test_an_alternative_of_a_time_unit_before_before_is_no_count():
    text = "Shooting\n\nPublished: 2016-05-02\n\nHe had been appointed a day or two before 16 December."
    assert facts_for_text(text)["quantities"].empty


@pytest.mark.parametrize("sentence,want", [
    # the dead counted as lives, in the idioms of news English; lives saved or lived are not lost
    ("The crash claimed the lives of 5 people.", [("killed", 5, 5)]),
    ("Five lives were lost in the fire.", [("killed", 5, 5)]),
    ("The virus has claimed 300 lives in the region.", [("killed", 300, 300)]),
    ("The bombing cost 40 lives, officials said.", [("killed", 40, 40)]),
    ("Ten people drowned when the boat sank.", [("killed", 10, 10)]),
    ("The doctors saved 3 lives.", []),
])
def test_lives_lost_are_the_dead(sentence, want):
    assert claims_of_measures(sentence, ("killed", "injured")) == want


@pytest.mark.parametrize("sentence,want", [
    # people said to be in hospital are the hurt, not the dead of the other clause (UK: "in hospital")
    ("Two people have died and three are in hospital after a crash on the A1.", [("injured", 3, 3),
                                                                                ("killed", 2, 2)]),
    ("Five people died; two are in intensive care.", [("injured", 2, 2), ("killed", 5, 5)]),
])
def test_people_in_hospital_are_hurt(sentence, want):
    assert claims_of_measures(sentence, ("killed", "injured")) == want


@pytest.mark.parametrize("sentence,want", [
    # the dead and the hurt counted together (conflict and disaster copy) are neither alone
    ("The clashes left 300 people dead or wounded.", [("killed_or_injured", 300, 300)]),
    ("Twenty people were killed or injured in the stampede.", [("killed_or_injured", 20, 20)]),
    # two counts, or how they died: not a combined count
    ("The gunman killed four people and wounded two others.", [("injured", 2, 2), ("killed", 4, 4)]),
    ("A boy was hit by a car and killed.", [("killed", 1, 1)]),
    ("Two casualties were flown to the trauma centre in Cardiff.", [("injured", 2, 2)]),
])
def test_the_dead_or_wounded_together(sentence, want):
    assert claims_of_measures(sentence, ("killed", "injured", "killed_or_injured")) == want


@pytest.mark.parametrize("sentence,want", [
    # "father of two": the number counts the parent's children, not whom the act befell (US and UK copy)
    ("A husband and father of three was shot dead outside a pub in Leeds on Saturday.", [("killed", 1, 1)]),
    ("Police said a mother of three children died in the crash.", [("killed", 1, 1)]),
    ("The 30-year-old grandmother of 12 was stabbed to death.", []),
    # counts after `of` that are the harmed themselves stay counts
    ("The bodies of two men were found in the river.", [("killed", 2, 2)]),
    ("The deaths of three children shocked the town.", [("killed", 3, 3)]),
])
def test_the_children_of_a_parent_are_no_casualty_count(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    # nouns coordinated under one determiner with a verb in the singular describe one person; in the
    # plural, two
    ("A husband and father was shot and killed outside his home.", [("killed", 1, 1)]),
    ("A man and woman were shot and killed Friday.", [("killed", 2, 2)]),
    ("A man and a woman were killed in the crash.", [("killed", 2, 2)]),
    ("A woman was killed and her brother and 4-year-old daughter injured in a shooting.",
     [("injured", 2, 2), ("killed", 1, 1)]),
])
def test_a_list_of_nouns_with_a_singular_verb_is_one_person(sentence, want):
    assert claims_of_measures(sentence) == want


@pytest.mark.parametrize("text,want", [
    # a photo gallery's counter ("1 / 33") and dates written with spaced slashes count nothing
    ("Six members of a family shot to death in likely domestic dispute 1 / 33 Back to Gallery",
     [("killed", 6, 6)]),
    ("Photo 3 / 12: Five people died when the bus overturned.", [("killed", 5, 5)]),
    ("12 / 05 / 2016 Two people were killed in the crash.", [("killed", 2, 2)]),
])
def test_numbers_paired_by_a_slash_are_no_counts(text, want):
    assert claims_of_measures(text) == want


@pytest.mark.parametrize("sentence,want", [
    # some of the victims, with nothing said of what befell them: a part of the victims, no toll
    ("The attacker, who killed nine people, took the phones of two of his victims before fleeing.",
     [("killed", 2.0, "of his victims"), ("killed", 9.0, None)]),
    # ... and with no harm in the sentence at all, no count of harm
    ("The attacker took the phones of two of his victims before fleeing.", []),
    # a group said to be dead by a reduced relative ("people found dead"): the count before `of` is a part
    ("Ana and Luis Ortega, two of five people found dead in the farmhouse on Sunday, were pictured at their "
     "wedding.", [("killed", 2.0, "of five people found dead"), ("killed", 5.0, None)]),
    # the count with a verb of its own is what befell it: no part
    ("Six people were shot. Three of those victims died.", [("killed", 3.0, None)]),
])
def test_some_of_the_victims_are_a_part(sentence, want):
    rows = facts_for_text("Shooting\n\nPublished: 2016-08-14\n\n" + sentence)["quantities"]
    numeral = rows[~rows["implicit"].astype(bool) & (rows["measure"] == "killed")]
    got = sorted((m, v, p if isinstance(p, str) else None)
                 for m, v, p in zip(numeral["measure"], numeral["value_low"], numeral["part_of"]))
    assert got == sorted(want, key=lambda x: (x[0], x[1]))


@pytest.mark.parametrize("sentence,measure,whole", [
    # every member of the list `including` or `among them` introduces is a part of the count before it
    ("Seven members of one family, including three children and four adults, were found shot to death in "
     "the farmhouse.", "killed", 7.0),
    ("Six members of a family, including four children and two adults, were shot to death on Wednesday.",
     "killed", 6.0),
    ("Eleven people were hurt, among them two firefighters and three police officers.", "injured", 11.0),
    ("Nine passengers died in the crash, including four pupils and two teachers from the village school.",
     "killed", 9.0),
])
def test_each_member_of_an_included_list_is_a_part_of_the_whole(sentence, measure, whole):
    rows = facts_for_text("Shooting\n\nPublished: 2016-08-14\n\n" + sentence)["quantities"]
    numeral = rows[~rows["implicit"].astype(bool) & (rows["measure"] == measure)]
    tolls = [v for v, p in zip(numeral["value_low"], numeral["part_of"]) if not isinstance(p, str)]
    parts = [v for v, p in zip(numeral["value_low"], numeral["part_of"]) if isinstance(p, str)]
    assert tolls == [whole]
    assert parts and all(v < whole for v in parts)


@pytest.mark.parametrize("sentence,want", [
    # `be among` a group said to have suffered something: that many of the group, a part of it (wire copy
    # on a disaster, a bombing, a shooting)
    ("Five firefighters were among the dead, the fire service said.", ("killed", 5.0, "among the dead")),
    ("Two children were among those killed in the blast.", ("killed", 2.0, "among those killed in the blast")),
    ("Three police officers were among the injured.", ("injured", 3.0, "among the injured")),
    # ... and a count found dead `alongside` or `along with` someone: some of the dead
    ("The couple were found dead alongside their two daughters.", ("killed", 2.0, "with The couple")),
])
def test_a_count_among_the_dead_is_a_part_of_them(sentence, want):
    rows = facts_for_text("Disaster\n\nPublished: 2016-08-14\n\n" + sentence)["quantities"]
    rows = rows[rows["measure"].isin(["killed", "injured"])]
    got = [(m, v, p) for m, v, p in zip(rows["measure"], rows["value_low"], rows["part_of"])]
    assert got == [want]


def test_people_found_along_with_the_dead_but_hurt_are_no_part_of_the_dead():
    rows = facts_for_text("Shooting\n\nPublished: 2016-08-14\n\nThey found the bodies of two people at the "
                          "home, along with two other people who had life-threatening gunshot wounds.")["quantities"]
    injured = rows[rows["measure"] == "injured"]
    assert list(injured["value_low"]) == [2.0] and not isinstance(injured["part_of"].iloc[0], str)


def test_among_a_group_nothing_befell_is_no_count():
    rows = facts_for_text("Disaster\n\nPublished: 2016-08-14\n\nTwo Britons are among the passengers.")
    assert rows["claims"].empty


def test_a_count_after_including_with_no_larger_count_before_it_stays_a_toll():
    # nothing before the list counts the same: the list's count is the only one the sentence gives
    rows = facts_for_text("Shooting\n\nPublished: 2016-08-14\n\nThe victims, including two teenagers, were "
                          "killed outside the club.")["quantities"]
    numeral = rows[~rows["implicit"].astype(bool) & (rows["measure"] == "killed")]
    got = [(v, p if isinstance(p, str) else None) for v, p in zip(numeral["value_low"], numeral["part_of"])]
    assert got == [(2.0, None)]


@pytest.mark.parametrize("sentence,want", [
    # an ordinal says which one: "a third victim" is one person
    ("A third victim is in critical condition.", ("injured", 1, 1)),
    ("The shooting left two dead, and a fourth person is in serious condition at the county hospital.",
     ("injured", 1, 1)),
])
def test_an_ordinal_victim_in_a_condition_is_one_hurt(sentence, want):
    assert want in claims_of(sentence), claims_of(sentence)


@pytest.mark.parametrize("sentence,want", [
    # animals killed or hurt are no casualties of people, nor members of a list of the dead
    ("The court fined the company over the spill, which killed 300,000 fish.", []),
    ("Two dogs were shot and killed by the intruder.", []),
    ("The flood killed 12 people and 3,000 cattle.", [("killed", 12, 12)]),
    ("A woman and her two dogs died in the fire.", [("killed", 1, 1)]),
    ("Shelly Bird and her husband were found dead.", [("killed", 2, 2)]),   # a name is no animal
])
def test_animals_are_no_casualties(sentence, want):
    assert [c for c in claims_of(sentence) if c[0] in ("killed", "injured")] == want


@pytest.mark.parametrize("sentence,want", [
    # a count beside the ages list is still a count; numbers after a comma with no people before are counts
    ("Two men, 24 and 30 others were injured in the blast.", [("injured", 2, 2), ("injured", 24, 24)]),
    # things measured, not counted: no people ("farmed about 400 acres", "40 tonnes of grain")
    ("Wheatley, who farmed about 400 acres near the village, died at the scene.", [("killed", 1, 1)]),
    ("The blast destroyed 40 tonnes of grain and killed two workers.", [("killed", 2, 2)]),
    # the agent of a passive verb did it: "killed by two police officers" counts no dead
    ("The gunman was shot and killed by two police officers moments after the attack.", []),
    ("Three people were killed by a drunk driver.", [("killed", 3, 3)]),
    ("The town was rocked by two murders in the summer.", [("killed", 2, 2)]),   # crimes, not people, did it
    # "one" with an adverb of degree before the harm is a count of one
    ("One person was seriously injured, police said.", [("injured", 1, 1)]),
    ("One man was fatally shot outside the bar.", [("killed", 1, 1)]),
])
def test_ages_units_and_agents_around_counts(sentence, want):
    assert claims_of_measures(sentence) == want
