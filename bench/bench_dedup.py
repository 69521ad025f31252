"""Benchmark of the dedup stage against a plain datasketch MinHashLSH baseline.

A generated corpus (default 200k+ passages) with repeats of known kinds
injected: exact copies (with case, quote, spacing and homoglyph changes),
truncated quotes, word edits at 5/10/20 %, reordered sentences, and reprinted
blocks. The text is drawn from the seeds' own words: a bigram chain over the
seed text mixed with a Zipf-distributed vocabulary (real word frequencies and
shared common phrases, so unrelated passages do share shingles), with varied
passage lengths.

Both methods run on the same corpus in separate processes (peak memory is each
process's own maximum resident size; wall and CPU seconds of the run itself,
the corpus loaded before) and are scored the same way:
- recall per kind: share of injected copies that end up with their source in
  one cluster (for the stage: members and passages quoting the text);
- precision per kind: share of predicted links (each passage to the first
  passage of its predicted cluster) that join passages of one true group,
  counted by the kind of the passage linked.
The baseline gets the same normalised words (so the comparison is about the
search, not normalisation): MinHash of word 3-shingles, num_perm=128,
MinHashLSH at Jaccard 0.5, links kept when the estimated Jaccard >= 0.5,
union-find over links.

    python bench/bench_dedup.py                 # 200k base passages
    python bench/bench_dedup.py --base 20000    # quicker
    python bench/bench_dedup.py --scale 30000,100000   # the stage alone at two sizes: how its time
                                                       # and memory grow (exponent of the time)
"""

from __future__ import annotations

import argparse
import math
import collections
import json
import pickle
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ["exact", "truncated", "edit5", "edit10", "edit20", "reorder", "block"]
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р"}


# -- corpus -------------------------------------------------------------------

def seed_words() -> tuple[list[str], dict[str, list[str]]]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir()))
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*|\d+", text)
    follow: dict[str, list[str]] = collections.defaultdict(list)
    for a, b in zip(words, words[1:]):
        follow[a.lower()].append(b)
    return words, follow


class Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        words, self.follow = seed_words()
        counts = collections.Counter(w.lower() for w in words)
        rng = self.rng
        # a long Zipf tail of made-up words extends the seeds' vocabulary
        syll = ["ka", "zan", "ao", "tre", "mun", "gai", "sho", "bek", "tur", "lin", "vor", "das", "qi", "el"]
        extra = {"".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(40000)}
        vocab = [w for w, _ in counts.most_common()] + sorted(extra - set(counts))
        self.vocab = vocab
        ranks = np.arange(1, len(vocab) + 1)
        p = 1.0 / ranks ** 1.05
        self.cum = np.cumsum(p / p.sum())

    def word(self) -> str:
        return self.vocab[int(np.searchsorted(self.cum, self.rng.random()))]

    def sentence(self) -> str:
        rng = self.rng
        n = rng.randint(6, 28)
        out = [self.word()]
        while len(out) < n:
            nxt = self.follow.get(out[-1].lower())
            if nxt and rng.random() < 0.6:
                out.append(rng.choice(nxt))
            elif rng.random() < 0.05:
                out.append(str(rng.choice([rng.randint(2, 99), rng.randint(100, 5000), rng.randint(1990, 2023)])))
            else:
                out.append(self.word())
        s = " ".join(out)
        return s[0].upper() + s[1:] + rng.choice([".", ".", ".", "?", "!"])

    def passage(self) -> str:
        r = self.rng.random()
        n = 1 if r < 0.15 else 2 if r < 0.35 else self.rng.randint(3, 9) if r < 0.95 else self.rng.randint(10, 25)
        return " ".join(self.sentence() for _ in range(n))


def variant(text: str, rng: random.Random) -> str:
    """An exact copy as a reader sees it: case, quotes, spacing, homoglyphs, a furniture line."""
    t = text
    if rng.random() < 0.3:
        t = t.upper()
    if rng.random() < 0.5:
        t = t.replace("'", "’")
    if rng.random() < 0.5:
        t = re.sub(" ", lambda m: "  " if rng.random() < 0.1 else " ", t)
    if rng.random() < 0.5:
        chars = list(t)
        for i in rng.sample(range(len(chars)), min(3, len(chars))):
            chars[i] = HOMOGLYPHS.get(chars[i], chars[i])
        t = "".join(chars)
    if rng.random() < 0.3:
        t = ".\n" + t
    return t


