"""The corpus-wide tables of the facts stage, from the figures of every document:
claims (the figures that count something), events, the comparison of every value
claimed per event and measure (and whether sources disagree), and the timeline."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

from pipeline.contract import facts as contract
from pipeline.facts.events import PLACE_FACTS, event_label, event_period

CLAIMS = contract.CLAIMS.schema
COMPARISON = contract.COMPARISON.schema
EVENTS = contract.EVENTS.schema
TIMELINE = contract.TIMELINE.schema


def claims_table(q: pd.DataFrame, doc_meta: pd.DataFrame, reprint_of: dict, copies: dict) -> pd.DataFrame:
    """Every figure of something measured (not 'other', not hypothetical) is a claim."""
    if not len(q):
        return pd.DataFrame(columns=CLAIMS.names)
    c = q[(q["measure"] != "other") & (~q["hypothetical"].astype(bool))].copy()
    c["claim_id"] = "c" + c["quantity_id"]
    c["source_path"] = c["doc_id"].map(doc_meta["source_path"]) if len(doc_meta) else None
    c["title"] = c["doc_id"].map(doc_meta["title"]) if len(doc_meta) else None
    c["reprint_of"] = c["passage_id"].map(reprint_of)
    c["independent"] = c["reprint_of"].isna()
    c["n_copies"] = c["passage_id"].map(copies).fillna(1).astype("int64")
    c["part"] = parts_of_tolls(c) | parts_of_sums(c) | (c["part_of"].notna() if "part_of" in c else False)
    c["tally"] = c["tally_of"].notna() if "tally_of" in c else False
    c["figure_date"] = c["event_date"] if "event_date" in c else None
    return c[CLAIMS.names].reset_index(drop=True)


_SUMMED = re.compile(r"\d+(?:\.\d+)?")


def parts_of_sums(c: pd.DataFrame) -> pd.Series:
    """A written count that the same sentence adds up with others into a figure the stage reckoned
    ('Four adults and two children were killed': 4 + 2 = 6): one of the counted, not a toll of its
    own. True for such claims (the reckoning names the parts: '4 + 2')."""
    part = pd.Series(False, index=c.index)
    if "reckoning" not in c or not c["reckoning"].astype(str).str.contains(" + ", regex=False).any():
        return part
    sums: dict = defaultdict(set)
    for pid, sentence, measure, reckoning in zip(c["passage_id"], c["sentence"], c["measure"], c["reckoning"]):
        if isinstance(reckoning, str) and " + " in reckoning:
            sums[(pid, sentence, measure)].update(float(x) for x in _SUMMED.findall(reckoning))
    for i, pid, sentence, measure, low, high, reckoning in zip(c.index, c["passage_id"], c["sentence"], c["measure"],
                                                               c["value_low"], c["value_high"], c["reckoning"]):
        parts = sums.get((pid, sentence, measure))
        if parts and low == high and low in parts and not (isinstance(reckoning, str) and " + " in reckoning):
            part[i] = True
    return part


def parts_of_tolls(c: pd.DataFrame) -> pd.Series:
    """A count written without a numeral ('Garcia died' = 1, 'killed himself' = 1) that is smaller than
    another figure of the same measure its document gives for the same event ('two men were killed',
    'a triple homicide'): one of the counted, not a toll of its own. True for such claims."""
    implicit = c["implicit"].fillna(False).astype(bool)
    counted = c[c["event"].notna() & c["value_low"].notna()]
    if not len(counted) or not implicit.any():
        return pd.Series(False, index=c.index)
    largest = counted.groupby(["doc_id", "event", "measure"])["value_low"].max()
    keys = pd.MultiIndex.from_arrays([c["doc_id"], c["event"], c["measure"]])
    toll = pd.Series(largest.reindex(keys).to_numpy(), index=c.index)
    return (implicit & (c["value_low"] < toll)).fillna(False).astype(bool)


def events_table(q: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per event (place, period, kind): its dates, figures, documents, and the cues that gave
    its figures their kind (`measure sentenced (12)`, `trial (3)`), so a user can see why they are one."""
    if not len(q) or q["event"].isna().all():
        return pd.DataFrame(columns=EVENTS.names)
    n_claims = Counter(e for e in claims["event"].tolist() if isinstance(e, str)) if len(claims) else Counter()
    groups: dict = defaultdict(list)
    cols = ["event", "event_date", "place", "doc_id", "measure", "kind", "kind_cues", "event_basis"]
    for ev, date, place, doc, measure, kind, cues, basis in zip(*[q[c].tolist() for c in cols]):
        if isinstance(ev, str):
            groups[ev].append((date if isinstance(date, str) else None, place, doc, measure,
                               kind if isinstance(kind, str) else None, cues if isinstance(cues, str) else "",
                               basis))
    rows = []
    for ev, items in sorted(groups.items()):
        dates = [d for d, *_ in items if d]
        days = Counter(d for d in dates if len(d) == 10)
        peak = sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if days else None
        place = next((x[1] for x in items if isinstance(x[1], str)), None)
        kind = next((x[4] for x in items if x[4]), None)
        facts = any(x[6] == PLACE_FACTS for x in items)
        period = event_period(dates[0]) if dates and not facts else "undated"
        day = _KEY_DAY.search(ev)
        if day and not facts:
            period = day.group(1)   # one of several incidents of a place and kind in a month: its first day
        cue_counts = Counter(c for x in items for c in x[5].split("; ") if c)
        docs = sorted({x[2] for x in items})
        rows.append({
            "event_id": ev, "label": event_label(place, period, kind, facts), "place": place, "period": period,
            "kind": kind,
            "cues": [f"{c} ({n})" for c, n in sorted(cue_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
            "date_start": min(dates) if dates else None, "date_end": max(dates) if dates else None,
            "peak_date": peak, "n_quantities": len(items), "n_claims": int(n_claims.get(ev, 0)),
            "n_docs": len(docs), "doc_ids": docs,
            "measures": sorted({x[3] for x in items if x[3] != "other"}),
        })
    out = pd.DataFrame(rows, columns=EVENTS.names)
    return out.sort_values(["n_claims", "event_id"], ascending=[False, True]).reset_index(drop=True)


_KEY_DAY = re.compile(r"-(\d{4}-\d{2}-\d{2})(?:-|$)")


def comparison_table(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """All values claimed per (event, measure), one row per distinct value and hedge."""
    if not len(claims):
        return pd.DataFrame(columns=COMPARISON.names)
    labels = dict(zip(events["event_id"], events["label"])) if len(events) else {}

    def clean_num(x):
        return None if x is None or x != x else float(x)
    groups: dict = defaultdict(lambda: defaultdict(list))
    cols = ["event", "measure", "value_low", "value_high", "qualifier", "unit", "independent", "doc_id",
            "attribution_kind", "attribution", "claim_id", "part", "tally", "figure_date"]
    claims = claims if "figure_date" in claims else claims.assign(figure_date=None)
    for rec in zip(*[claims[c].tolist() for c in cols]):
        r = dict(zip(cols, rec))
        if not isinstance(r["event"], str):
            continue
        key = (clean_num(r["value_low"]), clean_num(r["value_high"]), r["qualifier"])
        groups[(r["event"], r["measure"])][key].append(r)
    rows = []
    for (ev, measure), values in sorted(groups.items()):
        disagreement = disagreement_of(values, measure)
        for (vl, vh, qual), v in sorted(values.items(), key=lambda kv: (
                kv[0][0] if kv[0][0] is not None else (kv[0][1] if kv[0][1] is not None else -1), kv[0][2])):
            units = [x["unit"] for x in v if isinstance(x["unit"], str)]
            rows.append({
                "event": ev, "event_label": labels.get(ev, ev), "measure": measure, "value_low": vl,
                "value_high": vh, "qualifier": qual, "unit": units[0] if units else None, "n_claims": len(v),
                "n_independent": sum(1 for x in v if x["independent"]),
                "n_docs": len({x["doc_id"] for x in v}),
                "attribution_kinds": sorted({x["attribution_kind"] for x in v}),
                "attributions": sorted({x["attribution"] for x in v if isinstance(x["attribution"], str)}),
                "doc_ids": sorted({x["doc_id"] for x in v}), "claim_ids": [x["claim_id"] for x in v],
                "n_values_for_measure": len(values), "contested": disagreement == "between sources",
                "disagreement": disagreement,
            })
    return pd.DataFrame(rows, columns=COMPARISON.names)


# counts that only grow as an incident's toll is updated (the missing may be found, so not theirs)
RUNNING_COUNTS = {"killed", "injured", "killed_or_injured", "displaced", "arrested", "detained"}
OFFICIAL_COUNT = {"official", "author"}   # the authorities' count, and the news telling it unattributed


def disagreement_of(values: dict, measure: str | None = None) -> str:
    """Whether the values of one (event, measure) are a dispute.

    A source is a document's author or a source it quotes (its attribution). 'between sources'
    when two sources each give a value the other does not (reprints left out: a copy is not a
    second source); 'rising over time' when those values are a toll the authorities updated (`running`);
    'within one source' when the values differ only inside one source's account
    (sub-counts: '4 killed, two of them children'; updates) or one source's values include all of
    another's; else 'none'. A claim that is a part of its document's toll (`part`) or a period's tally
    (`tally`) is no source's value."""
    if len(values) < 2:
        return "none"
    by_source: dict = defaultdict(set)
    for key, claims in values.items():
        for c in claims:
            if c["independent"] and not c.get("part") and not c.get("tally"):  # no toll of its own: one of
                # the counted, or the counted of a period
                said = c["attribution"].strip().lower() if isinstance(c["attribution"], str) else None
                by_source[(c["doc_id"], c["attribution_kind"], said)].add(key)
    docs = list(by_source.values())
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            if a - b and b - a:
                return "rising over time" if measure in RUNNING_COUNTS and running(values) else "between sources"
    return "within one source"


def running(values: dict) -> bool:
    """Are the values of one (event, measure) a toll that grew as it was updated: every toll value dated to
    a day, told by officials or unattributed, one value a day, never smaller on a later day, and told on
    two days at least ("killed at least 12", Tuesday; "rose to 31", Thursday)? A count that fell, two
    values of one day, or a value of activists, witnesses or the press stays a dispute."""
    by_day: dict = defaultdict(set)
    for key, claims in values.items():
        for c in claims:
            if not c["independent"] or c.get("part") or c.get("tally"):
                continue
            day = c.get("figure_date")
            if c["attribution_kind"] not in OFFICIAL_COUNT or not isinstance(day, str) or len(day) != 10:
                return False
            value = key[0] if key[0] is not None else key[1]
            if value is None:
                return False
            by_day[day].add(value)
    if len(by_day) < 2 or any(len(v) > 1 for v in by_day.values()):
        return False
    told = [next(iter(by_day[d])) for d in sorted(by_day)]
    return all(a <= b for a, b in zip(told, told[1:]))


def timeline_table(t: pd.DataFrame) -> pd.DataFrame:
    if not len(t):
        return pd.DataFrame(columns=TIMELINE.names)
    t = t.copy()
    t["group_id"] = t["date"] + "|" + t["event"].fillna("")
    t["n_docs_in_group"] = t.groupby("group_id")["doc_id"].transform("nunique").astype("int64")
    return t[TIMELINE.names].sort_values(["date", "doc_id", "start"]).reset_index(drop=True)
