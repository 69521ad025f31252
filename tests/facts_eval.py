"""Evaluation of the facts stage against tests/gold/facts (used by the gold tests and the benchmark).

Matching: a predicted quantity matches a gold quantity of the same file whose span
overlaps it (one-to-one, in text order). Field accuracies are over matched pairs;
recall and precision are reported next to them.

Events: a predicted event is (place, date, kind). Its date is the event's peak
day (the day most of its figures are dated to) or else its period (year-month
or year). It maps to a gold event whose places contain the predicted place
(string similarity >= 0.85, so Janaozen = Zhanaozen) and whose date range
overlaps the predicted date (Jaccard overlap of the day intervals > 0). Among
those, a gold event of the predicted event's kind comes first (GOLD_EVENT_KINDS
below, read off the gold descriptions), then the largest overlap, then the
shorter gold event. Kind never makes a gold event match that place and date
rule out: it only chooses among the stories of the same place and weeks, which
is what the gold separates (the shooting, the crackdown and the solidarity
rallies of 16-19 December 2011 overlap in place and date). A figure with no
predicted event, a figure about a place rather than an event (undated), or one
whose event overlaps no gold event, maps to `background`.

`event_accuracy_place_date` is the same mapping without kinds (the figure
reported before events had kinds), printed next to it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections import Counter, defaultdict

import pandas as pd
from rapidfuzz import fuzz

from tests.facts_helpers import GOLD, REPO, run_facts, seed_tables

DEATH_INJURY = ("killed", "injured")


def _interval(iso: str | None, end: bool = False) -> dt.date | None:
    if not iso:
        return None
    y = int(iso[:4])
    if len(iso) >= 10:
        return dt.date.fromisoformat(iso[:10])
    if len(iso) >= 7:
        m = int(iso[5:7])
        return dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1)
    return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)


def _jaccard(a0, a1, b0, b1) -> float:
    inter = (min(a1, b1) - max(a0, b0)).days + 1
    if inter <= 0:
        return 0.0
    union = (max(a1, b1) - min(a0, b0)).days + 1
    return inter / union


# The kind of each gold event, from the head of its description in seeds_gold.json (the words
# quoted), in the stage's default kind names (params.yaml facts.kinds). Comparison events, the
# visit, the hysteria, the resolutions and the rankings are given no kind: for them only place
# and date count. Fixed once from the descriptions; not tuned to the stage's output.
GOLD_EVENT_KINDS = {
    "zhanaozen-shooting-2011": {"violence"},        # "shooting of protesters ... with the riots and arson"
    "zhanaozen-strike-2011": {"strike"},            # "oil workers' strike ... before the shooting"
    "zhanaozen-crackdown-2011": {"crackdown"},      # "state of emergency, curfew, mass detentions, torture"
    "zhanaozen-trials-2012": {"trial"},             # "criminal trials over the Zhanaozen events ... sentences"
    "protests-after-shooting-2011": {"protest"},    # "solidarity rallies and protests right after the shooting"
    "zhanaozen-redevelopment": {"rebuilding"},      # "state programmes, funds and construction"
    "zhanaozen-anniversary-2012": {"protest"},      # "first anniversary ... conferences/arrests around it"
    "persecution-2012-2013": {"crackdown"},         # "repression of opposition, independent media ..."
    "ablyazov-case": {"trial"},                     # "fraud accusations and court cases against Mukhtar Ablyazov"
    "aghadil-protests-2020": {"protest"},           # "death of activist ... and the protests that followed"
    "kazakhstan-unrest-2022": {"violence", "protest"},  # "unrest (fuel-price protests, Almaty shootings)"
    "poland-december-1970": {"violence"},           # "massacre of shipyard workers"
    "novy-uzen-1989": {"violence"},                 # "ethnic riots"
    "almaty-december-1986": {"protest"},            # "uprising"
}


def map_event(place: str | None, start: str | None, end: str | None, gold_events: dict,
              kind: str | None = None) -> str:
    place = place if isinstance(place, str) else None
    kind = kind if isinstance(kind, str) else None
    start = start if isinstance(start, str) else None
    end = end if isinstance(end, str) else None
    if start is None:
        return "background"
    p0, p1 = _interval(start), _interval(end or start, end=True)
    best = None
    for key, ev in gold_events.items():
        if not ev.get("start"):
            continue
        if place and ev["places"] and not any(fuzz.ratio(place.lower(), gp.lower()) >= 85 for gp in ev["places"]):
            continue
        g0, g1 = _interval(ev["start"]), _interval(ev["end"] or ev["start"], end=True)
        j = _jaccard(p0, p1, g0, g1)
        if j > 0:
            cand = (kind is not None and kind in GOLD_EVENT_KINDS.get(key, ()), j, -(g1 - g0).days, key)
            if best is None or cand > best:
                best = cand
    return best[-1] if best else "background"


def predict_seeds(params=None):
    """The facts stage on the seeds, with the seeds' corpus profile (seeds/corpus.yaml), as the flow runs it."""
    from pipeline.facts.params import FactsParams
    from pipeline.facts.profile import profile_params

    tables = seed_tables()
    out = run_facts(tables, profile_params(params or FactsParams(), REPO))
    return tables, out


