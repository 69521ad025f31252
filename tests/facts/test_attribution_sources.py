"""Who says so, on sentences in the styles of several kinds of source (US local news,
wire copy, court reports, UK and Commonwealth papers): officials of any country are
`official`, a headline's "Source: figure" names its source."""

from __future__ import annotations

import pytest

from tests.facts_helpers import facts_for_text

OFFICIAL = [
    "Two people were killed in the crash, the sheriff said.",
    "The coroner said three people died at the scene.",
    "According to the medical examiner, four victims died of gunshot wounds.",
    "Detectives said five men were arrested on Tuesday.",
    "The district attorney said 12 people were charged.",
    "Investigators said six people were injured in the blast.",
    "Fire department officials said two people were injured in the fire.",
    "Two officers were wounded, the police chief told reporters.",
    "Court records show that 3 people were killed.",
    "The Ministry of Health said 120 people had died.",
    "Lt. Sheila Cole said two men were injured during the collision.",      # a rank's abbreviation
    "Insp. Jane Hart said three people were hurt.",
    "Two men were in critical condition, the release said.",                # a news release
    "Three people were shot, according to the criminal complaint.",
    # the services that count the dead and hurt in a disaster, in wire and Commonwealth styles
    "The earthquake killed at least 46 people, the civil defence agency said.",
    "The fire killed 112 workers, according to the fire service.",
    "Eleven people were injured, the ambulance service said.",
    "The coast guard said 30 migrants were missing after the boat sank.",
    "Four people died in the floods, the state's emergency management agency said.",
    "A UN report said 1,000 civilians had been killed.",
]


@pytest.mark.parametrize("sentence", [
    "Two people were killed, the Interfax news agency reported.",
    "Two people were killed, AFP reported.",
    "Two people were killed, the BBC reported.",
])
def test_a_news_agency_is_media(sentence):
    claims = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{sentence}")["claims"]
    assert list(claims["attribution_kind"]) == ["media"]


@pytest.mark.parametrize("sentence,kind", [
    ("Two people were killed, family members said.", "unofficial"),
    ("The rebels said they had killed 40 government troops.", "unofficial"),   # a side in a war
    ("Twelve soldiers died in the ambush, a militia spokesman said.", "unofficial"),
    ("Her brother said two people were hurt.", "unofficial"),
    ("Neighbors say two men were shot and killed.", "eyewitness"),
])
def test_relatives_and_neighbours_are_not_officials(sentence, kind):
    claims = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{sentence}")["claims"]
    assert len(claims) and set(claims["attribution_kind"]) == {kind}, claims[["attribution", "attribution_kind"]]


@pytest.mark.parametrize("sentence", OFFICIAL)
def test_officials_of_any_kind_are_official(sentence):
    claims = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{sentence}")["claims"]
    assert len(claims), sentence
    assert set(claims["attribution_kind"]) == {"official"}, claims[["attribution", "attribution_kind"]]


@pytest.mark.parametrize("headline,kind", [
    ("Police: 3 killed in shooting on Main Street", "official"),
    ("Coroner: 2 dead after house fire", "official"),
    ("Witnesses: 5 injured as car hits crowd", "eyewitness"),
])
def test_a_headline_names_its_source_before_a_colon(headline, kind):
    claims = facts_for_text(f"{headline}\n\nPublished: 2016-05-02\n\nThe story follows.")["claims"]
    assert len(claims) == 1
    assert claims.iloc[0]["attribution_kind"] == kind
    assert claims.iloc[0]["attribution"] == headline.split(":")[0]


@pytest.mark.parametrize("headline", ["Update: 3 killed in crash", "Image 9 of 16: 3 killed in crash"])
def test_a_colon_after_no_source_is_not_a_source(headline):
    claims = facts_for_text(f"{headline}\n\nPublished: 2016-05-02\n\nThe story follows.")["claims"]
    assert set(claims["attribution_kind"]) <= {"author"}


def test_a_source_after_its_verb_closing_a_clause():
    from tests.facts_helpers import facts_for_text

    for sentence, phrase in [("Three people were killed, said Sheriff John Smith.", "said Sheriff John Smith"),
                             ("Three people were killed, said the sheriff.", "said the sheriff")]:
        q = facts_for_text(f"Shooting\n\nPublished: 2016-05-02\n\n{sentence}")["quantities"]
        assert [(r.attribution, r.attribution_kind) for r in q.itertuples()] == [(phrase, "official")]
