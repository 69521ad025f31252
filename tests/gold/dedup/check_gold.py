#!/usr/bin/env python3
"""Verify the dedup gold set (seeds_gold.json) against the seed documents.

Stdlib only.  Run from the repository root:

    python3 tests/gold/dedup/check_gold.py [--seeds DIR] [--gold FILE]

The seed directory defaults to $SEEDS_DIR, else the repository's seeds/ folder.

Checks
  * every span: file exists, 0 <= start < end <= len(text),
    text[start:end] starts with text_head and text_head is exactly the first
    min(60, len) characters of the span;
  * every span sits on passage boundaries: (start, end) is exactly one
    passage (blank-line block, trimmed of surrounding whitespace), and block
    copies start at a passage start and end at a passage end;
  * group occurrences are >= 20 characters, unique within their group, and a
    passage is in two groups only as the "long" member of a contained group;
  * exact groups (and exact_subsets of mixed groups): all members equal after
    normalisation (NFKC, casefold, whitespace collapse, quote/dash
    unification, Cyrillic/Latin look-alike mapping);
  * contained groups: every "short" member (normalised) is a substring of
    every "long" member and is shorter than it;
  * near/reworded groups: members are not all normalised-equal (else they
    should be exact);
  * distinct pairs: a != b after normalisation, and a/b are not in one group;
  * partial_overlaps: shared_text_head occurs (normalised) in both passages.

Prints a summary; exits 1 on any error.
"""
import argparse
import collections
import difflib
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = str(Path(__file__).resolve().parents[3])  # tests/gold/dedup/check_gold.py -> the repository

QUOTES_DASHES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
# Cyrillic letters that look like Latin ones (the corpus uses Cyrillic а/с as list markers in 000)
HOMOGLYPHS = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
})


def norm(s):
    s = unicodedata.normalize("NFKC", s).translate(QUOTES_DASHES).translate(HOMOGLYPHS).casefold()
    return re.sub(r"\s+", " ", s).strip()


def passages(text):
    """(start, end) of every passage: blocks separated by blank lines
    (empty or whitespace-only lines), trimmed of leading/trailing whitespace."""
    out = []
    pos = 0
    cur = None
    for line in text.split("\n"):
        if line.strip() == "":
            if cur is not None:
                out.append(cur)
                cur = None
        else:
            if cur is None:
                cur = [pos, pos + len(line)]
            else:
                cur[1] = pos + len(line)
        pos += len(line) + 1
    if cur is not None:
        out.append(cur)
    res = []
    for s, e in out:
        seg = text[s:e]
        res.append((s + len(seg) - len(seg.lstrip()), s + len(seg.rstrip())))
    return res