def evaluate(tables=None, out=None, params=None) -> dict:
    gold = json.loads((GOLD / "seeds_gold.json").read_text(encoding="utf-8"))
    if out is None:
        tables, out = predict_seeds(params)
    docs = tables["documents"].set_index("doc_id")
    events = out["events"].set_index("event_id") if len(out["events"]) else None
    q = out["quantities"].copy()
    q["file"] = q["doc_id"].map(lambda d: docs.loc[d, "source_path"].split("/")[-1])
    ev_map, ev_map_pd = {}, {}
    if events is not None:
        for eid, e in events.iterrows():
            start, end = (e["peak_date"], e["peak_date"]) if isinstance(e["peak_date"], str) else (
                e["period"] if e["period"] != "undated" else None, None)
            ev_map[eid] = map_event(e["place"], start, end, gold["events"], e.get("kind"))
            ev_map_pd[eid] = map_event(e["place"], start, end, gold["events"])
    q["gold_event"] = q["event"].map(lambda e: ev_map.get(e, "background") if isinstance(e, str) else "background")
    q["gold_event_place_date"] = q["event"].map(
        lambda e: ev_map_pd.get(e, "background") if isinstance(e, str) else "background")
    preds = defaultdict(list)
    for r in q.itertuples():
        preds[r.file].append(r)
    stats = Counter()
    errors = defaultdict(list)
    matched = []
    for g in gold["quantities"]:
        cands = [p for p in preds[g["file"]] if p.raw_start < g["end"] and g["start"] < p.raw_end
                 and p.quantity_id not in stats]
        if not cands:
            stats["fn"] += 1
            errors["missed"].append(g)
            continue
        p = cands[0]
        stats[p.quantity_id] = 1
        matched.append((g, p))
    n = len(matched)
    acc = Counter()
    acc_pd = sum(p.gold_event_place_date == g["event"] for g, p in matched)
    for g, p in matched:
        vl = None if p.value_low != p.value_low else p.value_low
        vh = None if p.value_high != p.value_high else p.value_high
        checks = {
            "value": (vl, vh) == (g["value_low"], g["value_high"]),
            "qualifier": p.qualifier == g["qualifier"],
            "measure": p.measure == g["measure"],
            "attribution_kind": p.attribution_kind == g["attribution_kind"],
            "event": p.gold_event == g["event"],
        }
        for k, ok in checks.items():
            acc[k] += ok
            if not ok:
                errors[k].append((g, p))
    # the gold annotates figures written as numbers (digits or number words); a count the grammar
    # reads without a numeral ("a woman was killed", `implicit`) is outside its scope, so precision
    # is over the figures written as numbers and the implicit ones are counted apart
    implicit = q["implicit"].fillna(False).astype(bool) if "implicit" in q else pd.Series(False, index=q.index)
    n_pred = int((~implicit).sum())
    implicit_ids = set(q.loc[implicit, "quantity_id"])
    nonq = defaultdict(list)
    for x in gold["non_quantities"]:
        nonq[x["file"]].append(x)
    false_pos = [p for p in q.itertuples() if p.quantity_id not in stats and p.quantity_id not in implicit_ids]
    in_nonq = sum(1 for p in false_pos if any(x["start"] < p.raw_end and p.raw_start < x["end"] for x in nonq[p.file]))
    di = [(g, p) for g, p in matched if g["measure"] in DEATH_INJURY]
    di_gold = [g for g in gold["quantities"] if g["measure"] in DEATH_INJURY]
    di_found = sum(1 for g, p in di if p.measure == g["measure"] and
                   ((None if p.value_low != p.value_low else p.value_low),
                    (None if p.value_high != p.value_high else p.value_high)) == (g["value_low"], g["value_high"]))
    result = {
        "gold_quantities": len(gold["quantities"]), "predicted": n_pred, "matched": n,
        "implicit_predicted": len(implicit_ids),
        "recall": n / len(gold["quantities"]),
        "precision": sum(p.quantity_id not in implicit_ids for _, p in matched) / n_pred if n_pred else 0.0,
        "false_positives": len(false_pos), "false_positives_on_non_quantities": in_nonq,
        **{f"{k}_accuracy": acc[k] / n if n else 0.0 for k in ("value", "qualifier", "measure",
                                                                "attribution_kind", "event")},
        "death_injury_gold": len(di_gold), "death_injury_recalled": di_found,
        "death_injury_recall": di_found / len(di_gold) if di_gold else 0.0,
        "event_accuracy_place_date": acc_pd / n if n else 0.0,
        "predicted_events": 0 if events is None else len(events),
    }
    # secondary, optimistic figure: each predicted event counted as the gold event most of its
    # figures belong to (cluster purity), with the number of predicted events next to it
    majority = defaultdict(Counter)
    for g, p in matched:
        majority[p.event][g["event"]] += 1
    result["event_purity"] = sum(c.most_common(1)[0][1] for c in majority.values()) / n if n else 0.0
    result["errors"] = errors
    result["false_positive_rows"] = false_pos
    return result


