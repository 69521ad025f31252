#!/usr/bin/env python3
"""Consistency checker for the figures/claims/timeline gold set (stdlib only).

Usage (from the repository root):
    python3 tests/gold/facts/check_gold.py [--gold PATH] [--hard PATH] [--seeds DIR]

The seed directory defaults to $SEEDS_DIR, else the repository's seeds/ folder.
Checks seeds_gold.json (spans, enums, values, dates, events, coverage of every digit
sequence) and hard_cases.json (surfaces inside sentences, enums, values).
Prints counts; exits 1 if any error is found, 0 otherwise.
"""
import argparse
import collections
import json
import os
import re
import sys
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = str(Path(__file__).resolve().parents[3])  # tests/gold/facts/check_gold.py -> the repository

QUALIFIERS = {"exact", "at_least", "at_most", "about", "range", "vague"}
MEASURES = {"killed", "injured", "detained", "arrested", "strikers", "fired", "sentenced", "prosecuted",
            "buildings", "money", "participants", "population", "other"}
KINDS = {"official", "unofficial", "eyewitness", "media", "author", "unknown"}
CURRENCIES = {"USD", "KZT", "RUB", "EUR"}
UNITS = CURRENCIES | {
    "person", "percent", "ratio", "year", "month", "day", "night", "hour", "minute", "second", "km", "metre",
    "building", "car", "apartment", "seat", "playground", "grant", "project", "town", "country", "organisation",
    "company", "commission", "court_action", "dispute", "sentence", "variety", "mound", "place", "post", "frame",
    "video", "statement", "phone", "hospital", "strike", "city", "week", "household"}
PRECISIONS = {"day", "month", "year"}
Q_KEYS = ("file", "start", "end", "surface", "value_low", "value_high", "qualifier", "unit", "measure", "event",
          "attribution", "attribution_kind", "sentence")
Q_OPTIONAL = {"note", "hypothetical", "hedge_inherited", "uncertain", "context_attribution",
              "context_attribution_kind"}
MIN = {"quantities": 80, "non_quantities": 30, "dates": 40, "hard_cases": 80, "hard_no_quantity": 25}
ISO_PART = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


def default_seeds():
    return os.environ.get("SEEDS_DIR") or os.path.join(REPO, "seeds")


def num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_values(where, r, err):
    lo, hi, q = r.get("value_low"), r.get("value_high"), r.get("qualifier")
    for name, v in (("value_low", lo), ("value_high", hi)):
        if v is not None and not num(v):
            err("%s: %s must be a number or null, got %r" % (where, name, v))
            return
    if q not in QUALIFIERS:
        err("%s: bad qualifier %r" % (where, q))
        return
    if lo is not None and hi is not None and lo > hi:
        err("%s: value_low %r > value_high %r" % (where, lo, hi))
    if q in ("exact", "about") and (lo is None or lo != hi):
        err("%s: qualifier %s needs value_low == value_high (got %r, %r)" % (where, q, lo, hi))
    if q == "at_least" and (lo is None or hi is not None):
        err("%s: at_least needs value_low set and value_high null" % where)
    if q == "at_most" and (hi is None or lo is not None):
        err("%s: at_most needs value_high set and value_low null" % where)
    if q == "range" and (lo is None or hi is None or not lo < hi):
        err("%s: range needs value_low < value_high" % where)
    if q == "vague" and hi is not None:
        err("%s: vague needs value_high null" % where)
    if r.get("uncertain") and (lo is not None or hi is not None or q != "vague"):
        err("%s: uncertain (broken) numbers need qualifier vague and null values" % where)
    if q == "vague" and lo is None and not r.get("uncertain") and "several" not in r.get("surface", ""):
        err("%s: vague with null value_low must be flagged uncertain (or be an 'up to several' form)" % where)


def check_enums(where, r, err, events=None):
    if r.get("unit") not in UNITS:
        err("%s: unknown unit %r" % (where, r.get("unit")))
    if r.get("measure") not in MEASURES:
        err("%s: unknown measure %r" % (where, r.get("measure")))
    if r.get("attribution_kind") not in KINDS:
        err("%s: unknown attribution_kind %r" % (where, r.get("attribution_kind")))
    if r.get("context_attribution_kind") is not None and r["context_attribution_kind"] not in KINDS:
        err("%s: unknown context_attribution_kind %r" % (where, r["context_attribution_kind"]))
    if r.get("measure") == "money" and r.get("unit") not in CURRENCIES | {"percent", "ratio"}:
        err("%s: measure money needs a currency (or percent/ratio) unit, got %r" % (where, r.get("unit")))
    if r.get("unit") in CURRENCIES and r.get("measure") != "money":
        err("%s: currency unit %r needs measure money" % (where, r.get("unit")))
    if events is not None and r.get("event") not in events:
        err("%s: undefined event key %r" % (where, r.get("event")))


