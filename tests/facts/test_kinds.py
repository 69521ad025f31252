"""What a figure's story is about (pipeline/facts/kinds.py): the kind of what it counts, unless the
words around it say otherwise; a cause of harm named near a count of the dead or hurt (an earthquake,
a flood, a stampede) makes it that cause's figure. Sentences in the styles of wire copy on disasters,
US local news and court reports, written for these rules."""

from __future__ import annotations

import pytest

from pipeline.facts.lexicon import compile_lexicon, kind_hits
from pipeline.facts.params import FactsParams
from tests.facts_helpers import facts_for_text

LEX = compile_lexicon(FactsParams())


def kinds_of_figures(sentence: str) -> list[tuple[str, float, str]]:
    rows = facts_for_text("Report\n\nPublished: 2016-05-02\n\nKATHMANDU, Nepal (AP) — " + sentence)["quantities"]
    return [(r.measure, r.value_low, r.kind) for r in rows.itertuples() if r.measure != "other"]


@pytest.mark.parametrize("sentence,want", [
    ("The earthquake killed at least 46 people and injured 300, the civil defence agency said.",
     [("killed", 46.0, "disaster"), ("injured", 300.0, "disaster")]),
    ("The death toll from the floods rose to 112, with 40 people still missing.",
     [("killed", 112.0, "disaster"), ("missing", 40.0, "disaster")]),
    ("Twelve pilgrims died in a stampede at the shrine.", [("killed", 12.0, "disaster")]),
    # accidents: crashes, wrecks, fires, gas explosions (Indian, Kenyan, US and wire styles)
    ("Twenty-eight passengers were killed when the bus skidded off the road and fell into a gorge.",
     [("killed", 28.0, "accident")]),
    ("Eleven people died when a matatu collided head-on with a lorry.", [("killed", 11.0, "accident")]),
    ("Five people died in the house fire early Sunday, fire officials said.",
     [("killed", 5.0, "accident")]),
    ("The ferry capsized in the Meghna river; 21 bodies have been recovered.", [("killed", 21.0, "accident")]),
    ("A gas explosion tore through the apartment block, killing seven residents.", [("killed", 7.0, "accident")]),
    ("Five people died early Sunday when fire swept through their row house.", [("killed", 5.0, "accident")]),
    ("Six people were killed in a crush at the festival gates.", [("killed", 6.0, "disaster")]),
    # the fire service counts the dead of a flood; a bomb's blast is no accident
    ("The fire service said 12 people died in the floods.", [("killed", 12.0, "disaster")]),
    ("A suicide bomber blew himself up in the market, killing 12 people.", [("killed", 12.0, "violence")]),
    # no cause named: the kind of what is counted
    ("Security forces opened fire on protesters, killing 14.", [("killed", 14.0, "violence")]),
    ("The court sentenced 37 defendants.", [("sentenced", 37.0, "trial")]),
])
def test_a_cause_of_harm_named_near_a_count_is_its_kind(sentence, want):
    assert kinds_of_figures(sentence) == want


@pytest.mark.parametrize("text,want", [
    # a cue word written as a part of a name is no cue: a street, a person, an institution
    ("He died at the Buggs Ferry Road home last night.", [("violence", "died")]),
    ("Her son, Storm Malone, and a friend were shot.", [("violence", "shot")]),
    ("The Supreme Court upheld the sentence.", [("trial", "court"), ("trial", "sentence")]),   # a name's head
    ("He is held in the Salt Lake County Jail.", [("trial", "jail")]),
    # ... but a sentence may open with one, and a headline in Title Case capitalises every word
    ("Floods have killed 12.", [("disaster", "floods"), ("violence", "killed")]),
    ("Storm Leaves Two Dead In Texas", [("disaster", "storm"), ("violence", "dead")]),
    ("Officials said: Flooding has cut the town off.", [("disaster", "flooding")]),
])
def test_a_cue_written_as_part_of_a_name_is_none(text, want):
    assert [(kind, cue) for _, kind, cue in kind_hits(text, LEX)] == want


