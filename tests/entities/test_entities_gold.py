"""The entities stage against the hand-made gold set (tests/gold/entities/).

Runs the stage's pure functions on the five seed documents (clean/dedup
stand-ins: raw passage text, every passage unique), with the project's
default gazetteer and with none, and scores mentions (exact span and label,
per type) and merges (pairwise over gold mentions matched to predictions).
Run with -s to see the figures.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from pipeline.entities.evaluate import evaluate, format_report, load_gold
from pipeline.entities.gazetteer import Gazetteer, load_gazetteer
from pipeline.entities.ner import Recogniser
from pipeline.entities.params import EntitiesParams
from pipeline.entities.stage import run_entities
from tests.conftest import REPO, run_gold_checker
from tests.entities_inputs import from_folder

GOLD = REPO / "tests" / "gold" / "entities" / "seeds_gold.json"
TARGET_F1 = {"PERSON": 0.85, "ORG": 0.85, "GPE": 0.85}


@pytest.fixture(scope="module")
def seeds():
    return from_folder(REPO / "seeds")


@pytest.fixture(scope="module")
def recogniser():
    p = EntitiesParams()
    return Recogniser(p.model, p.labels, p.batch_size)


def score(seeds, recogniser, gazetteer, params):
    out = run_entities(seeds.clean_passages, seeds.sentences, seeds.dedup_passages, params, gazetteer,
                       seeds.raw_span, recogniser=recogniser)
    pred = out["mentions"].copy()
    pred["file"] = pred["doc_id"].map(seeds.file_of_doc())
    return out, evaluate(load_gold(GOLD), pred)


@pytest.fixture(scope="module")
def with_gazetteer(seeds, recogniser):
    return score(seeds, recogniser, load_gazetteer(REPO / "seeds" / "gazetteer.yaml"), EntitiesParams(n_process=2))


def test_mentions_and_merges_reach_the_targets_with_the_default_gazetteer(with_gazetteer):
    out, result = with_gazetteer
    print("\nentities on the gold set, default gazetteer:\n" + format_report(result))
    per = result["mentions"]["per_label"]
    for label, target in TARGET_F1.items():
        assert per[label]["f1"] >= target, (label, per[label])
    merges = result["merges"]
    assert merges["precision"] >= 0.97 and merges["recall"] >= 0.9, merges
    assert merges["must_not_merge_violations"] == []


def test_without_a_gazetteer_the_stage_degrades_but_does_not_merge_wrongly(seeds, recogniser, with_gazetteer):
    _, result = score(seeds, recogniser, Gazetteer(), EntitiesParams(gazetteer=None, n_process=2))
    print("\nentities on the gold set, no gazetteer:\n" + format_report(result))
    assert result["merges"]["precision"] >= 0.95
    assert result["merges"]["must_not_merge_violations"] == []
    assert result["mentions"]["per_label"]["PERSON"]["recall"] >= 0.85
    assert with_gazetteer[1]["mentions"]["micro"]["f1"] > result["mentions"]["micro"]["f1"] + 0.1


def test_repeated_passages_are_labelled_the_same_in_every_copy(seeds, with_gazetteer):
    out, _ = with_gazetteer
    texts = dict(zip(seeds.clean_passages["passage_id"], seeds.clean_passages["text_clean"]))
    by_text = defaultdict(list)
    for pid, text in texts.items():
        by_text[text].append(pid)
    ment = out["mentions"]
    spans = {pid: sorted(zip(g["start"], g["end"], g["label"], g["entity_id"]))
             for pid, g in ment.groupby("passage_id")}
    copies = [pids for pids in by_text.values() if len(pids) > 1 and len(by_text) > 1]
    assert copies, "the seeds repeat passages"
    for pids in copies:
        assert len({tuple(spans.get(p, [])) for p in pids}) == 1, pids


def test_gold_checker_passes_from_any_folder(tmp_path):
    proc = run_gold_checker("entities", tmp_path)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("OK"), proc.stdout + proc.stderr


def test_gold_checker_rejects_a_span_off_by_one(tmp_path):
    gold = json.loads((REPO / "tests" / "gold" / "entities" / "seeds_gold.json").read_text(encoding="utf-8"))
    gold["mentions"][0]["start"] += 1
    bad = tmp_path / "seeds_gold.json"
    bad.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    proc = run_gold_checker("entities", tmp_path, gold=bad)
    assert proc.returncode == 1, proc.stdout + proc.stderr
