"""A dispute is two sources giving values the other does not; sub-counts inside one account are not."""

from __future__ import annotations

from tests.facts_helpers import run_facts, tables_from_texts


def disagreement(*texts: str) -> set[str]:
    docs = [(f"d{i}.txt", f"Shooting\n\nPublished: 2016-05-0{i + 1}\n\n{t}") for i, t in enumerate(texts)]
    comp = run_facts(tables_from_texts(docs))["comparison"]
    killed = comp[comp["measure"] == "killed"]
    assert len(killed), comp
    assert (killed["contested"] == (killed["disagreement"] == "between sources")).all()
    return set(killed["disagreement"])


def test_sub_counts_inside_one_account_are_no_dispute():
    assert disagreement("In Gary, four people were killed on Sunday, two of them children.") == {"within one source"}


def test_two_articles_with_different_tolls_disagree():
    assert disagreement("In Gary, three people were killed on Sunday.",
                        "In Gary, four people were killed on Sunday.") == {"between sources"}


def test_a_later_article_that_repeats_a_toll_and_adds_a_sub_count_agrees():
    assert disagreement("In Gary, three people were killed on Sunday.",
                        "In Gary, three people were killed on Sunday, two of them children.") == {"within one source"}


def test_an_official_and_a_witness_in_one_article_disagree():
    assert disagreement("In Gary, police said three people were killed on Sunday. "
                        "Witnesses said seven people were killed.") == {"between sources"}


def test_one_value_is_no_dispute():
    assert disagreement("In Gary, three people were killed on Sunday.",
                        "Three people were killed in Gary on Sunday, police said.") == {"none"}


def test_a_named_death_beside_the_toll_is_one_of_the_counted_not_a_dispute():
    # article 1 names one of the dead; article 2 gives the same toll: no dispute between them
    texts = ["In Gary, two men were killed on Sunday. Marcus Webb died at the scene, police said.",
             "In Gary, two men were killed on Sunday, police said."]
    docs = [(f"d{i}.txt", f"Shooting\n\nPublished: 2016-05-0{i + 1}\n\n{t}") for i, t in enumerate(texts)]
    out = run_facts(tables_from_texts(docs))
    killed = out["claims"][out["claims"]["measure"] == "killed"].set_index("value_low")
    assert bool(killed.loc[1.0, "part"]) and not killed.loc[2.0, "part"].any()
    assert disagreement(*texts) == {"within one source"}
    # alone, a single named death is a toll of its own
    alone = run_facts(tables_from_texts([("d.txt", "Shooting\n\nPublished: 2016-05-01\n\n"
                                                   "Marcus Webb died at the scene in Gary, police said.")]))
    assert not alone["claims"]["part"].any()


def test_two_sources_in_one_sentence_with_the_noun_left_out_disagree():
    # "..., while activists said 70": the second source's bare number counts what the first counts
    assert disagreement("In Gary, officials said 15 people were killed on Sunday, while activists said 70.") == \
        {"between sources"}
    assert disagreement("In Gary, the ministry reported 16 dead on Sunday; opposition sources put the figure "
                        "at 70.") == {"between sources"}


def test_a_bare_number_of_another_clause_is_no_second_value():
    comp = run_facts(tables_from_texts([("d.txt", "Shooting\n\nPublished: 2016-05-01\n\nIn Gary, two men were "
                                          "killed on Sunday, but police said 3 suspects fled.")]))["comparison"]
    assert sorted(comp.loc[comp["measure"] == "killed", "value_low"]) == [2.0]


def test_crowd_estimates_of_organisers_and_police_are_attributed_to_each():
    from tests.facts_helpers import facts_for_text

    q = facts_for_text("Rally\n\nPublished: 2016-05-02\n\nOrganisers put the crowd at 50,000, while police "
                       "estimated 12,000.")["quantities"]
    assert [(r.measure, r.value_low, r.attribution_kind) for r in q.itertuples()] == [
        ("participants", 50000.0, "unofficial"), ("participants", 12000.0, "official")]


def test_a_count_of_things_left_out_by_a_second_source_is_the_same_count():
    from tests.facts_helpers import facts_for_text

    q = facts_for_text("Fire\n\nPublished: 2016-05-02\n\nOfficials said the fire destroyed 40 homes, but "
                       "residents said 60.")["quantities"]
    assert [(r.measure, r.value_low) for r in q.itertuples()] == [("buildings", 40.0), ("buildings", 60.0)]


def test_a_figure_given_by_a_second_source_and_international_bodies():
    from tests.facts_helpers import facts_for_text

    q = facts_for_text("Clashes\n\nPublished: 2016-05-02\n\nThe toll stood at 41, the interior ministry said, but "
                       "hospital sources gave a figure of 63. The UN estimates that 70 people died. The Red Cross "
                       "said 45 people were wounded.")["quantities"]
    assert [(r.measure, r.value_low, r.attribution_kind) for r in q.itertuples()] == [
        ("killed", 41.0, "official"), ("killed", 63.0, "unknown"), ("killed", 70.0, "official"),
        ("injured", 45.0, "unofficial")]


def test_an_estimated_is_no_source_and_hides_no_cue():
    from tests.facts_helpers import facts_for_text

    q = facts_for_text("Rally\n\nPublished: 2016-05-02\n\nThe march drew an estimated 100,000 people, organizers "
                       "said.")["quantities"]
    assert [(r.measure, r.value_low, r.attribution_kind) for r in q.itertuples()] == [
        ("participants", 100000.0, "unofficial")]


def test_the_figure_named_again_in_the_next_sentence_is_the_same_count():
    # "Activists put the number at 70": a second source's value for the count of the sentence before
    assert disagreement("In Gary, police said 15 people were killed on Sunday. Activists put the number at 70.") == \
        {"between sources"}
    from tests.facts_helpers import facts_for_text

    q = facts_for_text("Shooting\n\nPublished: 2016-05-02\n\nPolice said 15 people died. The number of cars at the "
                       "scene was 40.")["quantities"]
    assert [(r.measure, r.value_low) for r in q.itertuples()] == [("killed", 15.0), ("other", 40.0)]


def test_a_count_included_in_a_larger_one_is_a_part_not_a_dispute():
    # "including two children", "among them three officers", "of whom 4": some of the counted
    assert disagreement("In Gary, five people, including two children, were killed on Sunday.") == \
        {"within one source"}
    from tests.facts_helpers import facts_for_text

    claims = facts_for_text("Attack\n\nPublished: 2016-05-02\n\nSeven people were killed, among them three "
                            "police officers. Twelve people died, of whom 4 were children.")["claims"]
    assert [(r.value_low, bool(r.part)) for r in claims.itertuples()] == [(7.0, False), (3.0, True), (12.0, False),
                                                                         (4.0, True)]


def test_a_toll_updated_by_the_authorities_day_by_day_is_no_dispute():
    # wire copy on a disaster: the officials' toll of Tuesday rose by Thursday
    assert disagreement("Floods in Porto Alegre have killed at least 12 people, officials said on Sunday.",
                        "The death toll from the floods in Porto Alegre rose to 31 on Monday, authorities "
                        "said.") == {"rising over time"}


def test_a_toll_that_fell_or_came_from_activists_stays_a_dispute():
    assert disagreement("In Gary, 12 people were killed on Sunday, police said.",
                        "In Gary, police said on Monday that 10 people had been killed.") == {"between sources"}
    assert disagreement("In Gary, 12 people were killed on Sunday, police said.",
                        "In Gary, activists said on Monday that 40 people had been killed.") == {"between sources"}
