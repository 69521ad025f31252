"""The entity scorer: a predicted mention of another label is a mention error, not a merge."""

from __future__ import annotations

import pandas as pd

from pipeline.entities.evaluate import evaluate


def test_a_city_found_inside_its_police_is_no_merge_of_the_two():
    text_file = "a.txt"
    gold = {
        "regions": [{"file": text_file, "start": 0, "end": 100}],
        "mentions": [
            {"file": text_file, "start": 0, "end": 8, "text": "Manassas", "label": "GPE", "entity": "manassas"},
            {"file": text_file, "start": 20, "end": 40, "text": "Manassas City Police", "label": "ORG",
             "entity": "manassas_police"},
        ],
        "must_not_merge": [["manassas", "manassas_police", "a city vs its police"]],
    }
    # the system found the city twice (once inside the police's name) and made them one entity
    pred = pd.DataFrame({"file": [text_file] * 2, "raw_start": [0, 20], "raw_end": [8, 28],
                         "label": ["GPE", "GPE"], "entity_id": ["E1", "E1"]})
    result = evaluate(gold, pred)
    assert result["merges"]["must_not_merge_violations"] == []
    assert result["mentions"]["micro"]["tp"] == 1          # the police's mention is a miss, counted there
    # the same entity for a mention of the right label is a wrong merge
    pred.loc[1, ["raw_end", "label"]] = [40, "ORG"]
    assert evaluate(gold, pred)["merges"]["must_not_merge_violations"]
