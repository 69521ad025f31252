"""The global merge: exact groups, union-find over member links, and reworded
copies found next to other repeats.

Passages are numbered by `gi`, their global order (documents in order, then
`seq`); the earliest passage of a group is its representative, so every
choice below is deterministic and independent of how the work was split.
"""

from __future__ import annotations

import math
from itertools import repeat
from typing import Callable, Iterator, Sequence

import numpy as np
import pandas as pd

from pipeline.dedup.arrays import first_of_runs, sorted_union, sorted_unique, sorted_unique_counts


class UnionFind:
    """Union-find whose root is always the smallest member (the earliest passage). The parents are
    a Python list: find and union run one pair at a time, where reading a numpy array's scalars
    costs several times as much; `roots` works on all of them at once as an array."""

    def __init__(self, parent: np.ndarray):
        self.parent: list[int] = np.asarray(parent, np.int64).tolist()

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return int(root)

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def roots(self) -> np.ndarray:
        """Root of every node (vectorised pointer jumping; also compresses the paths)."""
        p = np.asarray(self.parent, np.int64)
        while True:
            pp = p[p]
            if np.array_equal(pp, p):
                break
            p = pp
        self.parent = p.tolist()
        return p


def exact_groups(key: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """rep[gi]: the earliest passage with the same normalised text; -1 if not eligible."""
    n = len(key)
    rep = np.full(n, -1, dtype=np.int64)
    idx = np.flatnonzero(eligible)
    if not len(idx):
        return rep
    k = key[idx]
    order = np.lexsort((idx, k))
    k, members = k[order], idx[order]
    first = np.ones(len(k), dtype=bool)
    first[1:] = k[1:] != k[:-1]
    heads = members[first]
    rep[members] = np.repeat(heads, np.diff(np.append(np.flatnonzero(first), len(k))))
    return rep


def within_cluster_pairs(root: np.ndarray, clustered: np.ndarray, cap: int) -> np.ndarray:
    """Pairs (x < y) of passages in the same cluster; in big clusters each
    passage pairs only with the first `cap` ones (bounded work). Clusters in
    root order, then by first passage, then by second (vectorised)."""
    idx = np.flatnonzero(clustered)
    if not len(idx):
        return np.zeros((0, 2), np.int64)
    r = root[idx]
    order = np.lexsort((idx, r))
    r, members = r[order], idx[order]
    first = np.ones(len(r), dtype=bool)
    first[1:] = r[1:] != r[:-1]
    starts = np.flatnonzero(first)
    sizes = np.diff(np.append(starts, len(r)))
    # the i-th member of a cluster (i < cap) pairs with every member after it
    heads = np.minimum(sizes, cap)
    head_pos = np.repeat(starts, heads) + _ranges_from_zero(heads)
    after = np.repeat(starts + sizes, heads) - head_pos - 1
    left = np.repeat(head_pos, after)
    right = left + 1 + _ranges_from_zero(after)
    if not len(left):
        return np.zeros((0, 2), np.int64)
    return np.stack([members[left], members[right]], axis=1)


def _ranges_from_zero(sizes: np.ndarray) -> np.ndarray:
    """Concatenated aranges [0, size) (vectorised)."""
    total = int(sizes.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def idf_weights(df_cp: np.ndarray, df_n: np.ndarray, numeric_cp: np.ndarray,
                n_passages: int) -> dict[str, float]:
    """Inverse document frequency per token (the token's character in the token
    strings); figures weigh nothing (reprints change figures, look-alikes share them)."""
    w = {chr(c): math.log((n_passages + 1) / (d + 1)) + 1e-3
         for c, d in zip(df_cp.tolist(), df_n.tolist())}
    for c in numeric_cp.tolist():
        w[chr(c)] = 0.0
    return w


CHUNK_PAIRS = 50_000  # aligned pairs whose neighbourhoods are expanded at once (~20 MB per array)


def reworded_links(uf: UnionFind, clustered: Callable[[], np.ndarray], doc: np.ndarray,
                   rep: np.ndarray, tokstr: Sequence[str], idf: dict[int, float], params,
                   cap: int = 20, max_rounds: int = 8) -> list[tuple]:
    """Reworded copies: pairs of passages that sit next to aligned repeats in
    the same two documents (within `reworded_window` positions of at least two
    of them) and share enough weighted content words.

    Content words alone cannot tell a re-translated paragraph from a look-alike
    that shares names and figures; a reprinted context can. Accepted pairs
    become anchors for the next round, so a reworded stretch is found from its
    edges inwards. Only the gaps of an alignment are searched (`_neighbour_keys`): a passage whose copy
    in the other document is known is not compared with that document's other passages, which share its
    names and places; and an aligned pair anchors only where its copies sit in two contexts (two
    documents, or more than 2 x window apart in one: a lede repeated as its caption is one context).

    Bounded work on a pile of many copies: the aligned pairs' neighbourhoods are
    expanded `CHUNK_PAIRS` pairs at a time, and a neighbour pair already in one
    cluster (most of them, where documents are copies of each other) is dropped
    there, before the support is counted. After the first round only the aligned
    pairs the last round did not have are expanded (a neighbour pair all of whose
    support was aligned before was scored then), and the support of what they reach
    is counted over every aligned pair (`_support`). The overlap of two texts is
    reckoned once however many copies of them sit side by side (it depends on the
    texts only: TextPairScores), and a round's pairs are scored at once.
    """
    w = params.reworded_window
    if w <= 0:
        return []
    n = len(doc)
    found: list[tuple] = []
    rejected = np.zeros(0, np.int64)  # sorted: pairs a round scored too low, never scored again
    scored = TextPairScores(tokstr, idf, params.reworded_min_words)
    d = np.arange(-w, w + 1)
    dx, dy = np.repeat(d, len(d)), np.tile(d, len(d))
    rep_of = rep.tolist()
    aligned_before: Alignment | None = None  # the last round's
    for _ in range(max_rounds):
        roots = uf.roots()
        alignment = Alignment(roots, clustered(), doc, cap, w)
        pairs = alignment.pairs()
        if not len(pairs):
            break
        copies = CopiesByDocument(roots, doc)
        # a pair no round has scored has a supporting aligned pair this round that the last did not have
        # (with all its support aligned before, it was scored then: it is rejected or in one cluster now)
        fresh = pairs if aligned_before is None else pairs[~aligned_before.contains(pairs[:, 0], pairs[:, 1])]
        good_keys, good_scores, low = [np.zeros(0, np.int64)], [np.zeros(0, np.float64)], [np.zeros(0, np.int64)]
        for part in _by_document_pair(fresh, doc, CHUNK_PAIRS):
            # a neighbour pair lies in the two documents of the aligned pairs it neighbours: the part
            # holds every aligned pair of its documents, so its counts are the pairs' whole support
            keys, support = sorted_unique_counts(_neighbour_keys(part, d, doc, rep, roots, copies))
            unscored = ~_in_sorted(rejected, keys)
            keys, support = keys[unscored], support[unscored]
            if aligned_before is not None:  # their support counts every aligned pair of this round, not only fresh ones
                support = _support(keys, alignment, dx, dy, doc)
            keys = keys[support >= 2]
            p_of, q_of = np.divmod(keys, n)
            score = scored.of(rep[p_of], rep[q_of], n)
            good = score >= params.reworded_threshold
            good_keys.append(keys[good])
            good_scores.append(score[good])
            low.append(keys[~good])
        aligned_before = alignment
        # a pair scored too low stays so: its texts do not change (and one this round's unions put in
        # one cluster is never a neighbour key again)
        rejected = sorted_union(rejected, np.concatenate(low))
        keys = np.concatenate(good_keys)
        order = np.argsort(keys, kind="stable")  # the pairs in order, whatever part found them
        p_of, q_of = np.divmod(keys[order], n)
        score = np.concatenate(good_scores)[order]
        accepted, touched = 0, set()
        root_of = roots.tolist()
        for p, q, s in zip(p_of.tolist(), q_of.tolist(), score.tolist()):
            # in different clusters when the round began; still so unless a union of this round touched
            # one of those clusters
            if (root_of[p] in touched or root_of[q] in touched) and uf.find(p) == uf.find(q):
                continue
            uf.union(p, q)
            touched.update((root_of[p], root_of[q]))
            found.append((rep_of[p], rep_of[q], s))
            accepted += 1
        if not accepted:
            break
    return found


class TextPairScores:
    """The content overlap of two texts (rep indices), reckoned once per pair of texts however many
    copies of them sit side by side. Kept as sorted arrays of pair keys and their scores, so millions
    of neighbour pairs look theirs up at once: a large one and a recent one that is merged into it
    when it has grown to a quarter of its size (adding a few pairs does not re-sort them all)."""

    def __init__(self, tokstr: Sequence[str], idf: dict[str, float], min_words: int):
        self.tokstr, self.get, self.min_words = tokstr, idf.get, min_words
        self.n_words = np.fromiter(map(len, tokstr), np.int64, len(tokstr))
        self.words: dict[int, tuple[set, float]] = {}  # text -> its content words and their weight
        empty = (np.zeros(0, np.int64), np.zeros(0, np.float64))
        self.tables = [empty, empty]  # (sorted pair keys, their scores): the large one, the recent one

    def of(self, a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
        """The score of each pair of texts (a[i], b[i])."""
        pair = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
        new = sorted_unique(pair)
        for keys, _ in self.tables:
            new = new[~_in_sorted(keys, new)]
        if len(new):
            self._add(new, self._scores(new, n))
        out = np.zeros(len(pair), np.float64)
        for keys, scores in self.tables:
            if len(keys):
                at = np.searchsorted(keys, pair).clip(max=len(keys) - 1)
                hit = keys[at] == pair
                out[hit] = scores[at[hit]]
        return out

    def _scores(self, new: np.ndarray, n: int) -> np.ndarray:
        a_new, b_new = np.divmod(new, n)
        short = np.minimum(self.n_words[a_new], self.n_words[b_new])
        long_ = np.maximum(self.n_words[a_new], self.n_words[b_new])
        comparable = (short >= self.min_words) & (short * 3 >= long_)  # else no reworded copy: 0
        values = np.zeros(len(new), np.float64)
        values[comparable] = np.fromiter(map(self._overlap, a_new[comparable].tolist(), b_new[comparable].tolist()),
                                         np.float64, int(comparable.sum()))
        return values

    def _add(self, keys: np.ndarray, scores: np.ndarray) -> None:
        (large_keys, large_scores), (recent_keys, recent_scores) = self.tables
        keys, scores = np.concatenate((recent_keys, keys)), np.concatenate((recent_scores, scores))
        if len(keys) * 4 > len(large_keys):  # the recent ones have grown: all into the large table
            keys, scores = np.concatenate((large_keys, keys)), np.concatenate((large_scores, scores))
            order = np.argsort(keys, kind="stable")
            self.tables = [(keys[order], scores[order]), (keys[:0], scores[:0])]
        else:
            order = np.argsort(keys, kind="stable")
            self.tables = [(large_keys, large_scores), (keys[order], scores[order])]

    def _overlap(self, ra: int, rb: int) -> float:
        """IDF-weighted share of the smaller text's content words found in the other (each text's words
        and weight reckoned once). Sums are exact (fsum): a set of str iterates in hash order, which
        Python randomises per process, and a plain float sum in that order changes its last bits from
        run to run (so DVC would see a changed table)."""
        words, get = self.words, self.get
        for r in (ra, rb):
            if r not in words:
                seen = set(self.tokstr[r])
                words[r] = (seen, math.fsum(map(get, seen, repeat(0.0))))
        (sa, wa), (sb, wb) = words[ra], words[rb]
        if min(wa, wb) <= 0:
            return 0.0
        return math.fsum(map(get, sa & sb, repeat(0.0))) / min(wa, wb)


def _by_document_pair(pairs: np.ndarray, doc: np.ndarray, size: int) -> Iterator[np.ndarray]:
    """`pairs` in parts of about `size` (at least one), each holding every pair of the documents it
    touches: sorted by their two documents (either order), cut only where those change."""
    if not len(pairs):
        return
    da, db = doc[pairs[:, 0]], doc[pairs[:, 1]]
    lo, hi = np.minimum(da, db), np.maximum(da, db)
    order = np.lexsort((hi, lo))
    pairs, lo, hi = pairs[order], lo[order], hi[order]
    starts = np.flatnonzero((lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])) + 1  # where a document pair begins
    begin = 0
    while True:
        at = int(np.searchsorted(starts, begin + size))  # the first document pair `size` pairs on
        end = int(starts[at]) if at < len(starts) else len(pairs)
        yield pairs[begin:end]
        if end == len(pairs):
            return
        begin = end


class CopiesByDocument:
    """How many members of each cluster a document holds (clusters by root, at the start of a round)."""

    def __init__(self, roots: np.ndarray, doc: np.ndarray):
        self.n_docs = int(doc.max()) + 1 if len(doc) else 1
        self.keys, self.counts = sorted_unique_counts(roots * self.n_docs + doc)

    def elsewhere(self, passages: np.ndarray, roots: np.ndarray, doc: np.ndarray, other_doc: np.ndarray) -> np.ndarray:
        """Mask: the passage's cluster has a member in `other_doc` besides the passage itself."""
        if not len(passages):
            return np.zeros(0, dtype=bool)
        key = roots[passages] * self.n_docs + other_doc
        at = np.searchsorted(self.keys, key).clip(max=len(self.keys) - 1)
        count = np.where(self.keys[at] == key, self.counts[at], 0)
        return count - (doc[passages] == other_doc) > 0


def _neighbour_keys(pairs: np.ndarray, offsets: np.ndarray, doc: np.ndarray, rep: np.ndarray,
                    roots: np.ndarray, copies: CopiesByDocument) -> np.ndarray:
    """lo * n + hi of every pair of passages (lo < hi) that sit within the window of an aligned pair
    `pairs` (x = its first + an offset, y = its second + an offset, each in the same document), are both
    eligible, are not in one cluster yet and sit in the gaps of the alignment of their two documents
    (neither has a copy in the other's document: x's counterpart there is known, so a reprint's
    neighbouring paragraphs are not compared with each other); once per aligned pair it neighbours
    (the support). Each side is screened on its own before the two are paired."""
    n = len(doc)
    ax, ay = pairs[:, 0], pairs[:, 1]

    def side(anchor: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Passages `offsets` away from each anchor (P x W) and whether each may pair."""
        near = anchor[:, None] + offsets[None, :]
        ok = (near >= 0) & (near < n)
        near = np.where(ok, near, anchor[:, None])
        ok &= (doc[near] == doc[anchor][:, None]) & (rep[near] >= 0)
        ok[ok] = ~copies.elsewhere(near[ok], roots, doc, np.broadcast_to(doc[other][:, None], near.shape)[ok])
        return near, ok

    x_near, x_ok = side(ax, ay)
    y_near, y_ok = side(ay, ax)
    pair_at, i, j = np.nonzero(x_ok[:, :, None] & y_ok[:, None, :])
    x, y = x_near[pair_at, i], y_near[pair_at, j]
    ok = (x != y) & ((x != ax[pair_at]) | (y != ay[pair_at])) & (roots[x] != roots[y])
    x, y = x[ok], y[ok]
    return np.minimum(x, y) * n + np.maximum(x, y)


class Alignment:
    """A round's aligned pairs: each member of a cluster with the first `cap` members of its cluster
    (`within_cluster_pairs`), where the two copies sit in two contexts (two documents, or more than
    2 x `window` apart in one: their windows do not meet). Answers "is (a, b) aligned" from the clusters
    by lookups, not by searching the pairs."""

    def __init__(self, roots: np.ndarray, clustered: np.ndarray, doc: np.ndarray, cap: int, window: int):
        self.roots, self.clustered, self.doc, self.cap, self.window = roots, clustered, doc, cap, window
        members = np.flatnonzero(clustered)
        members = members[np.lexsort((members, roots[members]))]  # by cluster, then in order
        starts = np.flatnonzero(first_of_runs(roots[members]))
        self.rank = np.full(len(roots), cap, np.int64)  # place in its cluster (cap: none, or not in the first cap)
        sizes = np.diff(np.append(starts, len(members)))
        self.rank[members] = np.minimum(np.arange(len(members)) - np.repeat(starts, sizes), cap)

    def pairs(self) -> np.ndarray:
        pairs = within_cluster_pairs(self.roots, self.clustered, self.cap)
        return pairs[self.contains(pairs[:, 0], pairs[:, 1])]

    def contains(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Mask: (a[i], b[i]), a[i] < b[i], is an aligned pair."""
        roots, doc = self.roots, self.doc
        return (roots[a] == roots[b]) & (self.rank[a] < self.cap) & ((doc[a] != doc[b]) | (b - a > 2 * self.window))


def _support(keys: np.ndarray, alignment: Alignment, dx: np.ndarray, dy: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """For each pair key (lo * n + hi), the number of aligned pairs (ax < ay) it sits next to as
    `_neighbour_keys` counts them: x = ax + dx, y = ay + dy, each in the document of its aligned passage,
    (x, y) not the aligned pair itself, in either order of lo and hi."""
    n = len(doc)
    lo, hi = np.divmod(keys, n)
    support = np.zeros(len(keys), np.int64)
    for x, y in ((lo, hi), (hi, lo)):
        doc_x, doc_y = doc[x], doc[y]
        for i, j in zip(dx.tolist(), dy.tolist()):
            if i == 0 and j == 0:
                continue
            ax, ay = x - i, y - j
            ok = (ax >= 0) & (ax < n) & (ay >= 0) & (ay < n) & (ax < ay)
            ok[ok] = (doc[ax[ok]] == doc_x[ok]) & (doc[ay[ok]] == doc_y[ok])
            ok[ok] = alignment.contains(ax[ok], ay[ok])
            support += ok
    return support


def _in_sorted(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """keys found in `sorted_keys` (a sorted array), as a mask."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.searchsorted(sorted_keys, keys).clip(max=len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def links_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["a", "b", "similarity"])
