"""Score predicted mentions and entities against a hand-made gold set.

Gold format (JSON; see tests/gold/entities/README.md for an example)::

    {"regions":  [{"file": "a.txt", "start": 0, "end": 5000}, ...],   # exhaustively annotated
     "mentions": [{"file": "a.txt", "start": 10, "end": 19, "label": "GPE", "entity": "key"}, ...],
     "must_not_merge": [["key_a", "key_b", "why"], ...]}

Offsets are into the document text (``documents.text``, i.e. the raw
offsets). ``file`` is matched to the predicted mentions' ``file`` column
(the caller decides what it holds, e.g. the document's file name).

- Mentions: exact span and label, per label and micro-averaged over labels;
  predictions outside the regions are ignored.
- Merges, pairwise: each gold mention is matched to a predicted mention with
  the same span, else to the predicted mention overlapping it most (label
  ignored); over all pairs of matched gold mentions, precision = pairs put in
  one predicted entity that are one gold entity / pairs put in one predicted
  entity, recall = the same / pairs that are one gold entity.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd


def load_gold(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def in_regions(pred: pd.DataFrame, regions: list[dict]) -> pd.DataFrame:
    by_file = defaultdict(list)
    for r in regions:
        by_file[r["file"]].append((r["start"], r["end"]))
    keep = [any(s <= a and b <= e for s, e in by_file.get(f, ()))
            for f, a, b in zip(pred["file"], pred["raw_start"], pred["raw_end"])]
    return pred[keep]


def evaluate(gold: dict, pred: pd.DataFrame, labels: list[str] | None = None) -> dict:
    """pred: columns file, raw_start, raw_end, label, entity_id."""
    pred = in_regions(pred, gold.get("regions", []))
    gm = gold["mentions"]
    labels = labels or sorted({m["label"] for m in gm})
    g_set = {(m["file"], m["start"], m["end"], m["label"]) for m in gm}
    p_set = set(zip(pred["file"], pred["raw_start"].astype(int), pred["raw_end"].astype(int), pred["label"]))
    per_label = {}
    for lab in labels:
        g = {x for x in g_set if x[3] == lab}
        p = {x for x in p_set if x[3] == lab}
        per_label[lab] = _prf(len(g & p), len(p), len(g))
    g_all = {x for x in g_set if x[3] in labels}
    p_all = {x for x in p_set if x[3] in labels}
    micro = _prf(len(g_all & p_all), len(p_all), len(g_all))
    span_only = _prf(len({x[:3] for x in g_all} & {x[:3] for x in p_all}), len(p_all), len(g_all))

    # merges: a gold mention is matched to a predicted mention of the same label (exact span, else the
    # most overlap); a predicted mention of another label is another detection ("Manassas" GPE inside
    # the gold ORG "Manassas City Police"), an error of mentions counted above, not a merge
    exact = {(f, int(a), int(b), lab): e for f, a, b, lab, e in
             zip(pred["file"], pred["raw_start"], pred["raw_end"], pred["label"], pred["entity_id"])}
    by_file = defaultdict(list)
    for f, a, b, lab, e in zip(pred["file"], pred["raw_start"], pred["raw_end"], pred["label"], pred["entity_id"]):
        by_file[(f, lab)].append((int(a), int(b), e))
    used = set()
    matched: list[tuple[str, str]] = []
    pending = []
    for m in gm:
        key = (m["file"], m["start"], m["end"], m["label"])
        if key in exact:
            matched.append((m["entity"], exact[key]))
            used.add(key[:3])
        else:
            pending.append(m)
    for m in pending:
        best, best_ov = None, 0
        for a, b, e in by_file.get((m["file"], m["label"]), ()):
            ov = min(b, m["end"]) - max(a, m["start"])
            if ov > best_ov and (m["file"], a, b) not in used:
                best, best_ov = (a, b, e), ov
        if best is not None:
            used.add((m["file"], best[0], best[1]))
            matched.append((m["entity"], best[2]))
    cells = Counter(matched)
    gold_groups = Counter(g for g, _ in matched)
    pred_groups = Counter(p for _, p in matched)
    tp_pairs = sum(_pairs(n) for n in cells.values())
    pred_pairs = sum(_pairs(n) for n in pred_groups.values())
    gold_pairs = sum(_pairs(n) for n in gold_groups.values())
    pred_of_gold = defaultdict(set)
    for g, p in matched:
        pred_of_gold[g].add(p)
    violations = [[a, b, why] for a, b, why in gold.get("must_not_merge", [])
                  if pred_of_gold[a] & pred_of_gold[b]]
    wrong = sorted(((n, g, p) for (g, p), n in cells.items()), reverse=True)
    impure = defaultdict(list)
    for (g, p), n in cells.items():
        impure[p].append((g, n))
    return {
        "mentions": {"per_label": per_label, "micro": micro, "span_only": span_only},
        "merges": {
            "precision": round(tp_pairs / pred_pairs, 4) if pred_pairs else 1.0,
            "recall": round(tp_pairs / gold_pairs, 4) if gold_pairs else 1.0,
            "pairs_correct": tp_pairs, "pairs_predicted": pred_pairs, "pairs_gold": gold_pairs,
            "gold_mentions_matched": len(matched), "gold_mentions": len(gm),
            "must_not_merge_violations": violations,
            "impure_entities": {p: gs for p, gs in impure.items() if len(gs) > 1},
        },
        "_cells": wrong,
    }


def format_report(result: dict) -> str:
    lines = ["label     P      R      F1     (tp/pred/gold)"]
    for lab, r in result["mentions"]["per_label"].items():
        lines.append(f"{lab:7s} {r['precision']:.3f}  {r['recall']:.3f}  {r['f1']:.3f}  "
                     f"({r['tp']}/{r['n_pred']}/{r['n_gold']})")
    r = result["mentions"]["micro"]
    lines.append(f"{'all':7s} {r['precision']:.3f}  {r['recall']:.3f}  {r['f1']:.3f}  "
                 f"({r['tp']}/{r['n_pred']}/{r['n_gold']})")
    m = result["merges"]
    lines.append(f"merges: precision {m['precision']:.3f} ({m['pairs_correct']}/{m['pairs_predicted']} pairs), "
                 f"recall {m['recall']:.3f} ({m['pairs_correct']}/{m['pairs_gold']}), "
                 f"gold mentions matched {m['gold_mentions_matched']}/{m['gold_mentions']}, "
                 f"must-not-merge violations {len(m['must_not_merge_violations'])}")
    return "\n".join(lines)