def edit_words(text: str, rate: float, gen: Generator) -> str:
    rng = gen.rng
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < rate / 3:
            continue  # delete
        if r < 2 * rate / 3:
            out.append(gen.word())  # substitute
            continue
        out.append(w)
        if r < rate:
            out.append(gen.word())  # insert
    return " ".join(out)


def build_corpus(n_base: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    gen = Generator(seed)
    rng = gen.rng
    docs: list[list[tuple[str, str, int]]] = []  # per document: (text, kind, source uid)
    uid = 0
    base: list[tuple[int, int, str]] = []  # (doc, position, text)
    while uid < n_base:
        n = rng.randint(5, 60)
        d = []
        for _ in range(n):
            t = gen.passage()
            d.append((t, "base", uid))
            base.append((len(docs), len(d) - 1, t))
            uid += 1
        docs.append(d)
    plan = {"exact": n_base // 30, "truncated": n_base // 30, "edit5": n_base // 50, "edit10": n_base // 50,
            "edit20": n_base // 50, "reorder": n_base // 60, "block": n_base // 200}
    inserts: list[tuple[int, list[tuple[str, str, int]]]] = []
    long_enough = [b for b in range(len(base)) if len(base[b][2].split()) >= 16]
    multi = [b for b in range(len(base)) if len(re.findall(r"[.?!]( |$)", base[b][2])) >= 3]
    for kind, count in plan.items():
        for _ in range(count):
            if kind == "block":
                d = rng.randrange(len(docs))
                if len(docs[d]) < 4:
                    continue
                k = rng.randint(3, min(6, len(docs[d])))
                s = rng.randrange(0, len(docs[d]) - k + 1)
                run = [(variant(t, rng) if rng.random() < 0.3 else t, "block", u) for t, _, u in docs[d][s:s + k]]
                inserts.append((rng.randrange(len(docs)), run))
                continue
            src = rng.choice(long_enough if kind != "reorder" else multi)
            text = base[src][2]
            if kind == "exact":
                new = variant(text, rng)
            elif kind == "truncated":
                w = text.split()
                n = max(12, int(len(w) * rng.uniform(0.3, 0.8)))
                s = rng.randrange(0, len(w) - n + 1)
                new = " ".join(w[s:s + n])
            elif kind.startswith("edit"):
                new = edit_words(text, int(kind[4:]) / 100, gen)
            else:
                sents = re.split(r"(?<=[.?!]) ", text)
                while True:
                    rng.shuffle(sents)
                    if " ".join(sents) != text:
                        break
                new = " ".join(sents)
            inserts.append((rng.randrange(len(docs)), [(new, kind, src)]))
    for d, run in inserts:
        pos = rng.randrange(len(docs[d]) + 1)
        docs[d][pos:pos] = run
    prows, drows, truth = [], [], []
    for i, d in enumerate(docs):
        doc_id = f"d{i:07d}"
        pos = 0
        for seq, (t, kind, src) in enumerate(d):
            pid = f"{doc_id}-p{seq:05d}"
            prows.append((pid, doc_id, seq, pos, pos + len(t), t))
            truth.append((pid, kind, src))
            pos += len(t) + 2
        drows.append((doc_id, f"gen/{i:07d}.txt", None, pos))
    passages = pd.DataFrame(prows, columns=["passage_id", "doc_id", "seq", "char_start", "char_end", "text"])
    documents = pd.DataFrame(drows, columns=["doc_id", "source_path", "published_iso", "n_chars"])
    return passages, documents, {"truth": truth, "plan": plan}


# -- the two methods (each in its own process) --------------------------------

def run_stage(passages: pd.DataFrame, documents: pd.DataFrame) -> list[list[str]]:
    from pipeline.dedup.params import DedupParams
    from pipeline.dedup.flow import run_dedup

    tables = run_dedup(passages, documents, DedupParams())
    return [list(x) for x in tables["clusters"]["passage_ids"]]


def run_baseline(passages: pd.DataFrame, documents: pd.DataFrame) -> list[list[str]]:
    from datasketch import MinHash, MinHashLSH

    from pipeline.dedup.merge import UnionFind
    from pipeline.text.normalize import normalize_for_match, tokens

    ids = passages["passage_id"].tolist()
    shingles = []
    keep = []
    for i, t in enumerate(passages["text"].tolist()):
        norm = normalize_for_match(t)
        w = tokens(norm)
        if len(norm) < 20 or len(w) < 3:
            continue
        keep.append(i)
        shingles.append([" ".join(w[j:j + 3]).encode() for j in range(max(1, len(w) - 2))])
    mhs = MinHash.bulk(shingles, num_perm=128)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for i, m in zip(keep, mhs):
        lsh.insert(i, m, check_duplication=False)
    pos = {i: k for k, i in enumerate(keep)}
    uf = UnionFind(np.arange(len(ids)))
    for i, m in zip(keep, mhs):
        for j in lsh.query(m):
            if j != i and uf.find(i) != uf.find(j) and m.jaccard(mhs[pos[j]]) >= 0.5:
                uf.union(i, j)
    return _components(uf.roots(), ids)


def _components(roots: np.ndarray, ids: list[str]) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for i, r in enumerate(roots):
        groups.setdefault(int(r), []).append(ids[i])
    return [g for g in groups.values() if len(g) >= 2]


def child(method: str, corpus_path: str, out_path: str) -> None:
    with open(corpus_path, "rb") as fh:
        passages, documents = pickle.load(fh)
    started, cpu_started = time.perf_counter(), _cpu()
    clusters = run_stage(passages, documents) if method == "stage" else run_baseline(passages, documents)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux: KiB)
    with open(out_path, "w") as fh:
        json.dump({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak, "clusters": clusters}, fh)


def _cpu() -> float:
    """CPU seconds of this process (user + system): less sensitive than wall time
    to other work on a shared machine."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# -- scoring ------------------------------------------------------------------

def score(clusters: list[list[str]], truth: list[tuple[str, str, int]]) -> dict:
    kind_of = {pid: k for pid, k, _ in truth}
    group_of = {pid: src for pid, _, src in truth}  # a base passage's uid is its own group
    where: dict[str, set[int]] = collections.defaultdict(set)
    for ci, c in enumerate(clusters):
        for p in c:
            where[p].add(ci)
    base_pid = {src: pid for pid, k, src in truth if k == "base"}
    rec: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for pid, kind, src in truth:
        if kind == "base":
            continue
        rec[kind][1] += 1
        if where[pid] & where[base_pid[src]]:
            rec[kind][0] += 1
    prec: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for c in clusters:
        head = c[0]
        for p in c[1:]:
            k = kind_of[p] if kind_of[p] != "base" else kind_of[head]
            ok = group_of[p] == group_of[head]
            prec[k][1] += 1
            prec[k][0] += ok
            prec["all"][1] += 1
            prec["all"][0] += ok
    out = {}
    for k in KINDS + ["base", "all"]:
        r = rec.get(k)
        p = prec.get(k)
        out[k] = {"recall": r[0] / r[1] if r and r[1] else None, "n": r[1] if r else 0,
                  "precision": p[0] / p[1] if p and p[1] else None, "links": p[1] if p else 0}
    tot = [sum(rec[k][0] for k in rec), sum(rec[k][1] for k in rec)]
    out["all"]["recall"] = tot[0] / tot[1] if tot[1] else None
    return out


def run_child(method: str, passages: pd.DataFrame, documents: pd.DataFrame, tmp: Path) -> dict:
    """One method on one corpus in a process of its own: seconds, CPU seconds, peak MB, clusters."""
    cpath, out = tmp / "corpus.pkl", tmp / f"{method}.json"
    with open(cpath, "wb") as fh:
        pickle.dump((passages, documents), fh, protocol=pickle.HIGHEST_PROTOCOL)
    subprocess.run([sys.executable, __file__, "--run", method, "--corpus", str(cpath), "--out", str(out)],
                   check=True)
    return json.loads(out.read_text())


def scale(sizes: list[int]) -> int:
    """The stage alone on corpora of several sizes (same generator and seed): time, CPU time and
    peak memory per size, and the exponent of each step (log time ratio / log size ratio; 1 is
    linear), measured in the same run."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for base in sizes:
            passages, documents, _ = build_corpus(base)
            res = run_child("stage", passages, documents, Path(tmp))
            rows.append((len(passages), passages["text"].str.len().sum() / 2**20, res))
            print(f"{len(passages):>10,} passages ({rows[-1][1]:.0f} MB): {res['seconds']:.1f} s, "
                  f"CPU {res['cpu_seconds']:.1f} s, peak {res['peak_mb']:,.0f} MB", flush=True)
    for (n1, _, r1), (n2, _, r2) in zip(rows, rows[1:]):
        k = math.log(n2 / n1)
        print(f"{n1:,} -> {n2:,} passages: time exponent {math.log(r2['seconds'] / r1['seconds']) / k:.2f}, "
              f"CPU {math.log(r2['cpu_seconds'] / r1['cpu_seconds']) / k:.2f}, "
              f"memory {math.log(r2['peak_mb'] / r1['peak_mb']) / k:.2f} (target: time <= 1.15)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=int, default=200_000, help="base passages before injection")
    ap.add_argument("--run", choices=["stage", "baseline"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--scale", help="comma-separated base sizes: run the stage alone at each and print how "
                                    "its time grows (issue 16: exponent <= 1.15 between 30k and 100k)")
    args = ap.parse_args()
    if args.run:
        child(args.run, args.corpus, args.out)
        return 0
    if args.scale:
        return scale([int(x) for x in args.scale.split(",")])
    t = time.perf_counter()
    passages, documents, meta = build_corpus(args.base)
    print(f"corpus: {len(passages):,} passages in {len(documents):,} documents, "
          f"{passages['text'].str.len().sum() / 2**20:.0f} MB of text, built in {time.perf_counter() - t:.0f}s; "
          f"injected: {', '.join(f'{k} {v}' for k, v in meta['plan'].items())} (block = runs of 3-6)")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for method in ("stage", "baseline"):
            res = run_child(method, passages, documents, Path(tmp))
            res["score"] = score(res.pop("clusters"), meta["truth"])
            results[method] = res
    n = len(passages)
    print(f"\n{'':22}{'dedup stage':>16}{'MinHashLSH':>16}{'ratio':>10}")
    s, b = results["stage"], results["baseline"]
    print(f"{'seconds':22}{s['seconds']:16.1f}{b['seconds']:16.1f}{b['seconds'] / s['seconds']:9.2f}x")
    print(f"{'CPU seconds':22}{s['cpu_seconds']:16.1f}{b['cpu_seconds']:16.1f}"
          f"{b['cpu_seconds'] / s['cpu_seconds']:9.2f}x")
    print(f"{'passages / second':22}{n / s['seconds']:16,.0f}{n / b['seconds']:16,.0f}")
    print(f"{'peak memory (MB)':22}{s['peak_mb']:16,.0f}{b['peak_mb']:16,.0f}{s['peak_mb'] / b['peak_mb']:9.2f}x")
    print(f"\n{'kind':10}{'copies':>8}  {'recall stage/base':>20}  {'precision stage/base':>22}")
    fmt = lambda x: "   -" if x is None else f"{x:.3f}"  # noqa: E731
    for k in KINDS + ["base", "all"]:
        ss, bb = s["score"][k], b["score"][k]
        print(f"{k:10}{ss['n']:8,}  {fmt(ss['recall']):>9} / {fmt(bb['recall']):<8}  "
              f"{fmt(ss['precision']):>10} / {fmt(bb['precision']):<9}")
    print("\n(precision by the kind of the passage linked; 'base' = links between two generated passages, "
          "i.e. false merges of unrelated text)")
    if args.json:
        Path(args.json).write_text(json.dumps({"passages": n, **results}, indent=2))
    ok = all((s["score"][k]["precision"] or 1) >= 0.98 and (s["score"][k]["recall"] or 0) >= 0.95
             for k in ("exact", "truncated"))
    print(f"\ntarget (exact, truncated: precision >= 0.98, recall >= 0.95): {'met' if ok else 'NOT met'}; "
          f"peak memory <= 2048 MB: {'met' if s['peak_mb'] <= 2048 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
