"""What a figure counts, read from the parse, on sentences in the styles of US local news,
UK and Commonwealth papers and wire copy; counts written without a numeral."""

from __future__ import annotations

import pytest

from tests.facts_helpers import facts_for_text


def claims_of(sentence: str):
    out = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{sentence}")["claims"]
    return sorted((r.measure, r.value_low, None if r.value_high != r.value_high else r.value_high)
                  for r in out.itertuples())


@pytest.mark.parametrize("sentence,want", [
    ("A teen was fatally shot Saturday night on the South Side.", [("killed", 1, 1)]),
    ("An 11-year-old girl was injured in a shooting in Gary.", [("injured", 1, 1)]),
    ("A man was stabbed to death in Leeds on Friday, police said.", [("killed", 1, 1)]),
    ("Watford died at the scene.", [("killed", 1, 1)]),
    ("No one was injured in the blast.", [("injured", 0, 0)]),
    ("None of the 20 crew members was hurt, the airline said.", [("injured", 0, 0)]),   # `none of`: zero
    ("Police said none of the officers had been injured.", [("injured", 0, 0)]),
    ("None of the victims has been named.", []),                                          # nothing befell them
    ("Detectives are investigating a double homicide in the 400 block of Elm Street.", [("killed", 2, 2)]),
    ("Investigators called it a murder-suicide.", [("killed", 2, None)]),
    ("The gunman then killed himself.", [("killed", 1, 1)]),
    ("The victim died at the scene, Merseyside Police said.", [("killed", 1, 1)]),
    ("A pensioner's neighbour and a taxi driver were shot dead in Cumbria.", [("killed", 2, 2)]),
    ("Man killed in Gresham shooting", [("killed", 1, 1)]),
])
def test_counts_without_a_numeral(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence,want", [
    ("Four people were shot dead outside a nightclub.", [("killed", 4, 4)]),
    ("Three people were shot early Sunday, and one of them died, police said.", [("injured", 2, 2), ("killed", 1, 1), ("shot", 3, 3)]),
    ("Two men were shot and wounded in Toronto overnight.", [("injured", 2, 2)]),
    ("Two people were shot in the legs and taken to hospital.", [("injured", 2, 2)]),
    ("The attack killed 12 people and injured 30 others, the ministry said.",
     [("injured", 30, 30), ("killed", 12, 12)]),
    ("Five people died in the crash, the fire service said.", [("killed", 5, 5)]),
    ("Three people were shot, one fatally, in Leeds on Saturday night.",
     [("injured", 2, 2), ("killed", 1, 1), ("shot", 3, 3)]),
    ("Police say all four were taken to Bellevue Hospital.", [("injured", 4, 4)]),
    ("The attack left five others injured, officials said.", [("injured", 5, 5)]),
])
def test_what_a_numeral_counts_follows_the_grammar(sentence, want):
    assert claims_of(sentence) == want


@pytest.mark.parametrize("sentence", [
    "Manuel Ortiz, 28, was shot in the leg.",
    "The victim, Jamal Brown, 19, was taken to hospital.",
    "A 19 year-old man was shot in the leg.",
    "Two men, ages 19 and 28, were taken to hospital.",
])
def test_an_age_set_off_by_commas_is_not_a_count(sentence):
    assert not any(value == 28 or value == 19 for _, value, _ in claims_of(sentence))


def test_the_agent_of_a_shooting_is_not_its_victim():
    rows = facts_for_text("A 30-year-old man shot his neighbour on Tuesday.")["quantities"]
    # the neighbour is the one shot (wounded: nobody is said to have died); the man is not counted
    assert [(s, m, v) for s, m, v in zip(rows["surface"], rows["measure"], rows["value_low"])] == \
        [("his neighbour", "injured", 1.0)]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("hostile", [
    "Police said " + "killed " * 15000 + "3 people.",                     # 100k characters, one sentence
    "A man was killed and " + "9" * 400 + " people were injured.",         # a number of 400 digits
    "The 1e309 victims were shot dead.",
    "Three people (" * 3000 + "were killed" + ")" * 3000 + ".",           # deeply nested brackets
    "A man was shot. " * 3000,                                            # 3000 implicit counts
])
def test_hostile_input_gives_figures_or_none_never_a_crash(hostile):
    out = facts_for_text(f"Headline\n\nPublished: 2016-05-02\n\n{hostile}")
    q = out["quantities"]
    finite = q["value_low"].dropna().abs() < 1e300
    assert finite.all() and (q["raw_start"] <= q["raw_end"]).all()


def test_the_lemmatizer_knows_the_last_lexicon_only():
    """A process that made a Grammar with other predicates reads the next run as a fresh process would."""
    from pipeline.facts import grammar

    before = set(grammar.KNOWN_LEMMAS)
    grammar._know(["defenestrate"])
    assert grammar._lemma_of("defenestrated") == "defenestrate"
    grammar._know(before - grammar.BASE_LEMMAS)
    assert grammar.KNOWN_LEMMAS == before and grammar._lemma_of("defenestrated") == "defenestrated"