def valid_iso(s, precision):
    parts = s.split("/")
    if len(parts) > 2:
        return False
    for p in parts:
        if not re.fullmatch(ISO_PART[precision], p):
            return False
        bits = [int(x) for x in p.split("-")]
        if len(bits) > 1 and not 1 <= bits[1] <= 12:
            return False
        if len(bits) > 2 and not 1 <= bits[2] <= 31:
            return False
    return len(parts) == 1 or parts[0] <= parts[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=os.path.join(HERE, "seeds_gold.json"))
    ap.add_argument("--hard", default=os.path.join(HERE, "hard_cases.json"))
    ap.add_argument("--seeds", default=default_seeds())
    args = ap.parse_args()

    errors = []
    err = errors.append

    with open(args.gold, encoding="utf-8") as fh:
        gold = json.load(fh)
    for key in ("description", "events", "quantities", "non_quantities", "dates"):
        if key not in gold:
            err("seeds_gold: missing top-level key %r" % key)
    events = gold.get("events", {})
    quantities = gold.get("quantities", [])
    nonq = gold.get("non_quantities", [])
    dates = gold.get("dates", [])

    # ---- events
    for k, ev in events.items():
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k):
            err("event key %r is not kebab-case" % k)
        for f in ("description", "places", "start", "end"):
            if f not in ev:
                err("event %s: missing %r" % (k, f))
        for f in ("start", "end"):
            v = ev.get(f)
            if v is not None and not any(re.fullmatch(p, v) for p in ISO_PART.values()):
                err("event %s: %s %r is not ISO" % (k, f, v))
        if ev.get("start") and ev.get("end") and ev["start"] > ev["end"]:
            err("event %s: start after end" % k)

    texts = {}

    def text_of(name):
        if name not in texts:
            path = os.path.join(args.seeds, name)
            try:
                with open(path, encoding="utf-8", newline="") as fh:
                    texts[name] = fh.read()
            except OSError as e:
                err("cannot read %s: %s" % (path, e))
                texts[name] = None
        return texts[name]

    def check_span(where, r):
        t = text_of(r.get("file", ""))
        if t is None:
            return None
        s, e = r.get("start"), r.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(t)):
            err("%s: bad offsets %r-%r" % (where, s, e))
            return None
        if t[s:e] != r.get("surface"):
            err("%s: text[%d:%d] = %r != surface %r" % (where, s, e, t[s:e], r.get("surface")))
            return None
        if r["surface"] != r["surface"].strip():
            err("%s: surface has leading/trailing whitespace" % where)
        return t

    spans = collections.defaultdict(list)  # file -> (start, end, list)

    # ---- quantities
    seen = set()
    for i, q in enumerate(quantities):
        where = "quantities[%d] %s@%s" % (i, q.get("file", "?")[:3], q.get("start"))
        for k in Q_KEYS:
            if k not in q:
                err("%s: missing key %r" % (where, k))
        for k in q:
            if k not in Q_KEYS and k not in Q_OPTIONAL:
                err("%s: unexpected key %r" % (where, k))
        t = check_span(where, q)
        check_values(where, q, err)
        check_enums(where, q, err, events)
        if t is None:
            continue
        kq = (q["file"], q["start"], q["end"])
        if kq in seen:
            err("%s: duplicate quantity span" % where)
        seen.add(kq)
        spans[q["file"]].append((q["start"], q["end"], "Q"))
        sent = q.get("sentence") or ""
        lo = max(0, q["end"] - len(sent))
        pos = t.find(sent, lo, q["start"] + len(sent))
        if not sent or pos < 0 or not (pos <= q["start"] and q["end"] <= pos + len(sent)):
            err("%s: sentence does not contain the span at its offsets" % where)
        for fld in ("attribution", "context_attribution"):
            a = q.get(fld)
            if a is not None and fld == "attribution" and a not in t:
                err("%s: attribution %r not found in the file" % (where, a))
        a, kind = q.get("attribution"), q.get("attribution_kind")
        # no phrase -> author (or media/unknown when the speaker's role is known from the document);
        # a phrase -> not author, unless it is first-person ("I was able to obtain evidence")
        if a is None and kind not in ("author", "media", "unknown"):
            err("%s: null attribution with kind %r" % (where, kind))
        if a is not None and kind == "author" and not re.search(r"\b(I|we|my|our)\b", a):
            err("%s: attribution %r with kind author (only first-person phrases may be author)" % (where, a))

    # ---- non-quantities
    for i, n in enumerate(nonq):
        where = "non_quantities[%d] %s@%s" % (i, n.get("file", "?")[:3], n.get("start"))
        if not n.get("why"):
            err("%s: missing why" % where)
        if check_span(where, n) is not None:
            spans[n["file"]].append((n["start"], n["end"], "N"))

    # ---- dates
    for i, d in enumerate(dates):
        where = "dates[%d] %s@%s" % (i, d.get("file", "?")[:3], d.get("start"))
        if d.get("precision") not in PRECISIONS:
            err("%s: bad precision %r" % (where, d.get("precision")))
        elif not valid_iso(str(d.get("date")), d["precision"]):
            err("%s: date %r does not match precision %s" % (where, d.get("date"), d["precision"]))
        if d.get("event") not in events:
            err("%s: undefined event key %r" % (where, d.get("event")))
        if check_span(where, d) is not None:
            spans[d["file"]].append((d["start"], d["end"], "D"))

    # ---- quantity spans must not overlap any other span
    for f, L in spans.items():
        L.sort()
        for a, b in zip(L, L[1:]):
            if b[0] < a[1] and ("Q" in (a[2], b[2])):
                err("%s: overlapping spans %r and %r" % (f[:3], a, b))

    # ---- coverage: every digit sequence of every annotated seed file is inside some span
    uncovered = 0
    for f in sorted(spans):
        t = text_of(f)
        if t is None:
            continue
        L = sorted(spans[f])
        for m in re.finditer(r"\d+", t):
            if not any(s <= m.start() and m.end() <= e for s, e, _ in L):
                uncovered += 1
                err("coverage: %s@%d %r is in no quantity/date/non_quantity span" % (f[:3], m.start(), m.group()))

    # ---- hard cases
    with open(args.hard, encoding="utf-8") as fh:
        hard = json.load(fh)
    cases = hard.get("cases", [])
    ids = set()
    n_empty = 0
    for c in cases:
        cid = c.get("id")
        if cid in ids:
            err("hard: duplicate id %r" % cid)
        ids.add(cid)
        sent = c.get("sentence", "")
        exp = c.get("expected")
        if not isinstance(exp, list):
            err("hard %s: expected must be a list" % cid)
            continue
        if not exp:
            n_empty += 1
        for j, e in enumerate(exp):
            where = "hard %s[%d]" % (cid, j)
            for k in ("surface", "value_low", "value_high", "qualifier", "unit", "measure", "attribution_kind"):
                if k not in e:
                    err("%s: missing key %r" % (where, k))
            if e.get("surface") not in sent:
                err("%s: surface %r not in sentence" % (where, e.get("surface")))
            if e.get("attribution") and e["attribution"] not in sent:
                err("%s: attribution %r not in sentence" % (where, e["attribution"]))
            check_values(where, e, err)
            check_enums(where, e, err)
        for nq in c.get("non_quantities", []):
            if nq not in sent:
                err("hard %s: non_quantity %r not in sentence" % (cid, nq))

    # ---- minimum sizes
    sizes = {"quantities": len(quantities), "non_quantities": len(nonq), "dates": len(dates),
             "hard_cases": len(cases), "hard_no_quantity": n_empty}
    for k, v in MIN.items():
        if sizes[k] < v:
            err("too few %s: %d < %d" % (k, sizes[k], v))

    # ---- report
    shoot = [q for q in quantities if q.get("event") == "zhanaozen-shooting-2011"]
    print("seed quantities: %d (killed %d, injured %d; Zhanaozen shooting killed %d, injured %d)" % (
        len(quantities), sum(q.get("measure") == "killed" for q in quantities),
        sum(q.get("measure") == "injured" for q in quantities),
        sum(q.get("measure") == "killed" for q in shoot), sum(q.get("measure") == "injured" for q in shoot)))
    print("  by file:", dict(sorted(collections.Counter(q.get("file", "")[:3] for q in quantities).items())))
    print("  by measure:", dict(collections.Counter(q.get("measure") for q in quantities).most_common()))
    print("  by qualifier:", dict(collections.Counter(q.get("qualifier") for q in quantities).most_common()))
    print("  by attribution_kind:", dict(collections.Counter(q.get("attribution_kind") for q in quantities).most_common()))
    print("non_quantities: %d (%d derived from dates)" % (len(nonq), sum(bool(n.get("derived_from_dates")) for n in nonq)))
    print("dates: %d (by precision %s)" % (len(dates), dict(collections.Counter(d.get("precision") for d in dates))))
    print("events: %d" % len(events))
    print("hard cases: %d (%d with quantities, %d without; %d expected quantities)" % (
        len(cases), len(cases) - n_empty, n_empty, sum(len(c.get("expected", [])) for c in cases)))
    print("uncovered digit sequences: %d" % uncovered)
    if errors:
        print("\n%d ERROR(S):" % len(errors))
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
