"""The must-not-merge gold (tests/gold/entities/must_not_merge.yaml): look-alike names that
must stay apart, and spellings that must still merge, run through the stage's own pure
functions (the gazetteer matcher, pipeline.entities.refine.refine and
pipeline.entities.canon.canonicalise) as one small corpus, with the file's gazetteer, the seeds'
gazetteer and none."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import yaml

from pipeline.entities.canon import MentionIn, canonicalise
from pipeline.entities.gazetteer import Gazetteer, load_gazetteer, parse_yaml
from pipeline.entities.ner import GazetteerMatcher
from pipeline.entities.params import EntitiesParams
from pipeline.entities.refine import refine
from tests.conftest import REPO

GOLD = REPO / "tests" / "gold" / "entities" / "must_not_merge.yaml"
RAW = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
PAIRS = [("must_not_merge", p) for p in RAW["must_not_merge"]] + [("must_merge", p) for p in RAW["must_merge"]]
GAZETTEERS = {
    "own": lambda: parse_yaml(yaml.safe_dump(RAW["gazetteer"], allow_unicode=True), "must_not_merge.yaml"),
    "seeds": lambda: load_gazetteer(REPO / "seeds" / "gazetteer.yaml"),
    "none": Gazetteer,
}


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


def run_corpus(gazetteer: Gazetteer):
    """Every side a passage; returns {(pair index, side): set of entity ids} and the merges."""
    import spacy

    params = EntitiesParams()
    nlp = spacy.blank("en")
    matcher = GazetteerMatcher(nlp, gazetteer)
    texts, docs, raw, sides = [], [], [], {}
    for i, (_, pair) in enumerate(PAIRS):
        for side in ("a", "b"):
            s = pair[side]
            p = len(texts)
            texts.append(s["text"])
            docs.append(f"pair{i}" if pair.get("docs", "same") == "same" else f"pair{i}{side}")
            occ = occurrences(s["text"], s["name"])
            assert occ, (s["name"], s["text"])
            sides[(i, side)] = (p, occ)
            fixed = [(p, sp.start_char, sp.end_char, sp.label_, int(sp.id_[1:]))
                     for sp in matcher.spans(nlp.make_doc(s["text"]))]
            raw.extend(fixed)
            if s.get("model", True):  # the model predicts around the gazetteer's names
                raw.extend((p, a, b, s["label"], -1) for a, b in occ
                           if not any(a < fe and fs < b for _, fs, fe, _, _ in fixed))
    raw.sort(key=lambda x: (x[0], x[1]))
    mentions = refine(raw, texts, docs, gazetteer, fuzzy_threshold=params.fuzzy_threshold,
                      fuzzy_min_chars=params.fuzzy_min_chars)
    items = [MentionIn(docs[m.p], f"{docs[m.p]}-p{m.p}", texts[m.p][m.start:m.end], m.label, m.gaz,
                       m.link_rule, m.link_score, m.title) for m in mentions]
    result = canonicalise(items, gazetteer, fuzzy_threshold=params.fuzzy_threshold,
                          fuzzy_min_chars=params.fuzzy_min_chars, fuzzy_max_mentions=params.fuzzy_max_mentions,
                          resolve_in_corpus=params.resolve_in_corpus)
    by_passage = defaultdict(list)
    for m, eid in zip(mentions, result.entity_of_mention):
        by_passage[m.p].append((m.start, m.end, eid))
    ids = {key: {eid for s, e, eid in by_passage[p] for a, b in occ if s < b and a < e}
           for key, (p, occ) in sides.items()}
    return ids, result.merges


@pytest.fixture(scope="module", params=sorted(GAZETTEERS))
def corpus(request):
    return request.param, run_corpus(GAZETTEERS[request.param]())


def test_the_gold_has_enough_pairs_from_several_sources():
    assert len(RAW["must_not_merge"]) >= 30
    for kind, pair in PAIRS:
        assert pair["why"] and pair["a"]["text"] and pair["b"]["text"], pair
    names = {(p["a"]["name"], p["b"]["name"]) for p in RAW["must_not_merge"]}
    for required in [("World War I", "World War II"), ("Louis XIV", "Louis XVI"), ("F-15", "F-16"),
                     ("IRA", "IRS"), ("Jon Smith", "John Smith"), ("IRC", "IRQ"), ("CSI", "XY"), ("AIAA", "AAA"),
                     ("N.I", "N.Y."), ("Broklyn", "Brookline"), ("JPL", "JPL Info"), ("Vessel", "Aleksander Vesel"),
                     ("Kris", "Dennis Kriz"), ("Turkish", "Turkish Governmental"), ("London", "London Heathrow")]:
        assert required in names, required


def test_no_look_alike_pair_shares_an_entity(corpus):
    name, (ids, merges) = corpus
    wrong = []
    for i, (kind, pair) in enumerate(PAIRS):
        if kind != "must_not_merge":
            continue
        a, b = ids[(i, "a")], ids[(i, "b")]
        if a & b:
            rules = [(x["alias"], x["matched"], x["rule"]) for x in merges if x["entity_id"] in a & b]
            wrong.append((pair["a"]["name"], pair["b"]["name"], rules))
    assert wrong == [], f"gazetteer {name}: {wrong}"


def test_spelling_variants_still_merge(corpus):
    name, (ids, merges) = corpus
    missed = []
    for i, (kind, pair) in enumerate(PAIRS):
        if kind != "must_merge" or (pair.get("gazetteer") == "needed" and name == "none"):
            continue
        a, b = ids[(i, "a")], ids[(i, "b")]
        if not (a and b and a == b):
            missed.append((pair["a"]["name"], pair["b"]["name"]))
    assert missed == [], f"gazetteer {name}: {missed}"


def test_jon_and_john_merge_only_when_the_gazetteer_lists_them_as_one_name():
    ms = [MentionIn("d1", "d1-p0", "Jon Smith", "PERSON"), MentionIn("d1", "d1-p1", "John Smith", "PERSON")]
    assert len(set(canonicalise(ms, Gazetteer()).entity_of_mention)) == 2
    listed = parse_yaml("given_names:\n  - [John, Jon, Johnny]\n")
    r = canonicalise(ms, listed)
    assert len(set(r.entity_of_mention)) == 1 and r.merges[-1]["rule"] == "given_name_variant"
