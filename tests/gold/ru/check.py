#!/usr/bin/env python3
"""Validate the Russian gold set (docs/, entities.jsonl, figures.jsonl). Stdlib only.

Usage: python tests/gold/ru/check.py [--dir DIR]
Prints counts and OK, or every error and exits 1.
"""
import argparse
import collections
import json
import os
import sys

LABELS = {"PER", "LOC", "ORG"}
MEASURES = {"killed", "injured", "arrested", "detained", "sentenced", "prosecuted", "fired",
            "strikers", "participants", "money", "buildings", "population", "other"}
KINDS = {"official", "unofficial", "eyewitness", "media", "unknown", "author"}
UNITS = {None, "RUB", "KZT", "USD", "EUR", "UAH", "KGS", "BYN", "TJS", "%",
         "year", "month", "week", "day", "hour", "km", "m", "cm", "mm", "m2", "t",
         "km/h", "magnitude", "point", "°C"}
ENT_KEYS = {"doc", "start", "end", "text", "label"}
FIG_KEYS = {"doc", "start", "end", "text", "value_low", "value_high", "measure",
            "attribution_kind", "unit", "sentence"}
FIG_OPTIONAL = {"note"}


def load_jsonl(path, errors):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                errors.append(f"{os.path.basename(path)}:{n}: bad JSON: {exc}")
    return rows


def check_span(where, row, docs, errors):
    text = docs.get(row.get("doc"))
    if text is None:
        errors.append(f"{where}: unknown doc {row.get('doc')!r}")
        return False
    s, e = row.get("start"), row.get("end")
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        errors.append(f"{where}: bad offsets {s}..{e}")
        return False
    if text[s:e] != row.get("text"):
        errors.append(f"{where}: text {row.get('text')!r} != doc slice {text[s:e]!r}")
        return False
    if row["text"] != row["text"].strip():
        errors.append(f"{where}: span has leading/trailing whitespace")
    return True


def overlaps(rows, what, errors):
    by_doc = collections.defaultdict(list)
    for n, r in rows:
        by_doc[r["doc"]].append((r["start"], r["end"], n))
    for doc, spans in by_doc.items():
        spans.sort()
        for (s1, e1, n1), (s2, e2, n2) in zip(spans, spans[1:]):
            if s2 < e1:
                errors.append(f"{what}:{n1} and {what}:{n2}: overlapping spans in {doc}")


def is_num(v):
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    errors = []
    docdir = os.path.join(args.dir, "docs")
    docs = {}
    for name in sorted(os.listdir(docdir)):
        if name.endswith(".txt"):
            with open(os.path.join(docdir, name), encoding="utf-8") as fh:
                docs[name] = fh.read()

    ents = load_jsonl(os.path.join(args.dir, "entities.jsonl"), errors)
    good_ents = []
    for n, r in ents:
        where = f"entities.jsonl:{n}"
        if set(r) != ENT_KEYS:
            errors.append(f"{where}: keys {sorted(r)} != {sorted(ENT_KEYS)}")
            continue
        if r["label"] not in LABELS:
            errors.append(f"{where}: label {r['label']!r} not in {sorted(LABELS)}")
        if check_span(where, r, docs, errors):
            good_ents.append((n, r))
            if r["text"][0] in "«»\"" or r["text"][-1] in "«»\"":
                errors.append(f"{where}: quotes must not be part of the span")
    overlaps(good_ents, "entities.jsonl", errors)

    figs = load_jsonl(os.path.join(args.dir, "figures.jsonl"), errors)
    good_figs = []
    for n, r in figs:
        where = f"figures.jsonl:{n}"
        missing = FIG_KEYS - set(r)
        extra = set(r) - FIG_KEYS - FIG_OPTIONAL
        if missing or extra:
            errors.append(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(extra)}")
            continue
        if r["measure"] not in MEASURES:
            errors.append(f"{where}: measure {r['measure']!r} not allowed")
        if r["attribution_kind"] not in KINDS:
            errors.append(f"{where}: attribution_kind {r['attribution_kind']!r} not allowed")
        if r["unit"] not in UNITS:
            errors.append(f"{where}: unit {r['unit']!r} not allowed")
        lo, hi = r["value_low"], r["value_high"]
        if not (is_num(lo) and is_num(hi)):
            errors.append(f"{where}: values must be numbers or null")
        elif lo is None and hi is None:
            errors.append(f"{where}: value_low and value_high are both null")
        elif lo is not None and hi is not None and lo > hi:
            errors.append(f"{where}: value_low {lo} > value_high {hi}")
        if r["measure"] == "money" and r["unit"] not in {"RUB", "KZT", "USD", "EUR", "UAH", "KGS", "BYN", "TJS"}:
            errors.append(f"{where}: money needs a currency unit")
        if check_span(where, r, docs, errors):
            good_figs.append((n, r))
            text = docs[r["doc"]]
            sent = r["sentence"]
            pos, found = text.find(sent), False
            while pos != -1:
                if pos <= r["start"] and r["end"] <= pos + len(sent):
                    found = True
                    break
                pos = text.find(sent, pos + 1)
            if not found:
                errors.append(f"{where}: sentence is not a substring of the doc around the span")
    overlaps(good_figs, "figures.jsonl", errors)

    for name in docs:
        if not any(r["doc"] == name for _, r in ents):
            errors.append(f"{name}: no entity annotations")

    words = {name: len(t.split()) for name, t in docs.items()}
    print(f"documents: {len(docs)} (words per document {min(words.values())}-{max(words.values())})")
    lab = collections.Counter(r["label"] for _, r in ents)
    print(f"entity mentions: {len(ents)}  " + ", ".join(f"{k} {lab[k]}" for k in sorted(lab)))
    mea = collections.Counter(r["measure"] for _, r in figs)
    print(f"figures: {len(figs)}  by measure: " + ", ".join(f"{k} {v}" for k, v in mea.most_common()))
    kin = collections.Counter(r["attribution_kind"] for _, r in figs)
    print("figures by attribution_kind: " + ", ".join(f"{k} {v}" for k, v in kin.most_common()))
    core = sum(mea[k] for k in ("killed", "injured", "detained"))
    print(f"killed+injured+detained: {core}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
