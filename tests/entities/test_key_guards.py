"""Transliteration, phonetic and similarity keys never merge names that differ in a number,
a Roman numeral or an acronym's letters, nor two names whose edit is a whole word; a surname
alone joins a person of another document only when written the same way (or a transliteration
of a surname-shaped word); a group name and its plural are one group. Every merge row says
its rule and evidence."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.entities.canon import MentionIn, canonicalise
from pipeline.entities.gazetteer import Gazetteer, parse_yaml
from pipeline.text.translit import phonetic_key, whole_word_edit, written_apart


def mention(surface, label, doc="d1", passage=None):
    return MentionIn(doc, passage or f"{doc}-p0", surface, label)


def together(ms, result, a, b) -> bool:
    ids = lambda s: {e for m, e in zip(ms, result.entity_of_mention) if m.surface == s}  # noqa: E731
    return bool(ids(a) & ids(b))


APART = [  # (a, b, label): the keys fold them together; they are two things
    ("World War I", "World War II", "EVENT"),
    ("Henry VIII", "Henry VII", "PERSON"),
    ("IRC", "IRQ", "ORG"),
    ("CSI", "XY", "ORG"),
    ("AIAA", "AAA", "ORG"),
    ("AAA", "AA", "ORG"),
    ("N.I", "N.Y.", "GPE"),
    ("F-15", "F-16", "PRODUCT"),
]


@pytest.mark.parametrize("a, b, label", APART)
def test_keys_fold_them_but_they_stay_apart(a, b, label):
    assert phonetic_key(a) == phonetic_key(b) or written_apart(a, b)
    ms = [mention(a, label, "d1"), mention(b, label, "d2"), mention(a, label, "d3")]
    r = canonicalise(ms, Gazetteer(), fuzzy_threshold=0.5)
    assert not together(ms, r, a, b)


def test_whole_word_edit():
    assert whole_word_edit("N.I", "N.Y.") and whole_word_edit("CSI", "XY")
    assert not whole_word_edit("Janaozen", "Zhanaozen") and not whole_word_edit("Tokaev", "Tokayev")


def test_a_typo_is_close_as_written_not_only_after_folding():
    # Usenet: a rare misspelling of a town two letters from another town's folded key
    ms = ([mention("Brookline", "GPE", f"d{i}") for i in range(4)] + [mention("Broklyn", "GPE", "u1")]
          + [mention("Philadelphia", "GPE", f"e{i}") for i in range(4)] + [mention("Philadelpia", "GPE", "u2")])
    r = canonicalise(ms, Gazetteer())
    assert not together(ms, r, "Broklyn", "Brookline")
    assert together(ms, r, "Philadelphia", "Philadelpia")
    row = next(x for x in r.merges if x["alias"] == "Philadelpia")
    assert row["rule"] == "fuzzy" and "as written" in row["detail"]


def test_surname_in_corpus_needs_the_same_writing_or_a_surname_shape():
    ms = [mention("Aleksander Vesel", "PERSON", "news1"), mention("Vessel", "PERSON", "post1"),
          mention("Dennis Kriz", "PERSON", "news2"), mention("Kris", "PERSON", "post2"),
          mention("Kriz", "PERSON", "post3"),
          mention("Tatiana Sergeyeva", "PERSON", "news3"), mention("Sergeeva", "PERSON", "post4")]
    r = canonicalise(ms, Gazetteer())
    assert not together(ms, r, "Vessel", "Aleksander Vesel")
    assert not together(ms, r, "Kris", "Dennis Kriz")
    assert together(ms, r, "Kriz", "Dennis Kriz")
    assert together(ms, r, "Sergeeva", "Tatiana Sergeyeva")
    rules = {x["alias"]: x for x in r.merges}
    assert rules["Kriz"]["rule"] == "surname_in_corpus" and rules["Kriz"]["detail"]


def test_an_acronym_is_no_given_name():
    # a model that calls "JPL Info" a person must not make the lab "JPL" that person
    ms = [mention("JPL Info", "PERSON", "d1"), mention("JPL", "PERSON", "d1", "d1-p2")]
    r = canonicalise(ms, Gazetteer())
    assert not together(ms, r, "JPL", "JPL Info")


def test_a_demonym_and_its_plural_are_one_group():
    ms = [mention("Armenian", "NORP", "d1"), mention("Armenians", "NORP", "d2"), mention("Arab", "NORP", "d3"),
          mention("Arabs", "NORP", "d4"), mention("Arabs", "NORP", "d5"), mention("Arabia", "GPE", "d6"),
          mention("Armenia", "GPE", "d6")]
    r = canonicalise(ms, Gazetteer())
    assert together(ms, r, "Armenian", "Armenians") and together(ms, r, "Arab", "Arabs")
    assert not together(ms, r, "Arab", "Arabia") and not together(ms, r, "Armenian", "Armenia")
    plural = [x for x in r.merges if x["rule"] == "plural"]
    assert len(plural) == 2 and all(x["score"] == 0.95 and "plural" in x["detail"] for x in plural)


def test_gazetteer_spellings_still_merge_whatever_the_guards():
    gaz = parse_yaml("entities:\n  - {name: KazMunayGas, label: ORG, aliases: [KMG, KazMunaiGaz]}\n")
    ms = [MentionIn("d1", "d1-p0", "KMG", "ORG", gaz=0, link_rule="gazetteer"),
          MentionIn("d2", "d2-p0", "KazMunaiGaz", "ORG", gaz=0, link_rule="gazetteer")]
    r = canonicalise(ms, gaz)
    assert len(set(r.entity_of_mention)) == 1


def test_every_merge_has_a_rule_and_evidence():
    ms = [mention(s, lab, d) for s, lab, d in [
        ("Janaozen", "GPE", "d1"), ("Zhanaozen", "GPE", "d2"), ("Arab", "NORP", "d1"), ("Arabs", "NORP", "d2"),
        ("Nursultan Nazarbayev", "PERSON", "d1"), ("Nazarbaev", "PERSON", "d1"), ("World War I", "EVENT", "d1"),
        ("World War II", "EVENT", "d2")]]
    merges = pd.DataFrame(canonicalise(ms, Gazetteer()).merges)
    assert merges["rule"].notna().all() and (merges["rule"] != "").all()
    assert merges["detail"].notna().all() and (merges["detail"].str.len() > 5).all()
    assert set(merges["rule"]) >= {"canonical", "translit_key", "plural", "surname_in_doc"}
