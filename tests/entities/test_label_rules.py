"""Span and label rules that fail safe (pipeline/entities/refine.py), on text in the styles
of a Usenet post, a US local news story and a wire story:

- titles are a closed list; "St" / "Saint" before a name are part of the name;
- the given-name rule needs the model to agree (a mislabelled "London Heathrow" does not make
  "London" a person), never makes an acronym a person;
- majority harmonisation stays within a kind of thing (a place never becomes PERSON or ORG);
- the common-word filter keeps acronyms and words the model labels inside a sentence.
"""

from __future__ import annotations

import re

from pipeline.entities.gazetteer import Gazetteer
from pipeline.entities.refine import TITLES, refine, sentence_internal


def spans(text: str, name: str, label: str, p: int = 0) -> list[tuple[int, int, int, str, int]]:
    return [(p, m.start(), m.end(), label, -1) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]


def at(texts: list[str], p: int, word: str, label: str, nth: int = 0) -> tuple[int, int, int, str, int]:
    """The nth standalone occurrence of word in texts[p] as a raw model span."""
    m = [x for x in re.finditer(rf"\b{re.escape(word)}\b(?! [A-Z])", texts[p])][nth]
    return (p, m.start(), m.end(), label, -1)


def labels(out, texts) -> dict[tuple[int, str], set[str]]:
    got: dict[tuple[int, str], set[str]] = {}
    for m in out:
        got.setdefault((m.p, texts[m.p][m.start:m.end]), set()).add(m.label)
    return got


def test_saint_is_part_of_the_name_not_a_title():
    assert "st" not in TITLES and "saint" not in TITLES and "president" in TITLES
    texts = ["St Mirren beat Hibernian 2-1 at home on Saturday.",              # sports wire
             "Every December the children wait for Saint Nicholas to come.",  # local news
             "President Ann Cole opened St. Luke's Hospital on Friday."]       # local news
    raw = (spans(texts[0], "St Mirren", "PERSON", 0) + spans(texts[1], "Saint Nicholas", "PERSON", 1)
           + spans(texts[2], "President Ann Cole", "PERSON", 2))
    out = refine(raw, texts, ["d1", "d2", "d3"], Gazetteer())
    got = {texts[m.p][m.start:m.end]: m.title for m in out}
    assert "St Mirren" in got and "Mirren" not in got
    assert "Saint Nicholas" in got and "Nicholas" not in got
    assert got["Ann Cole"] == "President"


def test_a_mislabelled_full_name_does_not_spread_its_words():
    texts = ["Passengers at London Heathrow waited for hours on Monday.",
             "Flights from London resumed later, a spokesman for London airports said.",
             "He said London was calm. JPL Info is the lab's newsletter; JPL staff wrote it.",
             "The Turkish Governmental spokesman said Turkish troops had left."]
    raw = (spans(texts[0], "London Heathrow", "PERSON", 0) + spans(texts[1], "London", "GPE", 1)
           + [at(texts, 2, "London", "GPE")] + spans(texts[2], "JPL Info", "PERSON", 2) + [at(texts, 2, "JPL", "ORG")]
           + spans(texts[3], "Turkish Governmental", "PERSON", 3) + [at(texts, 3, "Turkish", "NORP")])
    out = refine(raw, texts, ["d1"] * 4, Gazetteer())
    got = labels(out, texts)
    assert got[(1, "London")] == {"GPE"} and got[(2, "London")] == {"GPE"}
    assert got[(2, "JPL")] == {"ORG"} and got[(3, "Turkish")] == {"NORP"}


def test_the_given_name_rule_still_works_when_the_model_agrees_or_the_name_is_a_surname():
    texts = ["Natalia Sokolova, a lawyer, was sentenced on Thursday.",
             "Natalia said she would appeal. Sokolova was taken away.",
             "Mark Dunn, 43, of Elm Street, was arrested. Dunn told reporters he was innocent.",
             "Later Dunn was released and Mark went home."]
    raw = (spans(texts[0], "Natalia Sokolova", "PERSON", 0) + spans(texts[1], "Natalia", "GPE", 1)
           + spans(texts[1], "Sokolova", "ORG", 1) + spans(texts[2], "Mark Dunn", "PERSON", 2)
           + [at(texts, 2, "Dunn", "PERSON", 1)] + spans(texts[3], "Dunn", "ORG", 3)
           + spans(texts[3], "Mark", "ORG", 3))
    out = refine(raw, texts, ["d1", "d1", "d2", "d2"], Gazetteer())
    got = labels(out, texts)
    assert got[(1, "Natalia")] == {"PERSON"} and got[(1, "Sokolova")] == {"PERSON"}  # surname-shaped name
    assert got[(3, "Dunn")] == {"PERSON"}  # the model itself called "Dunn" alone a person here
    assert got[(3, "Mark")] == {"ORG"}  # no agreement: the model's label stands


