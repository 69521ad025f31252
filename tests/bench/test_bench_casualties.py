"""The casualty bench's scorer and regex baseline, on small hand-made frames (no pipeline run)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bench.bench_casualties import (article_key, event_consistency, incident_events, measure_shares, mixing_events,
                                    precision, recall, regex_figures, split_article, stage_times, value_equals,
                                    value_within)

NAN = math.nan


def _articles(*rows):
    return pd.DataFrame(rows, columns=["article", "incident", "num_killed", "num_injured"])


def _claims(*rows):
    return pd.DataFrame(rows, columns=["article", "incident", "measure", "value_low", "value_high", "event"])


ARTICLES = _articles(("1/a.txt", "1", 2, 3), ("1/b.txt", "1", 2, 3), ("2/c.txt", "2", 1, 0), ("3/d.txt", "3", 0, 2))


def test_value_equals_and_within():
    assert value_equals(2, 2, 2) and not value_equals(2, NAN, 2) and not value_equals(1, 3, 2)
    assert value_within(1, 3, 2) and value_within(2, NAN, 5) and value_within(None, 4, 4)
    assert not value_within(NAN, NAN, 2) and not value_within(3, 5, 2) and not value_within(1, 1, 2)


def test_recall_exact_and_range():
    claims = _claims(("1/a.txt", "1", "killed", 2, 2, "e1"),       # exact
                     ("1/b.txt", "1", "killed", 1, 3, "e1"),       # a range holding 2
                     ("2/c.txt", "2", "injured", 1, 1, "e2"),      # right value, wrong measure
                     ("3/d.txt", "3", "killed", 2, 2, "e3"))       # incident 3 has no dead: not in scope
    r = recall(claims, ARTICLES, "killed")
    assert r["articles"] == 3                      # articles whose incident has killed > 0
    assert r["found_exact"] == 1 and r["found_within"] == 2
    assert r["exact"] == pytest.approx(1 / 3) and r["within"] == pytest.approx(2 / 3)
    inj = recall(claims, ARTICLES, "injured")
    assert inj["articles"] == 3 and inj["found_exact"] == 0   # 1/a, 1/b (3) and 3/d (2); 2/c has none injured


def test_recall_with_no_claims_is_zero_not_an_error():
    r = recall(_claims(), ARTICLES, "killed")
    assert r["articles"] == 3 and r["exact"] == 0 and r["within"] == 0


def test_precision_counts_every_claim_of_the_measure():
    claims = _claims(("1/a.txt", "1", "killed", 2, 2, "e"),        # right
                     ("1/a.txt", "1", "killed", 5, 5, "e"),        # wrong
                     ("1/b.txt", "1", "killed", 1, NAN, "e"),      # at least 1: right only within range
                     ("3/d.txt", "3", "killed", 1, 1, "e"),        # incident with no dead: wrong
                     ("3/d.txt", "3", "injured", 2, 2, "e"))       # another measure: not counted
    p = precision(claims, ARTICLES, "killed")
    assert p["claims"] == 4 and p["right_exact"] == 1 and p["right_within"] == 2
    assert p["exact"] == 0.25 and p["within"] == 0.5
    assert precision(claims, ARTICLES, "injured")["exact"] == 1.0


def test_one_event_key_per_incident():
    same = _claims(("1/a.txt", "1", "killed", 2, 2, "town-2014-01-violence"),
                   ("1/a.txt", "1", "injured", 3, 3, "town-2014-01-violence"),
                   ("1/b.txt", "1", "killed", 2, 2, "town-2014-01-violence"),
                   ("1/b.txt", "1", "money", 9, 9, "elsewhere"))  # not a casualty claim: ignored
    per = incident_events(same, ARTICLES)
    assert list(per["incident"]) == ["1"]          # the only incident with two articles
    assert per.loc[0, "one_key"] and per.loc[0, "n_keys"] == 1
    ev = event_consistency(same, ARTICLES)
    assert ev["one_key_share"] == 1.0 and ev["mean_distinct_keys"] == 1.0

    split = same.copy()
    split.loc[2, "event"] = "town-2014-02-violence"
    ev = event_consistency(split, ARTICLES)
    assert ev["one_key_share"] == 0.0 and ev["mean_distinct_keys"] == 2.0

    one_article_silent = same[same["article"] == "1/a.txt"]  # 1/b has no casualty claim
    per = incident_events(one_article_silent, ARTICLES)
    assert not per.loc[0, "one_key"] and per.loc[0, "articles_with_claims"] == 1


def test_articles_agree_on_their_main_key_even_with_a_stray_claim():
    claims = _claims(("1/a.txt", "1", "killed", 2, 2, "k"), ("1/a.txt", "1", "killed", 2, 2, "k"),
                     ("1/a.txt", "1", "killed", 7, 7, "other-2010"), ("1/b.txt", "1", "injured", 3, 3, "k"))
    per = incident_events(claims, ARTICLES)
    assert not per.loc[0, "one_key"] and per.loc[0, "articles_agree"]


def test_events_mixing_incidents():
    claims = _claims(("1/a.txt", "1", "killed", 2, 2, "chicago-2014-01-violence"),
                     ("2/c.txt", "2", "killed", 1, 1, "chicago-2014-01-violence"),
                     ("1/b.txt", "1", "injured", 3, 3, "chicago-2014-01-violence"),
                     ("3/d.txt", "3", "injured", 2, 2, "dayton-2015-06-violence"),
                     ("3/d.txt", "3", "injured", 2, 2, None))
    mix = mixing_events(claims)
    assert list(mix["event"]) == ["chicago-2014-01-violence"]
    assert mix.loc[0, "n_incidents"] == 2 and mix.loc[0, "incidents"] == ["1", "2"] and mix.loc[0, "n_claims"] == 3
    assert mixing_events(claims[claims["incident"] != "2"]).empty


def test_measure_shares():
    claims = _claims(("1/a.txt", "1", "killed", 2, 2, "e"), ("1/a.txt", "1", "killed", 2, 2, "e"),
                     ("1/a.txt", "1", "injured", 2, 2, "e"), ("1/a.txt", "1", "money", 2, 2, "e"))
    assert measure_shares(claims) == {"killed": 0.5, "injured": 0.25, "money": 0.25}


@pytest.mark.parametrize("sentence, expected", [
    ("Two people were killed and three were wounded in the shooting.", [("killed", 2), ("injured", 3)]),
    ("Police said 4 men were shot dead outside the bar.", [("killed", 4)]),
    ("One person died at the scene, and 2 others were injured.", [("killed", 1), ("injured", 2)]),
    ("Five victims were hurt.", [("injured", 5)]),
    ("A 17-year-old was killed on Friday.", []),                       # an age is not a count
    ("The gunman killed his wife and injured her mother.", []),        # no number: the baseline misses it
])
def test_regex_baseline(sentence, expected):
    assert [(f["measure"], f["value_low"]) for f in regex_figures(sentence)] == expected


def test_article_helpers():
    assert article_key("seeds/613903/c8d0.txt") == "613903/c8d0.txt"
    assert article_key("/x/articles/613903/c8d0.txt") == "613903/c8d0.txt"
    assert split_article("Man shot\n\nPublished: 2016-07-26\n\nBody here.\nMore.") == ("Man shot", "Body here.\nMore.")
    out = "ingest: done in 3.4s  {}\nsomething else\nentities: done in 12.0s  {\"n\": 1}\n"
    assert stage_times(out) == {"ingest": 3.4, "entities": 12.0}


def test_miss_causes():
    from bench.bench_casualties import miss_causes

    claims = _claims(("1/a.txt", "1", "other", 2, 2, "e"),          # right value, wrong measure
                     ("1/b.txt", "1", "killed", 5, 5, "e"))         # killed, wrong value
    base = _claims(("2/c.txt", "2", "killed", 1, 1, None))          # 2/c: nothing in the pipeline, regex right
    c = miss_causes(claims, ARTICLES, "killed", base)
    assert c == {"missed": 3, "of_articles": 3, "single_victim": 1, "other_measure": 1, "wrong_value": 1,
                 "no_claim": 1, "regex_found": 1}


@pytest.mark.parametrize("name,incidents,articles", [("casualties_written_a", 28, 48), ("casualties_written_b", 26, 44)])
def test_the_written_sets_load_as_the_dev_set_does(name, incidents, articles):
    """bench/data's written sets (`--dev`): every incident's folder holds as many articles as gold.csv says,
    each with a headline and a body."""
    from pathlib import Path

    from bench.bench_casualties import load_articles, load_gold
    dev = Path(__file__).resolve().parents[2] / "bench" / "data" / name
    gold = load_gold(dev)
    loaded = load_articles(gold, dev)
    assert (len(gold), len(loaded)) == (incidents, articles)
    assert (loaded.groupby("incident").size() == gold.set_index("incident")["n_articles"]).all()
    assert (loaded["headline"].str.len() > 0).all() and (loaded["text"].str.len() > 300).all()
