"""The facts stage against the hand-made gold set (tests/gold/facts/).

How figures and events are matched to the gold is documented in tests/facts_eval.py.
The thresholds below are what the stage reaches honestly on this dev set (the
issue's targets are in brackets); the figures are printed with -s.
"""

from __future__ import annotations

import pytest

from pipeline.core.params import load_params
from tests.conftest import run_gold_checker
from tests.facts_eval import evaluate, evaluate_hard_cases
from tests.facts_helpers import REPO


@pytest.fixture(scope="module")
def params():
    return load_params(REPO / "params.yaml")["facts"]


@pytest.fixture(scope="module")
def seeds(params):
    return evaluate(params=params)


def _show(name, result):
    print(f"\n{name}: " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                   for k, v in result.items() if k not in ("errors", "false_positive_rows")))


def test_gold_is_copied_unchanged_and_valid(tmp_path):
    proc = run_gold_checker("facts", tmp_path)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("OK"), proc.stdout + proc.stderr


def test_gold_checker_rejects_a_span_off_by_one(tmp_path):
    import json

    gold = json.loads((REPO / "tests/gold/facts/seeds_gold.json").read_text(encoding="utf-8"))
    gold["quantities"][0]["start"] += 1
    bad = tmp_path / "seeds_gold.json"
    bad.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    proc = run_gold_checker("facts", tmp_path, gold=bad)
    assert proc.returncode == 1, proc.stdout + proc.stderr


def test_gold_files_are_what_their_builder_writes(tmp_path):
    """build_seeds_gold.py is the source of both JSON files: rebuilt from anywhere, without
    SEEDS_DIR, it writes the committed bytes."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, str(REPO / "tests/gold/facts/build_seeds_gold.py"), "--out", str(tmp_path)],
                          cwd=tmp_path, env={"PATH": ""}, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in ("seeds_gold.json", "hard_cases.json"):
        assert (tmp_path / name).read_bytes() == (REPO / "tests/gold/facts" / name).read_bytes(), name


def test_seed_figures_against_gold(seeds):
    _show("seeds", seeds)
    assert seeds["recall"] >= 0.98
    assert seeds["precision"] >= 0.97
    assert seeds["value_accuracy"] >= 0.95          # target 0.95
    assert seeds["measure_accuracy"] >= 0.85        # target 0.85
    assert seeds["attribution_kind_accuracy"] >= 0.80  # target 0.80


def test_death_and_injury_figures_recalled(seeds):
    assert seeds["death_injury_recall"] >= 0.9     # target 0.9


def test_event_accuracy(seeds):
    # target 0.85; events are (place, period, kind), mapped to the gold by place, date and kind as
    # documented in tests/facts_eval.py. The mapping without kinds is reported next to it
    # (event_accuracy_place_date) and must not fall below what the stage reached before kinds (0.50).
    assert seeds["event_accuracy"] >= 0.85
    assert seeds["event_accuracy_place_date"] >= 0.50


def test_zhanaozen_death_tolls_are_compared_together():
    """Acceptance 2: every source's death toll of the Zhanaozen shooting lands in one (event, measure)
    group of the comparison table, so the contested values are shown side by side."""
    import json
    from tests.facts_eval import predict_seeds
    gold = json.loads((REPO / "tests/gold/facts/seeds_gold.json").read_text(encoding="utf-8"))
    tables, out = predict_seeds()
    docs = dict(zip(tables["documents"]["doc_id"], tables["documents"]["source_path"]))
    c = out["claims"]
    events = set()
    for g in gold["quantities"]:
        if g["measure"] != "killed" or g["event"] != "zhanaozen-shooting-2011" or g.get("uncertain"):
            continue
        hit = c[(c["doc_id"].map(lambda d: docs[d].endswith(g["file"]))) & (c["raw_start"] < g["end"])
                & (c["raw_end"] > g["start"]) & (c["measure"] == "killed")]
        events |= set(hit["event"])
    assert len(events) == 1, events
    comp = out["comparison"]
    k = comp[(comp["event"] == next(iter(events))) & (comp["measure"] == "killed")]
    assert {10.0, 14.0, 15.0, 16.0, 25.0, 70.0} <= set(k["value_low"].dropna()) and bool(k["contested"].all())


def test_hard_cases_against_gold(params):
    hard = evaluate_hard_cases(params)
    _show("hard cases", hard)
    assert hard["recall"] >= 0.97
    assert hard["false_positives"] <= 3
    assert hard["value_accuracy"] >= 0.95
    assert hard["measure_accuracy"] >= 0.85
    assert hard["attribution_kind_accuracy"] >= 0.8


def test_every_death_toll_of_the_seeds_is_found(seeds):
    """Each distinct value the gold lists for the Zhanaozen death toll is among the stage's claims."""
    import json
    gold = json.loads((REPO / "tests/gold/facts/seeds_gold.json").read_text(encoding="utf-8"))
    want = {(g["value_low"], g["value_high"]) for g in gold["quantities"]
            if g["measure"] == "killed" and g["event"] == "zhanaozen-shooting-2011"}
    from tests.facts_eval import predict_seeds
    _, out = predict_seeds()
    q = out["quantities"]
    got = set()
    for r in q[q["measure"] == "killed"].itertuples():
        lo = None if r.value_low != r.value_low else r.value_low
        hi = None if r.value_high != r.value_high else r.value_high
        got.add((lo, hi))
    assert want <= got, want - got


def test_timeline_against_gold_dates(params):
    from tests.facts_eval import evaluate_dates
    r = evaluate_dates(params=params)
    _show("timeline", r)
    # the misses are mostly the bare day numbers of the infographic's axis, read as dates by the gold
    assert r["recall"] >= 0.85
    assert r["date_and_precision_accuracy_of_found"] >= 0.95
