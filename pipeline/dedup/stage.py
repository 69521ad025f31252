"""The dedup stage as pure functions: ingest tables in, repeat tables out.

Steps (the flow runs the per-partition ones as parallel Prefect tasks):

1. `order_passages`: every passage gets `gi`, its place in a global order
   (documents by publication date, then path; passages by seq). The earliest
   passage of a group is always its canonical one.
2. `prepare` (per partition, signatures.py): normalise, key, tokenise,
   sample shingles.
3. `exact_groups` (global): passages with the same normalised text.
4. `candidate_pairs` (per slice of pairs, candidates.py): candidate pairs
   from the shingle index, representatives of exact groups only.
5. `verify_pairs` (per chunk of candidates, verify.py): near, contained and
   quoted links.
6. `finish` (global): union-find over member links, reworded copies next to
   other repeats, canonical passages, similarity to the canonical, quoted
   occurrences, blocks, per-document shares, and the tables.

The flow (flow.py, `run_phases`) runs them in order: the per-partition steps
as tasks on the task runner, or in one process for tests and the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
from rapidfuzz.distance import Indel

from pipeline.contract import dedup as contract
from pipeline.dedup.arrays import sorted_unique
from pipeline.dedup.blocks import find_blocks
from pipeline.dedup.candidates import entry_passages, posting_lists
from pipeline.dedup.merge import UnionFind, idf_weights, reworded_links
from pipeline.dedup.params import DedupParams
from pipeline.dedup.signatures import Prepared
from pipeline.dedup.verify import LINK_COLUMNS, token_char_spans

# the tables this stage writes, as the contract declares them (pipeline/contract/dedup.py)
PASSAGES = contract.PASSAGES.schema
CLUSTERS = contract.CLUSTERS.schema
OCCURRENCES = contract.OCCURRENCES.schema
LINKS = contract.LINKS.schema
BLOCKS = contract.BLOCKS.schema
SHARES = contract.REPEATED_SHARE.schema
TABLES = {name: table.schema for name, table in contract.TABLES.items()}
METHOD_RANK = {"exact": 0, "near": 1, "shingles": 2, "contained": 3, "reworded": 4}


def order_passages(passages: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Passages in global order with `gi` and `doc_index` (documents by
    publication date, undated last, then source path)."""
    docs = documents[["doc_id", "source_path"]].copy()
    pub = documents["published_iso"] if "published_iso" in documents else pd.Series([None] * len(docs))
    docs["order_date"] = pub.fillna("9999").astype(str).values
    docs = docs.sort_values(["order_date", "source_path", "doc_id"], kind="stable").reset_index(drop=True)
    docs["doc_index"] = np.arange(len(docs), dtype=np.int64)
    out = passages.merge(docs[["doc_id", "doc_index", "source_path"]], on="doc_id", how="left")
    missing = out["doc_index"].isna()
    if missing.any():  # passages of an unknown document go last, by doc_id
        extra = {d: len(docs) + i for i, d in enumerate(sorted(out.loc[missing, "doc_id"].unique()))}
        out.loc[missing, "doc_index"] = out.loc[missing, "doc_id"].map(extra)
    out["doc_index"] = out["doc_index"].astype(np.int64)
    out = out.sort_values(["doc_index", "seq"], kind="stable").reset_index(drop=True)
    out["gi"] = np.arange(len(out), dtype=np.int64)
    return out


def partition_ranges(n: int, size: int) -> list[tuple[int, int]]:
    return [(s, min(n, s + size)) for s in range(0, n, size)]


@dataclass
class Corpus:
    """All partitions' signatures side by side, indexed by gi."""

    key: np.ndarray
    eligible: np.ndarray
    n_tokens: np.ndarray
    n_alpha: np.ndarray
    n_sel: np.ndarray
    cstart: np.ndarray
    cend: np.ndarray
    tokstr: list[str]
    df_cp: np.ndarray
    df_n: np.ndarray
    numeric_cp: np.ndarray

    @classmethod
    def combine(cls, parts: Sequence[Prepared]) -> "Corpus":
        parts = sorted(parts, key=lambda p: p.gi_start)
        cat = lambda name, dt: np.concatenate([getattr(p, name) for p in parts]) if parts else np.zeros(0, dt)  # noqa: E731
        df_cp, df_n = cat("df_cp", np.uint32), cat("df_n", np.int64)
        if len(df_cp):
            df_cp, inv = np.unique(df_cp, return_inverse=True)
            df_n = np.bincount(inv, weights=df_n).astype(np.int64)
        tokstr: list[str] = []
        for p in parts:
            tokstr.extend(p.tokstr)
        return cls(cat("key", np.uint64), cat("eligible", bool), cat("n_tokens", np.int32),
                   cat("n_alpha", np.int32), cat("n_sel", np.int32), cat("cstart", np.int32),
                   cat("cend", np.int32), tokstr, df_cp, df_n,
                   sorted_unique(cat("numeric_cp", np.uint32)))