def evaluate_hard_cases(params=None) -> dict:
    from tests.facts_helpers import facts_for_text

    cases = json.loads((GOLD / "hard_cases.json").read_text(encoding="utf-8"))["cases"]
    stats = Counter()
    errors = []
    for c in cases:
        s = c["sentence"]
        q = facts_for_text(s, params=params)["quantities"]
        used = set()
        pos = 0
        for e in c["expected"]:
            rx = re.compile(r"(?<![\w.,])" + re.escape(e["surface"]) + r"(?![\w])")
            hit = rx.search(s, pos) or rx.search(s)
            at = hit.start() if hit else s.find(e["surface"])
            pos = at + 1
            cands = [r for r in q.itertuples() if r.start < at + len(e["surface"]) and at < r.end
                     and r.quantity_id not in used]
            stats["expected"] += 1
            if not cands:
                errors.append((c["id"], "missed", e["surface"], None))
                continue
            r = cands[0]
            used.add(r.quantity_id)
            stats["matched"] += 1
            vl = None if r.value_low != r.value_low else r.value_low
            vh = None if r.value_high != r.value_high else r.value_high
            for k, ok in (("value", (vl, vh) == (e["value_low"], e["value_high"])),
                          ("measure", r.measure == e["measure"]),
                          ("attribution_kind", r.attribution_kind == e["attribution_kind"]),
                          ("qualifier", r.qualifier == e["qualifier"])):
                stats[k] += ok
                if not ok:
                    errors.append((c["id"], k, e["surface"], (e, r)))
        extra = [r for r in q.itertuples() if r.quantity_id not in used]
        stats["false_positives"] += len(extra)
        for r in extra:
            errors.append((c["id"], "extra", r.surface, None))
    m = stats["matched"] or 1
    return {"cases": len(cases), "expected": stats["expected"], "matched": stats["matched"],
            "recall": stats["matched"] / stats["expected"], "false_positives": stats["false_positives"],
            **{f"{k}_accuracy": stats[k] / m for k in ("value", "measure", "attribution_kind", "qualifier")},
            "errors": errors}


def evaluate_dates(tables=None, out=None, params=None) -> dict:
    """Timeline against the gold dates: a gold date is found when a timeline entry overlaps its
    span; it is right when the ISO date (the start of an interval) and the precision agree."""
    gold = json.loads((GOLD / "seeds_gold.json").read_text(encoding="utf-8"))
    if out is None:
        tables, out = predict_seeds(params)
    docs = tables["documents"].set_index("doc_id")
    t = out["timeline"].copy()
    t["file"] = t["doc_id"].map(lambda d: docs.loc[d, "source_path"].split("/")[-1])
    by_file = defaultdict(list)
    for r in t.itertuples():
        by_file[r.file].append(r)
    found = right = right_date = 0
    errors = []
    for g in gold["dates"]:
        cands = [r for r in by_file[g["file"]] if r.raw_start < g["end"] and g["start"] < r.raw_end]
        if not cands:
            errors.append(("missed", g["surface"], g["date"], None))
            continue
        found += 1
        r = cands[0]
        want = g["date"].split("/")[0]
        ok_date = r.date == want
        right_date += ok_date
        if ok_date and r.precision == g["precision"]:
            right += 1
        else:
            errors.append(("wrong", g["surface"], g["date"], (r.date, r.precision)))
    n = len(gold["dates"])
    return {"gold_dates": n, "found": found, "recall": found / n, "date_accuracy_of_found": right_date / max(found, 1),
            "date_and_precision_accuracy_of_found": right / max(found, 1), "errors": errors}