def test_majority_never_changes_the_kind_of_thing():
    # sports wire: the team "West Indies" / "Oakland" (ORG) outnumbers the places; "Milan" the player
    texts = ["West Indies beat England by five wickets. West Indies will tour in May.",
             "Hurricane season threatens the West Indies again this year.",
             "Oakland beat Seattle 5-3. Oakland scored four runs in the ninth.",
             "The Oakland city council approved the budget.",
             "Milan scored twice and Milan was named man of the match.",
             "Fashion week opens in Milan on Tuesday."]
    raw = (spans(texts[0], "West Indies", "ORG", 0) + spans(texts[1], "West Indies", "LOC", 1)
           + spans(texts[2], "Oakland", "ORG", 2) + spans(texts[3], "Oakland", "GPE", 3)
           + spans(texts[4], "Milan", "PERSON", 4) + spans(texts[5], "Milan", "GPE", 5))
    out = refine(raw, texts, [f"d{i}" for i in range(6)], Gazetteer())
    got = labels(out, texts)
    assert got[(1, "West Indies")] == {"LOC"} and got[(3, "Oakland")] == {"GPE"} and got[(5, "Milan")] == {"GPE"}
    assert got[(0, "West Indies")] == {"ORG"} and got[(4, "Milan")] == {"PERSON"}


def test_majority_still_works_within_a_kind():
    texts = ["Floods hit Kashmir.", "Kashmir was quiet.", "Troops left Kashmir.", "Rain in Kashmir."]
    raw = [(i, t.index("Kashmir"), t.index("Kashmir") + 7, "GPE" if i < 3 else "LOC", -1)
           for i, t in enumerate(texts)]
    got = labels(refine(raw, texts, ["d1", "d2", "d3", "d4"], Gazetteer()), texts)
    assert got[(3, "Kashmir")] == {"GPE"}


def test_common_word_filter_keeps_acronyms_and_words_labelled_inside_a_sentence():
    texts = [
        # Usenet post
        "> US troops left. let us know if the fed up crowd agrees.\nWe all know how us folk are.",
        # UK wire
        "The minister said Labour would vote. The cabinet met; the Cabinet Office and the Commission "
        "agreed. Our commission is small, our labour cheap, the commission slow.",
        # US local news: "Fed" in a sentence, "Trade" heading a line
        "Markets rose after the Fed held rates. Traders said the fed funds rate was fed to the press, "
        "fed by rumours.\nTrade\ntrade was slow; trade fell; trade rose.",
    ]
    raw = (spans(texts[0], "US", "GPE", 0) + spans(texts[1], "Labour", "ORG", 1)
           + spans(texts[1], "Commission", "ORG", 1) + spans(texts[2], "Fed", "ORG", 2)
           + spans(texts[2], "Trade", "ORG", 2))
    got = labels(refine(raw, texts, ["d1", "d2", "d3"], Gazetteer()), texts)
    assert (0, "US") in got and (1, "Labour") in got and (1, "Commission") in got and (2, "Fed") in got
    assert (2, "Trade") not in got  # a line that is one capitalised common word: furniture
    assert sentence_internal(texts[2], texts[2].index("Fed")) and not sentence_internal(texts[2], 0)
    heading = "Trade Union Leader Jailed In Capital\nThe union said."
    assert not sentence_internal(heading, heading.index("Union"))
    listing = "Several hundred were laid off; Trade union lawyers, trade unions and trade groups left."
    assert not sentence_internal(listing, listing.index("Trade"))  # a list item after ";"


def test_a_shouted_word_is_no_name():
    text = ("The fire started FROM INSIDE, powerfully and IMMEDIATELY, witnesses said. It spread immediately; "
            "crews arrived immediately.")
    raw = [at([text], 0, "IMMEDIATELY", "ORG")]
    assert refine(raw, [text], ["d1"], Gazetteer()) == []


def test_the_model_agrees_counting_the_full_names_it_labelled():
    # wire story: the model splits a surname between PERSON and LOC, and labels the full name a person
    texts = ["Dulat Agadil, an activist, died in custody. Relatives of Dulat Agadil said he was beaten.",
             "Agadil was detained on Monday. Agadil had criticised the mayor.",
             "Supporters of Agadil gathered; Agadil's funeral drew crowds; police said Agadil was ill.",
             # local news: the mislabelled "London Heathrow" outnumbers "London", still never a person
             "London Heathrow cancelled flights. London Heathrow reopened. London Heathrow said sorry.",
             "Trains from London ran late."]
    raw = (spans(texts[0], "Dulat Agadil", "PERSON", 0) + spans(texts[1], "Agadil", "PERSON", 1)
           + [at(texts, 2, "Agadil", "LOC", i) for i in range(3)]
           + spans(texts[3], "London Heathrow", "PERSON", 3) + spans(texts[4], "London", "GPE", 4))
    got = labels(refine(raw, texts, ["d1", "d1", "d1", "d2", "d2"], Gazetteer()), texts)
    assert got[(2, "Agadil")] == {"PERSON"}  # 2 alone + 2 in the full name against 3
    assert got[(4, "London")] == {"GPE"}


def test_sentence_position_on_a_long_passage_looks_back_a_bounded_way():
    text = "the strike went on and on, " * 400 + "and the Fed said nothing. Trade fell."
    assert sentence_internal(text, text.index("Fed"))
    assert not sentence_internal(text, text.index("Trade"))
