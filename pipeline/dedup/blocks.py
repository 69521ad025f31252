"""Repeated blocks: runs of consecutive repeated passages reprinted together.

An article reprinted inside a thread is one finding, not ninety. Two runs are
copies of one block when their passages are pairwise in the same clusters,
position by position up to a drift of `block_reorder` places (editions
reorder paragraphs) and
with at most `block_gap` unrepeated passages inside a run. Pairwise copies
that overlap are merged, so a post quoted four times is one block with five
copies.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from pipeline.dedup.arrays import first_of_runs
from pipeline.dedup.merge import within_cluster_pairs


def find_blocks(root: np.ndarray, member: np.ndarray, doc: np.ndarray, seq: np.ndarray,
                gap: int, reorder: int, cap: int = 20) -> list[list[tuple[int, int, int]]]:
    """Blocks as lists of copies (doc, first gi, last gi), copies in global order.

    `root[gi]` is the cluster root of each passage, `member[gi]` whether it is a
    member of a cluster with at least two members.
    """
    pairs = within_cluster_pairs(root, member, cap)
    if not len(pairs):
        return []
    narrow = np.int32 if len(root) < 2**31 else np.int64  # tens of millions of pairs on a pile of copies
    x, y = pairs[:, 0].astype(narrow), pairs[:, 1].astype(narrow)
    del pairs
    doc, seq = doc.astype(narrow, copy=False), seq.astype(narrow, copy=False)
    dx, dy = doc[x], doc[y]
    order = np.lexsort((seq[y], seq[x], dy, dx))
    x, y, dx, dy = x[order], y[order], dx[order], dy[order]
    del order
    m = len(x)
    comp = _components(m, _advancing(dx, dy, seq[x], seq[y], 1 + gap, reorder))
    # each chain of two or more advancing pairs: its two runs, (doc, first gi, last gi) each
    order = np.argsort(comp, kind="stable")
    starts = np.flatnonzero(first_of_runs(comp[order]))
    chained = np.diff(np.append(starts, m)) >= 2
    xs, ys = x[order], y[order]
    a_lo, a_hi = np.minimum.reduceat(xs, starts)[chained], np.maximum.reduceat(xs, starts)[chained]
    b_lo, b_hi = np.minimum.reduceat(ys, starts)[chained], np.maximum.reduceat(ys, starts)[chained]
    a_doc, b_doc = dx[order][starts][chained], dy[order][starts][chained]
    ok = (a_lo != a_hi) & (b_lo != b_hi)  # at least two passages on each side
    # not one run overlapping itself (a passage repeated in a row)
    ok &= ~((a_doc == b_doc) & (a_lo <= b_hi) & (b_lo <= a_hi))
    if not ok.any():
        return []
    # spans 2k and 2k + 1 are the two copies of one chain
    span_doc = np.stack([a_doc[ok], b_doc[ok]], axis=1).ravel()
    span_lo = np.stack([a_lo[ok], b_lo[ok]], axis=1).ravel()
    span_hi = np.stack([a_hi[ok], b_hi[ok]], axis=1).ravel()
    n_spans = len(span_doc)
    copies_of = np.arange(0, n_spans, 2)
    # spans of one document that overlap are one copy; the copies of a chain are one block
    block = _components(n_spans, np.concatenate([
        np.stack([copies_of, copies_of + 1], axis=1),
        _overlapping(np.zeros(n_spans, np.int64), span_doc, span_lo, span_hi)[0]]))
    copy_block, copy_doc, copy_lo, copy_hi = _merged_intervals(block, span_doc, span_lo, span_hi)
    blocks: dict[int, list[tuple[int, int, int]]] = {}
    for b_id, d, lo, hi in zip(copy_block.tolist(), copy_doc.tolist(), copy_lo.tolist(), copy_hi.tolist()):
        blocks.setdefault(b_id, []).append((d, lo, hi))
    found = [sorted(copies, key=lambda c: c[1]) for copies in blocks.values() if len(copies) >= 2]
    return sorted(found, key=lambda copies: copies[0][1])


def _overlapping(group: np.ndarray, doc: np.ndarray, lo: np.ndarray, hi: np.ndarray):
    """Intervals [lo, hi] sorted by (group, doc, lo, hi): edges (i, j) between consecutive ones of one group
    and document that touch or overlap what came before them (a sweep with the running end), and the order."""
    order = np.lexsort((hi, lo, doc, group))
    starts, ends = lo[order], hi[order]
    same = ~(first_of_runs(group[order]) | first_of_runs(doc[order]))
    rank = np.cumsum(~same)  # of (group, doc): a running end never reaches across one
    width = int(ends.max()) + 1 if len(ends) else 1
    running_end = np.maximum.accumulate(rank * width + ends) - rank * width
    joins = np.zeros(len(order), dtype=bool)
    joins[1:] = same[1:] & (starts[1:] <= running_end[:-1])
    at = np.flatnonzero(joins)
    return np.stack([order[at - 1], order[at]], axis=1), order, joins


def _merged_intervals(group: np.ndarray, doc: np.ndarray, lo: np.ndarray, hi: np.ndarray):
    """Overlapping intervals of one group and document merged: (group, doc, lo, hi) arrays, one entry per
    merged interval."""
    _, order, joins = _overlapping(group, doc, lo, hi)
    starts = np.flatnonzero(~joins)
    return group[order][starts], doc[order][starts], lo[order][starts], np.maximum.reduceat(hi[order], starts)


def _advancing(dx: np.ndarray, dy: np.ndarray, sx: np.ndarray, sy: np.ndarray, step: int,
               reorder: int) -> np.ndarray:
    """Edges (i, j), i < j, between aligned pairs sorted by (dx, dy, sx, sy) where the second copy
    advances with the first: same two documents, the first copy 1..`step` places on, the second
    moved and drifting at most `reorder` places. Each pair is compared with the pairs after it, one
    distance at a time, while any of them is still within `step` places (vectorised; the same
    comparisons a loop over the pairs would make)."""
    m = len(dx)
    found: list[np.ndarray] = [np.zeros((0, 2), np.int32 if m < 2**31 else np.int64)]
    active = np.arange(m - 1, dtype=np.int64 if m >= 2**31 else np.int32)
    distance = 1
    while len(active):
        j = active + distance
        within = j < m
        active, j = active[within], j[within]
        step_x = sx[j] - sx[active]
        within = (dx[j] == dx[active]) & (dy[j] == dy[active]) & (step_x <= step)
        active, j, step_x = active[within], j[within], step_x[within]
        step_y = sy[j] - sy[active]
        advance = (step_x >= 1) & (step_y != 0) & (np.abs(step_y - step_x) <= reorder)
        found.append(np.stack([active[advance], j[advance]], axis=1))
        distance += 1
    return np.concatenate(found)


def _components(m: int, edges: np.ndarray) -> np.ndarray:
    """The smallest member of each node's connected component (nodes 0..m-1)."""
    if not len(edges):
        return np.arange(m, dtype=np.int64)
    graph = coo_matrix((np.ones(len(edges), np.int32), (edges[:, 0], edges[:, 1])), shape=(m, m))
    _, labels = connected_components(graph, directed=False)
    smallest = np.full(labels.max() + 1, m, np.int64)
    np.minimum.at(smallest, labels, np.arange(m, dtype=np.int64))
    return smallest[labels]