@pytest.mark.parametrize("sentence,want", [
    ("В результате землетрясения погибли 12 человек, ещё 40 получили ранения, сообщили в МЧС.",
     [("killed", 12.0, "disaster"), ("injured", 40.0, "disaster")]),
    ("При обрушении дома погибли три человека.", [("killed", 3.0, "accident")]),   # a collapse: an accident
    ("В результате ДТП с участием автобуса погибли пять человек, ещё 11 пострадали.",
     [("killed", 5.0, "accident"), ("injured", 11.0, "accident")]),
    ("В ходе беспорядков погибли 16 человек.", [("killed", 16.0, "violence")]),   # riots: violence
    # an explosion is an accident's or an attack's: the words around it say which
    ("Взрыв газа в жилом доме: погибли семь человек.", [("killed", 7.0, "accident")]),
    ("Смертник привёл в действие взрывное устройство, погибли 12 человек.", [("killed", 12.0, "violence")]),
])
def test_russian_causes_of_harm(sentence, want):
    rows = facts_for_text("Новости\n\nPublished: 2016-05-02\n\n" + sentence)["quantities"]
    assert [(r.measure, r.value_low, r.kind) for r in rows.itertuples() if r.measure != "other"] == want


def test_the_cause_a_headline_names_is_the_kind_of_the_counts_of_harm_below_it():
    text = ("Powerful earthquake kills dozens in western Nepal\n\nPublished: 2023-11-04\n\n"
            "KATHMANDU, Nepal (AP) — Rescuers were digging through the rubble of mud-brick houses on Saturday. "
            "\"At least 69 people have died and more than 100 were injured,\" a police spokesman said.\n\n"
            "More than 1,600 people have been displaced, officials said.")
    rows = facts_for_text(text)["quantities"]
    rows = rows[rows["measure"] != "other"]
    assert set(rows["kind"]) == {"disaster"}, rows[["surface", "measure", "kind"]]
    assert set(rows["kind_basis"]) - {"words"} == {"story"}


@pytest.mark.parametrize("text", [
    # "tragedy", "victims", "bodies" tell that people came to harm, not what harmed them: the headline's
    # crash does
    "28 killed, 17 injured as bus plunges into gorge\n\nPublished: 2022-07-14\n\nPostmortems of all 28 victims "
    "were completed and the bodies handed over to their families. The tragedy left 17 injured, doctors said.",
    # an inquest's headline names no cause; its lead, under the "Published:" line, does
    "Inquest hears grandmother died after charger sparked fire at her home\n\nPublished: 2020-09-15\n\n"
    "A grandmother who died in a house fire in Salford last Christmas was killed by a faulty charger, an inquest "
    "has heard.\n\nShe was pronounced dead at the scene. Two neighbours were treated for smoke inhalation.",
])
def test_counts_of_harm_with_only_words_of_harm_take_the_accident_their_headline_or_lead_names(text):
    rows = facts_for_text(text)["quantities"]
    rows = rows[rows["measure"].isin(["killed", "injured"])]
    assert set(rows["kind"]) == {"accident"}, rows[["surface", "measure", "kind", "kind_basis", "kind_cues"]]


def test_a_shooting_near_a_crash_stays_violence():
    text = ("Man shot dead after car chase\n\nPublished: 2022-07-14\n\n"
            "The gunman opened fire after the two cars crashed, killing the driver, police said.")
    rows = facts_for_text(text)["quantities"]
    assert list(rows.loc[rows["measure"] == "killed", "kind"]) == ["violence"], rows[["surface", "measure", "kind"]]


def test_a_count_with_words_of_its_own_keeps_them_under_a_disaster_headline():
    text = ("Floods kill 12 in southern Brazil\n\nPublished: 2023-09-05\n\n"
            "Police opened fire on looters in the flooded town, killing two, officials said.")
    rows = facts_for_text(text)["quantities"]
    body = rows[(rows["measure"] == "killed") & (rows["value_low"] == 2)]
    assert list(body["kind"]) == ["violence"]   # "opened fire" says what harmed the two


def test_a_shooting_story_stays_violence():
    text = ("Two killed in Gary shooting\n\nPublished: 2016-05-02\n\n"
            "GARY, Ind. — Two men were killed and one was wounded on Sunday, police said.")
    rows = facts_for_text(text)["quantities"]
    assert set(rows.loc[rows["measure"].isin(["killed", "injured"]), "kind"]) == {"violence"}
