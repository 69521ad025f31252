#!/usr/bin/env python3
"""Consistency checker for the hand-made named-entity gold set (stdlib only).

Usage (from the repository root):
    python3 tests/gold/entities/check_gold.py [--gold PATH] [--seeds DIR]

The seed directory defaults to $SEEDS_DIR, else the repository's seeds/ folder.
Exits 1 if any error is found, 0 otherwise; prints counts per label.
"""
import argparse
import collections
import json
import os
import sys
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = str(Path(__file__).resolve().parents[3])  # tests/gold/entities/check_gold.py -> the repository
ALLOWED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
QUOTES = "\"'“”‘’«»"
MIN_TOTAL, MIN_PER_LABEL = 260, {"PERSON": 40, "ORG": 40, "GPE": 60}
MIN_MUST_NOT_MERGE = 10


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=os.path.join(HERE, "seeds_gold.json"))
    ap.add_argument("--seeds", default=os.environ.get("SEEDS_DIR") or os.path.join(REPO, "seeds"))
    args = ap.parse_args()

    errors = []

    def err(msg):
        errors.append(msg)

    with open(args.gold, encoding="utf-8") as fh:
        gold = json.load(fh)
    for key in ("description", "guidelines", "regions", "mentions", "entities", "must_not_merge"):
        if key not in gold:
            err("missing top-level key %r" % key)
    regions = gold.get("regions", [])
    mentions = gold.get("mentions", [])
    entities = gold.get("entities", {})
    mnm = gold.get("must_not_merge", [])

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

    # ---- regions
    by_file = collections.defaultdict(list)
    for i, r in enumerate(regions):
        t = text_of(r.get("file", ""))
        s, e = r.get("start"), r.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e:
            err("region %d: bad offsets %r-%r" % (i, s, e))
            continue
        if t is not None and e > len(t):
            err("region %d (%s): end %d beyond text length %d" % (i, r["file"], e, len(t)))
        by_file[r["file"]].append((s, e))
    for f, rs in by_file.items():
        rs.sort()
        for (s1, e1), (s2, e2) in zip(rs, rs[1:]):
            if s2 < e1:
                err("regions overlap in %s: %d-%d and %d-%d" % (f, s1, e1, s2, e2))

    # ---- entities
    for k, ent in entities.items():
        if not isinstance(ent, dict) or "name" not in ent or "label" not in ent:
            err("entity %r lacks name/label" % k)
            continue
        if ent["label"] not in ALLOWED:
            err("entity %r has label %r not in allowed set" % (k, ent["label"]))

    # ---- mentions
    used = set()
    spans = collections.defaultdict(list)
    for i, m in enumerate(mentions):
        where = "mention %d (%s %r-%r %r)" % (i, m.get("file"), m.get("start"), m.get("end"), m.get("text"))
        for key in ("file", "start", "end", "text", "label", "entity"):
            if key not in m:
                err("%s: missing %r" % (where, key))
        if any(key not in m for key in ("file", "start", "end", "text", "label", "entity")):
            continue
        f, s, e, txt = m["file"], m["start"], m["end"], m["text"]
        t = text_of(f)
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e:
            err("%s: bad offsets" % where)
            continue
        if t is not None and t[s:e] != txt:
            err("%s: text mismatch, file has %r" % (where, t[s:e]))
        if txt != txt.strip():
            err("%s: leading/trailing whitespace" % where)
        if txt and (txt[0] in QUOTES or txt[-1] in QUOTES):
            err("%s: span starts/ends with a quote or apostrophe" % where)
        if txt.endswith("'s") or txt.endswith("’s"):
            err("%s: span includes a possessive" % where)
        if not any(rs <= s and e <= re_ for rs, re_ in by_file.get(f, [])):
            err("%s: not inside any region" % where)
        if m["label"] not in ALLOWED:
            err("%s: label %r not allowed" % (where, m["label"]))
        ent = entities.get(m["entity"])
        if ent is None:
            err("%s: entity key %r not defined" % (where, m["entity"]))
        elif isinstance(ent, dict) and ent.get("label") != m["label"]:
            err("%s: label %s differs from entity %r label %s" % (where, m["label"], m["entity"], ent.get("label")))
        used.add(m["entity"])
        spans[f].append((s, e, i))
    for f, ss in spans.items():
        ss.sort()
        for (s1, e1, i1), (s2, e2, i2) in zip(ss, ss[1:]):
            if s2 < e1:
                err("overlapping mentions in %s: #%d %d-%d and #%d %d-%d" % (f, i1, s1, e1, i2, s2, e2))
    for k in entities:
        if k not in used:
            err("entity %r is defined but never mentioned" % k)

    # ---- must_not_merge
    for i, pair in enumerate(mnm):
        if not isinstance(pair, list) or len(pair) != 3:
            err("must_not_merge %d: expected [key_a, key_b, reason]" % i)
            continue
        a, b, why = pair
        for k in (a, b):
            if k not in entities:
                err("must_not_merge %d: undefined entity key %r" % (i, k))
        if a == b:
            err("must_not_merge %d: identical keys" % i)
        if not str(why).strip():
            err("must_not_merge %d: empty reason" % i)
    if len(mnm) < MIN_MUST_NOT_MERGE:
        err("only %d must_not_merge pairs (< %d)" % (len(mnm), MIN_MUST_NOT_MERGE))

    # ---- size requirements and report
    counts = collections.Counter(m.get("label") for m in mentions)
    if len(mentions) < MIN_TOTAL:
        err("only %d mentions (< %d)" % (len(mentions), MIN_TOTAL))
    for lab, n in MIN_PER_LABEL.items():
        if counts[lab] < n:
            err("only %d %s mentions (< %d)" % (counts[lab], lab, n))

    print("mentions: %d" % len(mentions))
    for lab in sorted(ALLOWED, key=lambda l: -counts[l]):
        print("  %-7s %4d" % (lab, counts[lab]))
    per_file = collections.Counter(m.get("file") for m in mentions)
    for f in sorted(per_file):
        print("  file %s: %d" % (f, per_file[f]))
    multi = sum(1 for k in entities
                if len({m["text"] for m in mentions if m.get("entity") == k}) > 1)
    print("entities: %d (with more than one distinct surface form: %d)" % (len(entities), multi))
    print("regions: %d, must_not_merge pairs: %d" % (len(regions), len(mnm)))

    if errors:
        print("\n%d ERROR(S):" % len(errors), file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