class Checker:
    def __init__(self, seeds):
        self.seeds = seeds
        self.texts = {}
        self.pass_sets = {}
        self.starts = {}
        self.ends = {}
        self.errors = []
        self.n_spans = 0

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def load(self, fname):
        if fname not in self.texts:
            path = os.path.join(self.seeds, fname)
            with open(path, encoding="utf-8", newline="") as fh:
                t = fh.read()
            self.texts[fname] = t
            ps = passages(t)
            self.pass_sets[fname] = set(ps)
            self.starts[fname] = {s for s, _ in ps}
            self.ends[fname] = {e for _, e in ps}
        return self.texts[fname]

    def span(self, where, sp, whole_passage=True):
        """Validate one span; return its text or None."""
        self.n_spans += 1
        for k in ("file", "start", "end", "text_head"):
            if k not in sp:
                self.err(where, f"missing key {k!r}")
                return None
        f, s, e, head = sp["file"], sp["start"], sp["end"], sp["text_head"]
        if not os.path.exists(os.path.join(self.seeds, f)):
            self.err(where, f"no such seed file {f}")
            return None
        t = self.load(f)
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(t)):
            self.err(where, f"bad offsets {s}..{e} (len {len(t)})")
            return None
        seg = t[s:e]
        if not seg.startswith(head):
            self.err(where, f"text does not start with text_head: {seg[:60]!r} vs {head!r}")
        elif head != seg[:60]:
            self.err(where, f"text_head is not the first min(60,len) chars: {head!r}")
        if whole_passage:
            if (s, e) not in self.pass_sets[f]:
                self.err(where, f"{f}[{s}:{e}] is not a whole passage")
        else:
            if s not in self.starts[f]:
                self.err(where, f"{f}: start {s} is not a passage start")
            if e not in self.ends[f]:
                self.err(where, f"{f}: end {e} is not a passage end")
        return seg


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default=os.environ.get("SEEDS_DIR") or os.path.join(REPO, "seeds"))
    ap.add_argument("--gold", default=os.path.join(HERE, "seeds_gold.json"))
    args = ap.parse_args()

    with open(args.gold, encoding="utf-8") as fh:
        gold = json.load(fh)
    ck = Checker(args.seeds)

    for key in ("description", "groups", "blocks", "distinct_pairs"):
        if key not in gold:
            ck.err("top", f"missing key {key!r}")

    kinds = collections.Counter()
    ids = set()
    membership = collections.defaultdict(list)  # (file,start,end) -> [(gid, kind, role)]
    sims = []
    for g in gold.get("groups", []):
        gid = g.get("id", "?")
        if gid in ids:
            ck.err(gid, "duplicate id")
        ids.add(gid)
        kind = g.get("kind")
        if kind not in ("exact", "near", "contained", "reworded"):
            ck.err(gid, f"bad kind {kind!r}")
        kinds[kind] += 1
        occs = g.get("occurrences", [])
        if len(occs) < 2:
            ck.err(gid, "fewer than 2 occurrences")
        texts = []
        seen = set()
        for n, o in enumerate(occs):
            seg = ck.span(f"{gid}.occ{n}", o)
            texts.append(seg)
            if seg is None:
                continue
            key = (o["file"], o["start"], o["end"])
            if key in seen:
                ck.err(gid, f"occurrence {key} listed twice")
            seen.add(key)
            membership[key].append((gid, kind, o.get("role")))
            if len(seg.strip()) < 20:
                ck.err(f"{gid}.occ{n}", "passage shorter than 20 chars (out of scope)")
        if any(x is None for x in texts):
            continue
        normed = [norm(x) for x in texts]
        if kind == "exact":
            if len(set(normed)) != 1:
                ck.err(gid, "exact group members differ after normalisation")
        elif kind == "contained":
            roles = [o.get("role") for o in occs]
            shorts = [normed[i] for i, r in enumerate(roles) if r == "short"]
            longs = [normed[i] for i, r in enumerate(roles) if r == "long"]
            if not shorts or not longs or len(shorts) + len(longs) != len(occs):
                ck.err(gid, "contained group needs role short/long on every occurrence")
            for a in shorts:
                for b in longs:
                    if a not in b or len(a) >= len(b):
                        ck.err(gid, f"short {a[:40]!r} not strictly inside long {b[:40]!r}")
        else:
            if len(set(normed)) == 1:
                ck.err(gid, f"{kind} group is all-equal after normalisation: should be exact")
            for i in range(1, len(normed)):
                r = difflib.SequenceMatcher(None, normed[0].split(), normed[i].split(), autojunk=False).ratio()
                sims.append((gid, kind, i, round(r, 3)))
        for sub in g.get("exact_subsets", []):
            if not all(isinstance(i, int) and 0 <= i < len(occs) for i in sub) or len(sub) < 2:
                ck.err(gid, f"bad exact_subsets entry {sub}")
                continue
            if len({normed[i] for i in sub}) != 1:
                ck.err(gid, f"exact_subsets {sub} differ after normalisation")

    for key, mem in membership.items():
        if len(mem) > 1:
            non_long = [m for m in mem if not (m[1] == "contained" and m[2] == "long")]
            if len(non_long) > 1:
                ck.err("groups", f"passage {key} is in several groups: {[m[0] for m in mem]}")

    n_copies = 0
    for b in gold.get("blocks", []):
        bid = b.get("id", "?")
        copies = b.get("copies", [])
        if len(copies) < 2:
            ck.err(bid, "fewer than 2 copies")
        spans = []
        for n, c in enumerate(copies):
            seg = ck.span(f"{bid}.copy{n}", c, whole_passage=False)
            n_copies += 1
            if seg is None:
                continue
            f = c["file"]
            inside = [p for p in ck.pass_sets[f] if c["start"] <= p[0] and p[1] <= c["end"]]
            if len(inside) < 2:
                ck.err(f"{bid}.copy{n}", "block copy spans fewer than 2 passages")
            for (f2, s2, e2) in spans:
                if f2 == f and s2 < c["end"] and c["start"] < e2:
                    ck.err(bid, "block copies overlap")
            spans.append((f, c["start"], c["end"]))

    group_of = collections.defaultdict(set)
    for key, mem in membership.items():
        for m in mem:
            group_of[key].add(m[0])
    for d in gold.get("distinct_pairs", []):
        did = d.get("id", "?")
        a = ck.span(f"{did}.a", d.get("a", {}))
        b = ck.span(f"{did}.b", d.get("b", {}))
        if a is None or b is None:
            continue
        if norm(a) == norm(b):
            ck.err(did, "distinct pair is equal after normalisation")
        ka = (d["a"]["file"], d["a"]["start"], d["a"]["end"])
        kb = (d["b"]["file"], d["b"]["start"], d["b"]["end"])
        if ka == kb:
            ck.err(did, "a and b are the same span")
        if group_of[ka] & group_of[kb]:
            ck.err(did, f"a and b share group(s) {sorted(group_of[ka] & group_of[kb])}")
    if len(gold.get("distinct_pairs", [])) < 10:
        ck.err("distinct_pairs", "fewer than 10 pairs")

    for p in gold.get("partial_overlaps", []):
        pid = p.get("id", "?")
        a = ck.span(f"{pid}.a", p.get("a", {}))
        b = ck.span(f"{pid}.b", p.get("b", {}))
        shared = norm(p.get("shared_text_head", ""))
        if a is None or b is None:
            continue
        if not shared or shared not in norm(a) or shared not in norm(b):
            ck.err(pid, "shared_text_head not found in both passages")
        if norm(a) in norm(b) or norm(b) in norm(a):
            ck.err(pid, "one passage contains the other: should be a contained group")

    n_occ = sum(len(g.get("occurrences", [])) for g in gold.get("groups", []))
    print(f"gold: {args.gold}")
    print(f"seeds: {args.seeds}")
    print("groups: " + ", ".join(f"{k}={kinds[k]}" for k in ("exact", "near", "contained", "reworded"))
          + f"  (total {sum(kinds.values())}, {n_occ} occurrences)")
    print(f"blocks: {len(gold.get('blocks', []))} ({n_copies} copies)")
    print(f"distinct_pairs: {len(gold.get('distinct_pairs', []))}")
    print(f"partial_overlaps: {len(gold.get('partial_overlaps', []))}")
    print(f"spans checked: {ck.n_spans}")
    if sims:
        lo = min(sims, key=lambda x: x[3])
        print(f"near/reworded word-level similarity to first member: min {lo[3]} ({lo[0]}), "
              f"near min {min((s[3] for s in sims if s[1] == 'near'), default='-')}, "
              f"reworded max {max((s[3] for s in sims if s[1] == 'reworded'), default='-')}")
    if ck.errors:
        print(f"\n{len(ck.errors)} ERROR(S):")
        for e in ck.errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