def posting_lists_of(parts: list[Prepared], rep: np.ndarray, n_total: int, max_df: int):
    """The candidate index of all partitions (representatives of exact groups
    only, so copies do not pair with each other) as `posting_lists`. Each
    partition's entries are copied into one array and then dropped, and that
    array is freed once the lists are extracted."""
    keeps = []
    for p in parts:
        gi = entry_passages(p.entries, n_total)
        keeps.append(rep[gi] == gi)
        del gi
    packed = np.empty(int(sum(int(k.sum()) for k in keeps)), dtype=np.uint64)
    pos = 0
    for p, keep in zip(parts, keeps):
        m = int(keep.sum())
        packed[pos:pos + m] = p.entries[keep]
        pos += m
        p.drop_index()
    del keeps
    packed.sort()
    return posting_lists(packed, n_total, max_df)


def finish(ordered: pd.DataFrame, documents: pd.DataFrame, corpus: Corpus, rep: np.ndarray,
           links: pd.DataFrame, params: DedupParams, texts: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
    """The global merge and every output table (`texts`: ordered["text"] as a list, if the caller has it)."""
    n = len(ordered)
    pid = ordered["passage_id"].to_numpy(dtype=object)
    doc = ordered["doc_index"].to_numpy(dtype=np.int64)
    uf = UnionFind(np.where(rep >= 0, rep, np.arange(n)))
    links = links.copy()
    members = links[links["member"].astype(bool)] if len(links) else links
    for a, b in zip(members["a"], members["b"]):
        uf.union(int(a), int(b))

    def clustered() -> np.ndarray:
        roots = uf.roots()
        return np.bincount(roots, minlength=n)[roots] >= 2

    idf = idf_weights(corpus.df_cp, corpus.df_n, corpus.numeric_cp, int(corpus.eligible.sum()))
    reworded = reworded_links(uf, clustered, doc, rep, corpus.tokstr, idf, params)
    if reworded:
        extra = pd.DataFrame([(a, b, "reworded", s, None, True, min(a, b), max(a, b), None, None)
                              for a, b, s in reworded], columns=LINK_COLUMNS)
        links = pd.concat([links, extra], ignore_index=True) if len(links) else extra
    root = uf.roots()
    size = np.bincount(root, minlength=n)
    is_member = size[root] >= 2
    blocks = find_blocks(root, is_member, doc, np.arange(n), params.block_gap, params.block_reorder)

    # quoted occurrences: the inner passage's cluster occurs inside every copy of the outer passage
    quoted = links[~links["member"].astype(bool)] if len(links) else links
    occ_quoted: list[tuple] = []  # (root of inner, outer gi, similarity, tok_start, tok_end)
    if len(quoted):
        copies_of = _copies_by_text(rep)
        for inner, outer, containment, tok_start, tok_end in zip(
                *(quoted[c].tolist() for c in ("inner", "outer", "containment", "outer_tok_start", "outer_tok_end"))):
            inner, outer = int(inner), int(outer)
            ri = root[inner]
            if root[outer] == ri:
                continue
            for o in copies_of(outer):
                occ_quoted.append((ri, o, float(containment), int(tok_start), int(tok_end)))
    has_quotes = np.zeros(n, dtype=bool)
    for ri, *_ in occ_quoted:
        has_quotes[ri] = True
    in_cluster = is_member | has_quotes[root]

    # per passage
    if texts is None:
        texts = ordered["text"].tolist()
    cluster_of = np.where(in_cluster, root, -1)
    cid = {int(r): f"c{pid[r]}" for r in sorted_unique(cluster_of[cluster_of >= 0])}
    best_method: dict[int, str] = {}
    for a, b, method in zip(*(members[c].tolist() for c in ("a", "b", "method"))) if len(members) else []:
        for g in (int(a), int(b)):
            if METHOD_RANK.get(method, 9) < METHOD_RANK.get(best_method.get(g, ""), 9):
                best_method[g] = method
    for a, b, _ in reworded:
        for g in (a, b):
            best_method.setdefault(g, "reworded")
    per = passage_columns(pid, root, rep, in_cluster, corpus, cid, best_method)
    out = ordered[["passage_id", "doc_id", "seq", "char_start", "char_end", "text"]].copy()
    for c in per.columns:
        out[c] = per[c].values
    out["eligible"] = corpus.eligible
    out["n_words"] = corpus.n_tokens
    out["norm_key"] = [f"{int(k):016x}" if e else None for k, e in zip(corpus.key, corpus.eligible)]

    # occurrences
    cstart, cend = corpus.cstart, corpus.cend
    starts = ordered["char_start"].to_numpy(np.int64)
    ends = ordered["char_end"].to_numpy(np.int64)
    seqs = ordered["seq"].to_numpy(np.int64)
    doc_ids = ordered["doc_id"].to_numpy(dtype=object)
    occ_rows = []
    is_canon_l = per["is_canonical"].tolist()
    sim_l = per["similarity"].tolist()
    method_l = per["method"].tolist()
    figs_l = per["figures_differ"].tolist()
    for gi in np.flatnonzero(in_cluster):
        gi = int(gi)
        rel = "canonical" if is_canon_l[gi] else method_l[gi]
        occ_rows.append((cid[int(root[gi])], pid[gi], doc_ids[gi], seqs[gi], rel, sim_l[gi],
                         starts[gi], ends[gi], False, gi))
    quotes_of: dict[int, list[str]] = {}
    seen = set()
    word_spans: dict[int, np.ndarray] = {}

    def spans_of(gi: int, region: str) -> np.ndarray:
        """The words of a passage's content region, (start, end) per word (many links and quotes
        point into one passage: made once, kept compact)."""
        if gi not in word_spans:
            word_spans[gi] = np.array(token_char_spans(region), dtype=np.int64).reshape(-1, 2)
        return word_spans[gi]

    for ri, o, score, ts, te in occ_quoted:
        if (ri, o) in seen:
            continue
        seen.add((ri, o))
        region = texts[o][int(cstart[o]):int(cend[o])]
        spans = spans_of(o, region)
        base = starts[o] + int(cstart[o])
        if len(spans) == int(corpus.n_tokens[o]) and 0 <= ts < te <= len(spans):
            cs, ce, approx = base + int(spans[ts, 0]), base + int(spans[te - 1, 1]), False
        else:
            ntok = max(1, int(corpus.n_tokens[o]))
            cs = base + int(len(region) * ts / ntok)
            ce = base + int(len(region) * te / ntok)
            approx = True
        occ_rows.append((cid[int(ri)], pid[o], doc_ids[o], seqs[o], "quoted", score, cs, ce, approx, o))
        quotes_of.setdefault(o, []).append(cid[int(ri)])
    occ_rows.sort(key=lambda r: (r[0], r[9], r[4] == "quoted"))
    out["quotes_cluster_ids"] = pd.Series([sorted(set(quotes_of.get(gi, []))) for gi in range(n)],
                                          index=out.index, dtype=object)

    # clusters
    cl_rows = []
    i = 0
    while i < len(occ_rows):
        j = i
        while j < len(occ_rows) and occ_rows[j][0] == occ_rows[i][0]:
            j += 1
        group = occ_rows[i:j]
        mem = [r for r in group if r[4] != "quoted"]
        quo = [r for r in group if r[4] == "quoted"]
        canon_gi = next(r[9] for r in mem if r[4] == "canonical")
        kind = "exact" if all(method_l[r[9]] == "exact" for r in mem) else "near"
        passage_ids = list(dict.fromkeys([r[1] for r in mem] + [r[1] for r in quo]))
        docs_ = list(dict.fromkeys(r[2] for r in group))
        text = texts[canon_gi]
        cl_rows.append((group[0][0], pid[canon_gi], kind, len(passage_ids), len(mem), len(docs_), docs_,
                        passage_ids, list(dict.fromkeys(r[1] for r in quo)),
                        float(min(r[5] for r in group)), any(figs_l[r[9]] for r in mem),
                        len(text), text[:200]))
        i = j
    clusters = pd.DataFrame(cl_rows, columns=CLUSTERS.names)
    occ = pd.DataFrame([r[:9] for r in occ_rows], columns=OCCURRENCES.names)
    del cl_rows, occ_rows, per, is_canon_l, sim_l, method_l, figs_l

    # blocks (their copies were found before the rows were assembled, which hold far more memory)
    bl_rows = []
    block_of: dict[int, str] = {}
    for copies in blocks:
        bid = f"b{pid[copies[0][1]]}"
        for i, (d, lo, hi) in enumerate(copies):
            bl_rows.append((bid, i, len(copies), doc_ids[lo], seqs[lo], seqs[hi], starts[lo], ends[hi],
                            hi - lo + 1, list(pid[lo:hi + 1])))
            for g in range(lo, hi + 1):
                block_of.setdefault(g, bid)
    blocks_df = pd.DataFrame(bl_rows, columns=BLOCKS.names)
    out["block_id"] = pd.Series([block_of.get(g) for g in range(n)], index=out.index, dtype=object)

    # links (between representatives)
    link_rows = []
    for a, b, method, similarity, containment, member, inner, outer, tok_start, tok_end in zip(
            *(links[c].tolist() for c in LINK_COLUMNS)):
        a, b, inner, outer = int(a), int(b), int(inner), int(outer)
        cs = ce = None
        if method in ("contained", "quoted") and tok_start is not None and not pd.isna(tok_start):
            region = texts[outer][int(cstart[outer]):int(cend[outer])]
            spans = spans_of(outer, region)
            ts, te = int(tok_start), int(tok_end)
            if len(spans) == int(corpus.n_tokens[outer]) and 0 <= ts < te <= len(spans):
                base = starts[outer] + int(cstart[outer])
                cs, ce = base + int(spans[ts, 0]), base + int(spans[te - 1, 1])
        link_rows.append((pid[min(a, b)], pid[max(a, b)], method, float(similarity),
                          None if containment is None or pd.isna(containment) else float(containment),
                          bool(member), pid[inner] if method in ("contained", "quoted") else None, cs, ce))
    links_out = pd.DataFrame(link_rows, columns=LINKS.names).sort_values(
        ["passage_a", "passage_b"], kind="stable").reset_index(drop=True)
    del link_rows, word_spans

    shares = document_shares(out, occ, documents)
    return {"passages": out, "clusters": clusters, "occurrences": occ, "links": links_out,
            "blocks": blocks_df, "repeated_share": shares}


def passage_columns(pid: np.ndarray, root: np.ndarray, rep: np.ndarray, in_cluster: np.ndarray, corpus: Corpus,
                    cid: dict[int, str], best_method: dict[int, str]) -> pd.DataFrame:
    """Each passage's cluster columns, computed a column at a time (a pile has hundreds of thousands of
    passages; only the near members of clusters, few, are compared one by one). A passage is either
    in no cluster (unique), its cluster's root (canonical: exact when its text has copies), a copy of
    the root's very text (exact), or a near member, whose similarity to the root is worked out on
    the token strings of its own text's representative."""
    n = len(pid)
    gi = np.arange(n)
    own = np.where(rep >= 0, rep, gi)          # the representative of its text
    is_root = gi == root
    same_text = (corpus.key == corpus.key[root]) & (rep >= 0) & (rep[root] >= 0)
    unique = ~in_cluster
    canonical = in_cluster & is_root
    copy = in_cluster & ~is_root & same_text
    near = in_cluster & ~is_root & ~same_text
    group_size = np.bincount(rep[rep >= 0], minlength=n)
    roots_exact = canonical & (group_size >= 2)

    cluster_id = np.full(n, None, dtype=object)
    at = np.flatnonzero(in_cluster)
    cluster_id[at] = [cid[r] for r in root[at].tolist()]
    match = np.full(n, "exact", dtype=object)
    match[unique] = "unique"
    match[canonical & ~roots_exact] = "near"
    match[near & (own == gi)] = "near"
    similarity = np.full(n, np.nan)
    similarity[canonical | copy] = 1.0
    method = np.full(n, "exact", dtype=object)
    method[unique] = None
    for g in np.flatnonzero(canonical & ~roots_exact).tolist():
        method[g] = best_method.get(g, "near")
    figures = np.zeros(n, dtype=bool)
    numeric = frozenset(chr(c) for c in corpus.numeric_cp.tolist())
    tokstr = corpus.tokstr
    sim_cache: dict[tuple[int, int], float] = {}
    for g, o, r in zip(*(x[near].tolist() for x in (gi, own, root))):
        if (o, r) not in sim_cache:
            sim_cache[o, r] = Indel.normalized_similarity(tokstr[o], tokstr[r])
        similarity[g] = sim_cache[o, r]
        method[g] = best_method.get(o, "near")
        figures[g] = numeric.intersection(tokstr[o]) != numeric.intersection(tokstr[r])
    return pd.DataFrame({
        "cluster_id": cluster_id, "canonical_passage_id": np.where(in_cluster, pid[root], pid),
        "is_canonical": unique | canonical, "match": match, "similarity": similarity, "method": method,
        "exact_of": pid[own], "skip_downstream": copy | (near & (own != gi)), "figures_differ": figures})


def _copies_by_text(rep: np.ndarray):
    """copies_of(gi): every passage whose text is the same as the representative gi's (gi itself
    included), in order; the passages grouped by representative once."""
    order = np.argsort(rep, kind="stable")
    grouped = rep[order]

    def copies_of(gi: int) -> list[int]:
        lo, hi = np.searchsorted(grouped, [gi, gi + 1])
        return order[lo:hi].tolist()
    return copies_of


def union_lengths(group: np.ndarray, start: np.ndarray, end: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group (0 .. n_groups - 1): the length of the union of its intervals [start, end)."""
    out = np.zeros(n_groups, np.int64)
    if not len(group):
        return out
    order = np.lexsort((end, start, group))
    g, s, e = group[order], start[order].astype(np.int64), end[order].astype(np.int64)
    first = np.ones(len(g), dtype=bool)
    first[1:] = g[1:] != g[:-1]
    # the furthest end so far within the group: ends lifted by the group's number never cross groups
    lift = g.astype(np.int64) * (int(max(e.max(), s.max())) + 1)
    reach = np.maximum.accumulate(e + lift) - lift
    before = np.empty(len(g), np.int64)
    before[1:] = reach[:-1]
    opens = first | (s > before)            # an interval that begins a run of overlapping ones
    run = np.cumsum(opens) - 1
    run_start = s[opens]
    run_end = np.zeros(len(run_start), np.int64)
    np.maximum.at(run_end, run, e)
    np.add.at(out, g[opens], run_end - run_start)
    return out


def document_shares(passages: pd.DataFrame, occ: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per document: how many characters also occur elsewhere, and how many repeat an earlier occurrence."""
    docs = documents.sort_values("source_path")
    doc_ids = docs["doc_id"].tolist()
    index = pd.Index(doc_ids)
    n = len(doc_ids)
    at = index.get_indexer(occ["doc_id"])
    known = at >= 0
    at = at[known]
    starts = occ["char_start"].to_numpy(np.int64)[known]
    ends = occ["char_end"].to_numpy(np.int64)[known]
    copies = (occ["relation"] != "canonical").to_numpy(bool)[known]
    repeated = union_lengths(at, starts, ends, n)
    copied = union_lengths(at[copies], starts[copies], ends[copies], n)
    n_rep = occ[known].groupby("doc_id")["passage_id"].nunique().reindex(index, fill_value=0).to_numpy()
    skipped = passages.loc[passages["skip_downstream"].astype(bool)].groupby("doc_id").size()
    n_skipped = skipped.reindex(index, fill_value=0).to_numpy()
    n_pass = passages.groupby("doc_id").size().reindex(index, fill_value=0).to_numpy()
    n_chars = docs["n_chars"].fillna(0).astype("int64").to_numpy() if "n_chars" in docs else np.zeros(n, np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        rep_share = np.where(n_chars > 0, repeated / np.where(n_chars > 0, n_chars, 1), 0.0)
        copy_share = np.where(n_chars > 0, copied / np.where(n_chars > 0, n_chars, 1), 0.0)
    return pd.DataFrame({
        name: values for name, values in zip(SHARES.names, (
            doc_ids, docs["source_path"].tolist(), n_chars.astype(int), n_pass.astype(int), n_rep.astype(int),
            repeated.astype(int), rep_share, copied.astype(int), copy_share, n_skipped.astype(int)))})
